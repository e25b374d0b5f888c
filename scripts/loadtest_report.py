"""The load test's figures (scripts/loadtest.py): CPU read from /proc, percentiles, and the printed
report with its bars."""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from loadtest_scenario import ANSWER_P99_BAR_MS, JOIN_SECONDS, PLAYERS, WORKERS

if TYPE_CHECKING:
    from loadtest_client import Game, Stats
    from loadtest_scenario import Checks

KINDS = ("join page", "join", "player page", "poll", "answer")


# --------------------------------------------------------------------------------------------------
# CPU
# --------------------------------------------------------------------------------------------------


def machine_cpu() -> tuple[int, int]:
    """Busy and total jiffies of the whole machine (every core), from /proc/stat."""
    try:
        numbers = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return 0, 0
    idle = numbers[3] + (numbers[4] if len(numbers) > 4 else 0)  # idle + iowait
    return sum(numbers) - idle, sum(numbers)


def process_cpu(pid: int | str) -> tuple[str, float]:
    """A process's command name and user + system CPU seconds (0 if it is gone)."""
    try:
        head, tail = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)
    except OSError:
        return "", 0.0
    fields = tail.split()
    return head.partition("(")[2], (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and of its live children (gunicorn master and workers)."""
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return sum(process_cpu(one)[1] for one in pids)


def postgres_cpu() -> float:
    """CPU seconds of the machine's PostgreSQL processes (backends live as long as gunicorn's
    persistent connections, so differences over the load are meaningful)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            name, seconds = process_cpu(entry.name)
            total += seconds if name == "postgres" else 0.0
    return total


def busy_share(machine: list[tuple[float, int, int]], start: float, end: float) -> float:
    """Share of the machine's CPU time (all cores) that was busy between two instants."""
    inside = [m for m in machine if start <= m[0] <= end]
    if len(inside) < 2 or inside[-1][2] == inside[0][2]:
        return float("nan")
    return (inside[-1][1] - inside[0][1]) / (inside[-1][2] - inside[0][2])


def phases_busy(stats: Stats, game: Game, began: float) -> list[tuple[str, float]]:
    joined = game.joined_at or began
    question = game.question_started or joined
    end = stats.machine[-1][0] if stats.machine else question
    return [
        ("joining", busy_share(stats.machine, began, joined)),
        ("lobby", busy_share(stats.machine, joined, question)),
        ("question", busy_share(stats.machine, question, end)),
    ]


# --------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(share * len(ordered) + 0.999999) - 1))]


def report(
    stats: Stats, checks: Checks, label: str, finished: bool, timings: dict[str, float]
) -> int:
    print(
        f"\nlive session load test: {PLAYERS} players, gunicorn {WORKERS} workers, {label}, "
        f"127.0.0.1, joins spread over {JOIN_SECONDS:g} s"
    )
    header = (
        f"{'request':12} {'count':>6} {'200':>6} {'302':>5} {'304':>6} {'errors':>6} "
        f"{'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}"
    )
    print(header)
    print("-" * len(header))
    for kind in KINDS:
        values, statuses = stats.latency.get(kind, []), stats.statuses.get(kind, Counter())
        print(
            f"{kind:12} {stats.requests[kind]:6d} "
            f"{statuses[200]:6d} {statuses[302]:5d} {statuses[304]:6d} {stats.errors[kind]:6d} "
            f"{percentile(values, 0.5):8.1f} {percentile(values, 0.99):8.1f} "
            f"{max(values, default=float('nan')):8.1f}"
        )
    for status, values in sorted(stats.poll_latency.items()):
        print(
            f"  poll {status}: {len(values)}, p50 {percentile(values, 0.5):.1f} ms, "
            f"p99 {percentile(values, 0.99):.1f} ms"
        )
    errors = sum(stats.errors.values()) + (0 if finished else 1)
    lost = stats.answers_sent - checks.stored
    answer_p99 = percentile(stats.latency.get("answer", []), 0.99)
    print(f"\njoins: {stats.joins}/{PLAYERS} in {timings['join']:.1f} s")
    if stats.question_reached_ms:
        print(
            f"question reached the players: p50 {percentile(stats.question_reached_ms, 0.5):.0f} "
            f"ms, p99 {percentile(stats.question_reached_ms, 0.99):.0f} ms after it started "
            f"({len(stats.question_reached_ms)} players)"
        )
    print(f"errors: {errors}" + ("" if finished else " (the load was stopped at its time limit)"))
    for message, count in stats.error_samples.most_common(8):
        print(f"  {count:5d} × {message}")
    print(
        f"answers: sent {stats.answers_sent}, acknowledged {stats.answers_acknowledged}, "
        f"stored {checks.stored}, lost {lost}; {checks.correct} right "
        f"({sum(stats.intended.values())} meant right), verdict mismatches "
        f"{checks.verdict_mismatches}, from unknown players {checks.unknown_players}"
    )
    print(
        "leaderboard (top 10 points): "
        + ("agrees with the stored answers" if checks.leaderboard_ok else "DISAGREES")
    )
    if not checks.leaderboard_ok:
        print(f"  leaderboard_for: {checks.leaderboard}\n  expected:        {checks.expected}")
    lag = stats.loop_lag_ms
    print(
        f"CPU: gunicorn {timings['server_cpu']:.1f} s, "
        + (f"PostgreSQL {timings['db_cpu']:.1f} s, " if label.startswith("PostgreSQL") else "")
        + f"load client {timings['client_cpu']:.1f} s, "
        f"over {timings['load']:.1f} s of load on {os.cpu_count()} cores; client event-loop lag "
        f"p99 {percentile(lag, 0.99):.0f} ms, max {max(lag, default=0):.0f} ms"
    )
    print(
        "machine CPU busy (all cores, server + database + client): "
        + ", ".join(f"{name} {share:.0%}" for name, share in timings["busy"])
    )
    print(f"duration: load {timings['load']:.1f} s, whole run {timings['total']:.1f} s")
    bars = [
        (f"errors {errors} = 0", errors == 0),
        (f"lost answers {lost} = 0", lost == 0 and stats.answers_sent > 0),
        (
            f"answer p99 {answer_p99:.0f} ms < {ANSWER_P99_BAR_MS:.0f} ms",
            answer_p99 < ANSWER_P99_BAR_MS,
        ),
        ("verdicts as meant", checks.verdict_mismatches == 0 and checks.unknown_players == 0),
        ("leaderboard agrees", checks.leaderboard_ok),
    ]
    print("bars: " + "; ".join(f"{text} {'ok' if ok else 'MISSED'}" for text, ok in bars))
    return 0 if all(ok for _, ok in bars) else 1
