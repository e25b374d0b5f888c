"""The load test's HTTP (scripts/loadtest.py): what every request records, and two clients over
asyncio streams — one connection per request (`Client`, the default), or, with KEEPALIVE=1, the
connections a phone's browser keeps open (`KeepAliveClient`: HTTP/1.1 keep-alive, responses read by
Content-Length or chunks).

Each simulated phone has its own `Jar`: its cookies, and the connections it keeps open."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import time
import urllib.parse
from collections import Counter, defaultdict
from dataclasses import dataclass, field

REQUEST_TIMEOUT = 10.0
OK_STATUSES = (200, 302, 304)
NO_BODY_STATUSES = (204, 304)


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    cookies: dict[str, str]
    text: str


@dataclass
class Stats:
    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    poll_latency: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    requests: Counter = field(default_factory=Counter)  # per kind, whatever came of them
    samples: list[tuple[float, str, int, float]] = field(
        default_factory=list
    )  # t, kind, status, ms
    errors: Counter = field(default_factory=Counter)  # per kind
    error_samples: Counter = field(default_factory=Counter)  # "kind: message" -> count
    joins: int = 0
    join_attempts_done: int = 0
    answers_sent: int = 0
    answers_acknowledged: int = 0
    connections_opened: int = 0
    reconnects: int = 0  # a kept connection the server had closed: the request sent again
    question_reached_ms: list[float] = field(default_factory=list)  # shown, after it opened
    question_received_ms: list[float] = field(default_factory=list)  # its screen, after the click
    loop_lag_ms: list[float] = field(default_factory=list)
    machine: list[tuple[float, int, int]] = field(default_factory=list)  # t, busy, total jiffies
    intended: dict[str, bool] = field(default_factory=dict)

    def error(self, kind: str, message: str) -> None:
        self.errors[kind] += 1
        self.error_samples[f"{kind}: {message}"[:160]] += 1


def merged(all_stats: list[Stats]) -> Stats:
    """The classes' figures put together (the pseudos of `intended` are not: they repeat)."""
    total = Stats()
    for stats in all_stats:
        for kind, values in stats.latency.items():
            total.latency[kind] += values
        for status, values in stats.poll_latency.items():
            total.poll_latency[status] += values
        for kind, counter in stats.statuses.items():
            total.statuses[kind].update(counter)
        total.requests.update(stats.requests)
        total.samples += stats.samples
        total.errors.update(stats.errors)
        total.error_samples.update(stats.error_samples)
        total.question_reached_ms += stats.question_reached_ms
        total.question_received_ms += stats.question_received_ms
        for name in (
            "joins",
            "join_attempts_done",
            "answers_sent",
            "answers_acknowledged",
            "connections_opened",
            "reconnects",
        ):
            setattr(total, name, getattr(total, name) + getattr(stats, name))
    return total


class Jar(dict[str, str]):
    """A phone's cookies (the dict) and the connections its browser keeps open to the server."""

    def __init__(self) -> None:
        super().__init__()
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []


def parse_head(head: bytes) -> tuple[int, dict[str, str], dict[str, str]]:
    """Status, headers (lower-case names) and cookies set, from a response's head."""
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split()[1])
    headers: dict[str, str] = {}
    cookies: dict[str, str] = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        name, value = name.strip().lower(), value.strip()
        if name == "set-cookie":
            key, _, rest = value.partition("=")
            cookies[key.strip()] = rest.split(";", 1)[0]
        else:
            headers[name] = value
    return status, headers, cookies


def parse_response(raw: bytes) -> Response:
    """A whole response read up to the end of its connection."""
    head, separator, body = raw.partition(b"\r\n\r\n")
    if not separator:
        raise ValueError(f"incomplete response ({len(raw)} bytes)")
    status, headers, cookies = parse_head(head)
    if "content-length" in headers:
        length = int(headers["content-length"])
        if len(body) < length:
            raise ValueError(f"truncated body ({len(body)} of {length} bytes)")
    return Response(status, headers, cookies, decoded(headers, body))


def decoded(headers: dict[str, str], body: bytes) -> str:
    """The body as text, uncompressed when the server gzipped it."""
    if headers.get("content-encoding", "").lower() == "gzip":
        body = gzip.decompress(body)
    return body.decode("utf-8", "replace")


async def _close(writer: asyncio.StreamWriter) -> None:
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()


class Client:
    """One connection per request (`Connection: close`), as gunicorn's sync workers want."""

    CONNECTION = "close"

    def __init__(self, port: int, stats: Stats) -> None:
        self.port = port
        self.origin = f"http://127.0.0.1:{port}"
        self.stats = stats

    async def _exchange(self, request: bytes, jar: Jar, method: str) -> Response:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
        self.stats.connections_opened += 1
        try:
            writer.write(request)
            await writer.drain()
            return parse_response(await reader.read())  # the server closes the connection
        finally:
            await _close(writer)

    async def close(self) -> None:
        """Nothing kept open."""

    async def fetch(
        self,
        kind: str,
        method: str,
        path: str,
        jar: Jar,
        headers: dict[str, str] | None = None,
        form: dict[str, str] | None = None,
    ) -> Response | None:
        """One request; None (and an error counted) on a bad status, an exception or a timeout."""
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: 127.0.0.1:{self.port}",
            f"Connection: {self.CONNECTION}",
            "User-Agent: ndrc-loadtest",
            "Accept: text/html",
            "Accept-Encoding: gzip",  # as a phone's browser: the server compresses its HTML
        ]
        if jar:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in jar.items()))
        body = b""
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            lines += [
                "Content-Type: application/x-www-form-urlencoded",
                f"Content-Length: {len(body)}",
                f"Origin: {self.origin}",
            ]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        request = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
        self.stats.requests[kind] += 1
        start = time.perf_counter()
        try:
            response = await asyncio.wait_for(self._exchange(request, jar, method), REQUEST_TIMEOUT)
        except TimeoutError:
            self.stats.error(kind, f"timeout ({REQUEST_TIMEOUT:.0f} s)")
            return None
        except (OSError, EOFError, ValueError, asyncio.LimitOverrunError) as error:
            self.stats.error(kind, f"{type(error).__name__}: {error}")
            return None
        elapsed = (time.perf_counter() - start) * 1000
        self.stats.latency[kind].append(elapsed)
        self.stats.statuses[kind][response.status] += 1
        self.stats.samples.append((start, kind, response.status, elapsed))
        if kind == "poll":
            self.stats.poll_latency[response.status].append(elapsed)
        jar.update(response.cookies)
        if response.status not in OK_STATUSES:
            self.stats.error(kind, f"HTTP {response.status}")
            return None
        return response


class StaleConnection(Exception):
    """A kept connection gave not a byte back: the server had closed it while it was idle."""


class KeepAliveClient(Client):
    """HTTP/1.1 keep-alive as a phone's browser: each phone reuses the connection it keeps open,
    and opens another only while that one is busy (a poll and an answer at the same time) or
    after the server closed it; a request on a connection the server had closed while idle is
    sent again on a new one, as browsers do."""

    CONNECTION = "keep-alive"

    def __init__(self, port: int, stats: Stats) -> None:
        super().__init__(port, stats)
        self.jars: dict[int, Jar] = {}  # every phone that opened a connection, by id

    async def _exchange(self, request: bytes, jar: Jar, method: str) -> Response:
        if jar.idle:
            try:
                return await self._exchange_on(jar.idle.pop(), request, jar, method, reused=True)
            except StaleConnection:
                self.stats.reconnects += 1
        self.jars[id(jar)] = jar
        connection = await asyncio.open_connection("127.0.0.1", self.port)
        self.stats.connections_opened += 1
        return await self._exchange_on(connection, request, jar, method, reused=False)

    async def _exchange_on(
        self,
        connection: tuple[asyncio.StreamReader, asyncio.StreamWriter],
        request: bytes,
        jar: Jar,
        method: str,
        *,
        reused: bool,
    ) -> Response:
        reader, writer = connection
        kept = False
        try:
            try:
                writer.write(request)
                await writer.drain()
                head = await reader.readuntil(b"\r\n\r\n")
            except asyncio.IncompleteReadError as error:
                if reused and not error.partial:
                    raise StaleConnection from error
                raise EOFError(f"incomplete head ({len(error.partial)} bytes)") from error
            except (ConnectionResetError, BrokenPipeError) as error:
                if reused:
                    raise StaleConnection from error
                raise
            status, headers, cookies = parse_head(head[:-4])
            body, kept = await read_body(reader, status, headers, method)
            return Response(status, headers, cookies, decoded(headers, body))
        finally:  # also on a timeout's cancellation: a half-read connection is never reused
            if kept:
                jar.idle.append(connection)
            else:
                await _close(writer)

    async def close(self) -> None:
        """Every connection the phones keep, closed."""
        for jar in self.jars.values():
            while jar.idle:
                await _close(jar.idle.pop()[1])


async def read_body(
    reader: asyncio.StreamReader, status: int, headers: dict[str, str], method: str
) -> tuple[bytes, bool]:
    """The body (by Content-Length, chunks, or up to the end) and whether the connection stays."""
    keep = headers.get("connection", "").lower() != "close"
    if method == "HEAD" or status in NO_BODY_STATUSES or 100 <= status < 200:
        return b"", keep
    if "chunked" in headers.get("transfer-encoding", "").lower():
        chunks = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";", 1)[0].strip(), 16)
            if size == 0:
                while await reader.readuntil(b"\r\n") != b"\r\n":  # trailers
                    pass
                return b"".join(chunks), keep
            chunks.append((await reader.readexactly(size + 2))[:-2])
    if "content-length" in headers:
        return await reader.readexactly(int(headers["content-length"])), keep
    return await reader.read(), False  # delimited by the end of the connection
