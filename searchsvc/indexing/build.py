"""One build of the index: list and compare the release files, write what changed, and commit it all at once.

Every build is one Whoosh commit. Readers see the previous generation until it
lands, and an exception anywhere cancels the writer and leaves the previous
index as it was. A file that cannot be read or parsed is skipped and reported,
never fatal, and a release indexed earlier is kept rather than lost when its
file later turns unreadable.

Progress reaches the caller as values, not callbacks: ``build_steps`` is a
generator of ``Progress`` events ending with the ``BuildReport``, which the
CLI iterates to move its progress bar; ``build_index`` just runs it through.
A generator rather than an iterable of paths the caller wraps, because most
of a build's time is spent after listing, in worker processes, and a bar
driven by the listing would be full before the work began.
"""

from __future__ import annotations

import time
from collections.abc import Generator
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from searchsvc import schema
from searchsvc.errors import IndexMissingError
from searchsvc.errors import SearchsvcError
from searchsvc.indexing import manifest
from searchsvc.indexing import segments
from searchsvc.indexing import stored
from searchsvc.indexing import workers as workers_mod
from searchsvc.indexing.listing import Changes
from searchsvc.indexing.listing import Job
from searchsvc.indexing.listing import ReleaseFiles
from searchsvc.indexing.listing import Skipped
from searchsvc.indexing.listing import changes
from searchsvc.indexing.manifest import ReleaseStats
from searchsvc.indexing.stored import IndexedReleases
from searchsvc.indexing.workers import Progress
from searchsvc.indexing.workers import Written


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
    #: Releases of files skipped now that stay in the index as an earlier build read them.
    kept: int = 0

    @property
    def indexed(self) -> int:
        """Releases of the files this run looked at that the index holds after it, kept ones included."""
        return len(self.added) + len(self.updated) + self.unchanged + self.kept

    def summary(self) -> str:
        """One line for people, e.g. '5 indexed: 5 new, 0 updated, 0 removed, 1 skipped in 0.4 s'.

        A release whose file cannot be read now but was indexed before is
        counted, and said separately: '..., 1 skipped (1 kept as indexed before: its file cannot be read now) in ...'.
        """
        kept = f" ({self.kept} kept as indexed before: its file cannot be read now)" if self.kept else ""
        return (
            f"{self.indexed} indexed: {len(self.added)} new, {len(self.updated)} updated, "
            f"{len(self.removed)} removed, {len(self.skipped)} skipped{kept} in {self.seconds:.1f} s"
        )


def recorded_sources(index_dir: Path) -> list[Path] | None:
    """The releases folder (or the release files) the index in ``index_dir`` was built from, or None if unrecorded."""
    return manifest.recorded_sources(index_dir)


def index_exists(index_dir: Path) -> bool:
    """Whether ``index_dir`` holds a committed index of this schema version (intact or not).

    A folder whose first build never finished holds none: see ``manifest.committed_generation``.
    """
    return manifest.committed_generation(index_dir) is not None


def build_index(
    paths: Iterable[Path],
    index_dir: Path,
    *,
    rebuild: bool = False,
    partial: bool = False,
    workers: int | None = None,
) -> BuildReport:
    """``build_steps`` run to the end, without progress: see there."""
    for step in build_steps(paths, index_dir, rebuild=rebuild, partial=partial, workers=workers):
        if isinstance(step, BuildReport):
            return step
    raise AssertionError("build_steps ends with its report")


def build_steps(
    paths: Iterable[Path],
    index_dir: Path,
    *,
    rebuild: bool = False,
    partial: bool = False,
    workers: int | None = None,
) -> Iterator[Progress | BuildReport]:
    """Bring the index in ``index_dir`` in line with the release files ``paths``, in one commit.

    New files are added, changed ones (by content hash) updated, and releases
    whose file is gone removed. With ``rebuild`` every release is written
    anew. With ``partial``, ``paths`` are some of the releases only: those
    are added or updated, or removed if their file is gone, and every other
    release is left as it is, without looking at its file. New and changed
    releases are written as new segments, in ``workers`` processes (default:
    one per core when there are enough releases to share out).

    Yields ``Progress`` as files are dealt with, and last the ``BuildReport``.

    :raise IndexLockedError, IndexDamagedError (unless rebuilding), SearchsvcError (cannot write).
    """
    if rebuild and partial:
        raise ValueError("a rebuild writes every release: it cannot be partial")
    started = time.monotonic()
    paths, sources = _sources(paths, index_dir, partial=partial)
    ix, writer = segments.open_for_writing(index_dir, fresh_if_damaged=rebuild)
    new_segments: list[Any] = []
    try:
        snapshot = None if rebuild else manifest.read_release_stats(index_dir, ix.latest_generation())
        with workers_mod.collector_paused():
            outcome = yield from _write(writer, index_dir, paths, snapshot, rebuild, partial, workers)
        new_segments = outcome.segments
        if outcome.committed:
            segments.commit(writer, new_segments, rebuild=rebuild)
        else:
            # Nothing changed: cancel rather than commit an identical generation.
            segments.cancel(writer)
    except OSError as e:
        # Disk full, a read-only folder, ...: the previous generation is untouched.
        _abandon(writer, new_segments)
        raise SearchsvcError(
            f"could not write the index in {str(index_dir)!r}: {e.strerror or e}; the previous index is unchanged"
        ) from e
    except BaseException:
        _abandon(writer, new_segments)
        raise
    _record(index_dir, ix, outcome, sources)
    doc_count = ix.doc_count() if outcome.committed else outcome.doc_count
    yield outcome.report(doc_count, time.monotonic() - started)


def _abandon(writer: Any, new_segments: list[Any]) -> None:
    segments.cancel(writer)
    segments.remove_segments(writer.storage, new_segments)


def _sources(paths: Iterable[Path], index_dir: Path, *, partial: bool) -> tuple[Iterable[Path], list[Path]]:
    """``paths``, and what to record that the index is built from: their folder, or else the files.

    Some files of a folder (``partial``) are recorded as the sources the
    index already records, if it does.
    """
    if isinstance(paths, ReleaseFiles):
        return paths, [paths.folder.absolute()]
    listed = list(paths)
    recorded = manifest.recorded_sources(index_dir) if partial else None
    return listed, recorded or [path.absolute() for path in listed]


def _record(index_dir: Path, ix: Any, outcome: _Outcome, sources: list[Path]) -> None:
    """Write the manifests of the generation just committed (or of the unchanged one, if it had none)."""
    if outcome.committed:
        generation = ix.latest_generation()
        manifest.record_sizes(index_dir, generation, segments.segment_ids(ix), sources)
        manifest.record_release_stats(index_dir, generation, outcome.release_stats)
        manifest.remove_other_versions(index_dir)
    elif outcome.release_stats_read:
        # Nothing changed, but this generation had no release stats: the next update need not read the columns.
        manifest.record_release_stats(index_dir, ix.latest_generation(), outcome.release_stats)


@dataclass
class _Outcome:
    """What ``_write`` did, for the commit and the report."""

    added: list[str]
    updated: list[str]
    removed: list[str]
    found: Changes
    committed: bool
    doc_count: int
    segments: list[Any]
    release_stats: ReleaseStats
    release_stats_read: bool

    def report(self, doc_count: int, seconds: float) -> BuildReport:
        found = self.found
        return BuildReport(
            added=tuple(self.added),
            updated=tuple(self.updated),
            removed=tuple(self.removed),
            unchanged=found.unchanged,
            skipped=tuple(found.skipped),
            committed=self.committed,
            doc_count=doc_count,
            seconds=seconds,
            kept=found.kept,
        )


def _write(
    writer: Any,
    index_dir: Path,
    paths: Iterable[Path],
    snapshot: ReleaseStats | None,
    rebuild: bool,
    partial: bool,
    workers: int | None,
) -> Generator[Progress, None, _Outcome]:
    """Compare, index what changed, and stage the deletions; the commit is the caller's."""
    # A reader of the generation being replaced, for hashes and carried-over
    # releases; closed here, since it holds every index file open.
    reader = writer.reader()
    try:
        indexed = stored.indexed_releases(index_dir, reader, snapshot, rebuild=rebuild)
        keep: set[str] = set()
        if partial:
            # Named files that are gone are removals; the other releases stay.
            named = list(paths)
            gone = {path.stem for path in named if not path.exists()}
            paths = [path for path in named if path.stem not in gone]
            keep = set(indexed.stats) - gone
        found = changes(paths, indexed, keep, rebuild=rebuild)
        yield Progress(found.unchanged + found.kept)
        jobs = [path for path, _previous in found.jobs]
        written = yield from workers_mod.index_files(jobs, str(index_dir), workers)
        return _apply(writer, indexed, found, written, rebuild=rebuild)
    finally:
        reader.close()


def _apply(writer: Any, indexed: IndexedReleases, found: Changes, written: Written, *, rebuild: bool) -> _Outcome:
    """Stage the deletions of replaced and removed releases, and carry over what a rebuild could not read."""
    new_segments = written.segments
    # The release stats of the generation this build commits.
    next_stats = {} if rebuild else dict(indexed.stats)
    added: list[str] = []
    updated: list[str] = []
    try:
        carried = [indexed.carry_over(previous) for _release_id, previous in found.carry]
        next_stats.update((release_id, None) for release_id, _previous in found.carry)
        for job, failure, file_stat in zip(found.jobs, written.failures, written.file_stats, strict=True):
            path, previous = job
            if failure is None:
                (updated if previous is not None else added).append(path.stem)
                next_stats[path.stem] = stored.trusted_stat(file_stat)
            elif previous is not None and rebuild:
                carried.append(indexed.carry_over(previous))
                next_stats[path.stem] = None
            _take(writer, found, job, failure, rebuild=rebuild)
        if carried:
            new_segments.append(_segment_of(carried, writer.storage))
        removed = sorted(set(indexed.stats) - found.seen)
        _remove(writer, indexed, removed, next_stats, rebuild=rebuild)
    except BaseException:
        segments.remove_segments(writer.storage, new_segments)
        raise
    return _Outcome(
        added=added,
        updated=updated,
        removed=removed,
        found=found,
        committed=bool(added or updated or removed or rebuild),
        doc_count=len(indexed.stats) + len(added) - len(removed),
        segments=new_segments,
        release_stats=next_stats,
        release_stats_read=indexed.read_columns,
    )


def _segment_of(docs: list[dict[str, Any]], storage: Any) -> Any:
    """One new segment of ``docs`` (releases carried over), written whole."""
    new = segments.builder(storage)
    try:
        for doc in docs:
            new.add(doc)
        return new.finish()
    except BaseException:
        new.cancel()
        raise


def _take(writer: Any, found: Changes, job: Job, failure: str | None, *, rebuild: bool) -> None:
    """Account for one file read: its old version deleted if it was replaced, kept if it could not be read."""
    path, previous = job
    if failure is None:
        found.seen.add(path.stem)
        if previous is not None and not rebuild:
            writer.delete_document(previous.docnum)
        return
    found.skipped.append(Skipped(path.name, failure))
    if previous is not None:
        # Kept rather than lost: the indexed version stays searchable.
        found.seen.add(path.stem)
        found.kept += 1


def _remove(
    writer: Any, indexed: IndexedReleases, removed: list[str], next_stats: ReleaseStats, *, rebuild: bool
) -> None:
    """Delete the releases whose files are gone (a rebuild writes none of them anyway)."""
    for release_id in removed:
        next_stats.pop(release_id, None)
        previous = None if rebuild else indexed.get(release_id)
        if previous is not None:
            writer.delete_document(previous.docnum)


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
        if schema.index_exists(index_dir):
            raise IndexMissingError.unfinished(index_dir)
        raise IndexMissingError.in_folder(index_dir)
    contents = stored.read_everything(index_dir)
    return CheckReport(contents.generation, contents.doc_count, contents.terms)
