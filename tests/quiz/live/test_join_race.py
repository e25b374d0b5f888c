"""Students joining a student-paced game while the teacher presses « Commencer »: whichever comes
first, every player ends up on the first question with their own clock — in separate processes,
as on a server with several workers, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from tests.processes import environment, run

JOINERS, JOINS_EACH = 4, 15

SCRIPT = """
import sys, time, django
django.setup()
from django.contrib.auth.models import User
from django.db import close_old_connections
from django.utils import timezone
from quiz.live import players, sessions
from quiz.models import LiveSession, Player, Quiz

mode = sys.argv[1]
if mode == "setup":
    teacher = User.objects.create_user("prof-race", is_staff=True)
    quiz = Quiz.objects.create(title="Course", is_published=True, created_by=teacher)
    quiz.questions.create(order=1, kind="numeric", kpi_slug="cpc", difficulty=1)
    session = sessions.session_create(quiz=quiz, owner=teacher, pacing="eleve")
    print(session.pin)
elif mode == "join":
    pin, worker, at = sys.argv[2], sys.argv[3], float(sys.argv[4])
    time.sleep(max(0.0, at - time.time()))
    for n in range(int(sys.argv[5])):
        players.player_join(pin=pin, pseudo=f"j{worker}-{n}", client=f"c:{worker:0>16}{n}")
    print("ok")
elif mode == "start":
    at = float(sys.argv[2])
    time.sleep(max(0.0, at - time.time() + 0.05))
    session = LiveSession.objects.get()
    sessions.session_advance(session=session, user=session.owner, now=timezone.now())
    print("ok")
elif mode == "check":
    stuck = Player.objects.filter(current_index=-1).count()
    clockless = Player.objects.filter(question_deadline__isnull=True).count()
    print(Player.objects.count(), stuck, clockless)
"""


@pytest.mark.parametrize("round_", range(2))
def test_joins_during_the_start_all_get_their_question(transactional_db, tmp_path, round_):
    import time

    env = environment(tmp_path)
    setup = run(env, SCRIPT, "setup")
    out, err = setup.communicate(timeout=60)
    assert setup.returncode == 0, err
    pin = out.strip()
    at = time.time() + 2.5  # every process imported Django and waits for the same instant
    workers = [
        run(env, SCRIPT, "join", pin, str(n), str(at), str(JOINS_EACH)) for n in range(JOINERS)
    ]
    workers.append(run(env, SCRIPT, "start", str(at)))
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err[-2000:]
    check = run(env, SCRIPT, "check")
    out, err = check.communicate(timeout=60)
    assert check.returncode == 0, err
    count, stuck, clockless = map(int, out.split())
    assert (count, stuck, clockless) == (JOINERS * JOINS_EACH, 0, 0)
