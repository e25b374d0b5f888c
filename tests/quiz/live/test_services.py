"""Live-session services, without a browser: transitions, scoring, ties, late and double answers,
per-student numbers, leaderboard queries. (The points themselves: tests/quiz/engine/test_scoring.py;
student-paced sessions: test_self_paced.py.)"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from quiz.errors import Refusal
from quiz.live import answers, join_limits, players, sessions, standings
from quiz.models import LiveAnswer, LiveSession, Player, QuizQuestion
from tests.factories import PlayerFactory, QuizFactory, TeacherFactory
from tests.quiz.live.helpers import answer_now, join, make_session, right_answer

pytestmark = pytest.mark.django_db


def test_pin_has_six_digits_and_is_unique_among_open_sessions(quiz, teacher):
    pins = {make_session(quiz, teacher).pin for _ in range(30)}
    assert len(pins) == 30
    assert all(len(pin) == 6 and pin.isdigit() for pin in pins)


def test_unpublished_or_empty_quiz_cannot_go_live(teacher, course):
    draft = QuizFactory(title="Brouillon", is_published=False)
    with pytest.raises(Refusal):
        make_session(draft, teacher)
    empty = QuizFactory(title="Vide")
    with pytest.raises(Refusal):
        make_session(empty, teacher)


def test_pseudo_is_unique_in_the_session_ignoring_case(quiz, teacher):
    session = make_session(quiz, teacher)
    join(session, "Léa")
    with pytest.raises(Refusal, match="déjà pris"):
        join(session, "LÉA")


def test_wrong_pins_are_slowed_down(quiz, teacher):
    session = make_session(quiz, teacher)
    for _ in range(join_limits.FAILURES_PER_CLIENT):
        with pytest.raises(Refusal, match="Aucune session"):
            players.player_join(pin="000000", pseudo="x", client="guesser")
    with pytest.raises(Refusal, match="Trop d’essais"):
        players.player_join(pin=session.pin, pseudo="x", client="guesser")
    assert join(session, "honnête")  # another client is not affected


def test_closed_session_cannot_be_joined(quiz, teacher):
    session = make_session(quiz, teacher)
    sessions.session_finish(session=session, user=teacher, now=timezone.now())
    with pytest.raises(Refusal, match="Aucune session"):
        join(session, "tard")


def test_cannot_answer_before_the_start_or_after_the_end(quiz, teacher):
    session = make_session(quiz, teacher)
    player = join(session, "Léa")
    with pytest.raises(Refusal, match="pas de question"):
        answer_now(player, answer="1", now=timezone.now())
    sessions.session_finish(session=session, user=teacher, now=timezone.now())
    with pytest.raises(Refusal, match="pas de question"):
        answer_now(player, answer="1", now=timezone.now())


def test_only_the_owner_controls_the_session(quiz, teacher):
    session = make_session(quiz, teacher)
    other = TeacherFactory(username="autre")
    with pytest.raises(Refusal, match="Seul l’enseignant"):
        sessions.session_advance(session=session, user=other, now=timezone.now())
    boss = TeacherFactory(username="chef", superuser=True)
    assert (
        sessions.session_advance(session=session, user=boss, now=timezone.now()).question_index == 0
    )


def test_transitions_through_the_questions_to_the_podium(quiz, teacher):
    session = make_session(quiz, teacher)
    now = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=now)
    assert (session.state, session.question_index) == ("question", 0)
    assert session.question_deadline - session.question_started_at == timedelta(seconds=90)
    session = sessions.session_advance(session=session, user=teacher, now=now)
    assert session.question_index == 1
    assert session.question_deadline - session.question_started_at == timedelta(seconds=30)
    session = sessions.session_advance(session=session, user=teacher, now=now)
    assert session.state == "finished"


def test_extra_time(quiz, teacher):
    session = make_session(quiz, teacher, extra_time=True)
    session = sessions.session_advance(session=session, user=teacher, now=timezone.now())
    assert session.question_deadline - session.question_started_at == timedelta(seconds=135)


def test_late_answer_is_refused_on_the_server_clock(quiz, teacher):
    session = make_session(quiz, teacher)
    player = join(session, "Léa")
    start = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=start)
    with pytest.raises(Refusal, match="Temps écoulé"):
        answer_now(
            player,
            answer=right_answer(session, player),
            now=start + timedelta(seconds=91),
        )
    assert not LiveAnswer.objects.exists()


def test_double_submit_counts_once(quiz, teacher):
    session = make_session(quiz, teacher)
    player = join(session, "Léa")
    now = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=now)
    first = answer_now(player, answer="0", now=now)
    second = answer_now(player, answer=right_answer(session, player), now=now)
    assert first.verdict == second.verdict == "incorrect"
    assert LiveAnswer.objects.count() == 1


def test_unreadable_answer_is_not_recorded(quiz, teacher):
    session = make_session(quiz, teacher)
    player = join(session, "Léa")
    now = timezone.now()
    sessions.session_advance(session=session, user=teacher, now=now)
    assert answer_now(player, answer="abc", now=now).verdict == "invalid"
    assert not LiveAnswer.objects.exists()


def test_each_player_is_graded_against_their_own_numbers(quiz, teacher):
    session = make_session(quiz, teacher)
    lea = join(session, "Léa")
    others = [join(session, f"élève {i}") for i in range(10)]
    now = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=now)
    question = sessions.current_question(session)
    mine = answers.player_exercise(session, lea, question, 0)
    # Two players may, by chance, get the same rounded result: take one whose result differs.
    tom = next(
        p
        for p in others
        if answers.player_exercise(session, p, question, 0).expected != mine.expected
    )
    assert answers.player_exercise(session, tom, question, 0).given != mine.given
    assert answer_now(lea, answer=f"{mine.expected}", now=now).verdict == "correct"
    assert answer_now(tom, answer=f"{mine.expected}", now=now).verdict == "incorrect"


def test_shared_numbers_when_per_student_numbers_is_off(quiz, teacher):
    session = make_session(quiz, teacher, per_student_numbers=False)
    lea, tom = join(session, "Léa"), join(session, "Tom")
    session = sessions.session_advance(session=session, user=teacher, now=timezone.now())
    question = sessions.current_question(session)
    assert (
        answers.player_exercise(session, lea, question, 0).given
        == answers.player_exercise(session, tom, question, 0).given
    )


def test_speed_scoring_uses_the_server_response_time(quiz, teacher):
    session = make_session(quiz, teacher, scoring="rapidite")
    player = join(session, "Léa")
    start = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=start)
    feedback = answer_now(
        player,
        answer=right_answer(session, player),
        now=start + timedelta(seconds=45),
    )
    assert feedback.points == 750


def test_ties_are_broken_by_total_time_then_join_order(quiz, teacher):
    session = make_session(quiz, teacher)
    early, late, quick = join(session, "Ana"), join(session, "Bob"), join(session, "Cyd")
    start = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=start)
    for player, seconds in ((early, 20), (late, 20), (quick, 5)):
        answer_now(
            player,
            answer=right_answer(session, player),
            now=start + timedelta(seconds=seconds),
        )
    board = standings.leaderboard_for(session=session)
    assert [row.pseudo for row in board] == ["Cyd", "Ana", "Bob"]
    assert [row.rank for row in board] == [1, 2, 3]
    assert standings.player_standing(session=session, player=late).rank == 3
    assert standings.player_standing(session=session, player=quick).rank == 1


def test_question_stats_count_answers_and_mistakes(quiz, teacher):
    session = make_session(quiz, teacher)
    players = [join(session, f"p{i}") for i in range(4)]
    now = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=now)
    question = sessions.current_question(session)
    for player in players[:3]:
        exercise = answers.player_exercise(session, player, question, 0)
        proportion = exercise.exact / 100  # forgot × 100
        answer_now(player, answer=f"{proportion:.4f}", now=now)
    stats = standings.question_stats(session=session, question=question, index=0)
    assert (stats.answered, stats.players, stats.correct) == (3, 4, 0)
    assert stats.diagnoses == [("forgot-x100", 3)]


def _crowd(session: LiveSession, count: int) -> None:
    Player.objects.bulk_create(
        PlayerFactory.build(session=session, pseudo=f"j{i}") for i in range(count)
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
        board = standings.leaderboard_for(session=session)
    assert len(board) == min(players, 10)
    assert board[0].score == 1000
    player = Player.objects.filter(session=session).last()
    with django_assert_num_queries(2):
        standings.player_standing(session=session, player=player)


def test_points_are_multiplied_by_the_question_weight(quiz, teacher):
    QuizQuestion.objects.filter(quiz=quiz, order=1).update(
        points=2, tolerance_kind="relative", tolerance=Decimal("0.05")
    )
    session = make_session(quiz, teacher)
    player = join(session, "Léa")
    now = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=now)
    exercise = answers.player_exercise(session, player, sessions.current_question(session), 0)
    feedback = answer_now(player, answer=f"{exercise.exact * Decimal('1.04'):.2f}", now=now)
    assert (feedback.verdict, feedback.points) == ("correct", 2000)


def test_only_the_time_of_scoring_answers_breaks_ties(quiz, teacher):
    """A wrong answer neither costs nor saves time: two players at 0 points stay in join order."""
    session = make_session(quiz, teacher)
    silent, wrong = join(session, "Bob"), join(session, "Ana")
    start = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=start)
    answer_now(wrong, answer="0", now=start + timedelta(seconds=1))
    assert [row.pseudo for row in standings.leaderboard_for(session=session)] == ["Bob", "Ana"]
    assert standings.player_standing(session=session, player=silent).rank == 1
