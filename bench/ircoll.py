"""Loading the classic IR test collections in shared/ircoll: documents, queries and judgements.

The collections come in three layouts. Cranfield, CISI, MEDLINE and CACM use
SMART-style records (``.I id`` then ``.T``/``.W``/... field markers); NPL uses
numbered blocks closed by a ``/`` line. The judgement files differ again, so
each collection has its own small loader, and everything is returned as one
``Collection`` value. Parsing is pure functions over text; only ``load``
touches files. Every count is checked against shared/ircoll/SOURCES.md, so a
wrong file or a parsing slip fails loudly instead of skewing the scores.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: Gains a judged-relevant document gets when the collection has no grades.
RELEVANT = 1


@dataclass(frozen=True)
class Document:
    """One document; ``title`` is empty when the collection (or this document) has none."""

    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Collection:
    """A test collection: documents, the judged queries, and graded judgements (gain 0 = not relevant)."""

    name: str
    documents: tuple[Document, ...]
    #: Query id → query text as written; only queries that have judgements.
    queries: dict[str, str]
    #: Query id → document id → gain. Only Cranfield grades (gains 1-4); nDCG uses the gains as they are.
    qrels: dict[str, dict[str, int]]


# --------------------------------------------------------------------------- SMART records

_RECORD_START = re.compile(r"^\.I\s+(\S+)\s*$")
_FIELD_MARK = re.compile(r"^\.([A-Z])(?:\s+(.*))?$")


def smart_records(text: str, *, runs_to_end: str | None = None) -> Iterator[tuple[str, dict[str, str]]]:
    """Yield ``(id, {field letter: text})`` for each ``.I`` record; a repeated field is appended to.

    :param runs_to_end: a field that, once begun, runs to the next ``.I`` so
        that marker-like lines inside it are kept as its text. Cranfield needs
        this: document 240 has stray ``.A``/``.B`` lines in its abstract.
    """
    record_id: str | None = None
    fields: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.splitlines():
        start = _RECORD_START.match(line)
        if start:
            if record_id is not None:
                yield record_id, _joined(fields)
            record_id, fields, current = start.group(1), {}, None
            continue
        mark = _FIELD_MARK.match(line)
        if mark and not (runs_to_end is not None and current == runs_to_end):
            current = mark.group(1)
            fields.setdefault(current, [])
            line = mark.group(2) or ""
        if current is not None and line.strip():
            fields[current].append(line.strip())
    if record_id is not None:
        yield record_id, _joined(fields)


def _joined(fields: dict[str, list[str]]) -> dict[str, str]:
    return {name: " ".join(lines) for name, lines in fields.items()}


def _smart_documents(text: str, title: str | None, body: str, **options: str) -> tuple[Document, ...]:
    return tuple(
        Document(doc_id, fields.get(title, "") if title else "", fields.get(body, ""))
        for doc_id, fields in smart_records(text, **options)
    )


def _smart_queries(text: str) -> list[str]:
    """The ``.W`` text of each query record, in file order."""
    return [fields.get("W", "") for _, fields in smart_records(text)]


# --------------------------------------------------------------------------- NPL blocks


def slash_blocks(text: str) -> Iterator[tuple[str, str]]:
    """Yield ``(id, text)`` for NPL's blocks: an id line, text lines, then a lone ``/``."""
    block: list[str] = []
    for line in text.splitlines():
        if line.strip() == "/":
            if block:
                yield block[0].strip(), " ".join(part.strip() for part in block[1:] if part.strip())
            block = []
        elif line.strip() or block:
            block.append(line)


# --------------------------------------------------------------------------- judgements


def column_qrels(text: str, query_col: int, doc_col: int) -> dict[str, dict[str, int]]:
    """Judgements listed one (query, document) pair a line; every listed pair is relevant.

    Query ids are normalised to plain integers ("01" → "1") as the query files number them.
    """
    qrels: dict[str, dict[str, int]] = {}
    for line in text.splitlines():
        cols = line.split()
        if cols:
            qrels.setdefault(str(int(cols[query_col])), {})[cols[doc_col]] = RELEVANT
    return qrels


def cranfield_qrels(text: str) -> dict[str, dict[str, int]]:
    """``cranqrel``: "query doc code"; code 1 (complete answer) … 4 (minimal interest) → gain 5 − code.

    Code −1 marks a judged non-relevant document and gets gain 0.
    """
    qrels: dict[str, dict[str, int]] = {}
    for line in text.splitlines():
        cols = line.split()
        if cols:
            code = int(cols[2])
            qrels.setdefault(cols[0], {})[cols[1]] = 5 - code if 1 <= code <= 4 else 0
    return qrels


def npl_qrels(text: str) -> dict[str, dict[str, int]]:
    """``rlv-ass``: a query id, then the ids of its relevant documents over several lines, then ``/``."""
    qrels: dict[str, dict[str, int]] = {}
    for query_id, ids in slash_blocks(text):
        qrels[query_id] = dict.fromkeys(ids.split(), RELEVANT)
    return qrels


# --------------------------------------------------------------------------- the five collections


def _read(path: Path) -> str:
    # Universal newlines: CISI and MEDLINE have CRLF line ends.
    return path.read_text(encoding="ascii")


def _judged(queries: dict[str, str], qrels: dict[str, dict[str, int]]) -> dict[str, str]:
    return {qid: text for qid, text in queries.items() if qid in qrels}


def load_cranfield(folder: Path) -> Collection:
    """Cranfield: queries are numbered 1..225 in file order, as ``cranqrel`` numbers them."""
    documents = _smart_documents(_read(folder / "cran.all.1400"), "T", "W", runs_to_end="W")
    queries = {str(n): text for n, text in enumerate(_smart_queries(_read(folder / "cran.qry")), start=1)}
    qrels = cranfield_qrels(_read(folder / "cranqrel"))
    return Collection("cranfield", documents, _judged(queries, qrels), qrels)


def load_cisi(folder: Path) -> Collection:
    """CISI: a query is its ``.W`` text, after its ``.T`` title where it has one.

    Half the queries are articles (title, authors, abstract, source); their
    title is part of what they ask. With title + text the FTS5 baseline gives
    exactly the README's figures, and with ``.W`` alone it does not.
    """
    documents = _smart_documents(_read(folder / "CISI.ALL"), "T", "W")
    queries = {
        qid: " ".join(filter(None, (fields.get("T"), fields.get("W"))))
        for qid, fields in smart_records(_read(folder / "CISI.QRY"))
    }
    qrels = column_qrels(_read(folder / "CISI.REL"), 0, 1)
    return Collection("cisi", documents, _judged(queries, qrels), qrels)


def load_medline(folder: Path) -> Collection:
    """MEDLINE: abstracts without titles; ``MED.REL`` is TREC-style "query 0 doc 1"."""
    documents = _smart_documents(_read(folder / "MED.ALL"), None, "W")
    queries = {qid: fields.get("W", "") for qid, fields in smart_records(_read(folder / "MED.QRY"))}
    qrels = column_qrels(_read(folder / "MED.REL"), 0, 2)
    return Collection("medline", documents, _judged(queries, qrels), qrels)


def load_cacm(folder: Path) -> Collection:
    """CACM: title and abstract (``.T`` + ``.W``); many documents have only a title."""
    documents = _smart_documents(_read(folder / "cacm.all"), "T", "W")
    queries = {qid: fields.get("W", "") for qid, fields in smart_records(_read(folder / "query.text"))}
    qrels = column_qrels(_read(folder / "qrels.text"), 0, 1)
    return Collection("cacm", documents, _judged(queries, qrels), qrels)


def load_npl(folder: Path) -> Collection:
    """NPL ("vaswani"): short lower-case abstracts without titles; queries are in capitals."""
    documents = tuple(Document(doc_id, "", text) for doc_id, text in slash_blocks(_read(folder / "doc-text")))
    queries = dict(slash_blocks(_read(folder / "query-text")))
    qrels = npl_qrels(_read(folder / "rlv-ass"))
    return Collection("npl", documents, _judged(queries, qrels), qrels)


@dataclass(frozen=True)
class Source:
    """Where a collection lives under shared/ircoll, how to load it, and its sizes from SOURCES.md."""

    folder: str
    #: The name the README's tables use.
    label: str
    loader: Callable[[Path], Collection]
    documents: int
    judged_queries: int
    judgements: int


SOURCES: dict[str, Source] = {
    "cranfield": Source("cranfield", "Cranfield", load_cranfield, 1400, 225, 1837),
    "cisi": Source("cisi", "CISI", load_cisi, 1460, 76, 3114),
    "medline": Source("medline", "MED", load_medline, 1033, 30, 696),
    "cacm": Source("cacm", "CACM", load_cacm, 3204, 52, 796),
    "npl": Source("npl", "NPL", load_npl, 11429, 93, 2083),
}


def load(root: Path, name: str) -> Collection:
    """Load collection ``name`` from ``root`` (shared/ircoll) and check its sizes.

    :raise ValueError: the name is unknown, or the files do not have the
        documented number of documents, judged queries or judgements.
    """
    if name not in SOURCES:
        raise ValueError(f"unknown collection {name!r}; known: {', '.join(SOURCES)}")
    source = SOURCES[name]
    collection = source.loader(root / source.folder)
    found = (
        len({d.id for d in collection.documents}),
        len(collection.queries),
        sum(len(judged) for judged in collection.qrels.values()),
    )
    expected = (source.documents, source.judged_queries, source.judgements)
    if found != expected:
        raise ValueError(
            f"{name}: found {found[0]} documents, {found[1]} judged queries and {found[2]} judgements; "
            f"SOURCES.md says {expected[0]}, {expected[1]} and {expected[2]}"
        )
    return collection
