"""The stems table written beside each segment: its words' stems, for searches to look up instead of importing NLTK."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from searchsvc import analysis
from searchsvc import schema


def write_table(folder: str, segment_id: str, postings: Mapping[str, Any], exact_fields: Iterable[str]) -> None:
    """Write the stem of each term of a segment's ``exact_fields``, and of its acronym expansions' words.

    The SQLite table goes to ``<segment_id><schema.STEMS_SUFFIX>`` in
    ``folder``; a search reads it through the read door
    (``postings.Snapshot.stems_of``) and hands the stems to
    ``analysis.remember_stems``. Named as one of the segment's files, Whoosh
    removes it with the segment; stock Whoosh never reads it.
    """
    terms = {term for field in exact_fields for term in postings.get(field, {})}
    # Acronym expansions are stemmed when a search reads the generation.
    for pair in postings.get(schema.ACRONYM_FIELD, {}):
        text = pair if isinstance(pair, str) else pair.decode("utf-8")
        terms.update(analysis.exact_positions(" ".join(schema.split_acronym_pair(text))))
    rows = [(term, stem) for term in terms if (stem := analysis.index_stem(term)) is not None]
    with contextlib.closing(sqlite3.connect(Path(folder) / f"{segment_id}{schema.STEMS_SUFFIX}")) as db:
        # A segment is written whole before any commit names it: a killed
        # build leaves a file nobody reads, so no journal is needed.
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("CREATE TABLE stems (word TEXT PRIMARY KEY, stem TEXT NOT NULL) WITHOUT ROWID")
        db.executemany("INSERT OR IGNORE INTO stems VALUES (?, ?)", rows)
        db.commit()
