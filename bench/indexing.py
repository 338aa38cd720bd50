"""Timing index builds and updates, each in a fresh child process so its peak memory is its own.

A build is timed from the release files to a committed index (searchsvc) or a
loaded database (SQLite FTS5). An update is timed from editing one release
to the first search that finds a word only the edit added; the edit is
undone and re-indexed afterwards, so the corpus and its indexes stay as
generated.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import resource
import shutil
import string
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import corpus as corpus_mod
from bench import sqlite_fts
from bench.querymix import MODES
from bench.querymix import Query
from bench.timing import peak_rss_mb
from bench.timing import size_on_disk_mb

#: How long a child process may take before the benchmark gives up on it.
CHILD_TIMEOUT_SECONDS = 4 * 3600
#: Searches tried before an update counts as never becoming searchable.
MAX_SEARCH_TRIES = 20


@dataclass(frozen=True)
class Build:
    """One index build: how many documents, how long, how much memory and disk."""

    engine: str
    docs: int
    seconds: float
    peak_rss_mb: float
    size_mb: float
    #: The largest peak of the build's worker processes, if it had any.
    worker_peak_rss_mb: float = 0.0

    @property
    def docs_per_second(self) -> float:
        """Documents indexed per second of wall time."""
        return self.docs / self.seconds if self.seconds else float("nan")


@dataclass(frozen=True)
class Update:
    """One edit made searchable: the whole wait, split into re-indexing and the first search."""

    engine: str
    seconds: float
    index_seconds: float
    search_seconds: float
    peak_rss_mb: float


def in_child(function: Callable[..., Any], *args: Any) -> Any:
    """Run ``function(*args)`` in a freshly spawned process and return its result."""
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(function, *args).result(timeout=CHILD_TIMEOUT_SECONDS)


def build_searchsvc(corpus: Path, index_dir: Path) -> Build:
    """Build searchsvc's index of the corpus from scratch with its real indexer."""
    from searchsvc.indexing import build_index
    from searchsvc.indexing import release_paths

    shutil.rmtree(index_dir, ignore_errors=True)
    started = time.perf_counter()
    report = build_index(release_paths(corpus_mod.releases_dir(corpus)), index_dir)
    seconds = time.perf_counter() - started
    if report.skipped:
        raise RuntimeError(f"searchsvc skipped {len(report.skipped)} releases, e.g. {report.skipped[0]}")
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return Build("searchsvc", report.doc_count, seconds, peak_rss_mb(), size_on_disk_mb(index_dir), workers)


def build_fts(corpus: Path, db_path: Path) -> Build:
    """Load the corpus into SQLite with FTS5, as sqlite-utils does it."""
    started = time.perf_counter()
    docs = sqlite_fts.build_database(corpus, db_path)
    seconds = time.perf_counter() - started
    return Build("SQLite FTS5", docs, seconds, peak_rss_mb(), size_on_disk_mb(db_path))


def fresh_word() -> str:
    """A word no release contains: letters only, so no analyzer splits or stems it differently."""
    number = time.time_ns()
    letters = []
    while number:
        number, digit = divmod(number, 26)
        letters.append(string.ascii_lowercase[digit])
    return "zqx" + "".join(letters)


def _edited(text: str, word: str) -> str:
    """``text`` with one sentence holding ``word`` added as the first body paragraph."""
    title, _, rest = text.partition("\n\n")
    return f"{title}\n\nThe word {word} was added by this edit.\n\n{rest}"


def _middle_release(corpus: Path) -> Path:
    """The file of the release in the middle of the corpus (the one the update edits)."""
    truths = corpus_mod.load_manifest(corpus)
    return corpus_mod.releases_dir(corpus) / f"{truths[len(truths) // 2].id}.txt"


def update_searchsvc(corpus: Path, index_dir: Path, named: bool = False) -> Update:
    """Edit one release, re-index incrementally and search until the new word is found.

    The update indexes the releases folder (``searchsvc index``), or with
    ``named`` just the edited file (``searchsvc index FILE``).
    """
    from searchsvc.indexing import build_index
    from searchsvc.indexing import release_paths
    from searchsvc.search import SearchRequest
    from searchsvc.search import SearchService

    service = SearchService(index_dir)
    service.search(SearchRequest(q="staff"))  # a running service: index open, facet arrays built
    path = _middle_release(corpus)
    original = path.read_bytes()
    word = fresh_word()
    releases = corpus_mod.releases_dir(corpus)
    try:
        started = time.perf_counter()
        path.write_text(_edited(original.decode("utf-8"), word), encoding="utf-8")
        if named:
            report = build_index([path], index_dir, partial=True)
        else:
            report = build_index(release_paths(releases), index_dir)
        indexed = time.perf_counter()
        if report.updated != (path.stem,):
            raise RuntimeError(f"expected one release updated, got {report.summary()}")
        for _ in range(MAX_SEARCH_TRIES):
            request = SearchRequest(q=word, highlight=False, facets=False)
            if service.search(request).total == 1:
                break
        else:
            raise RuntimeError(f"the edited release never became searchable for {word!r}")
        found = time.perf_counter()
    finally:
        path.write_bytes(original)
        build_index(release_paths(releases), index_dir)
    engine = "searchsvc, the edited file named" if named else "searchsvc, the folder indexed"
    return Update(engine, found - started, indexed - started, found - indexed, peak_rss_mb())


def update_fts(corpus: Path, db_path: Path) -> Update:
    """Edit one release's row, commit (triggers reindex it) and search until the new word is found."""
    search = sqlite_fts.FtsSearch(db_path)
    plain = MODES[0]
    search.search(Query("warm", "staff"), plain)
    release_id = _middle_release(corpus).stem
    original = sqlite_fts.read_body(db_path, release_id)
    word = fresh_word()
    try:
        started = time.perf_counter()
        sqlite_fts.update_body(db_path, release_id, f"The word {word} was added by this edit.\n\n{original}")
        indexed = time.perf_counter()
        for _ in range(MAX_SEARCH_TRIES):
            if search.search(Query("fresh", word), plain).total == 1:
                break
        else:
            raise RuntimeError(f"the edited row never became searchable for {word!r}")
        found = time.perf_counter()
    finally:
        search.close()
        sqlite_fts.update_body(db_path, release_id, original)
    return Update("SQLite FTS5", found - started, indexed - started, found - indexed, peak_rss_mb())


def build_stock(corpus: Path, index_dir: Path) -> Build:
    """Build the stock Whoosh baseline's index of the corpus from scratch."""
    from bench import stock_whoosh

    started = time.perf_counter()
    docs = stock_whoosh.build(corpus, index_dir)
    seconds = time.perf_counter() - started
    return Build("stock Whoosh", docs, seconds, peak_rss_mb(), size_on_disk_mb(index_dir))
