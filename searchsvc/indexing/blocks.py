"""Postings in Whoosh's W3 block format, as bytes: the encoding half of the segment writer, with no file access.

Every layout here is the W3 codec's (``whoosh.codec.whoosh3``), spelled out
so it can be written a term at a time without the codec's per-posting calls;
``tests/test_segments.py`` pins each constant against Whoosh's own and reads
whole segments back through Whoosh. Document lengths are handled as W3's
length bytes (``length_to_byte``) throughout: it is monotonic, so the byte of
the shortest length is the shortest byte.
"""

from __future__ import annotations

import array
import itertools
import operator
import pickle
import re
import struct
import zlib
from collections import Counter
from typing import Any

from searchsvc import analysis

#: Postings per block (W3Codec's default).
BLOCK_POSTINGS = 128
#: With compression on, blocks whose pickle is shorter than this are left plain.
COMPRESS_FROM = 128
PICKLE_PROTOCOL = 3

#: W3's magic at the start of each term's postings, its term info (weight,
#: document frequency, length bytes, max weight, first and last id) and
#: where its postings are (offset, length).
HEADER_MAGIC = b"W3Bl"
TERM_INFO = struct.Struct("!BfIBBfII")
OFFSET_AND_LENGTH = struct.Struct("!qi")
#: ``whoosh.system``'s packed integers.
INT = struct.Struct("!i")
UINT = struct.Struct("!I")

#: One term's postings in one field: each posting's document number, weight
#: and encoded value in turn, in one flat list: one ``+=`` a posting rather
#: than three appends.
Postings = list[Any]

_pack_int = INT.pack


def stemmed_postings(exact: dict[str, Postings]) -> dict[str, Postings]:
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
        merged: Postings = []
        for docnum in sorted(by_doc):
            posting = by_doc[docnum]
            if len(posting) > 3:
                positions = sorted(itertools.chain.from_iterable(map(decode_positions, posting[2:])))
                freq = len(positions)
                weight = WEIGHTS[freq] if freq < SHARED_WEIGHTS else float(freq)
                posting = [docnum, weight, encode_positions(positions)]
            merged += posting
        stemmed[stem_term] = merged
    return stemmed


def add_posting(terms: dict[Any, Postings], term: Any, docnum: int, weight: float, value: bytes) -> None:
    """File one posting under its term (``_add_text`` does the same inline, a posting at a time being its cost)."""
    found = terms.get(term)
    if found is None:
        terms[term] = [docnum, weight, value]
    else:
        found += (docnum, weight, value)


def add_keywords(terms: dict[Any, Postings], docnum: int, value: str) -> None:
    """File one document's postings of a lower-cased KEYWORD field as Whoosh does (``formats.Frequency``).

    Keywords are split as ``SpaceSeparatedTokenizer`` splits them, and each
    distinct one is filed with its count as its weight and, packed, its value.
    """
    for keyword, freq in Counter(map(str.lower, _KEYWORD.findall(value))).items():
        add_posting(terms, keyword.encode("utf-8"), docnum, float(freq), UINT.pack(freq))


#: ``SpaceSeparatedTokenizer``'s pattern: anything but spaces, tabs and line breaks.
_KEYWORD = re.compile(r"[^ \t\r\n]+")


#: One float object per small frequency, shared by every posting that has it:
#: a new float per posting was a third of a builder's memory.
SHARED_WEIGHTS = 256
WEIGHTS = tuple(float(n) for n in range(SHARED_WEIGHTS))


def encode_positions(positions: list[int]) -> bytes:
    """``formats.Positions.encode``: a count, then the pickled gaps between positions."""
    count = len(positions)
    gaps = list(map(operator.sub, positions, [0, *positions]))
    prefix: bytes = _COUNTS[count] if count < SHARED_WEIGHTS else UINT.pack(count)
    return prefix + pickle.dumps(gaps, 2)


_COUNTS = tuple(UINT.pack(count) for count in range(SHARED_WEIGHTS))


def decode_positions(encoded: bytes) -> list[int]:
    """The positions ``encode_positions`` encoded."""
    return list(itertools.accumulate(pickle.loads(encoded[_COUNT_SIZE:])))


_COUNT_SIZE = len(UINT.pack(0))


#: Most terms occur once in a field, so their encodings repeat: made once
#: for the positions most fields reach.
SINGLE_POSITIONS = 4096
SINGLE_ENCODINGS = tuple(encode_positions([pos]) for pos in range(SINGLE_POSITIONS))


def postings_bytes(
    start: int,
    docs: list[int],
    weights: list[float],
    values: list[bytes],
    lengths: list[int] | None,
    fixed_size: int | None,
    compression: int = 0,
) -> tuple[bytes, bytes]:
    """One term's postings as ``W3PostingsWriter`` writes them at offset ``start``, and its term info's bytes.

    ``compression``: the zlib level of blocks, 0 for none (Whoosh's reader
    takes each block's level from the block).
    """
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
        block = _block(count, docs[-1], max_weight, data, min_length or 0, max_length or 0, True, compression)
        raw = b"".join((HEADER_MAGIC, *block))
    else:
        parts = [HEADER_MAGIC]
        for at in range(0, count, BLOCK_POSTINGS):
            end = min(at + BLOCK_POSTINGS, count)
            ids, block_weights = docs[at:end], weights[at:end]
            data = _block_data(ids, block_weights, values[at:end], fixed_size)
            block_min = block_max = 0
            if doc_lengths:
                block_lengths = doc_lengths[at:end]
                block_min, block_max = _least_present(block_lengths) or 0, max(block_lengths)
            last = end == count
            parts += _block(end - at, ids[-1], max(block_weights), data, block_min, block_max, last, compression)
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


def one_block_bytes(
    start: int, docs: list[int], weights: list[float], values: list[bytes], lengths: list[int] | None
) -> tuple[bytes, bytes]:
    """``postings_bytes`` of a term in at most a block of documents, with variable-size values, uncompressed.

    Most terms that are not in one document only are in a few: written
    without the general path's block loop and its helpers for the header and
    term info, they cost a third less.
    """
    count = len(docs)
    least, longest = _length_range(docs, lengths)
    max_weight = max(weights)
    data = pickle.dumps(_block_data(docs, weights, values, None), PICKLE_PROTOCOL)
    head = pickle.dumps((count, docs[-1], max_weight, 0, least, longest), 2)
    raw = b"%s%s%s%s" % (HEADER_MAGIC, _pack_int(-(len(head) + len(data))), head, data)
    info = TERM_INFO.pack(0, sum(weights), count, least, longest, max_weight, docs[0], docs[-1])
    return raw, info + OFFSET_AND_LENGTH.pack(start, len(raw))


def single_posting_bytes(
    start: int,
    docnum: int,
    weight: float,
    value: bytes,
    lengths: list[int] | None,
    heads: dict[tuple[int, float], tuple[bytes, bytes]],
    compression: int = 0,
) -> tuple[bytes, bytes]:
    """``postings_bytes`` of a term in one document, with a variable-size value: most terms of a segment.

    A field's single postings in one document with one weight share their
    block header and all but the offset of their term info: ``heads`` keeps
    them, made once.
    """
    data = pickle.dumps(((docnum,), None if weight == 1.0 else weight, (value,)), PICKLE_PROTOCOL)
    if compression and len(data) >= COMPRESS_FROM:
        return postings_bytes(start, [docnum], [weight], [value], lengths, None, compression)
    head, info = single_head(docnum, weight, lengths, heads)
    raw = b"%s%s%s%s" % (HEADER_MAGIC, _pack_int(-(len(head) + len(data))), head, data)
    return raw, info + OFFSET_AND_LENGTH.pack(start, len(raw))


def single_head(
    docnum: int, weight: float, lengths: list[int] | None, heads: dict[tuple[int, float], tuple[bytes, bytes]]
) -> tuple[bytes, bytes]:
    """The block header and the term info but for where it is, of a field's single posting in ``docnum``, made once."""
    shared = heads.get((docnum, weight))
    if shared is None:
        length_byte = lengths[docnum] if lengths else 0
        head = pickle.dumps((1, docnum, weight, 0, length_byte, length_byte), 2)
        info = TERM_INFO.pack(0, weight, 1, length_byte, length_byte, weight, docnum, docnum)
        shared = heads[(docnum, weight)] = (head, info)
    return shared


def term_info_of(postings: Postings, lengths: list[int] | None) -> bytes:
    """A term's info but for where its postings are, from the postings alone."""
    docs, weights = postings[0::3], postings[1::3]
    least, longest = _length_range(docs, lengths)
    return TERM_INFO.pack(0, sum(weights), len(docs), least, longest, max(weights), docs[0], docs[-1])


def _length_range(docs: list[int], lengths: list[int] | None) -> tuple[int, int]:
    """The length bytes of the shortest (with a length) and the longest of ``docs``, or 0 and 0."""
    if not lengths:
        return 0, 0
    doc_lengths = list(map(lengths.__getitem__, docs))
    return _least_present(doc_lengths) or 0, max(doc_lengths)


def _block(
    size: int,
    last_id: int,
    max_weight: float,
    data: Any,
    min_length: int,
    max_length: int,
    last: bool,
    compression: int,
) -> tuple[bytes, bytes, bytes]:
    """One block of postings: its length (negative for the last), its header and its pickled data."""
    pickled = pickle.dumps(data, PICKLE_PROTOCOL)
    # A short block only grows, and zlib's set-up cost was most of the time
    # spent on the many rare terms.
    compression = compression if len(pickled) >= COMPRESS_FROM else 0
    if compression:
        pickled = zlib.compress(pickled, compression)
    head = pickle.dumps((size, last_id, max_weight, compression, min_length, max_length), 2)
    length = len(head) + len(pickled)
    return _pack_int(-length if last else length), head, pickled


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
    return TERM_INFO.pack(
        0,
        weight,
        df,
        min_length or 0,
        max_length or 0,
        max_weight,
        min_id,
        max_id,
    ) + OFFSET_AND_LENGTH.pack(offset, length)


OFFSET_AND_LENGTH = struct.Struct("!qi")


def _least_present(lengths: list[int]) -> int | None:
    """The shortest non-zero length (Whoosh skips documents without one), or None."""
    least = min(lengths)
    if least:
        return least
    present = [n for n in lengths if n]
    return min(present) if present else None


def hash_bucket(entries: list[tuple[int, int]]) -> bytes:
    """One bucket of a Whoosh hash file's tables: ``entries`` (hash, offset) in twice as many slots, open addressing."""
    slots = 2 * len(entries)
    table = [_EMPTY_SLOT] * slots
    for entry in entries:
        slot = (entry[0] >> 8) % slots
        # An entry is never (0, 0): no key starts at offset 0, the header does.
        while table[slot] is not _EMPTY_SLOT:
            slot = (slot + 1) % slots
        table[slot] = entry
    return b"".join(itertools.starmap(_HASH_SLOT.pack, table))


_EMPTY_SLOT = (0, 0)
#: A hash table slot: a key's hash and its offset.
_HASH_SLOT = struct.Struct("!Iq")


def smallest_array(numbers: list[int]) -> array.array[int]:
    """``numbers`` as Whoosh's ``GrowableArray`` holds them once appended one by one: in the smallest type that fits."""
    largest = max(numbers)
    for typecode, limit in (("B", 2**8), ("H", 2**16), ("i", 2**31), ("I", 2**32)):
        if largest < limit:
            return array.array(typecode, numbers)
    raise OverflowError(f"{largest} is too big to fit in an array")


def term_records(
    entries: list[tuple[bytes, bytes]], position: int, offsets: list[int], buckets: list[list[tuple[int, int]]]
) -> bytes:
    """The records of a hash file's ``entries`` (key, value) written from ``position``.

    Each key's offset is appended to ``offsets``, and its (CRC-32 hash,
    offset) to the bucket of the hash's low byte, as Whoosh's
    ``HashWriter.add`` does for a table hashed by CRC-32.
    """
    parts: list[bytes] = []
    for key, value in entries:
        offsets.append(position)
        hashed = zlib.crc32(key)
        buckets[hashed & 255].append((hashed, position))
        parts += (_KEY_AND_VALUE_LENGTHS.pack(len(key), len(value)), key, value)
        position += 8 + len(key) + len(value)
    return b"".join(parts)


#: A hash file's header of each key and value.
_KEY_AND_VALUE_LENGTHS = struct.Struct("!ii")
