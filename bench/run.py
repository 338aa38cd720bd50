"""The performance benchmark: searchsvc against SQLite FTS5 (and Datasette) on a synthetic corpus.

    python -m bench.run --size 10000 [--e2e] [--stock-whoosh]

Generates the corpus if it is missing (``bench.corpus``), checks a sample of
it against searchsvc's parser, builds searchsvc's index and the FTS5 database
(each in its own child process; with ``--stock-whoosh``, also pairs of
searchsvc and stock Whoosh builds back to back, as ``bench.builds`` does),
times one edit becoming searchable, times the query mix in process, and with
``--e2e`` loads the servers with wrk (``bench.e2e``). Prints Markdown tables and writes them to
``bench/results/<size>.md``. Ratios are taken within one run, because the
machines are shared and absolute times drift from run to run.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import os
import platform
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from bench import builds as builds_mod
from bench import corpus as corpus_mod
from bench import e2e
from bench import indexing
from bench import inprocess
from bench import report
from bench.timing import size_on_disk_mb

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
SERVERS = ("waitress", "gunicorn", "datasette")


@dataclass(frozen=True)
class Paths:
    """Where one corpus and everything built from it live."""

    corpus: Path
    index: Path
    fts_db: Path
    stock: Path

    @classmethod
    def of(cls, corpus: Path) -> Paths:
        """The paths for the corpus folder ``corpus`` (all git-ignored)."""
        return cls(corpus, corpus / "index", corpus / "fts.db", corpus / "stock-whoosh")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True, help="releases in the corpus (1000, 10000, ...)")
    parser.add_argument("--e2e", action="store_true", help="also load the servers with wrk")
    parser.add_argument(
        "--e2e-only",
        action="store_true",
        help="only load the servers, on indexes already built; the report goes to <size>-e2e.md",
    )
    parser.add_argument("--stock-whoosh", action="store_true", help="add a stock Whoosh baseline in process")
    parser.add_argument("--reuse-index", action="store_true", help="build only indexes that are missing")
    parser.add_argument(
        "--build-pairs",
        type=int,
        default=None,
        help="with --stock-whoosh, back-to-back pairs of full builds after the first "
        "[5 up to 1,000 releases, 2 up to 10,000, else 0]",
    )
    parser.add_argument("--budget", type=float, default=3.0, help="seconds per query and mode [3]")
    parser.add_argument("--rounds", type=int, default=200, help="most rounds per query and mode [200]")
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per server [20]")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections [8]")
    servers = ",".join(SERVERS)
    parser.add_argument("--servers", default=servers, help=f"servers for --e2e, from {servers}")
    parser.add_argument("--check", type=int, default=200, help="releases to parse back as a check [200]")
    args = parser.parse_args(argv)
    if not 0 < args.duration <= 600:
        parser.error("--duration must be between 1 and 600 seconds")
    if args.build_pairs is None:
        args.build_pairs = default_build_pairs(args.size)
    if not 0 <= args.build_pairs <= builds_mod.MAX_ROUNDS:
        parser.error(f"--build-pairs must be between 0 and {builds_mod.MAX_ROUNDS}")
    return args


def default_build_pairs(size: int) -> int:
    """How many back-to-back build pairs to add for a corpus of ``size`` releases.

    A build of 1,000 releases takes under 2 s, and a neighbour's burst on the
    shared machine moves one build by a fifth or more, so one pair says
    little. At 100,000 a pair takes a quarter of an hour.
    """
    if size <= 1_000:
        return 5
    return 2 if size <= 10_000 else 0


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    """Turn SIGTERM into SystemExit, so the e2e servers' finally blocks stop them."""
    raise SystemExit(128 + signum)


def _say(message: str) -> None:
    """Progress for people, on stderr."""
    print(message, file=sys.stderr, flush=True)


def _versions() -> str:
    """The versions of everything measured, for the report's header."""
    names = ("whoosh", "nltk", "flask", "waitress", "gunicorn", "datasette", "sqlite-utils")
    found = []
    for name in names:
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            continue
    found.append(f"SQLite {sqlite3.sqlite_version}")
    try:
        wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True, timeout=10).stdout.split()[:2]
        found.append(" ".join(wrk))
    except (OSError, subprocess.TimeoutExpired):
        pass
    return ", ".join(found)


def _revision() -> str:
    """The commit searchsvc was measured at, and whether searchsvc/ had uncommitted changes."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        status = ["git", "status", "--porcelain", "--", "searchsvc"]
        dirty = subprocess.run(status, cwd=REPO, capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "an unknown commit"
    return f"commit {commit or 'unknown'}" + (" with uncommitted changes in searchsvc/" if dirty else "")


def _cpu_model() -> str:
    """The CPU's model name, for the report's header."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def header(size: int, corpus: Path, argv: Sequence[str]) -> str:
    """Title, command, machine, versions and corpus figures."""
    truths = corpus_mod.load_manifest(corpus)
    rated = sum(1 for t in truths if t.rating)
    phrase = sum(1 for t in truths if t.phrase)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    now = datetime.datetime.now().isoformat(timespec="seconds")
    text_mb = size_on_disk_mb(corpus_mod.releases_dir(corpus))
    return "\n".join(
        [
            f"# Performance benchmark: {size:,} releases",
            "",
            f"Run {now} with `python -m bench.run {' '.join(argv)}`.",
            "",
            f"- Machine: {_cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
            f"load average at start {load} (shared machine: compare ratios, not absolute times).",
            f"- searchsvc at {_revision()}; {_versions()}.",
            f"- Corpus: {len(truths):,} synthetic releases (seed {corpus_mod.SEED}), "
            f"{text_mb:,.0f} MiB of text; {rated / len(truths):.0%} rated, "
            f'{phrase / len(truths):.0%} with the phrase "management oversight".',
        ]
    )


METHOD = """\
## How to read this

- **In process**: CPU time (`time.process_time`) per call in one Python process, after 3 warm-up rounds.
  The engines are interleaved call by call, so a noisy neighbour slows them alike; each query and mode is
  bounded by `--rounds` calls and `--budget` seconds (at least 5 calls). "÷" columns are searchsvc's time
  divided by the baseline's: above 1× searchsvc is slower.
- **Modes**: *plain* is the top ten with the total; *highlight* adds marked title and excerpts; *facets* adds
  facet counts over all matches; *full* is both. searchsvc counts 6 facets (disjunctive), builds up to 3
  excerpts per hit and checks spelling; FTS5 counts 2 facets (`GROUP BY rating`, `GROUP BY pdu` over all
  matches) and one `snippet()` per hit; stock Whoosh counts 2 facets (`groupedby`) and highlights 3 fragments.
- **What is indexed**: searchsvc indexes title, body and notes, each stemmed and exact (12 text fields);
  FTS5 and stock Whoosh index the title and the rest of the text. Matches can differ a little (Snowball
  against Porter stemming, stop words).
- **Builds** run in a fresh child process each; peak RSS is that process's. An *update* edits one release,
  re-indexes incrementally (searchsvc: the real `build_index`, over the whole folder, which checks every
  file's size and modification time, or given just the edited file (`searchsvc index FILE`); FTS5: one `UPDATE`
  through sqlite-utils' triggers) and searches until the new word is found, from a service that was already
  open and warm, in a process that has indexed one edit before (untimed: the first new word a process meets
  imports NLTK's stemmer, about 0.2 s, 0.7-1.4 s with SciPy installed, which `import nltk` loads when present).
- **End to end**: wrk (1 thread) on loopback cycles through the query mix; searchsvc's JSON API always
  computes facets and highlights. Datasette's table view with `_search` filters by MATCH but does not rank
  by relevance, counts 2 facets and returns 10 rows: it does less work per request than searchsvc.
  "Server CPU" is the servers' own CPU time from /proc divided by requests, the steadiest figure here.
- **Time limit**: searchsvc skips highlights and facets once a search passes its time limit (`SearchService`'s
  default in process, the app's `SEARCH_TIME_LIMIT_MS` over HTTP) and answers 503 when matching alone passes
  it. A cut-short page is marked "(partial)"; over HTTP 503s count as errors.
"""


def write(size: int, sections: Sequence[str], suffix: str = "") -> Path:
    """Write the report to ``bench/results/<size><suffix>.md`` (through a .tmp file, renamed into place)."""
    RESULTS.mkdir(exist_ok=True)
    target = RESULTS / f"{size}{suffix}.md"
    staging = target.with_name(target.name + ".tmp")
    staging.write_text("\n\n".join(sections) + "\n", encoding="utf-8")
    staging.replace(target)
    return target


def _searchsvc_built(index_dir: Path, size: int) -> bool:
    """Whether searchsvc, as it is now, can open a complete index in ``index_dir`` (its schema moves on)."""
    from searchsvc.errors import SearchsvcError
    from searchsvc.search import SearchService

    try:
        return bool(SearchService(index_dir).stats()["doc_count"] == size)
    except SearchsvcError:
        return False


def _fts_built(db_path: Path, size: int) -> bool:
    """Whether ``db_path`` holds a complete FTS5 database of the corpus."""
    if not db_path.is_file():
        return False
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT count(*) FROM releases_fts").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return bool(rows == size)


def _stock_built(index_dir: Path, size: int) -> bool:
    """Whether ``index_dir`` holds a complete stock Whoosh index of the corpus."""
    from whoosh import index as whoosh_index

    if not whoosh_index.exists_in(str(index_dir)):
        return False
    try:
        return bool(whoosh_index.open_dir(str(index_dir)).doc_count() == size)
    except Exception:  # Whoosh raises many kinds for a damaged or half-written index
        return False


def build_sections(args: argparse.Namespace, paths: Paths) -> list[str]:
    """Build every index (with ``--reuse-index``, only those missing), time the builds and one update."""
    wanted = [
        ("searchsvc's index", indexing.build_searchsvc, paths.index, _searchsvc_built),
        ("the FTS5 database", indexing.build_fts, paths.fts_db, _fts_built),
    ]
    if args.stock_whoosh:
        wanted.append(("the stock Whoosh index", indexing.build_stock, paths.stock, _stock_built))
    builds = []
    for label, build, target, built in wanted:
        if args.reuse_index and built(target, args.size):
            _say(f"reusing {label}")
            continue
        _say(f"building {label}")
        builds.append(indexing.in_child(build, paths.corpus, target))
    sections = ["## Index build\n\n" + report.builds(builds)] if builds else []
    if args.stock_whoosh and args.build_pairs:
        _say(f"timing {args.build_pairs} pairs of full builds, back to back")
        pairs = builds_mod.back_to_back(paths.corpus, args.build_pairs)
        rows = "\n".join(builds_mod.table_row(number, pair) for number, pair in enumerate(pairs, 1))
        sections.append(
            "## Full builds back to back: searchsvc, then stock Whoosh\n\n"
            "Each in a fresh child, as above; the ratio of each pair, run one after the other, is\n"
            "steadier than the single builds above on a shared machine (`python -m bench.builds`).\n\n"
            f"{builds_mod.TABLE_HEAD}\n{rows}\n\n{builds_mod.median_line(pairs)}"
        )
    _say("timing one update")
    updates = [
        indexing.in_child(indexing.update_searchsvc, paths.corpus, paths.index),
        indexing.in_child(indexing.update_searchsvc, paths.corpus, paths.index, True),
        indexing.in_child(indexing.update_fts, paths.corpus, paths.fts_db),
    ]
    sections.append("## One changed release becoming searchable\n\n" + report.updates(updates))
    return sections


def query_sections(args: argparse.Namespace, paths: Paths) -> list[str]:
    """Open each engine cold, then time the query mix."""
    openers = inprocess.open_engines(paths.index, paths.fts_db, paths.stock if args.stock_whoosh else None)
    colds, engines = [], {}
    for name, opener in openers.items():
        figures, engines[name] = inprocess.cold_start(name, opener)
        colds.append(figures)
    _say("timing the query mix")
    cells = inprocess.measure(engines, max_rounds=args.rounds, max_seconds=args.budget)
    _say("timing first searches on fresh engines")
    firsts = inprocess.first_searches(openers)
    return [
        "## Opening the index\n\n" + report.cold(colds),
        "## First search of each query, full mode, on a freshly opened engine: CPU ms\n\n"
        "Median of 3 fresh engines, each opened and asked for a word no release has first, so nothing\n"
        "of the query is cached yet. The rounds below run on warm engines.\n\n" + report.first(firsts),
        "## Queries in process: CPU ms per call\n\n" + report.queries(cells),
        "## Summary: searchsvc ÷ baseline per mode\n\n" + report.summary(cells),
    ]


def e2e_sections(args: argparse.Namespace, paths: Paths) -> list[str]:
    """Load each server with wrk and tabulate."""
    which = [s.strip() for s in args.servers.split(",") if s.strip()]
    results = e2e.run(paths.index, paths.fts_db, which, seconds=args.duration, connections=args.connections)
    return [
        f"## End to end: {args.duration} s of wrk, {args.connections} connections, on loopback\n\n"
        + report.load(results),
        "### Releases matched per query, as each server reported\n\n" + report.load_totals(results),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and write its report."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    started = time.monotonic()
    _say(f"corpus of {args.size:,} releases")
    paths = Paths.of(corpus_mod.ensure_corpus(args.size))
    problems = corpus_mod.check_sample(paths.corpus, args.check)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        message = f"{len(problems)} generated releases do not parse as meant; fix bench/corpus.py"
        print(message, file=sys.stderr)
        return 1
    sections = [header(args.size, paths.corpus, argv), METHOD]
    if args.e2e_only:
        sections += e2e_sections(args, paths)
        target = write(args.size, sections, suffix="-e2e")
        print("\n\n".join(sections))
        _say(f"wrote {target} in {time.monotonic() - started:,.0f} s")
        return 0
    sections += build_sections(args, paths)
    sections += query_sections(args, paths)
    target = write(args.size, sections)
    if args.e2e:
        sections += e2e_sections(args, paths)
        target = write(args.size, sections)
    print("\n\n".join(sections))
    _say(f"wrote {target} in {time.monotonic() - started:,.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
