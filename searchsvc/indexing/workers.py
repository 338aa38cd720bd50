"""Reading, parsing and writing release files as new segments, in this process or a pool of worker processes.

Processes, not threads: parsing and analysis are pure Python. The pool is
the standard library's, with an explicit start method: forked where that is
safe (a forked worker starts at once with the analysis already imported,
where a new interpreter takes about half a second to import it), else
started afresh. Each worker dies with the build that started it, and stops
at the next file once another worker has failed.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import queue
import sys
import threading
import time
from collections.abc import Generator
from collections.abc import Iterator
from concurrent.futures import FIRST_EXCEPTION
from concurrent.futures import Future
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from typing import NamedTuple

from searchsvc import analysis
from searchsvc import schema
from searchsvc.errors import ReleaseError
from searchsvc.errors import SearchsvcError
from searchsvc.indexing import segments
from searchsvc.indexing.listing import file_stat
from searchsvc.indexing.listing import is_web_page
from searchsvc.indexing.listing import read_release_file
from searchsvc.releases import read_release

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
#: A worker tells the build how many files it has dealt with this often.
_REPORT_EVERY = 50
#: Files a worker reads and parses before it adds their documents to its segment. Parsing a file and adding its
#: document in turn took 13% more CPU than in batches (10.96 s against 9.55 s for 5,000 releases, medians of
#: five alternating runs): each stage finds more of what it uses still in the processor's caches.
_BATCH = 250


@dataclass(frozen=True)
class Progress:
    """Some more release files a build has dealt with."""

    files: int


class Written(NamedTuple):
    """What indexing a list of files wrote: the new segments, and for each file in order
    why it was skipped (or None) and the ``file_stat`` it was indexed with (or "")."""

    segments: list[Any]
    failures: list[str | None]
    file_stats: list[str]


def index_files(paths: list[Path], folder: str, workers: int | None) -> Generator[Progress, None, Written]:
    """Index ``paths`` as new segments in ``folder``: yields counts of files dealt with, returns what was written.

    ``workers``: processes to use (default: one per core, at most one per
    ``RELEASES_PER_FORKED_WORKER`` or ``RELEASES_PER_WORKER`` releases).
    """
    fork = _may_fork()
    if workers is None:
        per_worker = RELEASES_PER_FORKED_WORKER if fork else RELEASES_PER_WORKER
        workers = min(os.cpu_count() or 1, len(paths) // per_worker)
    workers = max(1, min(workers, len(paths)))
    indexed_ns = time.time_ns()
    if workers == 1:
        return (yield from _share_steps(paths, folder, indexed_ns))
    size = -(-len(paths) // workers)
    # Contiguous shares keep the releases' order, so document numbers follow
    # file names as in a one-process build.
    shares = [paths[at : at + size] for at in range(0, len(paths), size)]
    if fork:
        # Imported once here rather than once in each worker (0.13 s apiece).
        analysis.load_stemmer()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    return (yield from _in_pool(shares, folder, indexed_ns, context))


def _may_fork() -> bool:
    """Whether workers may be forked from this process, rather than started as new interpreters.

    A fork copies only the thread that calls it, so a threaded caller (a web
    server, say) could leave a lock held for good in the child; and on
    macOS, system libraries are not safe to use after a fork.
    """
    return sys.platform.startswith("linux") and threading.active_count() == 1


def _in_pool(
    shares: list[list[Path]], folder: str, indexed_ns: int, context: Any
) -> Generator[Progress, None, Written]:
    """``_share_steps`` of each share in a worker process of its own; the segments of all, in order."""
    reports, stop = context.Queue(), context.Event()
    pool = ProcessPoolExecutor(
        len(shares), mp_context=context, initializer=_start_worker, initargs=(os.getpid(), reports, stop)
    )
    futures: list[Future[Written]] = []
    try:
        futures = [pool.submit(_run_share, share, folder, indexed_ns) for share in shares]
        yield from _progress(futures, reports, sum(map(len, shares)))
        results = _results(futures)
    except BaseException:
        stop.set()
        pool.shutdown(wait=True, cancel_futures=True)
        _remove_written(folder, futures)
        raise
    finally:
        pool.shutdown(wait=True)
        reports.close()
    return Written(
        [segment for result in results for segment in result.segments],
        [failure for result in results for failure in result.failures],
        [stat for result in results for stat in result.file_stats],
    )


def _progress(futures: list[Future[Written]], reports: Any, total: int) -> Iterator[Progress]:
    """The workers' progress as they report it, until all are done or one has failed; then the rest of ``total``."""
    reported = 0
    while not all(future.done() for future in futures):
        wait(futures, timeout=0.1, return_when=FIRST_EXCEPTION)
        count = _drain(reports)
        reported += count
        if count:
            yield Progress(count)
        if any(future.done() and future.exception() is not None for future in futures):
            return
    # What the workers reported last may still be on its way: counted here instead.
    yield Progress(total - reported)


def _results(futures: list[Future[Written]]) -> list[Written]:
    """What each share wrote. :raise: the first worker's error, as it raised it."""
    try:
        return [future.result() for future in futures]
    except BrokenProcessPool as e:
        raise SearchsvcError(f"an indexing worker failed: {e}") from e


def _drain(reports: Any) -> int:
    """The sum of the counts the workers have reported since last asked."""
    count = 0
    with _suppress_empty():
        while True:
            count += reports.get_nowait()
    return count


@contextmanager
def _suppress_empty() -> Iterator[None]:
    try:
        yield
    except queue.Empty:
        pass


def _remove_written(folder: str, futures: list[Future[Written]]) -> None:
    """Delete the segments of the shares that were written before the build failed."""
    storage = segments.storage(folder)
    for future in futures:
        if future.done() and not future.cancelled() and future.exception() is None:
            segments.remove_segments(storage, future.result().segments)


#: In a worker: where to report progress, and the build's signal to stop.
_worker_reports: Any = None
_worker_stop: Any = None


class _Stopped(SearchsvcError):
    """Another worker of the build failed, so this one stopped."""


def _start_worker(parent: int, reports: Any, stop: Any) -> None:
    """In a new worker: keep the build's queue and stop signal, and die when the build's process does."""
    global _worker_reports, _worker_stop
    _worker_reports, _worker_stop = reports, stop
    threading.Thread(target=_die_with, args=(parent,), daemon=True).start()


def _die_with(parent: int) -> None:
    """End this process once ``parent`` is gone, so a killed build leaves no worker writing on."""
    while os.getppid() == parent:
        time.sleep(0.1)
    os._exit(1)


def _run_share(paths: list[Path], folder: str, indexed_ns: int) -> Written:
    """In a worker: ``_share_steps``, its progress reported to the build."""
    steps = _share_steps(paths, folder, indexed_ns)
    while True:
        if _worker_stop.is_set():
            steps.throw(_Stopped("stopped: another worker failed"))
        try:
            progress = next(steps)
        except StopIteration as done:
            written: Written = done.value
            return written
        _worker_reports.put(progress.files)


def _share_steps(paths: list[Path], folder: str, indexed_ns: int) -> Generator[Progress, None, Written]:
    """Read, parse and write ``paths`` as new segments of at most ``SEGMENT_DOCS`` releases each."""
    storage = segments.storage(folder)
    written: list[Any] = []
    failures: list[str | None] = []
    file_stats: list[str] = []
    builder: segments.SegmentBuilder | None = None
    unreported = 0
    try:
        with collector_paused():
            for at in range(0, len(paths), _BATCH):
                for doc, failure in [_document(path, indexed_ns) for path in paths[at : at + _BATCH]]:
                    failures.append(failure)
                    file_stats.append(doc[schema.FILE_STAT_FIELD] if doc is not None else "")
                    if doc is not None:
                        if builder is None:
                            builder = segments.builder(storage)
                        builder.add(doc)
                        if builder.doc_count >= SEGMENT_DOCS:
                            written.append(builder.finish())
                            builder = None
                            gc.collect()
                    unreported += 1
                    if unreported >= _REPORT_EVERY:
                        yield Progress(unreported)
                        unreported = 0
            if builder is not None:
                written.append(builder.finish())
                builder = None
    except BaseException:
        if builder is not None:
            builder.cancel()
        segments.remove_segments(storage, written)
        raise
    yield Progress(unreported)
    return Written(written, failures, file_stats)


def _document(path: Path, indexed_ns: int) -> tuple[dict[str, Any] | None, str | None]:
    """The index document of one release file, or None and why it cannot be read."""
    try:
        data = read_release_file(path)
        release = read_release(data, path.stem, is_html=is_web_page(path))
    except ReleaseError as e:
        return None, e.reason
    content_hash = hashlib.sha256(data).hexdigest()
    try:
        stat = file_stat(path, indexed_ns)
    except OSError:  # the file went away since it was read: index what was read
        stat = ""
    return schema.document(release, content_hash, stat), None


@contextmanager
def collector_paused() -> Iterator[None]:
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
