"""Writing index documents as Whoosh segments, without Whoosh's per-posting writer.

Whoosh's ``SegmentWriter`` runs every token through a chain of generators,
every posting through a pool that pickles, sorts and merges it, and every
posting once more through the codec's writer, a call at a time: about 30 µs
a posting, and most of a build. ``SegmentBuilder`` writes the same files in
the same format (Whoosh's W3 codec: the terms table, blocks of postings, the
per-document columns and stored fields) from postings gathered in plain
dicts, with the big text fields analysed by ``analysis.exact_positions``.
Stored fields go through Whoosh's own per-document writer as they come; the
other columns (field lengths, sortable values) are gathered and handed to
its column writers whole. A test reads a segment written here back against
one Whoosh wrote from the same documents, term by term and posting by
posting.

The indexer commits the segments; nothing here touches the table of contents.
"""

from __future__ import annotations

import array
import contextlib
import functools
import itertools
import operator
import pickle
import struct
import zlib
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

from whoosh import columns
from whoosh import fields
from whoosh import formats
from whoosh.analysis import IDTokenizer
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
from whoosh.codec.whoosh3 import W3Codec
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.codec.whoosh3 import _lenfield
from whoosh.filedb.filetables import crc_hash
from whoosh.system import pack_int
from whoosh.system import pack_uint
from whoosh.system import pack_ushort
from whoosh.util.numeric import byte_to_length
from whoosh.util.numeric import length_to_byte

from searchsvc import analysis

#: Postings per block (W3Codec's default) and the zlib level of blocks, 0 for
#: none: Whoosh's reader takes each block's level from the block. Whoosh
#: compresses at level 3; level 1 was a tenth of a build's CPU time (2.0 of
#: 21 s for 5,000 releases) for postings 2.7 times smaller, and the full
#: build's speed is what this writer is for, so blocks are written plain.
BLOCK_POSTINGS = 128
COMPRESSION = 0
#: With compression on, blocks whose pickle is shorter than this are left plain.
COMPRESS_FROM = 128
PICKLE_PROTOCOL = 3
#: The zlib level of each document's stored fields (Whoosh's is 3), read back
#: whatever it is. Most of a document's are its release as JSON, about 5 KB:
#: deflating it was a fortieth of a build's CPU, for 2.3 KB less a release.
STORED_COMPRESSION = 0

#: One term's postings in one field: each posting's document number, weight
#: and encoded value in turn, in one flat list: one ``+=`` a posting rather
#: than three appends.
_Postings = list[Any]

#: The name of the column of each document's stored fields.
STORED_COLUMN_NAME = "_stored"


@functools.cache
def _length_column(fieldname: str) -> str:
    """The column of a scorable field's length in each document."""
    return str(_lenfield(fieldname))


#: Have the given exact terms stemmed (by ``analysis.index_stem``, or taught to it) before they are looked up.
StemAll = Callable[[Iterable[str]], None]

_Analysed = tuple[str | None, dict[str, list[int]], dict[str, list[int]] | None, dict[int, bytes]]


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
    than once for each document that has it. ``stem_all``, if given, is
    called there with the twins' exact terms, to have them stemmed (by
    ``analysis.index_stem`` or taught to it) before they are looked up.
    """

    def __init__(
        self,
        storage: Any,
        indexname: str,
        schema: Any,
        twins: Mapping[str, str] | None = None,
        stem_all: StemAll | None = None,
    ) -> None:
        self._storage = storage
        self._schema = schema
        self._postings: dict[str, dict[Any, _Postings]] = {}
        #: The text fields analysed here rather than by Whoosh, and whether exactly.
        self._fast: dict[str, bool] = {}
        #: The ID fields whose one term is their value, as is.
        self._plain_ids: set[str] = set()
        for name, field in schema.items():
            if field.vector or field.separate_spelling():
                raise ValueError(f"field {name!r}: vectors and separate spelling words are not supported")
            if field.format is None or field.format.field_boost != 1.0:
                continue
            if type(field.format) is formats.Positions:
                if field.analyzer is analysis.STEMMED:
                    self._fast[name] = False
                elif field.analyzer is analysis.EXACT:
                    self._fast[name] = True
            elif type(field) is fields.ID and type(field.format) is formats.Existence:
                if type(field.analyzer) is IDTokenizer:
                    self._plain_ids.add(name)
        #: Ranked fields whose postings come from their exact twin's at ``finish``.
        self._twins = dict(twins or {})
        self._stem_all = stem_all
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
                    self._add_id(fieldname, docnum, value)
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
            exact_terms, stemmed, encodings = analysis.exact_positions(value), None, {}
            self._analysed = (value, exact_terms, None, encodings)
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
        single = _single_encodings
        for term, positions in analysed.items():
            freq = len(positions)
            length += freq
            if freq == 1:
                weight = 1.0
                encoded = single[positions[0]] if positions[0] < _SINGLE_POSITIONS else _encode_positions(positions)
            else:
                weight = _WEIGHTS[freq] if freq < _SHARED_WEIGHTS else float(freq)
                shared = encodings.get(id(positions))
                if shared is None:
                    shared = encodings[id(positions)] = _encode_positions(positions)
                encoded = shared
            found = terms.get(term)
            if found is None:
                terms[term] = [docnum, weight, encoded]
            else:
                found += (docnum, weight, encoded)
        return length

    def _add_id(self, fieldname: str, docnum: int, value: str) -> None:
        _add_posting(self._postings.setdefault(fieldname, {}), value, docnum, 1.0, b"")

    def _add_terms(self, fieldname: str, field: Any, docnum: int, value: Any) -> int:
        terms = self._postings.setdefault(fieldname, {})
        length = 0
        for btext, freq, weight, vbytes in field.index(value):
            if field.scorable:
                length += freq
            _add_posting(terms, btext, docnum, float(weight), vbytes if vbytes is not None else b"")
        return length

    def finish(self) -> Any:
        """Write the segment's files and return the segment, for the writer to commit."""
        self._write_columns()
        self._perdoc.close()
        self._segment.set_doc_count(self.doc_count)
        if self._stem_all is not None and self._twins:
            self._stem_all(
                itertools.chain.from_iterable(self._postings.get(exact, {}) for exact in self._twins.values())
            )
        for ranked, exact in self._twins.items():
            derived = _stemmed_postings(self._postings.get(exact, {}))
            if derived:
                self._postings[ranked] = derived
        fieldwriter = self._codec.field_writer(self._storage, self._segment)
        _hash_terms_by_crc32(fieldwriter._tindex)
        # Where the postings of a ranked field's term went, by the list's
        # identity: its exact twin's term with the very same list points there
        # too. The blocks' headers give the ranked field's shortest and longest
        # document, no longer than the exact field's, so a score bound read
        # from them is never too low; the term's own statistics are its own.
        written: dict[int, bytes] = {}
        ranked_fields, exact_fields = set(self._twins), set(self._twins.values())
        try:
            postfile = fieldwriter._postfile
            offset = postfile.tell()
            for fieldname in sorted(self._postings):
                field = self._schema[fieldname]
                fieldwriter.start_field(fieldname, field)
                prefix = pack_ushort(fieldwriter._fieldid)
                lengths = self._lengths_by_doc(fieldname)
                fixed_size = field.format.fixed_value_size()
                terms = self._postings[fieldname]
                postings: list[bytes] = []
                table: list[tuple[bytes, bytes]] = []
                heads: dict[tuple[int, float], tuple[bytes, bytes]] = {}
                is_ranked, is_exact = fieldname in ranked_fields, fieldname in exact_fields
                for term in sorted(terms):
                    found = terms[term]
                    btext = term.encode("utf-8") if isinstance(term, str) else term
                    if is_exact:
                        where = written.get(id(found))
                        if where is not None:
                            if len(found) == 3:
                                info = _single_head(found[0], found[1], lengths, heads)[1]
                            else:
                                info = _term_info_of(found, lengths)
                            table.append((prefix + btext, info + where))
                            continue
                    if len(found) == 3 and fixed_size is None:
                        raw, info = _single_posting_bytes(offset, found[0], found[1], found[2], lengths, heads)
                    else:
                        docs, weights, values = found[0::3], found[1::3], found[2::3]
                        if len(docs) <= BLOCK_POSTINGS and fixed_size is None and not COMPRESSION:
                            raw, info = _one_block_bytes(offset, docs, weights, values, lengths)
                        else:
                            raw, info = _postings_bytes(offset, docs, weights, values, lengths, fixed_size)
                    postings.append(raw)
                    if is_ranked:
                        written[id(found)] = info[-_OFFSET_AND_LENGTH.size :]
                    offset += len(raw)
                    table.append((prefix + btext, info))
                postfile.write(b"".join(postings))
                _add_to_term_table(fieldwriter._tindex, table)
                fieldwriter.finish_field()
            tindex = fieldwriter._tindex
            tindex._write_hashes = functools.partial(_write_hash_tables, tindex)
        finally:
            fieldwriter.close()
        self._postings.clear()
        return self._segment

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
        """A scorable field's length in each document, as Whoosh reads it back through its byte (block statistics)."""
        column = self._columns.get(_length_column(fieldname))
        if column is None:
            return None
        by_doc = [0] * self.doc_count
        for docnum, length_byte in column[1].items():
            by_doc[docnum] = byte_to_length(length_byte)
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
    writer._lengths.array = _growable_array(lengths)
    writer._offsets.array = _growable_array(offsets[:-1])
    writer._offset_base = offsets[-1]
    writer._count = last + 1


def _growable_array(numbers: list[int]) -> array.array[int]:
    """``numbers`` as a ``GrowableArray`` holds them once appended one by one: in the smallest type it grows to."""
    largest = max(numbers)
    for typecode, limit in (("B", 2**8), ("H", 2**16), ("i", 2**31), ("I", 2**32)):
        if largest < limit:
            return array.array(typecode, numbers)
    raise OverflowError(f"{largest} is too big to fit in an array")


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


def _stemmed_postings(exact: dict[str, _Postings]) -> dict[str, _Postings]:
    """A ranked field's postings, from its exact twin's.

    A stem that stands for one exact term of the segment has that term's
    postings: the same list. One that stands for several has each document's
    posting from the one term the document has, or where it has more than
    one, their positions merged.
    """
    stemmed, several = analysis.by_stem(exact)
    for stem_term, lists in several.items():
        by_doc: dict[int, list[Any]] = {}
        for postings in lists:
            for docnum, weight, value in zip(postings[0::3], postings[1::3], postings[2::3], strict=True):
                found = by_doc.get(docnum)
                if found is None:
                    by_doc[docnum] = [docnum, weight, value]
                else:
                    found.append(value)
        merged: _Postings = []
        for docnum in sorted(by_doc):
            posting = by_doc[docnum]
            if len(posting) > 3:
                positions = sorted(itertools.chain.from_iterable(map(_decode_positions, posting[2:])))
                freq = len(positions)
                weight = _WEIGHTS[freq] if freq < _SHARED_WEIGHTS else float(freq)
                posting = [docnum, weight, _encode_positions(positions)]
            merged += posting
        stemmed[stem_term] = merged
    return stemmed


def _add_posting(terms: dict[Any, _Postings], term: Any, docnum: int, weight: float, value: bytes) -> None:
    """File one posting under its term (``_add_text`` does the same inline, a posting at a time being its cost)."""
    found = terms.get(term)
    if found is None:
        terms[term] = [docnum, weight, value]
    else:
        found += (docnum, weight, value)


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
    if not entries:
        return
    file = table.dbfile
    position = file.tell()
    parts: list[bytes] = []
    buckets = table.buckets
    hash_of = zlib.crc32 if table.hashfn is crc_hash else table.hashfn
    for key, value in entries:
        table.index.append(position)
        hashed = hash_of(key)
        buckets[hashed & 255].append((hashed, position))
        parts += (_KEY_AND_VALUE_LENGTHS.pack(len(key), len(value)), key, value)
        position += 8 + len(key) + len(value)
    file.write(b"".join(parts))
    table.lastkey = entries[-1][0]


#: filetables' header of each key and value in a hash file.
_KEY_AND_VALUE_LENGTHS = struct.Struct("!ii")

#: One float object per small frequency, shared by every posting that has it:
#: a new float per posting was a third of a builder's memory.
_SHARED_WEIGHTS = 256
_WEIGHTS = tuple(float(n) for n in range(_SHARED_WEIGHTS))


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
        position = file.tell()
        slots = 2 * len(entries)
        table.directory.append((position, slots))
        hashtable = [_EMPTY_SLOT] * slots
        for entry in entries:
            slot = (entry[0] >> 8) % slots
            # An entry is never (0, 0): no key starts at offset 0, the header does.
            while hashtable[slot] is not _EMPTY_SLOT:
                slot = (slot + 1) % slots
            hashtable[slot] = entry
        file.write(b"".join(itertools.starmap(_HASH_SLOT.pack, hashtable)))


_EMPTY_SLOT = (0, 0)
#: filetables' hash table slot: a key's hash and its offset.
_HASH_SLOT = struct.Struct("!Iq")


def _encode_positions(positions: list[int]) -> bytes:
    """``formats.Positions.encode``: a count, then the pickled gaps between positions."""
    count = len(positions)
    gaps = list(map(operator.sub, positions, [0, *positions]))
    prefix: bytes = _COUNTS[count] if count < _SHARED_WEIGHTS else pack_uint(count)
    return prefix + pickle.dumps(gaps, 2)


_COUNTS = tuple(pack_uint(count) for count in range(_SHARED_WEIGHTS))


def _decode_positions(encoded: bytes) -> list[int]:
    """The positions ``_encode_positions`` encoded."""
    return list(itertools.accumulate(pickle.loads(encoded[_COUNT_SIZE:])))


_COUNT_SIZE = len(pack_uint(0))


#: Most terms occur once in a field, so their encodings repeat: made once
#: for the positions most fields reach.
_SINGLE_POSITIONS = 4096
_single_encodings = tuple(_encode_positions([pos]) for pos in range(_SINGLE_POSITIONS))


def _postings_bytes(
    start: int,
    docs: list[int],
    weights: list[float],
    values: list[bytes],
    lengths: list[int] | None,
    fixed_size: int | None,
) -> tuple[bytes, bytes]:
    """One term's postings as ``W3PostingsWriter`` writes them at offset ``start``, and its term info's bytes."""
    count = len(docs)
    max_weight = max(weights)
    doc_lengths = list(map(lengths.__getitem__, docs)) if lengths else None
    min_length = max_length = None
    if doc_lengths:
        min_length = _least_present(doc_lengths)
        max_length = max(doc_lengths)
    if count <= BLOCK_POSTINGS:
        # One block (most terms), whose statistics are the term's.
        data = _block_data(docs, weights, values, fixed_size)
        block = _block(count, docs[-1], max_weight, data, _length_byte(min_length), _length_byte(max_length), True)
        raw = b"".join((WHOOSH3_HEADER_MAGIC, *block))
    else:
        parts = [WHOOSH3_HEADER_MAGIC]
        for at in range(0, count, BLOCK_POSTINGS):
            end = min(at + BLOCK_POSTINGS, count)
            ids, block_weights = docs[at:end], weights[at:end]
            data = _block_data(ids, block_weights, values[at:end], fixed_size)
            block_min = block_max = 0
            if doc_lengths:
                block_lengths = doc_lengths[at:end]
                block_min, block_max = _length_byte(_least_present(block_lengths)), _length_byte(max(block_lengths))
            parts += _block(end - at, ids[-1], max(block_weights), data, block_min, block_max, end == count)
        raw = b"".join(parts)
    info = _term_info(sum(weights), count, min_length, max_length, max_weight, docs[0], docs[-1], start, len(raw))
    return raw, info


def _block_data(ids: list[int], weights: list[float], values: list[bytes], fixed_size: int | None) -> Any:
    """What W3 pickles of a block: its ids as gaps, its weights and values, each in the shortest form that says them."""
    size = len(ids)
    # W3 delta-codes each block's ids from zero.
    gaps = (ids[0], *map(operator.sub, ids[1:], ids)) if size > 1 else (ids[0],)
    first = weights[0]
    if weights.count(1.0) == size:
        mini_weights: Any = None
    elif weights.count(first) == size:
        mini_weights = first
    else:
        mini_weights = tuple(weights)
    if fixed_size is None or fixed_size < 0:
        mini_values: Any = tuple(values)
    elif fixed_size == 0:
        mini_values = None
    else:
        mini_values = b"".join(values)
    return gaps, mini_weights, mini_values


def _one_block_bytes(
    start: int, docs: list[int], weights: list[float], values: list[bytes], lengths: list[int] | None
) -> tuple[bytes, bytes]:
    """``_postings_bytes`` of a term in at most a block of documents, with variable-size values, uncompressed.

    Most terms that are not in one document only are in a few: written
    without the general path's block loop and its helpers for the header and
    term info, they cost a third less.
    """
    count = len(docs)
    least, longest = _length_range(docs, lengths)
    max_weight = max(weights)
    data = pickle.dumps(_block_data(docs, weights, values, None), PICKLE_PROTOCOL)
    head = pickle.dumps((count, docs[-1], max_weight, 0, least, longest), 2)
    raw = b"%s%s%s%s" % (WHOOSH3_HEADER_MAGIC, pack_int(-(len(head) + len(data))), head, data)
    info = _TERM_INFO.pack(0, sum(weights), count, least, longest, max_weight, docs[0], docs[-1])
    return raw, info + _OFFSET_AND_LENGTH.pack(start, len(raw))


def _single_posting_bytes(
    start: int,
    docnum: int,
    weight: float,
    value: bytes,
    lengths: list[int] | None,
    heads: dict[tuple[int, float], tuple[bytes, bytes]],
) -> tuple[bytes, bytes]:
    """``_postings_bytes`` of a term in one document, with a variable-size value: most terms of a segment.

    A field's single postings in one document with one weight share their
    block header and all but the offset of their term info: ``heads`` keeps
    them, made once.
    """
    data = pickle.dumps(((docnum,), None if weight == 1.0 else weight, (value,)), PICKLE_PROTOCOL)
    if COMPRESSION and len(data) >= COMPRESS_FROM:
        return _postings_bytes(start, [docnum], [weight], [value], lengths, None)
    head, info = _single_head(docnum, weight, lengths, heads)
    raw = b"%s%s%s%s" % (WHOOSH3_HEADER_MAGIC, pack_int(-(len(head) + len(data))), head, data)
    return raw, info + _OFFSET_AND_LENGTH.pack(start, len(raw))


def _single_head(
    docnum: int, weight: float, lengths: list[int] | None, heads: dict[tuple[int, float], tuple[bytes, bytes]]
) -> tuple[bytes, bytes]:
    """The block header and the term info but for where it is, of a field's single posting in ``docnum``, made once."""
    shared = heads.get((docnum, weight))
    if shared is None:
        length_byte = _length_byte(lengths[docnum] if lengths else 0)
        head = pickle.dumps((1, docnum, weight, 0, length_byte, length_byte), 2)
        info = _TERM_INFO.pack(0, weight, 1, length_byte, length_byte, weight, docnum, docnum)
        shared = heads[(docnum, weight)] = (head, info)
    return shared


def _term_info_of(postings: _Postings, lengths: list[int] | None) -> bytes:
    """A term's info but for where its postings are, from the postings alone."""
    docs, weights = postings[0::3], postings[1::3]
    least, longest = _length_range(docs, lengths)
    return _TERM_INFO.pack(0, sum(weights), len(docs), least, longest, max(weights), docs[0], docs[-1])


def _length_range(docs: list[int], lengths: list[int] | None) -> tuple[int, int]:
    """The length bytes of the shortest (with a length) and the longest of ``docs``, or 0 and 0."""
    if not lengths:
        return 0, 0
    doc_lengths = list(map(lengths.__getitem__, docs))
    return _length_byte(_least_present(doc_lengths)), _length_byte(max(doc_lengths))


def _block(
    size: int, last_id: int, max_weight: float, data: Any, min_length: int, max_length: int, last: bool
) -> tuple[bytes, bytes, bytes]:
    """One block of postings: its length (negative for the last), its header and its pickled data."""
    pickled = pickle.dumps(data, PICKLE_PROTOCOL)
    # A short block only grows, and zlib's set-up cost was most of the time
    # spent on the many rare terms.
    compression = COMPRESSION if len(pickled) >= COMPRESS_FROM else 0
    if compression:
        pickled = zlib.compress(pickled, compression)
    head = pickle.dumps((size, last_id, max_weight, compression, min_length, max_length), 2)
    length = len(head) + len(pickled)
    return pack_int(-length if last else length), head, pickled


def _term_info(
    weight: float,
    df: int,
    min_length: int | None,
    max_length: int | None,
    max_weight: float,
    min_id: int,
    max_id: int,
    offset: int,
    length: int,
) -> bytes:
    """``W3TermInfo.to_bytes`` of a term whose postings are at ``offset`` in the postings file."""
    return _TERM_INFO.pack(
        0,
        weight,
        df,
        _length_byte(min_length),
        _length_byte(max_length),
        max_weight,
        min_id,
        max_id,
    ) + _OFFSET_AND_LENGTH.pack(offset, length)


_TERM_INFO: struct.Struct = W3TermInfo._struct
_OFFSET_AND_LENGTH = struct.Struct("!qi")


def _length_byte(length: int | None) -> int:
    """``length_to_byte``, looked up for the lengths most fields have rather than bisected."""
    if not length:
        return 0
    return _LENGTH_BYTES[length] if length < _LOOKED_UP_LENGTHS else int(length_to_byte(length))


_LOOKED_UP_LENGTHS = 16384
_LENGTH_BYTES = tuple(length_to_byte(length) for length in range(_LOOKED_UP_LENGTHS))


def _least_present(lengths: list[int]) -> int | None:
    """The shortest non-zero length (Whoosh skips documents without one), or None."""
    least = min(lengths)
    if least:
        return least
    present = [n for n in lengths if n]
    return min(present) if present else None
