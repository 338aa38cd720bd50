"""The query language people type, parsed into a small tree: pure functions, no Whoosh.

Words are ANDed; ``"exact phrase"``; ``OR``; ``-word`` and ``NOT word``; a
trailing ``*`` for prefixes; ``field:word`` for the fields the caller allows;
parentheses. Only upper-case ``AND``/``OR``/``NOT`` are operators, so a pasted
sentence ("not good enough or timely") stays a sentence; in a query written
wholly in capitals with more than three other words, they are words too. The parser never
fails on odd syntax (an unmatched bracket or quote, a dangling ``OR``): it
reads what it can, the way a search box should. It raises ``QueryError`` only
for things that cannot be searched sensibly, which are bounded here so that no
query can cost more than a known amount.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

from searchsvc.errors import QueryError


@dataclass(frozen=True)
class Limits:
    """Bounds on what a query may ask for; an any-word query (a pasted paragraph) may be longer."""

    max_length: int = 1000
    max_token_length: int = 64
    max_terms: int = 200
    max_depth: int = 8
    #: Characters and words an any-word query may have. Its cost is bounded by
    #: its distinct words (repeats are weighed, not looked up again) and by the
    #: search's time limit.
    max_any_length: int = 10_000
    max_any_terms: int = 1000

    def for_any_word(self) -> Limits:
        """The limits of an any-word query: the larger of its own and the all-words ones."""
        return dataclasses.replace(
            self,
            max_length=max(self.max_length, self.max_any_length),
            max_terms=max(self.max_terms, self.max_any_terms),
        )


@dataclass(frozen=True)
class Word:
    """A word to look up, stemmed; ``prefix`` for a trailing ``*``; ``typo`` when read in place of a misspelt one."""

    text: str
    field: str | None = None
    prefix: bool = False
    typo: bool = False


@dataclass(frozen=True)
class Phrase:
    """Words that must stand together, in order, as written; ``typo`` when one was read in place of a misspelt one."""

    text: str
    field: str | None = None
    typo: bool = False


@dataclass(frozen=True)
class Not:
    """Releases that do not match ``child``."""

    child: Node


@dataclass(frozen=True)
class All:
    """Releases that match every child."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Any:
    """Releases that match at least one child."""

    children: tuple[Node, ...]


Node = Word | Phrase | Not | All | Any

# Typographic punctuation people paste in, folded to what the parser reads.
_FOLD = str.maketrans(
    {
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
        "‐": "-", "‑": "-", "−": "-",
        "–": " ", "—": " ",
    }
)  # fmt: skip
_TOKEN = re.compile(r'"[^"]*"?|[()]|[^\s()"]+')
_FIELD = re.compile(r"([A-Za-z_]+):(.*)", re.S)
_OPERATORS = frozenset({"AND", "OR", "NOT"})


def normalise(text: str) -> str:
    """Fold a query to one canonical form: NFKC, plain quotes and dashes, no control or format characters."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    kept = (" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)
    text = "".join(c for c in kept if unicodedata.category(c) not in ("Cf", "Cs", "Co", "Cn"))
    return " ".join(text.split())


def parse(
    text: str, *, fields: Collection[str] = (), limits: Limits | None = None, any_word: bool = False
) -> Node | None:
    """Parse query text into a tree, or None when there is nothing to search for.

    :param fields: the field names a user may put before a colon.
    :param any_word: the query will match any of its words, and may be as long as ``Limits.max_any_length``.
    :raise QueryError: the query is too long, too deep, has too many terms, a
        word too long to be a word, or a wildcard that is not at a word's end.
    """
    given = limits or Limits()
    limits = given.for_any_word() if any_word else given
    if len(text) > limits.max_length:
        raise QueryError(
            f"the query is {len(text):,} characters long; the limit is {limits.max_length:,}"
            + _any_word_hint(given, any_word),
            code="query_too_long",
            param="q",
        )
    text = normalise(text)
    tokens = _TOKEN.findall(text)
    if _shouted(text):
        # A query all in capitals is a pasted title or description, where
        # AND, OR and NOT are words like the rest, not operators.
        tokens = [t.lower() if t in _OPERATORS else t for t in tokens]
    _check_tokens(tokens, limits, _any_word_hint(given, any_word))
    parser = _Parser(tokens, frozenset(fields), limits)
    return parser.parse()


def _shouted(text: str) -> bool:
    """Whether ``text`` is written in capitals only, with more words than an operator query needs."""
    words = [w for w in text.split() if w not in _OPERATORS]
    return len(words) > 3 and not any(c.islower() for c in text) and any(c.isupper() for c in text)


def _any_word_hint(limits: Limits, any_word: bool) -> str:
    """What to say to an all-words query over the limits: that an any-word one may be longer."""
    if any_word:
        return ""
    wider = limits.for_any_word()
    return (
        " when every word must match; to search with a longer text, such as a pasted paragraph, "
        f"match any of the words (match=any), up to {wider.max_length:,} characters and {wider.max_terms:,} words"
    )


def _check_tokens(tokens: list[str], limits: Limits, hint: str) -> None:
    words = 0
    for token in tokens:
        for word in token.strip('"').split():
            words += 1
            if len(word) > limits.max_token_length:
                raise QueryError(
                    f"the word {word[:20]!r}… is {len(word)} characters long; "
                    f"words longer than {limits.max_token_length} cannot be searched",
                    code="token_too_long",
                    param="q",
                )
    if words > limits.max_terms:
        raise QueryError(
            f"the query has {words:,} words; the limit is {limits.max_terms:,}{hint}",
            code="too_many_terms",
            param="q",
        )


class _Parser:
    """A recursive-descent parser over the token list, bounded in depth."""

    def __init__(self, tokens: list[str], fields: frozenset[str], limits: Limits) -> None:
        self.tokens = tokens
        self.at = 0
        self.fields = fields
        self.limits = limits

    def parse(self) -> Node | None:
        node = self._any(depth=0)
        # Stray closing brackets end a group early; read on past them.
        while self.at < len(self.tokens):
            self.at += 1
            rest = self._any(depth=0)
            node = _join(All, [n for n in (node, rest) if n is not None])
        return node

    def _peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _any(self, depth: int) -> Node | None:
        groups = [self._all(depth)]
        while self._peek() == "OR":
            self.at += 1
            groups.append(self._all(depth))
        return _join(Any, [g for g in groups if g is not None])

    def _all(self, depth: int) -> Node | None:
        parts: list[Node] = []
        while (token := self._peek()) is not None and token not in ("OR", ")"):
            if token == "AND":
                self.at += 1
                continue
            node = self._unary(depth)
            if node is not None:
                parts.append(node)
        return _join(All, parts)

    def _unary(self, depth: int) -> Node | None:
        token = self.tokens[self.at]
        if token == "NOT" or (token.startswith("-") and len(token) > 1):
            if token == "NOT":
                self.at += 1
            else:
                self.tokens[self.at] = token[1:]
            if self._peek() in (None, "OR", ")"):
                return None
            child = self._unary(depth)
            if child is None:
                return None
            return child.child if isinstance(child, Not) else Not(child)
        return self._primary(depth)

    def _primary(self, depth: int) -> Node | None:
        token = self.tokens[self.at]
        self.at += 1
        if token == "(":
            if depth + 1 > self.limits.max_depth:
                raise QueryError(
                    f"brackets are nested more than {self.limits.max_depth} deep",
                    code="query_too_deep",
                    param="q",
                )
            node = self._any(depth + 1)
            if self._peek() == ")":
                self.at += 1
            return node
        field = None
        match = _FIELD.fullmatch(token)
        if match and match.group(1).lower() in self.fields:
            field, token = match.group(1).lower(), match.group(2)
            if not token and self._peek() is not None and self._peek() not in _OPERATORS | {")", "("}:
                token = self.tokens[self.at]
                self.at += 1
        return _term(token, field)


def _term(token: str, field: str | None) -> Node | None:
    if token.startswith('"'):
        text = token.strip('"').strip()
        return Phrase(text, field) if text else None
    if token in _OPERATORS or not token.strip("-*'"):
        return None
    if "*" in token and not re.search(r"\w", token):
        # A star among punctuation ("operators like *, +") is prose, not a wildcard.
        return None
    star = token.find("*")
    if star == -1:
        return Word(token, field)
    stem = token[:star]
    if star != len(token) - 1 or len(stem.strip("-'")) < 2 or not re.search(r"\w$", stem):
        raise QueryError(
            f"{token!r}: a * may only end a word of at least two letters, as in inspect*",
            code="bad_wildcard",
            param="q",
        )
    return Word(stem, field, prefix=True)


def _join(kind: type[All] | type[Any], nodes: list[Node]) -> Node | None:
    if not nodes:
        return None
    if len(nodes) == 1:
        return nodes[0]
    return kind(tuple(nodes))


def words_of(node: Node | None) -> list[Word | Phrase]:
    """The positive words and phrases of a tree, in order (for highlighting and suggestions)."""
    if node is None or isinstance(node, Not):
        return []
    if isinstance(node, Word | Phrase):
        return [node]
    return [w for child in node.children for w in words_of(child)]
