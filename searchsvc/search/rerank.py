"""Ranking beyond plain BM25F: pseudo-relevance feedback (RM3), the rating lift, and the proximity bonus.

``rank`` takes the engine's scores and returns the documents of one page:
feedback words from the best matches may widen the scores, releases with an
overall rating the query names are lifted above the rest, and the best
``RERANK_DEPTH`` gain a bonus where the query's words stand together.
Whether and how much of each is the evaluator's ``RankingSettings``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from searchsvc import analysis
from searchsvc import schema
from searchsvc.ranking import RankingSettings
from searchsvc.releases import RATINGS
from searchsvc.search import query as ql
from searchsvc.search.engine import Evaluator
from searchsvc.search.engine import Scored
from searchsvc.search.engine import idf
from searchsvc.search.engine import top

#: How near (in words) query words must stand to earn the proximity boost.
PROXIMITY_SLOP = 3
#: How many of the best matches by plain BM25F get the proximity and rating
#: bonuses; also the top whose scores the clear feedback rule compares with.
RERANK_DEPTH = 100
#: The clear feedback rule needs this many matches per feedback document:
#: with fewer, the feedback documents are much of what matches, and RM3 only
#: re-weights what the query already found.
FEEDBACK_MATCHES_PER_DOC = 5


@dataclass(frozen=True)
class Ranking:
    """How to rank one query: its tree, its mode, and whether to widen it with feedback (None: decide)."""

    node: ql.Node
    match: str
    expand: bool | None
    #: Per document, whether it has an overall rating the query names (None: the query names none).
    rated: np.ndarray | None


def rank(
    evaluator: Evaluator, matched: Scored, allowed: np.ndarray, how: Ranking, window: slice
) -> tuple[list[tuple[int, float]], bool]:
    """The ``window`` of the allowed matches, best first, with their scores; and whether feedback widened them."""
    settings = evaluator.settings
    fed_back = feeds_back(how, matched, settings)
    scores = expanded(evaluator, matched, how.node) if fed_back else matched.scores
    if how.rated is not None and scores is not None:
        # Above every release that only mentions the rating: lift the rated
        # ones by more than the best score there is.
        scores = scores + how.rated * np.float32(float(scores.max()) * settings.rating_boost)
    assert window.stop is not None
    ranked = top(scores, allowed, max(window.stop, RERANK_DEPTH))
    # Only the best RERANK_DEPTH get bonuses, on every page alike, so pages
    # never overlap; bonuses only add, so the rest stay below.
    terms = proximity_terms(how.node, how.match, settings.proximity)
    best = reranked(evaluator, ranked[:RERANK_DEPTH], terms, how.rated)
    return (best + ranked[RERANK_DEPTH:])[window], fed_back


def named_ratings(node: ql.Node | None) -> list[str]:
    """The overall ratings the query names ("inadequate", "requires improvement")."""
    flat: list[str] = []
    for item in ql.words_of(node):
        if item.field is None and not (isinstance(item, ql.Word) and item.prefix):
            flat.extend(analysis.query_terms(item.text))
    return [
        rating
        for rating, stems in _rating_stems().items()
        if any(flat[i : i + len(stems)] == list(stems) for i in range(len(flat)))
    ]


@functools.cache
def _rating_stems() -> dict[str, tuple[str, ...]]:
    return {rating: tuple(analysis.query_terms(rating)) for rating in RATINGS}


def feeds_back(how: Ranking, matched: Scored, settings: RankingSettings) -> bool:
    """Whether feedback widens the ranking: as the request asks, else as the settings' rule decides.

    "long": any-word queries of ``feedback_min_words`` words or more. "clear":
    those, when the evidence at hand says the best matches are likely on the
    topic (see ``clear_top``).
    """
    if matched.scores is None:
        return False
    if how.expand is not None:
        return how.expand
    if settings.feedback == "off" or how.match != "any":
        return False
    words = [w for w in ql.words_of(how.node) if isinstance(w, ql.Word) and analysis.query_terms(w.text)]
    if len(words) < settings.feedback_min_words:
        return False
    return settings.feedback == "long" or clear_top(matched, settings)


def clear_top(matched: Scored, settings: RankingSettings) -> bool:
    """Whether the best ``feedback_docs`` matches stand clear of the rest, and there are enough matches.

    RM3 helps when its documents are on the topic and hurts when they are
    not. Clarity here is the best matches' mean score over the mean of the
    best ``RERANK_DEPTH``: near 1 when scores fall off slowly (no document
    stands out, as for a long query of common words); high when a few
    documents share most of the query's rare words.
    """
    assert matched.scores is not None
    if int(np.count_nonzero(matched.mask)) < FEEDBACK_MATCHES_PER_DOC * settings.feedback_docs:
        return False
    best = [score for _, score in top(matched.scores, matched.mask, RERANK_DEPTH)]
    leaders = best[: settings.feedback_docs]
    baseline = sum(best) / len(best)
    return baseline > 0 and sum(leaders) / len(leaders) >= settings.feedback_min_clarity * baseline


def proximity_terms(node: ql.Node, match: str, rule: str) -> list[str]:
    """The plain words whose standing together earns a bonus (2 to 8 of them), under the proximity ``rule``.

    "all-words": only all-word queries; "always": any-word queries too.
    """
    # On sentence-like any-word queries the bonus cost MAP on all five test
    # collections (bench/results/relevance.md): all-word queries by default.
    if rule == "off" or not isinstance(node, ql.All | ql.Any):
        return []
    if rule == "all-words" and (not isinstance(node, ql.All) or match != "all"):
        return []
    words = [c for c in node.children if isinstance(c, ql.Word) and c.field is None and not c.prefix]
    terms = list(dict.fromkeys(t for w in words for t in analysis.query_terms(w.text)))
    return terms if 2 <= len(terms) <= 8 else []


def expanded(evaluator: Evaluator, matched: Scored, node: ql.Node) -> np.ndarray | None:
    """Scores with the query expanded by pseudo-relevance feedback (RM3).

    The words that stand out in the best ``feedback_docs`` matches, weighted
    by how well each matched, join the query's own words; the matches stay
    those of the query as typed.
    """
    if matched.scores is None:
        return None
    settings = evaluator.settings
    best = top(matched.scores, matched.mask, settings.feedback_docs)
    if not best:
        return matched.scores
    chosen = _feedback_words(evaluator, best)[: settings.feedback_terms]
    chosen_total = sum(w for _, w in chosen) or 1.0
    typed = sum(1 for item in ql.words_of(node) if isinstance(item, ql.Word | ql.Phrase))
    # RM3 mixes the query's words (each 1 / n) with the feedback words'
    # distribution; scaled by n, the typed words keep their own scores.
    scale = settings.feedback_weight * max(1, typed) / chosen_total
    fields = tuple(schema.SEARCHED.items())
    scores = matched.scores * np.float32(1 - settings.feedback_weight)
    for term, weight in chosen:
        part = evaluator.term_scores(term, fields, scale * weight)
        if part.scores is not None:
            scores += np.where(matched.mask, part.scores, np.float32(0))
    return scores


def _feedback_words(evaluator: Evaluator, best: list[tuple[int, float]]) -> list[tuple[str, float]]:
    """The terms in the best matches, most present first, weighted by how well each matched."""
    total_score = sum(score for _, score in best) or 1.0
    relevance: dict[str, float] = {}
    for docnum, score in best:
        release = evaluator.snapshot.release(docnum)
        terms = analysis.query_terms(f"{release.title}\n{schema.body_text(release)}")
        if not terms:
            continue
        share = score / total_score / len(terms)
        for term in terms:
            if len(term) > 1 and not term.isdigit():
                relevance[term] = relevance.get(term, 0.0) + share
    return sorted(relevance.items(), key=lambda tw: (-tw[1], tw[0]))


def reranked(
    evaluator: Evaluator, ranked: list[tuple[int, float]], terms: Sequence[str], first: np.ndarray | None
) -> list[tuple[int, float]]:
    """The best matches with a bonus added where ``terms`` stand together.

    The bonus needs positions, so only the best ``RERANK_DEPTH`` by BM25F
    get it; then they are sorted again, those in ``first`` (releases with
    the overall rating the query names) still ahead of the rest.
    """
    if not ranked:
        return ranked
    scores = dict(ranked)
    docnums = sorted(scores)
    if terms:
        snapshot, arrays = evaluator.snapshot, evaluator.arrays
        weights = [idf(max(1, snapshot.doc_frequency("body", t)), arrays.live_count) for t in terms]
        mean_idf = sum(weights) / len(weights)
        boost = evaluator.settings.proximity_boost
        for fieldname, weight in evaluator.settings.field_weights().items():
            if fieldname == "notes":
                continue
            positions = [arrays.positions(snapshot, fieldname, t, docnums) for t in terms]
            for docnum, near in proximity(positions, docnums, PROXIMITY_SLOP).items():
                scores[docnum] += boost * weight * mean_idf * near / (1 + near)
    if first is None:
        return sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return sorted(scores.items(), key=lambda item: (not first[item[0]], -item[1], item[0]))


def proximity(positions: Sequence[Mapping[int, Sequence[int]]], docnums: Iterable[int], slop: int) -> dict[int, float]:
    """Per document, how many times two different query words stand within ``slop`` words of each other.

    ``positions[i]`` maps a document to where query word ``i`` stands in it.
    Each pair of neighbouring occurrences counts 1 / distance, so "management
    oversight" side by side counts more than "management of staff oversight".
    """
    out: dict[int, float] = {}
    for docnum in docnums:
        merged = sorted((p, i) for i, found in enumerate(positions) for p in found.get(docnum, ()))
        total = 0.0
        for (p1, i1), (p2, i2) in zip(merged, merged[1:], strict=False):
            if i1 != i2 and p2 - p1 <= slop:
                total += 1.0 / max(1, p2 - p1)
        if total:
            out[docnum] = total
    return out
