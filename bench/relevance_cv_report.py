"""The cross-validation report: held-out MAP and nDCG@10 per collection, against the plain-BM25 peers, as Markdown."""

from __future__ import annotations

from collections.abc import Sequence

from bench import ireval
from bench.relevance_cv import CHOSEN
from bench.relevance_cv import CHOSEN_NO_FEEDBACK
from bench.relevance_cv import MAX_LOSS
from bench.relevance_cv import NEW_NAME
from bench.relevance_cv import PREVIOUS
from bench.relevance_cv import PREVIOUS_NAME
from bench.relevance_cv import PUBLISHED
from bench.relevance_cv import TUNE_DEPTH
from bench.relevance_cv import Fold
from bench.relevance_cv import bm25f_grid
from bench.relevance_cv import describe
from bench.relevance_cv import feedback_grid
from bench.relevance_cv import proximity_grid
from bench.relevance_report import label
from bench.relevance_report import p_value
from bench.relevance_report import refusals
from bench.relevance_report import table

#: The previous ranking with feedback off: Anserini's k1 and b, title weight 2.
NO_FEEDBACK_BASELINE = "Anserini k1 0.9 / b 0.4"


def render(folds: Sequence[Fold], *, command: str, provenance: str, seconds: float) -> str:
    """The whole report: how it was run, the summary, the rule for keeping defaults, and every row."""
    grids = (len(bm25f_grid()), len(feedback_grid(PREVIOUS)), len(proximity_grid(PREVIOUS)))
    parts = [
        "# searchsvc ranking, cross-validated (issue 19)",
        f"Command: `{command}`\n\nMeasured: {provenance}; the whole run took {seconds / 60:.1f} minutes.",
        f"Grids (bench/relevance_cv.py): {grids[0]} BM25F settings, then {grids[1]} feedback settings on the "
        f"winner, then {grids[2]} proximity settings on that; peers: FTS5 bm25(), "
        "bm25s and rank_bm25 (k1 1.2, b 0.75).",
        "Each collection is held out in turn; every setting is chosen on the other four "
        f"(highest mean MAP, first {TUNE_DEPTH} results; feedback and proximity only where they lose at most "
        f"{MAX_LOSS} on each of the four), then the held-out collection is searched "
        "through `/api/search?match=any` with the API's limits, first 1,000 results. "
        "Δ columns: paired tests on per-query AP (t-test / randomisation p).",
        _summary(folds),
        _defaults_check(folds),
        _all_rows(folds),
    ]
    return "\n\n".join(parts) + "\n"


def _delta(folds: Fold, baseline: str, other: str) -> str:
    test = ireval.compare(folds.runs[baseline].per_query["MAP"], folds.runs[other].per_query["MAP"])
    return f"{round(test.delta, 3) + 0.0:+.3f} ({p_value(test.t_test_p)} / {p_value(test.randomisation_p)})"


def _summary(folds: Sequence[Fold]) -> str:
    """Per held-out collection: what was chosen, its MAP / nDCG@10, the best peer, and feedback's effect."""
    head = [
        "held out",
        "chosen on the other four",
        "MAP / nDCG@10",
        "best peer",
        "Δ vs best peer (p)",
        "feedback's effect (p)",
    ]
    rows = []
    for fold in folds:
        run, peer = fold.runs[CHOSEN], fold.best_peer
        rows.append(
            [
                label(fold.held_out),
                describe(fold.chosen),
                f"{run.mean('MAP'):.3f} / {run.mean('nDCG@10'):.3f}",
                f"{peer} {fold.runs[peer].mean('MAP'):.3f} / {fold.runs[peer].mean('nDCG@10'):.3f}",
                _delta(fold, peer, CHOSEN),
                _delta(fold, CHOSEN_NO_FEEDBACK, CHOSEN) if fold.chosen.feedback != "off" else "feedback off",
            ]
        )
    mean_map = sum(f.runs[CHOSEN].mean("MAP") for f in folds) / len(folds)
    mean_peer = sum(f.runs[f.best_peer].mean("MAP") for f in folds) / len(folds)
    rows.append(["mean", "", f"{mean_map:.3f}", f"{mean_peer:.3f}", f"{mean_map - mean_peer:+.3f}", ""])
    return "## Held out\n\n" + table(head, rows)


def _defaults_check(folds: Sequence[Fold]) -> str:
    """Each candidate default against a baseline, held out: kept if the mean rises and no loss > 0.01."""
    candidates = (*PUBLISHED, CHOSEN_NO_FEEDBACK, CHOSEN, NEW_NAME)
    baselines = {PREVIOUS_NAME: "the previous defaults", NO_FEEDBACK_BASELINE: "the previous BM25F without feedback"}
    parts = []
    for baseline, title in baselines.items():
        head = ["settings", *(label(f.held_out) for f in folds), "mean Δ", "kept?"]
        rows = [_change_row(folds, name, baseline) for name in candidates if name != baseline]
        parts.append(f"## Changes of default against {title}, held out (ΔMAP)\n\n" + table(head, rows))
    rule = f"A change is kept only if it raises the held-out mean and loses at most {MAX_LOSS} on every collection."
    return "\n\n".join(parts) + "\n\n" + rule


def _change_row(folds: Sequence[Fold], name: str, baseline: str) -> list[str]:
    deltas = [f.runs[name].mean("MAP") - f.runs[baseline].mean("MAP") for f in folds]
    mean = sum(deltas) / len(deltas)
    kept = mean > 0 and min(deltas) >= -MAX_LOSS
    return [name, *(f"{d:+.3f}" for d in deltas), f"{mean:+.3f}", "yes" if kept else "no"]


def _all_rows(folds: Sequence[Fold]) -> str:
    head = ["held out", "engine", "MAP", "nDCG@10", "P@10", "refused"]
    rows = []
    for fold in folds:
        for i, (name, run) in enumerate(fold.runs.items()):
            cells = [label(fold.held_out) if i == 0 else "", name]
            cells += [f"{run.mean(m):.3f}" for m in ("MAP", "nDCG@10", "P@10")]
            cells.append(refusals(run))
            rows.append(cells)
    return "## Every row\n\n" + table(head, rows)
