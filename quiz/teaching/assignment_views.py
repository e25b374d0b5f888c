"""The teacher's homework pages (`/enseignant/…`, staff only): give a quiz to a class, read its
results (per student, per question, the class's mistakes), a student's detail, the CSV files."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from quiz.csv_cells import safe_cell
from quiz.errors import Refusal
from quiz.models import Assignment, Attempt
from quiz.practice import series
from quiz.teaching import assignments, classes, results
from quiz.teaching.forms import AssignmentForm


def _owned_assignment(request: HttpRequest, assignment_id: int) -> Assignment:
    found = Assignment.objects.select_related("quiz", "school_class").filter(pk=assignment_id)
    if not request.user.is_superuser:
        found = found.filter(school_class__teacher=request.user.pk)
    assignment = found.first()
    if assignment is None:
        raise Http404("Devoir introuvable.")
    return assignment


@require_http_methods(["GET", "HEAD", "POST"])
@staff_member_required
def assignment_new(request: HttpRequest, class_id: int) -> HttpResponse:
    """Give a published quiz to the class (`quiz`, `opens_at`, `due_at` and the rules)."""
    school_class = classes.class_for(user=request.user, class_id=class_id)
    if school_class is None:
        raise Http404("Classe introuvable.")
    form = AssignmentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = assignments.assignment_create(
                school_class=school_class,
                quiz=data["quiz"],
                opens_at=data["opens_at"],
                due_at=data["due_at"],
                attempt_rule=data["attempts"],
                correction=data["correction"],
                late_work=data["late_work"],
            )
        except Refusal as refusal:
            form.add_error("quiz", refusal.message)
        else:
            return redirect("teaching:assignment", assignment_id=assignment.pk)
    return render(
        request,
        "quiz/teaching/assignment_new.html",
        {"school_class": school_class, "form": form},
    )


@require_safe
@staff_member_required
def assignment_results(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """One row per student, one column per question, the class's mistakes."""
    assignment = _owned_assignment(request, assignment_id)
    return render(
        request,
        "quiz/teaching/assignment_results.html",
        {
            "assignment": assignment,
            "results": results.assignment_results(assignment=assignment),
            "now": timezone.now(),
        },
    )


@require_safe
@staff_member_required
def assignment_student(request: HttpRequest, assignment_id: int, student_id: int) -> HttpResponse:
    """What one student did: each exercise with their own numbers, their answer, the verdict."""
    assignment = _owned_assignment(request, assignment_id)
    student = User.objects.filter(
        pk=student_id, enrolments__school_class=assignment.school_class
    ).first()
    if student is None:
        raise Http404("Élève introuvable.")
    attempts = list(
        Attempt.objects.filter(assignment=assignment, owner=assignments.owner_of(student)).order_by(
            "created_at"
        )
    )
    shown = []
    for number, attempt in enumerate(attempts, start=1):
        rows = [
            series.item_screen(item=item, feedback=series.item_feedback(item=item))
            for item in series.attempt_items(attempt=attempt)
        ]
        shown.append((number, attempt, rows))
    return render(
        request,
        "quiz/teaching/assignment_student.html",
        {"assignment": assignment, "student": student, "attempts": shown},
    )


def _csv_response(name: str) -> tuple[HttpResponse, Any]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")
    return response, csv.writer(response, delimiter=";")


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


@require_safe
@staff_member_required
def assignment_csv(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """One row per student, for French Excel (UTF-8 with BOM, `;`, decimal comma)."""
    assignment = _owned_assignment(request, assignment_id)
    table = results.assignment_results(assignment=assignment)
    response, writer = _csv_response(f"devoir-{assignment.pk}-resultats.csv")
    writer.writerow(
        ["Élève", "Prénom", "Score", "Sur", "Questions répondues", "En retard", "Temps (min)"]
        + [f"Q{column.number}" for column in table.columns]
    )
    for row in table.rows:
        spent = row.time_spent
        writer.writerow(
            [
                safe_cell(row.student.username),
                safe_cell(row.student.first_name),
                row.score,
                row.maximum,
                row.answered,
                "oui" if row.late else "non",
                _decimal(spent.total_seconds() / 60) if spent else "",
            ]
            + [
                (item.points if item.verdict == "correct" else 0) if item.is_answered else ""
                for item in row.items
            ]
        )
    return response


@require_safe
@staff_member_required
def assignment_answers_csv(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """One row per answer: student, attempt, question, the answer as typed, verdict, mistake."""
    assignment = _owned_assignment(request, assignment_id)
    table = results.assignment_results(assignment=assignment)
    response, writer = _csv_response(f"devoir-{assignment.pk}-reponses.csv")
    writer.writerow(
        [
            "Élève",
            "Question",
            "Indicateur ou question",
            "Réponse",
            "Verdict",
            "Erreur repérée",
            "Répondu le",
        ]
    )
    for row in table.rows:
        for item, column in zip(row.items, table.columns, strict=False):
            writer.writerow(
                [
                    safe_cell(row.student.username),
                    column.number,
                    safe_cell(column.title),
                    safe_cell(item.answer),
                    item.verdict,
                    item.diagnosis,
                    timezone.localtime(item.answered_at).strftime("%d/%m/%Y %H:%M")
                    if item.answered_at
                    else "",
                ]
            )
    return response
