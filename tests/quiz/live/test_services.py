"""Live-session services, without a browser: transitions, scoring, ties, late and double answers,
per-student numbers, leaderboard queries. (The points themselves: tests/quiz/engine/test_scoring.py.)"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from quiz.errors import Refusal
from quiz.live import answers, players, poll, rows, sessions, standings
from quiz.models import LiveAnswer, LiveSession, Player, QuizQuestion
from tests.factories import PlayerFactory, QuizFactory, TeacherFactory, numeric_and_concept_quiz
from tests.quiz.live.helpers import fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(course):
    return numeric_and_concept_quiz(title="Direct", kpi_slug="taux-reactivite", difficulty=2)


def make_session(quiz, teacher, **options):
    return sessions.session_create(quiz=quiz, owner=teacher, **options)


def join(session, pseudo):
    return players.player_join(pin=session.pin, pseudo=pseudo, client=f"test-{pseudo}")


def right_answer(session, player):
    question = sessions.current_question(session)
    exercise = answers.player_exercise(session, player, question, session.question_index)
    return f"{exercise.expected:.2f}"


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
    for _ in range(players.JOIN_FAILURES_PER_MINUTE):
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
        answers.live_answer(player=fresh(player), answer="1", now=timezone.now())
    sessions.session_finish(session=session, user=teacher, now=timezone.now())
    with pytest.raises(Refusal, match="pas de question"):
        answers.live_answer(player=fresh(player), answer="1", now=timezone.now())


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
        answers.live_answer(
            player=fresh(player),
            answer=right_answer(session, player),
            now=start + timedelta(seconds=91),
        )
    assert not LiveAnswer.objects.exists()


def test_double_submit_counts_once(quiz, teacher):
    session = make_session(quiz, teacher)
    player = join(session, "Léa")
    now = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=now)
    first = answers.live_answer(player=fresh(player), answer="0", now=now)
    second = answers.live_answer(
        player=fresh(player), answer=right_answer(session, player), now=now
    )
    assert first.verdict == second.verdict == "incorrect"
    assert LiveAnswer.objects.count() == 1


def test_unreadable_answer_is_not_recorded(quiz, teacher):
    session = make_session(quiz, teacher)
    player = join(session, "Léa")
    now = timezone.now()
    sessions.session_advance(session=session, user=teacher, now=now)
    assert answers.live_answer(player=fresh(player), answer="abc", now=now).verdict == "invalid"
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
    assert (
        answers.live_answer(player=fresh(lea), answer=f"{mine.expected}", now=now).verdict
        == "correct"
    )
    assert (
        answers.live_answer(player=fresh(tom), answer=f"{mine.expected}", now=now).verdict
        == "incorrect"
    )


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
    feedback = answers.live_answer(
        player=fresh(player),
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
        answers.live_answer(
            player=fresh(player),
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
        answers.live_answer(player=fresh(player), answer=f"{proportion:.4f}", now=now)
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
    feedback = answers.live_answer(
        player=fresh(player), answer=f"{exercise.exact * Decimal('1.04'):.2f}", now=now
    )
    assert (feedback.verdict, feedback.points) == ("correct", 2000)


def test_only_the_time_of_scoring_answers_breaks_ties(quiz, teacher):
    """A wrong answer neither costs nor saves time: two players at 0 points stay in join order."""
    session = make_session(quiz, teacher)
    silent, wrong = join(session, "Bob"), join(session, "Ana")
    start = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=start)
    answers.live_answer(player=fresh(wrong), answer="0", now=start + timedelta(seconds=1))
    assert [row.pseudo for row in standings.leaderboard_for(session=session)] == ["Bob", "Ana"]
    assert standings.player_standing(session=session, player=silent).rank == 1


# --------------------------------------------------------------------------------------------------
# Student-paced sessions: each student moves on alone, on their own clock
# --------------------------------------------------------------------------------------------------


def self_paced(quiz, teacher, **options):
    return make_session(quiz, teacher, pacing=LiveSession.Pacing.STUDENT, **options)


def own_right_answer(session, player):
    player.refresh_from_db()
    turn = sessions.player_turn(session, player)
    question = sessions.turn_question(session, turn)
    return f"{answers.player_exercise(session, player, question, turn.index).expected:.2f}"


def test_self_paced_start_gives_each_player_the_first_question_and_a_clock(quiz, teacher):
    session = self_paced(quiz, teacher)
    lea, tom = join(session, "Léa"), join(session, "Tom")
    now = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=now)
    assert session.state == LiveSession.State.QUESTION
    for player in (lea, tom):
        player.refresh_from_db()
        turn = sessions.player_turn(session, player)
        assert turn.index == 0 and turn.self_paced
        assert turn.deadline - turn.started_at == timedelta(seconds=sessions.NUMERIC_SECONDS)
    # Once started, the teacher does not drive the questions any more, only ends the session.
    with pytest.raises(Refusal, match="son rythme"):
        sessions.session_advance(session=session, user=teacher, now=now)
    closed = sessions.session_close_question(session=session, user=teacher, now=now)
    assert closed.question_deadline is None


def test_each_student_moves_on_alone_and_once(quiz, teacher):
    session = self_paced(quiz, teacher)
    lea, tom = join(session, "Léa"), join(session, "Tom")
    now = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=now)
    lea.refresh_from_db()
    later = now + timedelta(seconds=10)
    answers.live_answer(player=fresh(lea), answer=own_right_answer(session, lea), now=later)
    moved = players.player_next(player=fresh(lea), from_index=0, now=later)
    assert moved.current_index == 1
    assert moved.question_deadline == later + timedelta(seconds=sessions.CONCEPT_SECONDS)
    # A double submit or a stale page (still showing question 1) does not skip question 2.
    again = players.player_next(player=fresh(lea), from_index=0, now=later)
    assert again.current_index == 1
    # Tom is still on question 1, on his own clock.
    tom.refresh_from_db()
    assert tom.current_index == 0


def test_moving_on_needs_an_answer_or_the_end_of_time(quiz, teacher):
    session = self_paced(quiz, teacher)
    lea = join(session, "Léa")
    now = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=now)
    lea.refresh_from_db()
    with pytest.raises(Refusal, match="Répondez d’abord"):
        players.player_next(player=fresh(lea), from_index=0, now=now + timedelta(seconds=5))
    too_late = lea.question_deadline + timedelta(seconds=1)
    assert players.player_next(player=fresh(lea), from_index=0, now=too_late).current_index == 1


def test_own_deadline_decides_whether_an_answer_is_late(quiz, teacher):
    session = self_paced(quiz, teacher)
    lea, tom = join(session, "Léa"), join(session, "Tom")
    start = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=start)
    lea.refresh_from_db()
    answers.live_answer(player=fresh(lea), answer="1", now=start + timedelta(seconds=5))
    players.player_next(player=fresh(lea), from_index=0, now=start + timedelta(seconds=5))
    lea.refresh_from_db()
    past_first_deadline = start + timedelta(seconds=sessions.NUMERIC_SECONDS + 1)
    tom.refresh_from_db()
    with pytest.raises(Refusal, match="Temps écoulé"):
        answers.live_answer(player=fresh(tom), answer="1", now=past_first_deadline)
    # Léa's question 2 started later: the same instant is within her time.
    right = QuizQuestion.objects.get(quiz=quiz, order=2).concept_question.options.filter(
        is_correct=True
    )
    feedback = answers.live_answer(
        player=fresh(lea),
        chosen_ids=[o.pk for o in right],
        now=lea.question_started_at + timedelta(seconds=3),
    )
    assert feedback.verdict == "correct"
    assert feedback.answer.question_index == 1 and feedback.answer.response_ms == 3000


def test_speed_scoring_counts_from_the_students_own_start(quiz, teacher):
    session = self_paced(quiz, teacher, scoring=LiveSession.Scoring.SPEED)
    lea = join(session, "Léa")
    start = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=start)
    lea.refresh_from_db()
    feedback = answers.live_answer(
        player=fresh(lea), answer=own_right_answer(session, lea), now=start + timedelta(seconds=45)
    )
    assert feedback.points == round(1000 * (1 - 45 / (2 * sessions.NUMERIC_SECONDS)))


def test_a_late_joiner_starts_on_the_first_question_with_a_full_clock(quiz, teacher):
    session = self_paced(quiz, teacher)
    join(session, "Léa")
    session = sessions.session_advance(session=session, user=teacher, now=timezone.now())
    before = timezone.now()
    zoe = join(session, "Zoé")
    assert zoe.current_index == 0
    assert zoe.question_deadline >= before + timedelta(seconds=sessions.NUMERIC_SECONDS)


def test_after_the_last_question_the_student_waits_for_the_podium(quiz, teacher):
    session = self_paced(quiz, teacher)
    lea = join(session, "Léa")
    now = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=now)
    lea.refresh_from_db()
    answers.live_answer(player=fresh(lea), answer=own_right_answer(session, lea), now=now)
    lea = players.player_next(player=fresh(lea), from_index=0, now=now)
    answers.live_answer(player=fresh(lea), chosen_ids=[], now=now)  # invalid: nothing chosen
    lea = players.player_next(player=fresh(lea), from_index=1, now=lea.question_deadline)
    assert lea.current_index == 2 and lea.question_deadline is None
    assert sessions.turn_question(session, sessions.player_turn(session, lea)) is None
    with pytest.raises(Refusal, match="pas de question en cours"):
        answers.live_answer(player=fresh(lea), answer="1", now=now)
    assert players.player_next(player=fresh(lea), from_index=2, now=now).current_index == 2
    progress = standings.session_progress(session=session)
    assert (progress.players, progress.finished) == (1, 1)
    assert [(q.answered, q.correct) for q in progress.questions] == [(1, 1), (0, 0)]


def test_teacher_paced_students_cannot_move_on_alone(quiz, teacher):
    session = make_session(quiz, teacher)
    lea = join(session, "Léa")
    sessions.session_advance(session=session, user=teacher, now=timezone.now())
    with pytest.raises(Refusal, match="enseignant"):
        players.player_next(player=fresh(lea), from_index=0, now=timezone.now())


def test_poll_state_follows_the_players_own_question(quiz, teacher):
    session = self_paced(quiz, teacher)
    lea, tom = join(session, "Léa"), join(session, "Tom")
    now = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=now)
    lea.refresh_from_db()
    answers.live_answer(player=fresh(lea), answer=own_right_answer(session, lea), now=now)
    state = poll.poll_state(token=lea.token)
    assert state.turn.index == 0 and state.answer_id is not None and state.closed(now)
    lea = players.player_next(player=fresh(lea), from_index=0, now=now)
    moved = poll.poll_state(token=lea.token)
    assert moved.turn.index == 1 and moved.answer_id is None and not moved.closed(now)
    assert abs(moved.turn.deadline - lea.question_deadline) < timedelta(seconds=1)
    tom_poll = poll.poll_state(token=tom.token)
    assert tom_poll.turn.index == 0 and tom_poll.answer_id is None


@pytest.mark.parametrize("players", [5, 60])
def test_progress_takes_a_fixed_number_of_queries(
    quiz, teacher, players, django_assert_num_queries
):
    session = self_paced(quiz, teacher)
    Player.objects.bulk_create(
        PlayerFactory.build(session=session, pseudo=f"p{i}") for i in range(players)
    )
    session = sessions.session_advance(session=session, user=teacher, now=timezone.now())
    now = timezone.now()
    for player in Player.objects.filter(session=session)[:3]:
        answers.live_answer(player=fresh(player), answer="0,01", now=now)
    sessions.session_questions(session)
    with django_assert_num_queries(3):
        progress = standings.session_progress(session=session)
    assert progress.players == players
    assert progress.questions[0].answered == 3
    assert sum(count for _, count in progress.questions[0].mistakes) <= 3


def test_a_quiz_can_set_its_own_time_per_question(quiz, teacher):
    numeric, concept = QuizQuestion.objects.filter(quiz=quiz).order_by("order")
    assert sessions.question_seconds(numeric, extra_time=False) == sessions.NUMERIC_SECONDS
    assert sessions.question_seconds(concept, extra_time=True) == sessions.CONCEPT_SECONDS * 1.5
    numeric.time_limit = 45
    numeric.save()
    session = make_session(quiz, teacher, extra_time=True)
    join(session, "Léa")
    now = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=now)
    assert session.question_deadline - now == timedelta(seconds=67)


@pytest.mark.parametrize(("value", "valid"), [(9, False), (10, True), (600, True), (601, False)])
def test_time_per_question_is_bounded_in_the_admin(quiz, value, valid):
    from django.core.exceptions import ValidationError

    question = QuizQuestion.objects.filter(quiz=quiz).first()
    question.time_limit = value
    if valid:
        question.full_clean()
    else:
        with pytest.raises(ValidationError):
            question.full_clean()


def test_raw_reads_build_the_same_objects_as_the_orm(quiz, teacher):
    """The player's screen and answer paths read by one raw query: what they build must be what
    the ORM builds (converted datetimes, booleans, JSON), on SQLite and on PostgreSQL alike."""
    session = make_session(quiz, teacher, streak_bonus=True)
    player = join(session, "Léa")
    now = timezone.now()
    session = sessions.session_advance(session=session, user=teacher, now=now)
    answers.live_answer(player=fresh(player), answer="12,5", now=now + timedelta(seconds=3))
    stored = LiveAnswer.objects.get(player=player)

    def fields(instance):
        return {
            f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields
        }

    by_token = rows.player_by_token(player.token)
    assert fields(by_token) == fields(Player.objects.get(pk=player.pk))
    assert fields(by_token.session) == fields(LiveSession.objects.get(pk=session.pk))
    assert by_token.session.question_deadline.tzinfo is not None
    assert by_token.session.streak_bonus is True
    screen_player, answer = poll.poll_state(token=player.token).screen()
    assert fields(screen_player) == fields(by_token)
    assert fields(screen_player.session) == fields(by_token.session)
    assert fields(answer) == fields(stored)
    assert answer.chosen_option_ids == []
    other = join(session, "Tom")
    assert poll.poll_state(token=other.token).screen()[1] is None
    assert fields(rows.session_fresh(session.pk)) == fields(LiveSession.objects.get(pk=session.pk))
    assert rows.player_by_token("nobody") is None
