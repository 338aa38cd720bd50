"""Does a slow client stall the server? Normal searches timed with and without slow clients dribbling requests.

    python -m bench.slowclients [--index DIR] [--slow 20] [--seconds 30]

Starts ``searchsvc serve`` (waitress) on 127.0.0.1, times ``--requests``
sequential searches alone, then again while ``--slow`` clients each send a
request one byte every 2 s (the slowloris pattern), and prints both. Every
loop is bounded in count and time; only loopback is used.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import threading
import time
import urllib.request
from pathlib import Path

from tests.conftest import running_server


def time_searches(base: str, count: int) -> list[float]:
    """Wall milliseconds of ``count`` sequential searches."""
    times = []
    for n in range(count):
        started = time.perf_counter()
        with urllib.request.urlopen(f"{base}/api/search?q=probation+{n % 7}&per_page=10", timeout=60) as r:
            r.read()
        times.append((time.perf_counter() - started) * 1000)
    return times


def dribble(port: int, stop: threading.Event, deadline: float) -> None:
    """Send a search request one byte every 2 s until told to stop (or the deadline passes)."""
    request = b"GET /api/search?q=probation HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            for byte in request:
                if stop.is_set() or time.monotonic() > deadline:
                    return
                sock.sendall(bytes([byte]))
                stop.wait(2.0)
    except OSError:
        return


def summary(label: str, times: list[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"| {label} | {len(times)} | {statistics.median(times):.1f} | {p99:.1f} | {max(times):.1f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=Path("index"))
    parser.add_argument("--slow", type=int, default=20)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    with running_server(args.index) as base:
        port = int(base.rsplit(":", 1)[1])
        time_searches(base, 5)
        alone = time_searches(base, args.requests)
        stop = threading.Event()
        deadline = time.monotonic() + args.seconds
        slow = [threading.Thread(target=dribble, args=(port, stop, deadline)) for _ in range(args.slow)]
        for thread in slow:
            thread.start()
        time.sleep(1.0)
        try:
            crowded = time_searches(base, args.requests)
        finally:
            stop.set()
            for thread in slow:
                thread.join(timeout=5)
    print("| searches | count | p50 ms | p99 ms | max ms |\n| --- | ---: | ---: | ---: | ---: |")
    print(summary("alone", alone))
    print(summary(f"with {args.slow} slow clients", crowded))


if __name__ == "__main__":
    main()
