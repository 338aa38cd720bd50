"""The index schema: the only module that spells field names.

Other modules reach fields through ``FACETS``, ``SEARCHED``, ``QUERY_FIELDS``
and ``document(release)``.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh.fields import DATETIME
from whoosh.fields import ID
from whoosh.fields import KEYWORD
from whoosh.fields import STORED
from whoosh.fields import TEXT
from whoosh.fields import Schema

from searchsvc import analysis
from searchsvc.releases import Acronym
from searchsvc.releases import PreviousRating
from searchsvc.releases import Quote
from searchsvc.releases import Release
from searchsvc.releases import SubRating
from searchsvc.releases import Unit
from searchsvc.releases.model import ListSpan

#: Bumped whenever a field changes meaning. The version and a fingerprint of
#: the analysis are part of the index name, so an index built by another
#: version is never opened as if it were ours: the indexer builds a fresh one
#: beside it instead, and removes the old one's files once the new one is in.
SCHEMA_VERSION = 10  # 9: a kind facet; multi-valued unit, unit type and rating; 10: lists in the body and notes
INDEX_PREFIX = "releases_v"
INDEX_NAME = f"{INDEX_PREFIX}{SCHEMA_VERSION}_{hashlib.sha256(analysis.FINGERPRINT.encode()).hexdigest()[:10]}"


@dataclass(frozen=True)
class Facet:
    """A field users filter and count by."""

    name: str
    label: str
    #: What a release without a value is filed under. Whoosh would otherwise
    #: count a missing sortable value as the empty string.
    missing_label: str


FACETS: tuple[Facet, ...] = (
    Facet("rating", "Overall rating", "Not rated"),
    Facet("unit_type", "Unit type", "No unit"),
    Facet("pdu", "Unit inspected", "No unit named"),
    Facet("region", "Region", "No region stated"),
    Facet("chief_inspector", "Chief Inspector", "Not named"),
    Facet("year", "Year published", "Undated"),
    Facet("kind", "Release type", "Not stated"),
)
FACET_NAMES: tuple[str, ...] = tuple(f.name for f in FACETS)

#: Facets a release has one value of for each distinct value among its
#: inspected units. The column still holds one value per document: the
#: distinct values joined by ``VALUE_SEPARATOR``, which ``split_facet_value``
#: takes apart, so facet counting stays one ``bincount`` over documents.
MULTI_VALUED: frozenset[str] = frozenset({"rating", "unit_type", "pdu"})
#: Joins a multi-valued facet's values in its column: a control character no name, type or rating holds.
VALUE_SEPARATOR = "\x1f"

#: The ranked text fields, and the weights query plans carry for them. The
#: weights scores use are ``RankingSettings``' (``SEARCHSVC_RANKING_*_WEIGHT``):
#: the engine swaps a field paired with its weight here for the setting.
SEARCHED: Mapping[str, float] = {"title": 2.0, "body": 1.0, "notes": 0.15}

#: For each ranked field, the unstemmed twin quoted phrases are matched in.
EXACT_TWIN: Mapping[str, str] = {"title": "title_exact", "body": "body_exact", "notes": "notes_exact"}

#: The field names a user may put before a colon, and the fields they search.
QUERY_FIELDS: Mapping[str, str] = {
    "title": "title",
    "pdu": "unit_text",
    "unit": "unit_text",
    "rating": "rating_text",
    "region": "region_text",
    "inspector": "inspector_text",
}

#: Field holding the (exact) words the spelling suggester may propose.
SPELLING_FIELD = "body_exact"
#: Field holding lower-cased acronyms the releases define, and unit and region
#: words: the spelling suggester never "corrects" these.
PROTECTED_FIELD = "protected"
#: Field holding "short=expansion_words" pairs for the acronyms releases define,
#: read back from the lexicon to make two-way synonyms at query time.
ACRONYM_FIELD = "acronyms"
#: The field holding the overall rating as a value, for boosting releases
#: whose overall rating a query names.
RATING_FIELD = "rating"

ID_FIELD = "id"
HASH_FIELD = "content_hash"
#: "size:mtime_ns:indexed_at_ns" of the file a release was read from, so an
#: update need not read and hash files that have not been touched.
FILE_STAT_FIELD = "file_stat"
#: The ending of the file beside each segment that maps its exact words to
#: their stems (marshal): written by the segment writer, read by searches so
#: they need not import NLTK to stem words the index has seen.
STEMS_SUFFIX = ".stm"
PUBLISHED_FIELD = "published"
RELEASE_FIELD = "release"


class PublishedDate(DATETIME):  # type: ignore[misc]
    """A date kept as a per-document column only, not indexed.

    Searches filter and sort by the column (``search`` reads it in bulk),
    and never look up its terms: Whoosh indexes a date as 8 terms, a
    fiftieth of building a release's document. Version 7 dropped them.
    """

    indexed = False


SCHEMA = Schema(
    id=ID(unique=True, stored=True, sortable=True),
    content_hash=ID(stored=True, sortable=True),
    file_stat=ID(sortable=True),
    title=TEXT(analyzer=analysis.STEMMED, stored=True, phrase=True),
    body=TEXT(analyzer=analysis.STEMMED, phrase=True),
    notes=TEXT(analyzer=analysis.STEMMED, phrase=True),
    title_exact=TEXT(analyzer=analysis.EXACT, phrase=True),
    body_exact=TEXT(analyzer=analysis.EXACT, phrase=True, spelling=True),
    notes_exact=TEXT(analyzer=analysis.EXACT, phrase=True),
    unit_text=TEXT(analyzer=analysis.STEMMED),
    rating_text=TEXT(analyzer=analysis.STEMMED),
    region_text=TEXT(analyzer=analysis.STEMMED),
    inspector_text=TEXT(analyzer=analysis.STEMMED),
    rating=ID(stored=True, sortable=True),
    unit_type=ID(stored=True, sortable=True),
    pdu=ID(stored=True, sortable=True),
    region=ID(stored=True, sortable=True),
    chief_inspector=ID(stored=True, sortable=True),
    year=ID(stored=True, sortable=True),
    kind=ID(stored=True, sortable=True),
    published=PublishedDate(sortable=True),
    protected=KEYWORD(lowercase=True),
    acronyms=KEYWORD(lowercase=True),
    release=STORED(),
)


def acronym_pair(short: str, expansion: str) -> str:
    """One keyword for an acronym and its expansion: "spo=senior_probation_officer"."""
    return f"{short}={'_'.join(analysis.words_text(expansion))}".lower()


def split_acronym_pair(pair: str) -> tuple[str, str]:
    """The (short, expansion) of an ``acronym_pair`` keyword."""
    short, _, words = pair.partition("=")
    return short, words.replace("_", " ")


def sizes_path(index_dir: Path, generation: int) -> Path:
    """The manifest of file sizes written after generation ``generation`` of the index was committed."""
    return index_dir / f"_{INDEX_NAME}_{generation}.sizes"


def release_stats_path(index_dir: Path, generation: int) -> Path:
    """The snapshot of each indexed release's file size and modification time, for generation ``generation``."""
    return index_dir / f"_{INDEX_NAME}_{generation}.stats"


def changed_files(index_dir: Path, generation: int) -> list[str]:
    """Files of ``generation`` that are missing or not the size its manifest records (none if it has none)."""
    try:
        recorded = json.loads(sizes_path(index_dir, generation).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    changed = []
    for name, size in recorded.items():
        try:
            if (index_dir / name).stat().st_size != size:
                changed.append(name)
        except OSError:
            changed.append(name)
    return sorted(changed)


def index_exists(index_dir: Path) -> bool:
    """Whether ``index_dir`` holds a table of contents of an index of this version.

    This looks for the file rather than opening the index, so that a damaged
    index counts as existing (and is reported as damaged, not as missing).
    """
    return index_dir.is_dir() and any(index_dir.glob(f"_{INDEX_NAME}_*.toc"))


def body_text(release: Release) -> str:
    """The body as one string, paragraphs separated by blank lines (what highlighting works on)."""
    return "\n\n".join(release.body)


def notes_text(release: Release) -> str:
    """The notes to editors as one string, one item a paragraph."""
    return "\n\n".join(release.notes)


def facet_values(release: Release) -> dict[str, str]:
    """Each facet's column value for ``release``, with the facet's label for a missing one.

    A multi-valued facet's value is its distinct values, first unit's first,
    joined by ``VALUE_SEPARATOR``.
    """
    year = str(release.published.year) if release.published else None
    raw = {
        "rating": _joined(release.rating, (u.rating for u in release.units)),
        "unit_type": _joined(release.unit_type, (u.type for u in release.units)),
        "pdu": _joined(release.pdu, (u.name for u in release.units)),
        "region": release.region,
        "chief_inspector": release.chief_inspector,
        "year": year,
        "kind": release.kind,
    }
    return {f.name: raw[f.name] or f.missing_label for f in FACETS}


def _joined(first: str | None, of_units: Iterable[str | None]) -> str:
    """The distinct values among ``first`` and the units', in order, joined by ``VALUE_SEPARATOR``."""
    # ``first`` is the first unit's value, but a release parsed without units still has it.
    distinct = dict.fromkeys(v.replace(VALUE_SEPARATOR, " ") for v in (first, *of_units) if v)
    return VALUE_SEPARATOR.join(distinct)


def split_facet_value(value: str) -> tuple[str, ...]:
    """The values the column value of a ``MULTI_VALUED`` facet stands for."""
    return tuple(value.split(VALUE_SEPARATOR))


def _unit_names(release: Release) -> list[str | None]:
    """The names of the units ``release`` inspects (``pdu``, the first, also for a release parsed without units)."""
    return [release.pdu, *(u.name for u in release.units)]


def unit_words(release: Release) -> list[str]:
    """The names and types of every unit ``release`` inspects, first unit first (no repeats)."""
    words = [release.pdu, release.unit_type, *(part for u in release.units for part in (u.name, u.type))]
    return list(dict.fromkeys(w for w in words if w))


def document(release: Release, content_hash: str, file_stat: str = "") -> dict[str, Any]:
    """The Whoosh document for ``release`` (``file_stat``: see ``FILE_STAT_FIELD``)."""
    body, notes = body_text(release), notes_text(release)
    published = datetime.datetime.combine(release.published, datetime.time()) if release.published else None
    doc: dict[str, Any] = {
        "id": release.id,
        "content_hash": content_hash,
        "file_stat": file_stat,
        "title": release.title,
        "body": body,
        "notes": notes,
        "title_exact": release.title,
        "body_exact": body,
        "notes_exact": notes,
        "unit_text": " ".join(unit_words(release)),
        "rating_text": " ".join(dict.fromkeys(filter(None, [release.rating, *(u.rating for u in release.units)]))),
        "region_text": release.region or "",
        "inspector_text": release.chief_inspector or "",
        "release": release_to_json(release),
        "acronyms": " ".join(acronym_pair(a.short, a.expansion) for a in release.acronyms),
        "protected": " ".join(
            [a.short for a in release.acronyms]
            + analysis.words_text(
                " ".join(filter(None, [release.pdu, *(u.name for u in release.units), release.region]))
            )
        ),
        **facet_values(release),
    }
    if published is not None:
        doc["published"] = published
    return doc


def release_to_json(release: Release) -> str:
    """Serialise a release for the stored field (dates as ISO strings)."""
    # The parts' own attribute dicts rather than ``dataclasses.asdict``,
    # which deep-copies every part first: a tenth of building a document.
    return json.dumps(vars(release), ensure_ascii=False, default=_json_part)


def _json_part(part: Any) -> Any:
    """A release part as JSON takes it: a dataclass as its fields, a date as ISO text."""
    if isinstance(part, datetime.date):
        return part.isoformat()
    return vars(part)


def release_from_json(text: str) -> Release:
    """Rebuild a release from ``release_to_json`` output."""
    data = json.loads(text)
    published = data["published"]
    return Release(
        **{
            **data,
            "body": tuple(data["body"]),
            "notes": tuple(data["notes"]),
            "quotes": tuple(Quote(**q) for q in data["quotes"]),
            "previous_ratings": tuple(PreviousRating(**p) for p in data["previous_ratings"]),
            "sub_ratings": tuple(SubRating(**s) for s in data["sub_ratings"]),
            "acronyms": tuple(Acronym(**a) for a in data["acronyms"]),
            "units": tuple(Unit(**u) for u in data.get("units", ())),
            "body_lists": tuple(ListSpan(**s) for s in data.get("body_lists", ())),
            "notes_lists": tuple(ListSpan(**s) for s in data.get("notes_lists", ())),
            "published": datetime.date.fromisoformat(published) if published else None,
        }
    )
