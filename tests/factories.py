"""factory-boy factories for the models several test modules build.

The course fixture (`course` in tests/conftest.py) holds the real lessons and concept questions;
these factories make what the tests need on top of it, or without it.
"""

from __future__ import annotations

import secrets

import factory
from django.contrib.auth.models import User
from django.utils import timezone
from factory.django import DjangoModelFactory, Password

from courses.models import Chapter, ConceptQuestion, Lesson, QuestionOption
from quiz.models import Attempt, AttemptItem, LiveSession, Player, Quiz, QuizQuestion, ReviewCard

# The course fixture's concept question the live tests ask ("Un magasin de sport publie…").
COURSE_CONCEPT_QUESTION = 3
DEFAULT_OPTIONS = [("Bonne réponse", True), ("Mauvaise réponse", False)]


# --------------------------------------------------------------------------------------------------
# Accounts
# --------------------------------------------------------------------------------------------------


class UserFactory(DjangoModelFactory):
    """A student's account (no staff rights). `password` is the raw password, hashed here."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"eleve{n}")
    password = Password("x")


class TeacherFactory(UserFactory):
    """A staff account: it may animate live sessions. `superuser=True` for the admin's chief."""

    username = factory.Sequence(lambda n: f"prof{n}")
    is_staff = True

    class Params:
        superuser = factory.Trait(is_superuser=True)


# --------------------------------------------------------------------------------------------------
# Course content (when the `course` fixture's questions do not fit)
# --------------------------------------------------------------------------------------------------


class ChapterFactory(DjangoModelFactory):
    class Meta:
        model = Chapter
        django_get_or_create = ("slug",)

    slug = "chapitre-test"
    title = "Chapitre de test"


class LessonFactory(DjangoModelFactory):
    class Meta:
        model = Lesson

    chapter = factory.SubFactory(ChapterFactory)
    slug = factory.Sequence(lambda n: f"lecon-test-{n}")
    order = factory.Sequence(lambda n: 100 + n)
    title = factory.Sequence(lambda n: f"Leçon de test {n}")
    summary = "Une leçon pour les tests."
    key_points = "- Un point à retenir."
    worked_example = "Un exemple corrigé."


class ConceptQuestionFactory(DjangoModelFactory):
    """A single-choice question with two options, the first one right.

    `options=[("Vrai", True), ("Faux", False)]` gives other options."""

    class Meta:
        model = ConceptQuestion
        skip_postgeneration_save = True

    lesson = factory.SubFactory(LessonFactory)
    kind = ConceptQuestion.Kind.SINGLE
    stem = factory.Sequence(lambda n: f"Question de cours n°\u00a0{n}\u202f?")
    explanation = "Parce que c’est la définition du cours."

    @factory.post_generation
    def options(question, create, extracted, **kwargs):
        if not create:
            return
        options = DEFAULT_OPTIONS if extracted is None else extracted
        for order, (text, right) in enumerate(options, start=1):
            QuestionOptionFactory(question=question, order=order, text=text, is_correct=right)


class QuestionOptionFactory(DjangoModelFactory):
    class Meta:
        model = QuestionOption

    question = factory.SubFactory(ConceptQuestionFactory, options=[])
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Option {n}")
    is_correct = False


# --------------------------------------------------------------------------------------------------
# Quizzes
# --------------------------------------------------------------------------------------------------


class QuizFactory(DjangoModelFactory):
    """A published quiz without questions (`is_published=False` for a draft)."""

    class Meta:
        model = Quiz

    title = factory.Sequence(lambda n: f"Quiz {n}")
    is_published = True


class QuizQuestionFactory(DjangoModelFactory):
    """A numeric question (a real KPI of the catalogue); `concept=True` for a concept question,
    on a new ConceptQuestion with its options unless `concept_question=` names one."""

    class Meta:
        model = QuizQuestion

    quiz = factory.SubFactory(QuizFactory)
    order = factory.Sequence(lambda n: n + 1)
    kind = QuizQuestion.Kind.NUMERIC
    kpi_slug = "cpc"
    difficulty = 1

    class Params:
        concept = factory.Trait(
            kind=QuizQuestion.Kind.CONCEPT,
            kpi_slug="",
            concept_question=factory.SubFactory(ConceptQuestionFactory),
        )


def numeric_and_concept_quiz(
    *,
    kpi_slug: str = "cpc",
    difficulty: int = 1,
    concept_question_id: int = COURSE_CONCEPT_QUESTION,
    **quiz_fields,
) -> Quiz:
    """The live tests' quiz: a numeric question on `kpi_slug`, then a concept question of the
    course fixture (load it first: the `course` fixture)."""
    quiz = QuizFactory(**quiz_fields)
    QuizQuestionFactory(quiz=quiz, order=1, kpi_slug=kpi_slug, difficulty=difficulty)
    QuizQuestionFactory(
        quiz=quiz,
        order=2,
        concept=True,
        concept_question=ConceptQuestion.objects.get(pk=concept_question_id),
    )
    return quiz


# --------------------------------------------------------------------------------------------------
# Live sessions (the tests of the services create theirs with `sessions.session_create`)
# --------------------------------------------------------------------------------------------------


class LiveSessionFactory(DjangoModelFactory):
    """A session in its lobby, with a random 6-digit PIN (not checked against open sessions)."""

    class Meta:
        model = LiveSession

    quiz = factory.SubFactory(QuizFactory)
    owner = factory.SubFactory(TeacherFactory)
    pin = factory.LazyFunction(lambda: f"{secrets.randbelow(10**6):06d}")
    seed = factory.LazyFunction(lambda: secrets.randbits(62))


class PlayerFactory(DjangoModelFactory):
    """A player who joined, with its cookie token; `PlayerFactory.build(...)` for bulk_create."""

    class Meta:
        model = Player

    session = factory.SubFactory(LiveSessionFactory)
    pseudo = factory.Sequence(lambda n: f"joueur{n}")
    pseudo_key = factory.LazyAttribute(lambda player: player.pseudo.casefold())
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))


# --------------------------------------------------------------------------------------------------
# Practice
# --------------------------------------------------------------------------------------------------


class AttemptFactory(DjangoModelFactory):
    class Meta:
        model = Attempt

    owner = factory.Sequence(lambda n: f"session:test-{n}")
    scope = Attempt.Scope.KPI
    scope_value = "cpc"


class AttemptItemFactory(DjangoModelFactory):
    """A numeric item of a series, not answered yet."""

    class Meta:
        model = AttemptItem

    attempt = factory.SubFactory(AttemptFactory)
    position = factory.Sequence(lambda n: n + 1)
    kpi_slug = "cpc"
    seed = factory.Sequence(lambda n: n)


class ReviewCardFactory(DjangoModelFactory):
    """A KPI's card in a student's first review box, due now."""

    class Meta:
        model = ReviewCard

    owner = "session:x"
    kpi_slug = "cpc"
    item_key = factory.LazyAttribute(lambda card: f"kpi:{card.kpi_slug}")
    due_at = factory.LazyFunction(timezone.now)
