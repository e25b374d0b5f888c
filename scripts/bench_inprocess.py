"""In-process parts of `make bench` (run by scripts/bench.py in the benchmark's environment).

python scripts/bench_inprocess.py tokens FILE N   signed drill tokens + a session key (printed)
python scripts/bench_inprocess.py live N          a live session of N players (cookie, ETag printed)
python scripts/bench_inprocess.py rows            a changed poll's read: raw rows against the ORM
python scripts/bench_inprocess.py results         a class of 35 who handed in 10 questions
python scripts/bench_inprocess.py generation      exercises generated and graded per second
python scripts/bench_inprocess.py joins           a join's cost, limits counted in local memory
                                                  against the database's cache (DEBUG=0, on the
                                                  database of DATABASE_URL, migrated here)
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
    from calculators.kpis import get_kpi
    from config.sessions import SessionStore
    from quiz.practice.drills import drill_new
    from quiz.practice.owners import OWNER

    kpi = get_kpi("taux-reactivite")
    with open(path, "w") as out:
        for _ in range(count):
            # Bound to the student whose session the benchmark sends (quiz.practice.owners).
            token = drill_new(kpi=kpi, difficulty=2, owner="session:bench-student").token
            out.write(quote(token, safe="") + "\n")
    session = SessionStore()  # an anonymous student's session, as a browser holds it
    session[OWNER] = "bench-student"
    session.save()
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


def class_results(students: int = 35, questions: int = 10) -> None:
    """A class of `students` who all handed in an assignment of `questions` questions; prints the
    teacher's session cookie and the assignment's id (for its results page)."""
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.test import Client
    from django.utils import timezone

    from calculators.kpis import KPIS
    from courses.models import ConceptQuestion
    from quiz.models import Quiz, QuizQuestion
    from quiz.practice.series import item_answer
    from quiz.teaching import accounts, assignments, classes

    teacher = accounts.teacher_create(username="bench-results", password="bench-results-2026")
    school_class = classes.class_create(teacher=teacher, name="Banc d’essai")
    quiz = Quiz.objects.create(title="Devoir du banc d’essai", is_published=True)
    concepts = list(ConceptQuestion.objects.all()[: questions // 2])
    for order in range(questions):
        if order % 2 and concepts:
            QuizQuestion.objects.create(
                quiz=quiz, order=order, kind="concept", concept_question=concepts.pop()
            )
        else:
            QuizQuestion.objects.create(
                quiz=quiz, order=order, kind="numeric", kpi_slug=KPIS[order % len(KPIS)].slug
            )
    now = timezone.now()
    assignment = assignments.assignment_create(
        school_class=school_class,
        quiz=quiz,
        opens_at=now - timedelta(days=1),
        due_at=now + timedelta(days=1),
    )
    for number in range(students):
        student = User.objects.create_user(f"bench-eleve-{number}", password="x")
        accounts.student_enrol(student=student, school_class=school_class)
        attempt = assignments.assignment_attempt(assignment=assignment, student=student, now=now)
        for item in attempt.items.select_related("concept_question"):
            if item.concept_question_id:
                option = item.concept_question.options.first()
                item_answer(item=item, owner=attempt.owner, chosen_ids=[option.pk], now=now)
            else:
                item_answer(item=item, owner=attempt.owner, answer=str(number % 7), now=now)
    client = Client()
    client.force_login(teacher)
    print(client.cookies["sessionid"].value, assignment.pk)


def raw_rows(rounds: int = 2000) -> None:
    """Why `quiz/live/rows.py` exists: a changed poll's read (player, session and current answer)
    in its one raw query, against the same read through the ORM (`select_related` + the answer),
    on the session `live` made. Prints the two costs in µs, best of 3."""
    import django

    django.setup()

    from quiz.live import poll
    from quiz.models import LiveAnswer, Player

    def raw() -> object:
        return poll.poll_state(token="bench-1").screen()

    def orm() -> object:
        player = Player.objects.select_related("session").get(token="bench-1")
        index = player.session.question_index
        answer = LiveAnswer.objects.filter(player=player, question_index=index).first()
        return player, answer

    costs = []
    for read in (raw, orm):
        best = float("inf")
        for _round in range(3):
            start = time.perf_counter()
            for _ in range(rounds):
                read()
            best = min(best, (time.perf_counter() - start) / rounds * 1e6)
        costs.append(best)
    print(f"{costs[0]:.0f} {costs[1]:.0f}")


def generation(seconds: float = 1.0, rounds: int = 3) -> None:
    """Exercises generated and graded per second: the best of `rounds` rounds, as the timing
    harnesses of docs/benchmarks.md do (one 3 s round swung 15 000–21 500 within ten minutes
    on 2026-12-01, with the same code)."""
    from calculators.kpis import KPIS
    from quiz.engine.generate import CURRENT_GENERATOR, generate
    from quiz.engine.grade import grade_numeric

    slugs = [kpi.slug for kpi in KPIS]
    rng = random.Random(1)
    answers = ["12,5", "0,35", "1 234 €", "abc", "34,62 %"]
    best = 0.0
    for _ in range(rounds):
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            for _ in range(1000):
                exercise = generate(
                    rng.choice(slugs), rng.randint(1, 3), rng.getrandbits(62), CURRENT_GENERATOR
                )
                grade_numeric(exercise, rng.choice(answers))
            count += 1000
        best = max(best, count / (time.perf_counter() - start))
    print(best)


def joins(count: int = 300, rounds: int = 2) -> None:
    """A join's wall time in µs, one after the other, with the limits' counts in each process's
    memory and in the database's cache (docs/benchmarks.md, fifth session)."""
    import secrets

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import override_settings

    from quiz.live import players, sessions
    from quiz.models import Quiz, QuizQuestion

    call_command("migrate", verbosity=0)
    run = secrets.token_hex(5)
    teacher = User.objects.create_user(f"bench-joins-{run}", password="x", is_staff=True)
    quiz = Quiz.objects.create(title="Banc d’essai", is_published=True, created_by=teacher)
    QuizQuestion.objects.create(quiz=quiz, order=1, kind="numeric", kpi_slug="cpm", difficulty=1)

    def cost(label: str) -> float:
        session = sessions.session_create(quiz=quiz, owner=teacher)
        start = time.perf_counter()
        for number in range(count):
            players.player_join(
                pin=session.pin,
                pseudo=f"{label}{number}",
                client=f"c:{label}{run}{number:020d}",  # a browser each: no limit is reached
                user=None,
            )
        return (time.perf_counter() - start) / count * 1e6

    memory = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    for turn in range(rounds):
        with override_settings(CACHES=memory):
            local = cost(f"m{turn}")
        print(f"join µs: local memory {local:.0f}, database cache {cost(f'd{turn}'):.0f}")


if __name__ == "__main__":
    if sys.argv[1] == "tokens":
        tokens(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "live":
        live_session(int(sys.argv[2]))
    elif sys.argv[1] == "rows":
        raw_rows()
    elif sys.argv[1] == "results":
        class_results()
    elif sys.argv[1] == "joins":
        joins()
    else:
        generation()
