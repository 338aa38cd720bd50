"""Searching the index: with ``ranking``, the only module that reads Whoosh.

``SearchService.search(SearchRequest)`` returns a ``SearchPage`` of plain,
frozen dataclasses; nothing Whoosh leaves this module, so a page stays valid
after the searcher that made it is closed. The parsed query becomes a
``ranking`` plan; ``ranking`` matches and scores it over numpy arrays.

Facet counts are disjunctive, as on GOV.UK finder pages: the counts of one
facet are taken over the matches filtered by every *other* facet, so choosing
"Good" still shows how many releases are "Inadequate". Each facet is an array
of value numbers per document, read once per index generation, counted over
the matches with one ``bincount``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import index as whoosh_index
from whoosh import query as wq

from searchsvc import analysis
from searchsvc import highlight
from searchsvc import query as ql
from searchsvc import ranking
from searchsvc import schema
from searchsvc.errors import IndexDamagedError
from searchsvc.errors import IndexMissingError
from searchsvc.errors import QueryError
from searchsvc.errors import SearchTimeoutError
from searchsvc.releases import RATINGS
from searchsvc.releases import Release

SORTS = ("relevance", "newest", "oldest")
MATCH_MODES = ("all", "any")
#: A prefix (``inspect*``) may stand for at most this many indexed words.
MAX_PREFIX_EXPANSION = 128
#: All the prefixes of one query together may stand for at most this many.
MAX_QUERY_EXPANSION = 1024
#: How near (in words) query words must stand to earn the proximity boost.
PROXIMITY_SLOP = 3
#: How much a release where the query's words stand together gains.
PROXIMITY_BOOST = 2.0
_MICROSECONDS_A_DAY = 86_400_000_000
#: At most this many unknown words of one query are looked up for "did you mean".
MAX_CORRECTED_WORDS = 3
#: How many of the best matches by plain BM25F get the proximity and rating bonuses.
RERANK_DEPTH = 100
#: Pseudo-relevance feedback (``SearchRequest.expand``): the best matches
#: read, the words added from them, and the share of the score they carry.
FEEDBACK_DOCS = 10
FEEDBACK_TERMS = 20
FEEDBACK_WEIGHT = 0.5
#: Any-word searches with this many words or more are expanded unless asked not to be.
EXPAND_FROM_WORDS = 4
#: How much a release gains when its overall rating is one the query names.
RATING_BOOST = 3.0
_RATING_STEMS = {rating: tuple(analysis.query_terms(rating)) for rating in RATINGS}


@dataclass(frozen=True)
class SearchRequest:
    """What a caller asks for; validated by ``SearchService.search``."""

    q: str = ""
    #: Facet name → selected values (OR within a facet, AND across facets).
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    published_from: datetime.date | None = None
    published_to: datetime.date | None = None
    #: One of ``SORTS``; None means relevance with a query, newest without.
    sort: str | None = None
    page: int = 1
    per_page: int = 10
    #: "all": every word must match; "any": releases with any word, ranked.
    match: str = "all"
    #: Whether to mark matches in titles and excerpts (programs that only rank can skip it).
    highlight: bool = True
    #: Whether to count facets (programs that only rank can skip it).
    facets: bool = True
    #: Whether to widen the ranking with words from the best matches
    #: (pseudo-relevance feedback); the matches themselves do not change.
    #: None: only for an any-word search of ``EXPAND_FROM_WORDS`` words or
    #: more, the sentence-like descriptions where it was measured to pay.
    expand: bool | None = None


@dataclass(frozen=True)
class Hit:
    """One release in a page of results."""

    id: str
    title: str
    #: The title, HTML-escaped, with matches in ``<mark>``.
    title_html: str
    pdu: str | None
    unit_type: str | None
    rating: str | None
    region: str | None
    chief_inspector: str | None
    published: datetime.date | None
    #: Relevance score; None when sorted by date.
    score: float | None
    #: Up to three HTML-escaped excerpts with matches in ``<mark>``.
    highlights: tuple[str, ...]


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet and how many matching releases have it."""

    value: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetCounts:
    """The counts of one facet over the whole result set (not the page)."""

    name: str
    label: str
    values: tuple[FacetValue, ...]
    #: Matching releases with no value for this facet, filed under ``missing_label``.
    missing: int
    missing_label: str
    missing_selected: bool


@dataclass(frozen=True)
class SearchPage:
    """One page of results, with everything needed to show it."""

    request: SearchRequest
    sort: str
    total: int
    page: int
    pages: int
    per_page: int
    hits: tuple[Hit, ...]
    facets: tuple[FacetCounts, ...]
    #: A corrected query when a word is in no release, else None.
    suggestion: str | None
    #: True when no release had all the words and the page shows releases with any of them.
    relaxed: bool
    #: Query words that are too common to be indexed and were left out.
    ignored_words: tuple[str, ...]
    #: True when the ranking was widened by pseudo-relevance feedback (``SearchRequest.expand``).
    expanded: bool = False
    #: True when the time budget ran out after the matches were found, so
    #: facet counts (and perhaps highlights) were left out of this page.
    partial: bool = False


@dataclass(frozen=True)
class _FacetColumn:
    """One facet's values, and per document the index of its value (-1: no document)."""

    values: tuple[str, ...]
    codes: np.ndarray

    def mask(self, chosen: Iterable[str]) -> np.ndarray:
        wanted = [self.values.index(v) for v in chosen if v in self.values]
        return np.isin(self.codes, wanted)


@dataclass
class _Generation:
    """What is worth computing once per index generation."""

    number: int
    arrays: ranking.IndexArrays
    facets: dict[str, _FacetColumn]
    #: Per document number: published date as an ordinal, or 0 when undated.
    published: np.ndarray
    #: Lower-cased words of unit names and acronyms: never "corrected".
    protected_words: frozenset[str]
    #: Stemmed acronym → stemmed expansions, and the reverse, from every release.
    acronyms: dict[str, list[tuple[str, ...]]]
    expansions: dict[tuple[str, ...], str]


class SearchService:
    """Holds the open index and one searcher of its latest generation; one instance per app.

    A Whoosh searcher used by two threads at once corrupts reads, and opening
    one is dear (Whoosh copies the segment's files into memory: about 100 ms
    and the index's size in RAM at 10,000 releases). So the service keeps one
    searcher and lends it to one thread at a time, under a lock. Python runs
    one thread at a time anyway, so little throughput is lost; for more, run
    more processes. When a new generation is committed, the next call opens
    a searcher of it and closes the old one, which no other thread holds.
    """

    def __init__(
        self,
        index_dir: Path,
        *,
        limits: ql.Limits | None = None,
        max_window: int = 10_000,
        time_limit: float = 10.0,
    ) -> None:
        self.index_dir = index_dir
        self.limits = limits or ql.Limits()
        self.max_window = max_window
        #: Seconds a search may take (see ``SearchTimeoutError`` and ``SearchPage.partial``).
        self.time_limit = time_limit
        self._index: Any = None
        self._generation: _Generation | None = None
        self._lock = threading.Lock()
        #: Held while the searcher is in use: a Whoosh searcher is not thread-safe.
        self._use_lock = threading.Lock()
        self._current: Any = None

    # -- opening ---------------------------------------------------------

    def _open(self) -> Any:
        with self._lock:
            if self._index is None:
                if not schema.index_exists(self.index_dir):
                    raise IndexMissingError(
                        f"there is no index in {str(self.index_dir)!r}; run 'searchsvc index' to build it"
                    )
                try:
                    self._index = whoosh_index.open_dir(str(self.index_dir), indexname=schema.INDEX_NAME)
                except Exception as e:  # Whoosh raises many kinds for a damaged index
                    raise IndexDamagedError(
                        f"the index in {str(self.index_dir)!r} cannot be opened ({type(e).__name__}); "
                        "run 'searchsvc index --rebuild'"
                    ) from e
            return self._index

    @contextlib.contextmanager
    def _searcher(self) -> Iterator[Any]:
        """The searcher of the latest generation, for this thread alone until the block ends."""
        with self._use_lock:
            try:
                yield self._latest_searcher()
            except BaseException:
                # The searcher may be what failed (a file gone, a damaged
                # segment): the next call opens a new one.
                self._drop_searcher()
                raise

    def _latest_searcher(self) -> Any:
        ix = self._open()
        current = self._current
        latest = ix.latest_generation()
        if current is not None and current.reader().generation() == latest:
            return current
        # Checked before Whoosh opens anything: it leaves files open when a
        # segment fails to open.
        changed = schema.changed_files(Path(self.index_dir), latest)
        if changed:
            raise IndexDamagedError(
                f"the index in {str(self.index_dir)!r} is damaged ({changed[0]} has changed size since it was "
                "written); run 'searchsvc index --rebuild'"
            )
        try:
            fresh = ix.searcher()
        except FileNotFoundError:
            # A commit removed the files of the generation we were about to
            # open; the next read of the table of contents finds the new one.
            fresh = ix.searcher()
        self._drop_searcher()
        self._current = fresh
        return fresh

    def _drop_searcher(self) -> None:
        if self._current is not None:
            try:
                self._current.close()
            except Exception:  # closing a searcher over damaged files can fail too; it is gone either way
                pass
            self._current = None

    def _state(self, searcher: Any) -> _Generation:
        number = searcher.reader().generation()
        with self._lock:
            current = self._generation
        if current is not None and current.number == number:
            return current
        built = _build_generation(searcher, number)
        with self._lock:
            self._generation = built
        return built

    def close(self) -> None:
        """Close the searcher and the files it holds open; the next search opens them again."""
        with self._use_lock:
            self._drop_searcher()

    def __del__(self) -> None:
        # A searcher holds an open file per index file; closing it here spares
        # a service dropped without close() a ResourceWarning for each.
        try:
            self._drop_searcher()
        except Exception:  # at interpreter exit half the world may be gone
            pass

    # -- public API ------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """Index generation, document count and last-modified time, for health checks."""
        with self._searcher() as searcher:
            state = self._state(searcher)
            toc = Path(self.index_dir) / f"_{schema.INDEX_NAME}_{state.number}.toc"
            built = toc.stat().st_mtime if toc.exists() else None
            return {"generation": state.number, "doc_count": state.arrays.live_count, "built_at": built}

    def release(self, release_id: str) -> Release | None:
        """The release with ``release_id``, or None when the index has none."""
        with self._searcher() as searcher:
            fields = searcher.document(id=release_id)
            if fields is None:
                return None
            return schema.release_from_json(fields[schema.RELEASE_FIELD])

    def release_matcher(self, q: str) -> highlight.Matcher:
        """What to mark in a release reached from a search for ``q``."""
        node = self._parse(q)
        return _matcher(node)

    def search(self, request: SearchRequest) -> SearchPage:
        """Run ``request``.

        :raise QueryError: the request cannot mean anything.
        :raise SearchTimeoutError: finding the matches took longer than ``time_limit``.
        :raise IndexMissingError: there is no index.
        :raise IndexDamagedError: the index cannot be read.
        """
        _validate(request, self.max_window)
        node = self._parse(request.q)
        if node is None and request.q.strip() not in ("", "*"):
            raise QueryError(
                f"there is nothing to search for in {request.q[:40]!r}; type some words, "
                "or leave the box empty to list every release",
                code="empty_query",
                param="q",
            )
        for attempt in (1, 2):
            try:
                with self._searcher() as searcher:
                    # The budget starts once the searcher is ours: time spent
                    # queued behind other requests must not time this one out.
                    deadline = time.monotonic() + self.time_limit
                    state = self._state(searcher)
                    return _Search(searcher, state, request, node, deadline).run()
            except FileNotFoundError as e:
                # A commit removed files of the generation this searcher had
                # opened; one retry reads the new table of contents.
                if attempt == 2:
                    raise IndexDamagedError(
                        f"the index in {str(self.index_dir)!r} is missing a file ({e.filename}); "
                        "run 'searchsvc index --rebuild'"
                    ) from e
            except (QueryError, SearchTimeoutError):
                raise
            except (OSError, EOFError, ValueError, KeyError, IndexError) as e:
                raise IndexDamagedError(
                    f"the index in {str(self.index_dir)!r} cannot be read ({type(e).__name__}: {e}); "
                    "run 'searchsvc index --rebuild'"
                ) from e
        raise AssertionError("unreachable")

    def _parse(self, q: str) -> ql.Node | None:
        return ql.parse(q, fields=schema.QUERY_FIELDS, limits=self.limits)


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


def _until(docnums: Iterable[int], deadline: float, every: int = 4096) -> Iterable[int]:
    """Pass docnums through, raising ``SearchTimeoutError`` once ``deadline`` has passed."""
    for i, docnum in enumerate(docnums):
        if i % every == 0:
            ranking.check_deadline(deadline)
        yield docnum


def _build_generation(searcher: Any, number: int) -> _Generation:
    reader = searcher.reader()
    arrays = ranking.IndexArrays(reader)
    dead = ~arrays.live
    facets: dict[str, _FacetColumn] = {}
    for facet in schema.FACETS:
        values, codes = _column_codes(reader, facet.name)
        codes[dead] = -1
        field_type = reader.schema[facet.name]
        facets[facet.name] = _FacetColumn(tuple(field_type.from_column_value(raw) for raw in values), codes)
    # Raw column values are microseconds since datetime.min; a missing date is
    # stored as a sentinel far out of range, which Whoosh's own translation
    # turns into an OverflowError, so translate here.
    dates, date_codes = _column_codes(reader, schema.PUBLISHED_FIELD)
    raw_dates = np.array(dates, dtype=np.uint64)[date_codes] if dates else np.zeros(arrays.size, dtype=np.uint64)
    published = (raw_dates // np.uint64(_MICROSECONDS_A_DAY)).astype(np.int64) + 1
    lowest, highest = datetime.date(1900, 1, 1).toordinal(), datetime.date(2200, 1, 1).toordinal()
    published[(published < lowest) | (published > highest) | dead] = 0
    protected = {_text(t) for t in reader.lexicon(schema.PROTECTED_FIELD)}
    acronyms, expansions = _synonyms(_text(t) for t in reader.lexicon(schema.ACRONYM_FIELD))
    return _Generation(number, arrays, facets, published, frozenset(protected), acronyms, expansions)


def _column_codes(reader: Any, fieldname: str) -> tuple[list[Any], np.ndarray]:
    """A column's distinct raw (untranslated) values, and each document's value as an index into them."""
    numbering: dict[Any, int] = {}
    parts = []
    for leaf, _offset in reader.leaf_readers():
        values, codes = _segment_column(leaf, fieldname)
        renumbered = np.array([numbering.setdefault(value, len(numbering)) for value in values], dtype=np.int32)
        parts.append(renumbered[codes] if len(values) else codes)
    codes = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
    return list(numbering), codes


#: Per (segment, column): its distinct values and each document's code. A
#: segment's columns never change (deletions are kept apart), so a new
#: generation only reads the segments it added: at 100,000 releases reading
#: every column again was most of the first search after a one-release update.
_SEGMENT_COLUMNS: OrderedDict[tuple[str, str], tuple[tuple[Any, ...], np.ndarray]] = OrderedDict()
_SEGMENT_COLUMNS_KEPT = 256
_segment_columns_lock = threading.Lock()


def _segment_column(leaf: Any, fieldname: str) -> tuple[tuple[Any, ...], np.ndarray]:
    key = (leaf.segment().segment_id(), fieldname)
    with _segment_columns_lock:
        found = _SEGMENT_COLUMNS.get(key)
        if found is not None:
            _SEGMENT_COLUMNS.move_to_end(key)
            return found
    numbering: dict[Any, int] = {}
    codes = np.fromiter(
        (numbering.setdefault(raw, len(numbering)) for raw in schema.segment_column(leaf, fieldname)),
        dtype=np.int32,
        count=leaf.doc_count_all(),
    )
    codes.setflags(write=False)
    column = (tuple(numbering), codes)
    with _segment_columns_lock:
        _SEGMENT_COLUMNS[key] = column
        while len(_SEGMENT_COLUMNS) > _SEGMENT_COLUMNS_KEPT:
            _SEGMENT_COLUMNS.popitem(last=False)
    return column


def _synonyms(pairs: Iterable[str]) -> tuple[dict[str, list[tuple[str, ...]]], dict[tuple[str, ...], str]]:
    """Two-way maps between stemmed acronyms and stemmed expansions.

    An acronym some releases expand differently keeps every expansion. An
    expansion of one word, or one that stems to nothing, is left out.
    """
    acronyms: dict[str, list[tuple[str, ...]]] = {}
    expansions: dict[tuple[str, ...], str] = {}
    for pair in pairs:
        short, expansion = schema.split_acronym_pair(pair)
        short_terms = analysis.query_terms(short)
        words = tuple(analysis.query_terms(expansion))
        if len(short_terms) != 1 or len(words) < 2:
            continue
        if words not in acronyms.setdefault(short_terms[0], []):
            acronyms[short_terms[0]].append(words)
        expansions.setdefault(words, short_terms[0])
    return acronyms, expansions


def _matcher(node: ql.Node | None, synonyms: Iterable[str] = ()) -> highlight.Matcher:
    terms: set[str] = set(synonyms)
    prefixes: list[str] = []
    phrases: list[tuple[str, ...]] = []
    for item in ql.words_of(node):
        if item.field not in (None, "title"):
            continue
        if isinstance(item, ql.Phrase):
            words = tuple(analysis.query_terms(item.text, exact=True))
            if words:
                phrases.append(words)
        elif item.prefix:
            prefixes.append(item.text.lower())
        else:
            terms.update(analysis.query_terms(item.text))
    return highlight.Matcher(frozenset(terms), tuple(prefixes), tuple(phrases))


class _Search:
    """One search against one searcher: compile, match, count, page, highlight."""

    def __init__(
        self, searcher: Any, state: _Generation, request: SearchRequest, node: ql.Node | None, deadline: float
    ) -> None:
        self.deadline = deadline
        self.searcher = searcher
        self.state = state
        self.request = request
        self.node = node
        #: Words the query's prefixes stand for, so far.
        self.expanded = 0
        self.ignored: list[str] = []
        #: Stemmed terms a synonym brought into the query (marked in excerpts too).
        self.synonyms: set[str] = set()
        #: Phrase plans' Whoosh queries, by key, matched by position in Whoosh.
        self.positional: dict[int, Any] = {}
        #: Whether pseudo-relevance feedback widened the ranking.
        self.fed_back = False
        self.evaluator = ranking.Evaluator(searcher.reader(), state.arrays, self._positional_docs, deadline)

    def run(self) -> SearchPage:
        request = self.request
        sort = request.sort or ("relevance" if self.node is not None else "newest")
        relaxed = False
        matched = self._evaluate(self.node, any_word=request.match == "any")
        if not matched.mask.any() and request.match == "all" and _can_relax(self.node):
            loosened = self._evaluate(self.node, any_word=True)
            if loosened.mask.any():
                matched, relaxed = loosened, True
        selected = self._selected_masks()
        in_dates = self._date_mask()
        base = matched.mask & in_dates
        allowed = base.copy()
        for mask in selected.values():
            allowed &= mask
        total = int(np.count_nonzero(allowed))
        pages = max(1, math.ceil(total / request.per_page))
        docs, scores = self._page(matched, allowed, sort, total)
        # Past the budget, the matches are still served, without the extras.
        partial = time.monotonic() > self.deadline
        marked = request.highlight and not partial
        matcher = _matcher(self.node, self.synonyms) if marked else highlight.Matcher()
        hits = tuple(self._hit(d, scores.get(d), matcher, marked) for d in docs)
        partial = partial or time.monotonic() > self.deadline
        return SearchPage(
            request=request,
            sort=sort,
            total=total,
            page=request.page,
            pages=pages,
            per_page=request.per_page,
            hits=hits,
            facets=self._facets(base, selected) if request.facets and not partial else (),
            # Suggestions cost a walk of the word list per unknown word: only on page 1.
            suggestion=self._suggestion() if request.page == 1 and (not relaxed or total == 0) else None,
            relaxed=relaxed,
            expanded=self.fed_back,
            ignored_words=tuple(dict.fromkeys(self.ignored)),
            partial=partial,
        )

    # -- compiling the tree into a plan ------------------------------------

    def _evaluate(self, node: ql.Node | None, *, any_word: bool) -> ranking.Scored:
        if node is None:
            return self.evaluator.evaluate(ranking.Every())
        if any_word:
            node = _any_words(node)
        plan = self._compile(node)
        if plan is None:
            raise QueryError(
                "the query has only very common words (such as 'the' or 'of'), which are not indexed; "
                "add a more specific word, or put the words in quotes to find them as an exact phrase",
                code="only_stop_words",
                param="q",
            )
        return self.evaluator.evaluate(plan)

    def _named_ratings(self) -> list[str]:
        """The overall ratings the query names ("inadequate", "requires improvement")."""
        terms = []
        for item in ql.words_of(self.node):
            if item.field is None and not (isinstance(item, ql.Word) and item.prefix):
                terms.append(tuple(analysis.query_terms(item.text)))
        flat = [t for group in terms for t in group]
        return [
            rating
            for rating, stems in _RATING_STEMS.items()
            if any(flat[i : i + len(stems)] == list(stems) for i in range(len(flat)))
        ]

    def _compile(self, node: ql.Node) -> ranking.Plan | None:
        if isinstance(node, ql.Word):
            return self._word(node)
        if isinstance(node, ql.Phrase):
            return self._phrase(node)
        if isinstance(node, ql.Not):
            child = self._compile(node.child)
            return None if child is None else ranking.Not(child)
        if isinstance(node, ql.All):
            children = self._spelled_out(node.children)
        else:
            children = self._repeats_weighed(node.children)
        if not children:
            return None
        if isinstance(node, ql.Any):
            positive = [c for c in children if not isinstance(c, ranking.Not)]
            return ranking.AnyOf(tuple(positive)) if positive else None
        if all(isinstance(c, ranking.Not) for c in children):
            children.insert(0, ranking.Every())
        return ranking.All(tuple(children))

    def _repeats_weighed(self, children: tuple[ql.Node, ...]) -> list[ranking.Plan]:
        """Compile OR-ed children once each, a word repeated n times weighing n times.

        People repeat the words that matter most in a long description, and
        BM25 counts a query word once per time it is written.
        """
        counts: dict[ql.Node, int] = {}
        for child in children:
            counts[child] = counts.get(child, 0) + 1
        compiled = []
        for child, count in counts.items():
            plan = self._compile(child)
            if plan is not None and count > 1:
                plan = _weighted(plan, count)
            if plan is not None:
                compiled.append(plan)
        return compiled

    def _fields(self, user_field: str | None) -> tuple[tuple[str, float], ...]:
        if user_field is None:
            return tuple(schema.SEARCHED.items())
        return ((schema.QUERY_FIELDS[user_field], 1.0),)

    def _word(self, word: ql.Word) -> ranking.Plan | None:
        fields = self._fields(word.field)
        if word.prefix:
            return self._prefix(word.text.lower(), fields)
        terms = analysis.query_terms(word.text)
        if not terms:
            if analysis.query_terms(word.text, exact=True):
                self.ignored.append(word.text)
            return None
        found = ranking.Word(tuple(terms), fields)
        if word.field is None and len(terms) == 1 and terms[0] in self.state.acronyms:
            # "SPO" also finds "senior probation officers", spelled out.
            # Only the acronym is marked in excerpts: marking each word of its
            # expansion ("probation") wherever it stands would be noise.
            spelled = [self._stemmed_phrase(words, fields) for words in self.state.acronyms[terms[0]]]
            return ranking.AnyOf((found, *spelled))
        return found

    def _positional_plan(
        self, wquery: Any, terms: tuple[str, ...], fields: tuple[tuple[str, float], ...]
    ) -> ranking.Positional:
        key = len(self.positional)
        self.positional[key] = wquery
        return ranking.Positional(key, terms, fields)

    def _stemmed_phrase(self, words: tuple[str, ...], fields: tuple[tuple[str, float], ...]) -> ranking.Plan:
        """Stemmed words standing together, in any of ``fields`` (stop words may stand between)."""
        return self._positional_plan(wq.Or([wq.Phrase(f, list(words), slop=2) for f, _ in fields]), words, fields)

    def _spelled_out(self, children: tuple[ql.Node, ...]) -> list[ranking.Plan]:
        """Compile AND-ed children, letting a spelled-out acronym also find the acronym."""
        compiled: list[ranking.Plan | None] = []
        at = 0
        while at < len(children):
            run = self._expansion_at(children, at)
            if run:
                words = [self._word(w) for w in children[at : at + run] if isinstance(w, ql.Word)]
                short = self.state.expansions[self._run_terms(children[at : at + run])]
                self.synonyms.add(short)
                acronym = ranking.Word((short,), tuple(schema.SEARCHED.items()))
                spelled = ranking.All(tuple(w for w in words if w is not None))
                compiled.append(ranking.AnyOf((spelled, acronym)))
                at += run
                continue
            compiled.append(self._compile(children[at]))
            at += 1
        return [c for c in compiled if c is not None]

    def _expansion_at(self, children: tuple[ql.Node, ...], at: int) -> int:
        """How many plain words from ``at`` spell out a known acronym (0 if none)."""
        if not self.state.expansions:
            return 0
        for length in range(min(6, len(children) - at), 1, -1):
            run = children[at : at + length]
            if all(isinstance(c, ql.Word) and c.field is None and not c.prefix for c in run):
                if self._run_terms(run) in self.state.expansions:
                    return length
        return 0

    @staticmethod
    def _run_terms(run: tuple[ql.Node, ...]) -> tuple[str, ...]:
        return tuple(t for w in run if isinstance(w, ql.Word) for t in analysis.query_terms(w.text))

    def _prefix(self, prefix: str, fields: tuple[tuple[str, float], ...]) -> ranking.Plan:
        reader = self.searcher.reader()
        pairs = []
        words: set[str] = set()
        for fieldname, weight in fields:
            for i, term in enumerate(reader.expand_prefix(fieldname, prefix)):
                if i >= MAX_PREFIX_EXPANSION:
                    break
                text = _text(term)
                words.add(text)
                pairs.append((fieldname, text, weight))
        if len(words) > MAX_PREFIX_EXPANSION:
            raise QueryError(
                f"{prefix}* matches more than {MAX_PREFIX_EXPANSION} different words; add more letters",
                code="too_many_expansions",
                param="q",
            )
        self.expanded += len(words)
        if self.expanded > MAX_QUERY_EXPANSION:
            raise QueryError(
                f"the wildcards in this query match more than {MAX_QUERY_EXPANSION} words in all; add more letters",
                code="too_many_expansions",
                param="q",
            )
        # No word with this prefix: a plan that matches nothing, not an error.
        return ranking.Prefix(tuple(pairs))

    def _phrase(self, phrase: ql.Phrase) -> ranking.Plan | None:
        if phrase.field is not None:
            fieldname = schema.QUERY_FIELDS[phrase.field]
            words = tuple(analysis.query_terms(phrase.text))
            if not words:
                return None
            if len(words) == 1:
                return ranking.Word(words, ((fieldname, 1.0),))
            return self._positional_plan(
                wq.Phrase(fieldname, list(words), slop=PROXIMITY_SLOP), words, ((fieldname, 1.0),)
            )
        words = tuple(analysis.query_terms(phrase.text, exact=True))
        if not words:
            return None
        exact = tuple((schema.EXACT_TWIN[f], w) for f, w in schema.SEARCHED.items())
        if len(words) == 1:
            return ranking.Word(words, exact)
        return ranking.ExactPhrase(words, exact)

    def _positional_docs(self, key: int) -> Iterable[int]:
        return _until(self.searcher.docs_for_query(self.positional[key]), self.deadline)

    def _proximity_terms(self) -> list[str]:
        """The plain words of an all-words query, whose standing together earns a bonus (2 to 8 of them)."""
        node = self.node
        # On sentence-like any-word queries the bonus cost MAP on all five
        # test collections (bench/results/relevance.md): all-word queries only.
        if not isinstance(node, ql.All) or self.request.match != "all":
            return []
        words = [c for c in node.children if isinstance(c, ql.Word) and c.field is None and not c.prefix]
        terms = list(dict.fromkeys(t for w in words for t in analysis.query_terms(w.text)))
        return terms if 2 <= len(terms) <= 8 else []

    # -- filtering, paging --------------------------------------------------

    def _selected_masks(self) -> dict[str, np.ndarray]:
        return {name: self.state.facets[name].mask(values) for name, values in self.request.filters.items() if values}

    def _date_mask(self) -> np.ndarray:
        start, end = self.request.published_from, self.request.published_to
        arrays = self.state.arrays
        if start is None and end is None:
            return arrays.live
        low = start.toordinal() if start else 1
        high = end.toordinal() if end else datetime.date.max.toordinal()
        published = self.state.published
        return arrays.live & (published >= low) & (published <= high) & (published > 0)

    def _page(
        self, matched: ranking.Scored, allowed: np.ndarray, sort: str, total: int
    ) -> tuple[list[int], dict[int, float]]:
        """The docnums (and scores) of the requested page."""
        request = self.request
        first = (request.page - 1) * request.per_page
        if first >= total:
            return [], {}
        limit = first + request.per_page
        if sort == "relevance" and self.node is not None:
            self.fed_back = self._expands() and matched.scores is not None
            scores = self._expanded(matched) if self.fed_back else matched.scores
            named = self._named_ratings()
            rated = self.state.facets[schema.RATING_FIELD].mask(named) if named else None
            if rated is not None and scores is not None:
                # Above every release that only mentions the rating: lift the
                # rated ones by more than the best score there is.
                scores = scores + rated * np.float32(float(scores.max()) * RATING_BOOST)
            ranked = ranking.top(scores, allowed, max(limit, RERANK_DEPTH))
            # Only the best RERANK_DEPTH get bonuses, on every page alike, so
            # pages never overlap; bonuses only add, so the rest stay below.
            ranked = (self._reranked(ranked[:RERANK_DEPTH], rated) + ranked[RERANK_DEPTH:])[first:limit]
            return [d for d, _ in ranked], dict(ranked)
        members = np.flatnonzero(allowed)
        published = self.state.published[members]
        # Undated releases go last either way.
        key = -published if sort != "oldest" else published
        order = np.lexsort((members, key, published == 0))
        return [int(d) for d in members[order[first:limit]]], {}

    def _expands(self) -> bool:
        if self.request.expand is not None:
            return self.request.expand
        words = [w for w in ql.words_of(self.node) if isinstance(w, ql.Word) and analysis.query_terms(w.text)]
        return self.request.match == "any" and len(words) >= EXPAND_FROM_WORDS

    def _expanded(self, matched: ranking.Scored) -> np.ndarray | None:
        """Scores with the query expanded by pseudo-relevance feedback (RM3).

        The words that stand out in the best ``FEEDBACK_DOCS`` matches, weighted
        by how well each matched, join the query's own words; the matches stay
        those of the query as typed.
        """
        if matched.scores is None:
            return None
        best = ranking.top(matched.scores, matched.mask, FEEDBACK_DOCS)
        if not best:
            return matched.scores
        total_score = sum(score for _, score in best) or 1.0
        relevance: dict[str, float] = {}
        for docnum, score in best:
            release = schema.release_from_json(self.searcher.stored_fields(docnum)[schema.RELEASE_FIELD])
            terms = analysis.query_terms(f"{release.title}\n{schema.body_text(release)}")
            if not terms:
                continue
            share = score / total_score / len(terms)
            for term in terms:
                if len(term) > 1 and not term.isdigit():
                    relevance[term] = relevance.get(term, 0.0) + share
        chosen = sorted(relevance.items(), key=lambda tw: (-tw[1], tw[0]))[:FEEDBACK_TERMS]
        chosen_total = sum(w for _, w in chosen) or 1.0
        typed = sum(1 for item in ql.words_of(self.node) if isinstance(item, ql.Word | ql.Phrase))
        # RM3 mixes the query's words (each 1 / n) with the feedback words'
        # distribution; scaled by n, the typed words keep their own scores.
        scale = FEEDBACK_WEIGHT * max(1, typed) / chosen_total
        fields = tuple(schema.SEARCHED.items())
        scores = matched.scores * np.float32(1 - FEEDBACK_WEIGHT)
        for term, weight in chosen:
            part = self.evaluator.term_scores(term, fields, scale * weight)
            if part.scores is not None:
                scores += np.where(matched.mask, part.scores, np.float32(0))
        return scores

    def _reranked(self, ranked: list[tuple[int, float]], first: np.ndarray | None) -> list[tuple[int, float]]:
        """The best matches with a bonus added where the query's words stand together.

        The bonus needs positions, so only the best ``RERANK_DEPTH`` by BM25F
        get it; then they are sorted again, those in ``first`` (releases with
        the overall rating the query names) still ahead of the rest.
        """
        if not ranked:
            return ranked
        scores = dict(ranked)
        docnums = sorted(scores)
        terms = self._proximity_terms()
        if terms:
            reader = self.searcher.reader()
            arrays = self.state.arrays
            weights = [ranking.idf(max(1, reader.doc_frequency("body", t)), arrays.live_count) for t in terms]
            mean_idf = sum(weights) / len(weights)
            for fieldname, weight in schema.SEARCHED.items():
                if fieldname == "notes":
                    continue
                positions = [arrays.positions(reader, fieldname, t, docnums) for t in terms]
                for docnum, near in ranking.proximity(positions, docnums, PROXIMITY_SLOP).items():
                    scores[docnum] += PROXIMITY_BOOST * weight * mean_idf * near / (1 + near)
        if first is None:
            return sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return sorted(scores.items(), key=lambda item: (not first[item[0]], -item[1], item[0]))

    # -- building the page -----------------------------------------------

    def _hit(self, docnum: int, score: float | None, matcher: highlight.Matcher, marked: bool) -> Hit:
        fields = self.searcher.stored_fields(docnum)
        release = schema.release_from_json(fields[schema.RELEASE_FIELD])
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
        )

    def _facets(self, base: np.ndarray, selected: dict[str, np.ndarray]) -> tuple[FacetCounts, ...]:
        out = []
        for facet in schema.FACETS:
            scope = base
            for name, mask in selected.items():
                if name != facet.name:
                    scope = scope & mask
            column = self.state.facets[facet.name]
            tally = np.bincount(column.codes[scope], minlength=len(column.values))
            chosen = set(self.request.filters.get(facet.name, ()))
            counts = [(value, int(tally[i])) for i, value in enumerate(column.values)]
            values = tuple(
                FacetValue(value, count, value in chosen)
                for value, count in sorted(counts, key=lambda vc: (-vc[1], vc[0]))
                if value != facet.missing_label and (count or value in chosen)
            )
            missing = dict(counts).get(facet.missing_label, 0)
            out.append(
                FacetCounts(
                    facet.name,
                    facet.label,
                    values,
                    missing,
                    facet.missing_label,
                    facet.missing_label in chosen,
                )
            )
        return tuple(out)

    def _suggestion(self) -> str | None:
        """A query with unknown words replaced by close indexed ones, or None."""
        reader = self.searcher.reader()
        q = self.request.q
        changed = False
        looked_up = 0
        for item in ql.words_of(self.node):
            if not isinstance(item, ql.Word) or item.prefix or item.field is not None:
                continue
            word = item.text
            if not _correctable(word) or word.lower() in self.state.protected_words or len(word) > 24:
                continue
            terms = analysis.query_terms(word)
            if not terms or any(reader.doc_frequency(f, t) for f in schema.SEARCHED for t in terms):
                continue
            looked_up += 1
            if looked_up > MAX_CORRECTED_WORDS:
                break
            # prefix=1: misspellings rarely change the first letter, and
            # fixing it makes the corrector an order of magnitude cheaper.
            options = self.searcher.suggest(schema.SPELLING_FIELD, word.lower(), limit=1, maxdist=2, prefix=1)
            if options and options[0] != word.lower():
                q = _replace_word(q, word, options[0])
                changed = True
        return q if changed else None


def _text(term: bytes | str) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def _weighted(plan: ranking.Plan, times: int) -> ranking.Plan:
    """``plan`` counted ``times`` over in the score."""
    if isinstance(plan, ranking.Word | ranking.Prefix | ranking.Positional | ranking.ExactPhrase):
        return dataclasses.replace(plan, weight=plan.weight * times)
    if isinstance(plan, ranking.All | ranking.AnyOf):
        return type(plan)(tuple(_weighted(c, times) for c in plan.children))
    return plan


def _any_words(node: ql.Node) -> ql.Node:
    """``node`` with every group made "any of": in any-word mode brackets do not make words required."""
    if not isinstance(node, ql.All | ql.Any):
        return node
    flat: list[ql.Node] = []
    for child in node.children:
        loosened = _any_words(child)
        flat.extend(loosened.children if isinstance(loosened, ql.Any) else (loosened,))
    return ql.Any(tuple(flat))


def _can_relax(node: ql.Node | None) -> bool:
    """Whether an all-words query could be loosened to any-word (plain words, no operators)."""
    return isinstance(node, ql.All) and all(isinstance(c, ql.Word) for c in node.children)


def _correctable(word: str) -> bool:
    """Words the suggester may touch: no digits, not an acronym (all capitals), plain letters."""
    if any(c.isdigit() for c in word) or len(word) < 3:
        return False
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return False
    return all(c.isalpha() or c in "-'" for c in word)


def _replace_word(q: str, word: str, replacement: str) -> str:
    at = q.lower().find(word.lower())
    if at == -1:
        return q
    return q[:at] + replacement + q[at + len(word) :]
