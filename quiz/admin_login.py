"""The admin's sign-in, limited like the students' (quiz.teaching.accounts): too many wrong passwords
for one account from one client, or for one account from everywhere, wait a quarter of an hour.

Installed on `admin.site` by `QuizConfig.ready()`."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError

from quiz.teaching.accounts import sign_in_allowed, sign_in_failed, sign_in_refused_message


def _client(form: AdminAuthenticationForm) -> str:
    request = form.request
    return (request.META.get("REMOTE_ADDR", "") if request else "") or "inconnu"


class LimitedAdminAuthenticationForm(AdminAuthenticationForm):
    """A refused attempt is not counted: a client that keeps guessing does not lock the account
    for everyone else (the per-account limit only counts guesses that were checked)."""

    def clean(self) -> dict[str, Any]:
        username = str(self.data.get("username", ""))[:150]
        client = _client(self)
        if not sign_in_allowed(username=username, client=client):
            raise ValidationError(sign_in_refused_message(), code="too_many_attempts")
        try:
            return super().clean()
        except ValidationError:
            sign_in_failed(username=username, client=client)
            raise


def install_admin_login() -> None:
    from django.contrib import admin

    admin.site.login_form = LimitedAdminAuthenticationForm
