"""What the indexer knows of the generation it replaces: each release's id, hash and file stat, and stored releases.

Every read goes through the read door (``searchsvc.search.postings``), on the
reader the write door's writer holds; this module imports no Whoosh.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any
from typing import NamedTuple

from searchsvc import schema
from searchsvc.errors import IndexDamagedError
from searchsvc.indexing.manifest import ReleaseStats
from searchsvc.indexing.manifest import TrustedStat
from searchsvc.search import postings

#: A file modified this close before it was indexed is read again at the next
#: update even when its size and modification time look unchanged.
RACY_SECONDS = 2
#: Releases looked up one at a time before the columns are read instead:
#: at 100,000 releases reading them took about 0.3 s, a lookup 0.2-0.3 ms.
LOOKUPS = 500


class Indexed(NamedTuple):
    """What the index holds of one release: its content hash, document number and file stat."""

    content_hash: str
    docnum: int
    file_stat: str


def trusted_stat(file_stat: str) -> TrustedStat:
    """(size, modification time) from a ``file_stat`` value, or None if an update must not trust them.

    As in git's index, a file modified within ``RACY_SECONDS`` before it was
    indexed is not trusted: a second edit in the same clock tick would keep
    its modification time, so it is read and hashed again.
    """
    try:
        size, mtime_ns, indexed_ns = (int(part) for part in file_stat.split(":"))
    except ValueError:
        return None
    return (size, mtime_ns) if indexed_ns - mtime_ns > RACY_SECONDS * 1e9 else None


class IndexedReleases:
    """What the index holds of each release: which ids, their files' trusted stats, and on demand the rest.

    The ids and stats come from the release stats written with the
    generation (``manifest``) when there are some that fit, else from the
    index's columns. Reading three columns of 100,000 releases was a third
    of a one-release update, which needs the hash and document number of the
    one release only: those are looked up one by one, until so many are
    wanted (``LOOKUPS``) that reading the columns is cheaper.
    """

    def __init__(self, index_dir: Path, reader: Any, snapshot: ReleaseStats | None) -> None:
        self._index_dir = index_dir
        self._reader = reader
        self._all: dict[str, Indexed] | None = None
        self._lookups = 0
        #: Whether the stats were read from the columns, there being no snapshot.
        self.read_columns = snapshot is None
        if snapshot is None:
            self._all = _existing_or_damaged(index_dir, reader)
            snapshot = {release_id: trusted_stat(held.file_stat) for release_id, held in self._all.items()}
        #: Each indexed release id and its file's trusted stat.
        self.stats: ReleaseStats = snapshot

    def get(self, release_id: str) -> Indexed | None:
        """The content hash and document number of an indexed release, or None if it is not indexed."""
        if release_id not in self.stats:
            return None
        if self._all is None and self._lookups < LOOKUPS:
            self._lookups += 1
            try:
                found = postings.first_stored(self._reader, schema.ID_FIELD, release_id)
                if found is not None:
                    return Indexed(found[1][schema.HASH_FIELD], found[0], "")
            except Exception as e:  # a segment that cannot be read, whatever Whoosh calls it
                raise IndexDamagedError.in_folder(self._index_dir, f"{type(e).__name__}: {e}") from e
        if self._all is None:
            self._all = _existing_or_damaged(self._index_dir, self._reader)
        return self._all.get(release_id)

    def carry_over(self, previous: Indexed) -> dict[str, Any]:
        """An indexed release's document, to write again: a rebuild keeps what an unreadable file can't replace."""
        stored = postings.stored_fields(self._reader, previous.docnum)
        release = schema.release_from_json(stored[schema.RELEASE_FIELD])
        return schema.document(release, previous.content_hash)


def indexed_releases(index_dir: Path, reader: Any, snapshot: ReleaseStats | None, *, rebuild: bool) -> IndexedReleases:
    """What ``reader``'s generation holds, from ``snapshot`` if it is that generation's.

    :raise IndexDamagedError: a segment cannot be read (a rebuild drops it instead).
    """
    if snapshot is not None and len(snapshot) != reader.doc_count():
        snapshot = None  # not this index's: read the columns
    try:
        return IndexedReleases(index_dir, reader, snapshot)
    except IndexDamagedError:
        if not rebuild:
            raise
        # A rebuild replaces every segment, so the unreadable ones are dropped.
        return IndexedReleases(index_dir, reader, {})


def _existing(reader: Any) -> dict[str, Indexed]:
    """Map each indexed release id to what the index holds of it, read from the sortable columns.

    Columns, not stored fields: loading every stored release to compare
    hashes made an incremental update cost as much as reading the index.
    Deleted documents are skipped by each segment's deletion set, where
    Whoosh's ``all_doc_ids`` asks document by document.
    """
    existing: dict[str, Indexed] = {}
    for offset, deleted, (ids, hashes, stats) in postings.segment_texts(reader, _INDEXED_COLUMNS):
        indexed: Iterable[tuple[str, Indexed]] = zip(
            ids, map(Indexed, hashes, range(offset, offset + len(ids)), stats), strict=True
        )
        if deleted:
            indexed = (item for item in indexed if item[1].docnum - offset not in deleted)
        existing.update(indexed)
    return existing


_INDEXED_COLUMNS = (schema.ID_FIELD, schema.HASH_FIELD, schema.FILE_STAT_FIELD)


def _existing_or_damaged(index_dir: Path, reader: Any) -> dict[str, Indexed]:
    """``_existing``. :raise IndexDamagedError: a segment cannot be read."""
    try:
        return _existing(reader)
    except Exception as e:  # whatever Whoosh calls it
        raise IndexDamagedError.in_folder(index_dir, f"{type(e).__name__}: {e}") from e


class Contents(NamedTuple):
    """What reading a whole index found."""

    generation: int
    doc_count: int
    terms: int


def read_everything(index_dir: Path) -> Contents:
    """Read every stored release and every posting list of the index in ``index_dir``.

    :raise IndexDamagedError: some part cannot be read.
    """
    return Contents(*postings.read_everything(index_dir))
