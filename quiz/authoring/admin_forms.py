"""The quiz question form of the admin: French tolerance and points, the rounding, the concept
question chosen from the bank by lesson or written in place (it then joins the bank)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction

from calculators.numbers import NumberParseError
from courses.models import ConceptQuestion, Lesson, QuestionOption
from courses.services import option_set_errors
from quiz.authoring import french
from quiz.models import QuizQuestion

DECIMAL_INPUT = {"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false", "size": 8}
MAX_TEXT = 2000
RIGHT_MARK = "*"


def bank_choices() -> list[tuple[Any, Any]]:
    """The bank's questions grouped by lesson (`<optgroup>`): found by lesson, then by their stem."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for question in ConceptQuestion.objects.select_related("lesson").order_by(
        "lesson__order", "id"
    ):
        groups.setdefault(question.lesson.title, []).append((question.pk, question.stem[:120]))
    return [("", "— choisir dans la banque —"), *groups.items()]


def parse_options(text: str) -> list[tuple[str, bool]]:
    """One option a line; a line starting with `*` is a right answer (`* Vrai`)."""
    options = []
    for line in text.replace("\x00", "").splitlines():
        line = line.strip()
        if not line:
            continue
        right = line.startswith(RIGHT_MARK)
        options.append((line.lstrip(RIGHT_MARK).strip()[:300], right))
    return options


class QuizQuestionForm(forms.ModelForm):
    tolerance = forms.CharField(
        label="Valeur de la tolérance",
        max_length=40,
        widget=forms.TextInput(attrs=DECIMAL_INPUT),
        help_text="Absolue, dans l’unité du résultat\u00a0: 0,01 par défaut (±0,01). "
        "Relative\u00a0: 5\u00a0% (ou 0,05) pour ±5\u00a0% du résultat.",
    )
    points = forms.CharField(
        label="Points",
        max_length=40,
        initial="1",
        widget=forms.TextInput(attrs={**DECIMAL_INPUT, "inputmode": "numeric"}),
        help_text="Un nombre entier, de 0 à 10\u202f000.",
    )
    concept_question = forms.TypedChoiceField(
        label="Question de la banque",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="Classées par leçon. Ou écrivez-en une nouvelle ci-dessous.",
    )
    new_lesson = forms.ModelChoiceField(
        label="Leçon de la nouvelle question",
        queryset=Lesson.objects.order_by("order"),
        required=False,
    )
    new_kind = forms.ChoiceField(
        label="Type de la nouvelle question",
        choices=ConceptQuestion.Kind.choices,
        required=False,
        initial=ConceptQuestion.Kind.SINGLE,
    )
    new_stem = forms.CharField(
        label="Énoncé de la nouvelle question",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    new_options = forms.CharField(
        label="Options (une par ligne, * devant les bonnes)",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Par exemple\u00a0: «\u00a0* Vrai\u00a0» puis «\u00a0Faux\u00a0».",
    )
    new_explanation = forms.CharField(
        label="Explication montrée après la réponse",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = QuizQuestion
        fields = [
            "order",
            "kind",
            "points",
            "time_limit",
            "concept_question",
            "kpi_slug",
            "difficulty",
            "decimals",
            "tolerance_kind",
            "tolerance",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._draft: tuple[Lesson, str, str, str, list[tuple[str, bool]]] | None = None
        self.fields["concept_question"].choices = bank_choices()
        instance = self.instance
        self.initial["tolerance"] = french.tolerance_text(
            instance.tolerance_kind, instance.tolerance
        )
        self.initial["points"] = str(instance.points)
        if instance.concept_question_id:
            self.initial["concept_question"] = instance.concept_question_id

    def clean_tolerance(self) -> Any:
        kind = self.data.get(self.add_prefix("tolerance_kind"), QuizQuestion.ToleranceKind.ABSOLUTE)
        try:
            return french.parse_tolerance(str(kind), self.cleaned_data["tolerance"])
        except NumberParseError as error:
            raise forms.ValidationError(error.message) from error

    def clean_points(self) -> int:
        try:
            return french.parse_points(self.cleaned_data["points"])
        except NumberParseError as error:
            raise forms.ValidationError(error.message) from error

    def clean_concept_question(self) -> ConceptQuestion | None:
        pk = self.cleaned_data.get("concept_question")
        if pk is None:
            return None
        question = ConceptQuestion.objects.filter(pk=pk).first()
        if question is None:
            raise forms.ValidationError("Cette question n’est pas dans la banque.")
        return question

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == QuizQuestion.Kind.CONCEPT:
            self._clean_concept(data)
        elif data.get("kind") == QuizQuestion.Kind.NUMERIC:
            data["concept_question"] = None
            if not data.get("kpi_slug"):
                self.add_error("kpi_slug", "Choisissez l’indicateur de l’exercice chiffré.")
        return data

    def _clean_concept(self, data: dict[str, Any]) -> None:
        data["kpi_slug"] = ""
        stem = (data.get("new_stem") or "").replace("\x00", "").strip()
        if data.get("concept_question") is not None:
            if stem:
                self.add_error(
                    "new_stem",
                    "Choisissez une question de la banque ou écrivez-en une, pas les deux.",
                )
            return
        if not stem:
            self.add_error(
                "concept_question",
                "Choisissez une question de la banque ou écrivez une nouvelle question.",
            )
            return
        lesson = data.get("new_lesson")
        kind = data.get("new_kind") or ConceptQuestion.Kind.SINGLE
        explanation = (data.get("new_explanation") or "").replace("\x00", "").strip()
        options = parse_options(data.get("new_options") or "")
        if lesson is None:
            self.add_error("new_lesson", "Choisissez la leçon de la nouvelle question.")
        if not explanation:
            self.add_error("new_explanation", "Écrivez l’explication montrée après la réponse.")
        errors = option_set_errors(kind, options)
        if errors:
            self.add_error("new_options", errors)
        if lesson is not None and explanation and not errors:
            self._draft = (lesson, kind, stem, explanation, options)

    def _get_validation_exclusions(self) -> set[str]:
        exclusions = super()._get_validation_exclusions()
        if self._draft is not None:
            # The bank question is created on save: the model's check cannot see it yet.
            exclusions.add("concept_question")
        return exclusions

    @transaction.atomic
    def save(self, commit: bool = True) -> QuizQuestion:
        if self._draft is not None and self.instance.concept_question_id is None:
            lesson, kind, stem, explanation, options = self._draft
            question = ConceptQuestion.objects.create(
                lesson=lesson, kind=kind, stem=stem, explanation=explanation
            )
            QuestionOption.objects.bulk_create(
                QuestionOption(question=question, order=order, text=text, is_correct=right)
                for order, (text, right) in enumerate(options, start=1)
            )
            self.instance.concept_question = question
            self._draft = None
        return super().save(commit=commit)
