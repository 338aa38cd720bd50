"""Finding release files and deciding what a build must do with each: skip it, read it, or leave it as indexed."""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import itertools
import operator
import os
import re
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any
from typing import overload

from searchsvc.errors import ReleaseError
from searchsvc.errors import SearchsvcError
from searchsvc.indexing.manifest import ReleaseStats
from searchsvc.indexing.manifest import TrustedStat
from searchsvc.indexing.stored import Indexed
from searchsvc.indexing.stored import IndexedReleases

#: A release id is its file name's stem; it ends up in URLs, so keep it plain.
RELEASE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")
#: Releases larger than this are not press releases; reading them is a DoS risk.
MAX_RELEASE_BYTES = 1_000_000
#: A release file's name: "*.txt", or a saved web page "*.html" or "*.htm", in any case, not hidden.
_RELEASE_FILE_NAME = re.compile(r"[^.].*\.(?:txt|html?)\Z", re.DOTALL | re.IGNORECASE)
#: The suffixes (lower-cased) of release files saved as web pages.
WEB_PAGE_SUFFIXES = frozenset({".html", ".htm"})


def is_release_file_name(name: str) -> bool:
    """Whether ``name`` is a release file's name (``*.txt``, ``*.html``, ``*.htm``; not hidden)."""
    return _RELEASE_FILE_NAME.match(name) is not None


def is_web_page(path: Path) -> bool:
    """Whether the release file ``path`` is a saved web page, read as HTML rather than as text."""
    return path.suffix.lower() in WEB_PAGE_SUFFIXES


@dataclass(frozen=True)
class Skipped:
    """A file the build did not index, and why."""

    name: str
    reason: str


class ReleaseFiles(Sequence[Path]):
    """The release files of a folder, sorted by name: a sequence of their paths.

    It also keeps the bare file names, which the indexer checks for
    unchanged files without making a ``Path`` of each: at 100,000 files
    pathlib's per-file work was most of a one-release update.
    """

    def __init__(self, folder: Path, names: list[str], links: frozenset[str] = frozenset()) -> None:
        self.folder = folder
        self._names = names
        #: The names that are symbolic links.
        self.links = links

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


def release_paths(seeds_dir: Path) -> ReleaseFiles:
    """The release files (``*.txt``, ``*.html``, ``*.htm``) in ``seeds_dir``, sorted by name.

    :raise SearchsvcError: the folder does not exist or is not a folder.
    """
    if not seeds_dir.is_dir():
        raise SearchsvcError(f"releases folder {str(seeds_dir)!r} does not exist or is not a folder")
    try:
        # The directory entries say which are links, at no cost per file.
        with os.scandir(seeds_dir) as entries:
            found = [(entry.name, entry.is_symlink()) for entry in entries if _RELEASE_FILE_NAME.match(entry.name)]
    except OSError as e:
        raise SearchsvcError(f"cannot list the releases folder {str(seeds_dir)!r}: {e.strerror or e}") from e
    names = sorted(name for name, _link in found)
    return ReleaseFiles(seeds_dir, names, frozenset(name for name, link in found if link))


#: Why a link whose real location is outside its folder is skipped.
OUTSIDE = "links outside the releases folder are not followed"


def read_release_file(path: Path) -> bytes:
    """Read a release file's bytes, from inside the folder it is named in only.

    :raise ReleaseError: unreadable, too large, a bad name, or a link to somewhere outside its folder.
    """
    if not RELEASE_ID.fullmatch(path.stem):
        raise ReleaseError("file name must be letters, digits, '.', '-' or '_' (it becomes the release id)")
    try:
        with open(_open_inside(path), "rb") as file:
            if os.fstat(file.fileno()).st_size > MAX_RELEASE_BYTES:
                raise ReleaseError(f"file is larger than {MAX_RELEASE_BYTES:,} bytes")
            return file.read()
    except OSError as e:
        raise ReleaseError(f"cannot read file: {e.strerror or e}") from e


def _open_inside(path: Path) -> int:
    """A file descriptor of ``path`` opened for reading, if its real location is in the folder it is named in.

    A plain file opens at the first try; only a link (the open refuses to
    follow it) costs the resolving of both paths.
    """
    try:
        return os.open(path, os.O_RDONLY | _NO_FOLLOW)
    except OSError as e:
        if e.errno != errno.ELOOP:
            raise
    real = os.path.realpath(path)
    if not is_inside(real, path.parent):
        raise ReleaseError(OUTSIDE)
    return os.open(real, os.O_RDONLY | _NO_FOLLOW)


_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


def is_inside(real: str, folder: Path) -> bool:
    """Whether the resolved path ``real`` is inside ``folder`` (resolved too)."""
    return os.path.dirname(real) == os.path.realpath(folder) or real.startswith(os.path.realpath(folder) + os.sep)


def file_stat(path: Path, indexed_ns: int) -> str:
    """The ``schema.FILE_STAT_FIELD`` value of a file indexed at ``indexed_ns``."""
    st = path.stat()
    return f"{st.st_size}:{st.st_mtime_ns}:{indexed_ns}"


#: A file to read, parse and index, and what the index held of its release.
Job = tuple[Path, Indexed | None]


@dataclass
class Changes:
    """What a build must do: the files to index, those skipped, and the releases left as they are."""

    jobs: list[Job] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    #: Releases whose file is unchanged.
    unchanged: int = 0
    #: Releases kept at their indexed version because their file cannot be read now.
    kept: int = 0
    #: Ids of releases that stay in the index (unless a job replaces them).
    seen: set[str] = field(default_factory=set)
    #: Releases kept whose files are not read, for a rebuild to write again as they are.
    carry: list[tuple[str, Indexed]] = field(default_factory=list)


def changes(paths: Iterable[Path], indexed: IndexedReleases, keep: set[str], *, rebuild: bool) -> Changes:
    """Compare ``paths`` with what the index holds; the releases in ``keep`` stay whatever their files."""
    found = Changes(seen=set(keep))
    with _listing(paths) as (listing, stat_of, path_of):
        listed = list(listing)
        links = _link_verdicts(paths) if isinstance(paths, ReleaseFiles) and paths.links else {}
        if links:
            for release_id, item in listed:
                if item in links:
                    _skip_link(found, (release_id, path_of(item).name), links[item], indexed, rebuild=rebuild)
            listed = [(release_id, item) for release_id, item in listed if item not in links]
        # Ids of the files listed so far: "a.txt", "a.TXT" and "a.html" would be
        # one release; the first by name is read, and the others name it.
        listed_ids: set[str] = set()
        read_from: dict[str, str] = {}
        if not rebuild:
            listed, unchanged_ids = _set_apart_unchanged(listed, stat_of, indexed.stats)
            listed_ids.update(unchanged_ids)
            found.seen.update(unchanged_ids)
            found.unchanged += len(unchanged_ids)
        for release_id, item in listed:
            if release_id in listed_ids:
                first = read_from.get(release_id, "another file")
                found.skipped.append(Skipped(path_of(item).name, f"{first} is already release {release_id!r}"))
                continue
            listed_ids.add(release_id)
            read_from[release_id] = path_of(item).name
            if release_id not in indexed.stats or rebuild:
                found.jobs.append((path_of(item), indexed.get(release_id) if rebuild else None))
            elif _same_stat(indexed.stats[release_id], item, stat_of):
                found.unchanged += 1
                found.seen.add(release_id)
            else:
                _compare_content(found, release_id, path_of(item), indexed)
    return found


def _link_verdicts(files: ReleaseFiles) -> dict[str, str]:
    """Why each link among ``files`` that is not read is skipped, by name.

    A link whose real location is outside the folder is never followed; one
    to another release file of the folder would read that file twice.
    """
    verdicts = {}
    names = set(files.names())
    for name in files.links:
        real = os.path.realpath(files.folder / name)
        if not is_inside(real, files.folder):
            verdicts[name] = OUTSIDE
        elif os.path.dirname(real) == os.path.realpath(files.folder) and os.path.basename(real) in names:
            verdicts[name] = f"a link to {os.path.basename(real)}, which is read as itself"
    return verdicts


def _skip_link(
    found: Changes, release: tuple[str, str], reason: str, indexed: IndexedReleases, *, rebuild: bool
) -> None:
    """Skip a link (release id, file name); a release indexed from the file it replaced is kept, as for any file
    that cannot be read."""
    release_id, name = release
    found.skipped.append(Skipped(name, reason))
    previous = indexed.get(release_id)
    if previous is not None:
        found.kept += 1
        found.seen.add(release_id)
        if rebuild:
            found.carry.append((release_id, previous))


def _same_stat(known: TrustedStat, item: Any, stat_of: Callable[[Any], os.stat_result]) -> bool:
    """Whether a file's size and modification time are the trusted ones the index holds."""
    if known is None:
        return False
    try:
        st = stat_of(item)
    except OSError:
        return False  # gone or unreadable: read next, which says why
    return st.st_size == known[0] and st.st_mtime_ns == known[1]


def _compare_content(found: Changes, release_id: str, path: Path, indexed: IndexedReleases) -> None:
    """Read a file whose stat changed: a job if its content did too."""
    previous = indexed.get(release_id)
    try:
        data = read_release_file(path)
    except ReleaseError as e:
        # Kept rather than lost: the indexed version stays searchable.
        found.skipped.append(Skipped(path.name, e.reason))
        found.kept += 1
        found.seen.add(release_id)
        return
    if previous is None or hashlib.sha256(data).hexdigest() != previous.content_hash:
        found.jobs.append((path, previous))
        return
    found.unchanged += 1
    found.seen.add(release_id)


def _set_apart_unchanged(
    listed: list[tuple[str, Any]], stat_of: Callable[[Any], os.stat_result], stats: ReleaseStats
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
        # Every name ends in a release file's suffix (``release_paths``), so its stem is what comes before the last dot.
        yield (
            zip([name[: name.rindex(".")] for name in names], names, strict=True),
            functools.partial(os.stat, dir_fd=folder),
            paths.folder.__truediv__,
        )
    finally:
        os.close(folder)
