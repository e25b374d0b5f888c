"""The ways out of the app for one quiz, staff only: the Moodle XML file
(`/enseignant/quiz/<id>/moodle.xml`), the printable worksheets (`…/fiches/?eleves=N` or
`?classe=<id>`) and their PDF (`…/fiches/pdf/?…`). Any teacher may export any quiz (as any may
preview and copy it: exporting changes nothing); worksheets for a class need one's own class."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from quiz.authoring import moodle, worksheets
from quiz.authoring.moodle_choices import ChoiceItem
from quiz.errors import Refusal
from quiz.grading import tolerance_for
from quiz.inputs import small_int
from quiz.models import Quiz, QuizQuestion
from quiz.teaching import classes

SHEETS_TEMPLATE = "quiz/authoring/worksheets.html"
FORM_TEMPLATE = "quiz/authoring/worksheets_form.html"


def _quiz(quiz_id: int) -> Quiz:
    quiz = Quiz.objects.filter(pk=quiz_id).first()
    if quiz is None:
        raise Http404("Quiz introuvable.")
    return quiz


def _moodle_items(quiz: Quiz) -> list[moodle.NumericItem | ChoiceItem]:
    """The quiz's questions as the Moodle writer reads them (two queries)."""
    questions = list(
        QuizQuestion.objects.filter(quiz=quiz)
        .select_related("concept_question")
        .prefetch_related("concept_question__options")
        .order_by("order", "id")
    )
    items: list[moodle.NumericItem | ChoiceItem] = []
    for question in questions:
        decimals = getattr(question, "decimals", 2)
        if question.kind == QuizQuestion.Kind.NUMERIC:
            items.append(
                moodle.NumericItem(
                    key=question.pk,
                    kpi_slug=question.kpi_slug,
                    difficulty=question.difficulty,
                    tolerance=tolerance_for(question.tolerance_kind, question.tolerance, decimals),
                    decimals=decimals,
                    points=question.points,
                )
            )
        elif (concept := question.concept_question) is not None:
            items.append(
                ChoiceItem(
                    stem=concept.stem,
                    kind=concept.kind,
                    explanation=concept.explanation,
                    options=tuple((o.text, o.is_correct) for o in concept.options.all()),
                    points=question.points,
                )
            )
    return items


@require_safe
@staff_member_required
def quiz_moodle_xml(request: HttpRequest, quiz_id: int) -> HttpResponse:
    """The quiz as a Moodle XML file to import into a Moodle question bank (a download)."""
    quiz = _quiz(quiz_id)
    try:
        xml = moodle.quiz_xml(title=quiz.title, items=_moodle_items(quiz))
    except ValueError:  # a KPI the catalogue no longer has, or one it cannot draw data for
        messages.error(request, "Ce quiz contient une question qui ne peut pas être exportée.")
        return redirect("authoring:preview", quiz_id=quiz.pk)
    response = HttpResponse(xml, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{moodle.moodle_filename(quiz.title)}"'
    return response


def _requested_sheets(request: HttpRequest, quiz: Quiz) -> worksheets.Worksheets | None:
    """The sheets `?classe=<id>` (one of the teacher's classes) or `?eleves=N` ask for; None when
    neither is given. Raises Refusal (French) on anything else."""
    class_raw = request.GET.get("classe", "")
    count_raw = request.GET.get("eleves", "")
    day = timezone.localdate()
    if class_raw:
        class_id = small_int(class_raw)
        school_class = (
            classes.class_for(user=request.user, class_id=class_id)
            if class_id is not None
            else None
        )
        if school_class is None:
            raise Refusal("Choisissez une de vos classes.")
        return worksheets.worksheets_for(quiz=quiz, day=day, school_class=school_class)
    if count_raw:
        count = worksheets.worksheet_count(count_raw)
        return worksheets.worksheets_for(quiz=quiz, day=day, count=count)
    return None


def _form(request: HttpRequest, quiz: Quiz, error: str = "") -> HttpResponse:
    typed = request.GET.get("eleves", "").replace("\x00", "")[:3]
    return render(
        request,
        FORM_TEMPLATE,
        {
            "quiz": quiz,
            "error": error,
            "typed": typed,
            "classes": classes.classes_for(user=request.user),
            "max_sheets": worksheets.MAX_SHEETS,
        },
    )


def _sheets_context(request: HttpRequest, sheets: worksheets.Worksheets) -> dict[str, object]:
    query = (
        {"classe": sheets.school_class.pk}
        if sheets.school_class
        else {"eleves": len(sheets.sheets)}
    )
    pdf_url = reverse("authoring:worksheets-pdf", args=[sheets.quiz.pk]) + "?" + urlencode(query)
    return {"worksheets": sheets, "quiz": sheets.quiz, "pdf_url": pdf_url}


def _sheets_or_form(request: HttpRequest, quiz_id: int) -> worksheets.Worksheets | HttpResponse:
    """The sheets the query asks for, or the form (with the refusal's message) when it asks for
    none or for sheets that cannot be: the page and its PDF answer one query the same way."""
    quiz = _quiz(quiz_id)
    try:
        sheets = _requested_sheets(request, quiz)
    except Refusal as refusal:
        return _form(request, quiz, refusal.message)
    if sheets is None:
        return _form(request, quiz)
    return sheets


@require_safe
@staff_member_required
def quiz_worksheets(request: HttpRequest, quiz_id: int) -> HttpResponse:
    """One printable sheet per student with its own numbers, then the answer key."""
    sheets = _sheets_or_form(request, quiz_id)
    if isinstance(sheets, HttpResponse):
        return sheets
    return render(request, SHEETS_TEMPLATE, _sheets_context(request, sheets))


@require_safe
@staff_member_required
def quiz_worksheets_pdf(request: HttpRequest, quiz_id: int) -> HttpResponse:
    """The same sheets and key as a PDF, rendered on the server by WeasyPrint (a download)."""
    sheets = _sheets_or_form(request, quiz_id)
    if isinstance(sheets, HttpResponse):
        return sheets
    html = render_to_string(
        SHEETS_TEMPLATE, {**_sheets_context(request, sheets), "pdf": True}, request=request
    )
    response = HttpResponse(worksheets.worksheets_pdf(html=html), content_type="application/pdf")
    name = moodle.ascii_name(sheets.quiz.title)
    response["Content-Disposition"] = f'attachment; filename="fiches-{name}.pdf"'
    return response
