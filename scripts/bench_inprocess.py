"""In-process parts of `make bench` (run by scripts/bench.py in the benchmark's environment).

python scripts/bench_inprocess.py tokens FILE N   signed drill tokens + a session key (printed)
python scripts/bench_inprocess.py generation      exercises generated and graded per second
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def tokens(path: str, count: int) -> None:
    import django

    django.setup()
    from django.contrib.sessions.backends.db import SessionStore

    from calculators.kpis import get_kpi
    from quiz.services import drill_new

    kpi = get_kpi("taux-reactivite")
    with open(path, "w") as out:
        for _ in range(count):
            out.write(quote(drill_new(kpi=kpi, difficulty=2).token, safe="") + "\n")
    session = SessionStore()
    session["practice"] = True
    session.create()
    print(session.session_key)


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
    else:
        generation()
