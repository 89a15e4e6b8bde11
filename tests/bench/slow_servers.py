#!/usr/bin/env python3
"""Loopback HTTP servers for the link-checker benchmark.

    slow_servers.py FIRST LAST PORT DELAY_MS

Listens on 127.0.0.FIRST … 127.0.0.LAST, port PORT, and answers every request (HEAD or GET,
keep-alive) after DELAY_MS with a small text/plain 200. On SIGTERM it prints, as JSON, the
number of requests and the most requests in flight at once, per address.
"""
import asyncio
import json
import signal
import sys

stats = {}


async def handle(reader, writer, address, delay):
    s = stats[address]
    try:
        while True:
            request = await reader.readuntil(b"\r\n\r\n")
            head = request.split(b" ", 1)[0] == b"HEAD"
            s["requests"] += 1
            s["in_flight"] += 1
            s["peak"] = max(s["peak"], s["in_flight"])
            await asyncio.sleep(delay)
            s["in_flight"] -= 1
            body = b"" if head else b"ok"
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
                         b"Connection: keep-alive\r\n\r\n" + body)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def main():
    first, last, port, delay_ms = map(int, sys.argv[1:5])
    servers = []
    for n in range(first, last + 1):
        address = f"127.0.0.{n}"
        stats[address] = {"requests": 0, "in_flight": 0, "peak": 0}
        servers.append(await asyncio.start_server(
            lambda r, w, a=address: handle(r, w, a, delay_ms / 1000), address, port, backlog=1024))
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    print("ready", flush=True)
    await stop.wait()
    print(json.dumps({a: {"requests": s["requests"], "peak": s["peak"]} for a, s in stats.items()}), flush=True)


asyncio.run(main())
