#!/usr/bin/env python3
"""Loopback HTTP servers for the link-checker benchmark.

    slow_servers.py FIRST LAST PORT DELAY_MS [KIND] [BYTES]

Listens on 127.0.0.FIRST … 127.0.0.LAST, port PORT, and answers every request (HEAD or GET,
keep-alive) after DELAY_MS with a 200 of the KIND asked for:

- html (the default): a text/html page of BYTES (32 KB) whose <title> comes first, as a
  government site's page does;
- text: a two-byte text/plain body;
- pdf: an application/pdf body of BYTES (1 MB).

A HEAD gets the same headers and no body. On SIGTERM it prints, as JSON, per address: the
requests by method, the most requests in flight at once (from the end of the request head to
the start of the answer), the TCP connections accepted and the body bytes written.
"""
import asyncio
import json
import signal
import sys

stats = {}


def body_of(kind, size):
    if kind == "text":
        return "text/plain", b"ok"
    if kind == "pdf":
        head = b"%PDF-1.4\n"
        return "application/pdf", head + b"0" * (size - len(head))
    head = ('<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">'
            "<title>経済安全保障推進法の概要 | 内閣府</title></head><body><main>").encode()
    paragraph = "<p>重要物資の安定的な供給の確保に関する制度の概要です。</p>\n".encode()
    tail = b"</main></body></html>"
    filler = paragraph * max(0, (size - len(head) - len(tail)) // len(paragraph))
    return "text/html; charset=utf-8", head + filler + tail


async def handle(reader, writer, address, delay, content_type, body):
    s = stats[address]
    s["connections"] += 1
    headers = (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
               "Connection: keep-alive\r\n\r\n").encode()
    try:
        while True:
            request = await reader.readuntil(b"\r\n\r\n")
            method = request.split(b" ", 1)[0].decode("ascii", "replace")
            s["requests"][method] = s["requests"].get(method, 0) + 1
            s["in_flight"] += 1
            s["peak"] = max(s["peak"], s["in_flight"])
            await asyncio.sleep(delay)
            s["in_flight"] -= 1
            if method == "HEAD":
                writer.write(headers)
            else:
                writer.write(headers + body)
                s["body_bytes"] += len(body)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def main():
    first, last, port, delay_ms = map(int, sys.argv[1:5])
    kind = sys.argv[5] if len(sys.argv) > 5 else "html"
    size = int(sys.argv[6]) if len(sys.argv) > 6 else {"html": 32 << 10, "pdf": 1 << 20}.get(kind, 2)
    content_type, body = body_of(kind, size)
    servers = []
    for n in range(first, last + 1):
        address = f"127.0.0.{n}"
        stats[address] = {"requests": {}, "in_flight": 0, "peak": 0, "connections": 0, "body_bytes": 0}
        servers.append(await asyncio.start_server(
            lambda r, w, a=address: handle(r, w, a, delay_ms / 1000, content_type, body), address, port,
            backlog=1024))
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    print("ready", flush=True)
    await stop.wait()
    print(json.dumps({a: {k: v for k, v in s.items() if k != "in_flight"} for a, s in stats.items()}), flush=True)


asyncio.run(main())
