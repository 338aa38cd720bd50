"""The cross-validation report: held-out MAP and nDCG@10 per collection, against the plain-BM25 peers, as Markdown."""

from __future__ import annotations

from collections.abc import Sequence

from bench import ireval
from bench.relevance_cv import CHOSEN
from bench.relevance_cv import CHOSEN_NO_FEEDBACK
from bench.relevance_cv import PREVIOUS_NAME
from bench.relevance_cv import PUBLISHED
from bench.relevance_cv import TUNE_DEPTH
from bench.relevance_cv import Fold
from bench.relevance_cv import describe
from bench.relevance_report import _label
from bench.relevance_report import _p
from bench.relevance_report import _table

#: The most a kept change of default may lose on any held-out collection (issue 19).
MAX_LOSS = 0.01


def render(folds: Sequence[Fold], *, command: str, provenance: str) -> str:
    """The whole report: how it was run, the summary, the rule for keeping defaults, and every row."""
    parts = [
        "# searchsvc ranking, cross-validated (issue 19)",
        f"Command: `{command}`\n\nMeasured: {provenance}.",
        "Each collection is held out in turn; every setting is chosen on the other four "
        f"(highest mean MAP, first {TUNE_DEPTH} results), then the held-out collection is searched "
        "through `/api/search?match=any` with the API's limits, first 1,000 results. "
        "Δ columns: paired tests on per-query AP (t-test / randomisation p).",
        _summary(folds),
        _defaults_check(folds),
        _all_rows(folds),
    ]
    return "\n\n".join(parts) + "\n"


def _delta(folds: Fold, baseline: str, other: str) -> str:
    test = ireval.compare(folds.runs[baseline].per_query["MAP"], folds.runs[other].per_query["MAP"])
    return f"{round(test.delta, 3) + 0.0:+.3f} ({_p(test.t_test_p)} / {_p(test.randomisation_p)})"


def _summary(folds: Sequence[Fold]) -> str:
    """Per held-out collection: what was chosen, its MAP / nDCG@10, the best peer, and feedback's effect."""
    head = ["held out", "chosen on the other four", "MAP / nDCG@10", "best peer", "Δ vs best peer (p)",
            "feedback's effect (p)"]
    rows = []
    for fold in folds:
        run, peer = fold.runs[CHOSEN], fold.best_peer
        rows.append([
            _label(fold.held_out),
            describe(fold.chosen),
            f"{run.mean('MAP'):.3f} / {run.mean('nDCG@10'):.3f}",
            f"{peer} {fold.runs[peer].mean('MAP'):.3f} / {fold.runs[peer].mean('nDCG@10'):.3f}",
            _delta(fold, peer, CHOSEN),
            _delta(fold, CHOSEN_NO_FEEDBACK, CHOSEN) if fold.chosen.feedback != "off" else "feedback off",
        ])
    mean_map = sum(f.runs[CHOSEN].mean("MAP") for f in folds) / len(folds)
    mean_peer = sum(f.runs[f.best_peer].mean("MAP") for f in folds) / len(folds)
    rows.append(["mean", "", f"{mean_map:.3f}", f"{mean_peer:.3f}", f"{mean_map - mean_peer:+.3f}", ""])
    return "## Held out\n\n" + _table(head, rows)


def _defaults_check(folds: Sequence[Fold]) -> str:
    """Each candidate default against the previous ones, held out: kept if the mean rises and no loss > 0.01."""
    head = ["settings", *(_label(f.held_out) for f in folds), "mean Δ", "kept?"]
    rows = []
    for name in (*PUBLISHED, CHOSEN_NO_FEEDBACK, CHOSEN):
        deltas = [f.runs[name].mean("MAP") - f.runs[PREVIOUS_NAME].mean("MAP") for f in folds]
        mean = sum(deltas) / len(deltas)
        kept = mean > 0 and min(deltas) >= -MAX_LOSS
        rows.append([name, *(f"{d:+.3f}" for d in deltas), f"{mean:+.3f}", "yes" if kept else "no"])
    return (
        f"## Changes of default, held out (ΔMAP against {PREVIOUS_NAME})\n\n"
        + _table(head, rows)
        + f"\n\nA change is kept only if it raises the held-out mean and loses at most {MAX_LOSS} on every collection."
    )


def _all_rows(folds: Sequence[Fold]) -> str:
    head = ["held out", "engine", "MAP", "nDCG@10", "P@10", "refused"]
    rows = []
    for fold in folds:
        for i, (name, run) in enumerate(fold.runs.items()):
            cells = [_label(fold.held_out) if i == 0 else "", name]
            cells += [f"{run.mean(m):.3f}" for m in ("MAP", "nDCG@10", "P@10")]
            cells.append(str(len(run.errors)))
            rows.append(cells)
    return "## Every row\n\n" + _table(head, rows)
