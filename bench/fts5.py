"""The baseline engine: SQLite FTS5 with the porter tokenizer, ranked by ``bm25()``.

This is the "ordinary BM25" of shared/ircoll/README.md (k1=1.2, b=0.75 are
FTS5's fixed values): documents are title and text in one column, and a query
is the OR of its words, each quoted so that nothing in the text is read as
FTS5 syntax.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable

from bench.ircoll import Document

# FTS5's unicode61 tokenizer (under porter) splits on everything but letters and
# digits; taking the words the same way means no query word is lost or merged.
_WORD = re.compile(r"[^\W_]+")


def build(documents: Iterable[Document]) -> sqlite3.Connection:
    """An in-memory FTS5 table of ``documents`` (title, a blank line, then text)."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE docs USING fts5(doc_id UNINDEXED, content, tokenize = 'porter')")
    with conn:
        conn.executemany(
            "INSERT INTO docs (doc_id, content) VALUES (?, ?)",
            ((d.id, f"{d.title}\n\n{d.text}" if d.title else d.text) for d in documents),
        )
    return conn


def match_expression(text: str) -> str | None:
    """The FTS5 MATCH expression for ``text``: its words as quoted strings joined by OR.

    Repeated words are kept, as in the README's peers, so a word the query
    says twice counts twice. Returns None when the text has no word.
    """
    words = _WORD.findall(text)
    if not words:
        return None
    # Inside an FTS5 string a double quote is written twice; the word pattern
    # admits none, but quoting stays correct if the pattern ever changes.
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in words)


def search(conn: sqlite3.Connection, text: str, *, depth: int) -> list[tuple[str, float]]:
    """The best ``depth`` documents for ``text`` as ``(doc_id, score)``, best first.

    ``bm25()`` is lower for better matches, so the score is its negation;
    equal scores are ordered by document id to keep runs repeatable.
    """
    expression = match_expression(text)
    if expression is None:
        return []
    rows = conn.execute(
        "SELECT doc_id, -bm25(docs) AS score FROM docs WHERE docs MATCH ? ORDER BY score DESC, doc_id LIMIT ?",
        (expression, depth),
    )
    return [(doc_id, float(score)) for doc_id, score in rows]
