"""The forms of the accounts: sign-up with a class code, joining another class."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User

from quiz.models import Assignment, Quiz, SchoolClass
from quiz.teaching.classes import class_by_code

UNKNOWN_CODE = "Aucune classe n’a ce code : vérifiez-le auprès de votre enseignant."


class ClassCodeField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            label="Code de la classe",
            max_length=20,
            help_text="Les 6 caractères affichés par votre enseignant.",
            widget=forms.TextInput(
                attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
            ),
            **kwargs,
        )


def _school_class(raw: str) -> SchoolClass:
    school_class = class_by_code(raw.replace("\x00", ""))
    if school_class is None:
        raise forms.ValidationError(UNKNOWN_CODE)
    return school_class


class SignUpForm(UserCreationForm):
    """A student account: a class code, a username, a password twice, an optional first name;
    no e-mail (students are often minors)."""

    class_code = ClassCodeField()
    first_name = forms.CharField(
        label="Prénom (facultatif)",
        max_length=150,
        required=False,
        help_text="Votre enseignant vous reconnaîtra plus facilement.",
    )

    field_order = ("class_code", "username", "first_name", "password1", "password2")

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name")

    def clean_class_code(self) -> SchoolClass:
        return _school_class(self.cleaned_data["class_code"])

    def clean_first_name(self) -> str:
        return " ".join(self.cleaned_data["first_name"].replace("\x00", "").split())


class JoinClassForm(forms.Form):
    class_code = ClassCodeField()

    def clean_class_code(self) -> SchoolClass:
        return _school_class(self.cleaned_data["class_code"])


DATE_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y %Hh%M", "%d/%m/%Y"]


class LocalDateTimeInput(forms.DateTimeInput):
    """A browser's date-and-time picker (shown in French by a French browser), in Paris time."""

    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


class AssignmentForm(forms.Form):
    """A published quiz given to a class, with its dates and rules (Europe/Paris)."""

    quiz = forms.ModelChoiceField(
        label="Quiz",
        queryset=Quiz.objects.none(),
        empty_label="Choisissez un quiz publié",
        error_messages={"invalid_choice": "Choisissez un des quiz publiés."},
    )
    opens_at = forms.DateTimeField(
        label="Ouverture", input_formats=DATE_FORMATS, widget=LocalDateTimeInput()
    )
    due_at = forms.DateTimeField(
        label="Date limite", input_formats=DATE_FORMATS, widget=LocalDateTimeInput()
    )
    attempts = forms.ChoiceField(
        label="Tentatives",
        choices=Assignment.Attempts.choices,
        initial=Assignment.Attempts.ONE,
        widget=forms.RadioSelect,
    )
    correction = forms.ChoiceField(
        label="Correction montrée",
        choices=Assignment.Correction.choices,
        initial=Assignment.Correction.EACH,
        widget=forms.RadioSelect,
    )
    late_work = forms.BooleanField(
        label="Accepter le travail rendu après la date limite (il est marqué en retard)",
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quiz"].queryset = Quiz.objects.published().order_by("title")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, due = data.get("opens_at"), data.get("due_at")
        if opens and due and due <= opens:
            self.add_error("due_at", "La date limite doit venir après l’ouverture.")
        return data
