"""The files kept beside each committed generation of the index: its files' sizes and its releases' file stats.

Both are written after the commit, atomically, and the other generations'
are removed. A generation without them (a crash in between) is read
unchecked, and its releases' stats are read from the index's columns.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
from collections.abc import Sequence
from pathlib import Path

from searchsvc import schema
from searchsvc.errors import IndexDamagedError

#: A release's file size and modification time, as an update can trust them, or None.
TrustedStat = Sequence[int] | None
#: Each indexed release id and its file's trusted stat.
ReleaseStats = dict[str, TrustedStat]


def refuse_changed_sizes(index_dir: Path, generation: int) -> None:
    """:raise IndexDamagedError: a file of ``generation`` is missing or not the size recorded for it."""
    changed = schema.changed_files(index_dir, generation)
    if changed:
        raise IndexDamagedError.in_folder(index_dir, f"{changed[0]} has changed size since it was written")


def record_sizes(index_dir: Path, generation: int, segment_ids: Sequence[str]) -> None:
    """Write the size of every file of the committed generation, for readers to check.

    Segments are separate files, and a truncated postings file would only
    fail when a search reached past the cut; a reader that finds a size
    changed refuses the index instead.
    """
    files = {
        path.name: path.stat().st_size
        for path in index_dir.iterdir()
        if any(path.name.startswith(f"{segment_id}.") for segment_id in segment_ids)
    }
    data = json.dumps({"generation": generation, "files": files}).encode("utf-8")
    _replace_generation_file(schema.sizes_path(index_dir, generation), data)


def read_release_stats(index_dir: Path, generation: int) -> ReleaseStats | None:
    """The release stats written with ``generation``, or None if there are none to read."""
    try:
        # A pickle, as Whoosh's own index files are: JSON took 0.12 s to load at 100,000 releases.
        data = pickle.loads(schema.release_stats_path(index_dir, generation).read_bytes())
        stats = data["releases"]
    except (OSError, pickle.UnpicklingError, ValueError, KeyError, TypeError, EOFError):
        return None
    return stats if isinstance(stats, dict) and data.get("generation") == generation else None


def record_release_stats(index_dir: Path, generation: int, stats: ReleaseStats) -> None:
    """Write the release stats of a committed generation, atomically, and remove older ones."""
    data = pickle.dumps({"generation": generation, "releases": stats}, protocol=pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(OSError):  # only a shortcut: without it the next update reads the columns
        _replace_generation_file(schema.release_stats_path(index_dir, generation), data)


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


def remove_other_versions(index_dir: Path) -> None:
    """Delete the files of indexes built by other schema or analysis versions.

    A server still reading one keeps its open files (POSIX unlink semantics).
    """
    for path in index_dir.iterdir():
        name = path.name.lstrip("_")
        if name.startswith(schema.INDEX_PREFIX) and not name.startswith(schema.INDEX_NAME):
            path.unlink(missing_ok=True)
