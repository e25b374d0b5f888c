"""In-process parts of `make bench` (run by scripts/bench.py in the benchmark's environment).

python scripts/bench_inprocess.py tokens FILE N   signed drill tokens + a session key (printed)
python scripts/bench_inprocess.py generation      exercises generated and graded per second
"""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def tokens(path: str, count: int) -> None:
    import django

    django.setup()
    from django.contrib.sessions.backends.db import SessionStore

    from calculators.kpis import get_kpi
    from quiz.practice.drills import drill_new

    kpi = get_kpi("taux-reactivite")
    with open(path, "w") as out:
        for _ in range(count):
            out.write(quote(drill_new(kpi=kpi, difficulty=2).token, safe="") + "\n")
    session = SessionStore()
    session["practice"] = True
    session.create()
    print(session.session_key)


def live_session(players: int) -> None:
    """A live session with `players` players on a question; prints a player's cookie and ETag."""
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.utils import timezone

    from quiz.live import poll, sessions
    from quiz.models import LiveSession, Player, Quiz, QuizQuestion

    teacher = User.objects.create_user("bench-prof", password="x", is_staff=True)
    quiz = Quiz.objects.create(title="Banc d’essai", is_published=True)
    QuizQuestion.objects.create(quiz=quiz, order=1, kind="numeric", kpi_slug="cpm", difficulty=1)
    session = sessions.session_create(quiz=quiz, owner=teacher)
    Player.objects.bulk_create(
        Player(session=session, pseudo=f"j{i}", pseudo_key=f"j{i}", token=f"bench-{i}")
        for i in range(players)
    )
    session = sessions.session_advance(session=session, user=teacher, now=timezone.now())
    # The question stays open for the whole benchmark (a run outlasts its 90 s): once closed, the
    # ETag printed here would be stale and every poll would render the correction instead.
    LiveSession.objects.filter(pk=session.pk).update(
        question_deadline=timezone.now() + timedelta(days=1)
    )
    state = poll.poll_state(token="bench-0")
    print("bench-0")
    print(state.etag(timezone.now()))


def generation(seconds: float = 3.0) -> None:
    from calculators.kpis import KPIS
    from quiz.engine.generate import generate
    from quiz.engine.grade import grade_numeric

    slugs = [kpi.slug for kpi in KPIS]
    rng = random.Random(1)
    answers = ["12,5", "0,35", "1 234 €", "abc", "34,62 %"]
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for _ in range(1000):
            exercise = generate(rng.choice(slugs), rng.randint(1, 3), rng.getrandbits(62))
            grade_numeric(exercise, rng.choice(answers))
        count += 1000
    print(count / (time.perf_counter() - start))


if __name__ == "__main__":
    if sys.argv[1] == "tokens":
        tokens(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "live":
        live_session(int(sys.argv[2]))
    else:
        generation()
