"""Spotting searchsvc query-language syntax in benchmark queries, and writing queries without it.

The judged queries are English sentences, but searchsvc reads some of their
characters as syntax (see ``searchsvc.query``): ``"`` quotes a phrase,
upper-case AND/OR/NOT are operators, ``-word`` excludes, ``word*`` is a
prefix, brackets group (and a group is all-words even when the request asks
for any word), and ``title:`` and the like name a field. The benchmark runs
queries as written, counts which of them carry such syntax, and can also run
them "plain", with every piece of syntax turned back into ordinary words.
"""

from __future__ import annotations

import re

from searchsvc import schema
from searchsvc.search import query as ql

_OPERATOR = re.compile(r"(?<![^\s()\"])(?:AND|OR|NOT)(?![^\s()\"])")
_NEGATION = re.compile(r"(?<![^\s(])-+(?=[^\s()\"-])")
_FIELD = re.compile(r"\b(" + "|".join(schema.QUERY_FIELDS) + r"):", re.IGNORECASE)

#: Kind of syntax → the pattern that finds it in normalised query text.
SYNTAX: dict[str, re.Pattern[str]] = {
    "phrase quotes": re.compile(r'"'),
    "AND/OR/NOT": _OPERATOR,
    "-negation": _NEGATION,
    "prefix*": re.compile(r"\*"),
    "brackets": re.compile(r"[()]"),
    "field:": _FIELD,
}


def syntax_in(text: str) -> tuple[str, ...]:
    """The kinds of syntax (keys of ``SYNTAX``) that ``text`` uses, after searchsvc's own normalising."""
    normalised = ql.normalise(text)
    return tuple(kind for kind, pattern in SYNTAX.items() if pattern.search(normalised))


def plain(text: str) -> str:
    """``text`` with all query syntax made into plain words: searchsvc then ORs every word alike.

    Quote marks, brackets and ``*`` become spaces, a leading ``-`` is dropped,
    AND/OR/NOT are lower-cased (so they are stop words or plain words, as in
    the sentence), and ``title:`` loses its colon.
    """
    text = ql.normalise(text)
    text = _OPERATOR.sub(lambda m: m.group(0).lower(), text)
    text = _NEGATION.sub("", text)
    text = _FIELD.sub(r"\1 ", text)
    return " ".join(re.sub(r'["()*]', " ", text).split())
