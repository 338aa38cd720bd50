"""Facet counts: each facet's values per document, and how many matches have each value.

Facet counts are disjunctive, as on GOV.UK finder pages: the counts of one
facet are taken over the matches filtered by every *other* facet, so choosing
"Good" still shows how many releases are "Inadequate". Each facet is an array
of value numbers per document, read once per index generation, counted over
the matches with one ``bincount``.
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
    """One facet's values, and per document the index of its value (-1: no live document)."""

    values: tuple[str, ...]
    codes: np.ndarray

    def mask(self, chosen: Iterable[str]) -> np.ndarray:
        """Per document, whether its value is one of ``chosen``."""
        wanted = [self.values.index(v) for v in chosen if v in self.values]
        return np.isin(self.codes, wanted)


def facet_columns(snapshot: Snapshot, live: np.ndarray) -> dict[str, FacetColumn]:
    """Every facet's column of one generation, deleted documents coded -1."""
    columns = {}
    for facet in schema.FACETS:
        values, codes = snapshot.column_codes(facet.name)
        codes[~live] = -1
        columns[facet.name] = FacetColumn(tuple(values), codes)
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
        tally = np.bincount(column.codes[scope], minlength=len(column.values))
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
