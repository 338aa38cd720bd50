"""Text analysis: how release text and query words become index terms.

This is the only module that imports NLTK. Two analyzers share one tokenizer:

* ``STEMMED`` (tokenizer, then accent folding, lowercase, stop words out,
  stemmer) feeds the ranked fields, so ``inspected`` finds ``inspection``;
* ``EXACT`` (tokenizer, then accent folding, lowercase) feeds the field quoted
  phrases are matched against, so ``"inspected"`` finds only ``inspected``.

What follows the tokenizer is defined once, in ``term_of``: the Whoosh
analyzers apply it through ``TermFilter``, and the fast path the segment
writer and highlighting use (``exact_positions``, ``tokens``) calls it per
distinct word.

Only NLTK parts that need no downloaded data are used: the Snowball English
stemmer, imported on first use, and the spans of its ``RegexpTokenizer``
over ``WORD_PATTERN`` (character offsets for highlighting), which the ``regex``
engine NLTK uses gives without NLTK's wrapper. The stop list ships in this module.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from typing import TypeVar
from typing import cast

import regex
from whoosh.analysis import Filter
from whoosh.analysis import Token
from whoosh.analysis import Tokenizer
from whoosh.support.charset import accent_map

# A word is a run of letters and digits, joined by hyphens or apostrophes:
# "re-offending", "Inspectorate’s" and "2024" are each one word to begin with.
WORD_PATTERN = r"\w+(?:[-‐‑'’]\w+)*"
_HYPHENS = "-‐‑"
_APOSTROPHES = "'’"
_JOINERS = re.compile("[-‐‑'’]")

#: English stop words (NLTK's list, shipped here because the corpus cannot be
#: downloaded offline), less "against", "no", "nor" and "not": inspection
#: findings turn on them ("not good enough").
STOP_WORDS: frozenset[str] = frozenset(
    """
    a about above after again all am an and any are as at be because been before being below between both but by can
    could did do does doing down during each few for from further had has have having he her here hers herself him
    himself his how i if in into is it its itself just me more most my myself now of off on once only or other our
    ours ourselves out over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which while who whom why
    will with would you your yours yourself yourselves
    """.split()
)

#: Words whose Snowball stems collide with an unrelated word in this corpus.
STEM_OVERRIDES: dict[str, str] = {
    # "probation" and "probate" both stem to "probat".
    "probation": "probation",
    "probations": "probation",
    # "inspectorate" would become "inspector", the person.
    "inspectorate": "inspectorate",
    "inspectorates": "inspectorate",
    # "goods" would become "good", the rating.
    "goods": "goods",
}


@functools.cache
def _snowball() -> Any:
    """NLTK's Snowball English stemmer, imported on first use.

    Importing NLTK is most of a fresh process's first search (0.3 s, or 0.9 s
    where SciPy is installed, which NLTK then imports too): a process that
    only meets words an index has stemmed before (``remember_stems``) never pays it.
    """
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


#: Stems Snowball made for this analysis before, from an index's segments
#: (``remember_stems``): a memo, so what it holds changes no result.
_remembered_stems: dict[str, str] = {}
#: Words remembered at most, so a huge index cannot make the memo unbounded.
_REMEMBERED_HELD = 2_000_000

#: Everything that changes which terms text analyses to. The schema folds it
#: into the index name, so an index built with other analysis is never read
#: as if it were ours.
FINGERPRINT = repr((WORD_PATTERN, sorted(STOP_WORDS), sorted(STEM_OVERRIDES.items()), "snowball-english", 2))
#: The pattern, engine and flags of NLTK's ``RegexpTokenizer(WORD_PATTERN)``
#: (its ``span_tokenize`` gives the same spans: tests/test_analysis.py holds
#: them equal), without NLTK's per-match timeout wrapper, which was most of the
#: cost of tokenising text for highlighting, and without importing NLTK (see
#: ``_snowball``). The wrapper guards caller-supplied patterns against
#: catastrophic backtracking; this one is linear (a separator between runs).
_WORD_REGEX = regex.compile(WORD_PATTERN, regex.UNICODE | regex.MULTILINE | regex.DOTALL)
#: The same in the standard library's engine, a third faster: it finds the same words where each character is a
#: word character (``\w``) to both engines or to neither (they differ over marks and some digits).
_WORD_RE = re.compile(WORD_PATTERN)
_ASCII_BYTES = bytes(range(128))


@functools.cache
def _same_word_class(char: str) -> bool:
    """Whether both engines count ``char`` as a word character, or both do not."""
    return (_WORD_RE.fullmatch(char) is None) == (_WORD_REGEX.fullmatch(char) is None)


def stem(word: str) -> str:
    """Stem one lower-case word, honouring ``STEM_OVERRIDES``.

    This must stay a module-level function: Whoosh pickles the schema, and
    with it this function, by import path. Renaming or moving it means
    rebuilding every index.
    """
    override = STEM_OVERRIDES.get(word)
    if override is not None:
        return override
    remembered = _remembered_stems.get(word)
    if remembered is not None:
        return remembered
    return str(_snowball().stem(word))


def remember_stems(stems: dict[str, str]) -> None:
    """Remember stems this same analysis made for an index (its fingerprint is in the index's name).

    A search process seeds the memo from the index it opens, so that its
    first searches stem their words without importing NLTK.
    """
    if len(_remembered_stems) + len(stems) <= _REMEMBERED_HELD:
        _remembered_stems.update(stems)


def unstemmed(texts: Iterable[str]) -> set[str]:
    """The exact terms of ``texts`` whose stems are neither remembered nor fixed (for ``remember_stems``)."""
    terms: set[str] = set()
    for text in texts:
        terms.update(exact_positions(text))
    return {t for t in terms if t not in _remembered_stems and t not in STEM_OVERRIDES and has_stem(t)}


def load_stemmer() -> None:
    """Import NLTK's stemmer now, before processes are forked from this one to share it."""
    _snowball()


def stemmer_loaded() -> bool:
    """Whether NLTK's stemmer has been loaded in this process (remembering stems then saves nothing)."""
    return _snowball.cache_info().currsize > 0


def words(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` character span of each word in ``text``."""
    return [match.span() for match in _WORD_REGEX.finditer(text)]


def words_text(text: str) -> list[str]:
    """The words of ``text`` as written (``words``' spans; by ``_WORD_RE`` where the two engines agree)."""
    unusual = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    agree = all(map(_same_word_class, set(unusual.decode("utf-8", "surrogatepass"))))
    return (_WORD_RE if agree else _WORD_REGEX).findall(text)


def _pieces(word: str) -> list[tuple[str, int, int]]:
    """Split one tokenised word into the parts people search for.

    Possessive "'s" is dropped and other apostrophes close up ("don't" →
    "dont"); hyphenated words yield each part, then the parts joined, so
    "re-offending" is found by "re-offending", "reoffending" and "re offending".
    The joined form is last so it takes the last part's position and phrases
    across it still line up.
    """
    if len(word) > 2 and word[-1] == "s" and word[:-1].isupper():
        # An acronym's plural ("SPOs", "PDUs") is the acronym: the stemmer
        # leaves short words alone, so "SPOs" would never find "SPO".
        return [(word[:-1], 0, len(word))]
    if not _JOINERS.search(word):
        # Most words have no hyphen or apostrophe: skip the splitting.
        return [(word, 0, len(word))]
    base = word
    if len(base) > 2 and base[-2] in _APOSTROPHES and base[-1] in "sS":
        base = base[:-2]
    parts: list[tuple[str, int, int]] = []
    start = 0
    for i, char in enumerate(base + "-"):
        if char in _HYPHENS:
            if i > start:
                parts.append(("".join(c for c in base[start:i] if c not in _APOSTROPHES), start, i))
            start = i + 1
    if len(parts) > 1:
        parts.append(("".join(p[0] for p in parts), 0, len(base)))
    return parts


class NltkWordTokenizer(Tokenizer):  # type: ignore[misc]
    """A Whoosh tokenizer giving the spans of NLTK's ``RegexpTokenizer(WORD_PATTERN).span_tokenize``.

    In "query" mode a hyphenated word yields only its joined form, so a
    quoted "re-offending" stays a one-word phrase.
    """

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            yield from _untokenized(token, value, start_pos, start_char)
            return
        for text, pos, start, end in _token_table(value, mode):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


#: The last text tokenised and its table. The indexer analyses each text twice
#: (stemmed and exact) straight after each other, so one entry halves the
#: tokenising. Replaced whole, so threads never see half an entry.
_last_table: tuple[str, str, list[tuple[str, int, int, int]]] = ("", "", [])


def _token_table(value: str, mode: str) -> list[tuple[str, int, int, int]]:
    """(text, position, start, end) of each token of ``value``, before filtering."""
    global _last_table
    cached = _last_table
    if cached[0] is value and cached[1] == mode:
        return cached[2]
    table = []
    pos = -1
    # A value that is one word, as the indexer's are, is its own one span:
    # NLTK's tokenizer, with its per-match timeout, cost ten times the check.
    spans = [(0, len(value))] if _WORD_REGEX.fullmatch(value) else words(value)
    for start, end in spans:
        pieces = _pieces(value[start:end])
        if mode == "query" and len(pieces) > 1:
            pieces = pieces[-1:]
        for i, (text, piece_start, piece_end) in enumerate(pieces):
            if i == 0 or i < len(pieces) - 1 or mode == "query":
                pos += 1
            table.append((text, pos, start + piece_start, start + piece_end))
    _last_table = (value, mode, table)
    return table


def _untokenized(token: Token, value: str, start_pos: int, start_char: int) -> Iterator[Token]:
    token.original = token.text = value
    token.boost = 1.0
    token.pos = start_pos
    token.startchar = start_char
    token.endchar = start_char + len(value)
    yield token


def term_of(text: str, *, stemmed: bool) -> str | None:
    """The index term of one token as the tokenizer split it: the one definition of what follows the tokenizer.

    Accents folded and lower-cased; for the stemmed chain, None for a stop
    word (or a token that folds to nothing), else its stem. The Whoosh
    analyzers (``TermFilter``) and the fast path the segment writer and
    highlighting use (``_word_tokens``) both call it.
    """
    folded = fold(text)
    return index_stem(folded) if stemmed else folded


class TermFilter(Filter):  # type: ignore[misc]
    """``term_of`` as a Whoosh filter, with the stop word handling of Whoosh's ``StopFilter``.

    A stop word is dropped, or, when the caller asks Whoosh to keep stop
    words (``removestops=False``), kept folded and marked stopped. Whoosh
    pickles it with the schema, by import path: keep it here.
    """

    def __init__(self, stemmed: bool) -> None:
        self.stemmed = stemmed

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TermFilter) and type(other) is type(self) and other.stemmed == self.stemmed

    def __hash__(self) -> int:
        return hash((type(self), self.stemmed))

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        stemmed = self.stemmed
        for token in tokens:
            term = term_of(token.text, stemmed=stemmed)
            if term is not None:
                token.text = term
                token.stopped = False
            elif token.removestops:
                continue
            else:
                token.text = fold(token.text)
                token.stopped = True
            yield token


#: The analyzer of the ranked text fields: stop words out, words stemmed.
STEMMED = NltkWordTokenizer() | TermFilter(stemmed=True)
#: The analyzer of the exact-phrase field: every word kept, none stemmed.
EXACT = NltkWordTokenizer() | TermFilter(stemmed=False)


@dataclass(frozen=True)
class TextToken:
    """One index term and where its surface word stands in the text."""

    term: str
    pos: int
    start: int
    end: int


def tokens(text: str, *, exact: bool = False) -> list[TextToken]:
    """Analyse ``text`` as the indexer does, keeping positions and offsets.

    Each distinct word is analysed once and remembered (analysis is context
    free): highlighting meets the same few thousand words again and again,
    and a Whoosh analyzer chain costs several microseconds a token.
    """
    out = []
    pos = 0
    for match in _WORD_REGEX.finditer(text):
        start, end = match.span()
        terms, width = _word_tokens(text[start:end], exact)
        for term, offset, term_start, term_end in terms:
            out.append(TextToken(term, pos + offset, start + term_start, start + term_end))
        pos += width
    return out


_T = TypeVar("_T")


def stemmed_positions(exact: dict[str, list[int]]) -> dict[str, list[int]]:
    """Each stemmed term with its positions in order, from the text's exact terms and theirs.

    The stemmed table is derived from the exact one, a distinct word at a
    time: both chains split and fold a word alike, and the stemmed one then
    drops stop words and stems what is left. A stem that stands for one
    exact term has that term's very list.
    """
    stemmed, several = by_stem(exact)
    for stem_term, lists in several.items():
        # The lists are shared with the exact table, so never extended in place.
        stemmed[stem_term] = sorted(itertools.chain.from_iterable(lists))
    return stemmed


def exact_positions(text: str) -> dict[str, list[int]]:
    """Each exact term of ``text`` with its positions in order.

    The same terms and positions as the ``EXACT`` chain yields, from a
    per-word memo, at a fraction of the chain's cost.
    """
    words = words_text(text)
    # Looked up in C a text at a time: a plain dict's ``get`` costs half an
    # LRU cache's call, and a build looks up millions of words.
    entries = list(map(_exact_entries.get, words))
    if None in entries:
        _add_exact_entries(words, entries)
    exact: dict[str, list[int]] = {}
    pos = 0
    for entry in cast(list[_ExactEntry], entries):
        if isinstance(entry, str):
            found = exact.get(entry)
            if found is None:
                exact[entry] = [pos]
            else:
                found.append(pos)
            pos += 1
            continue
        terms, width = entry
        for term, offset in terms:
            found = exact.get(term)
            if found is None:
                exact[term] = [pos + offset]
            else:
                found.append(pos + offset)
        pos += width
    return exact


_ExactEntry = str | tuple[tuple[tuple[str, int], ...], int]
#: Each word's ``_exact_word_terms``, as ``exact_positions`` made it: a plain
#: dict emptied when full, like ``_index_stems``.
_exact_entries: dict[str, _ExactEntry] = {}
#: Words held before the memo is emptied and begun again.
_EXACT_ENTRIES_HELD = 500_000


def _add_exact_entries(words: list[str], entries: list[_ExactEntry | None]) -> None:
    """Fill in the entries of ``words`` not yet in the memo (None in ``entries``), and remember them."""
    if len(_exact_entries) + entries.count(None) > _EXACT_ENTRIES_HELD:
        _exact_entries.clear()
    for index, entry in enumerate(entries):
        if entry is None:
            entries[index] = _exact_entries[words[index]] = _exact_word_terms(words[index])


def text_positions(text: str, *, remember: bool) -> tuple[dict[str, list[int]], dict[str, list[int]] | None]:
    """``exact_positions`` of ``text``; with ``remember``, its ``stemmed_positions`` too, both remembered.

    For fields whose few texts repeat from document to document (a unit's
    name, a rating): the tables are shared, so never changed in place.
    """
    return _remembered_positions(text) if remember else (exact_positions(text), None)


@functools.lru_cache(maxsize=4096)
def _remembered_positions(text: str) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    exact = exact_positions(text)
    return exact, stemmed_positions(exact)


def stemmed_length(exact: dict[str, list[int]]) -> int:
    """How many terms the stemmed chain yields for the text with these exact terms: those that are not stop words."""
    # Every position, less the stop words' (a set operation in C): a text
    # has hundreds of distinct terms and a few dozen stop words.
    return sum(map(len, exact.values())) - sum(len(exact[term]) for term in exact.keys() & _WITHOUT_STEM)


def by_stem(exact: dict[str, _T]) -> tuple[dict[str, _T], dict[str, list[_T]]]:
    """Each stem's value: its exact term's, for the first exact term (in order) that stands for it, stop words left out.

    Also, for each stem that several exact terms stand for, all their values in order.
    """
    first: dict[str, _T] = {}
    several: dict[str, list[_T]] = {}
    for term, value in exact.items():
        stem_term = index_stem(term)
        if stem_term is None:
            continue
        found = first.get(stem_term)
        if found is None:
            first[stem_term] = value
        else:
            several.setdefault(stem_term, [found]).append(value)
    return first, several


def has_stem(exact_term: str) -> bool:
    """Whether the stemmed chain keeps ``exact_term`` (it drops stop words)."""
    return exact_term not in _WITHOUT_STEM


#: The exact terms the stemmed chain drops: stop words, and the empty term
#: (a word of combining marks alone folds to nothing).
_WITHOUT_STEM = STOP_WORDS | {""}


def _exact_word_terms(word: str) -> _ExactEntry:
    """One word's exact terms with their positions within the word, and its width; or, for most words, its one term."""
    if word.isascii() and word.isalnum() and not (len(word) > 2 and word[-1] == "s" and word[:-1].isupper()):
        # Plain letters and digits, not an acronym's plural: one token, whose
        # ``term_of`` (exact) is its lower case. A build meets tens of
        # thousands of new words, most of them such.
        return word.lower()
    terms, width = _word_tokens(word, True)
    if width == 1 and len(terms) == 1 and terms[0][1] == 0:
        return terms[0][0]
    return tuple((term, offset) for term, offset, _start, _end in terms), width


def index_stem(exact_term: str) -> str | None:
    """The stemmed term an exact term stands for, or None for a stop word."""
    try:
        return _index_stems[exact_term]
    except KeyError:
        pass
    stem_term = stem(exact_term) if has_stem(exact_term) else None
    if len(_index_stems) >= _INDEX_STEMS_HELD:
        _index_stems.clear()
    _index_stems[exact_term] = stem_term
    return stem_term


#: Each exact term's stemmed term (None for a stop word), as ``index_stem``
#: made it: a plain dict that is emptied when full, where an LRU cache's
#: bookkeeping cost more than the stemming it saved.
_index_stems: dict[str, str | None] = {}
#: Terms held before the table is emptied and begun again.
_INDEX_STEMS_HELD = 500_000


def distinct_words(text: str) -> set[str]:
    """The distinct words of ``text``, as the tokenizer splits it (before any analysis)."""
    return set(words_text(text))


@functools.lru_cache(maxsize=200_000)
def word_terms(word: str) -> tuple[tuple[str, int, int], ...]:
    """The stemmed terms one word yields, each with its span within the word."""
    return tuple((term, start, end) for term, _pos, start, end in _word_tokens(word, False)[0])


def occurrences(text: str, words: Iterable[str]) -> Iterator[tuple[str, int]]:
    """Each place in ``text`` where one of ``words`` stands as a whole token: ``(word, start)``.

    The lookarounds mirror ``WORD_PATTERN``'s longest match, so "staff" is not
    found inside "staff-led" or "x-staff", which are tokens of their own.
    """
    alternatives = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    if not alternatives:
        return
    pattern = _occurrence_pattern(alternatives)
    for match in pattern.finditer(text):
        yield match.group(), match.start()


@functools.lru_cache(maxsize=256)
def _occurrence_pattern(alternatives: str) -> Any:
    joiners = _HYPHENS + _APOSTROPHES
    return regex.compile(
        rf"(?<!\w)(?<!\w[{joiners}])(?:{alternatives})(?!\w)(?![{joiners}]\w)",
        regex.UNICODE | regex.MULTILINE | regex.DOTALL,
    )


@functools.lru_cache(maxsize=200_000)
def _word_tokens(word: str, exact: bool) -> tuple[tuple[tuple[str, int, int, int], ...], int]:
    """One word's terms (term, position within the word, start, end) and how many positions it takes.

    The ``EXACT`` or ``STEMMED`` chain without Whoosh's generators (the same
    tokenizer table and ``term_of``): a build meets tens of thousands of new words.
    """
    table = _token_table(word, "index")
    terms = []
    for text, pos, start, end in table:
        term = term_of(text, stemmed=not exact)
        if term is not None:  # None: a stop word, for the stemmed chain
            terms.append((term, pos, start, end))
    width = max((pos for _text, pos, _start, _end in table), default=-1) + 1
    return tuple(terms), width


def query_terms(text: str, *, exact: bool = False) -> list[str]:
    """Analyse query text into the terms it looks up, in order (stop words dropped when stemming)."""
    return list(_query_terms(text, exact))


@functools.lru_cache(maxsize=4096)
def _query_terms(text: str, exact: bool) -> tuple[str, ...]:
    # One search analyses its words several times over (matching, ratings
    # named, proximity, suggestions), and NLTK's tokenizer costs a
    # tenth of a millisecond a call however short the text.
    analyzer = EXACT if exact else STEMMED
    return tuple(t.text for t in analyzer(text, mode="query"))


def exact_letters(text: str) -> str:
    """``text`` as exact terms spell their letters: folded, with hyphens and apostrophes closed up.

    Every exact term of ``text`` is a substring of the result, so testing
    for one is a cheap way to rule text out before analysing it.
    """
    return _JOINERS.sub("", text.lower() if text.isascii() else fold(text))


def fold(text: str) -> str:
    """``text`` lower-cased with accents folded, as the analyzers see its letters."""
    return text.translate(accent_map).lower()


def is_stop_word(word: str) -> bool:
    """Whether ``word`` (any case) is on the stop list."""
    return word.lower() in STOP_WORDS
