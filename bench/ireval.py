"""Scoring runs against judgements with ir-measures, and paired significance tests between runs.

The measures themselves come from ir-measures (pytrec_eval underneath), as
shared/ircoll/README.md asks, so figures are comparable with its peers. This
module only shapes the data for it and averages per-query values over *every*
judged query: pytrec_eval leaves out queries missing from a run, which would
let a query that failed to run raise the mean instead of counting as zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass

import ir_measures
import numpy as np
from ir_measures import AP
from ir_measures import P
from ir_measures import R
from ir_measures import nDCG
from scipy import stats  # type: ignore[import-untyped]  # scipy ships no stubs

#: One ranked list per query id: ``(doc_id, score)``, best first.
Run = Mapping[str, Sequence[tuple[str, float]]]

#: Column name → measure. ``rel=1`` makes any gain > 0 relevant; nDCG uses the gains as graded.
MEASURES = {
    "MAP": AP(rel=1),
    "nDCG@10": nDCG @ 10,
    "P@10": P(rel=1) @ 10,
    "R@100": R(rel=1) @ 100,
}


def evaluate(qrels: Mapping[str, Mapping[str, int]], run: Run) -> dict[str, dict[str, float]]:
    """Per-query values of each of ``MEASURES``: column → query id → value, for every judged query.

    Documents are scored by their rank, not the engine's score: trec_eval
    re-sorts by score and breaks ties by document id, which would reorder an
    engine's own ranking wherever it rounds scores (searchsvc rounds to 4
    decimals). A query with no results scores 0 on every measure.
    """
    judged = [ir_measures.Qrel(q, d, gain) for q, docs in qrels.items() for d, gain in docs.items()]
    scored = [
        ir_measures.ScoredDoc(q, doc_id, float(len(ranked) - rank))
        for q, ranked in run.items()
        if q in qrels
        for rank, (doc_id, _score) in enumerate(ranked)
    ]
    values = {column: dict.fromkeys(qrels, 0.0) for column in MEASURES}
    by_measure = {measure: column for column, measure in MEASURES.items()}
    for metric in ir_measures.iter_calc(list(MEASURES.values()), judged, scored):
        values[by_measure[metric.measure]][metric.query_id] = float(metric.value)
    return values


def mean(per_query: Mapping[str, float]) -> float:
    """The mean over all queries (0.0 for none)."""
    return sum(per_query.values()) / len(per_query) if per_query else 0.0


@dataclass(frozen=True)
class Comparison:
    """A paired test of one run's per-query values against a baseline's."""

    delta: float
    #: Two-sided paired t-test.
    t_test_p: float
    #: Two-sided paired randomisation (sign-flip) test on the mean difference.
    randomisation_p: float


def compare(
    baseline: Mapping[str, float], other: Mapping[str, float], *, resamples: int = 10_000, seed: int = 0
) -> Comparison:
    """Test whether ``other`` differs from ``baseline`` on the same queries (e.g. per-query AP).

    Smucker et al. (CIKM 2007) found the randomisation test and the t-test
    agree on IR runs; both are given so either can be quoted. Identical runs
    get p = 1 rather than the t-test's NaN.
    """
    queries = sorted(baseline)
    if set(other) != set(queries):
        raise ValueError("the two runs must have values for the same queries")
    a = np.array([baseline[q] for q in queries])
    b = np.array([other[q] for q in queries])
    delta = float(np.mean(b - a)) if len(queries) else 0.0
    if len(queries) < 2 or np.allclose(a, b):
        return Comparison(delta, 1.0, 1.0)
    t_p = float(stats.ttest_rel(b, a).pvalue)
    randomised = stats.permutation_test(
        (b, a),
        lambda x, y, axis: np.mean(x - y, axis=axis),
        permutation_type="samples",
        vectorized=True,
        n_resamples=resamples,
        alternative="two-sided",
        random_state=seed,
    )
    return Comparison(delta, t_p, float(randomised.pvalue))
