"""Crash safety: SIGKILL the indexer at random points of a full build, many times, and check the index each time.

    python -m bench.kill9 --runs 50 --releases 2000

Each run marks one release with the run's number, starts ``searchsvc index
--rebuild`` and kills it with SIGKILL at a random moment. The index must then
open, pass ``searchsvc index --check``, hold every release, and show the mark
of the last build that finished: the previous run's, or this one's if the
build committed before the kill. A lock left by the killed process must not
stop the next build. Prints one line per run and a summary.
"""

from __future__ import annotations

import argparse
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from tempfile import TemporaryDirectory

from searchsvc.indexing import check_index
from searchsvc.search import SearchRequest
from searchsvc.search import SearchService
from tests.conftest import write_releases

SEARCHSVC = str(Path(sys.executable).with_name("searchsvc"))


def mark(seeds: Path, run: int) -> None:
    """Give the marker release this run's word."""
    # run + 1: "mark-1z" would also be found by a search for "mark1z".
    (seeds / "marker.txt").write_text(f"Marker release\n\nThis build carries the word mark{run + 1}z.\n", "utf-8")


def marked_run(index: Path, runs: int) -> int | None:
    """Which run's mark the index holds."""
    svc = SearchService(index)
    found = [r for r in range(-1, runs) if svc.search(SearchRequest(q=f"mark{r + 1}z", facets=False)).total]
    return found[0] if len(found) == 1 else None


def index(seeds: Path, index_dir: Path, *extra: str) -> subprocess.Popen[bytes]:
    command = [SEARCHSVC, "index", "--seeds", str(seeds), "--index", str(index_dir), *extra]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--releases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261123)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with TemporaryDirectory() as tmp:
        seeds, index_dir = Path(tmp) / "seeds", Path(tmp) / "index"
        write_releases(seeds, args.releases)
        mark(seeds, -1)
        started = time.monotonic()
        if index(seeds, index_dir).wait() != 0:
            raise SystemExit("the first build failed")
        build_seconds = time.monotonic() - started
        expected_docs = args.releases + 1
        committed, intact, finished_first = -1, 0, 0
        for run in range(args.runs):
            mark(seeds, run)
            process = index(seeds, index_dir, "--rebuild")
            delay = rng.uniform(0.1, build_seconds * 1.1)
            time.sleep(delay)
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
            code = process.wait()
            if code == 0:
                committed, finished_first = run, finished_first + 1
            checked = check_index(index_dir)
            holds = marked_run(index_dir, args.runs)
            ok = checked.doc_count == expected_docs and holds == committed
            intact += ok
            print(
                f"run {run:2}: killed after {delay:5.1f} s, exit {code:3}, {checked.doc_count} releases, "
                f"mark of run {holds} (expected {committed}): {'intact' if ok else 'WRONG'}",
                flush=True,
            )
        final = index(seeds, index_dir)
        final_ok = final.wait() == 0
    print(
        f"\n{intact}/{args.runs} runs left an intact index holding the last committed build "
        f"({finished_first} builds finished before their kill); the next build after the last kill "
        f"{'succeeded' if final_ok else 'FAILED'}. Full build: {build_seconds:.1f} s for {expected_docs} releases."
    )
    return 0 if intact == args.runs and final_ok else 1


if __name__ == "__main__":
    sys.exit(main())
