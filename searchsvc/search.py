"""Searching the index: the only module that reads Whoosh.

``SearchService.search(SearchRequest)`` returns a ``SearchPage`` of plain,
frozen dataclasses; nothing Whoosh leaves this module, so a page stays valid
after the searcher that made it is closed.

Facet counts are disjunctive, as on GOV.UK finder pages: the counts of one
facet are taken over the matches filtered by every *other* facet, so choosing
"Good" still shows how many releases are "Inadequate". They are computed
with per-value bitsets (Python ints, one bit per document) built once per
index generation and intersected with the matches.
"""

from __future__ import annotations

import contextlib
import datetime
import math
import threading
import time
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query as wq

from searchsvc import analysis
from searchsvc import highlight
from searchsvc import query as ql
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
    #: True when the time budget ran out after the matches were found, so
    #: facet counts (and perhaps highlights) were left out of this page.
    partial: bool = False


@dataclass
class _Generation:
    """What is worth computing once per index generation."""

    number: int
    doc_count: int
    live: int
    #: Facet name → value → bitset of documents.
    facet_bits: dict[str, dict[str, int]]
    #: Per document number: published date as an ordinal, or 0 when undated.
    published: list[int]
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
        if current is not None and current.reader().generation() == ix.latest_generation():
            return current
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

    # -- public API ------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """Index generation, document count and last-modified time, for health checks."""
        with self._searcher() as searcher:
            state = self._state(searcher)
            toc = Path(self.index_dir) / f"_{schema.INDEX_NAME}_{state.number}.toc"
            built = toc.stat().st_mtime if toc.exists() else None
            return {"generation": state.number, "doc_count": state.live, "built_at": built}

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


def _bitset(docnums: Iterable[int], size: int) -> int:
    """A bitset (a Python int with bit n set for each docnum n)."""
    buf = bytearray((size + 8) // 8)
    for n in docnums:
        buf[n >> 3] |= 1 << (n & 7)
    return int.from_bytes(buf, "little")


def _until(docnums: Iterable[int], deadline: float, every: int = 4096) -> Iterable[int]:
    """Pass docnums through, raising ``SearchTimeoutError`` once ``deadline`` has passed."""
    for i, docnum in enumerate(docnums):
        if i % every == 0 and time.monotonic() > deadline:
            raise SearchTimeoutError("the search took too long; use more specific words or filters")
        yield docnum


def _members(bits: int) -> list[int]:
    """The docnums set in a bitset, ascending."""
    out = []
    data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    for i, byte in enumerate(data):
        while byte:
            low = byte & -byte
            out.append(i * 8 + low.bit_length() - 1)
            byte ^= low
    return out


def _build_generation(searcher: Any, number: int) -> _Generation:
    reader = searcher.reader()
    size = reader.doc_count_all()
    live_docs = list(reader.all_doc_ids())
    facet_bits: dict[str, dict[str, int]] = {}
    for facet in schema.FACETS:
        column = reader.column_reader(facet.name)
        by_value: dict[str, list[int]] = {}
        for docnum in live_docs:
            by_value.setdefault(column[docnum], []).append(docnum)
        facet_bits[facet.name] = {value: _bitset(docs, size) for value, docs in by_value.items()}
    # Raw column values are microseconds since datetime.min; a missing date is
    # stored as a sentinel far out of range, which Whoosh's own translation
    # turns into an OverflowError, so translate here.
    dates = reader.column_reader(schema.PUBLISHED_FIELD, translate=False)
    published = [0] * size
    lowest, highest = datetime.date(1900, 1, 1).toordinal(), datetime.date(2200, 1, 1).toordinal()
    for docnum in live_docs:
        raw = dates[docnum]
        ordinal = raw // _MICROSECONDS_A_DAY + 1 if isinstance(raw, int) else 0
        published[docnum] = ordinal if lowest <= ordinal <= highest else 0
    protected = {_text(t) for t in reader.lexicon(schema.PROTECTED_FIELD)}
    acronyms, expansions = _synonyms(_text(t) for t in reader.lexicon(schema.ACRONYM_FIELD))
    return _Generation(number, size, len(live_docs), facet_bits, published, frozenset(protected), acronyms, expansions)


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
        self.expanded = 0
        self.ignored: list[str] = []
        #: Stemmed terms a synonym brought into the query (marked in excerpts too).
        self.synonyms: set[str] = set()
        #: Extra score for the best matches: words standing together, a named rating.
        self.bonus: Any = None

    def run(self) -> SearchPage:
        request = self.request
        sort = request.sort or ("relevance" if self.node is not None else "newest")
        relaxed = False
        matching, ranking = self._compile_top(self.node, any_word=request.match == "any")
        matches = self._match_bits(matching)
        if matches == 0 and request.match == "all" and _can_relax(self.node):
            relaxed_matching, relaxed_ranking = self._compile_top(self.node, any_word=True)
            relaxed_matches = self._match_bits(relaxed_matching)
            if relaxed_matches:
                ranking, matches, relaxed = relaxed_ranking, relaxed_matches, True
        selected = self._selected_bits()
        dates = self._date_bits()
        allowed = matches & dates
        for bits in selected.values():
            allowed &= bits
        total = allowed.bit_count()
        pages = max(1, math.ceil(total / request.per_page))
        docs, scores = self._page(ranking, allowed if allowed != matches else None, sort, total)
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
            facets=self._facets(matches & dates, selected) if request.facets and not partial else (),
            # Suggestions cost a walk of the word list per unknown word: only on page 1.
            suggestion=self._suggestion() if request.page == 1 and (not relaxed or total == 0) else None,
            relaxed=relaxed,
            ignored_words=tuple(dict.fromkeys(self.ignored)),
            partial=partial,
        )

    # -- compiling the tree into a Whoosh query ---------------------------

    def _compile_top(self, node: ql.Node | None, *, any_word: bool) -> tuple[Any, Any]:
        """The query that decides what matches, and the one that ranks it (the first plus bonuses)."""
        if node is None:
            return wq.Every(), wq.Every()
        if any_word and isinstance(node, ql.All):
            node = ql.Any(node.children)
        compiled = self._compile(node)
        if compiled is None:
            raise QueryError(
                "the query has only very common words (such as 'the' or 'of'), which are not indexed; "
                "add a more specific word, or put the words in quotes to find them as an exact phrase",
                code="only_stop_words",
                param="q",
            )
        bonuses = [b for b in (self._proximity(node), self._rating_bonus(node)) if b is not None]
        self.bonus = None if not bonuses else bonuses[0] if len(bonuses) == 1 else wq.Or(bonuses)
        return compiled, compiled

    def _rating_bonus(self, node: ql.Node) -> Any:
        """A bonus for releases whose overall rating the query names ("inadequate", "requires improvement")."""
        terms = []
        for item in ql.words_of(node):
            if item.field is None and not (isinstance(item, ql.Word) and item.prefix):
                terms.append(tuple(analysis.query_terms(item.text)))
        flat = [t for group in terms for t in group]
        named = [
            rating
            for rating, stems in _RATING_STEMS.items()
            if any(flat[i : i + len(stems)] == list(stems) for i in range(len(flat)))
        ]
        if not named:
            return None
        return wq.Or([wq.Term(schema.RATING_FIELD, rating, boost=RATING_BOOST) for rating in named])

    def _compile(self, node: ql.Node) -> Any:
        if isinstance(node, ql.Word):
            return self._word(node)
        if isinstance(node, ql.Phrase):
            return self._phrase(node)
        if isinstance(node, ql.Not):
            child = self._compile(node.child)
            return None if child is None else wq.Not(child)
        if isinstance(node, ql.All):
            children = self._spelled_out(node.children)
        else:
            children = self._repeats_weighed(node.children)
        if not children:
            return None
        if isinstance(node, ql.Any):
            positive = [c for c in children if not isinstance(c, wq.Not)]
            return wq.Or(positive) if positive else None
        if all(isinstance(c, wq.Not) for c in children):
            children.insert(0, wq.Every())
        return wq.And(children)

    def _repeats_weighed(self, children: tuple[ql.Node, ...]) -> list[Any]:
        """Compile OR-ed children once each, a word repeated n times weighing n times.

        People repeat the words that matter most in a long description, and
        BM25 counts a query word once per time it is written.
        """
        counts: dict[ql.Node, int] = {}
        for child in children:
            counts[child] = counts.get(child, 0) + 1
        compiled = []
        for child, count in counts.items():
            query = self._compile(child)
            if query is not None and count > 1:
                query = query.with_boost(query.boost * count)
            if query is not None:
                compiled.append(query)
        return compiled

    def _fields(self, user_field: str | None) -> dict[str, float]:
        if user_field is None:
            return dict(schema.SEARCHED)
        return {schema.QUERY_FIELDS[user_field]: 1.0}

    def _word(self, word: ql.Word) -> Any:
        fields = self._fields(word.field)
        if word.prefix:
            return self._prefix(word.text.lower(), fields)
        terms = analysis.query_terms(word.text)
        if not terms:
            if analysis.query_terms(word.text, exact=True):
                self.ignored.append(word.text)
            return None
        per_term = [wq.Or([wq.Term(f, t, boost=w) for f, w in fields.items()]) for t in terms]
        found = per_term[0] if len(per_term) == 1 else wq.And(per_term)
        if word.field is None and len(terms) == 1 and terms[0] in self.state.acronyms:
            # "SPO" also finds "senior probation officers", spelled out.
            # Only the acronym is marked in excerpts: marking each word of its
            # expansion ("probation") wherever it stands would be noise.
            spelled = [self._stemmed_phrase(words, fields) for words in self.state.acronyms[terms[0]]]
            return wq.Or([found, *spelled])
        return found

    def _stemmed_phrase(self, words: tuple[str, ...], fields: dict[str, float]) -> Any:
        """Stemmed words standing together, in any of ``fields`` (stop words may stand between)."""
        return wq.Or([wq.Phrase(f, list(words), slop=2, boost=w) for f, w in fields.items()])

    def _spelled_out(self, children: tuple[ql.Node, ...]) -> list[Any]:
        """Compile AND-ed children, letting a spelled-out acronym also find the acronym."""
        compiled = []
        at = 0
        while at < len(children):
            run = self._expansion_at(children, at)
            if run:
                words = [self._word(w) for w in children[at : at + run] if isinstance(w, ql.Word)]
                short = self.state.expansions[self._run_terms(children[at : at + run])]
                self.synonyms.add(short)
                acronym = wq.Or([wq.Term(f, short, boost=w) for f, w in schema.SEARCHED.items()])
                compiled.append(wq.Or([wq.And([w for w in words if w is not None]), acronym]))
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

    def _prefix(self, prefix: str, fields: dict[str, float]) -> Any:
        reader = self.searcher.reader()
        clauses = []
        words: set[str] = set()
        for fieldname, weight in fields.items():
            for i, term in enumerate(reader.expand_prefix(fieldname, prefix)):
                if i >= MAX_PREFIX_EXPANSION:
                    break
                text = _text(term)
                words.add(text)
                clauses.append(wq.Term(fieldname, text, boost=weight))
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
        if not clauses:
            # No word has this prefix: a query that matches nothing, not an error.
            return wq.NullQuery
        union = wq.Or(clauses)
        # Whoosh's default binary tree of union matchers is very slow for
        # many terms (610 terms: 7 s against 0.2 s preloaded).
        union.matcher_type = wq.Or.ARRAY_MATCHER
        return union

    def _phrase(self, phrase: ql.Phrase) -> Any:
        if phrase.field is not None:
            fieldname = schema.QUERY_FIELDS[phrase.field]
            words = analysis.query_terms(phrase.text)
            if not words:
                return None
            slop = PROXIMITY_SLOP if len(words) > 1 else 1
            return wq.Phrase(fieldname, words, slop=slop) if len(words) > 1 else wq.Term(fieldname, words[0])
        words = analysis.query_terms(phrase.text, exact=True)
        if not words:
            return None
        clauses = []
        for fieldname, weight in schema.SEARCHED.items():
            exact = schema.EXACT_TWIN[fieldname]
            if len(words) == 1:
                clauses.append(wq.Term(exact, words[0], boost=weight))
            else:
                clauses.append(wq.Phrase(exact, words, boost=weight))
        return wq.Or(clauses)

    def _proximity(self, node: ql.Node) -> Any:
        """A bonus for releases where the plain words of an AND query stand near each other."""
        if not isinstance(node, ql.All | ql.Any):
            return None
        words = [c for c in node.children if isinstance(c, ql.Word) and c.field is None and not c.prefix]
        terms = [t for w in words for t in analysis.query_terms(w.text)]
        if len(terms) < 2 or len(terms) > 8:
            return None
        return wq.Or(
            [
                wq.Phrase(f, terms, slop=PROXIMITY_SLOP, boost=PROXIMITY_BOOST * w)
                for f, w in schema.SEARCHED.items()
                if f != "notes"
            ]
        )

    # -- matching, filtering, paging --------------------------------------

    def _match_bits(self, wquery: Any) -> int:
        return _bitset(_until(self.searcher.docs_for_query(wquery), self.deadline), self.state.doc_count)

    def _selected_bits(self) -> dict[str, int]:
        selected = {}
        for name, values in self.request.filters.items():
            if not values:
                continue
            by_value = self.state.facet_bits[name]
            bits = 0
            for value in values:
                bits |= by_value.get(value, 0)
            selected[name] = bits
        return selected

    def _date_bits(self) -> int:
        start, end = self.request.published_from, self.request.published_to
        everything = (1 << self.state.doc_count) - 1
        if start is None and end is None:
            return everything
        low = start.toordinal() if start else 1
        high = end.toordinal() if end else datetime.date.max.toordinal()
        return _bitset(
            (d for d, day in enumerate(self.state.published) if day and low <= day <= high),
            self.state.doc_count,
        )

    def _page(self, wquery: Any, allowed: int | None, sort: str, total: int) -> tuple[list[int], dict[int, float]]:
        """The docnums (and scores) of the requested page; ``allowed`` None means every match."""
        request = self.request
        first = (request.page - 1) * request.per_page
        if first >= total:
            return [], {}
        if sort == "relevance" and self.node is not None:
            limit = first + request.per_page
            allowed_set = set(_members(allowed)) if allowed is not None else None
            depth = max(limit, RERANK_DEPTH) if self.bonus is not None else limit
            results = self.searcher.search(wquery, filter=allowed_set, limit=depth)
            scored = {hit.docnum: hit.score for hit in results}
            if self.bonus is not None and scored:
                # Bonuses are costly to compute (phrase positions), so only the
                # best matches by plain BM25F get them, then are sorted again.
                extra = self.searcher.search(self.bonus, filter=set(scored), limit=len(scored))
                for hit in extra:
                    scored[hit.docnum] += hit.score
            ranked = sorted(scored.items(), key=lambda item: (-item[1], item[0]))[first:limit]
            return [d for d, _ in ranked], dict(ranked)
        published = self.state.published
        members = _members(allowed if allowed is not None else self._match_bits(wquery))
        newest = sort != "oldest"
        # Undated releases go last either way.
        members.sort(key=lambda d: (published[d] == 0, -published[d] if newest else published[d], d))
        return members[first : first + request.per_page], {}

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

    def _facets(self, base: int, selected: dict[str, int]) -> tuple[FacetCounts, ...]:
        out = []
        for facet in schema.FACETS:
            scope = base
            for name, bits in selected.items():
                if name != facet.name:
                    scope &= bits
            chosen = set(self.request.filters.get(facet.name, ()))
            counts = [(value, (bits & scope).bit_count()) for value, bits in self.state.facet_bits[facet.name].items()]
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
