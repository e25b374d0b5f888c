"""Live-session services, without a browser: transitions, scoring, ties, late and double answers,
per-student numbers, leaderboard queries."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from quiz import live
from quiz.engine.scoring import answer_points
from quiz.models import LiveAnswer, LiveSession, Player, Quiz, QuizQuestion

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher(db):
    return User.objects.create_user("prof", password="x", is_staff=True)


@pytest.fixture
def quiz(course):
    quiz = Quiz.objects.create(title="Direct", is_published=True)
    QuizQuestion.objects.create(
        quiz=quiz, order=1, kind="numeric", kpi_slug="taux-reactivite", difficulty=2
    )
    QuizQuestion.objects.create(quiz=quiz, order=2, kind="concept", concept_question_id=3)
    return quiz


def make_session(quiz, teacher, **options):
    return live.session_create(quiz=quiz, owner=teacher, **options)


def join(session, pseudo):
    return live.player_join(pin=session.pin, pseudo=pseudo, client=f"test-{pseudo}")


def right_answer(session, player):
    question = live.current_question(session)
    exercise = live.player_exercise(session, player, question, session.question_index)
    return f"{exercise.expected:.2f}"


def test_pin_has_six_digits_and_is_unique_among_open_sessions(quiz, teacher):
    pins = {make_session(quiz, teacher).pin for _ in range(30)}
    assert len(pins) == 30
    assert all(len(pin) == 6 and pin.isdigit() for pin in pins)


def test_unpublished_or_empty_quiz_cannot_go_live(teacher, course):
    draft = Quiz.objects.create(title="Brouillon")
    with pytest.raises(live.LiveError):
        make_session(draft, teacher)
    empty = Quiz.objects.create(title="Vide", is_published=True)
    with pytest.raises(live.LiveError):
        make_session(empty, teacher)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Léa  ", "Léa"),
        ("Jean   Paul", "Jean Paul"),
        ("x" * 20, "x" * 20),
        ("<b>Zoé</b>", "<b>Zoé</b>"),
    ],
)
def test_pseudo_is_trimmed(raw, expected):
    assert live.clean_pseudo(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", "\u200b", "x" * 21])
def test_bad_pseudo_is_refused_in_french(raw):
    with pytest.raises(live.LiveError) as error:
        live.clean_pseudo(raw)
    assert error.value.message[0].isupper()


def test_pseudo_is_unique_in_the_session_ignoring_case(quiz, teacher):
    session = make_session(quiz, teacher)
    join(session, "Léa")
    with pytest.raises(live.LiveError, match="déjà pris"):
        join(session, "LÉA")


def test_wrong_pins_are_slowed_down(quiz, teacher):
    session = make_session(quiz, teacher)
    for _ in range(live.JOIN_FAILURES_PER_MINUTE):
        with pytest.raises(live.LiveError, match="Aucune session"):
            live.player_join(pin="000000", pseudo="x", client="guesser")
    with pytest.raises(live.LiveError, match="Trop d’essais"):
        live.player_join(pin=session.pin, pseudo="x", client="guesser")
    assert join(session, "honnête")  # another client is not affected


def test_closed_session_cannot_be_joined(quiz, teacher):
    session = make_session(quiz, teacher)
    live.session_finish(session=session, user=teacher, now=timezone.now())
    with pytest.raises(live.LiveError, match="Aucune session"):
        join(session, "tard")


def test_cannot_answer_before_the_start_or_after_the_end(quiz, teacher):
    session = make_session(quiz, teacher)
    player = join(session, "Léa")
    with pytest.raises(live.LiveError, match="pas de question"):
        live.live_answer(player=player, answer="1", now=timezone.now())
    live.session_finish(session=session, user=teacher, now=timezone.now())
    with pytest.raises(live.LiveError, match="pas de question"):
        live.live_answer(player=player, answer="1", now=timezone.now())


def test_only_the_owner_controls_the_session(quiz, teacher):
    session = make_session(quiz, teacher)
    other = User.objects.create_user("autre", password="x", is_staff=True)
    with pytest.raises(live.LiveError, match="Seul l’enseignant"):
        live.session_advance(session=session, user=other, now=timezone.now())
    boss = User.objects.create_superuser("chef", password="x")
    assert live.session_advance(session=session, user=boss, now=timezone.now()).question_index == 0


def test_transitions_through_the_questions_to_the_podium(quiz, teacher):
    session = make_session(quiz, teacher)
    now = timezone.now()
    session = live.session_advance(session=session, user=teacher, now=now)
    assert (session.state, session.question_index) == ("question", 0)
    assert session.question_deadline - session.question_started_at == timedelta(seconds=90)
    session = live.session_advance(session=session, user=teacher, now=now)
    assert session.question_index == 1
    assert session.question_deadline - session.question_started_at == timedelta(seconds=30)
    session = live.session_advance(session=session, user=teacher, now=now)
    assert session.state == "finished"


def test_extra_time(quiz, teacher):
    session = make_session(quiz, teacher, extra_time=True)
    session = live.session_advance(session=session, user=teacher, now=timezone.now())
    assert session.question_deadline - session.question_started_at == timedelta(seconds=135)


def test_late_answer_is_refused_on_the_server_clock(quiz, teacher):
    session = make_session(quiz, teacher)
    player = join(session, "Léa")
    start = timezone.now()
    session = live.session_advance(session=session, user=teacher, now=start)
    with pytest.raises(live.LiveError, match="Temps écoulé"):
        live.live_answer(
            player=player, answer=right_answer(session, player), now=start + timedelta(seconds=91)
        )
    assert not LiveAnswer.objects.exists()


def test_double_submit_counts_once(quiz, teacher):
    session = make_session(quiz, teacher)
    player = join(session, "Léa")
    now = timezone.now()
    session = live.session_advance(session=session, user=teacher, now=now)
    first = live.live_answer(player=player, answer="0", now=now)
    second = live.live_answer(player=player, answer=right_answer(session, player), now=now)
    assert first.verdict == second.verdict == "incorrect"
    assert LiveAnswer.objects.count() == 1


def test_unreadable_answer_is_not_recorded(quiz, teacher):
    session = make_session(quiz, teacher)
    player = join(session, "Léa")
    now = timezone.now()
    live.session_advance(session=session, user=teacher, now=now)
    assert live.live_answer(player=player, answer="abc", now=now).verdict == "invalid"
    assert not LiveAnswer.objects.exists()


def test_each_player_is_graded_against_their_own_numbers(quiz, teacher):
    session = make_session(quiz, teacher)
    lea = join(session, "Léa")
    others = [join(session, f"élève {i}") for i in range(10)]
    now = timezone.now()
    session = live.session_advance(session=session, user=teacher, now=now)
    question = live.current_question(session)
    mine = live.player_exercise(session, lea, question, 0)
    # Two players may, by chance, get the same rounded result: take one whose result differs.
    tom = next(
        p for p in others if live.player_exercise(session, p, question, 0).expected != mine.expected
    )
    assert live.player_exercise(session, tom, question, 0).given != mine.given
    assert live.live_answer(player=lea, answer=f"{mine.expected}", now=now).verdict == "correct"
    assert live.live_answer(player=tom, answer=f"{mine.expected}", now=now).verdict == "incorrect"


def test_shared_numbers_when_per_student_numbers_is_off(quiz, teacher):
    session = make_session(quiz, teacher, per_student_numbers=False)
    lea, tom = join(session, "Léa"), join(session, "Tom")
    session = live.session_advance(session=session, user=teacher, now=timezone.now())
    question = live.current_question(session)
    assert (
        live.player_exercise(session, lea, question, 0).given
        == live.player_exercise(session, tom, question, 0).given
    )


@pytest.mark.parametrize(
    ("mode", "response_ms", "limit_ms", "correct", "points"),
    [
        ("precision", 5000, 30000, True, 1000),
        ("precision", 29000, 30000, True, 1000),
        ("precision", 1000, 30000, False, 0),
        ("rapidite", 0, 30000, True, 1000),
        ("rapidite", 15000, 30000, True, 750),
        ("rapidite", 30000, 30000, True, 500),
        ("rapidite", 10000, 30000, True, 833),
        ("rapidite", 10000, 30000, False, 0),
    ],
)
def test_scoring(mode, response_ms, limit_ms, correct, points):
    assert (
        answer_points(correct=correct, mode=mode, response_ms=response_ms, limit_ms=limit_ms)
        == points
    )


def test_streak_bonus():
    assert (
        answer_points(
            correct=True, mode="precision", response_ms=0, limit_ms=1, streak=2, streak_bonus=True
        )
        == 1200
    )
    assert (
        answer_points(
            correct=True, mode="precision", response_ms=0, limit_ms=1, streak=9, streak_bonus=True
        )
        == 1500
    )
    assert (
        answer_points(
            correct=False, mode="precision", response_ms=0, limit_ms=1, streak=2, streak_bonus=True
        )
        == 0
    )


def test_speed_scoring_uses_the_server_response_time(quiz, teacher):
    session = make_session(quiz, teacher, scoring="rapidite")
    player = join(session, "Léa")
    start = timezone.now()
    session = live.session_advance(session=session, user=teacher, now=start)
    feedback = live.live_answer(
        player=player, answer=right_answer(session, player), now=start + timedelta(seconds=45)
    )
    assert feedback.points == 750


def test_ties_are_broken_by_total_time_then_join_order(quiz, teacher):
    session = make_session(quiz, teacher)
    early, late, quick = join(session, "Ana"), join(session, "Bob"), join(session, "Cyd")
    start = timezone.now()
    session = live.session_advance(session=session, user=teacher, now=start)
    for player, seconds in ((early, 20), (late, 20), (quick, 5)):
        live.live_answer(
            player=player,
            answer=right_answer(session, player),
            now=start + timedelta(seconds=seconds),
        )
    board = live.leaderboard_for(session=session)
    assert [row.pseudo for row in board] == ["Cyd", "Ana", "Bob"]
    assert [row.rank for row in board] == [1, 2, 3]
    assert live.player_standing(session=session, player=late).rank == 3
    assert live.player_standing(session=session, player=quick).rank == 1


def test_question_stats_count_answers_and_mistakes(quiz, teacher):
    session = make_session(quiz, teacher)
    players = [join(session, f"p{i}") for i in range(4)]
    now = timezone.now()
    session = live.session_advance(session=session, user=teacher, now=now)
    question = live.current_question(session)
    for player in players[:3]:
        exercise = live.player_exercise(session, player, question, 0)
        proportion = exercise.exact / 100  # forgot × 100
        live.live_answer(player=player, answer=f"{proportion:.4f}", now=now)
    stats = live.question_stats(session=session, question=question, index=0)
    assert (stats.answered, stats.players, stats.correct) == (3, 4, 0)
    assert stats.diagnoses == [("forgot-x100", 3)]


def _crowd(session: LiveSession, count: int) -> None:
    Player.objects.bulk_create(
        Player(session=session, pseudo=f"j{i}", pseudo_key=f"j{i}", token=f"{session.pk}-{i}")
        for i in range(count)
    )
    now = timezone.now()
    LiveAnswer.objects.bulk_create(
        LiveAnswer(
            session=session,
            player=player,
            question_index=0,
            verdict="correct" if i % 2 else "incorrect",
            points=1000 if i % 2 else 0,
            response_ms=i,
            answered_at=now,
        )
        for i, player in enumerate(Player.objects.filter(session=session))
    )


@pytest.mark.parametrize("players", [5, 500])
def test_leaderboard_costs_the_same_queries_for_5_or_500_players(
    quiz, teacher, players, django_assert_num_queries
):
    """The leaderboard is one aggregate query and a standing two, however big the class."""
    session = make_session(quiz, teacher)
    _crowd(session, players)
    with django_assert_num_queries(1):
        board = live.leaderboard_for(session=session)
    assert len(board) == min(players, 10)
    assert board[0].score == 1000
    player = Player.objects.filter(session=session).last()
    with django_assert_num_queries(2):
        live.player_standing(session=session, player=player)


def test_points_are_multiplied_by_the_question_weight(quiz, teacher):
    QuizQuestion.objects.filter(quiz=quiz, order=1).update(
        points=2, tolerance_kind="relative", tolerance=Decimal("0.05")
    )
    session = make_session(quiz, teacher)
    player = join(session, "Léa")
    now = timezone.now()
    session = live.session_advance(session=session, user=teacher, now=now)
    exercise = live.player_exercise(session, player, live.current_question(session), 0)
    feedback = live.live_answer(
        player=player, answer=f"{exercise.exact * Decimal('1.04'):.2f}", now=now
    )
    assert (feedback.verdict, feedback.points) == ("correct", 2000)


def test_only_the_time_of_scoring_answers_breaks_ties(quiz, teacher):
    """A wrong answer neither costs nor saves time: two players at 0 points stay in join order."""
    session = make_session(quiz, teacher)
    silent, wrong = join(session, "Bob"), join(session, "Ana")
    start = timezone.now()
    session = live.session_advance(session=session, user=teacher, now=start)
    live.live_answer(player=wrong, answer="0", now=start + timedelta(seconds=1))
    assert [row.pseudo for row in live.leaderboard_for(session=session)] == ["Bob", "Ana"]
    assert live.player_standing(session=session, player=silent).rank == 1
