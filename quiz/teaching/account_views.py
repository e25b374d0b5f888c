"""Student accounts (`/compte/…`): sign up with a class code, sign in, sign out, my account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import PasswordChangeView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from quiz.practice.owners import OWNER, known_owner
from quiz.teaching import accounts
from quiz.teaching.forms import JoinClassForm, SignUpForm

ACCOUNT = "accounts:account"


def _client(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "inconnu"


def _sign_in(request: HttpRequest, user: object) -> None:
    """Sign in, bringing along what this browser practised anonymously."""
    anonymous = known_owner(request)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if anonymous:
        accounts.practice_merge(from_owner=anonymous, to_owner=f"user:{request.user.pk}")
    request.session.pop(OWNER, None)


def _next_url(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else None


@require_http_methods(["GET", "HEAD", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    """A student account tied to a class by its code (`?code=` pre-fills it: the class's QR)."""
    if request.method == "POST":
        form = SignUpForm(request.POST)
        if form.is_valid():
            user = form.save()
            accounts.student_enrol(student=user, school_class=form.cleaned_data["class_code"])
            _sign_in(request, user)
            messages.info(
                request, f"Bienvenue dans la classe {form.cleaned_data['class_code']}\u202f!"
            )
            return redirect(ACCOUNT)
    else:
        form = SignUpForm(initial={"class_code": request.GET.get("code", "")[:20]})
    return render(request, "quiz/accounts/sign_up.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    """Username and password; repeated wrong passwords for one account from one client wait."""
    form = AuthenticationForm(request, data=request.POST if request.method == "POST" else None)
    refused = ""
    if request.method == "POST":
        username = request.POST.get("username", "")[:150]
        if not accounts.sign_in_allowed(username=username, client=_client(request)):
            refused = accounts.sign_in_refused_message()
        elif form.is_valid():
            _sign_in(request, form.get_user())
            return redirect(_next_url(request) or ACCOUNT)
        else:
            accounts.sign_in_failed(username=username, client=_client(request))
    return render(
        request,
        "quiz/accounts/sign_in.html",
        {"form": form, "refused": refused, "next": _next_url(request) or ""},
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "Vous êtes déconnecté.")
    return redirect("home")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """My account: my classes, join another with its code, change my password."""
    form = JoinClassForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        school_class = form.cleaned_data["class_code"]
        if accounts.student_enrol(student=request.user, school_class=school_class):
            messages.info(request, f"Vous avez rejoint la classe {school_class}.")
        else:
            messages.info(request, f"Vous êtes déjà dans la classe {school_class}.")
        return redirect(ACCOUNT)
    enrolments = request.user.enrolments.select_related("school_class__teacher")
    return render(request, "quiz/accounts/account.html", {"form": form, "enrolments": enrolments})


class PasswordChange(PasswordChangeView):
    """Change my password (the session stays signed in)."""

    template_name = "quiz/accounts/password_change.html"
    success_url = reverse_lazy(ACCOUNT)

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        messages.info(self.request, "Votre mot de passe a été changé.")
        return super().form_valid(form)
