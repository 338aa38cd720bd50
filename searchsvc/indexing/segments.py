"""The write door: the only module of ``searchsvc.indexing`` that touches Whoosh, writing segments and committing them.

Whoosh's ``SegmentWriter`` runs every token through a chain of generators,
every posting through a pool that pickles, sorts and merges it, and every
posting once more through the codec's writer, a call at a time: about 30 µs
a posting, and most of a build. ``SegmentBuilder`` writes the same files in
the same format (Whoosh's W3 codec: the terms table, blocks of postings made
by ``blocks``, the per-document columns and stored fields) from postings
gathered in plain dicts, with the big text fields analysed by
``analysis.exact_positions``. The rest of the module is Whoosh's own writer,
opened, committed (the new segments after the kept ones, small ones merged
by ``MERGE_SMALL``) and cancelled. A test reads a segment written here back
against one Whoosh wrote from the same documents, posting by posting, and
another has stock Whoosh write to and merge an index built here.

Private Whoosh names used here, each because the public API cost more than
10% of a build (the figures are in the comments where they are used):

* ``_lenfield``: the name of a field's length column;
* ``W3PerDocWriter._colwriters``, ``._create_column``, ``._doccount``,
  ``._fieldlengths``: columns handed over whole, not a value at a time;
* ``VarBytesColumn.Writer._dbfile``, ``._lengths``, ``._offsets``,
  ``._offset_base``, ``._count``; ``NumericColumn.Writer._dbfile``,
  ``._default``, ``._defaultbytes``, ``._pack``, ``._count``: the same;
* ``CompressedBytesColumn.Writer._child._level``: stored fields unzipped;
* ``W3FieldWriter._tindex``, ``._postfile``, ``._fieldid``: the terms table
  and postings file written a field at a time;
* ``HashWriter._write_hashes`` (replaced) and the hash-type byte of the
  terms table's header: CRC-32 rather than MD5 term hashes;
* ``FileIndex._segments()``: the committed segments' ids, for the sizes
  manifest; the public route, a reader, opens every segment's files.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import whoosh
from whoosh import columns
from whoosh import fields
from whoosh import formats
from whoosh import index as whoosh_index
from whoosh import writing
from whoosh.analysis import IDTokenizer
from whoosh.analysis import KeywordAnalyzer
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.codec.whoosh3 import W3Codec
from whoosh.codec.whoosh3 import _lenfield
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.filetables import crc_hash
from whoosh.system import pack_ushort
from whoosh.util.numeric import length_to_byte

from searchsvc import analysis
from searchsvc import schema
from searchsvc.errors import IndexDamagedError
from searchsvc.errors import IndexLockedError
from searchsvc.errors import SearchsvcError
from searchsvc.errors import WhooshVersionError
from searchsvc.indexing import blocks
from searchsvc.indexing import manifest
from searchsvc.indexing import stems

#: The zlib level of each document's stored fields (Whoosh's is 3), read back
#: whatever it is. Most of a document's are its release as JSON, about 5 KB:
#: deflating it was a fortieth of a build's CPU, for 2.3 KB less a release.
STORED_COMPRESSION = 0
#: The name of the column of each document's stored fields.
STORED_COLUMN_NAME = "_stored"
#: The Whoosh release whose file format this module writes by hand.
WHOOSH_VERSION = (2, 7, 4)


@functools.cache
def _length_column(fieldname: str) -> str:
    """The column of a scorable field's length in each document."""
    return str(_lenfield(fieldname))


_Analysed = tuple[str | None, dict[str, list[int]], dict[str, list[int]] | None, dict[int, bytes]]
#: Where each term's postings went, by the postings list's identity.
_Written = dict[int, bytes]


class SegmentBuilder:
    """One new segment of an index: ``add`` documents in order, then ``finish``.

    A document is what ``SegmentWriter.add_document`` takes: field names to
    values. Its postings are held in memory until ``finish``, so callers cap
    how many documents one builder takes.

    ``twins`` pairs ranked (stemmed) fields with exact fields that every
    document gives the same text. A ranked field's postings are then made at
    ``finish`` from its twin's: most stems stand for one word of a segment,
    and their postings are that word's, so they are gathered once. Nor is
    any word stemmed before ``finish``, once for the whole segment rather
    than once for each document that has it. ``compression`` is the zlib
    level of postings blocks, 0 (the default) for none: level 1 was a tenth
    of a build's CPU time (2.0 of 21 s for 5,000 releases) for postings 2.7
    times smaller, and a full build's speed is what this writer is for.
    """

    def __init__(
        self,
        storage: Any,
        indexname: str,
        schema: Any,
        twins: Mapping[str, str] | None = None,
        *,
        compression: int = 0,
    ) -> None:
        self._storage = storage
        self._schema = schema
        self._postings: dict[str, dict[Any, blocks.Postings]] = {}
        #: The text fields analysed here rather than by Whoosh, and whether
        #: exactly; the ID fields whose one term is their value, as is; the
        #: KEYWORD fields ``blocks.add_keywords`` files (a fifth of the cost).
        self._fast, self._plain_ids, self._keywords = _fast_fields(schema)
        #: Ranked fields whose postings come from their exact twin's at ``finish``.
        self._twins = dict(twins or {})
        self._twin_of = set(self._twins.values())
        #: Text fields without a twin (a unit's name, a rating): few texts, repeated, so their analysis is remembered.
        self._alone = self._fast.keys() - self._twins.keys() - self._twin_of
        self._compression = compression
        for ranked, exact in self._twins.items():
            if self._fast.get(ranked) is not False or self._fast.get(exact) is not True:
                raise ValueError(f"{ranked!r} and {exact!r} are not a stemmed field and its exact twin")
        # Files are opened once the arguments are known to be good.
        self._codec = W3Codec()
        self._segment = self._codec.new_segment(storage, indexname)
        self._perdoc = self._codec.per_document_writer(storage, self._segment)
        #: Stored fields are written as they come, not held: a release's are
        #: most of its size.
        self._stored = self._perdoc._colwriters[STORED_COLUMN_NAME]
        self._stored._child._level = STORED_COMPRESSION
        self.doc_count = 0
        #: The last text analysed (a ranked field and its exact twin hold the
        #: same text, and come one after the other): the text, its exact
        #: terms, its stemmed terms once wanted, and the encodings of
        #: positions lists made so far.
        self._analysed: _Analysed = (None, {}, None, {})
        #: Each other per-document column's type and its values by document,
        #: in the order Whoosh's per-document writer would have begun them:
        #: written at ``finish`` in one go, where the writer took a call and
        #: two array appends a value, a twentieth of a build.
        self._columns: dict[str, tuple[Any, dict[int, Any]]] = {}
        #: Each scorable field's total length, for the segment.
        self._total_lengths: dict[str, int] = defaultdict(int)

    def add(self, fields: Mapping[str, Any]) -> None:
        """Add one document, as ``SegmentWriter.add_document`` would."""
        docnum = self.doc_count
        for ranked, twin in self._twins.items():
            if fields.get(ranked) != fields.get(twin):
                raise ValueError(f"document {docnum}: {ranked!r} and {twin!r} must hold the same text")
        columns = self._columns
        stored = {}
        for fieldname in sorted(name for name in fields if not name.startswith("_")):
            value = fields[fieldname]
            if value is None:
                continue
            field = self._schema[fieldname]
            length = 0
            if field.indexed:
                exact = self._fast.get(fieldname)
                if exact is not None:
                    length = self._add_text(fieldname, docnum, value, exact)
                elif fieldname in self._plain_ids:
                    blocks.add_posting(self._postings.setdefault(fieldname, {}), value, docnum, 1.0, b"")
                else:
                    length = self._add_terms(fieldname, field, docnum, value)
                if length:
                    _column(columns, _length_column(fieldname), LENGTHS_COLUMN)[docnum] = _length_byte(length)
                    self._total_lengths[fieldname] += length
            if field.stored:
                stored[fieldname] = value
            if field.column_type:
                _column(columns, fieldname, field.column_type)[docnum] = field.to_column_value(value)
        if stored:
            self._stored.add(docnum, stored)
        self._analysed = (None, {}, None, {})
        self.doc_count += 1

    def _add_text(self, fieldname: str, docnum: int, value: str, exact: bool) -> int:
        text, exact_terms, stemmed, encodings = self._analysed
        if text is not value:
            exact_terms, stemmed = analysis.text_positions(value, remember=fieldname in self._alone)
            encodings = {}
            self._analysed = (value, exact_terms, stemmed, encodings)
        if fieldname in self._twins:
            # Made at ``finish`` from the twin's postings.
            return analysis.stemmed_length(exact_terms)
        if exact:
            analysed = exact_terms
        else:
            if stemmed is None:
                stemmed = analysis.stemmed_positions(exact_terms)
                self._analysed = (value, exact_terms, stemmed, encodings)
            analysed = stemmed
        # Where a ranked field is gathered beside its exact twin (not paired
        # in ``twins``), a stemmed term that stands for one word has the very
        # positions list of the exact term, and the encoding made for one
        # serves the other.
        terms = self._postings.setdefault(fieldname, {})
        length = 0
        single, below = blocks.SINGLE_ENCODINGS, blocks.SINGLE_POSITIONS
        for term, positions in analysed.items():
            freq = len(positions)
            length += freq
            if freq == 1:
                weight = 1.0
                encoded = single[positions[0]] if positions[0] < below else blocks.encode_positions(positions)
            else:
                weight = blocks.WEIGHTS[freq] if freq < blocks.SHARED_WEIGHTS else float(freq)
                shared = encodings.get(id(positions))
                if shared is None:
                    shared = encodings[id(positions)] = blocks.encode_positions(positions)
                encoded = shared
            found = terms.get(term)
            if found is None:
                terms[term] = [docnum, weight, encoded]
            else:
                found += (docnum, weight, encoded)
        return length

    def _add_terms(self, fieldname: str, field: Any, docnum: int, value: Any) -> int:
        terms = self._postings.setdefault(fieldname, {})
        if fieldname in self._keywords and isinstance(value, str):
            blocks.add_keywords(terms, docnum, value)
            return 0
        length = 0
        for btext, freq, weight, vbytes in field.index(value):
            if field.scorable:
                length += freq
            blocks.add_posting(terms, btext, docnum, float(weight), vbytes if vbytes is not None else b"")
        return length

    def finish(self) -> Any:
        """Write the segment's files and return the segment, for the writer to commit."""
        self._write_columns()
        self._perdoc.close()
        self._segment.set_doc_count(self.doc_count)
        for ranked, exact in self._twins.items():
            derived = blocks.stemmed_postings(self._postings.get(exact, {}))
            if derived:
                self._postings[ranked] = derived
        stems.write_table(self._storage.folder, self._segment.segment_id(), self._postings, self._twins.values())
        fieldwriter = self._codec.field_writer(self._storage, self._segment)
        _hash_terms_by_crc32(fieldwriter._tindex)
        # Where the postings of a ranked field's term went: its exact twin's
        # term with the very same list points there too (see ``_field_entries``).
        written: _Written = {}
        try:
            postfile = fieldwriter._postfile
            for fieldname in sorted(self._postings):
                fieldwriter.start_field(fieldname, self._schema[fieldname])
                prefix = pack_ushort(fieldwriter._fieldid)
                postings, table = self._field_entries(fieldname, prefix, postfile.tell(), written)
                postfile.write(b"".join(postings))
                _add_to_term_table(fieldwriter._tindex, table)
                fieldwriter.finish_field()
            tindex = fieldwriter._tindex
            tindex._write_hashes = functools.partial(_write_hash_tables, tindex)
        finally:
            fieldwriter.close()
        self._postings.clear()
        return self._segment

    def _field_entries(
        self, fieldname: str, prefix: bytes, offset: int, written: _Written
    ) -> tuple[list[bytes], list[tuple[bytes, bytes]]]:
        """One field's postings bytes from ``offset`` on, and its entries in the terms table.

        An exact field's term whose postings list is a ranked field's (a stem
        standing for one word) points at the ranked term's postings. The
        blocks' headers give the ranked field's shortest and longest
        document, no longer than the exact field's, so a score bound read
        from them is never too low; the term's own statistics are its own.
        """
        field = self._schema[fieldname]
        lengths = self._lengths_by_doc(fieldname)
        fixed_size = field.format.fixed_value_size()
        terms = self._postings[fieldname]
        postings: list[bytes] = []
        table: list[tuple[bytes, bytes]] = []
        heads: dict[tuple[int, float], tuple[bytes, bytes]] = {}
        is_ranked, is_exact = fieldname in self._twins, fieldname in self._twin_of
        compression = self._compression
        for term in sorted(terms):
            found = terms[term]
            btext = term.encode("utf-8") if isinstance(term, str) else term
            if is_exact:
                where = written.get(id(found))
                if where is not None:
                    if len(found) == 3:
                        info = blocks.single_head(found[0], found[1], lengths, heads)[1]
                    else:
                        info = blocks.term_info_of(found, lengths)
                    table.append((prefix + btext, info + where))
                    continue
            if len(found) == 3 and fixed_size is None:
                raw, info = blocks.single_posting_bytes(
                    offset, found[0], found[1], found[2], lengths, heads, compression
                )
            elif len(found) <= 3 * blocks.BLOCK_POSTINGS and fixed_size is None and not compression:
                raw, info = blocks.one_block_bytes(offset, found[0::3], found[1::3], found[2::3], lengths)
            else:
                args = (found[0::3], found[1::3], found[2::3], lengths, fixed_size, compression)
                raw, info = blocks.postings_bytes(offset, *args)
            postings.append(raw)
            if is_ranked:
                written[id(found)] = info[-blocks.OFFSET_AND_LENGTH.size :]
            offset += len(raw)
            table.append((prefix + btext, info))
        return postings, table

    def _write_columns(self) -> None:
        """Give the per-document writer every column, written whole, and the field lengths, as if added doc by doc."""
        perdoc = self._perdoc
        for name, (column, values) in self._columns.items():
            if name not in perdoc._colwriters:
                perdoc._create_column(name, column)
            _write_column(perdoc._colwriters[name], values)
        perdoc._doccount = self.doc_count
        perdoc._fieldlengths.update(self._total_lengths)

    def _lengths_by_doc(self, fieldname: str) -> list[int] | None:
        """A scorable field's length byte in each document (``length_to_byte``), for block statistics."""
        column = self._columns.get(_length_column(fieldname))
        if column is None:
            return None
        by_doc = [0] * self.doc_count
        for docnum, length_byte in column[1].items():
            by_doc[docnum] = length_byte
        return by_doc

    def cancel(self) -> None:
        """Remove whatever files this builder wrote."""
        try:
            if not self._perdoc.is_closed:
                # Closing writes what is buffered, and fails again on a full disk.
                with contextlib.suppress(OSError):
                    self._perdoc.close()
        finally:
            remove_segments(self._storage, [self._segment])


def _fast_fields(schema: Any) -> tuple[dict[str, bool], set[str], set[str]]:
    """The text fields a builder analyses itself (and whether exactly), the ID fields it files as they are,
    and the KEYWORD fields split on spaces and lower-cased, unscored, that ``blocks.add_keywords`` files."""
    fast: dict[str, bool] = {}
    plain: dict[Any, set[str]] = {fields.ID: set(), fields.KEYWORD: set()}
    for name, field in schema.items():
        if field.vector or field.separate_spelling():
            raise ValueError(f"field {name!r}: vectors and separate spelling words are not supported")
        if field.format is None or field.format.field_boost != 1.0:
            continue
        if type(field.format) is formats.Positions and (
            field.analyzer is analysis.STEMMED or field.analyzer is analysis.EXACT
        ):
            fast[name] = field.analyzer is analysis.EXACT
        elif _PLAIN.get(type(field)) == (type(field.format), field.analyzer, bool(field.scorable)):
            plain[type(field)].add(name)
    return fast, plain[fields.ID], plain[fields.KEYWORD]


#: The format, analyzer and scorability of the ID and KEYWORD fields a builder files itself.
_PLAIN = {
    fields.ID: (formats.Existence, IDTokenizer(), False),
    fields.KEYWORD: (formats.Frequency, KeywordAnalyzer(lowercase=True), False),
}


def _column(columns: dict[str, tuple[Any, dict[int, Any]]], name: str, column_type: Any) -> dict[int, Any]:
    """The values by document of column ``name``, begun if need be."""
    found = columns.get(name)
    if found is None:
        found = columns[name] = (column_type, {})
    return found[1]


def _write_column(writer: Any, values: dict[int, Any]) -> None:
    """Have a new column ``writer`` hold ``values`` (by document, in order) as if each were ``add``-ed in turn."""
    if type(writer) is columns.VarBytesColumn.Writer:
        _write_var_bytes(writer, values)
    elif type(writer) is columns.NumericColumn.Writer:
        _write_numbers(writer, values)
    else:
        for docnum, value in values.items():
            writer.add(docnum, value)


def _write_var_bytes(writer: Any, values: dict[int, bytes]) -> None:
    """``VarBytesColumn.Writer.add`` of each value in turn: the values, then each document's length and offset."""
    if not values:
        return
    last = max(values)
    lengths = [0] * (last + 1)
    for docnum, value in values.items():
        lengths[docnum] = len(value)
    offsets = [0, *itertools.accumulate(lengths)]
    writer._dbfile.write(b"".join(values.values()))
    writer._lengths.array = blocks.smallest_array(lengths)
    writer._offsets.array = blocks.smallest_array(offsets[:-1])
    writer._offset_base = offsets[-1]
    writer._count = last + 1


def _write_numbers(writer: Any, values: dict[int, int]) -> None:
    """``NumericColumn.Writer.add`` of each value in turn: defaults after the last other are left to the reader."""
    default = writer._default
    present = {docnum: value for docnum, value in values.items() if value != default}
    if not present:
        return
    last = max(present)
    packed = [writer._defaultbytes] * (last + 1)
    pack = writer._pack
    for docnum, value in present.items():
        packed[docnum] = pack(value)
    writer._dbfile.write(b"".join(packed))
    writer._count = last + 1


def remove_segments(storage: Any, written: Iterable[Any]) -> None:
    """Delete the files of segments that were written but will not be committed."""
    prefixes = tuple(f"{segment.segment_id()}." for segment in written)
    if not prefixes:
        return
    for name in storage.list():
        if name.startswith(prefixes):
            storage.delete_file(name)


def _add_to_term_table(table: Any, entries: list[tuple[bytes, bytes]]) -> None:
    """``OrderedHashWriter.add`` for each of ``entries`` (in key order), with one write rather than four each."""
    if entries:
        file = table.dbfile
        file.write(blocks.term_records(entries, file.tell(), table.index, table.buckets))
        table.lastkey = entries[-1][0]


def _hash_terms_by_crc32(table: Any) -> None:
    """Have a terms table just begun hash its keys by CRC-32 rather than MD5, as its header then says.

    Whoosh's readers take the hash from the header; its writers use MD5,
    which cost a twelfth of writing a segment's terms (``crc32`` is one call
    in C), and costs every term looked up again at search time.
    """
    file = table.dbfile
    end = file.tell()
    file.seek(table.startoffset + _HASH_TYPE_AT)
    file.write_byte(_CRC32_HASH)
    file.seek(end)
    table.hashtype, table.hashfn = _CRC32_HASH, crc_hash


#: In filetables' header, the hash type follows the four-byte magic; 1 is CRC-32.
_HASH_TYPE_AT = 4
_CRC32_HASH = 1


def _write_hash_tables(table: Any) -> None:
    """``HashWriter._write_hashes``: the same tables, each bucket's written in one call rather than one a slot."""
    file = table.dbfile
    for entries in table.buckets:
        table.directory.append((file.tell(), 2 * len(entries)))
        file.write(blocks.hash_bucket(entries))


def _length_byte(length: int | None) -> int:
    """``length_to_byte``, looked up for the lengths most fields have rather than bisected."""
    if not length:
        return 0
    return _LENGTH_BYTES[length] if length < _LOOKED_UP_LENGTHS else int(length_to_byte(length))


_LOOKED_UP_LENGTHS = 16384
_LENGTH_BYTES = tuple(length_to_byte(length) for length in range(_LOOKED_UP_LENGTHS))


def refuse_other_whoosh(installed: tuple[int, ...] | None = None) -> None:
    """:raise WhooshVersionError: the installed Whoosh is not the release this module writes the files of."""
    found = tuple(whoosh.__version__) if installed is None else installed
    if found[:3] != WHOOSH_VERSION:
        raise WhooshVersionError.installed(found, WHOOSH_VERSION)


def open_for_writing(index_dir: Path, *, fresh_if_damaged: bool) -> tuple[Any, Any]:
    """The index in ``index_dir`` and its writer, holding the write lock; created empty if need be.

    It is created if there is none, if no build committed one (what a killed
    first build left is removed), or if it is damaged and ``fresh_if_damaged``.
    The lock comes first, so two builds on a new folder never trip over each
    other's files: the loser is told another process is writing.

    :raise IndexLockedError: another process is writing the index.
    :raise IndexDamagedError: the index cannot be read, or a file of it has changed size.
    :raise SearchsvcError: the folder cannot be created or read.
    """
    refuse_other_whoosh()
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        files = FileStorage(str(index_dir))
        lock = files.lock(f"{schema.INDEX_NAME}_WRITELOCK")
        if not lock.acquire(blocking=False):
            raise IndexLockedError.in_folder(index_dir)
        try:
            ix = _open_or_create(files, index_dir, fresh_if_damaged=fresh_if_damaged)
        finally:
            lock.release()
    except OSError as e:
        raise SearchsvcError(f"could not open the index folder {str(index_dir)!r}: {e.strerror or e}") from e
    # Released and taken again by Whoosh's writer: another build may slip in
    # between, and this one is then the loser.
    return ix, _new_writer(ix, index_dir)


def _open_or_create(files: Any, index_dir: Path, *, fresh_if_damaged: bool) -> Any:
    """The committed index in ``index_dir``, or a new empty one. The caller holds the write lock."""
    if manifest.committed_generation(index_dir) is None:
        manifest.remove_unfinished(index_dir)
    elif schema.index_exists(index_dir):
        try:
            ix = whoosh_index.open_dir(str(index_dir), indexname=schema.INDEX_NAME)
            manifest.refuse_changed_sizes(index_dir, ix.latest_generation())
            ix.doc_count_all()
            return ix
        except IndexDamagedError:
            if not fresh_if_damaged:
                raise
        except Exception as e:  # Whoosh raises many kinds (EOFError, UnpicklingError, ...)
            if not fresh_if_damaged:
                raise IndexDamagedError.in_folder(index_dir, f"{type(e).__name__}: {e}") from e
    return files.create_index(schema.SCHEMA, indexname=schema.INDEX_NAME)


def _new_writer(ix: Any, index_dir: Path) -> Any:
    """Whoosh's writer of ``ix``, holding the write lock. :raise IndexLockedError: another process holds it."""
    try:
        # Separate files, not one compound file per segment: Whoosh reads a
        # compound segment by copying each part into memory (1.7-2.3 GB per
        # process at 100,000 releases), where separate files are read through
        # the operating system's cache, shared by every worker.
        return ix.writer(timeout=0.0, compound=False)
    except whoosh_index.LockError as e:
        raise IndexLockedError.in_folder(index_dir) from e


def storage(folder: str) -> Any:
    """The Whoosh file storage of an index folder, for a ``SegmentBuilder`` in another process."""
    return FileStorage(folder)


def builder(storage: Any) -> SegmentBuilder:
    """A segment builder for this schema's documents, the ranked fields made from their exact twins."""
    return SegmentBuilder(storage, schema.INDEX_NAME, schema.SCHEMA, schema.EXACT_TWIN)


def commit(writer: Any, new_segments: list[Any], *, rebuild: bool) -> None:
    """Commit the new segments after the kept ones (none for a rebuild).

    Whoosh's usual policy still folds small old segments together, so the
    one-release segments of many small updates do not pile up.
    """

    def policy(writer: Any, old_segments: list[Any]) -> list[Any]:
        kept = [] if rebuild else list(writing.MERGE_SMALL(writer, old_segments))
        return kept + new_segments

    writer.commit(mergetype=policy)


def cancel(writer: Any) -> None:
    """Cancel a writer whose commit may have half-run; the lock must be released either way.

    Whoosh's own cancel leaves the files of the writer's (empty) segment for
    the next commit to clean up: they are removed here.
    """
    try:
        writer.cancel()
    except Exception:  # a failed commit can leave the writer unable to cancel
        lock = getattr(writer, "writelock", None)
        if lock is not None:
            lock.release()
    own = getattr(writer, "newsegment", None)
    if own is not None:
        with contextlib.suppress(OSError):
            remove_segments(writer.storage, [own])


def segment_ids(ix: Any) -> list[str]:
    """The ids of the segments of ``ix``'s latest generation (each the prefix of its files' names)."""
    return [segment.segment_id() for segment in ix._segments()]
