"""The in-process query benchmark: every query of the mix, in every mode, on every engine, interleaved.

An engine is a function from (query, mode) to an ``Outcome``: how many
releases matched and whether the page came back partial. Each builds
everything the mode asks of a results page (top ten, highlights, facet
counts), so CPU time per call compares like with like. searchsvc gives up on
highlights and facets when a search runs past its time limit (10 s by
default); such a page is flagged, because it did less work than asked.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import timing
from bench.querymix import MODES
from bench.querymix import PER_PAGE
from bench.querymix import QUERIES
from bench.querymix import Mode
from bench.querymix import Query
from bench.sqlite_fts import FtsSearch


@dataclass(frozen=True)
class Outcome:
    """What one search found: the number of matches, and whether the time limit cut the page short."""

    total: int
    partial: bool = False


Engine = Callable[[Query, Mode], Outcome]
SEARCHSVC = "searchsvc"
FTS5 = "SQLite FTS5"
STOCK = "stock Whoosh"


@dataclass(frozen=True)
class Cell:
    """One query in one mode: each engine's timing and how many releases it matched."""

    query: Query
    mode: Mode
    timings: dict[str, timing.Timing]
    outcomes: dict[str, Outcome]


@dataclass(frozen=True)
class ColdStart:
    """Opening an engine and answering its first query (the common word, full page)."""

    engine: str
    wall_seconds: float
    cpu_seconds: float


def searchsvc_engine(index_dir: Path) -> Engine:
    """searchsvc's ``SearchService``, opened once, as the web app holds it."""
    from searchsvc.errors import SearchTimeoutError
    from searchsvc.search import SearchRequest
    from searchsvc.search import SearchService

    service = SearchService(index_dir)

    def search(query: Query, mode: Mode) -> Outcome:
        """Search as the web app does, with the mode's highlight and facet switches."""
        request = SearchRequest(
            q=query.q, filters=query.filters, per_page=PER_PAGE, highlight=mode.highlight, facets=mode.facets
        )
        try:
            page = service.search(request)
        except SearchTimeoutError:
            return Outcome(-1, partial=True)
        return Outcome(page.total, page.partial)

    return search


def fts_engine(db_path: Path) -> Engine:
    """SQLite FTS5 on one read-only connection."""
    fts = FtsSearch(db_path)
    return lambda query, mode: Outcome(fts.search(query, mode).total)


def stock_engine(index_dir: Path) -> Engine:
    """Stock Whoosh with one long-lived searcher."""
    from bench.stock_whoosh import StockSearch

    stock = StockSearch(index_dir)
    return lambda query, mode: Outcome(stock.search(query, mode))


def open_engines(index_dir: Path, db_path: Path, stock_dir: Path | None) -> dict[str, Callable[[], Engine]]:
    """Openers for each engine, searchsvc first (the others are its baselines)."""
    openers: dict[str, Callable[[], Engine]] = {
        SEARCHSVC: lambda: searchsvc_engine(index_dir),
        FTS5: lambda: fts_engine(db_path),
    }
    if stock_dir is not None:
        openers[STOCK] = lambda: stock_engine(stock_dir)
    return openers


def cold_start(name: str, opener: Callable[[], Engine]) -> tuple[ColdStart, Engine]:
    """Open an engine and time it through its first query; return the figures and the warm engine."""
    wall, cpu = time.perf_counter(), time.process_time()
    engine = opener()
    engine(QUERIES[1], MODES[-1])
    return ColdStart(name, time.perf_counter() - wall, time.process_time() - cpu), engine


#: A word no release has: searching it opens everything an engine opens on
#: its first search (searchsvc: the generation's facet arrays) but reads no postings.
UNSEEN = Query("unseen word", "zzqxjunseen")
#: Fresh engines opened per query for the first-search figures (the median is reported).
FIRST_SEARCH_REPEATS = 3


@dataclass(frozen=True)
class FirstSearch:
    """Each engine's CPU time for one query's first full search on a freshly opened engine."""

    query: Query
    cpu_seconds: dict[str, float]


def first_searches(openers: dict[str, Callable[[], Engine]]) -> list[FirstSearch]:
    """Time each query's first full search on freshly opened engines, caches empty.

    The repeated rounds of ``measure`` run on warm engines: searchsvc keeps
    decoded postings and positions per index generation, FTS5 its page cache.
    This is what a query costs the first time it is asked.
    """
    out = []
    for query in QUERIES:
        cpu: dict[str, list[float]] = {}
        for _ in range(FIRST_SEARCH_REPEATS):
            for name, opener in openers.items():
                engine = opener()
                engine(UNSEEN, MODES[-1])
                start = time.process_time()
                engine(query, MODES[-1])
                cpu.setdefault(name, []).append(time.process_time() - start)
        out.append(FirstSearch(query, {name: sorted(v)[len(v) // 2] for name, v in cpu.items()}))
    return out


def measure(engines: dict[str, Engine], *, max_rounds: int, max_seconds: float) -> list[Cell]:
    """Time every query in every mode on every engine, the engines interleaved within each cell."""
    cells = []
    for query in QUERIES:
        for mode in MODES:
            outcomes = {name: engine(query, mode) for name, engine in engines.items()}
            calls = {name: _bind(engine, query, mode) for name, engine in engines.items()}
            timings = timing.interleaved(calls, max_rounds=max_rounds, max_seconds=max_seconds)
            cells.append(Cell(query, mode, timings, outcomes))
    return cells


def _bind(engine: Engine, query: Query, mode: Mode) -> Callable[[], object]:
    """A no-argument call of ``engine`` for one query and mode."""
    return lambda: engine(query, mode)
