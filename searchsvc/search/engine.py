"""Matching and scoring a plan over numpy arrays: boolean masks, BM25F, phrases from positions, top-k.

Whoosh matches and scores one document at a time in Python: about 13 µs per
matching release for one common word, more for several words (issue 4). Here
each term's postings are read once per index generation into arrays (through
the read door, ``postings``) and everything else is whole-array numpy work:
matching is boolean masks over every document number, scoring is BM25F summed
into one float array, paging is a partial sort. A phrase intersects arrays of
decoded positions, cached like the postings, whatever its slop.

Ranking is BM25F as Robertson and Zaragoza define it: a term's frequencies
in title, body and notes are weighted, length-normalised per field and
summed *before* saturation, so a word in the title and the body counts once,
strongly, rather than twice (Whoosh sums a saturated score per field).
k1, b (per field) and the field weights are the evaluator's ``RankingSettings``.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from searchsvc import schema
from searchsvc.errors import SearchTimeoutError
from searchsvc.ranking import RankingSettings
from searchsvc.search.plan import All
from searchsvc.search.plan import Every
from searchsvc.search.plan import Not
from searchsvc.search.plan import Phrase
from searchsvc.search.plan import Plan
from searchsvc.search.plan import Prefix
from searchsvc.search.plan import Terms
from searchsvc.search.postings import Snapshot

#: Postings kept in memory per generation, in bytes (12 bytes a posting).
POSTINGS_CACHE_BYTES = 256 << 20
#: Terms whose positions in individual documents are remembered (for proximity).
DOC_POSITIONS_TERMS = 2000

_T = TypeVar("_T")


@dataclass(frozen=True)
class Scored:
    """What a plan node matches (a mask over document numbers) and how well (scores, or None: unscored)."""

    mask: np.ndarray
    scores: np.ndarray | None


class IndexArrays:
    """Field lengths, postings and positions of one index generation, as numpy arrays, read as asked for.

    Snapshots are passed in per call rather than kept: one may be closed and
    another opened on the same generation, and the arrays stay valid because
    document numbers only change with the generation.
    """

    def __init__(self, snapshot: Snapshot) -> None:
        self.size = snapshot.size
        self.live = snapshot.live()
        self.live_count = int(self.live.sum())
        #: Per field: each document's length divided by the field's average length.
        self._relative: dict[str, np.ndarray] = {}
        self._postings: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._places: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        #: (field, term) → document → positions, for the documents asked about so far.
        self._doc_positions: OrderedDict[tuple[str, str], dict[int, list[int]]] = OrderedDict()
        self._cached_bytes = 0
        self._lock = threading.Lock()

    def relative_lengths(self, snapshot: Snapshot, fieldname: str) -> np.ndarray:
        """Each live document's length in ``fieldname`` divided by the average length there."""
        found = self._relative.get(fieldname)
        if found is not None:
            return found
        lengths = snapshot.lengths(fieldname)
        lengths[~self.live] = 0
        average = float(lengths.sum()) / self.live_count if self.live_count else 0.0
        relative = lengths / np.float32(average) if average else np.ones(self.size, dtype=np.float32)
        self._relative[fieldname] = relative
        return relative

    def postings(self, snapshot: Snapshot, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Live document numbers holding ``term`` in ``fieldname``, ascending, and its frequency in each."""

        def read() -> tuple[np.ndarray, np.ndarray]:
            ids, tf = snapshot.postings(fieldname, term)
            keep = self.live[ids]
            return ids[keep], tf[keep]

        return self._remembered(
            self._postings, (fieldname, term), read, lambda found: found[0].nbytes + found[1].nbytes
        )

    def places(self, snapshot: Snapshot, fieldname: str, term: str) -> np.ndarray:
        """Every place ``term`` stands in ``fieldname`` of a live document, as document << 32 | position, ascending.

        Decoding positions is the dear part of a phrase search (one unpickling
        per posting), so the decoded places are cached with the postings.
        """

        def read() -> np.ndarray:
            places = snapshot.places(fieldname, term)
            kept: np.ndarray = places[self.live[places >> 32]]
            return kept

        return self._remembered(self._places, (fieldname, term), read, lambda found: int(found.nbytes))

    def _remembered(
        self,
        cache: OrderedDict[tuple[str, str], _T],
        key: tuple[str, str],
        read: Callable[[], _T],
        size: Callable[[_T], int],
    ) -> _T:
        """``cache[key]``, read and remembered (within the memory budget) if it is not there yet."""
        with self._lock:
            found = cache.get(key)
            if found is not None:
                cache.move_to_end(key)
                return found
        found = read()
        with self._lock:
            cache[key] = found
            self._cached_bytes += size(found)
            self._evict()
        return found

    def _evict(self) -> None:
        """Drop the least recently used places and postings until the cache fits its budget."""
        while self._cached_bytes > POSTINGS_CACHE_BYTES:
            if len(self._places) > 1:
                _, places = self._places.popitem(last=False)
                self._cached_bytes -= places.nbytes
            elif len(self._postings) > 1:
                _, (ids, tf) = self._postings.popitem(last=False)
                self._cached_bytes -= ids.nbytes + tf.nbytes
            else:
                break

    def positions(self, snapshot: Snapshot, fieldname: str, term: str, docnums: Sequence[int]) -> dict[int, list[int]]:
        """Where ``term`` stands in ``fieldname`` of each of ``docnums`` (ascending, live) that holds it.

        Answers are remembered per term (the best matches of a query are
        asked for again on every repeat of it and every page of it).
        """
        key = (fieldname, term)
        with self._lock:
            known = self._doc_positions.get(key)
            if known is None:
                known = self._doc_positions[key] = {}
                if len(self._doc_positions) > DOC_POSITIONS_TERMS:
                    self._doc_positions.popitem(last=False)
            else:
                self._doc_positions.move_to_end(key)
        missing = [d for d in docnums if d not in known]
        if missing:
            found = snapshot.positions(fieldname, term, missing)
            with self._lock:
                for docnum in missing:
                    known[docnum] = found.get(docnum, [])
        return {d: known[d] for d in docnums if known.get(d)}


class Evaluator:
    """Evaluates plans against one snapshot and its generation's arrays, ranked as ``settings`` say."""

    def __init__(
        self,
        snapshot: Snapshot,
        arrays: IndexArrays,
        deadline: float = math.inf,
        settings: RankingSettings | None = None,
    ) -> None:
        self.snapshot = snapshot
        self.arrays = arrays
        self.deadline = deadline
        self.settings = settings or RankingSettings()
        self._reweighed = _reweighed(self.settings)
        self._b = _length_normalisation(self.settings)

    def evaluate(self, plan: Plan) -> Scored:
        """What ``plan`` matches, and the BM25F score of each match."""
        if isinstance(plan, Terms):
            return _every([self.term_scores(t, plan.fields, plan.weight) for t in plan.terms])
        if isinstance(plan, Prefix):
            parts = [self.term_scores(term, ((f, w),), plan.weight) for f, term, w in plan.pairs]
            return _either(parts, self.arrays.size)
        if isinstance(plan, Phrase):
            return self._phrase(plan)
        if isinstance(plan, Every):
            return Scored(self.arrays.live.copy(), None)
        if isinstance(plan, Not):
            inner = self.evaluate(plan.child)
            return Scored(self.arrays.live & ~inner.mask, None)
        children = [self.evaluate(c) for c in plan.children]
        return _every(children) if isinstance(plan, All) else _either(children, self.arrays.size)

    def term_scores(self, term: str, fields: Iterable[tuple[str, float]], weight: float = 1.0) -> Scored:
        """BM25F of one term over weighted fields: frequencies are combined before saturation."""
        check_deadline(self.deadline)
        pseudo = np.zeros(self.arrays.size, dtype=np.float32)
        for fieldname, field_weight in fields:
            ids, tf = self.arrays.postings(self.snapshot, fieldname, term)
            if len(ids):
                relative = self.arrays.relative_lengths(self.snapshot, fieldname)[ids]
                b = self._b.get(fieldname, self.settings.b)
                weighed = self._reweighed.get((fieldname, field_weight), field_weight)
                pseudo[ids] += weighed * tf / ((1 - b) + b * relative)
        mask = pseudo > 0
        df = int(np.count_nonzero(mask))
        if not df:
            return Scored(mask, None)
        scores = np.zeros(self.arrays.size, dtype=np.float32)
        matched = pseudo[mask]
        k1 = self.settings.k1
        scores[mask] = weight * idf(df, self.arrays.live_count) * matched * (k1 + 1) / (k1 + matched)
        return Scored(mask, scores)

    def _phrase(self, plan: Phrase) -> Scored:
        mask = np.zeros(self.arrays.size, dtype=bool)
        for fieldname, _ in plan.fields:
            check_deadline(self.deadline)
            places = [self.arrays.places(self.snapshot, fieldname, term) for term in plan.terms]
            found = _side_by_side(places) if plan.slop <= 1 else _near_in_order(places, plan.slop)
            mask[found >> 32] = True
        if not mask.any():
            return Scored(mask, None)
        scores = _sum_scores(self.term_scores(t, plan.fields, plan.weight).scores for t in plan.terms)
        return Scored(mask, None if scores is None else np.where(mask, scores, np.float32(0)))


def _reweighed(settings: RankingSettings) -> dict[tuple[str, float], float]:
    """(field, weight the plan gives it) → weight the settings give it, for the ranked text fields.

    Plans carry ``schema.SEARCHED``'s weights; only a field paired with its
    schema weight is a ranked-field lookup (a user's ``title:`` has weight 1),
    so only those take the settings' weight. Exact twins weigh as their field.
    """
    weights = settings.field_weights()
    pairs = {(name, default): weights[name] for name, default in schema.SEARCHED.items()}
    twins = {(schema.EXACT_TWIN[name], default): w for (name, default), w in pairs.items()}
    return pairs | twins


def _length_normalisation(settings: RankingSettings) -> dict[str, float]:
    """Field → BM25's b for the ranked text fields and their exact twins."""
    per_field = settings.field_b()
    return per_field | {schema.EXACT_TWIN[name]: b for name, b in per_field.items()}


def _side_by_side(places: Sequence[np.ndarray]) -> np.ndarray:
    """Places where the terms stand next to each other, in order, as the first term's places.

    A place is document << 32 | position; shifting each term's places back
    by its offset in the phrase, the phrase stands wherever all terms share
    a place. The rarest terms are intersected first.
    """
    common: np.ndarray | None = None
    for offset, found in sorted(enumerate(places), key=lambda item: len(item[1])):
        shifted = found - offset
        common = shifted if common is None else np.intersect1d(common, shifted, assume_unique=True)
        if not len(common):
            break
    return common if common is not None else np.zeros(0, dtype=np.int64)


def _near_in_order(places: Sequence[np.ndarray], slop: int) -> np.ndarray:
    """Places of the last term where each term follows the one before by 1 to ``slop`` positions.

    This is Whoosh's ``Phrase(..., slop=n)``: a chain of the terms in order,
    each at most ``slop`` places after the previous one.
    """
    ends = places[0]
    for following in places[1:]:
        if not len(ends):
            break
        reach = np.unique(np.concatenate([ends + step for step in range(1, slop + 1)]))
        ends = np.intersect1d(reach, following, assume_unique=True)
    return ends


def check_deadline(deadline: float) -> None:
    """:raise SearchTimeoutError: ``deadline`` (a ``time.monotonic()`` value) has passed."""
    if time.monotonic() > deadline:
        raise SearchTimeoutError("the search took too long; use more specific words or filters")


def _every(parts: Sequence[Scored]) -> Scored:
    """What matches all of ``parts`` (at least one), scored by their sum."""
    mask = parts[0].mask.copy()
    for part in parts[1:]:
        mask &= part.mask
    return Scored(mask, _sum_scores(p.scores for p in parts))


def _either(parts: Sequence[Scored], size: int) -> Scored:
    """What matches any of ``parts`` (of ``size`` documents), scored by their sum."""
    mask = np.zeros(size, dtype=bool)
    for part in parts:
        mask |= part.mask
    return Scored(mask, _sum_scores(p.scores for p in parts))


def idf(df: int, n: int) -> float:
    """BM25's inverse document frequency, kept positive for words in most documents (as Lucene does)."""
    return float(np.log(1 + (n - df + 0.5) / (df + 0.5)))


def _sum_scores(parts: Iterable[np.ndarray | None]) -> np.ndarray | None:
    total: np.ndarray | None = None
    for part in parts:
        if part is None:
            continue
        total = part.copy() if total is None else total + part
    return total


def top(scores: np.ndarray | None, allowed: np.ndarray, limit: int) -> list[tuple[int, float]]:
    """The ``limit`` best allowed documents by score (ties: lower document number first)."""
    candidates = np.flatnonzero(allowed)
    if not len(candidates) or limit <= 0:
        return []
    values = scores[candidates] if scores is not None else np.zeros(len(candidates), dtype=np.float32)
    if len(candidates) > limit:
        keep = np.argpartition(-values, limit - 1)[:limit]
        # Documents tied with the last kept one may have been cut arbitrarily:
        # take every one of them, then sort and cut again.
        threshold = values[keep].min()
        keep = np.flatnonzero(values >= threshold)
        candidates, values = candidates[keep], values[keep]
    order = np.lexsort((candidates, -values))[:limit]
    return [(int(candidates[i]), float(values[i])) for i in order]
