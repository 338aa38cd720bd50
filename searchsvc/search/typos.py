"""Typo tolerance: a query word no release holds, read as the nearest indexed word within the typos its length allows.

The rule is Meilisearch's and Algolia's: no typo in words under 5 letters,
one from 5, two from 9. A typo is an insertion, a deletion, a substitution
or two letters swapped; a sound-alike spelling ("oversite" for "oversight",
"fone" for "phone", "acomodation") counts as one. The nearest word wins, the
more frequent among equally near ones, so "inspecton" reads as "inspection"
rather than "inspectors". Acronyms, unit names (the index's protected words)
and words with digits are never read as anything else.

Candidates come from the exact fields' term dictionaries, read once per
generation on first need and kept as letter counts sorted by length: a word
is compared (with numpy) only against words of a near length whose letters
differ by no more than its typos allow, and only the few that pass are
measured letter by letter.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from searchsvc import analysis
from searchsvc import schema
from searchsvc.search import query as ql
from searchsvc.search.engine import IndexArrays
from searchsvc.search.postings import Snapshot

#: Words this long or longer may have one typo; shorter words none.
ONE_TYPO_FROM = 5
#: Words this long or longer may have two typos.
TWO_TYPOS_FROM = 9
#: At most this many unknown words of one query are looked up (a pasted paragraph may hold hundreds).
MAX_WORDS_READ = 20
#: At most this many candidates of one word are measured letter by letter, nearest letter counts first.
MAX_CANDIDATES = 200
#: Longest word looked up: anything longer is not a misspelt word.
MAX_WORD_LENGTH = 24

_ALPHABET = 27  # a-z, and one count for every other letter
_NOT_AZ = re.compile(r"[^a-z]")
#: Spellings that sound alike, folded to one form; words that fold alike are one typo apart.
_SOUND_ALIKE = ((re.compile(r"ight"), "ite"), (re.compile(r"ph"), "f"), (re.compile(r"ck"), "k"))
_DOUBLED = re.compile(r"(.)\1+")
_FOLDS = re.compile(r"ight|ph|ck|(.)\1")


def allowed_typos(word: str) -> int:
    """How many typos a word of this length may have and still be read as an indexed word."""
    if len(word) >= TWO_TYPOS_FROM:
        return 2
    return 1 if len(word) >= ONE_TYPO_FROM else 0


def correctable(word: str, protected: Collection[str]) -> bool:
    """Whether ``word`` may be read as another: plain letters, no digits, not an acronym or a protected word."""
    if any(c.isdigit() for c in word) or len(word) < 3 or len(word) > MAX_WORD_LENGTH:
        return False
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return False
    return all(c.isalpha() or c in "-'" for c in word) and word.lower() not in protected


def sounds_alike(word: str) -> str:
    """``word`` with spellings that sound alike folded to one form (``oversight`` -> ``oversite``)."""
    for pattern, replacement in _SOUND_ALIKE:
        word = pattern.sub(replacement, word)
    return _DOUBLED.sub(r"\1", word)


def distance(a: str, b: str, limit: int) -> int:
    """Typos between ``a`` and ``b`` (optimal string alignment), or ``limit + 1`` once it is beyond ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        above, before, row = before, row, [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            row[j] = min(before[j] + 1, row[j - 1] + 1, before[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], above[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
    return row[-1]


class Lexicon:
    """The exact words of one generation, for finding the nearest to a misspelt one; read on first use.

    Not thread-safe, like the snapshot it reads: the service lends both to one search at a time.
    """

    def __init__(self) -> None:
        self._words: list[str] = []
        self._lengths = np.zeros(0, dtype=np.int16)
        self._letters = np.zeros((0, _ALPHABET), dtype=np.int16)
        self._folded: dict[str, list[str]] = {}
        self._read = False

    def _read_words(self, snapshot: Snapshot) -> None:
        words = sorted(
            {w for f in schema.EXACT_TWIN.values() for w in snapshot.words(f) if w.isalpha() and len(w) >= 3},
            key=lambda w: (len(w), w),
        )
        self._words = words
        self._lengths = np.array([len(w) for w in words], dtype=np.int16)
        self._letters = _letter_counts(words)
        # Only words that fold to another form can be reached this way and not by typos alone.
        for word in filter(_FOLDS.search, words):
            self._folded.setdefault(sounds_alike(word), []).append(word)
        self._read = True

    def candidates(self, snapshot: Snapshot, word: str, typos: int) -> list[tuple[int, str]]:
        """(typos, indexed word) for every indexed word within ``typos`` of ``word`` (lower case), nearest first."""
        if not self._read:
            self._read_words(snapshot)
        low, high = np.searchsorted(self._lengths, [len(word) - typos, len(word) + typos + 1])
        # Each typo changes at most two letter counts by one.
        apart = np.abs(self._letters[low:high] - _letter_counts([word])[0]).sum(axis=1)
        near = np.flatnonzero(apart <= 2 * typos)
        near = near[np.argsort(apart[near], kind="stable")][:MAX_CANDIDATES]
        found = {self._words[low + i]: distance(word, self._words[low + i], typos) for i in near.tolist()}
        for alike in self._folded.get(sounds_alike(word), ()):
            found[alike] = min(found.get(alike, typos + 1), 1)
        found.pop(word, None)
        return sorted((d, w) for w, d in found.items() if d <= typos)


def _letter_counts(words: list[str]) -> np.ndarray:
    """Per word, how often each of a-z (and any other letter, as one) occurs in it."""
    if not words:
        return np.zeros((0, _ALPHABET), dtype=np.int16)
    joined = _NOT_AZ.sub("{", "".join(words)).encode("ascii")
    codes = np.frombuffer(joined, dtype=np.uint8).astype(np.int64) - ord("a")
    owners = np.repeat(np.arange(len(words)), [len(w) for w in words])
    counts = np.bincount(owners * _ALPHABET + codes, minlength=len(words) * _ALPHABET)
    return counts.reshape(len(words), _ALPHABET).astype(np.int16)


def nearest(snapshot: Snapshot, lexicon: Lexicon, word: str, typos: int) -> str | None:
    """The indexed word nearest ``word``: fewest typos first, then held by the most releases; None beyond ``typos``."""
    if typos <= 0:
        return None
    found = lexicon.candidates(snapshot, analysis.fold(word), typos)
    if not found:
        return None
    fewest = found[0][0]
    closest = [w for d, w in found if d == fewest]
    return min(closest, key=lambda w: (-_frequency(snapshot, w), w))


def _frequency(snapshot: Snapshot, word: str) -> int:
    return sum(snapshot.doc_frequency(f, word) for f in schema.EXACT_TWIN.values())


def is_known(snapshot: Snapshot, arrays: IndexArrays, word: str, *, exact: bool = False) -> bool:
    """Whether a live release holds ``word``, stemmed in a searched field, or ``exact`` as written in an exact field.

    A stop word counts as known.
    """
    # Through the engine's postings cache: the search reads these postings
    # next anyway, so a query of known words costs nothing more here.
    terms = analysis.query_terms(word, exact=exact)
    fields = schema.EXACT_TWIN.values() if exact else schema.SEARCHED
    return not terms or any(len(arrays.postings(snapshot, f, t)[0]) for f in fields for t in terms)


@dataclass(frozen=True)
class ReadAs:
    """A query tree with misspelt words read as indexed ones, and which words were read as which."""

    node: ql.Node | None
    #: (word as typed, word read) in the order they stand in the query.
    corrected: tuple[tuple[str, str], ...] = ()


def read_as(
    node: ql.Node | None, snapshot: Snapshot, arrays: IndexArrays, lexicon: Lexicon, protected: Collection[str]
) -> ReadAs:
    """``node`` with each word no release holds read as the nearest indexed one.

    Plain words are looked up stemmed, words of quoted phrases as written;
    prefixes and words in a named field are left as typed.
    """
    plain = [w for w in unknown_words(node, snapshot, arrays, protected) if allowed_typos(w) > 0]
    quoted = [w for w in unknown_words(node, snapshot, arrays, protected, quoted=True) if allowed_typos(w) > 0]
    readings: dict[str, str | None] = {}
    for word in list(dict.fromkeys(plain + quoted))[:MAX_WORDS_READ]:
        readings[word] = nearest(snapshot, lexicon, word, allowed_typos(word))
    words = {w: read for w in plain if (read := readings.get(w))}
    in_phrases = {w: read for w in quoted if (read := readings.get(w))}
    if node is None or not (words or in_phrases):
        return ReadAs(node)
    return ReadAs(_replaced(node, words, in_phrases), tuple({**words, **in_phrases}.items()))


def unknown_words(
    node: ql.Node | None, snapshot: Snapshot, arrays: IndexArrays, protected: Collection[str], *, quoted: bool = False
) -> list[str]:
    """The distinct words of ``node`` that no release holds and that may be read as others, in order.

    Plain words (not prefixes or field words), stemmed; with ``quoted``, the
    words of quoted phrases (not field phrases), as written.
    """
    seen: dict[str, bool] = {}
    for word in _words(node, quoted):
        if word not in seen:
            seen[word] = correctable(word, protected) and not is_known(snapshot, arrays, word, exact=quoted)
    return [w for w, unknown in seen.items() if unknown]


def _words(node: ql.Node | None, quoted: bool) -> list[str]:
    """The plain words of ``node``, or with ``quoted`` the words of its quoted phrases, as typed."""
    if quoted:
        phrases = [p.text for p in ql.words_of(node) if isinstance(p, ql.Phrase) and p.field is None]
        return [w for text in phrases for w in analysis.words_text(text)]
    return [w.text for w in ql.words_of(node) if isinstance(w, ql.Word) and not w.prefix and w.field is None]


def _replaced(node: ql.Node, words: dict[str, str], in_phrases: dict[str, str]) -> ql.Node:
    """``node`` with plain ``words`` and words ``in_phrases`` replaced, each marked as a typo (weighed less)."""
    if isinstance(node, ql.Word):
        read = words.get(node.text) if node.field is None and not node.prefix else None
        return node if read is None else dataclasses.replace(node, text=read, typo=True)
    if isinstance(node, ql.Phrase):
        if node.field is not None or not in_phrases.keys() & set(analysis.words_text(node.text)):
            return node
        return dataclasses.replace(node, text=rewritten(node.text, in_phrases), typo=True)
    if isinstance(node, ql.Not):
        return node
    return type(node)(tuple(_replaced(c, words, in_phrases) for c in node.children))


def rewritten(q: str, corrected: dict[str, str]) -> str:
    """Query text ``q`` with each whole word in ``corrected`` (any case) replaced by the word it is read as."""
    for typed, read in corrected.items():
        # A function, not a replacement template: nothing in ``read`` is taken for a group reference.
        q = re.sub(rf"(?<!\w){re.escape(typed)}(?!\w)", _constant(read), q, flags=re.IGNORECASE)
    return q


def _constant(text: str) -> Callable[[re.Match[str]], str]:
    return lambda _found: text
