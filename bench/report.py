"""Rendering benchmark figures as Markdown tables: pure functions from figures to text."""

from __future__ import annotations

import math
from collections.abc import Sequence

from bench.e2e import LoadResult
from bench.indexing import Build
from bench.indexing import Update
from bench.inprocess import FTS5
from bench.inprocess import SEARCHSVC
from bench.inprocess import STOCK as STOCK_WHOOSH
from bench.inprocess import Cell
from bench.inprocess import ColdStart
from bench.inprocess import FirstSearch
from bench.querymix import MODES
from bench.querymix import QUERIES


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool] | None = None) -> str:
    """A Markdown table; ``right`` says which columns to right-align (all but the first by default)."""
    right = right if right is not None else [False] + [True] * (len(headers) - 1)
    rule = ["---:" if r else "---" for r in right]
    lines = [headers, rule, *rows]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def ms(seconds: float) -> str:
    """Seconds as milliseconds with about three significant figures."""
    if math.isnan(seconds):
        return "–"
    value = seconds * 1000
    if value < 1:
        return f"{value:.3f}"
    if value < 10:
        return f"{value:.2f}"
    return f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def times(numerator: float, denominator: float) -> str:
    """A ratio as "12.3×" ("–" when it cannot be taken)."""
    if not denominator or math.isnan(numerator) or math.isnan(denominator):
        return "–"
    value = numerator / denominator
    return f"{value:.2f}×" if value < 10 else f"{value:.1f}×" if value < 100 else f"{value:,.0f}×"


def geometric_mean(values: Sequence[float]) -> float:
    """The geometric mean of positive ``values`` (NaN when there are none)."""
    usable = [v for v in values if v > 0 and not math.isnan(v)]
    return math.exp(sum(math.log(v) for v in usable) / len(usable)) if usable else math.nan


def _mib(value: float) -> str:
    """MiB, rounded to a whole number."""
    return f"{value:,.0f}"


def builds(figures: Sequence[Build]) -> str:
    """Index build: time, throughput, peak memory and size, with searchsvc's ratios to FTS5 and stock Whoosh.

    searchsvc indexes thousands of releases in worker processes; their
    largest peak is its own column, beside the process that ran the build.
    """
    rows = [
        [b.engine, f"{b.docs:,}", f"{b.seconds:,.1f}", f"{b.docs_per_second:,.0f}", f"{b.peak_rss_mb:,.0f}"]
        + [f"{b.worker_peak_rss_mb:,.0f}" if b.worker_peak_rss_mb else "", f"{b.size_mb:,.1f}"]
        for b in figures
    ]
    by_engine = {b.engine: b for b in figures}
    for baseline in (FTS5, STOCK_WHOOSH):
        if SEARCHSVC in by_engine and baseline in by_engine:
            s, f = by_engine[SEARCHSVC], by_engine[baseline]
            ratios = [times(s.seconds, f.seconds), times(s.docs_per_second, f.docs_per_second)]
            ratios += [times(s.peak_rss_mb, f.peak_rss_mb), "", times(s.size_mb, f.size_mb)]
            rows.append([f"searchsvc / {baseline}", "", *ratios])
    headers = ["engine", "releases", "wall s", "releases/s", "peak RSS MiB", "worker peak RSS MiB", "on disk MiB"]
    return table(headers, rows)


def updates(figures: Sequence[Update]) -> str:
    """Edit-to-searchable latency of one changed release."""
    rows = [_update_row(u) for u in figures]
    headers = ["engine", "edit → found, ms", "re-index + commit, ms", "first search, ms", "peak RSS MiB"]
    return table(headers, rows)


def _update_row(u: Update) -> list[str]:
    """One row of the update table."""
    return [u.engine, ms(u.seconds), ms(u.index_seconds), ms(u.search_seconds), _mib(u.peak_rss_mb)]


def cold(figures: Sequence[ColdStart]) -> str:
    """Opening each engine and answering its first query."""
    rows = [[c.engine, ms(c.wall_seconds), ms(c.cpu_seconds)] for c in figures]
    return table(["engine", "open + first query, wall ms", "CPU ms"], rows)


def first(searches: Sequence[FirstSearch]) -> str:
    """CPU ms of each query's first full search on a fresh engine, with each baseline's ratio."""
    engines = list(searches[0].cpu_seconds)
    baselines = [e for e in engines if e != SEARCHSVC]
    headers = ["query", *(f"{e} ms" for e in engines), *(f"÷ {b}" for b in baselines)]
    rows = []
    for item in searches:
        cpu = item.cpu_seconds
        rows.append(
            [item.query.name, *(ms(cpu[e]) for e in engines), *(times(cpu[SEARCHSVC], cpu[b]) for b in baselines)]
        )
    return table(headers, rows)


def queries(cells: Sequence[Cell]) -> str:
    """CPU ms per call (p50 and p95) per query and mode, with each baseline's ratio."""
    engines = list(cells[0].timings)
    baselines = [e for e in engines if e != SEARCHSVC]
    headers = ["query", "mode", "matches (" + " / ".join(engines) + ")"]
    for engine in engines:
        headers += [f"{engine} p50", f"{engine} p95"]
    headers += [f"÷ {b} p50" for b in baselines] + [f"÷ {b} p95" for b in baselines] + ["rounds"]
    rows = []
    for cell in cells:
        t = cell.timings
        svc = t[SEARCHSVC]
        matched = " / ".join(_matched(cell.outcomes[e].total, cell.outcomes[e].partial) for e in engines)
        row = [cell.query.name, cell.mode.name, matched]
        for engine in engines:
            row += [ms(t[engine].p50), ms(t[engine].p95)]
        row += [times(svc.p50, t[b].p50) for b in baselines] + [times(svc.p95, t[b].p95) for b in baselines]
        row.append(str(min(x.rounds for x in t.values())))
        rows.append(row)
    return table(headers, rows, [False, False] + [True] * (len(headers) - 2))


def _matched(total: int, partial: bool) -> str:
    """A match count, marked "(partial)" when a time limit cut the page short."""
    if total < 0:
        return "timed out"
    return f"{total:,} (partial)" if partial else f"{total:,}"


def summary(cells: Sequence[Cell]) -> str:
    """Per mode, the geometric mean over the queries of searchsvc's p50 ratio to each baseline."""
    baselines = [e for e in cells[0].timings if e != SEARCHSVC]
    rows = []
    for mode in MODES:
        mine = [c for c in cells if c.mode == mode]
        row = [mode.name]
        for b in baselines:
            ratios = [c.timings[SEARCHSVC].p50 / c.timings[b].p50 for c in mine]
            row.append(times(geometric_mean(ratios), 1.0))
        rows.append(row)
    return table(["mode"] + [f"searchsvc ÷ {b} (geometric mean of p50 ratios)" for b in baselines], rows)


def load(results: Sequence[LoadResult]) -> str:
    """Each server under wrk: throughput, latency, server CPU per request, memory, errors."""
    rows = [
        [r.name, f"{r.requests_per_second:,.1f}", ms(r.p50_ms / 1000), ms(r.p99_ms / 1000)]
        + [f"{r.cpu_ms_per_request:,.1f}", f"{r.rss_mb:,.0f} ({r.processes})", f"{r.peak_rss_mb:,.0f}"]
        + [f"{r.requests:,}", str(r.errors)]
        for r in results
    ]
    datasette = next((r for r in results if r.name == "Datasette"), None)
    if datasette is not None:
        for r in results:
            if r is datasette:
                continue
            rows.append(
                [f"{r.name} ÷ Datasette", times(r.requests_per_second, datasette.requests_per_second)]
                + [times(r.p50_ms, datasette.p50_ms), times(r.p99_ms, datasette.p99_ms)]
                + [times(r.cpu_ms_per_request, datasette.cpu_ms_per_request)]
                + [times(r.rss_mb, datasette.rss_mb)]
                + ["", "", ""]
            )
    headers = ["server", "requests/s", "p50 ms", "p99 ms", "server CPU ms/request", "RSS MiB (processes)"]
    headers += ["largest peak RSS MiB", "requests", "errors"]
    return table(headers, rows)


def load_totals(results: Sequence[LoadResult]) -> str:
    """What each server said each query matched (they should agree)."""
    rows = [[q.name] + [_matched(r.totals[i], r.partial[i]) for r in results] for i, q in enumerate(QUERIES)]
    return table(["query"] + [r.name for r in results], rows)
