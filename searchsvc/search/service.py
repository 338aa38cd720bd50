"""``SearchService``: the open index, lent to one search at a time, and one search from request to page."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import math
import threading
import time
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from searchsvc import analysis
from searchsvc import schema
from searchsvc.errors import IndexChangedError
from searchsvc.errors import IndexDamagedError
from searchsvc.errors import QueryError
from searchsvc.errors import SearchTimeoutError
from searchsvc.ranking import RankingSettings
from searchsvc.releases import RATINGS
from searchsvc.releases import Release
from searchsvc.search import highlight
from searchsvc.search import query as ql
from searchsvc.search import rerank
from searchsvc.search import typos
from searchsvc.search.engine import Evaluator
from searchsvc.search.engine import Scored
from searchsvc.search.engine import idf
from searchsvc.search.engine import top
from searchsvc.search.facets import count_facets
from searchsvc.search.generation import Generation
from searchsvc.search.generation import read_generation
from searchsvc.search.page import Hit
from searchsvc.search.page import SearchPage
from searchsvc.search.page import SearchRequest
from searchsvc.search.plan import Compiled
from searchsvc.search.plan import can_relax
from searchsvc.search.plan import compile_query
from searchsvc.search.postings import Index
from searchsvc.search.postings import Snapshot
from searchsvc.search.postings import open_index
from searchsvc.search.suggest import suggestion

SORTS = ("relevance", "newest", "oldest")
MATCH_MODES = ("all", "any")
#: How many of a release's most telling words find releases like it.
SIMILAR_TERMS = 20


@dataclass(frozen=True)
class MatchOrder:
    """Every match of a search, in order, as document numbers of one index generation, with scores."""

    generation: int
    docnums: np.ndarray
    #: Per match its relevance score; None when sorted by date.
    scores: np.ndarray | None

    @property
    def total(self) -> int:
        """How many releases matched."""
        return len(self.docnums)


class SearchService:
    """Holds the open index and one snapshot of its latest generation; one instance per app.

    A Whoosh searcher used by two threads at once corrupts reads, and opening
    one is dear (Whoosh copies the segment's files into memory: about 100 ms
    and the index's size in RAM at 10,000 releases). So the service keeps one
    snapshot and lends it to one thread at a time, under a lock. Python runs
    one thread at a time anyway, so little throughput is lost; for more, run
    more processes. When a new generation is committed, the next call opens
    a snapshot of it and closes the old one, which no other thread holds.
    """

    def __init__(
        self,
        index_dir: Path,
        *,
        limits: ql.Limits | None = None,
        max_window: int = 10_000,
        time_limit: float = 10.0,
        ranking: RankingSettings | None = None,
    ) -> None:
        self.index_dir = index_dir
        #: How searches are ranked (k1, b, field weights, feedback, proximity, rating lift).
        self.ranking = ranking or RankingSettings()
        self.limits = limits or ql.Limits()
        self.max_window = max_window
        #: Seconds a search may take (see ``SearchTimeoutError`` and ``SearchPage.partial``).
        self.time_limit = time_limit
        self._index: Index | None = None
        self._generation: Generation | None = None
        self._lock = threading.Lock()
        #: Held while the snapshot is in use: a Whoosh searcher is not thread-safe.
        self._use_lock = threading.Lock()
        self._current: Snapshot | None = None

    # -- lending the snapshot -----------------------------------------------

    def _open(self) -> Index:
        with self._lock:
            if self._index is None:
                self._index = open_index(Path(self.index_dir))
            return self._index

    @contextlib.contextmanager
    def _snapshot(self) -> Iterator[tuple[Snapshot, Generation]]:
        """The latest generation's snapshot and arrays, for this thread alone until the block ends."""
        with self._use_lock:
            try:
                snapshot = self._latest_snapshot()
                yield snapshot, self._state(snapshot)
            except BaseException:
                # The snapshot may be what failed (a file gone, a damaged
                # segment): the next call opens a new one.
                self._drop_snapshot()
                raise

    def _latest_snapshot(self) -> Snapshot:
        index = self._open()
        current = self._current
        if current is not None and current.generation == index.latest_generation():
            return current
        fresh = index.snapshot()
        self._drop_snapshot()
        self._current = fresh
        return fresh

    def _drop_snapshot(self) -> None:
        if self._current is not None:
            try:
                self._current.close()
            except Exception:  # closing a searcher over damaged files can fail too; it is gone either way
                pass
            self._current = None

    def _state(self, snapshot: Snapshot) -> Generation:
        with self._lock:
            current = self._generation
        if current is not None and current.number == snapshot.generation:
            return current
        _remember_stems(snapshot, [*RATINGS, *map(_acronym_text, snapshot.words(schema.ACRONYM_FIELD))])
        built = read_generation(snapshot)
        with self._lock:
            self._generation = built
        return built

    def close(self) -> None:
        """Close the snapshot and the files it holds open; the next search opens them again."""
        with self._use_lock:
            self._drop_snapshot()

    def __del__(self) -> None:
        # A searcher holds an open file per index file; closing it here spares
        # a service dropped without close() a ResourceWarning for each.
        try:
            self._drop_snapshot()
        except Exception:  # at interpreter exit half the world may be gone
            pass

    # -- public API ------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """Index generation, document count and last-modified time, for health checks."""
        with self._snapshot() as (_snapshot, state):
            toc = Path(self.index_dir) / f"_{schema.INDEX_NAME}_{state.number}.toc"
            built = toc.stat().st_mtime if toc.exists() else None
            return {"generation": state.number, "doc_count": state.arrays.live_count, "built_at": built}

    def release(self, release_id: str) -> Release | None:
        """The release with ``release_id``, or None when the index has none."""
        with self._snapshot() as (snapshot, _state):
            return snapshot.release_by_id(release_id)

    def release_matcher(self, q: str) -> highlight.Matcher:
        """What to mark in a release reached from a search for ``q``."""
        # The search that led here may have matched any word of a long text.
        return highlight.matcher_for(self._parse(q, any_word=True))

    def search(self, request: SearchRequest) -> SearchPage:
        """Run ``request``.

        :raise QueryError: the request cannot mean anything.
        :raise SearchTimeoutError: finding the matches took longer than ``time_limit``.
        :raise IndexMissingError: there is no index.
        :raise IndexDamagedError: the index cannot be read.
        """
        _validate(request, self.max_window)
        node = self._query(request.q, any_word=request.match == "any")
        for attempt in (1, 2):
            try:
                with self._snapshot() as (snapshot, state):
                    # The budget starts once the snapshot is ours: time spent
                    # queued behind other requests must not time this one out.
                    deadline = time.monotonic() + self.time_limit
                    _remember_stems(snapshot, [request.q])
                    return _run(Evaluator(snapshot, state.arrays, deadline, self.ranking), state, request, node)
            except FileNotFoundError as e:
                # A commit removed files of the generation this snapshot had
                # opened; one retry reads the new table of contents.
                if attempt == 2:
                    raise IndexDamagedError.in_folder(self.index_dir, f"{e.filename} is missing") from e
            except (QueryError, SearchTimeoutError):
                raise
            except (OSError, EOFError, ValueError, KeyError, IndexError) as e:
                raise IndexDamagedError.in_folder(self.index_dir, f"it cannot be read: {type(e).__name__}: {e}") from e
        raise AssertionError("unreachable")

    def _parse(self, q: str, *, any_word: bool) -> ql.Node | None:
        return ql.parse(q, fields=schema.QUERY_FIELDS, limits=self.limits, any_word=any_word)

    def _query(self, q: str, *, any_word: bool) -> ql.Node | None:
        """The parsed query; None lists every release. :raise QueryError: text with nothing to search for."""
        node = self._parse(q, any_word=any_word)
        if node is None and q.strip() not in ("", "*"):
            raise QueryError(
                f"there is nothing to search for in {q[:40]!r}; type some words, "
                "or leave the box empty to list every release",
                code="empty_query",
                param="q",
            )
        return node

    # -- every match, and releases like one ------------------------------

    def match_order(self, request: SearchRequest) -> MatchOrder:
        """Every match of ``request`` (its page and page size ignored), in the order its pages list them.

        Only document numbers and scores: a few bytes a match, so the order of
        100,000 matches is under a megabyte. Read the releases with ``releases_in``.

        :raise QueryError: the request cannot mean anything.
        :raise SearchTimeoutError: finding the matches took longer than ``time_limit``.
        """
        request = dataclasses.replace(request, page=1, per_page=1)
        _validate(request, self.max_window)
        node = self._query(request.q, any_word=request.match == "any")
        with self._snapshot() as (snapshot, state):
            evaluator = Evaluator(snapshot, state.arrays, time.monotonic() + self.time_limit, self.ranking)
            node = _read_typos(snapshot, state, request, node).node
            _compiled, matched, _relaxed = _matches(evaluator, state, node, request.match)
            _base, _selected, allowed = _filtered(state, request, matched)
            total = int(np.count_nonzero(allowed))
            sort = request.sort or ("relevance" if node is not None else "newest")
            whole = dataclasses.replace(request, per_page=max(1, total))
            ranked, _fed_back = _page(evaluator, state, whole, node, matched, allowed, sort, total)
        docnums = np.fromiter((d for d, _ in ranked), dtype=np.int64, count=len(ranked))
        scored = sort == "relevance" and node is not None
        scores = np.fromiter((s or 0.0 for _, s in ranked), dtype=np.float32, count=len(ranked)) if scored else None
        return MatchOrder(state.number, docnums, scores)

    def releases_in(self, order: MatchOrder, start: int, stop: int) -> list[tuple[Release, float | None]]:
        """The releases at positions ``start:stop`` of ``order``, each with its score (None when sorted by date).

        :raise IndexChangedError: a new generation was committed since ``order`` was made.
        """
        with self._snapshot() as (snapshot, state):
            if state.number != order.generation:
                raise IndexChangedError("the index was updated while the results were being read; ask again")
            scores = order.scores
            return [
                (snapshot.release(int(order.docnums[n])), round(float(scores[n]), 4) if scores is not None else None)
                for n in range(start, min(stop, order.total))
            ]

    def similar(self, release_id: str, limit: int = 5) -> tuple[Hit, ...]:
        """Up to ``limit`` releases most like ``release_id`` by their words, best first, never itself.

        The release's ``SIMILAR_TERMS`` most telling words (frequent in it,
        rare elsewhere: tf x idf, as feedback picks words) are scored as an
        any-word query over every release.
        """
        with self._snapshot() as (snapshot, state):
            release = snapshot.release_by_id(release_id)
            if release is None:
                return ()
            evaluator = Evaluator(snapshot, state.arrays, time.monotonic() + self.time_limit, self.ranking)
            scores = np.zeros(state.arrays.size, dtype=np.float32)
            for term, weight in _telling_terms(evaluator, release):
                part = evaluator.term_scores(term, tuple(schema.SEARCHED.items()), weight)
                if part.scores is not None:
                    scores += part.scores
            best = top(scores, state.arrays.live & (scores > 0), limit + 1)
            found = [(snapshot.release(d), score) for d, score in best]
            return tuple(plain_hit(r, s) for r, s in found if r.id != release_id)[:limit]


def _acronym_text(pair: str) -> str:
    return " ".join(schema.split_acronym_pair(pair))


def _remember_stems(snapshot: Snapshot, texts: Iterable[str]) -> None:
    """Give analysis the stems the index recorded for the words of ``texts``.

    Until this process has imported NLTK (0.3-0.9 s), words the index has
    seen are stemmed from its tables instead (``postings.Snapshot.stems_of``):
    a fresh ``searchsvc search`` answers without ever loading NLTK.
    """
    if not analysis.stemmer_loaded():
        missing = analysis.unstemmed(texts)
        if missing:
            analysis.remember_stems(snapshot.stems_of(missing))


def _hits(
    snapshot: Snapshot,
    state: Generation,
    ranked: list[tuple[int, float | None]],
    matcher: highlight.Matcher,
    marked: bool,
) -> tuple[Hit, ...]:
    """The ranked documents as results, marked with ``matcher`` when ``marked``."""
    numbered = [(d, snapshot.release(d), score) for d, score in ranked]
    if marked:
        _remember_hit_stems(snapshot, state, [(d, release) for d, release, _ in numbered])
    return tuple(_hit(release, score, matcher, marked) for _, release, score in numbered)


def _remember_hit_stems(snapshot: Snapshot, state: Generation, hits: list[tuple[int, Release]]) -> None:
    """``_remember_stems`` for the texts of the hits about to be highlighted, each document once a generation.

    Reading a text's words costs as much as highlighting it; a warm service
    showing the same releases again should pay neither twice.
    """
    if analysis.stemmer_loaded():
        return
    new = [(d, r) for d, r in hits if d not in state.stems_given]
    if new:
        _remember_stems(snapshot, (f"{r.title}\n{schema.body_text(r)}" for _d, r in new))
        state.stems_given.update(d for d, _r in new)


def _validate(request: SearchRequest, max_window: int) -> None:
    if request.sort is not None and request.sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}", code="bad_sort", param="sort")
    if request.match not in MATCH_MODES:
        raise QueryError("match must be 'all' or 'any'", code="bad_match", param="match")
    if request.page < 1:
        raise QueryError("page must be 1 or more", code="bad_page", param="page")
    if not 1 <= request.per_page <= 100:
        raise QueryError("per_page must be between 1 and 100", code="bad_per_page", param="per_page")
    if request.page * request.per_page > max_window:
        raise QueryError(
            f"results beyond the first {max_window:,} cannot be paged to; narrow the search instead",
            code="page_too_deep",
            param="page",
        )
    unknown = set(request.filters) - set(schema.FACET_NAMES)
    if unknown:
        raise QueryError(
            f"unknown filter {sorted(unknown)[0]!r}; filters are {', '.join(schema.FACET_NAMES)}",
            code="bad_filter",
            param=sorted(unknown)[0],
        )
    if request.published_from and request.published_to and request.published_from > request.published_to:
        raise QueryError("published_from is after published_to", code="bad_date_range", param="published_from")


def _run(evaluator: Evaluator, state: Generation, request: SearchRequest, node: ql.Node | None) -> SearchPage:
    """One search against one snapshot: read typos, match, filter, page, highlight, count."""
    typed = node
    reading = _read_typos(evaluator.snapshot, state, request, node)
    node = reading.node
    compiled, matched, relaxed = _matches(evaluator, state, node, request.match)
    base, selected, allowed = _filtered(state, request, matched)
    total = int(np.count_nonzero(allowed))
    sort = request.sort or ("relevance" if node is not None else "newest")
    ranked, fed_back = _page(evaluator, state, request, node, matched, allowed, sort, total)
    # Past the budget, the matches are still served, without the extras.
    partial = time.monotonic() > evaluator.deadline
    marked = request.highlight and not partial
    matcher = highlight.matcher_for(node, compiled.synonyms) if marked else highlight.Matcher()
    hits = _hits(evaluator.snapshot, state, ranked, matcher, marked)
    partial = partial or time.monotonic() > evaluator.deadline
    return SearchPage(
        request=request,
        sort=sort,
        total=total,
        page=request.page,
        pages=max(1, math.ceil(total / request.per_page)),
        per_page=request.per_page,
        hits=hits,
        facets=count_facets(state.facets, base, selected, request.filters) if request.facets and not partial else (),
        suggestion=_suggestion(evaluator, state, request, typed) if not relaxed or total == 0 else None,
        relaxed=relaxed,
        expanded=fed_back,
        ignored_words=compiled.ignored,
        partial=partial,
        corrected=reading.corrected,
        read_as=typos.rewritten(request.q, dict(reading.corrected)) if reading.corrected else None,
    )


def _filtered(
    state: Generation, request: SearchRequest, matched: Scored
) -> tuple[np.ndarray, dict[str, np.ndarray], np.ndarray]:
    """The matches in the date range; each facet filter's mask; and the matches every filter allows."""
    selected = {name: state.facets[name].mask(values) for name, values in request.filters.items() if values}
    base = matched.mask & _date_mask(state, request)
    allowed = base.copy()
    for mask in selected.values():
        allowed &= mask
    return base, selected, allowed


def _suggestion(evaluator: Evaluator, state: Generation, request: SearchRequest, typed: ql.Node | None) -> str | None:
    """The "Did you mean" of the query as typed, on page 1 only: it looks through the word list per unknown word."""
    if request.page != 1:
        return None
    return suggestion(request.q, typed, evaluator.snapshot, state.arrays, state.lexicon, state.protected_words)


def _read_typos(snapshot: Snapshot, state: Generation, request: SearchRequest, node: ql.Node | None) -> typos.ReadAs:
    """``node`` with misspelt words read as indexed ones, unless the request asks for the words as typed."""
    if not request.typos:
        return typos.ReadAs(node)
    return typos.read_as(node, snapshot, state.arrays, state.lexicon, state.protected_words)


def _matches(
    evaluator: Evaluator, state: Generation, node: ql.Node | None, match: str
) -> tuple[Compiled, Scored, bool]:
    """The compiled query and its matches; an all-words query no release matches is loosened to any word."""
    compiled = compile_query(node, evaluator.snapshot, state.synonyms, any_word=match == "any")
    matched = evaluator.evaluate(compiled.plan)
    if matched.mask.any() or match != "all" or not can_relax(node):
        return compiled, matched, False
    loosened = compile_query(node, evaluator.snapshot, state.synonyms, any_word=True)
    either = Compiled(
        loosened.plan,
        tuple(dict.fromkeys(compiled.ignored + loosened.ignored)),
        compiled.synonyms | loosened.synonyms,
    )
    found = evaluator.evaluate(loosened.plan)
    if found.mask.any():
        return either, found, True
    return either, matched, False


def _date_mask(state: Generation, request: SearchRequest) -> np.ndarray:
    start, end = request.published_from, request.published_to
    live = state.arrays.live
    if start is None and end is None:
        return live
    low = start.toordinal() if start else 1
    high = end.toordinal() if end else datetime.date.max.toordinal()
    published = state.published
    return live & (published >= low) & (published <= high) & (published > 0)


def _page(
    evaluator: Evaluator,
    state: Generation,
    request: SearchRequest,
    node: ql.Node | None,
    matched: Scored,
    allowed: np.ndarray,
    sort: str,
    total: int,
) -> tuple[list[tuple[int, float | None]], bool]:
    """The docnums (and scores, when ranked by relevance) of the requested page; and whether feedback was used."""
    first = (request.page - 1) * request.per_page
    if first >= total:
        return [], False
    window = slice(first, first + request.per_page)
    if sort == "relevance" and node is not None:
        named = rerank.named_ratings(node)
        rated = state.facets[schema.RATING_FIELD].mask(named) if named else None
        how = rerank.Ranking(node, request.match, request.expand, rated)
        ranked, fed_back = rerank.rank(evaluator, matched, allowed, how, window)
        return list(ranked), fed_back
    members = np.flatnonzero(allowed)
    published = state.published[members]
    # Undated releases go last either way.
    key = -published if sort != "oldest" else published
    order = np.lexsort((members, key, published == 0))
    return [(int(d), None) for d in members[order[window]]], False


def plain_hit(release: Release, score: float | None) -> Hit:
    """``release`` as a result with nothing marked and no excerpts (as exports list it)."""
    return _hit(release, score, highlight.Matcher(), False)


def _hit(release: Release, score: float | None, matcher: highlight.Matcher, marked: bool) -> Hit:
    body = schema.body_text(release)
    return Hit(
        id=release.id,
        title=release.title,
        title_html=highlight.highlight_whole(release.title, matcher),
        pdu=release.pdu,
        unit_type=release.unit_type,
        rating=release.rating,
        region=release.region,
        chief_inspector=release.chief_inspector,
        published=release.published,
        score=round(score, 4) if score is not None else None,
        highlights=tuple(highlight.fragments(body, matcher)) if marked else (),
        units=release.units,
        kind=release.kind,
        source_url=release.source_url,
    )


def _telling_terms(evaluator: Evaluator, release: Release) -> list[tuple[str, float]]:
    """The ``SIMILAR_TERMS`` terms of ``release`` with the highest tf x idf, each weighted by it."""
    counts: dict[str, int] = {}
    for term in analysis.query_terms(f"{release.title}\n{schema.body_text(release)}"):
        if len(term) > 1 and not term.isdigit():
            counts[term] = counts.get(term, 0) + 1
    live = evaluator.arrays.live_count
    weighted = {t: n * idf(max(1, evaluator.snapshot.doc_frequency("body", t)), live) for t, n in counts.items()}
    chosen = sorted(weighted.items(), key=lambda tw: (-tw[1], tw[0]))[:SIMILAR_TERMS]
    most = chosen[0][1] if chosen else 1.0
    return [(term, weight / most) for term, weight in chosen]
