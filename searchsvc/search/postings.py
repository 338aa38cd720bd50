"""The read door: opening the index and reading its postings, positions, columns and stored fields.

This is the only module of ``searchsvc.search`` that imports Whoosh. It hands
out plain values (numpy arrays, strings, ``Release``) and never a Whoosh
object, and it checks the installed Whoosh version before it opens anything.

Private Whoosh names used here, and why (measured at 10,000 releases,
bench/corpus/10000; the public route in brackets):

* ``leaf._terms.matcher(...)`` and the matcher's ``_read_ids``,
  ``_read_weights``, ``_read_values``, ``_ids``, ``_weights``, ``_values``,
  ``_maxid``, ``_next_block``, ``_skip_to_block``: postings a block at a
  time into numpy, without the per-posting deleted-document filter of
  ``leaf.postings`` (live documents are kept with one mask instead). "staff"
  (9,476 postings) reads in 2.2 ms (public ``id()``/``weight()``/``next()``:
  4.3 ms); it is read once per generation, so this weighs on first searches
  (issue 4: 13 µs a matching release through Whoosh's own matching).
* ``leaf._perdoc._cached_reader(...)`` with ``whoosh3._lenfield`` and
  ``LENGTHS_COLUMN``, and the column readers' ``_dbfile``, ``_basepos``,
  ``_count``, ``_fixedlen``, ``_typecode``, ``_default``, ``_doccount``,
  ``_lengths``: whole columns (field lengths, facets, dates) as one slice of
  bytes. The body lengths read in 0.16 ms (public ``doc_field_length`` per
  document: 11.3 ms, per field, on every first search of a generation); at
  100,000 releases column reading was most of opening an index.
"""

from __future__ import annotations

import itertools
import sqlite3
import struct
import threading
from collections import OrderedDict
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import whoosh
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.codec.whoosh3 import _lenfield
from whoosh.columns import NumericColumn
from whoosh.columns import VarBytesColumn
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from searchsvc import schema
from searchsvc.errors import IndexDamagedError
from searchsvc.errors import IndexMissingError
from searchsvc.releases import Release

#: The Whoosh release whose file format and internals this module was written for.
WHOOSH_VERSION = (2, 7, 4)

_LENGTH_OF_BYTE = np.array([byte_to_length(i) for i in range(256)], dtype=np.float32)
_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_TF = np.zeros(0, dtype=np.float32)
#: Words asked of a segment's stems table in one statement (SQLite allows 32,766 variables).
_STEMS_BATCH = 900


def check_whoosh_version(installed: tuple[int, ...] = tuple(whoosh.__version__)) -> None:
    """:raise IndexDamagedError: the installed Whoosh is not the one this module reads."""
    if tuple(installed[:3]) != WHOOSH_VERSION:
        wanted = ".".join(map(str, WHOOSH_VERSION))
        found = ".".join(map(str, installed))
        raise IndexDamagedError(
            f"searchsvc reads indexes written by Whoosh {wanted}, but Whoosh {found} is installed; "
            f"install whoosh=={wanted}"
        )


def open_index(index_dir: Path) -> Index:
    """The index in ``index_dir``, checked to hold a committed generation.

    :raise IndexMissingError: there is no index, or no generation was ever committed.
    :raise IndexDamagedError: the index cannot be opened, or Whoosh is not the version it was written for.
    """
    check_whoosh_version()
    if not schema.index_exists(index_dir):
        raise IndexMissingError.in_folder(index_dir)
    try:
        opened = whoosh_index.open_dir(str(index_dir), indexname=schema.INDEX_NAME)
    except Exception as e:  # Whoosh raises many kinds for a damaged index
        raise IndexDamagedError.in_folder(index_dir, f"it cannot be opened: {type(e).__name__}") from e
    return Index(index_dir, opened)


class Index:
    """An open index folder, from which snapshots of its latest generation are taken."""

    def __init__(self, index_dir: Path, opened: Any) -> None:
        self.index_dir = index_dir
        self._index = opened

    def latest_generation(self) -> int:
        """The number of the latest committed generation."""
        return int(self._index.latest_generation())

    def is_empty(self) -> bool:
        """Whether the latest generation holds no segment: no build ever committed a release."""
        return bool(self._index.is_empty())

    def snapshot(self) -> Snapshot:
        """A reader of the latest generation; the caller closes it.

        :raise IndexMissingError: the generation holds no segment (a first build killed before its commit).
        :raise IndexDamagedError: a file of the generation is missing or not the size it was written.
        """
        # Checked before Whoosh opens anything: it leaves files open when a
        # segment fails to open.
        changed = schema.changed_files(self.index_dir, self.latest_generation())
        if changed:
            raise IndexDamagedError.in_folder(self.index_dir, f"{changed[0]} has changed size since it was written")
        if self.is_empty():
            raise IndexMissingError.in_folder(self.index_dir)
        try:
            searcher = self._index.searcher()
        except FileNotFoundError:
            # A commit removed the files of the generation we were about to
            # open; the next read of the table of contents finds the new one.
            searcher = self._index.searcher()
        return Snapshot(searcher)


class Snapshot:
    """One generation of the index, read through one Whoosh searcher (not thread-safe)."""

    def __init__(self, searcher: Any) -> None:
        self._searcher = searcher
        self._reader = searcher.reader()
        self.generation: int = self._reader.generation()
        #: Documents in the generation, deleted ones included (document numbers run below it).
        self.size: int = self._reader.doc_count_all()
        self._leaves: list[tuple[Any, int]] = list(self._reader.leaf_readers())
        self._stem_dbs: list[sqlite3.Connection] | None = None

    def close(self) -> None:
        """Close the files the snapshot holds open."""
        for db in self._stem_dbs or ():
            db.close()
        self._searcher.close()

    def stems_of(self, terms: Iterable[str]) -> dict[str, str]:
        """The stems the segment writer recorded for ``terms`` (those it saw; see ``schema.STEMS_SUFFIX``).

        A segment Whoosh's own writer merged has no such table: its words
        are stemmed as they come.
        """
        wanted = sorted(set(terms))
        found: dict[str, str] = {}
        for db in self._stem_tables():
            for start in range(0, len(wanted), _STEMS_BATCH):
                batch = [t for t in wanted[start : start + _STEMS_BATCH] if t not in found]
                if batch:
                    marks = ",".join("?" * len(batch))
                    found.update(db.execute(f"SELECT word, stem FROM stems WHERE word IN ({marks})", batch))
            if len(found) == len(wanted):
                break
        return found

    def _stem_tables(self) -> list[sqlite3.Connection]:
        if self._stem_dbs is None:
            self._stem_dbs = []
            for leaf, _offset in self._leaves:
                path = Path(leaf.storage().folder) / leaf.segment().make_filename(schema.STEMS_SUFFIX)
                try:
                    db = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
                    db.execute("SELECT 1 FROM stems LIMIT 1")
                except (sqlite3.Error, AttributeError, ValueError):
                    continue  # no table beside this segment
                self._stem_dbs.append(db)
        return self._stem_dbs

    def live(self) -> np.ndarray:
        """Per document number, whether the document is not deleted."""
        # From each segment's deletion set: Whoosh's ``all_doc_ids`` asks
        # document by document (0.3 s at 100,000 releases).
        live = np.ones(self.size, dtype=bool)
        for leaf, offset in self._leaves:
            deleted = np.fromiter(leaf.segment().deleted_docs(), dtype=np.int64)
            live[deleted + offset] = False
        return live

    # -- postings and positions ------------------------------------------

    def postings(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Documents (deleted ones too) holding ``term`` in ``fieldname``, ascending, and its frequency in each."""
        id_parts: list[np.ndarray] = []
        tf_parts: list[np.ndarray] = []
        for matcher, _format, offset, _size in self._raw_matchers(fieldname, term):
            ids, tf = _read_all(matcher)
            id_parts.append(ids + offset)
            tf_parts.append(tf)
        if not id_parts:
            return _EMPTY_IDS, _EMPTY_TF
        return np.concatenate(id_parts), np.concatenate(tf_parts)

    def places(self, fieldname: str, term: str) -> np.ndarray:
        """Every place ``term`` stands in ``fieldname`` (deleted documents too), as document << 32 | position."""
        parts: list[np.ndarray] = []
        for matcher, format_, offset, _size in self._raw_matchers(fieldname, term):
            docs: list[int] = []
            positions: list[int] = []
            counts: list[int] = []
            for docnum, found in _positions_of_every_posting(matcher, format_):
                docs.append(docnum)
                counts.append(len(found))
                positions.extend(found)
            if docs:
                docnums = np.repeat(np.array(docs, dtype=np.int64) + offset, counts)
                parts.append((docnums << 32) | np.array(positions, dtype=np.int64))
        return np.concatenate(parts) if parts else _EMPTY_IDS

    def positions(self, fieldname: str, term: str, docnums: Sequence[int]) -> dict[int, list[int]]:
        """Where ``term`` stands in ``fieldname`` of each of ``docnums`` (ascending) that holds it."""
        out: dict[int, list[int]] = {}
        for matcher, format_, offset, size in self._raw_matchers(fieldname, term):
            local = [d - offset for d in docnums if offset <= d < offset + size]
            if not local or not format_.supports("positions"):
                continue
            for docnum, found in _positions_in(matcher, format_, local):
                out[docnum + offset] = found
        return out

    def _raw_matchers(self, fieldname: str, term: str) -> Iterator[tuple[Any, Any, int, int]]:
        """(matcher, postings format, first document number, document count) of each segment holding ``term``."""
        for leaf, offset in self._leaves:
            if fieldname not in leaf.schema:
                continue
            field = leaf.schema[fieldname]
            try:
                matcher = leaf._terms.matcher(fieldname, field.to_bytes(term), field.format)
            except TermNotFound:  # the term is not in this segment
                continue
            yield matcher, field.format, offset, leaf.doc_count_all()

    # -- columns -----------------------------------------------------------

    def lengths(self, fieldname: str) -> np.ndarray:
        """Each document's length in ``fieldname`` (Whoosh stores it to one byte's precision)."""
        out = np.zeros(self.size, dtype=np.float32)
        for leaf, offset in self._leaves:
            column = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            if column is None:
                continue
            count = min(column._count, leaf.doc_count_all())
            raw = np.frombuffer(column._dbfile.get(column._basepos, count), dtype=np.uint8)
            out[offset : offset + count] = _LENGTH_OF_BYTE[raw]
        return out

    def column_codes(self, fieldname: str, *, translate: bool = True) -> tuple[list[Any], np.ndarray]:
        """A column's distinct values, and each document's value as an index into them.

        With ``translate`` the values are the field's (strings for a facet);
        without, Whoosh's raw stored values (microseconds for a date).
        """
        numbering: dict[Any, int] = {}
        parts = []
        for leaf, _offset in self._leaves:
            values, codes = _segment_column(leaf, fieldname)
            renumbered = np.array([numbering.setdefault(v, len(numbering)) for v in values], dtype=np.int32)
            parts.append(renumbered[codes] if len(values) else codes)
        codes = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
        if not translate:
            return list(numbering), codes
        field_type = self._reader.schema[fieldname]
        return [field_type.from_column_value(raw) for raw in numbering], codes

    # -- words and stored fields -----------------------------------------

    def words(self, fieldname: str) -> Iterator[str]:
        """Every term of ``fieldname``, in order."""
        return (_text(t) for t in self._reader.lexicon(fieldname))

    def words_starting(self, fieldname: str, prefix: str) -> Iterator[str]:
        """The terms of ``fieldname`` starting with ``prefix``, in order."""
        return (_text(t) for t in self._reader.expand_prefix(fieldname, prefix))

    def doc_frequency(self, fieldname: str, term: str) -> int:
        """How many documents hold ``term`` in ``fieldname`` (deleted ones too)."""
        return int(self._reader.doc_frequency(fieldname, term))

    def closest_word(self, fieldname: str, word: str) -> str | None:
        """The indexed term of ``fieldname`` nearest ``word`` (at most two edits, same first letter), or None."""
        # prefix=1: misspellings rarely change the first letter, and fixing it
        # makes the corrector an order of magnitude cheaper.
        options = self._searcher.suggest(fieldname, word, limit=1, maxdist=2, prefix=1)
        return str(options[0]) if options else None

    def release(self, docnum: int) -> Release:
        """The release stored as document ``docnum``."""
        return schema.release_from_json(self._searcher.stored_fields(docnum)[schema.RELEASE_FIELD])

    def release_by_id(self, release_id: str) -> Release | None:
        """The live release whose id is ``release_id``, or None."""
        fields = self._searcher.document(**{schema.ID_FIELD: release_id})
        return None if fields is None else schema.release_from_json(fields[schema.RELEASE_FIELD])


def latest_generation(index_dir: Path) -> int | None:
    """The number of the latest committed generation in ``index_dir``, or None when there is none."""
    try:
        index = open_index(index_dir)
    except IndexMissingError:
        return None
    return None if index.is_empty() else index.latest_generation()


def stored_entries(index_dir: Path) -> list[tuple[str, str, str]]:
    """(id, content hash, file stat) of every live release of the latest generation (none without an index)."""
    try:
        snapshot = open_index(index_dir).snapshot()
    except IndexMissingError:
        return []
    try:
        live = snapshot.live()
        ids, hashes, stats = (
            snapshot.column_codes(name, translate=False)
            for name in (schema.ID_FIELD, schema.HASH_FIELD, schema.FILE_STAT_FIELD)
        )
        rows = zip(ids[1].tolist(), hashes[1].tolist(), stats[1].tolist(), strict=True)
        return [
            (_text(ids[0][i]), _text(hashes[0][h]), _text(stats[0][s]))
            for docnum, (i, h, s) in enumerate(rows)
            if live[docnum]
        ]
    finally:
        snapshot.close()


def _text(term: bytes | str) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


#: Per (segment, column): its distinct raw values and each document's code. A
#: segment's columns never change (deletions are kept apart), so a new
#: generation only reads the segments it added: at 100,000 releases reading
#: every column again was most of the first search after a one-release update.
_SEGMENT_COLUMNS: OrderedDict[tuple[str, str], tuple[tuple[Any, ...], np.ndarray]] = OrderedDict()
_SEGMENT_COLUMNS_KEPT = 256
_segment_columns_lock = threading.Lock()


def _segment_column(leaf: Any, fieldname: str) -> tuple[tuple[Any, ...], np.ndarray]:
    key = (leaf.segment().segment_id(), fieldname)
    with _segment_columns_lock:
        found = _SEGMENT_COLUMNS.get(key)
        if found is not None:
            _SEGMENT_COLUMNS.move_to_end(key)
            return found
    values = column_values(leaf, fieldname)
    # Distinct values in first-seen order, then each document's code, all in
    # C loops: a generator calling ``setdefault`` per document cost 3x as much.
    distinct = tuple(dict.fromkeys(values))
    numbering = {value: code for code, value in enumerate(distinct)}
    codes = np.fromiter(map(numbering.__getitem__, values), dtype=np.int32, count=leaf.doc_count_all())
    codes.setflags(write=False)
    column = (distinct, codes)
    with _segment_columns_lock:
        _SEGMENT_COLUMNS[key] = column
        while len(_SEGMENT_COLUMNS) > _SEGMENT_COLUMNS_KEPT:
            _SEGMENT_COLUMNS.popitem(last=False)
    return column


def column_values(leaf: Any, fieldname: str) -> list[Any]:
    """Every document's raw (untranslated) value in one segment's column, read in bulk."""
    column = leaf.column_reader(fieldname, translate=False)
    if isinstance(column, NumericColumn.Reader):
        data = column._dbfile.get(column._basepos, column._count * column._fixedlen)
        values = [value for (value,) in struct.iter_unpack("!" + column._typecode, data)]
        return values + [column._default] * (column._doccount - column._count)
    if isinstance(column, VarBytesColumn.Reader):
        lengths = column._lengths
        blob = column._dbfile.get(column._basepos, sum(lengths))
        ends = list(itertools.accumulate(lengths))
        return [blob[start:end] for start, end in zip([0, *ends], ends, strict=False)]
    return list(column)


def _read_all(matcher: Any) -> tuple[np.ndarray, np.ndarray]:
    """Every posting of a raw Whoosh matcher, a block at a time where it can."""
    if not hasattr(matcher, "_read_ids"):
        # A term with one posting is stored inline and read by a list matcher.
        ids, weights = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float32)
    id_parts: list[np.ndarray] = []
    tf_parts: list[np.ndarray] = []
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._weights is None:
            matcher._read_weights()
        id_parts.append(np.asarray(matcher._ids, dtype=np.int64))
        tf_parts.append(np.asarray(matcher._weights, dtype=np.float32))
        matcher._next_block()
    if not id_parts:
        return _EMPTY_IDS, _EMPTY_TF
    return np.concatenate(id_parts), np.concatenate(tf_parts)


def _positions_of_every_posting(matcher: Any, format_: Any) -> Iterable[tuple[int, list[int]]]:
    """(document, positions) of each posting of a raw Whoosh matcher, a block at a time where it can."""
    if not hasattr(matcher, "_read_values"):
        while matcher.is_active():
            yield matcher.id(), list(matcher.value_as("positions"))
            matcher.next()
        return
    decode = format_.decode_positions
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._values is None:
            matcher._read_values()
        for docnum, value in zip(matcher._ids, matcher._values, strict=True):
            yield docnum, decode(value)
        matcher._next_block()


def _positions_in(matcher: Any, format_: Any, docnums: Sequence[int]) -> Iterable[tuple[int, list[int]]]:
    """(document, positions) for those of ``docnums`` (ascending) a raw Whoosh matcher has a posting for.

    Skips whole blocks by their largest id, and within a block finds all the
    wanted documents at once, rather than stepping posting by posting as
    Whoosh's ``skip_to`` does.
    """
    if not hasattr(matcher, "_read_values"):
        wanted_set = set(docnums)
        while matcher.is_active():
            if matcher.id() in wanted_set:
                yield matcher.id(), list(matcher.value_as("positions"))
            matcher.next()
        return
    at = 0
    while at < len(docnums) and matcher.is_active():
        if docnums[at] > matcher._maxid:
            matcher._skip_to_block(lambda target=docnums[at]: target > matcher._maxid)
            continue
        end = at
        while end < len(docnums) and docnums[end] <= matcher._maxid:
            end += 1
        yield from _positions_in_block(matcher, format_, docnums[at:end])
        at = end
        matcher._next_block()


def _positions_in_block(matcher: Any, format_: Any, wanted: Sequence[int]) -> Iterable[tuple[int, list[int]]]:
    """(document, positions) for those of ``wanted`` the matcher's current block holds, found at once."""
    if matcher._ids is None:
        matcher._read_ids()
    ids = np.asarray(matcher._ids)
    slots = np.searchsorted(ids, np.asarray(wanted))
    hits = [(int(d), int(i)) for d, i in zip(wanted, slots, strict=True) if i < len(ids) and ids[i] == d]
    if hits and matcher._values is None:
        matcher._read_values()
    for docnum, i in hits:
        yield docnum, format_.decode_positions(matcher._values[i])


# --------------------------------------------------------------------------- for the indexer
# The indexer compares files against the generation it is replacing, through
# the reader its writer holds (``indexing.segments`` hands it over unopened by
# anything else); these are the only reads it makes of Whoosh's files.


def segment_texts(reader: Any, fieldnames: Sequence[str]) -> Iterator[tuple[int, set[int], list[list[str]]]]:
    """Per segment of ``reader``: its first document number, its deleted documents and each named text column."""
    for leaf, offset in reader.leaf_readers():
        if not leaf.doc_count_all():
            continue
        columns = [[raw.decode("utf-8") for raw in column_values(leaf, name)] for name in fieldnames]
        yield offset, set(leaf.segment().deleted_docs()), columns


def first_stored(reader: Any, fieldname: str, value: str) -> tuple[int, dict[str, Any]] | None:
    """The document number and stored fields of the first live document whose ``fieldname`` is ``value``."""
    docnum = reader.first_id(fieldname, value)
    return None if docnum is None else (docnum, reader.stored_fields(docnum))


def stored_fields(reader: Any, docnum: int) -> dict[str, Any]:
    """The stored fields of document ``docnum``."""
    return dict(reader.stored_fields(docnum))


def read_everything(index_dir: Path) -> tuple[int, int, int]:
    """Read every stored release and every posting list: (generation, releases, terms).

    :raise IndexMissingError: there is no committed index; :raise IndexDamagedError: some part cannot be read.
    """
    snapshot = open_index(index_dir).snapshot()
    try:
        reader = snapshot._reader
        docs = 0
        for _docnum, fields in reader.iter_docs():
            schema.release_from_json(fields[schema.RELEASE_FIELD])
            docs += 1
        terms = 0
        for fieldname, text in reader.all_terms():
            reader.postings(fieldname, text).all_ids()
            terms += 1
        return snapshot.generation, docs, terms
    except Exception as e:  # any failure to read is damage, whatever Whoosh calls it
        raise IndexDamagedError.in_folder(index_dir, f"{type(e).__name__}: {e}") from e
    finally:
        snapshot.close()
