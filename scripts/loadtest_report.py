"""The load test's figures (scripts/loadtest.py): CPU read from /proc, percentiles, and the printed
report with its bars."""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from loadtest_http import Stats, merged
from loadtest_scenario import (
    ANSWER_P99_BAR_MS,
    CLASS_SIZE,
    JOIN_SECONDS,
    PLAYERS,
    QUESTION_P99_BAR_MS,
    SPEED_BAR,
    STAGGER_SECONDS,
)
from loadtest_servers import CONNECTIONS, TRIVIAL, server_label

if TYPE_CHECKING:
    from loadtest_client import Load
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


def phases_busy(load: Load, began: float) -> list[tuple[str, float]]:
    machine = load.watch.machine
    joined = load.joined_at or began
    starts = [g.question_started for g in load.games if g.question_started is not None]
    question = min(starts, default=joined)
    end = machine[-1][0] if machine else question
    return [
        ("joining", busy_share(machine, began, joined)),
        ("lobby", busy_share(machine, joined, question)),
        ("question" if len(load.games) == 1 else "questions", busy_share(machine, question, end)),
    ]


# --------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(share * len(ordered) + 0.999999) - 1))]


@dataclass
class Speed:
    """The machine's speed of the day: the trivial view's req/s as `make bench` measures it."""

    before: float | None = None
    after: float | None = None
    note: str = ""  # why it is not measured, if it is not

    @property
    def rate(self) -> float | None:
        rates = [r for r in (self.before, self.after) if r is not None]
        return sum(rates) / len(rates) if rates else None


def spaced(number: float) -> str:
    """1 234 567, the thousands apart (narrow no-break spaces, as the project writes them)."""
    return f"{number:,.0f}".replace(",", "\u202f")


def speed_line(speed: Speed) -> str:
    if speed.rate is None:
        return f"machine's speed of the day: not measured ({speed.note or 'SPEED_SECONDS=0'})"
    parts = [
        f"{spaced(rate)} req/s {when}"
        for rate, when in ((speed.before, "before the load"), (speed.after, "after it"))
        if rate is not None
    ]
    return (
        f"machine's speed of the day: trivial view {TRIVIAL} " + ", ".join(parts) + " "
        f"(gunicorn sync, 2 workers, wrk {CONNECTIONS} connections, as make bench); "
        f"timing bars judged from {spaced(SPEED_BAR)} req/s"
    )


def request_table(stats: Stats) -> None:
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


def class_table(load: Load, all_checks: list[Checks]) -> list[bool]:
    """One line per class; whether each is right (0 errors, 0 lost, verdicts and leaderboard)."""
    header = (
        f"{'class':>5} {'joins':>7} {'errors':>6} {'sent':>5} {'stored':>6} {'lost':>4} "
        f"{'leaderboard':>11} {'answer p99':>10} {'question p99':>12}"
    )
    print(f"\nper class (questions {STAGGER_SECONDS:g} s apart)\n{header}\n" + "-" * len(header))
    right = []
    for game, checks in zip(load.games, all_checks, strict=True):
        stats = game.stats
        errors = sum(stats.errors.values())
        lost = stats.answers_sent - checks.stored
        ok = (
            errors == 0
            and lost == 0
            and stats.answers_sent > 0
            and checks.leaderboard_ok
            and checks.verdict_mismatches == checks.unknown_players == 0
        )
        right.append(ok)
        print(
            f"{game.index + 1:5d} {stats.joins:3d}/{game.size:<3d} {errors:6d} "
            f"{stats.answers_sent:5d} {checks.stored:6d} {lost:4d} "
            f"{'agrees' if checks.leaderboard_ok else 'DISAGREES':>11} "
            f"{percentile(stats.latency.get('answer', []), 0.99):7.0f} ms "
            f"{percentile(stats.question_reached_ms, 0.99):9.0f} ms" + ("" if ok else "  MISSED")
        )
    return right


def _lead_seconds(load: Load) -> float:
    game = load.games[0]
    if game.clicked_at is None or game.opens_at is None:
        return 0.0
    return round(game.opens_at - game.clicked_at, 3)


def report(
    load: Load,
    all_checks: list[Checks],
    label: str,
    finished: bool,
    timings: dict,
    speed: Speed,
) -> int:
    stats = merged([game.stats for game in load.games])
    classes = len(load.games)
    print(
        f"\nlive session load test: {PLAYERS} players"
        + (f" in {classes} classes of {CLASS_SIZE}" if classes > 1 else "")
        + f", {server_label()}, {label}, 127.0.0.1, joins spread over {JOIN_SECONDS:g} s"
    )
    print(speed_line(speed))
    request_table(stats)
    right = class_table(load, all_checks) if classes > 1 else []
    errors = sum(stats.errors.values()) + (0 if finished else 1)
    stored = sum(c.stored for c in all_checks)
    lost = stats.answers_sent - stored
    answer_p99 = percentile(stats.latency.get("answer", []), 0.99)
    question_p99 = percentile(stats.question_reached_ms, 0.99)
    print(f"\njoins: {stats.joins}/{PLAYERS} in {timings['join']:.1f} s")
    print(
        f"connections opened: {stats.connections_opened} for {sum(stats.requests.values())} "
        f"requests; kept connections the server had closed: {stats.reconnects}"
    )
    if stats.question_reached_ms:
        print(
            f"question shown on the players' phones: p50 "
            f"{percentile(stats.question_reached_ms, 0.5):.0f} ms, p99 {question_p99:.0f} ms "
            f"after it opened ({len(stats.question_reached_ms)} players; 0: at the instant it "
            f"opened, « Préparez-vous » of {_lead_seconds(load):g} s after the teacher's click)"
        )
        received = stats.question_received_ms
        first, last = min(received), max(received)
        print(
            f"  its screens reached the phones {first:.0f}–{last:.0f} ms after the click "
            f"(p99 {percentile(received, 0.99):.0f} ms)"
        )
        if last > first:
            # Under saturation, the pace at which the server rendered the question's screens: at
            # that pace, N phones cannot all have it sooner than N / pace after the first.
            pace = (len(received) - 1) / (last - first) * 1000
            print(f"  at {pace:,.0f} screens/s".replace(",", " "))
    print(f"errors: {errors}" + ("" if finished else " (the load was stopped at its time limit)"))
    for message, count in stats.error_samples.most_common(8):
        print(f"  {count:5d} × {message}")
    meant_right = sum(sum(g.stats.intended.values()) for g in load.games)
    mismatches = sum(c.verdict_mismatches for c in all_checks)
    unknown = sum(c.unknown_players for c in all_checks)
    print(
        f"answers: sent {stats.answers_sent}, acknowledged {stats.answers_acknowledged}, "
        f"stored {stored}, lost {lost}; {sum(c.correct for c in all_checks)} right "
        f"({meant_right} meant right), verdict mismatches {mismatches}, "
        f"from unknown players {unknown}"
    )
    boards_ok = all(c.leaderboard_ok for c in all_checks)
    print(
        "leaderboard (top 10 points): "
        + ("agrees with the stored answers" if boards_ok else "DISAGREES")
        + (" in every class" if classes > 1 and boards_ok else "")
    )
    for game, checks in zip(load.games, all_checks, strict=True):
        if not checks.leaderboard_ok:
            print(
                f"  class {game.index + 1}: leaderboard_for: {checks.leaderboard}\n"
                f"  expected:        {checks.expected}"
            )
    lag = load.watch.loop_lag_ms
    print(
        f"CPU: server {timings['server_cpu']:.1f} s, "
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
        ("verdicts as meant", mismatches == 0 and unknown == 0),
        ("leaderboard agrees", boards_ok),
    ]
    if classes > 1:
        bars.append((f"classes right {sum(right)}/{classes}", all(right)))
    timing = [
        (
            f"answer p99 {answer_p99:.0f} ms < {ANSWER_P99_BAR_MS:.0f} ms",
            answer_p99 < ANSWER_P99_BAR_MS,
        ),
        (
            f"question on every phone p99 {question_p99:.0f} ms < {QUESTION_P99_BAR_MS:.0f} ms",
            question_p99 < QUESTION_P99_BAR_MS,
        ),
    ]
    judged = speed.rate is not None and speed.rate >= SPEED_BAR
    if judged:
        bars += timing
    print("bars: " + "; ".join(f"{text} {'ok' if ok else 'MISSED'}" for text, ok in bars))
    if not judged:
        why = (
            f"the trivial view did {spaced(speed.rate)} req/s < {spaced(SPEED_BAR)}"
            if speed.rate is not None
            else "the machine's speed was not measured"
        )
        print(
            "timing bars not judged today ("
            + why
            + "): "
            + "; ".join(
                f"{text} ({'would be met' if ok else 'would be missed'})" for text, ok in timing
            )
        )
    return 0 if all(ok for _, ok in bars) else 1
