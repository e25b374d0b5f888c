"""Student-paced live sessions: each student moves on alone, on their own clock; and the raw reads
of the hot paths against the ORM."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from quiz.errors import Refusal
from quiz.live import answers, players, poll, rows, sessions, standings
from quiz.models import LiveAnswer, LiveSession, Player, QuizQuestion
from tests.factories import PlayerFactory
from tests.quiz.live.helpers import answer_now, fresh, join, make_session

pytestmark = pytest.mark.django_db


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
    answer_now(lea, answer=own_right_answer(session, lea), now=later)
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
    answer_now(lea, answer="1", now=start + timedelta(seconds=5))
    players.player_next(player=fresh(lea), from_index=0, now=start + timedelta(seconds=5))
    lea.refresh_from_db()
    past_first_deadline = start + timedelta(seconds=sessions.NUMERIC_SECONDS + 1)
    tom.refresh_from_db()
    with pytest.raises(Refusal, match="Temps écoulé"):
        answer_now(tom, answer="1", now=past_first_deadline)
    # Léa's question 2 started later: the same instant is within her time.
    right = QuizQuestion.objects.get(quiz=quiz, order=2).concept_question.options.filter(
        is_correct=True
    )
    feedback = answer_now(
        lea,
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
    feedback = answer_now(
        lea, answer=own_right_answer(session, lea), now=start + timedelta(seconds=45)
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
    answer_now(lea, answer=own_right_answer(session, lea), now=now)
    lea = players.player_next(player=fresh(lea), from_index=0, now=now)
    answer_now(lea, chosen_ids=[], now=now)  # invalid: nothing chosen
    lea = players.player_next(player=fresh(lea), from_index=1, now=lea.question_deadline)
    assert lea.current_index == 2 and lea.question_deadline is None
    assert sessions.turn_question(session, sessions.player_turn(session, lea)) is None
    with pytest.raises(Refusal, match="pas de question en cours"):
        answer_now(lea, answer="1", now=now)
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
    answer_now(lea, answer=own_right_answer(session, lea), now=now)
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
        answer_now(player, answer="0,01", now=now)
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
    answer_now(player, answer="12,5", now=now + timedelta(seconds=3))
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
