"""Whether a quiz may be shown to students: publish and unpublish, after checking every question.

A quiz is published only when students can play all of it: it has questions, each numeric question
generates and grades its own expected answer, each concept question has options and right ones that
its kind allows. The French message names what is wrong, question by question.
"""

from __future__ import annotations

from django.db import transaction

from calculators.kpis import KPIS_BY_SLUG
from quiz.authoring.drawing import question_exercise
from quiz.authoring.ownership import quiz_lock_reason
from quiz.engine.generate import DIFFICULTIES
from quiz.engine.grade import CORRECT
from quiz.errors import Refusal
from quiz.grading import grade_answer, tolerance_for
from quiz.models import Quiz, QuizQuestion

CHECKED_SEEDS = range(5)  # a handful of draws: enough to catch a question that cannot be generated


def question_problem(question: QuizQuestion) -> str | None:
    """Why students could not play this question, in French, or None when it is playable."""
    if question.kind == QuizQuestion.Kind.NUMERIC:
        return _numeric_problem(question)
    if question.kind == QuizQuestion.Kind.CONCEPT:
        return _concept_problem(question)
    return "son type est inconnu"


def _numeric_problem(question: QuizQuestion) -> str | None:
    if question.kpi_slug not in KPIS_BY_SLUG:
        return "aucun indicateur connu n’est choisi"
    if question.difficulty not in DIFFICULTIES:
        return "sa difficulté doit être 1, 2 ou 3"
    if question.decimals not in (0, 1, 2):
        return "son arrondi doit être de 0, 1 ou 2 décimales"
    tolerance = tolerance_for(question.tolerance_kind, question.tolerance, question.decimals)
    for seed in CHECKED_SEEDS:
        try:
            exercise = question_exercise(question, seed)
            feedback = grade_answer(
                exercise=exercise, tolerance=tolerance, answer=str(exercise.expected)
            )
        except (ValueError, ArithmeticError, KeyError):
            return "l’exercice ne peut pas être généré"
        if feedback.verdict != CORRECT:
            return "la réponse attendue ne serait pas acceptée (vérifiez la tolérance)"
    return None


def _concept_problem(question: QuizQuestion) -> str | None:
    concept = question.concept_question
    if concept is None:
        return "aucune question de cours n’est choisie"
    options = list(concept.options.all())
    right = sum(option.is_correct for option in options)
    if len(options) < 2:
        return "la question de cours a moins de deux options"
    if right == 0:
        return "aucune option n’est marquée comme bonne réponse"
    if concept.kind != concept.Kind.MULTIPLE and right > 1:
        return "plusieurs bonnes réponses pour une question à réponse unique"
    return None


def quiz_problems(*, quiz: Quiz) -> list[str]:
    """Everything that keeps `quiz` from being published, one French sentence each (empty: fine)."""
    questions = list(
        quiz.questions.select_related("concept_question").prefetch_related(
            "concept_question__options"
        )
    )
    if not questions:
        return [f"«\u00a0{quiz.title}\u00a0» n’a aucune question."]
    problems = []
    for position, question in enumerate(questions, start=1):
        problem = question_problem(question)
        if problem:
            problems.append(
                f"«\u00a0{quiz.title}\u00a0», question {position} ({question})\u00a0: {problem}."
            )
    return problems


@transaction.atomic
def quiz_publish(*, quiz: Quiz) -> Quiz:
    """Publish `quiz` once every question is playable; Refusal names the questions at fault."""
    problems = quiz_problems(quiz=quiz)
    if problems:
        raise Refusal("Publication impossible. " + " ".join(problems))
    if not quiz.is_published:
        quiz.is_published = True
        quiz.save(update_fields=["is_published"])
    return quiz


@transaction.atomic
def quiz_unpublish(*, quiz: Quiz) -> Quiz:
    """Hide `quiz` from students, unless a class is playing it or has it as open homework."""
    reason = quiz_lock_reason(quiz=quiz)
    if reason:
        raise Refusal(f"Impossible de retirer «\u00a0{quiz.title}\u00a0»\u00a0: {reason}.")
    if quiz.is_published:
        quiz.is_published = False
        quiz.save(update_fields=["is_published"])
    return quiz
