"""The twelve probation regions: one canonical spelling each, whatever the punctuation."""

from __future__ import annotations

import re

from searchsvc.releases.model import REGIONS

_NON_WORD = re.compile(r"[^a-z0-9]+")
#: "England and Wales": the whole service, whose "Wales" is no region.
ENGLAND_AND_WALES = re.compile(r"\bEngland\s+(?:and|&)\s+Wales\b")


def _key(text: str) -> str:
    """``text`` lower-cased with punctuation, "&", "the" and a trailing "region" gone: what spellings share."""
    words = _NON_WORD.sub(" ", text.lower().replace("&", " and ")).split()
    words = [word for word in words if word != "the"]
    while words and words[-1] in {"region", "probation"}:
        words = words[:-1]
    return " ".join(words)


_BY_KEY = {_key(region): region for region in REGIONS} | {"kss": "Kent Surrey and Sussex"}


def canonical_region(text: str) -> str | None:
    """The REGIONS spelling of a region name ("Kent, Surrey, and Sussex" → "Kent Surrey and Sussex"), else None."""
    return _BY_KEY.get(_key(text))


def region_named_in(text: str) -> str | None:
    """The first of the twelve regions ``text`` names anywhere, e.g. in a title."""
    key = f" {_key(text)} "
    found = [(key.find(f" {k} "), region) for k, region in _BY_KEY.items() if k != "kss" and f" {k} " in key]
    return min(found)[1] if found else None
