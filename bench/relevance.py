"""Ranking quality of searchsvc on classic IR test collections, against plain BM25 peers in the same run.

    python -m bench.relevance --ircoll ../shared/ircoll [--collections cranfield,cisi] [--plain]
    python -m bench.relevance --ircoll ../shared/ircoll --cross-validate   (bench/relevance_cv.py)

Each collection in shared/ircoll is written out as release files (title line,
blank line, text) and indexed by searchsvc's own ``build_index``, so its
analysis and schema are what is measured. Every judged query goes to
``/api/search?match=any`` of an app made by ``create_app`` (Flask's test
client), page after page with the API's own limits, and the first 1,000
results are scored with ir-measures; a query the API refuses scores 0. SQLite
FTS5 with ``bm25()`` runs on the same documents and queries as the baseline,
with bm25s and rank_bm25 where installed (the bench extra), so searchsvc is
compared with the best plain BM25 of the same run. The Markdown report goes
to stdout and to bench/results/relevance.md.

Ways of searching are *variants*: a name and the ``RankingSettings`` the app
is configured with. Each variant after the first is tested against the
first, per collection, with paired tests on per-query AP, so a ranking idea
can be added as a variant and judged against today's searchsvc. A developer
tool: the test suite never imports it.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace
from functools import partial
from pathlib import Path

from werkzeug.datastructures import MultiDict

from bench import fts5
from bench import ircoll
from bench import ireval
from bench import querysyntax
from bench import relevance_peers
from bench import relevance_report
from searchsvc import create_app
from searchsvc import webargs
from searchsvc.errors import QueryError
from searchsvc.errors import SearchTimeoutError
from searchsvc.indexing import BuildReport
from searchsvc.indexing import build_index
from searchsvc.indexing import release_paths
from searchsvc.ranking import RankingSettings

#: Results scored per query: the trec_eval convention MAP is computed over.
DEPTH = 1000
#: The largest page the search API serves.
PAGE_SIZE = 100
#: Title line for a document without one. searchsvc weights the title field
#: above the body, so a title made of the text (or of the id, which a query
#: with a number could hit) would score words twice; a dash has no word in it
#: and adds no term. The release parser needs some first line, or the text
#: would become the title.
NO_TITLE = "—"
DEFAULT_OUTPUT = Path(__file__).parent / "results" / "relevance.md"


@dataclass(frozen=True)
class Variant:
    """A named way of running queries through searchsvc: its ranking settings, and the query text as given or plain."""

    name: str
    settings: RankingSettings = RankingSettings()
    #: Query syntax turned into plain words first (``querysyntax.plain``).
    plain: bool = False
    #: Whether a word no document holds is read as the nearest indexed one (the API's ``typos``, on by default).
    typos: bool = True


class ApiSearcher:
    """One app over one index, asked ``/api/search?match=any`` page after page, as a program would.

    The app is ``create_app`` with the variant's settings as config
    (``RANKING_*``), so the limits, parsing and ranking are the API's own; a
    query the API refuses raises ``QueryError`` with the API's code. With
    ``http`` False the request is read by the web layer's own ``parse_args``
    and run by the app's own service without highlights and facet counts,
    which change no ranking and were nine tenths of the time;
    ``check_same_as_http`` shows the two give the same ranking.
    """

    def __init__(self, index_dir: Path, variant: Variant, depth: int = DEPTH, *, http: bool = False) -> None:
        self.app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), **variant.settings.config()})
        self.client = self.app.test_client()
        self.variant = variant
        self.depth = depth
        self.http = http

    def __call__(self, text: str) -> list[tuple[str, float]]:
        """The query's first ``depth`` results as ``(id, score)``, best first."""
        q = querysyntax.plain(text) if self.variant.plain else text
        ranked: list[tuple[str, float]] = []
        per_page = min(PAGE_SIZE, self.depth)
        for page_number in range(1, -(-self.depth // per_page) + 1):
            args = {"q": q, "match": "any", "page": str(page_number), "per_page": str(per_page)}
            if not self.variant.typos:
                args["typos"] = "false"
            hits, total = self._page(args)
            ranked.extend(hits)
            if page_number * per_page >= total:
                break
        return ranked[: self.depth]

    def _page(self, args: dict[str, str]) -> tuple[list[tuple[str, float]], int]:
        if self.http:
            data = self.client.get("/api/search", query_string=args).get_json()
            if not data["ok"]:
                raise QueryError(data["error"], code=data.get("code") or str(data["status"]))
            return [(hit["id"], hit["score"] or 0.0) for hit in data["results"]], data["total"]
        request = webargs.parse_args(MultiDict(args), int(self.app.config["PER_PAGE"]))
        try:
            page = self.app.extensions["searchsvc"].search(replace(request, highlight=False, facets=False))
        except SearchTimeoutError as e:
            raise QueryError(str(e), code="timeout") from e
        return [(hit.id, hit.score or 0.0) for hit in page.hits], page.total

    def close(self) -> None:
        """Close the index files the app's search service holds."""
        self.app.extensions["searchsvc"].close()


VARIANTS: tuple[Variant, ...] = (Variant("searchsvc"),)
PLAIN = Variant("searchsvc, plain", plain=True)
DEFAULTS = RankingSettings()
#: Ideas tried against the first variant (``--experiments``): settings, never patched modules.
EXPERIMENTS: tuple[Variant, ...] = (
    Variant("RM3 feedback for long queries", dataclasses.replace(DEFAULTS, feedback="long")),
    Variant("RM3 feedback, clear rule", dataclasses.replace(DEFAULTS, feedback="clear")),
    Variant("with the proximity bonus", dataclasses.replace(DEFAULTS, proximity="always")),
    Variant("title weight 2", dataclasses.replace(DEFAULTS, title_weight=2.0)),
    Variant("Anserini k1 0.9, b 0.4", dataclasses.replace(DEFAULTS, k1=0.9, b=0.4, title_b=0.4)),
    Variant("as typed (typos=false)", typos=False),
)


@dataclass(frozen=True)
class EngineRun:
    """One engine's or variant's results on one collection."""

    name: str
    #: Measure → query id → value, over every judged query.
    per_query: dict[str, dict[str, float]]
    #: Query id → error code, for queries the engine refused (scored as empty runs).
    errors: dict[str, str]
    seconds: float
    #: The slowest query and its time, to show where time goes.
    slowest: tuple[str, float]

    def mean(self, measure: str) -> float:
        """The measure averaged over all judged queries."""
        return ireval.mean(self.per_query[measure])


@dataclass(frozen=True)
class CollectionResult:
    """Everything measured on one collection."""

    name: str
    documents: int
    queries: int
    #: Syntax kind → number of judged queries using it.
    syntax: Counter[str]
    queries_with_syntax: int
    build: BuildReport
    #: FTS5 first, then the variants in order.
    runs: tuple[EngineRun, ...]
    #: The plain-BM25 peers (FTS5 ``bm25()``, bm25s, rank_bm25) by name.
    peers: dict[str, EngineRun]

    def best_peer(self) -> EngineRun:
        """The plain-BM25 peer with the highest MAP here."""
        return max(self.peers.values(), key=lambda run: run.mean("MAP"))


def run_queries(
    queries: dict[str, str],
    qrels: dict[str, dict[str, int]],
    name: str,
    search: Callable[[str], list[tuple[str, float]]],
) -> EngineRun:
    """Run every query through ``search`` and score the ranked lists it returns.

    A ``QueryError`` is recorded against its query, which then counts as an empty run.
    """
    ranked: dict[str, list[tuple[str, float]]] = {}
    errors: dict[str, str] = {}
    slowest = ("", 0.0)
    started = time.monotonic()
    for qid, text in queries.items():
        before = time.monotonic()
        try:
            ranked[qid] = first_places(search(text))
        except QueryError as e:
            errors[qid] = e.code
            ranked[qid] = []
        took = time.monotonic() - before
        if took > slowest[1]:
            slowest = (qid, took)
    seconds = time.monotonic() - started
    return EngineRun(name, ireval.evaluate(qrels, ranked), errors, seconds, slowest)


def first_places(ranked: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """``ranked`` with each document kept only where it first appears.

    Pages are separate searches, so an index change between them could
    repeat a document, which trec_eval would count twice.
    """
    seen: set[str] = set()
    kept = []
    for doc_id, score in ranked:
        if doc_id not in seen:
            seen.add(doc_id)
            kept.append((doc_id, score))
    return kept


def write_releases(documents: Sequence[ircoll.Document], folder: Path) -> None:
    """Write each document as ``<id>.txt``: its title on one line, a blank line, its text on one line.

    Keeping the text on one line means no line of it can be taken for the
    release parser's "ENDS" or "Notes to editors" markers, after which text
    would go to the barely weighted notes field.
    """
    for doc in documents:
        title = " ".join(doc.title.split()) or NO_TITLE
        body = " ".join(doc.text.split())
        (folder / f"{doc.id}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")


def measure_collection(
    collection: ircoll.Collection, variants: Sequence[Variant], workdir: Path, log: Callable[[str], None]
) -> CollectionResult:
    """Index ``collection`` for the peers and searchsvc, run its judged queries through each, and score them."""
    queries = collection.queries
    with_syntax = [kinds for kinds in map(querysyntax.syntax_in, queries.values()) if kinds]
    peers = peer_runs(collection, log)
    index_dir, build = index_with_searchsvc(collection.documents, workdir)
    log(f"{collection.name}: searchsvc {build.summary()}")
    runs = [peers[FTS5_NAME]]
    for variant in variants:
        searcher = ApiSearcher(index_dir, variant)
        run = run_queries(queries, collection.qrels, variant.name, searcher)
        searcher.close()
        log(
            f"{collection.name}: {variant.name} ran {len(queries)} queries in {run.seconds:.1f} s "
            f"(slowest: query {run.slowest[0]}, {run.slowest[1]:.2f} s; {len(run.errors)} refused)"
        )
        runs.append(run)
    return CollectionResult(
        name=collection.name,
        documents=len(collection.documents),
        queries=len(queries),
        syntax=Counter(kind for kinds in with_syntax for kind in kinds),
        queries_with_syntax=len(with_syntax),
        build=build,
        runs=tuple(runs),
        peers=peers,
    )


FTS5_NAME = "FTS5 bm25()"


def peer_runs(collection: ircoll.Collection, log: Callable[[str], None], depth: int = DEPTH) -> dict[str, EngineRun]:
    """The plain-BM25 peers on ``collection`` (FTS5 first, then the installed libraries), ``depth`` results a query."""
    conn = fts5.build(collection.documents)
    searches: dict[str, Callable[[str], list[tuple[str, float]]]] = {FTS5_NAME: partial(fts5.search, conn, depth=depth)}
    for name in relevance_peers.available():
        searches[name] = relevance_peers.build(name, collection.documents, depth)
    runs = {name: run_queries(collection.queries, collection.qrels, name, s) for name, s in searches.items()}
    conn.close()
    figures = ", ".join(f"{name} {run.mean('MAP'):.3f}" for name, run in runs.items())
    log(f"{collection.name}: peers {figures}")
    return runs


def index_with_searchsvc(documents: Sequence[ircoll.Document], workdir: Path) -> tuple[Path, BuildReport]:
    """Write ``documents`` as releases under ``workdir`` and index them with searchsvc's own indexer."""
    releases, index_dir = workdir / "releases", workdir / "index"
    releases.mkdir(parents=True)
    write_releases(documents, releases)
    return index_dir, build_index(release_paths(releases), index_dir)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.relevance", description=__doc__.split("\n")[0])
    parser.add_argument("--ircoll", type=Path, required=True, help="the shared/ircoll folder")
    parser.add_argument(
        "--collections",
        default=",".join(ircoll.SOURCES),
        help=f"comma-separated, from: {', '.join(ircoll.SOURCES)} (default: all)",
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="also run the queries with their query-language syntax made plain words, as a second variant",
    )
    parser.add_argument("--experiments", action="store_true", help="also run the ranking ideas in EXPERIMENTS")
    parser.add_argument(
        "--cross-validate",
        action="store_true",
        help="choose the ranking settings on all but one collection and score the one held out, for each",
    )
    parser.add_argument("--output", type=Path, help="where to write the Markdown report (default: bench/results/)")
    args = parser.parse_args(argv)
    args.collections = [name.strip() for name in args.collections.split(",") if name.strip()]
    unknown = [name for name in args.collections if name not in ircoll.SOURCES]
    if unknown:
        parser.error(f"unknown collection {unknown[0]!r}; choose from {', '.join(ircoll.SOURCES)}")
    return args


def provenance() -> str:
    """Which searchsvc is measured: its commit, whether searchsvc/ differs from it, and a hash of its source.

    Taken when the run starts, since the modules are imported then; the hash
    tells apart two runs of the same commit with different uncommitted changes.
    """
    root = Path(__file__).resolve().parent.parent

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "an unknown commit"
    changed = " with uncommitted changes in searchsvc/" if git("status", "--porcelain", "--", "searchsvc") else ""
    digest = hashlib.sha256()
    for path in sorted((root / "searchsvc").rglob("*.py")):
        digest.update(path.read_bytes())
    return f"searchsvc at {commit}{changed} (source sha256 {digest.hexdigest()[:12]})"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; print the report and write it to ``--output``."""
    args = parse_args(argv)
    measured = provenance()
    command = "python -m bench.relevance " + " ".join(sys.argv[1:] if argv is None else argv)
    if args.cross_validate:
        text = cross_validated(args, command, measured)
        output = args.output or DEFAULT_OUTPUT.with_name("relevance-cv.md")
    else:
        text = one_run(args, command, measured)
        output = args.output or DEFAULT_OUTPUT
    print(text)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    log(f"written to {output}")
    return 0


def log(line: str) -> None:
    """A progress line on stderr."""
    print(line, file=sys.stderr, flush=True)


def one_run(args: argparse.Namespace, command: str, measured: str) -> str:
    """Every variant asked for on every collection asked for, against FTS5: the report."""
    variants = VARIANTS + ((PLAIN,) if args.plain else ()) + (EXPERIMENTS if args.experiments else ())
    results = []
    for name in args.collections:
        collection = ircoll.load(args.ircoll, name)
        with tempfile.TemporaryDirectory(prefix=f"relevance-{name}-") as workdir:
            results.append(measure_collection(collection, variants, Path(workdir), log))
    return relevance_report.render(results, command=command, provenance=measured)


def cross_validated(args: argparse.Namespace, command: str, measured: str) -> str:
    """The cross-validation of bench/relevance_cv.py over the collections asked for: the report."""
    # Imported here: relevance_cv builds on this module's searcher and runs.
    from bench import relevance_cv
    from bench import relevance_cv_report

    started = time.monotonic()
    folds = relevance_cv.cross_validate(args.ircoll, args.collections, log)
    seconds = time.monotonic() - started
    return relevance_cv_report.render(folds, command=command, provenance=measured, seconds=seconds)


if __name__ == "__main__":
    sys.exit(main())
