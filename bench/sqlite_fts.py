"""The SQLite FTS5 baseline of the performance benchmark (``bench/fts5.py`` is the relevance one).

The corpus is loaded the way a Datasette user would: sqlite-utils inserts a
``releases`` table (id, title, body, rating, pdu, published) and enables FTS5
on title and body with the porter tokenizer and triggers, plus indexes on the
facet columns. The same database file is what Datasette serves in the
end-to-end run.

``FtsSearch`` does in-process what a results page needs, each part as SQLite
does it best: the total with ``count(*)``; the top ten by ``bm25()``;
``highlight()`` and ``snippet()`` for those ten only (one seek each, since
columns computed in an ORDER BY query are computed for every match); and
facet counts with ``GROUP BY`` over all matches.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from bench.corpus import iter_texts
from bench.querymix import PER_PAGE
from bench.querymix import Mode
from bench.querymix import Query
from bench.querymix import fts_match

TABLE = "releases"
FACETS = ("rating", "pdu")
#: bm25() column weights, as searchsvc weighs title over body.
TITLE_WEIGHT, BODY_WEIGHT = 4.0, 1.0


@dataclass(frozen=True)
class FtsPage:
    """What one FTS5 search found: enough to render a results page."""

    total: int
    hits: tuple[tuple[Any, ...], ...]
    highlights: tuple[tuple[str, str], ...]
    facets: dict[str, list[tuple[str | None, int]]]


def _rows(corpus: Path) -> Iterator[dict[str, Any]]:
    """One table row per release: text from its file, facet values from the manifest."""
    for truth, title, rest in iter_texts(corpus):
        yield {
            "id": truth.id,
            "title": title,
            "body": rest,
            "rating": truth.rating,
            "pdu": truth.pdu,
            "published": truth.published,
        }


def build_database(corpus: Path, db_path: Path) -> int:
    """Load the corpus into a fresh SQLite file with FTS5 (porter) on title and body; return the row count."""
    db_path.unlink(missing_ok=True)
    db = sqlite_utils.Database(db_path)
    try:
        table = db.table(TABLE)
        table.insert_all(_rows(corpus), pk="id", batch_size=1000)
        table.enable_fts(["title", "body"], tokenize="porter", create_triggers=True)
        for column in (*FACETS, "published"):
            table.create_index([column])
        db.conn.execute("ANALYZE")
        return table.count
    finally:
        db.close()


class FtsSearch:
    """Searches one FTS5 database in this process, read-only."""

    def __init__(self, db_path: Path) -> None:
        """Open ``db_path`` read-only."""
        self.conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def search(self, query: Query, mode: Mode) -> FtsPage:
        """The total, the top ten by bm25, and (as ``mode`` asks) their snippets and the facet counts."""
        match = fts_match(query.q)
        where, params = self._where(query, match)
        facets = {name: self._facet(name, where, params) for name in FACETS} if mode.facets else {}
        # Every match has exactly one rating (NULL included), so its counts add up to the total.
        total = sum(n for _, n in facets["rating"]) if facets else self._count(where, params)
        hits = self._top(where, params)
        highlights = tuple(self._snippets(match, hit[0]) for hit in hits) if mode.highlight else ()
        return FtsPage(total, hits, highlights, facets)

    def _where(self, query: Query, match: str) -> tuple[str, list[Any]]:
        """The WHERE clause (MATCH plus facet filters) and its parameters."""
        clauses = [f"{TABLE}.rowid IN (SELECT rowid FROM {TABLE}_fts WHERE {TABLE}_fts MATCH ?)"]
        params: list[Any] = [match]
        for name, values in query.filters.items():
            clauses.append(f"{TABLE}.[{name}] IN ({', '.join('?' * len(values))})")
            params.extend(values)
        return " AND ".join(clauses), params

    def _count(self, where: str, params: list[Any]) -> int:
        """How many rows match."""
        row = self.conn.execute(f"SELECT count(*) FROM {TABLE} WHERE {where}", params).fetchone()
        return int(row[0])

    def _top(self, where: str, params: list[Any]) -> tuple[tuple[Any, ...], ...]:
        # The MATCH has to stay on the FTS table itself for bm25() to have a cursor to score.
        """The best ten matches by bm25, with the fields a results page shows."""
        rest = where.split(" AND ", 1)[1] if " AND " in where else "1"
        sql = (
            f"SELECT {TABLE}.rowid, {TABLE}.id, {TABLE}.title, {TABLE}.rating, {TABLE}.pdu, "
            f"{TABLE}.published, bm25({TABLE}_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS score "
            f"FROM {TABLE}_fts JOIN {TABLE} ON {TABLE}.rowid = {TABLE}_fts.rowid "
            f"WHERE {TABLE}_fts MATCH ? AND {rest} ORDER BY score LIMIT {PER_PAGE}"
        )
        return tuple(self.conn.execute(sql, params).fetchall())

    def _snippets(self, match: str, rowid: int) -> tuple[str, str]:
        """The marked title and the best excerpt of the body of one matching row."""
        sql = (
            f"SELECT highlight({TABLE}_fts, 0, '<mark>', '</mark>'), "
            f"snippet({TABLE}_fts, 1, '<mark>', '</mark>', '…', 40) "
            f"FROM {TABLE}_fts WHERE {TABLE}_fts MATCH ? AND rowid = ?"
        )
        row = self.conn.execute(sql, (match, rowid)).fetchone()
        return (row[0], row[1]) if row else ("", "")

    def _facet(self, name: str, where: str, params: list[Any]) -> list[tuple[str | None, int]]:
        """Each value of column ``name`` among all matches, with its count, most frequent first."""
        sql = f"SELECT [{name}], count(*) AS n FROM {TABLE} WHERE {where} GROUP BY [{name}] ORDER BY n DESC"
        return [(value, int(n)) for value, n in self.conn.execute(sql, params)]


def update_body(db_path: Path, release_id: str, body: str) -> None:
    """Replace one release's body and commit (the FTS triggers reindex it)."""
    conn = sqlite3.connect(db_path)
    try:
        with conn:
            conn.execute(f"UPDATE {TABLE} SET body = ? WHERE id = ?", (body, release_id))
    finally:
        conn.close()


def read_body(db_path: Path, release_id: str) -> str:
    """One release's body."""
    conn = sqlite3.connect(db_path)
    try:
        row = conn.execute(f"SELECT body FROM {TABLE} WHERE id = ?", (release_id,)).fetchone()
        return str(row[0])
    finally:
        conn.close()
