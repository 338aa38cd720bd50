"""Measuring CPU time per call, memory and disk use, fairly on a shared, noisy machine.

Engines are timed *interleaved*: each round calls every engine once, in an
order that rotates from round to round, so a burst of load from a neighbour
slows all of them alike and their ratio stays meaningful. Every loop is
bounded both by a number of rounds and by a time budget.
"""

from __future__ import annotations

import math
import re
import resource
import time
from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: Rounds taken before the time budget may end a measurement.
MIN_ROUNDS = 5


@dataclass(frozen=True)
class Timing:
    """CPU seconds of each measured call of one engine."""

    samples: tuple[float, ...]

    @property
    def rounds(self) -> int:
        """How many calls were measured."""
        return len(self.samples)

    @property
    def p50(self) -> float:
        """The median call, in seconds."""
        return percentile(self.samples, 0.50)

    @property
    def p95(self) -> float:
        """The 95th-percentile call, in seconds."""
        return percentile(self.samples, 0.95)


def percentile(values: tuple[float, ...] | list[float], fraction: float) -> float:
    """The nearest-rank percentile of ``values`` (``fraction`` between 0 and 1)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def interleaved(
    calls: Mapping[str, Callable[[], object]],
    *,
    warmup: int = 3,
    max_rounds: int = 200,
    max_seconds: float = 3.0,
) -> dict[str, Timing]:
    """Time each call in ``calls`` with ``time.process_time``, interleaved, after ``warmup`` rounds.

    Stops after ``max_rounds`` rounds, or once ``max_seconds`` of wall time
    have passed and at least ``MIN_ROUNDS`` rounds are in.
    """
    names = list(calls)
    for _ in range(warmup):
        for name in names:
            calls[name]()
    samples: dict[str, list[float]] = {name: [] for name in names}
    started = time.monotonic()
    for round_number in range(max_rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            before = time.process_time()
            calls[name]()
            samples[name].append(time.process_time() - before)
        if round_number + 1 >= MIN_ROUNDS and time.monotonic() - started > max_seconds:
            break
    return {name: Timing(tuple(values)) for name, values in samples.items()}


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MiB.

    Linux's VmHWM, not ``getrusage``'s ``ru_maxrss``: a process started by
    fork and exec (as multiprocessing's spawn does) inherits its parent's
    ``ru_maxrss``, so a child would report the parent's peak if larger.
    """
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) / 1024 if found else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def size_on_disk_mb(path: Path) -> float:
    """The total size of the files under ``path`` (or of the file ``path``), in MiB."""
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20
