"""The load test's HTTP clients (scripts/loadtest_http.py) against a tiny asyncio server: a phone's
kept connection is reused, bodies are read by Content-Length or chunks, a connection the server
closed while idle is replaced without an error, and `Connection: close` is obeyed."""

from __future__ import annotations

import asyncio
import concurrent.futures

from scripts.loadtest_http import Client, Jar, KeepAliveClient, Stats, merged


def _run(coroutine):
    """`asyncio.run` in a thread of its own: in the whole suite, the browser tests' Playwright
    keeps an event loop running in the main thread, where `asyncio.run` refuses to start."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result(timeout=60)


def _reply(body: bytes, *, chunked: bool = False, close: bool = False) -> bytes:
    head = [b"HTTP/1.1 200 OK", b"Set-Cookie: seen=1; Path=/; HttpOnly"]
    if close:
        head.append(b"Connection: close")
    if chunked:
        head.append(b"Transfer-Encoding: chunked")
        middle = len(body) // 2
        payload = b"".join(
            b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:middle], body[middle:])
        )
        payload += b"0\r\n\r\n"
    else:
        head.append(b"Content-Length: %d" % len(body))
        payload = body
    return b"\r\n".join(head) + b"\r\n\r\n" + payload


def _exchanges(behaviour: str, paths: list[str]) -> tuple[Stats, list, int]:
    """Fetch `paths` in turn from one phone against a server that behaves as named; the stats,
    the responses and how many connections the server accepted."""
    accepted = 0

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal accepted
        accepted += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1]
                writer.write(
                    _reply(
                        b"page " + path,
                        chunked=behaviour == "chunked",
                        close=behaviour == "close" or b"Connection: close" in head,
                    )
                )
                await writer.drain()
                if behaviour in ("close", "idle-close") or b"Connection: close" in head:
                    break
        except asyncio.IncompleteReadError:
            pass
        finally:
            writer.close()

    async def main() -> tuple[Stats, list]:
        server = await asyncio.start_server(serve, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        stats = Stats()
        client = (Client if behaviour == "per-request" else KeepAliveClient)(port, stats)
        jar = Jar()
        responses = []
        for path in paths:
            responses.append(await client.fetch("page", "GET", path, jar))
            await asyncio.sleep(0.05)  # the server's close reaches the client while it is idle
        await client.close()
        server.close()
        await server.wait_closed()
        return stats, responses

    stats, responses = _run(main())
    return stats, responses, accepted


def test_keepalive_client_reuses_one_connection_per_phone():
    stats, responses, accepted = _exchanges("keep", ["/a", "/b", "/c"])
    assert [r.text for r in responses] == ["page /a", "page /b", "page /c"]
    assert accepted == stats.connections_opened == 1
    assert stats.reconnects == 0 and not stats.errors


def test_keepalive_client_reads_chunked_bodies_and_cookies():
    stats, responses, accepted = _exchanges("chunked", ["/un", "/deux"])
    assert [r.text for r in responses] == ["page /un", "page /deux"]
    assert responses[0].cookies == {"seen": "1"}
    assert accepted == 1 and not stats.errors


def test_keepalive_client_replaces_a_connection_the_server_closed_while_idle():
    stats, responses, accepted = _exchanges("idle-close", ["/a", "/b", "/c"])
    assert [r.text for r in responses] == ["page /a", "page /b", "page /c"]
    assert accepted == 3
    assert stats.reconnects == 2 and not stats.errors


def test_keepalive_client_obeys_connection_close():
    stats, responses, accepted = _exchanges("close", ["/a", "/b"])
    assert [r.text for r in responses] == ["page /a", "page /b"]
    assert accepted == stats.connections_opened == 2
    assert stats.reconnects == 0 and not stats.errors


def test_per_request_client_opens_a_connection_for_each_request():
    stats, responses, accepted = _exchanges("per-request", ["/a", "/b"])
    assert [r.text for r in responses] == ["page /a", "page /b"]
    assert accepted == stats.connections_opened == 2 and not stats.errors


def test_merged_adds_up_the_classes():
    one, two = Stats(), Stats()
    one.latency["answer"] += [1.0, 2.0]
    two.latency["answer"] += [3.0]
    one.answers_sent, two.answers_sent = 2, 1
    two.error("answer", "HTTP 500")
    total = merged([one, two])
    assert total.latency["answer"] == [1.0, 2.0, 3.0]
    assert total.answers_sent == 3
    assert total.errors["answer"] == 1
