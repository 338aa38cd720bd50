"""Facet counts: each facet's values per document, and how many matches have each value.

Facet counts are disjunctive, as on GOV.UK finder pages: the counts of one
facet are taken over the matches filtered by every *other* facet, so choosing
"Good" still shows how many releases are "Inadequate". Each facet is an array
of value numbers per document, read once per index generation, counted over
the matches with one ``bincount``.

A release with several inspected units has several values of the unit, unit
type and rating facets. Its column holds one code per document all the
same: the code of its *set* of values. Each set's values are kept as a
compressed sparse row (``set_starts``, ``set_values``), so counting is a
``bincount`` of set codes over the matches, then one weighted ``bincount``
over the few distinct sets; a set holds each value once, so a release is
counted once per value.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from searchsvc import schema
from searchsvc.search.page import FacetCounts
from searchsvc.search.page import FacetValue
from searchsvc.search.postings import Snapshot


@dataclass(frozen=True)
class FacetColumn:
    """One facet's values, and per document the index of its set of values (-1: no live document)."""

    values: tuple[str, ...]
    codes: np.ndarray
    #: Set ``i`` holds the values numbered ``set_values[set_starts[i]:set_starts[i + 1]]``; both None when
    #: every set is one value and set ``i`` is value ``i`` (every single-valued facet, and most of the time
    #: the others), so counting costs what it did before facets had several values.
    set_starts: np.ndarray | None = None
    set_values: np.ndarray | None = None

    def mask(self, chosen: Iterable[str]) -> np.ndarray:
        """Per document, whether one of its values is one of ``chosen``."""
        wanted = [self.values.index(v) for v in chosen if v in self.values]
        if self.set_starts is None or self.set_values is None:
            return np.isin(self.codes, wanted)
        owner = np.repeat(np.arange(len(self.set_starts) - 1), np.diff(self.set_starts))
        return np.isin(self.codes, np.unique(owner[np.isin(self.set_values, wanted)]))

    def counts(self, scope: np.ndarray) -> np.ndarray:
        """How many documents of ``scope`` have each value."""
        if self.set_starts is None or self.set_values is None:
            return np.bincount(self.codes[scope], minlength=len(self.values))
        sizes = np.diff(self.set_starts)
        per_set = np.bincount(self.codes[scope], minlength=len(sizes))
        tally = np.bincount(self.set_values, weights=np.repeat(per_set, sizes), minlength=len(self.values))
        return tally.astype(np.int64)


def facet_column(sets: Iterable[str], codes: np.ndarray, *, multi_valued: bool = True) -> FacetColumn:
    """A facet's column from its distinct column values (each a set of values, when ``multi_valued``)
    and each document's code."""
    numbering: dict[str, int] = {}
    starts, members = [0], list[int]()
    for joined in sets:
        values = schema.split_facet_value(joined) if multi_valued else (joined,)
        members.extend(numbering.setdefault(v, len(numbering)) for v in values)
        starts.append(len(members))
    if members == list(range(len(starts) - 1)):
        return FacetColumn(tuple(numbering), codes)
    return FacetColumn(tuple(numbering), codes, np.array(starts, dtype=np.int64), np.array(members, dtype=np.int64))


def facet_columns(snapshot: Snapshot, live: np.ndarray) -> dict[str, FacetColumn]:
    """Every facet's column of one generation, deleted documents coded -1."""
    columns = {}
    for facet in schema.FACETS:
        values, codes = snapshot.column_codes(facet.name)
        codes[~live] = -1
        columns[facet.name] = facet_column(values, codes, multi_valued=facet.name in schema.MULTI_VALUED)
    return columns


def count_facets(
    columns: Mapping[str, FacetColumn],
    base: np.ndarray,
    selected: Mapping[str, np.ndarray],
    filters: Mapping[str, tuple[str, ...]],
) -> tuple[FacetCounts, ...]:
    """Each facet's counts over ``base`` filtered by the ``selected`` masks of every other facet."""
    out = []
    for facet in schema.FACETS:
        scope = base
        for name, mask in selected.items():
            if name != facet.name:
                scope = scope & mask
        column = columns[facet.name]
        tally = column.counts(scope)
        chosen = set(filters.get(facet.name, ()))
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
