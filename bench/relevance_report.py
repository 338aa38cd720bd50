"""The relevance benchmark's Markdown report: against the best peer, results, significance, peers and the run."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bench import ireval
from bench.ircoll import SOURCES

if TYPE_CHECKING:
    from bench.relevance import CollectionResult
    from bench.relevance import EngineRun

#: MAP / nDCG@10 of ordinary BM25 engines on the same files, copied from
#: shared/ircoll/README.md (k1=1.2, b=0.75, Porter stemming, queries as OR of their words).
PEERS: dict[str, dict[str, tuple[float, float]]] = {
    "SQLite FTS5 porter, bm25()": {
        "cranfield": (0.301, 0.362),
        "cisi": (0.217, 0.378),
        "medline": (0.528, 0.690),
        "cacm": (0.317, 0.461),
        "npl": (0.281, 0.431),
    },
    "bm25s": {
        "cranfield": (0.306, 0.364),
        "cisi": (0.215, 0.371),
        "medline": (0.520, 0.686),
        "cacm": (0.331, 0.480),
        "npl": (0.284, 0.433),
    },
    "rank_bm25 Okapi": {
        "cranfield": (0.307, 0.363),
        "cisi": (0.220, 0.380),
        "medline": (0.526, 0.683),
        "cacm": (0.326, 0.471),
        "npl": (0.280, 0.427),
    },
    "tantivy en_stem": {
        "cranfield": (0.304, 0.368),
        "cisi": (0.170, 0.308),
        "medline": (0.525, 0.704),
        "cacm": (0.284, 0.429),
        "npl": (0.285, 0.439),
    },
    "Whoosh 2.7.4 StemmingAnalyzer, OrGroup": {
        "cranfield": (0.302, 0.360),
        "cisi": (0.148, 0.289),
        "medline": (0.523, 0.705),
        "cacm": (0.275, 0.415),
        "npl": (0.275, 0.431),
    },
}

MEASURE_NAMES = tuple(ireval.MEASURES)


def render(results: Sequence[CollectionResult], *, command: str, provenance: str) -> str:
    """The whole report as Markdown."""
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    sections = [
        "# Relevance: searchsvc against plain BM25",
        f"`{command}`, {now}, {provenance}.\n\n"
        "Scores are means over every judged query (a query searchsvc refused counts as 0) of ir-measures "
        "values over the top 1,000 results. MAP, P@10 and R@100 count any judged gain > 0 as relevant; "
        "nDCG@10 uses Cranfield's grades (gain 5 − code) and binary gains elsewhere. "
        "p: paired two-sided t-test / randomisation test on per-query AP.",
        _best_peer_table(results),
        _results_table(results),
        _peers_table(results),
        _run_table(results),
    ]
    return "\n\n".join(s for s in sections if s) + "\n"


def label(name: str) -> str:
    return SOURCES[name].label


def _comparison(baseline: EngineRun, run: EngineRun) -> str:
    test = ireval.compare(baseline.per_query["MAP"], run.per_query["MAP"])
    # Adding 0.0 turns a rounded -0.0 into 0.0, so no difference prints as "+0.000".
    return f"{round(test.delta, 3) + 0.0:+.3f} (p {p_value(test.t_test_p)} / {p_value(test.randomisation_p)})"


def p_value(value: float) -> str:
    return "<0.001" if value < 0.001 else f"{value:.3f}"


def _best_peer_table(results: Sequence[CollectionResult]) -> str:
    """searchsvc (the first variant) against the run's best plain-BM25 peer by MAP, per collection."""
    head = ["collection", "searchsvc MAP / nDCG@10", "best peer MAP / nDCG@10", "ΔMAP (p)", "ΔnDCG@10"]
    rows = []
    for result in results:
        ours, peer = result.runs[1], result.best_peer()
        rows.append(
            [
                label(result.name),
                f"{ours.mean('MAP'):.3f} / {ours.mean('nDCG@10'):.3f}",
                f"{peer.name} {peer.mean('MAP'):.3f} / {peer.mean('nDCG@10'):.3f}",
                _comparison(peer, ours),
                f"{round(ours.mean('nDCG@10') - peer.mean('nDCG@10'), 3) + 0.0:+.3f}",
            ]
        )
    peers = ", ".join(results[0].peers) if results else ""
    name = results[0].runs[1].name if results else "searchsvc"
    intro = f"Peers ({peers}; k1 1.2, b 0.75) run on the same documents and queries."
    return f"## {name} against the best plain BM25 of this run" + "\n\n" + intro + "\n\n" + table(head, rows)


def _results_table(results: Sequence[CollectionResult]) -> str:
    """One row per engine per collection; variants are compared with FTS5 and with the first variant."""
    many_variants = any(len(r.runs) > 2 for r in results)
    head = ["collection", "engine", *MEASURE_NAMES, "ΔMAP vs FTS5 (p)"]
    if many_variants:
        head.append(f"ΔMAP vs {results[0].runs[1].name} (p)")
    rows = []
    for result in results:
        fts, first = result.runs[0], result.runs[1]
        for i, run in enumerate(result.runs):
            cells = [label(result.name) if i == 0 else "", run.name]
            cells += [f"{run.mean(m):.3f}" for m in MEASURE_NAMES]
            cells.append(_comparison(fts, run) if i > 0 else "")
            if many_variants:
                cells.append(_comparison(first, run) if i > 1 else "")
            rows.append(cells)
    return "## Results\n\n" + table(head, rows)


def _peers_table(results: Sequence[CollectionResult]) -> str:
    """MAP / nDCG@10 of this run's engines beside the README's peers."""
    names = [r.name for r in results]
    head = ["engine", *(label(n) for n in names)]
    rows = []
    for i, run in enumerate(results[0].runs if results else ()):
        rows.append(
            [f"this run: {run.name}"]
            + [f"{r.runs[i].mean('MAP'):.3f} / {r.runs[i].mean('nDCG@10'):.3f}" for r in results]
        )
    for peer, figures in PEERS.items():
        rows.append([f"README: {peer}"] + [f"{figures[n][0]:.3f} / {figures[n][1]:.3f}" for n in names])
    return "## Against the README's peers (MAP / nDCG@10)\n\n" + table(head, rows) + _peers_note(results)


def _peers_note(results: Sequence[CollectionResult]) -> str:
    """A warning where this run's FTS5 does not reproduce the README's: the peers then parsed the files otherwise."""
    readme = PEERS["SQLite FTS5 porter, bm25()"]
    off = [
        label(r.name)
        for r in results
        if max(abs(r.runs[0].mean("MAP") - readme[r.name][0]), abs(r.runs[0].mean("nDCG@10") - readme[r.name][1]))
        > 0.0015
    ]
    if not off:
        return (
            "\n\nThis run's FTS5 reproduces the README's FTS5 figures, so the peers saw the same documents and queries."
        )
    return (
        f"\n\nThis run's FTS5 does not reproduce the README's on {', '.join(off)}: the peers' figures there come "
        "from documents or queries parsed differently, so compare searchsvc with this run's FTS5 instead."
    )


def _run_table(results: Sequence[CollectionResult]) -> str:
    """Sizes, what searchsvc skipped or refused, query syntax met, and where the time went."""
    head = ["collection", "docs indexed", "judged queries", "with query syntax", "refused", "time"]
    rows = []
    for r in results:
        skipped = f" ({len(r.build.skipped)} skipped)" if r.build.skipped else ""
        syntax = ", ".join(f"{kind} {n}" for kind, n in sorted(r.syntax.items()))
        refused = "; ".join(f"{run.name}: {refusals(run)}" for run in r.runs[1:])
        time_spent = "; ".join(
            [f"FTS5 {r.runs[0].seconds:.0f} s", f"indexing {r.build.seconds:.0f} s"]
            + [
                f"{run.name} {run.seconds:.0f} s (slowest q{run.slowest[0]} {run.slowest[1]:.1f} s)"
                for run in r.runs[1:]
            ]
        )
        rows.append(
            [
                label(r.name),
                f"{r.build.doc_count} of {r.documents}{skipped}",
                str(r.queries),
                f"{r.queries_with_syntax} ({syntax})" if syntax else "0",
                refused,
                time_spent,
            ]
        )
    return "## The run\n\n" + table(head, rows)


def refusals(run: EngineRun) -> str:
    """How many queries the engine refused, by error code, and which."""
    if not run.errors:
        return "0"
    codes = ", ".join(f"{code} ×{n}" for code, n in sorted(Counter(run.errors.values()).items()))
    queries = ", ".join(f"q{q}" for q in sorted(run.errors, key=lambda q: (len(q), q)))
    return f"{len(run.errors)} ({codes}: {queries})"


def table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
