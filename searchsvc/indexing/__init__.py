"""Building the index from release files: listing, change detection, worker processes, segments and the commit.

listing    finds release files and decides what changed
manifest   the files kept beside each generation (sizes, release stats)
stored     what the indexer reads back from the previous generation
workers    reads, parses and writes releases, in a pool of processes
blocks     postings in Whoosh's W3 block format, as bytes
segments   the write door: segments and the commit, the only Whoosh writer
build      one build, committed at once: ``build_index``, ``check_index``
"""

from __future__ import annotations

from searchsvc.indexing.build import BuildReport
from searchsvc.indexing.build import CheckReport
from searchsvc.indexing.build import build_index
from searchsvc.indexing.build import build_steps
from searchsvc.indexing.build import check_index
from searchsvc.indexing.build import index_exists
from searchsvc.indexing.build import recorded_sources
from searchsvc.indexing.listing import ReleaseFiles
from searchsvc.indexing.listing import Skipped
from searchsvc.indexing.listing import is_release_file_name
from searchsvc.indexing.listing import release_paths
from searchsvc.indexing.workers import Progress

__all__ = [
    "BuildReport",
    "CheckReport",
    "Progress",
    "ReleaseFiles",
    "Skipped",
    "build_index",
    "build_steps",
    "check_index",
    "index_exists",
    "is_release_file_name",
    "recorded_sources",
    "release_paths",
]
