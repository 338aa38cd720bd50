"""End to end: searchsvc under production WSGI servers against Datasette, loaded by wrk on loopback.

Each server runs in its own process group on 127.0.0.1 and a free port, and
is stopped (SIGTERM, then SIGKILL) when its measurement ends, whatever
happened. Before measuring, every URL of the query mix is fetched once and
checked (status 200, the JSON says what it matched, Datasette computed its
facets rather than timing out), then wrk warms the server up for a few
seconds, then wrk measures for a fixed duration with a Lua script cycling
through the URLs. Besides what wrk reports, the server's own CPU seconds per
request are taken from /proc: on a shared machine that is the steadier figure.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.querymix import QUERIES
from bench.querymix import api_path
from bench.querymix import datasette_path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
#: Longest wait for a server to answer its first request.
READY_TIMEOUT_SECONDS = 120.0
#: Longest wait for one readiness probe (a big index takes seconds to open).
READY_POLL_TIMEOUT_SECONDS = 30.0
#: Longest wait for one checking request (the first search builds per-process caches).
REQUEST_TIMEOUT_SECONDS = 600.0
WARMUP_SECONDS = 3
#: wrk gives up on a request after this long and counts it as a timeout error.
WRK_TIMEOUT_SECONDS = 30
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Server:
    """How to start one server and what to ask it."""

    name: str
    port: int
    command: tuple[str, ...]
    env: dict[str, str]
    ready_path: str
    paths: tuple[str, ...]
    #: "searchsvc" or "datasette": how to read what a response matched.
    kind: str


@dataclass(frozen=True)
class LoadResult:
    """What one server did under load."""

    name: str
    requests: int
    seconds: float
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    #: Server CPU (all its processes, user + system) per request, in ms.
    cpu_ms_per_request: float
    processes: int
    rss_mb: float
    peak_rss_mb: float
    #: Releases each query matched, as the server reported them.
    totals: tuple[int, ...]
    #: Whether each checking response was cut short by searchsvc's time limit (no facets or highlights).
    partial: tuple[bool, ...]


# --------------------------------------------------------------------------- servers


def free_port() -> int:
    """A TCP port on loopback that nothing is listening on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def servers(index_dir: Path, db_path: Path, which: Sequence[str]) -> list[Server]:
    """The servers named in ``which`` (waitress, gunicorn, datasette), each on its own free port."""
    cores = os.cpu_count() or 1
    # searchsvc's defaults, whatever SEARCHSVC_* settings this shell happens to have.
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("SEARCHSVC_")}
    env = {**inherited, "SEARCHSVC_INDEX_DIR": str(index_dir.resolve())}
    api = tuple(api_path(q) for q in QUERIES)
    choices = {
        "waitress": lambda port: Server(
            "searchsvc (waitress)",
            port,
            (str(BIN / "searchsvc"), "serve", "--no-index", "--index", str(index_dir), "--host", HOST)
            + ("--port", str(port)),
            env,
            "/healthz",
            api,
            "searchsvc",
        ),
        "gunicorn": lambda port: Server(
            f"searchsvc (gunicorn, {cores} workers)",
            port,
            (str(BIN / "gunicorn"), "--workers", str(cores), "--bind", f"{HOST}:{port}")
            + ("--timeout", str(int(REQUEST_TIMEOUT_SECONDS)), "--chdir", str(REPO), "wsgi:app"),
            env,
            "/healthz",
            api,
            "searchsvc",
        ),
        "datasette": lambda port: Server(
            "Datasette",
            port,
            (str(BIN / "datasette"), "serve", "-i", str(db_path), "--host", HOST, "--port", str(port))
            + ("--setting", "suggest_facets", "off", "--setting", "default_facet_size", "10")
            # Defaults of 200 ms and 1 s would let it skip facets or fail on a big corpus: do the work.
            + ("--setting", "facet_time_limit_ms", "600000", "--setting", "sql_time_limit_ms", "600000"),
            dict(os.environ),
            "/-/versions.json",
            tuple(datasette_path(q, db_path.stem) for q in QUERIES),
            "datasette",
        ),
    }
    unknown = set(which) - set(choices)
    if unknown:
        raise ValueError(f"unknown server {sorted(unknown)[0]!r}; choose from {', '.join(choices)}")
    return [choices[name](free_port()) for name in which]


@contextlib.contextmanager
def running(server: Server, log_dir: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Start ``server`` in its own process group, wait until it answers, and always stop it afterwards."""
    log_path = log_dir / f"{re.sub(r'[^a-z]+', '-', server.name.lower())}.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            server.command,
            env=server.env,
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_ready(process, f"http://{HOST}:{server.port}{server.ready_path}", log_path)
            yield process
        finally:
            _stop(process)


def _wait_ready(process: subprocess.Popen[bytes], url: str, log_path: Path) -> None:
    """Poll ``url`` until it answers 200. :raise RuntimeError: the server died or never answered."""
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{_tail(log_path)}")
        try:
            with urllib.request.urlopen(url, timeout=READY_POLL_TIMEOUT_SECONDS) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    waited = f"{READY_TIMEOUT_SECONDS:.0f} s"
    raise RuntimeError(f"server did not answer {url} within {waited}:\n{_tail(log_path)}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the process group we started: SIGTERM, then SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _tail(path: Path, lines: int = 20) -> str:
    """The last ``lines`` lines of a log file, for error messages."""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


# --------------------------------------------------------------------------- checking


def check_responses(server: Server) -> tuple[tuple[int, ...], tuple[bool, ...]]:
    """Fetch every URL once; return what each matched and whether it was partial.

    :raise RuntimeError: a response is not a page of results.
    """
    totals, partial = [], []
    for path in server.paths:
        url = f"http://{HOST}:{server.port}{path}"
        with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT_SECONDS) as response:
            data = json.load(response)
        totals.append(_matched(server.kind, data, url))
        partial.append(bool(data.get("partial")) if server.kind == "searchsvc" else False)
    return tuple(totals), tuple(partial)


def _matched(kind: str, data: dict[str, Any], url: str) -> int:
    """How many releases a JSON response says matched. :raise RuntimeError: it is not a full page."""
    if kind == "searchsvc":
        if not data.get("ok") or "results" not in data:
            raise RuntimeError(f"{url} did not return a page of results: {str(data)[:200]}")
        return int(data["total"])
    if data.get("facets_timed_out"):
        raise RuntimeError(f"{url}: Datasette timed out computing facets {data['facets_timed_out']}")
    if set(data.get("facet_results", {})) != {"rating", "pdu"}:
        raise RuntimeError(f"{url}: Datasette returned no facet results: {str(data)[:200]}")
    return int(data["filtered_table_rows_count"])


# --------------------------------------------------------------------------- load


def lua_script(paths: Sequence[str]) -> str:
    """A wrk script that sends ``paths`` in turn, round and round."""
    listed = ",\n".join(f"  [[{p}]]" for p in paths)
    return (
        f"local paths = {{\n{listed}\n}}\n"
        "local counter = 0\n"
        "request = function()\n"
        "  counter = counter + 1\n"
        '  return wrk.format("GET", paths[(counter - 1) % #paths + 1])\n'
        "end\n"
    )


def run_wrk(url: str, script: Path, *, seconds: int, connections: int) -> str:
    """Run wrk (one thread) against ``url`` for ``seconds`` and return its report."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", f"--timeout={WRK_TIMEOUT_SECONDS}s"]
    command += ["--latency", "-s", str(script), url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + WRK_TIMEOUT_SECONDS + 30)
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


_DURATION_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    """A wrk duration ("850.12us", "1.20s") in milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * _DURATION_UNITS[unit]


def parse_wrk(report: str) -> dict[str, float]:
    """Requests, seconds, requests/s, p50 and p99 latency (ms) and errors from a wrk --latency report."""
    found = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", report)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", report)
    if not found or not rate:
        raise RuntimeError(f"cannot read wrk's report:\n{report}")
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", report, re.MULTILINE))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    errors = sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    errors += int(non_2xx.group(1)) if non_2xx else 0
    return {
        "requests": float(found.group(1)),
        "seconds": _ms(found.group(2) + found.group(3)) / 1000,
        "rate": float(rate.group(1)),
        "p50": _ms(percentiles["50"]) if "50" in percentiles else float("nan"),
        "p99": _ms(percentiles["99"]) if "99" in percentiles else float("nan"),
        "errors": float(errors),
    }


def _process_tree(root: int) -> list[int]:
    """``root`` and every process descended from it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def _cpu_seconds(pids: Sequence[int]) -> dict[int, float]:
    """User + system CPU seconds of each live process in ``pids``."""
    out = {}
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            out[pid] = (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS
    return out


def _memory_mb(pids: Sequence[int]) -> tuple[float, float]:
    """Summed resident memory of ``pids`` and the largest peak of any one, in MiB."""
    total, peak = 0.0, 0.0
    for pid in pids:
        with contextlib.suppress(OSError):
            status = Path(f"/proc/{pid}/status").read_text()
            rss = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
            hwm = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
            total += int(rss.group(1)) / 1024 if rss else 0.0
            peak = max(peak, int(hwm.group(1)) / 1024 if hwm else 0.0)
    return total, peak


def measure(server: Server, *, seconds: int, connections: int, work_dir: Path) -> LoadResult:
    """Start ``server``, check its answers, warm it up, load it with wrk for ``seconds``, and stop it."""
    script = work_dir / "mix.lua"
    script.write_text(lua_script(server.paths))
    url = f"http://{HOST}:{server.port}"
    with running(server, work_dir) as process:
        totals, partial = check_responses(server)
        run_wrk(url, script, seconds=WARMUP_SECONDS, connections=connections)
        pids = _process_tree(process.pid)
        before = _cpu_seconds(pids)
        figures = parse_wrk(run_wrk(url, script, seconds=seconds, connections=connections))
        after = _cpu_seconds(pids)
        rss, peak = _memory_mb(pids)
    cpu = sum(after[pid] - before[pid] for pid in after if pid in before)
    requests = int(figures["requests"])
    return LoadResult(
        name=server.name,
        requests=requests,
        seconds=figures["seconds"],
        requests_per_second=figures["rate"],
        p50_ms=figures["p50"],
        p99_ms=figures["p99"],
        errors=int(figures["errors"]),
        cpu_ms_per_request=1000 * cpu / requests if requests else float("nan"),
        processes=len(pids),
        rss_mb=rss,
        peak_rss_mb=peak,
        totals=totals,
        partial=partial,
    )


def run(
    index_dir: Path,
    db_path: Path,
    which: Sequence[str],
    *,
    seconds: int,
    connections: int,
) -> list[LoadResult]:
    """Measure each server in ``which`` in turn, one at a time."""
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-e2e-") as work:
        for server in servers(index_dir, db_path, which):
            print(f"  e2e: {server.name} for {seconds} s", file=sys.stderr)
            results.append(measure(server, seconds=seconds, connections=connections, work_dir=Path(work)))
    return results
