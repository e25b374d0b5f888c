"""A game that stays right in a real class: an answer only ever counts for the question its page
showed, the quiz is frozen at launch, speed counts from when each phone got the question, and the
teacher can remove a player or merge a ghost."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from courses.models import ConceptQuestion
from quiz.errors import Refusal
from quiz.live import answers, roster, sessions, snapshot
from quiz.models import LiveAnswer, Player
from tests.factories import TeacherFactory, UserFactory
from tests.quiz.live.helpers import answer_now, fresh, join, joined

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def given(page: str, name: str) -> float:
    return float(re.search(rf'data-name="{name}" value="([^"]+)"', page)[1])


def test_an_answer_from_a_stale_page_never_counts_for_the_next_question(session, teacher_client):
    phone = joined(session)
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "advance"})
    page = phone.get("/session/").content.decode()
    right = f"{given(page, 'budget') / given(page, 'clicks'):.2f}"
    assert 'name="question" value="0"' in page
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "advance"})  # on to Q2

    late = phone.post("/session/repondre/", {"answer": right, "question": 0}, **HTMX)
    assert "La question a changé" in late.content.decode()
    assert not LiveAnswer.objects.exists()
    option = sessions.current_question(fresh_session(session)).concept_question.options.first()
    phone.post("/session/repondre/", {"choice": option.pk, "question": 1}, **HTMX)
    assert list(LiveAnswer.objects.values_list("question_index", flat=True)) == [1]


def fresh_session(session):
    return type(session).objects.get(pk=session.pk)


@pytest.mark.parametrize("question", ["", "abc", "-1", "1", "99999", "0" * 50])
def test_an_answer_without_the_question_it_answers_is_refused(session, teacher_client, question):
    phone = joined(session)
    teacher_client.post(f"/animer/{session.pk}/action/", {"action": "advance"})
    response = phone.post("/session/repondre/", {"answer": "1", "question": question}, **HTMX)
    assert response.status_code == 200 and "La question a changé" in response.content.decode()
    assert not LiveAnswer.objects.exists()


def test_the_quiz_is_frozen_when_the_session_starts(session, teacher):
    quiz = session.quiz
    numeric, concept = list(quiz.questions.order_by("order"))
    stem = concept.concept_question.stem
    numeric.kpi_slug = "ctr"
    numeric.save()
    ConceptQuestion.objects.filter(pk=concept.concept_question_id).update(stem="Changée")
    quiz.questions.create(order=3, kind="numeric", kpi_slug="cpm", difficulty=1)
    snapshot.forget_snapshots()  # another process, which never saw the quiz before

    played = snapshot.session_questions(fresh_session(session))
    assert [q.kpi_slug for q in played] == ["cpc", ""]
    assert played[1].concept_question.stem == stem
    assert len(list(played[1].concept_question.options.all())) >= 2
    later = sessions.session_create(quiz=quiz, owner=teacher)
    assert [q.kpi_slug for q in snapshot.session_questions(later)] == ["ctr", "", "cpm"]


def test_speed_counts_from_when_the_phone_got_the_question(session, teacher):
    player = join(session, "Léa")
    start = timezone.now()
    sessions.session_advance(session=session, user=teacher, now=start)
    started = fresh(player).session.question_started_at
    late_phone = answers.served_stamp(player=player, index=0, now=started + timedelta(seconds=1))
    feedback = answer_now(player, answer="1", served=late_phone, now=started + timedelta(seconds=4))
    assert feedback.answer.response_ms == 3000

    assert (
        answers.served_at(
            stamp=answers.served_stamp(player=player, index=0, now=started + timedelta(seconds=30)),
            player=player,
            index=0,
            started_at=started,
        )
        # never later than the poll's interval (reuse off here)
        == started + timedelta(seconds=answers.POLL_INTERVAL_SECONDS)
    )
    other = join(session, "Tom")
    for forged in ["", "x", answers.served_stamp(player=other, index=0, now=started), "1:0:9" * 9]:
        assert (
            answers.served_at(stamp=forged, player=player, index=0, started_at=started) == started
        )


def test_a_teacher_removes_a_player_and_their_phone_goes_back_to_join(session, teacher_client):
    phone = joined(session, "Intrus")
    player = Player.objects.get(pseudo="Intrus")
    page = teacher_client.get(f"/animer/{session.pk}/joueurs/").content.decode()
    assert f'data-player="{player.pk}"' in page
    response = teacher_client.post(
        f"/animer/{session.pk}/joueurs/retirer/", {"player": player.pk}, follow=True
    )
    assert "Intrus a été retiré" in response.content.decode()
    assert not Player.objects.filter(pk=player.pk).exists()
    assert phone.get("/session/")["Location"] == "/rejoindre/"


def test_a_ghost_is_merged_into_the_player_it_duplicates(session, teacher):
    ghost, back = join(session, "Léa"), join(session, "Léa 2")
    sessions.session_advance(session=session, user=teacher, now=timezone.now())
    answer_now(ghost, answer="1", now=timezone.now())
    sessions.session_advance(session=session, user=teacher, now=timezone.now())
    option = sessions.current_question(fresh_session(session)).concept_question.options.first()
    answer_now(ghost, chosen_ids=[option.pk], now=timezone.now())
    answer_now(back, chosen_ids=[option.pk], now=timezone.now())
    kept_answer = LiveAnswer.objects.get(player=back)

    into = roster.player_merge(session=session, user=teacher, ghost_id=ghost.pk, into_id=back.pk)
    assert into.pk == back.pk and not Player.objects.filter(pk=ghost.pk).exists()
    assert sorted(
        LiveAnswer.objects.filter(player=back).values_list("question_index", flat=True)
    ) == [0, 1]
    assert LiveAnswer.objects.filter(player=back, question_index=1).get() == kept_answer
    with pytest.raises(Refusal):
        roster.player_merge(session=session, user=teacher, ghost_id=back.pk, into_id=back.pk)


def test_two_student_accounts_are_never_merged(session, teacher):
    lea, tom = join(session, "Léa"), join(session, "Tom")
    Player.objects.filter(pk=lea.pk).update(user=UserFactory())
    Player.objects.filter(pk=tom.pk).update(user=UserFactory())
    with pytest.raises(Refusal, match="deux comptes"):
        roster.player_merge(session=session, user=teacher, ghost_id=lea.pk, into_id=tom.pk)


@pytest.mark.parametrize("value", ["", "abc", "-1", "0", "99999999999999999999", "1 OR 1=1"])
def test_roster_actions_survive_any_value(session, teacher_client, value):
    join(session, "Léa")
    for path, data in [
        ("retirer/", {"player": value}),
        ("fusionner/", {"ghost": value, "into": value}),
    ]:
        response = teacher_client.post(f"/animer/{session.pk}/joueurs/{path}", data, follow=True)
        assert response.status_code == 200
    assert Player.objects.count() == 1


def test_the_roster_is_the_session_owner_s_only(session):
    player = join(session, "Léa")
    pages = [f"/animer/{session.pk}/joueurs/"]
    posts = [
        (f"/animer/{session.pk}/joueurs/retirer/", {"player": player.pk}),
        (f"/animer/{session.pk}/joueurs/fusionner/", {"ghost": player.pk, "into": player.pk}),
    ]
    anonymous, student, colleague = Client(), Client(), Client()
    student.force_login(UserFactory())
    colleague.force_login(TeacherFactory(username="collegue"))
    for client in (anonymous, student):
        for page in pages:
            assert client.get(page).status_code == 302  # to the sign-in page
        for path, data in posts:
            assert client.post(path, data).status_code == 302
    for page in pages:
        assert colleague.get(page).status_code == 404
    for path, data in posts:
        assert colleague.post(path, data).status_code == 404
    assert Player.objects.filter(pk=player.pk).exists()
    superuser = Client()
    superuser.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    assert superuser.get(pages[0]).status_code == 200


def test_the_question_s_rounding_follows_into_live_games_and_homework_items(session, teacher):
    """A numeric question asked to the unit: the live player's exercise and a series' item
    (practice and homework build theirs the same way) ask for it, and grade with it."""
    from quiz.models import Attempt
    from quiz.practice import series

    question = session.quiz.questions.order_by("order").first()
    question.decimals = 0
    question.save()
    later = sessions.session_create(quiz=session.quiz, owner=teacher)
    player = join(later, "Léa")
    sessions.session_advance(session=later, user=teacher, now=timezone.now())
    played = snapshot.session_questions(fresh_session(later))[0]
    exercise = answers.player_exercise(later, player, played, 0)
    assert exercise.decimals == 0 and exercise.expected == exercise.expected.to_integral_value()
    assert (
        answer_now(player, answer=f"{exercise.expected}", now=timezone.now()).verdict == "correct"
    )

    attempt = Attempt.objects.create(owner="session:test", scope=Attempt.Scope.QUIZ)
    series.quiz_items(attempt=attempt, questions=[question], seed=lambda position: 42)
    item = attempt.items.get()
    assert item.decimals == 0 and series.item_exercise(item).decimals == 0
