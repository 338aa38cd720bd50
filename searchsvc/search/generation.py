"""What is worth computing once per index generation: arrays, facet columns, dates, protected words, synonyms."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field

import numpy as np

from searchsvc import analysis
from searchsvc import schema
from searchsvc.search.engine import IndexArrays
from searchsvc.search.facets import FacetColumn
from searchsvc.search.facets import facet_columns
from searchsvc.search.plan import Synonyms
from searchsvc.search.postings import Snapshot
from searchsvc.search.typos import Lexicon

_MICROSECONDS_A_DAY = 86_400_000_000


@dataclass
class Generation:
    """One index generation's arrays and word lists, shared by every search of it."""

    number: int
    arrays: IndexArrays
    facets: dict[str, FacetColumn]
    #: Per document number: published date as an ordinal, or 0 when undated.
    published: np.ndarray
    #: Lower-cased words of unit names and acronyms: never "corrected".
    protected_words: frozenset[str]
    synonyms: Synonyms
    #: The exact words misspelt query words are read as (read on the first typo).
    lexicon: Lexicon = field(default_factory=Lexicon)


def read_generation(snapshot: Snapshot) -> Generation:
    """Read what every search of ``snapshot``'s generation needs."""
    arrays = IndexArrays(snapshot)
    return Generation(
        snapshot.generation,
        arrays,
        facet_columns(snapshot, arrays.live),
        _published(snapshot, arrays.live),
        frozenset(snapshot.words(schema.PROTECTED_FIELD)),
        synonyms(snapshot.words(schema.ACRONYM_FIELD)),
    )


def _published(snapshot: Snapshot, live: np.ndarray) -> np.ndarray:
    """Per document, its published date as an ordinal, 0 when undated or deleted."""
    # Raw column values are microseconds since datetime.min; a missing date is
    # stored as a sentinel far out of range, which Whoosh's own translation
    # turns into an OverflowError, so translate here.
    dates, codes = snapshot.column_codes(schema.PUBLISHED_FIELD, translate=False)
    raw = np.array(dates, dtype=np.uint64)[codes] if dates else np.zeros(snapshot.size, dtype=np.uint64)
    published = (raw // np.uint64(_MICROSECONDS_A_DAY)).astype(np.int64) + 1
    lowest, highest = datetime.date(1900, 1, 1).toordinal(), datetime.date(2200, 1, 1).toordinal()
    published[(published < lowest) | (published > highest) | ~live] = 0
    return published


def synonyms(pairs: Iterable[str]) -> Synonyms:
    """Two-way maps between stemmed acronyms and stemmed expansions, from ``acronym_pair`` keywords.

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
    return Synonyms(acronyms, expansions)
