"""`make bench`: throughput of the app's hot endpoints as ratios to a trivial view of the same app.

Starts gunicorn (2 workers, production settings, a fresh SQLite database) on 127.0.0.1 and drives it
with wrk; floor views served only here (scripts/bench_floor_urls.py) show what the bars compare
with. Each endpoint is measured in rounds interleaved with the trivial view, so that the machine's
drift hits both alike; only ratios are compared against the bars. Exit status 1 if a bar is missed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from servers import (
    PYTHON,
    ROOT,
    free_port,
    manage,
    production_env,
    start_gunicorn,
    stop_server,
    wait_ready,
)

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
TRIVIAL = "/robots.txt"
ONLY = os.environ.get("BENCH_ONLY", "")  # e.g. BENCH_ONLY=fragment: only the endpoints so named


@dataclass
class Endpoint:
    name: str
    path: str
    bar: float | None
    headers: dict[str, str] = field(default_factory=dict)
    script: str | None = None  # a wrk Lua script that builds each request (POST bodies…)
    against: str | None = None  # the floor the bar is a share of (None: the trivial view)


LAYOUT_FLOOR = "floor: layout, empty page"
INSERT_FLOOR = "floor: ORM insert, fixed reply"
ENDPOINTS = [
    Endpoint(
        "calculator fragment (htmx)",
        "/calculateurs/taux-reactivite/?clicks=450&opened=860",
        0.7,
        {"HX-Request": "true", "HX-Target": "calculation"},
    ),
    Endpoint("calculator full page", "/calculateurs/cpm/?budget=200&impressions=10000", None),
    Endpoint("lesson page", "/cours/mesurer-emailing/", None),
    Endpoint(
        "exercise page (fresh drill)",
        "/entrainement/kpi/taux-reactivite/?niveau=2",
        0.6,
        against=LAYOUT_FLOOR,
    ),
    Endpoint(
        "live poll, 500 players (304)",
        "/session/etat/",
        0.8,
        {"Cookie": "ndrc_player=$LIVE_TOKEN", "If-None-Match": "$LIVE_ETAG"},
    ),
    Endpoint(
        "answer submission (htmx POST)",
        "/entrainement/kpi/taux-reactivite/",
        0.6,
        script="answers.lua",
        against=INSERT_FLOOR,
    ),
    Endpoint(
        "teacher: results, 35 × 10",
        "/enseignant/devoirs/$RESULTS_ASSIGNMENT/",
        None,
        {"Cookie": "sessionid=$RESULTS_SESSION"},
    ),
    # Floors (scripts/bench_floor_urls.py, served only here): what the bars above compare with.
    Endpoint(LAYOUT_FLOOR, "/bench-floor/page/", None),
    Endpoint(INSERT_FLOOR, "/bench-floor/orm-insert/", None, script="floor.lua"),
    Endpoint(
        "floor: raw insert, fixed reply", "/bench-floor/raw-insert/", None, script="floor.lua"
    ),
]
ENDPOINTS = [e for e in ENDPOINTS if ONLY in e.name]
ANSWER_TOKENS = int(os.environ.get("BENCH_ANSWER_TOKENS", "80000"))
GENERATION_BAR = 20_000  # exercises generated and graded per second, in process
LIVE: dict[str, str] = {}  # what the set-up made: a player's cookie and ETag, a teacher's…

ANSWERS_LUA = """
-- Each request answers its own exercise: a signed drill token of its own, never replayed.
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
local counter = 0
local threads = 0
function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end
function init(args)
  offset = tonumber(wrk.thread:get("offset"))
  step = 2
end
request = function()
  local index = (offset + counter * step) % #tokens + 1
  counter = counter + 1
  local body = "csrfmiddlewaretoken=" .. os.getenv("BENCH_CSRF") .. "&niveau=2&answer=12%2C5&token=" .. tokens[index]
  local headers = {}
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["Cookie"] = "csrftoken=" .. os.getenv("BENCH_CSRF") .. "; sessionid=" .. os.getenv("BENCH_SESSION")
  headers["HX-Request"] = "true"
  return wrk.format("POST", nil, headers, body)
end
"""

FLOOR_LUA = """
-- A POST with the same CSRF cookie and field as an answer, and nothing else.
wrk.method = "POST"
wrk.body = "csrfmiddlewaretoken=" .. os.getenv("BENCH_CSRF") .. "&answer=12%2C5"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "csrftoken=" .. os.getenv("BENCH_CSRF")
wrk.headers["HX-Request"] = "true"
"""


@dataclass
class Measure:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(
    url: str,
    headers: dict[str, str],
    seconds: int = SECONDS,
    connections: int = CONNECTIONS,
    script: Path | None = None,
) -> Measure:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if script:
        command += ["-s", str(script)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {_filled(value)}"]
    url = _filled(url)
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if "Latency Distribution" not in output:
        raise RuntimeError(f"wrk gave no measure for {url}:\n{output}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)$", output, re.M)[1])
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)$", output, re.M)[1])
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(match[1])
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        errors += sum(int(n) for n in match.groups())
    return Measure(rps, p50, p99, errors)


def _filled(text: str) -> str:
    """`$NAME` replaced by what the set-up made (cookies, ETags, ids)."""
    for key, replacement in LIVE.items():
        text = text.replace(f"${key}", replacement)
    return text


def average(measures: list[Measure]) -> Measure:
    n = len(measures)
    return Measure(
        sum(m.requests_per_second for m in measures) / n,
        sum(m.p50_ms for m in measures) / n,
        max(m.p99_ms for m in measures),
        sum(m.errors for m in measures),
    )


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is missing: `apt-get install wrk` (make bench does it).", file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="ndrc-bench-"))
    env = production_env(
        f"sqlite:///{workdir / 'bench.sqlite3'}",
        settings="scripts.bench_floor_settings",  # the app's, plus the floors
    )
    manage(env, (["migrate", "--noinput"], ["load_course"], ["collectstatic", "--noinput"]))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(env, port, workers=2)
    try:
        if not wait_ready(base):
            print("gunicorn did not start", file=sys.stderr)
            return 2
        scripts = prepare_answers(workdir, env, base)
        for endpoint in ENDPOINTS:  # warm-up: imports, template caches, connections
            run_wrk(base + endpoint.path, endpoint.headers, 1, 2, scripts.get(endpoint.script))
        trivial: list[Measure] = []
        results: dict[str, list[Measure]] = {e.name: [] for e in ENDPOINTS}
        for _ in range(ROUNDS):
            trivial.append(run_wrk(base + TRIVIAL, {}))
            for endpoint in ENDPOINTS:
                results[endpoint.name].append(
                    run_wrk(
                        base + endpoint.path,
                        endpoint.headers,
                        script=scripts.get(endpoint.script),
                    )
                )
        status = report(average(trivial), {name: average(m) for name, m in results.items()})
        if not ONLY:
            bench_rows(env)
            status = max(status, bench_generation())
        return status
    finally:
        stop_server(server)
        shutil.rmtree(workdir, ignore_errors=True)


def prepare_answers(workdir: Path, env: dict[str, str], base: str) -> dict[str | None, Path | None]:
    """Signed drill tokens (one per request), a session and a CSRF cookie for the POST benchmark."""
    tokens = workdir / "tokens.txt"
    session = inprocess("tokens", str(tokens), str(ANSWER_TOKENS), env=env).strip()
    csrf = "b" * 32  # any well-formed secret: Django accepts a cookie it did not set
    os.environ.update(BENCH_TOKENS=str(tokens), BENCH_SESSION=session, BENCH_CSRF=csrf)
    player, etag = inprocess("live", "500", env=env).split()
    LIVE.update(LIVE_TOKEN=player, LIVE_ETAG=etag)
    teacher, assignment = inprocess("results", env=env).split()
    LIVE.update(RESULTS_SESSION=teacher, RESULTS_ASSIGNMENT=assignment)
    scripts: dict[str | None, Path | None] = {None: None}
    for name, text in (("answers.lua", ANSWERS_LUA), ("floor.lua", FLOOR_LUA)):
        scripts[name] = workdir / name
        scripts[name].write_text(text)
    return scripts


def inprocess(*args: str, env: dict[str, str] | None = None) -> str:
    """What `python scripts/bench_inprocess.py ARGS…` prints (in `env`, else this environment)."""
    return subprocess.run(
        [PYTHON, "scripts/bench_inprocess.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def bench_rows(env: dict[str, str]) -> None:
    """In process, same run: does quiz/live/rows.py still pay for itself? (printed, no bar)"""
    raw, orm = (float(x) for x in inprocess("rows", env=env).split())
    verdict = "pays" if raw < orm else "does NOT pay: replace it with the ORM"
    print(
        f"\nin process: a changed poll's read (player, session, answer): raw rows {raw:.0f} µs, "
        f"ORM {orm:.0f} µs ({orm / raw:.1f}×): quiz/live/rows.py {verdict}"
    )


def bench_generation() -> int:
    """In process: generate an exercise and grade an answer, as many times as possible in 3 s."""
    rate = float(inprocess("generation"))
    ok = rate >= GENERATION_BAR
    print(
        f"\nin process: generation + grading {rate:,.0f} exercises/s (bar ≥ {GENERATION_BAR:,}): "
        f"{'ok' if ok else 'MISSED'}".replace(",", " ")
    )
    return 0 if ok else 1


def report(trivial: Measure, results: dict[str, Measure]) -> int:
    print(
        f"\ngunicorn 2 workers, SQLite, wrk {CONNECTIONS} connections, {ROUNDS} × {SECONDS} s rounds"
    )
    header = (
        f"{'endpoint':34} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'ratio':>6}  "
        "bar (a share of the trivial view, or of a floor)"
    )
    print(header)
    print("-" * len(header))
    print(
        f"{'trivial view ' + TRIVIAL:34} {trivial.requests_per_second:9.0f} {trivial.p50_ms:8.2f} "
        f"{trivial.p99_ms:8.2f} {trivial.errors:7d} {1:6.2f}"
    )
    failed = False
    for endpoint in ENDPOINTS:
        measure = results[endpoint.name]
        ratio = measure.requests_per_second / trivial.requests_per_second
        verdict = ""
        if endpoint.bar is not None and endpoint.against is None:
            ok = ratio >= endpoint.bar and measure.errors == 0
            failed |= not ok
            verdict = f"≥ {endpoint.bar} {'ok' if ok else 'MISSED'}"
        elif endpoint.bar is not None and endpoint.against in results:
            share = measure.requests_per_second / results[endpoint.against].requests_per_second
            ok = share >= endpoint.bar and measure.errors == 0
            failed |= not ok
            verdict = (
                f"{share:.2f} × {endpoint.against.removeprefix('floor: ')}: "
                f"≥ {endpoint.bar} {'ok' if ok else 'MISSED'}"
            )
        print(
            f"{endpoint.name:34} {measure.requests_per_second:9.0f} {measure.p50_ms:8.2f} "
            f"{measure.p99_ms:8.2f} {measure.errors:7d} {ratio:6.2f}  {verdict}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
