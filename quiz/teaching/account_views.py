"""Student accounts (`/compte/…`): sign up with a class code, sign in, sign out, my account; my
personal data (what is kept, the download, deleting the account). A student with a teacher's
temporary password is sent to choose their own before any page of their account."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import PasswordChangeView
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from quiz.practice.owners import OWNER, known_owner
from quiz.teaching import accounts, privacy
from quiz.teaching.forms import JoinClassForm, SignUpForm
from quiz.teaching.password_reset import (
    PASSWORD_PAGE,
    password_change_done,
    password_change_pending,
    password_changed_first,
    temporary_password_pending,
)

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
        held_back = not accounts.sign_in_allowed(username=username, client=_client(request))
        if held_back and not temporary_password_pending(username=username):
            refused = accounts.sign_in_refused_message()
        elif form.is_valid():
            _sign_in(request, form.get_user())
            if password_change_pending(user=request.user):
                messages.info(
                    request,
                    "Votre enseignant vous a donné un mot de passe provisoire\u00a0: "
                    "choisissez le vôtre.",
                )
                return redirect(PASSWORD_PAGE)
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


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label="Votre mot de passe",
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def _account_page(
    request: HttpRequest,
    form: JoinClassForm | None = None,
    delete_form: AccountDeleteForm | None = None,
    delete_refused: str = "",
) -> HttpResponse:
    enrolments = request.user.enrolments.select_related("school_class__teacher")
    return render(
        request,
        "quiz/accounts/account.html",
        {
            "form": JoinClassForm() if form is None else form,
            "enrolments": enrolments,
            "delete_form": AccountDeleteForm() if delete_form is None else delete_form,
            "delete_refused": delete_refused,
            "can_delete": not (request.user.is_staff or request.user.is_superuser),
        },
    )


@login_required
@password_changed_first
@require_http_methods(["GET", "HEAD", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """My account: my classes, join another with its code, change my password, my data."""
    form = JoinClassForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        school_class = form.cleaned_data["class_code"]
        if accounts.student_enrol(student=request.user, school_class=school_class):
            messages.info(request, f"Vous avez rejoint la classe {school_class}.")
        else:
            messages.info(request, f"Vous êtes déjà dans la classe {school_class}.")
        return redirect(ACCOUNT)
    return _account_page(request, form=form)


@require_safe
@password_changed_first
def personal_data(request: HttpRequest) -> HttpResponse:
    """What the app keeps about a student, why, for how long, and how to delete it (public)."""
    return render(
        request,
        "quiz/accounts/personal_data.html",
        {
            "retention_days": privacy.retention_days(),
            "session_days": settings.SESSION_COOKIE_AGE // 86400,
        },
    )


@require_safe
@login_required
@password_changed_first
@never_cache
def personal_data_json(request: HttpRequest) -> HttpResponse:
    """My data, as a JSON file to download."""
    data = privacy.account_data(user=request.user, now=timezone.now())
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-ndrc-revisions.json"'
    return response


@require_POST
@login_required
@password_changed_first
def account_delete(request: HttpRequest) -> HttpResponse:
    """Delete my account and my practice, after typing my password again (a teacher's account
    is the administrator's to delete: it holds classes and sessions)."""
    user = request.user
    if user.is_staff or user.is_superuser:
        messages.info(request, "Un compte enseignant est supprimé par l’administrateur du site.")
        return redirect(ACCOUNT)
    form = AccountDeleteForm(request.POST)
    username, client = user.get_username(), _client(request)
    if not accounts.sign_in_allowed(username=username, client=client):
        return _account_page(
            request, delete_form=form, delete_refused=accounts.sign_in_refused_message()
        )
    if not form.is_valid() or not user.check_password(form.cleaned_data["password"]):
        accounts.sign_in_failed(username=username, client=client)
        form.add_error(None, "Mot de passe incorrect\u00a0: votre compte n’a pas été supprimé.")
        return _account_page(request, delete_form=form)
    logout(request)
    privacy.account_delete(user=user)
    messages.info(request, "Votre compte et votre entraînement ont été supprimés.")
    return redirect("home")


class PasswordChange(PasswordChangeView):
    """Change my password (the session stays signed in)."""

    template_name = "quiz/accounts/password_change.html"
    success_url = reverse_lazy(ACCOUNT)

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        context = super().get_context_data(**kwargs)
        context["temporary"] = password_change_pending(user=self.request.user)
        return context

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        password_change_done(user=self.request.user)
        messages.info(self.request, "Votre mot de passe a été changé.")
        return super().form_valid(form)
