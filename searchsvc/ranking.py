"""Matching and scoring over postings read into numpy arrays.

Whoosh matches and scores one document at a time in Python: about 13 µs per
matching release for one common word, more for several words (issue 4). This
module reads each term's postings a block at a time into arrays, once per
index generation, and does the rest with whole-array numpy operations:
matching is boolean masks over every document number, scoring is BM25F
summed into one float array, paging is a partial sort.

A query arrives as a small tree of plan nodes (``Word``, ``Prefix``,
``ExactPhrase``, ``Positional``, ``All``, ``AnyOf``, ``Not``, ``Every``),
built by ``search`` from the parsed query; ``Evaluator.evaluate`` turns it
into a ``Scored`` (mask and scores). A quoted phrase intersects arrays of
decoded positions, cached like the postings. Phrases with slop (an acronym's
spelled-out words, a phrase in a named field) are rarer and still matched by
Whoosh, through a callback (``Positional``).

Ranking is BM25F as Robertson and Zaragoza define it: a term's frequencies
in title, body and notes are weighted, length-normalised per field and
summed *before* saturation, so a word in the title and the body counts once,
strongly, rather than twice (Whoosh sums a saturated score per field).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.codec.whoosh3 import _lenfield
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from searchsvc.errors import SearchTimeoutError

#: BM25's term-frequency saturation and length normalisation: Anserini's
#: defaults. Against the textbook 1.2 and 0.75 they gained 0.015 MAP on CACM
#: and 0.029 on NPL and lost 0.009-0.013 on the other three collections
#: (bench/results/relevance.md), and only with them is every collection at
#: or above the best plain-BM25 peer.
K1 = 0.9
B = 0.4
#: Postings kept in memory per generation, in bytes (12 bytes a posting).
POSTINGS_CACHE_BYTES = 256 << 20

#: Terms whose positions in individual documents are remembered (for proximity).
DOC_POSITIONS_TERMS = 2000

_LENGTH_OF_BYTE = np.array([byte_to_length(i) for i in range(256)], dtype=np.float32)
_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_TF = np.zeros(0, dtype=np.float32)


@dataclass(frozen=True)
class Scored:
    """What a plan node matches (a mask over document numbers) and how well (scores, or None: unscored)."""

    mask: np.ndarray
    scores: np.ndarray | None


# -- plan nodes -------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """Stemmed terms that must all occur (one word can analyse to several), each scored by BM25F over ``fields``."""

    terms: tuple[str, ...]
    fields: tuple[tuple[str, float], ...]
    weight: float = 1.0


@dataclass(frozen=True)
class Prefix:
    """Any of several (field, term) pairs a prefix expands to, each scored on its own field."""

    pairs: tuple[tuple[str, str, float], ...]
    weight: float = 1.0


@dataclass(frozen=True)
class Positional:
    """Terms that must stand in order (a phrase): ``matches`` finds the documents, the terms score them."""

    key: Any
    terms: tuple[str, ...]
    fields: tuple[tuple[str, float], ...]
    weight: float = 1.0


@dataclass(frozen=True)
class ExactPhrase:
    """Words standing side by side, in order, in one of ``fields`` (the unstemmed ones, for quoted phrases)."""

    terms: tuple[str, ...]
    fields: tuple[tuple[str, float], ...]
    weight: float = 1.0


@dataclass(frozen=True)
class All:
    children: tuple[Plan, ...]


@dataclass(frozen=True)
class AnyOf:
    children: tuple[Plan, ...]


@dataclass(frozen=True)
class Not:
    child: Plan


@dataclass(frozen=True)
class Every:
    pass


Plan = Word | Prefix | Positional | ExactPhrase | All | AnyOf | Not | Every

#: Given a ``Positional.key``, the document numbers where it matches.
PositionalMatcher = Callable[[Any], Iterable[int]]


# -- the arrays of one generation ------------------------------------------


class IndexArrays:
    """Field lengths and term postings of one index generation, as numpy arrays.

    Readers are passed in per call rather than kept: a searcher may be closed
    and another opened on the same generation, and the arrays stay valid
    because document numbers only change with the generation.
    """

    def __init__(self, reader: Any) -> None:
        self.size: int = reader.doc_count_all()
        # From each segment's deletion set: Whoosh's ``all_doc_ids`` asks
        # document by document (0.3 s at 100,000 releases).
        live = np.ones(self.size, dtype=bool)
        for leaf, offset in _leaves(reader):
            deleted = np.fromiter(leaf.segment().deleted_docs(), dtype=np.int64)
            live[deleted + offset] = False
        self.live = live
        self.live_count = int(live.sum())
        self._lengths: dict[str, np.ndarray] = {}
        #: Per field: each document's length divided by the field's average length.
        self._relative: dict[str, np.ndarray] = {}
        self._postings: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._places: OrderedDict[tuple[str, str, str], np.ndarray] = OrderedDict()
        #: (field, term) → document → positions, for the documents asked about so far.
        self._doc_positions: OrderedDict[tuple[str, str], dict[int, list[int]]] = OrderedDict()
        self._cached_bytes = 0
        self._lock = threading.Lock()

    # field lengths

    def lengths(self, reader: Any, fieldname: str) -> np.ndarray:
        """Each document's length in ``fieldname`` (Whoosh stores it to one byte's precision)."""
        found = self._lengths.get(fieldname)
        if found is not None:
            return found
        out = np.zeros(self.size, dtype=np.float32)
        for leaf, offset in _leaves(reader):
            perdoc = leaf._perdoc
            column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            if column is None:
                continue
            count = min(column._count, leaf.doc_count_all())
            raw = np.frombuffer(column._dbfile.get(column._basepos, count), dtype=np.uint8)
            out[offset : offset + count] = _LENGTH_OF_BYTE[raw]
        out[~self.live] = 0
        self._lengths[fieldname] = out
        return out

    def relative_lengths(self, reader: Any, fieldname: str) -> np.ndarray:
        """Each document's length in ``fieldname`` divided by the average length there."""
        found = self._relative.get(fieldname)
        if found is not None:
            return found
        lengths = self.lengths(reader, fieldname)
        average = float(lengths.sum()) / self.live_count if self.live_count else 0.0
        relative = lengths / np.float32(average) if average else np.ones(self.size, dtype=np.float32)
        self._relative[fieldname] = relative
        return relative

    # postings

    def postings(self, reader: Any, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Live document numbers holding ``term`` in ``fieldname``, ascending, and its frequency in each."""
        key = (fieldname, term)
        with self._lock:
            found = self._postings.get(key)
            if found is not None:
                self._postings.move_to_end(key)
                return found
        found = self._read_postings(reader, fieldname, term)
        with self._lock:
            self._postings[key] = found
            self._cached_bytes += found[0].nbytes + found[1].nbytes
            self._evict()
        return found

    def _evict(self) -> None:
        """Drop the least recently used postings and places until the cache fits its budget."""
        while self._cached_bytes > POSTINGS_CACHE_BYTES:
            if len(self._places) > 1:
                _, places = self._places.popitem(last=False)
                self._cached_bytes -= places.nbytes
            elif len(self._postings) > 1:
                _, (ids, tf) = self._postings.popitem(last=False)
                self._cached_bytes -= ids.nbytes + tf.nbytes
            else:
                break

    def places(self, reader: Any, fieldname: str, term: str) -> np.ndarray:
        """Every place ``term`` stands in ``fieldname``, as document << 32 | position, ascending.

        Decoding positions is the dear part of a phrase search (one unpickling
        per posting), so the decoded places are cached with the postings.
        """
        key = ("\x00places", fieldname, term)
        with self._lock:
            found = self._places.get(key)
            if found is not None:
                self._places.move_to_end(key)
                return found
        found = self._read_places(reader, fieldname, term)
        with self._lock:
            self._places[key] = found
            self._cached_bytes += found.nbytes
            self._evict()
        return found

    def _read_places(self, reader: Any, fieldname: str, term: str) -> np.ndarray:
        parts: list[np.ndarray] = []
        for matcher, format_, offset, _size in _raw_matchers(reader, fieldname, term):
            docs: list[int] = []
            positions: list[int] = []
            counts: list[int] = []
            for docnum, found in _positions_of_every_posting(matcher, format_):
                docs.append(docnum)
                counts.append(len(found))
                positions.extend(found)
            if docs:
                docnums = np.repeat(np.array(docs, dtype=np.int64) + offset, counts)
                parts.append((docnums << 32) | np.array(positions, dtype=np.int64))
        if not parts:
            return _EMPTY_IDS
        places: np.ndarray = np.concatenate(parts)
        kept: np.ndarray = places[self.live[places >> 32]]
        return kept

    def _read_postings(self, reader: Any, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        id_parts: list[np.ndarray] = []
        tf_parts: list[np.ndarray] = []
        for matcher, _format, offset, _size in _raw_matchers(reader, fieldname, term):
            ids, tf = _read_all(matcher)
            id_parts.append(ids + offset)
            tf_parts.append(tf)
        if not id_parts:
            return _EMPTY_IDS, _EMPTY_TF
        ids = np.concatenate(id_parts)
        tf = np.concatenate(tf_parts)
        keep = self.live[ids]
        return ids[keep], tf[keep]

    def positions(self, reader: Any, fieldname: str, term: str, docnums: Sequence[int]) -> dict[int, list[int]]:
        """Where ``term`` stands in ``fieldname`` of each of ``docnums`` (ascending) that holds it.

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
            found = self._read_positions(reader, fieldname, term, missing)
            with self._lock:
                for docnum in missing:
                    known[docnum] = found.get(docnum, [])
        return {d: known[d] for d in docnums if known.get(d)}

    def _read_positions(self, reader: Any, fieldname: str, term: str, docnums: Sequence[int]) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for matcher, format_, offset, size in _raw_matchers(reader, fieldname, term):
            local = [d - offset for d in docnums if offset <= d < offset + size]
            if not local or not format_.supports("positions"):
                continue
            for docnum, found in _positions_in(matcher, format_, local):
                if self.live[docnum + offset]:
                    out[docnum + offset] = found
        return out


def _leaves(reader: Any) -> list[tuple[Any, int]]:
    return list(reader.leaf_readers())


def _raw_matchers(reader: Any, fieldname: str, term: str) -> Iterator[tuple[Any, Any, int, int]]:
    """(matcher, postings format, first document number, document count) of each segment holding ``term``.

    The matchers are the codec's own, without Whoosh's deleted-document
    filter: callers keep only live documents, with ``IndexArrays.live``.
    """
    for leaf, offset in _leaves(reader):
        if fieldname not in leaf.schema:
            continue
        field = leaf.schema[fieldname]
        try:
            matcher = leaf._terms.matcher(fieldname, field.to_bytes(term), field.format)
        except TermNotFound:  # the term is not in this segment
            continue
        yield matcher, field.format, offset, leaf.doc_count_all()


def _read_all(matcher: Any) -> tuple[np.ndarray, np.ndarray]:
    """Every posting of a raw (undeleted-filter-free) Whoosh matcher, a block at a time where it can."""
    if not hasattr(matcher, "_read_ids"):
        # A term with one posting is stored inline and read by a list matcher.
        ids, weights = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float32)
    id_parts: list[np.ndarray] = []
    tf_parts: list[np.ndarray] = []
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._weights is None:
            matcher._read_weights()
        id_parts.append(np.asarray(matcher._ids, dtype=np.int64))
        tf_parts.append(np.asarray(matcher._weights, dtype=np.float32))
        matcher._next_block()
    if not id_parts:
        return _EMPTY_IDS, _EMPTY_TF
    return np.concatenate(id_parts), np.concatenate(tf_parts)


def _positions_of_every_posting(matcher: Any, format_: Any) -> Iterable[tuple[int, list[int]]]:
    """(document, positions) of each posting of a raw Whoosh matcher, a block at a time where it can."""
    if not hasattr(matcher, "_read_values"):
        while matcher.is_active():
            yield matcher.id(), list(matcher.value_as("positions"))
            matcher.next()
        return
    decode = format_.decode_positions
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._values is None:
            matcher._read_values()
        for docnum, value in zip(matcher._ids, matcher._values, strict=True):
            yield docnum, decode(value)
        matcher._next_block()


def _positions_in(matcher: Any, format_: Any, docnums: Sequence[int]) -> Iterable[tuple[int, list[int]]]:
    """(document, positions) for those of ``docnums`` (ascending) a raw Whoosh matcher has a posting for.

    Skips whole blocks by their largest id, and within a block finds all the
    wanted documents at once, rather than stepping posting by posting as
    Whoosh's ``skip_to`` does.
    """
    if not hasattr(matcher, "_read_values"):
        wanted_set = set(docnums)
        while matcher.is_active():
            if matcher.id() in wanted_set:
                yield matcher.id(), list(matcher.value_as("positions"))
            matcher.next()
        return
    decode = format_.decode_positions
    at = 0
    while at < len(docnums) and matcher.is_active():
        if docnums[at] > matcher._maxid:
            matcher._skip_to_block(lambda target=docnums[at]: target > matcher._maxid)
            continue
        if matcher._ids is None:
            matcher._read_ids()
        ids = np.asarray(matcher._ids)
        end = at
        while end < len(docnums) and docnums[end] <= matcher._maxid:
            end += 1
        wanted = np.asarray(docnums[at:end])
        slots = np.searchsorted(ids, wanted)
        hits = [(int(d), int(i)) for d, i in zip(wanted, slots, strict=True) if i < len(ids) and ids[i] == d]
        if hits:
            if matcher._values is None:
                matcher._read_values()
            for docnum, i in hits:
                yield docnum, decode(matcher._values[i])
        at = end
        matcher._next_block()


# -- evaluating a plan --------------------------------------------------------


class Evaluator:
    """Evaluates plans against one reader and its generation's arrays."""

    def __init__(
        self, reader: Any, arrays: IndexArrays, positional: PositionalMatcher, deadline: float = math.inf
    ) -> None:
        self.reader = reader
        self.arrays = arrays
        self.positional = positional
        self.deadline = deadline

    def evaluate(self, plan: Plan) -> Scored:
        if isinstance(plan, Word):
            return self._word(plan)
        if isinstance(plan, Prefix):
            return self._prefix(plan)
        if isinstance(plan, Positional):
            return self._positional(plan)
        if isinstance(plan, ExactPhrase):
            return self._exact_phrase(plan)
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
            ids, tf = self.arrays.postings(self.reader, fieldname, term)
            if len(ids):
                relative = self.arrays.relative_lengths(self.reader, fieldname)[ids]
                pseudo[ids] += field_weight * tf / ((1 - B) + B * relative)
        mask = pseudo > 0
        df = int(np.count_nonzero(mask))
        if not df:
            return Scored(mask, None)
        scores = np.zeros(self.arrays.size, dtype=np.float32)
        matched = pseudo[mask]
        scores[mask] = weight * idf(df, self.arrays.live_count) * matched * (K1 + 1) / (K1 + matched)
        return Scored(mask, scores)

    def _word(self, plan: Word) -> Scored:
        return _every([self.term_scores(t, plan.fields, plan.weight) for t in plan.terms])

    def _prefix(self, plan: Prefix) -> Scored:
        parts = [self.term_scores(term, ((f, w),), plan.weight) for f, term, w in plan.pairs]
        return _either(parts, self.arrays.size)

    def _positional(self, plan: Positional) -> Scored:
        mask = np.zeros(self.arrays.size, dtype=bool)
        found = np.fromiter(self.positional(plan.key), dtype=np.int64)
        mask[found] = True
        mask &= self.arrays.live
        if not mask.any():
            return Scored(mask, None)
        scores = _sum_scores(self.term_scores(t, plan.fields, plan.weight).scores for t in plan.terms)
        return Scored(mask, None if scores is None else np.where(mask, scores, np.float32(0)))

    def _exact_phrase(self, plan: ExactPhrase) -> Scored:
        mask = np.zeros(self.arrays.size, dtype=bool)
        for fieldname, _ in plan.fields:
            # A place is document << 32 | position; shifting each word's places
            # back by its offset in the phrase, the phrase stands wherever all
            # words share a place.
            common: np.ndarray | None = None
            for offset, term in sorted(
                enumerate(plan.terms), key=lambda it: len(self.arrays.postings(self.reader, fieldname, it[1])[0])
            ):
                places = self.arrays.places(self.reader, fieldname, term) - offset
                common = places if common is None else np.intersect1d(common, places, assume_unique=True)
                if not len(common):
                    break
            if common is not None and len(common):
                mask[common >> 32] = True
        mask &= self.arrays.live
        if not mask.any():
            return Scored(mask, None)
        scores = _sum_scores(self.term_scores(t, plan.fields, plan.weight).scores for t in plan.terms)
        return Scored(mask, None if scores is None else np.where(mask, scores, np.float32(0)))


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
