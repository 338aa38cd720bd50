"""Building the index from release files: the only module that writes to Whoosh.

Every build is one Whoosh commit. Readers see the previous generation until it
lands, and an exception anywhere cancels the writer and leaves the previous
index as it was. A file that cannot be read or parsed is skipped and reported,
never fatal, and a release indexed earlier is kept rather than lost when its
file later turns unreadable.
"""

from __future__ import annotations

import base64
import contextlib
import ctypes
import functools
import gc
import hashlib
import itertools
import json
import multiprocessing
import operator
import os
import pickle
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from typing import Any
from typing import BinaryIO
from typing import NamedTuple
from typing import overload

from whoosh import index as whoosh_index
from whoosh import writing
from whoosh.filedb.filestore import FileStorage

from searchsvc import schema
from searchsvc.errors import IndexDamagedError
from searchsvc.errors import IndexLockedError
from searchsvc.errors import IndexMissingError
from searchsvc.errors import ReleaseError
from searchsvc.errors import SearchsvcError
from searchsvc.releases import read_release
from searchsvc.segments import SegmentBuilder
from searchsvc.segments import StemAll
from searchsvc.segments import remove_segments
from searchsvc.stemshare import StemPeers

#: Told how many more release files a build has dealt with.
Progress = Callable[[int], None]

#: A release id is its file name's stem; it ends up in URLs, so keep it plain.
RELEASE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")
#: Releases larger than this are not press releases; reading them is a DoS risk.
MAX_RELEASE_BYTES = 1_000_000


@dataclass(frozen=True)
class Skipped:
    """A file the build did not index, and why."""

    name: str
    reason: str


@dataclass(frozen=True)
class BuildReport:
    """What one run of ``build_index`` did."""

    added: tuple[str, ...]
    updated: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int
    skipped: tuple[Skipped, ...]
    #: Whether a new index generation was written.
    committed: bool
    #: Releases in the index after the build.
    doc_count: int
    seconds: float

    @property
    def indexed(self) -> int:
        """Releases read and indexed or confirmed unchanged by this run."""
        return len(self.added) + len(self.updated) + self.unchanged

    def summary(self) -> str:
        """One line for people, e.g. '5 indexed: 5 new, 0 updated, 0 removed, 1 skipped in 0.4 s'."""
        return (
            f"{self.indexed} indexed: {len(self.added)} new, {len(self.updated)} updated, "
            f"{len(self.removed)} removed, {len(self.skipped)} skipped in {self.seconds:.1f} s"
        )


#: A file modified this close before it was indexed is read again at the next
#: update even when its size and modification time look unchanged.
RACY_SECONDS = 2


class ReleaseFiles(Sequence[Path]):
    """The release files of a folder, sorted by name: a sequence of their paths.

    It also keeps the bare file names, which the indexer checks for
    unchanged files without making a ``Path`` of each: at 100,000 files
    pathlib's per-file work was most of a one-release update.
    """

    def __init__(self, folder: Path, names: list[str]) -> None:
        self.folder = folder
        self._names = names

    def __len__(self) -> int:
        return len(self._names)

    @overload
    def __getitem__(self, index: int) -> Path: ...

    @overload
    def __getitem__(self, index: slice) -> list[Path]: ...

    def __getitem__(self, index: int | slice) -> Path | list[Path]:
        if isinstance(index, slice):
            return [self.folder / name for name in self._names[index]]
        return self.folder / self._names[index]

    def names(self) -> list[str]:
        """The file names, in the same order as the paths."""
        return self._names


#: A release file's name: "*.txt" in any case, not hidden.
_RELEASE_FILE_NAME = re.compile(r"[^.].*\.[tT][xX][tT]\Z", re.DOTALL)


def release_paths(seeds_dir: Path) -> ReleaseFiles:
    """The release files (``*.txt``) in ``seeds_dir``, sorted by name.

    :raise SearchsvcError: the folder does not exist or is not a folder.
    """
    if not seeds_dir.is_dir():
        raise SearchsvcError(f"releases folder {str(seeds_dir)!r} does not exist or is not a folder")
    try:
        names = os.listdir(seeds_dir)
    except OSError as e:
        raise SearchsvcError(f"cannot list the releases folder {str(seeds_dir)!r}: {e.strerror or e}") from e
    names = list(filter(_RELEASE_FILE_NAME.match, names))
    names.sort()
    return ReleaseFiles(seeds_dir, names)


def index_exists(index_dir: Path) -> bool:
    """Whether ``index_dir`` holds an index of this schema version (intact or not)."""
    return schema.index_exists(index_dir)


def build_index(
    paths: Iterable[Path],
    index_dir: Path,
    *,
    rebuild: bool = False,
    partial: bool = False,
    workers: int | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Bring the index in ``index_dir`` in line with the release files ``paths``, in one commit.

    New files are added, changed ones (by content hash) updated, and releases
    whose file is gone removed. With ``rebuild`` every release is written
    anew. With ``partial``, ``paths`` are some of the releases only: those
    are added or updated, or removed if their file is gone, and every other
    release is left as it is, without looking at its file. New and changed
    releases are written as new segments, in ``workers`` processes (default:
    one per core, at most one per ``RELEASES_PER_FORKED_WORKER`` releases to
    write where workers can be forked, else per ``RELEASES_PER_WORKER``);
    ``progress`` is called with the number of files dealt with as the build goes.

    :raise IndexLockedError: another process is writing the index.
    :raise SearchsvcError: the index folder cannot be created or written.
    """
    if rebuild and partial:
        raise ValueError("a rebuild writes every release: it cannot be partial")
    started = time.monotonic()
    ix = _open_or_create(index_dir, fresh_if_damaged=rebuild)
    try:
        # Separate files, not one compound file per segment: Whoosh reads a
        # compound segment by copying each part into memory (1.7-2.3 GB per
        # process at 100,000 releases), where separate files are read through
        # the operating system's cache, shared by every worker.
        writer = ix.writer(timeout=0.0, compound=False)
    except whoosh_index.LockError as e:
        raise IndexLockedError(
            f"another process is writing the index in {str(index_dir)!r}; wait for it to finish"
        ) from e
    new_segments: list[Any] = []
    try:
        snapshot = None if rebuild else _read_release_stats(index_dir, ix.latest_generation())
        # Listing makes an object or two a file, enough to set off a full
        # collection over everything the caller has imported: 40 ms of the
        # 50 ms before a 1,000-release build's workers started.
        with _collector_paused():
            report = _write(
                writer,
                paths,
                snapshot,
                rebuild=rebuild,
                partial=partial,
                workers=workers,
                progress=progress or _no_progress,
            )
        new_segments = report.pop("segments")
        release_stats, release_stats_read = report.pop("release_stats"), report.pop("release_stats_read")
        if report["committed"]:
            writer.commit(mergetype=_merge_policy(new_segments, rebuild=rebuild))
        else:
            # Nothing changed: cancel rather than commit an identical generation.
            _cancel(writer)
    except OSError as e:
        # Disk full, a read-only folder, ...: the previous generation is untouched.
        _cancel(writer)
        remove_segments(writer.storage, new_segments)
        raise SearchsvcError(
            f"could not write the index in {str(index_dir)!r}: {e.strerror or e}; the previous index is unchanged"
        ) from e
    except BaseException:
        _cancel(writer)
        remove_segments(writer.storage, new_segments)
        raise
    if report["committed"]:
        _record_sizes(index_dir, ix)
        _record_release_stats(index_dir, ix.latest_generation(), release_stats)
        _remove_other_versions(index_dir)
    elif release_stats_read:
        # Nothing changed, but this generation had no snapshot: the next update need not read the columns.
        _record_release_stats(index_dir, ix.latest_generation(), release_stats)
    doc_count = ix.doc_count() if report["committed"] else report["doc_count"]
    return BuildReport(**{**report, "doc_count": doc_count, "seconds": time.monotonic() - started})


def _no_progress(count: int) -> None:
    pass


def _merge_policy(new_segments: list[Any], *, rebuild: bool) -> Callable[[Any, list[Any]], list[Any]]:
    """The commit's segments: the new ones after the kept ones (none for a rebuild).

    Whoosh's usual policy still folds small old segments together, so the
    one-release segments of many small updates do not pile up.
    """

    def policy(writer: Any, old_segments: list[Any]) -> list[Any]:
        kept = [] if rebuild else list(writing.MERGE_SMALL(writer, old_segments))
        return kept + new_segments

    return policy


def _cancel(writer: Any) -> None:
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


def _open_or_create(index_dir: Path, *, fresh_if_damaged: bool) -> Any:
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        if index_exists(index_dir):
            try:
                ix = whoosh_index.open_dir(str(index_dir), indexname=schema.INDEX_NAME)
                _refuse_changed_sizes(index_dir, ix)
                ix.doc_count_all()
                return ix
            except Exception as e:  # Whoosh raises many kinds (EOFError, UnpicklingError, ...)
                if not fresh_if_damaged:
                    raise IndexDamagedError(
                        f"the index in {str(index_dir)!r} is damaged ({type(e).__name__}: {e}); "
                        "run 'searchsvc index --rebuild' to build it again from the releases"
                    ) from e
        return FileStorage(str(index_dir)).create_index(schema.SCHEMA, indexname=schema.INDEX_NAME)
    except OSError as e:
        raise SearchsvcError(f"could not open the index folder {str(index_dir)!r}: {e.strerror or e}") from e


def _refuse_changed_sizes(index_dir: Path, ix: Any) -> None:
    """:raise IndexDamagedError: a file of the latest generation is missing or not the size recorded for it."""
    changed = schema.changed_files(index_dir, ix.latest_generation())
    if changed:
        raise IndexDamagedError(f"{changed[0]} has changed size since it was written")


def _record_sizes(index_dir: Path, ix: Any) -> None:
    """Write the size of every file of the committed generation, for readers to check.

    Segments are separate files, and a truncated postings file would only
    fail when a search reached past the cut; a reader that finds a size
    changed refuses the index instead. Written after the commit, atomically;
    a generation without its manifest (a crash in between) is read unchecked.
    """
    generation = ix.latest_generation()
    segment_ids = [segment.segment_id() for segment in ix._segments()]
    files = {
        path.name: path.stat().st_size
        for path in index_dir.iterdir()
        if any(path.name.startswith(f"{segment_id}.") for segment_id in segment_ids)
    }
    data = json.dumps({"generation": generation, "files": files}).encode("utf-8")
    _replace_generation_file(schema.sizes_path(index_dir, generation), data)


def _replace_generation_file(target: Path, data: bytes) -> None:
    """Write a file kept beside one generation, atomically, and remove the other generations' files of its kind."""
    temporary = target.with_suffix(f"{target.suffix}-tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    for old in target.parent.glob(f"_{schema.INDEX_NAME}_*{target.suffix}"):
        if old != target:
            old.unlink(missing_ok=True)


def _remove_other_versions(index_dir: Path) -> None:
    """Delete the files of indexes built by other schema or analysis versions.

    A server still reading one keeps its open files (POSIX unlink semantics).
    """
    for path in index_dir.iterdir():
        name = path.name.lstrip("_")
        if name.startswith(schema.INDEX_PREFIX) and not name.startswith(schema.INDEX_NAME):
            path.unlink(missing_ok=True)


@dataclass(frozen=True)
class CheckReport:
    """What ``check_index`` read."""

    generation: int
    doc_count: int
    terms: int


def check_index(index_dir: Path) -> CheckReport:
    """Read every stored release and every posting list of the index.

    :raise IndexMissingError: there is no index of this version.
    :raise IndexDamagedError: some part cannot be read.
    """
    if not index_exists(index_dir):
        raise IndexMissingError(f"there is no index in {str(index_dir)!r}; run 'searchsvc index' to build it")
    try:
        ix = whoosh_index.open_dir(str(index_dir), indexname=schema.INDEX_NAME)
        _refuse_changed_sizes(index_dir, ix)
        with ix.searcher() as searcher:
            reader = searcher.reader()
            docs = 0
            for _docnum, fields in reader.iter_docs():
                schema.release_from_json(fields[schema.RELEASE_FIELD])
                docs += 1
            terms = 0
            for fieldname, text in reader.all_terms():
                reader.postings(fieldname, text).all_ids()
                terms += 1
            return CheckReport(reader.generation(), docs, terms)
    except Exception as e:  # any failure to read is damage, whatever Whoosh calls it
        raise IndexDamagedError(
            f"the index in {str(index_dir)!r} is damaged ({type(e).__name__}: {e}); "
            "run 'searchsvc index --rebuild' to build it again from the releases"
        ) from e


class _Indexed(NamedTuple):
    """What the index holds of one release: its content hash, document number and file stat."""

    content_hash: str
    docnum: int
    file_stat: str


def _existing(reader: Any) -> dict[str, _Indexed]:
    """Map each indexed release id to what the index holds of it, read from the sortable columns.

    Columns, not stored fields: loading every stored release to compare
    hashes made an incremental update cost as much as reading the index.
    Deleted documents are skipped by each segment's deletion set, where
    Whoosh's ``all_doc_ids`` asks document by document.
    """
    existing: dict[str, _Indexed] = {}
    for leaf, offset in reader.leaf_readers():
        count = leaf.doc_count_all()
        if not count:
            continue
        ids, hashes, stats = (_column_texts(leaf, name) for name in _INDEXED_COLUMNS)
        indexed: Iterable[tuple[str, _Indexed]] = zip(
            ids, map(_Indexed, hashes, range(offset, offset + count), stats), strict=True
        )
        deleted = set(leaf.segment().deleted_docs())
        if deleted:
            indexed = (item for item in indexed if item[1].docnum - offset not in deleted)
        existing.update(indexed)
    return existing


_INDEXED_COLUMNS = (schema.ID_FIELD, schema.HASH_FIELD, schema.FILE_STAT_FIELD)


def _column_texts(leaf: Any, fieldname: str) -> list[str]:
    """Every document's value of one segment's text column."""
    return [raw.decode("utf-8") for raw in schema.segment_column(leaf, fieldname)]


#: A release's file size and modification time, as an update can trust them, or None.
_TrustedStat = Sequence[int] | None


def _trusted_stat(file_stat: str) -> _TrustedStat:
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


class _IndexedReleases:
    """What the index holds of each release: which ids, their files' trusted stats, and on demand the rest.

    The ids and stats come from the snapshot written with the generation
    (``schema.release_stats_path``) when there is one that fits, else from the
    index's columns. Reading three columns of 100,000 releases was a third
    of a one-release update, which needs the hash and document number of the
    one release only: those are looked up one by one, until so many are
    wanted that reading the columns is cheaper.
    """

    def __init__(self, reader: Any, snapshot: dict[str, _TrustedStat] | None) -> None:
        self._reader = reader
        self._all: dict[str, _Indexed] | None = None
        self._lookups = 0
        self.read_columns = snapshot is None
        if snapshot is None:
            self._all = _existing_or_damaged(reader)
            snapshot = {release_id: _trusted_stat(held.file_stat) for release_id, held in self._all.items()}
        #: Each indexed release id and its file's trusted stat.
        self.stats: dict[str, _TrustedStat] = snapshot

    def get(self, release_id: str) -> _Indexed | None:
        """The content hash and document number of an indexed release, or None if it is not indexed."""
        if release_id not in self.stats:
            return None
        if self._all is None and self._lookups < _LOOKUPS:
            self._lookups += 1
            try:
                docnum = self._reader.first_id(schema.ID_FIELD, release_id)
                if docnum is not None:
                    return _Indexed(self._reader.stored_fields(docnum)[schema.HASH_FIELD], docnum, "")
            except Exception as e:  # a segment that cannot be read, whatever Whoosh calls it
                raise _damaged(e) from e
        if self._all is None:
            self._all = _existing_or_damaged(self._reader)
        return self._all.get(release_id)


def _existing_or_damaged(reader: Any) -> dict[str, _Indexed]:
    """``_existing``. :raise IndexDamagedError: a segment cannot be read."""
    try:
        return _existing(reader)
    except Exception as e:  # whatever Whoosh calls it
        raise _damaged(e) from e


def _damaged(error: Exception) -> IndexDamagedError:
    return IndexDamagedError(
        f"the index is damaged ({type(error).__name__}: {error}); "
        "run 'searchsvc index --rebuild' to build it again from the releases"
    )


#: Releases looked up one at a time before the columns are read instead:
#: at 100,000 releases reading them took about 0.3 s, a lookup 0.2-0.3 ms.
_LOOKUPS = 500


def _read_release_stats(index_dir: Path, generation: int) -> dict[str, _TrustedStat] | None:
    """The snapshot written with ``generation``, or None if there is none to read."""
    try:
        # A pickle, as Whoosh's own index files are: JSON took 0.12 s to load at 100,000 releases.
        data = pickle.loads(schema.release_stats_path(index_dir, generation).read_bytes())
        stats = data["releases"]
    except (OSError, pickle.UnpicklingError, ValueError, KeyError, TypeError, EOFError):
        return None
    return stats if isinstance(stats, dict) and data.get("generation") == generation else None


def _record_release_stats(index_dir: Path, generation: int, stats: dict[str, _TrustedStat]) -> None:
    """Write the snapshot of a committed generation, atomically, and remove older ones."""
    data = pickle.dumps({"generation": generation, "releases": stats}, protocol=pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(OSError):  # only a shortcut: without it the next update reads the columns
        _replace_generation_file(schema.release_stats_path(index_dir, generation), data)


def _file_stat(path: Path, indexed_ns: int) -> str:
    st = path.stat()
    return f"{st.st_size}:{st.st_mtime_ns}:{indexed_ns}"


def _carry_over(reader: Any, previous: _Indexed) -> dict[str, Any]:
    """An indexed release's document, to write again: a rebuild keeps what an unreadable file can't replace."""
    stored = reader.stored_fields(previous.docnum)
    release = schema.release_from_json(stored[schema.RELEASE_FIELD])
    return schema.document(release, previous.content_hash)


def _write(
    writer: Any,
    paths: Iterable[Path],
    snapshot: dict[str, _TrustedStat] | None,
    *,
    rebuild: bool,
    partial: bool,
    workers: int | None,
    progress: Progress,
) -> dict[str, Any]:
    # A reader of the generation being replaced, for hashes and carried-over
    # releases; closed here, since it holds every index file open.
    reader = writer.reader()
    try:
        indexed = _indexed_releases(reader, snapshot, rebuild=rebuild)
        keep: set[str] = set()
        if partial:
            # Named files that are gone are removals; the other releases stay.
            named = list(paths)
            gone = {path.stem for path in named if not path.exists()}
            paths = [path for path in named if path.stem not in gone]
            keep = set(indexed.stats) - gone
        return _write_with(writer, reader, indexed, paths, keep, rebuild=rebuild, workers=workers, progress=progress)
    finally:
        reader.close()


def _indexed_releases(reader: Any, snapshot: dict[str, _TrustedStat] | None, *, rebuild: bool) -> _IndexedReleases:
    if snapshot is not None and len(snapshot) != reader.doc_count():
        snapshot = None  # not this index's: read the columns
    try:
        return _IndexedReleases(reader, snapshot)
    except IndexDamagedError:
        if not rebuild:
            raise
        # A rebuild replaces every segment, so the unreadable ones are dropped.
        return _IndexedReleases(reader, {})


def _write_with(
    writer: Any,
    reader: Any,
    indexed: _IndexedReleases,
    paths: Iterable[Path],
    keep: set[str],
    *,
    rebuild: bool,
    workers: int | None,
    progress: Progress,
) -> dict[str, Any]:
    """Index ``paths``; remove the indexed releases that are neither among them nor in ``keep``."""
    skipped: list[Skipped] = []
    unchanged = 0
    stats = indexed.stats
    seen: set[str] = set(keep)
    # The files to read, parse and index, and what the index held of each.
    jobs: list[tuple[Path, _Indexed | None]] = []
    # Files dealt with but not yet reported: one call per file cost more than the check.
    unreported = 0
    with _listing(paths) as (listing, stat_of, path_of):
        listed = list(listing)
        # Ids of the files listed so far: "a.txt" and "a.TXT" would be one release.
        listed_ids: set[str] = set()
        if not rebuild:
            listed, unchanged_ids = _set_apart_unchanged(listed, stat_of, stats)
            listed_ids.update(unchanged_ids)
            seen.update(unchanged_ids)
            unchanged += len(unchanged_ids)
            progress(len(unchanged_ids))
        for release_id, item in listed:
            if release_id in listed_ids:
                skipped.append(Skipped(path_of(item).name, f"another file is already release {release_id!r}"))
                continue
            listed_ids.add(release_id)
            if release_id not in stats:
                jobs.append((path_of(item), None))
                continue
            if rebuild:
                jobs.append((path_of(item), indexed.get(release_id)))
                continue
            known = stats[release_id]
            st = None
            if known is not None:
                try:
                    st = stat_of(item)
                except OSError:
                    pass  # gone or unreadable: read below, which says why
            if known is not None and st is not None and st.st_size == known[0] and st.st_mtime_ns == known[1]:
                unchanged += 1
            else:
                path = path_of(item)
                previous = indexed.get(release_id)
                try:
                    data = _read(path)
                except ReleaseError as e:
                    # Kept rather than lost: the indexed version stays searchable.
                    skipped.append(Skipped(path.name, e.reason))
                else:
                    if previous is None or hashlib.sha256(data).hexdigest() != previous.content_hash:
                        jobs.append((path, previous))
                        continue
                    unchanged += 1
            seen.add(release_id)
            unreported += 1
            if unreported >= 1000:
                progress(unreported)
                unreported = 0
    progress(unreported)

    new_segments, failures, file_stats = _index_files(
        [path for path, _previous in jobs], writer.storage, workers, progress
    )
    # The snapshot of the generation this build commits.
    next_stats = {} if rebuild else dict(stats)
    try:
        added: list[str] = []
        updated: list[str] = []
        carried: list[dict[str, Any]] = []
        for (path, previous), failure, file_stat in zip(jobs, failures, file_stats, strict=True):
            release_id = path.stem
            if failure is None:
                seen.add(release_id)
                (updated if previous is not None else added).append(release_id)
                next_stats[release_id] = _trusted_stat(file_stat)
                if previous is not None and not rebuild:
                    writer.delete_document(previous.docnum)
                continue
            skipped.append(Skipped(path.name, failure))
            if previous is not None:
                # Kept rather than lost: the indexed version stays searchable.
                seen.add(release_id)
                if rebuild:
                    carried.append(_carry_over(reader, previous))
                    next_stats[release_id] = None
        if carried:
            new_segments.append(_segment_of(carried, writer.storage))
        removed = sorted(set(stats) - seen)
        for release_id in removed:
            next_stats.pop(release_id, None)
            if not rebuild:
                previous = indexed.get(release_id)
                if previous is not None:
                    writer.delete_document(previous.docnum)
    except BaseException:
        remove_segments(writer.storage, new_segments)
        raise
    return {
        "added": tuple(added),
        "updated": tuple(updated),
        "removed": tuple(removed),
        "unchanged": unchanged,
        "skipped": tuple(skipped),
        "committed": bool(added or updated or removed or rebuild),
        "doc_count": len(stats) + len(added) - len(removed),
        "segments": new_segments,
        "release_stats": next_stats,
        "release_stats_read": indexed.read_columns,
    }


def _set_apart_unchanged(
    listed: list[tuple[str, Any]], stat_of: Callable[[Any], os.stat_result], stats: dict[str, _TrustedStat]
) -> tuple[list[tuple[str, Any]], list[str]]:
    """The listed files still to look at, and the ids of those whose size and modification time the snapshot trusts.

    Every file is stat-ed and compared in passes that run in C: a loop in
    Python cost 5.6 µs a file, more than half of a one-release update at
    100,000 files. Where a file cannot be stat-ed, or two files are one
    release, everything is left to the caller's file-by-file loop, which says
    which and why.
    """
    ids = list(map(operator.itemgetter(0), listed))
    if len(set(ids)) != len(ids):
        return listed, []
    try:
        now = list(map(_SIZE_AND_MTIME, map(stat_of, map(operator.itemgetter(1), listed))))
    except OSError:
        return listed, []
    same = list(map(operator.eq, now, map(stats.get, ids)))
    return list(itertools.compress(listed, map(operator.not_, same))), list(itertools.compress(ids, same))


_SIZE_AND_MTIME = operator.attrgetter("st_size", "st_mtime_ns")


@contextlib.contextmanager
def _listing(
    paths: Iterable[Path],
) -> Iterator[tuple[Iterable[tuple[str, Any]], Callable[[Any], os.stat_result], Callable[[Any], Path]]]:
    """Each file's (release id, item), how to stat an item, and how to make its path.

    For a ``ReleaseFiles`` an item is a bare name, stat-ed relative to the
    open folder: at 100,000 files, joining and resolving full paths added a
    third to the stat calls that dominate a one-release update.
    """
    if not isinstance(paths, ReleaseFiles):
        yield ((path.stem, path) for path in paths), os.stat, Path
        return
    names = paths.names()
    folder = os.open(paths.folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        # Every name ends in ".txt" (``release_paths``), so its stem is the rest.
        yield (
            zip([name[:-4] for name in names], names, strict=True),
            functools.partial(os.stat, dir_fd=folder),
            paths.folder.__truediv__,
        )
    finally:
        os.close(folder)


#: Documents per new segment: a builder holds its segment's postings in
#: memory (a worker writing 5,000 releases peaked at 422 MiB).
SEGMENT_DOCS = 10_000
#: Releases per worker process below which a build stays in one process,
#: when workers are started as new interpreters: each imports the analysis
#: first, and 300 releases built in 4.0 s in one process and 5.2 s in two,
#: 600 in 8.7 s and 6.3 s.
RELEASES_PER_WORKER = 250
#: The same for forked workers, which start at once: 100 releases built in
#: 0.44 s in one process and 0.28 s in two, 50 in 0.24 s and 0.22 s.
RELEASES_PER_FORKED_WORKER = 50


class _Written(NamedTuple):
    """What indexing a list of files wrote: the new segments, and for each file in order
    why it was skipped (or None) and the ``file_stat`` it was indexed with (or "")."""

    segments: list[Any]
    failures: list[str | None]
    file_stats: list[str]


def _index_files(paths: list[Path], storage: Any, workers: int | None, progress: Progress) -> _Written:
    """Read, parse and write ``paths`` as new segments, in worker processes when there are many."""
    fork = _may_fork()
    if workers is None:
        per_worker = RELEASES_PER_FORKED_WORKER if fork else RELEASES_PER_WORKER
        workers = min(os.cpu_count() or 1, len(paths) // per_worker)
    workers = max(1, min(workers, len(paths)))
    indexed_ns = time.time_ns()
    if workers == 1:
        return _index_share(paths, storage, indexed_ns, progress)
    return _index_in_workers(paths, storage, workers, indexed_ns, progress, fork=fork)


def _index_in_workers(
    paths: list[Path], storage: Any, workers: int, indexed_ns: int, progress: Progress, *, fork: bool
) -> _Written:
    """``_index_share`` over ``workers`` contiguous shares of ``paths``, one process each.

    Processes, not threads: parsing and analysis are pure Python. Each share
    keeps the releases' order, so document numbers follow file names as in a
    one-process build.
    """
    size = -(-len(paths) // workers)
    shares = [paths[at : at + size] for at in range(0, len(paths), size)]
    children = []
    # Forked workers share out the stemming (``stemshare``), a socket between each two.
    links = _PeerLinks(len(shares) if fork else 0)
    try:
        # Every child is started before any thread that reads from one, so a
        # forked child never copies a thread of this process.
        for number, share in enumerate(shares):
            children.append(_Worker(share, storage.folder, indexed_ns, fork=fork, peers=links.of(number)))
        links.close()
        for child in children:
            child.start_reading()
        reported = 0
        while any(child.running() for child in children):
            for child in children:
                child.wait(0.25 / len(children))
            done = sum(child.done for child in children)
            progress(done - reported)
            reported = done
        failed = [child for child in children if child.result is None]
        if failed:
            if failed[0].os_error is not None:
                # A full disk, say: reported as if met here, with the index unchanged.
                raise OSError(*failed[0].os_error)
            raise SearchsvcError(f"an indexing worker failed: {failed[0].error()}")
    except BaseException:
        for child in children:
            child.stop()
            if child.result is not None:
                remove_segments(storage, child.result.segments)
        raise
    finally:
        links.close()
        for child in children:
            child.close()
    results = [child.result for child in children if child.result]
    return _Written(
        [segment for result in results for segment in result.segments],
        [failure for result in results for failure in result.failures],
        [file_stat for result in results for file_stat in result.file_stats],
    )


def _may_fork() -> bool:
    """Whether workers may be forked from this process, rather than started as new interpreters.

    A forked worker starts at once with the analysis already imported, where
    a new interpreter takes about half a second to import it: a sixth of a
    1,000-release build. But a fork copies only the thread that calls it, so
    a threaded caller (a web server, say) could leave a lock held for good in
    the child; and on macOS, system libraries are not safe to use after a fork.
    """
    return sys.platform.startswith("linux") and threading.active_count() == 1


class _PeerLinks:
    """A connected pair of sockets between each two of ``count`` forked workers, held here until all are forked."""

    def __init__(self, count: int) -> None:
        self._count = count
        self._pairs: dict[tuple[int, int], tuple[socket.socket, socket.socket]] = {}
        try:
            for low, high in itertools.combinations(range(count), 2):
                self._pairs[low, high] = socket.socketpair()
        except BaseException:
            self.close()
            raise

    def of(self, worker: int) -> _WorkerLinks | None:
        """What worker number ``worker`` keeps, and what it must close, or None with no peers."""
        if self._count < 2:
            return None
        own = {}
        for (low, high), (low_end, high_end) in self._pairs.items():
            if worker == low:
                own[high] = low_end.fileno()
            elif worker == high:
                own[low] = high_end.fileno()
        every = [end.fileno() for pair in self._pairs.values() for end in pair]
        return _WorkerLinks(worker, self._count, own, [fd for fd in every if fd not in own.values()])

    def close(self) -> None:
        """Close this process's ends: once every worker is forked, each end is held by its worker alone."""
        for pair in self._pairs.values():
            for end in pair:
                end.close()
        self._pairs.clear()


class _WorkerLinks(NamedTuple):
    """One forked worker's sockets to its peers (file descriptors by peer number), and the others' it inherits."""

    number: int
    workers: int
    own: dict[int, int]
    others: list[int]

    def stem_peers(self) -> StemPeers:
        """In the worker: close the others' ends (so a peer's end reads as closed when it exits), and connect."""
        for fd in self.others:
            os.close(fd)
        return StemPeers(self.number, self.workers, {peer: socket.socket(fileno=fd) for peer, fd in self.own.items()})


class _Worker:
    """One child process indexing a share of the releases, forked or started afresh.

    It writes "done N" lines as it goes, then "result " and its
    base64-pickled ``_Written``, or "oserror " and the errno and message of
    the OSError it failed with. A child started afresh runs
    ``_WORKER_START`` and reads its paths as JSON on its standard input; a
    forked one has them already. Either writes its errors to a file here.
    """

    def __init__(
        self, paths: list[Path], folder: str, indexed_ns: int, *, fork: bool, peers: _WorkerLinks | None = None
    ) -> None:
        self.done = 0
        self.result: _Written | None = None
        #: The errno and message of the OSError the child failed with, if it did.
        self.os_error: tuple[int, str] | None = None
        self._stderr = tempfile.TemporaryFile()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._process: subprocess.Popen[bytes] | _ForkedChild
        self._output: IO[bytes]
        if fork:
            output, child_output = os.pipe()
            try:
                self._process = _ForkedChild(
                    functools.partial(
                        _forked_worker_main,
                        paths,
                        folder,
                        indexed_ns,
                        os.getpid(),
                        output,
                        child_output,
                        self._stderr.fileno(),
                        peers,
                    )
                )
            except BaseException:
                os.close(output)
                raise
            finally:
                os.close(child_output)
            self._output = open(output, "rb")  # noqa: SIM115 - closed by ``_read`` when the child is done
            return
        # The parent's import path, so the child runs the same searchsvc even
        # when the caller found it through a path it added itself.
        search_path = os.pathsep.join(entry for entry in sys.path if entry)
        self._process = subprocess.Popen(
            [sys.executable, "-c", _WORKER_START, folder, str(indexed_ns)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env={**os.environ, "PYTHONPATH": search_path},
        )
        assert self._process.stdin is not None and self._process.stdout is not None
        self._output = self._process.stdout
        with self._process.stdin as stdin:
            stdin.write(json.dumps([str(path) for path in paths]).encode("ascii"))

    def start_reading(self) -> None:
        self._reader.start()

    def _read(self) -> None:
        with self._output as lines:
            for line in lines:
                if line.startswith(b"done "):
                    self.done += int(line[5:])
                elif line.startswith(b"result "):
                    self.result = pickle.loads(base64.b64decode(line[7:]))
                elif line.startswith(b"oserror "):
                    number, _, message = line[8:].decode("utf-8", "replace").rstrip("\n").partition(" ")
                    self.os_error = int(number), message

    def running(self) -> bool:
        return self._reader.is_alive() or self._process.poll() is None

    def wait(self, seconds: float) -> None:
        self._reader.join(seconds)
        if not self._reader.is_alive():
            self._process.wait()

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        if self._reader.is_alive():
            self._reader.join()
        else:
            self._output.close()

    def close(self) -> None:
        self.stop()
        self._stderr.close()

    def error(self) -> str:
        self._stderr.seek(0)
        lines = self._stderr.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else f"exit status {self._process.returncode}"


class _ForkedChild:
    """A forked child running ``target``, with the parts of ``subprocess.Popen``'s interface ``_Worker`` uses."""

    def __init__(self, target: Callable[[], None]) -> None:
        self._process = multiprocessing.get_context("fork").Process(target=target, daemon=True)
        self._process.start()

    @property
    def returncode(self) -> int | None:
        return self._process.exitcode

    def poll(self) -> int | None:
        return self._process.exitcode

    def wait(self) -> int | None:
        self._process.join()
        return self._process.exitcode

    def kill(self) -> None:
        self._process.kill()


#: What a worker process started afresh runs. NLTK's package imports
#: scipy.stats when it is installed (the benchmarks' extras install it), for
#: a collocation measure nothing here uses: 0.8 of the 1.3 s a worker took
#: to start.
_WORKER_START = (
    "import sys; sys.modules.setdefault('scipy', None); "
    "from searchsvc.indexer import _worker_main; _worker_main(*sys.argv[1:])"
)


def _worker_main(folder: str, indexed_ns: str) -> None:
    """Index the paths given as JSON on standard input: the child side of a ``_Worker`` started afresh."""
    paths = [Path(path) for path in json.load(sys.stdin)]
    _index_share_for_parent(paths, folder, int(indexed_ns), sys.stdout.buffer)


def _forked_worker_main(
    paths: list[Path],
    folder: str,
    indexed_ns: int,
    parent: int,
    parent_end: int,
    output: int,
    errors: int,
    peers: _WorkerLinks | None,
) -> None:
    """The child side of a forked ``_Worker``: errors go to its file, the rest down the pipe."""
    _die_with(parent)
    os.close(parent_end)
    os.dup2(errors, 2)
    stem_peers = peers.stem_peers() if peers is not None else None
    try:
        with open(output, "wb") as out:
            _index_share_for_parent(paths, folder, indexed_ns, out, stem_peers.stem if stem_peers else None)
    finally:
        if stem_peers is not None:
            stem_peers.close()


def _die_with(parent: int) -> None:
    """Have Linux kill this process when ``parent`` dies, so a killed build leaves no worker writing on.

    A worker started afresh gets the same end sooner or later, when it next
    reports progress down a pipe with no reader left.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent:  # it died before the call above
        os._exit(1)


#: From <linux/prctl.h>.
_PR_SET_PDEATHSIG = 1


def _index_share_for_parent(
    paths: list[Path], folder: str, indexed_ns: int, out: BinaryIO, stem_all: StemAll | None = None
) -> None:
    """``_index_share``, reporting progress and the result to the parent ``_Worker`` through ``out``."""
    unreported = 0

    def report(count: int) -> None:
        nonlocal unreported
        unreported += count
        if unreported >= 50:
            out.write(b"done %d\n" % unreported)
            out.flush()
            unreported = 0

    try:
        result = _index_share(paths, FileStorage(folder), indexed_ns, report, stem_all)
    except OSError as e:
        if e.errno is not None:
            message = " ".join(str(e.strerror or e).split())
            out.write(b"oserror %d %s\n" % (e.errno, message.encode("utf-8", "replace")))
            out.flush()
        raise
    out.write(b"done %d\nresult %s\n" % (unreported, base64.b64encode(pickle.dumps(result))))
    out.flush()


def _index_share(
    paths: list[Path], storage: Any, indexed_ns: int, progress: Progress, stem_all: StemAll | None = None
) -> _Written:
    """Read, parse and write ``paths`` as new segments of at most ``SEGMENT_DOCS`` releases each.

    ``stem_all``: see ``SegmentBuilder``.
    """
    written: list[Any] = []
    failures: list[str | None] = []
    file_stats: list[str] = []
    builder: SegmentBuilder | None = None
    try:
        with _collector_paused():
            for path in paths:
                try:
                    data = _read(path)
                    release = read_release(data, path.stem)
                except ReleaseError as e:
                    failures.append(e.reason)
                    file_stats.append("")
                    progress(1)
                    continue
                content_hash = hashlib.sha256(data).hexdigest()
                try:
                    file_stat = _file_stat(path, indexed_ns)
                except OSError:  # the file went away since it was read: index what was read
                    file_stat = ""
                doc = schema.document(release, content_hash, file_stat)
                if builder is None:
                    builder = _new_builder(storage, stem_all)
                builder.add(doc)
                failures.append(None)
                file_stats.append(file_stat)
                if builder.doc_count >= SEGMENT_DOCS:
                    written.append(builder.finish())
                    builder = None
                    gc.collect()
                progress(1)
            if builder is not None:
                written.append(builder.finish())
                builder = None
    except BaseException:
        if builder is not None:
            builder.cancel()
        remove_segments(storage, written)
        raise
    return _Written(written, failures, file_stats)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Keep Python's cyclic garbage collector from running automatically, for the length of a build.

    It walks every tracked object each time the heap grows by a quarter, and
    a segment builder's postings are millions of lists: that was a fifth of
    the time spent gathering and writing them. A build makes no cycles worth
    collecting sooner than once a segment.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _new_builder(storage: Any, stem_all: StemAll | None = None) -> SegmentBuilder:
    """A segment builder for this schema's documents, the ranked fields made from their exact twins."""
    return SegmentBuilder(storage, schema.INDEX_NAME, schema.SCHEMA, schema.EXACT_TWIN, stem_all)


def _segment_of(docs: list[dict[str, Any]], storage: Any) -> Any:
    builder = _new_builder(storage)
    try:
        for doc in docs:
            builder.add(doc)
        return builder.finish()
    except BaseException:
        builder.cancel()
        raise


def _read(path: Path) -> bytes:
    """Read a release file's bytes. :raise ReleaseError: unreadable, too large, or a bad name."""
    if not RELEASE_ID.fullmatch(path.stem):
        raise ReleaseError("file name must be letters, digits, '.', '-' or '_' (it becomes the release id)")
    try:
        if path.stat().st_size > MAX_RELEASE_BYTES:
            raise ReleaseError(f"file is larger than {MAX_RELEASE_BYTES:,} bytes")
        return path.read_bytes()
    except OSError as e:
        raise ReleaseError(f"cannot read file: {e.strerror or e}") from e
