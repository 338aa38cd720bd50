"""Ranking quality of searchsvc on classic IR test collections, against SQLite FTS5 in the same run.

    python -m bench.relevance --ircoll ../shared/ircoll [--collections cranfield,cisi] [--plain]

Each collection in shared/ircoll is written out as release files (title line,
blank line, text) and indexed by searchsvc's own ``build_index``, so its
analysis, schema and field weights are what is measured. Every judged query
goes through ``SearchService.search``, the call behind the JSON API, in "any
word" mode, and the first 1,000 results are scored with ir-measures. SQLite
FTS5 with ``bm25()`` runs on the same documents and queries as the baseline.
The Markdown report goes to stdout and to bench/results/relevance.md.

Ways of searching are *variants*: a name and a function from a
``SearchService`` and the query text to a ranked list. Each variant after the
first is tested against the first, per collection, with paired tests on
per-query AP, so a ranking idea can be added as a variant and judged against
today's searchsvc. A developer tool: the test suite never imports it.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from bench import fts5
from bench import ircoll
from bench import ireval
from bench import querysyntax
from bench import relevance_report
from searchsvc import analysis
from searchsvc import schema
from searchsvc.errors import QueryError
from searchsvc.indexing import BuildReport
from searchsvc.indexing import build_index
from searchsvc.indexing import release_paths
from searchsvc.search import SearchRequest
from searchsvc.search import SearchService
from searchsvc.search import engine
from searchsvc.search import query as ql
from searchsvc.search import rerank

#: Results scored per query: the trec_eval convention MAP is computed over.
DEPTH = 1000
#: The largest page the search API serves.
PAGE_SIZE = 100
#: Long queries (CISI's run to 200+ words) must not trip the web app's limits,
#: which guard a public search box, not what is being measured here.
LIMITS = ql.Limits(max_length=100_000, max_token_length=200, max_terms=5000, max_depth=8)
#: Title line for a document without one. searchsvc weights the title field
#: 4×, so a title made of the text (or of the id, which a query with a number
#: could hit) would score words twice; a dash has no word in it and adds no
#: term. The release parser needs some first line, or the text would become the title.
NO_TITLE = "—"
DEFAULT_OUTPUT = Path(__file__).parent / "results" / "relevance.md"

#: A way of searching: the service and the query text → ``(doc_id, score)``, best first.
SearchFn = Callable[[SearchService, str], list[tuple[str, float]]]


@dataclass(frozen=True)
class Variant:
    """A named way of running a query through searchsvc."""

    name: str
    search: SearchFn


def search_as_api(svc: SearchService, text: str, **options: Any) -> list[tuple[str, float]]:
    """The query as written, any word, by relevance: page after page of the JSON API's own call."""
    ranked: list[tuple[str, float]] = []
    for page_number in range(1, DEPTH // PAGE_SIZE + 1):
        request = SearchRequest(
            q=text,
            match="any",
            sort="relevance",
            page=page_number,
            per_page=PAGE_SIZE,
            highlight=False,
            facets=False,
            **options,
        )
        page = svc.search(request)
        ranked.extend((hit.id, hit.score or 0.0) for hit in page.hits)
        if page_number * PAGE_SIZE >= page.total:
            break
    return ranked


def search_plain(svc: SearchService, text: str) -> list[tuple[str, float]]:
    """As ``search_as_api``, with query syntax turned into plain words first (``querysyntax.plain``)."""
    return search_as_api(svc, querysyntax.plain(text))


def with_title_weight(weight: float) -> SearchFn:
    """``search_as_api`` with the title field weighted ``weight`` (an experiment on field weighting)."""

    def search(svc: SearchService, text: str) -> list[tuple[str, float]]:
        weights = schema.SEARCHED
        saved = weights["title"]
        weights["title"] = weight  # type: ignore[index]
        try:
            return search_as_api(svc, text)
        finally:
            weights["title"] = saved  # type: ignore[index]

    return search


def with_constants(module: Any, **values: Any) -> SearchFn:
    """``search_as_api`` with some of ``module``'s tuning constants set to ``values`` for the call."""

    def search(svc: SearchService, text: str) -> list[tuple[str, float]]:
        saved = {name: getattr(module, name) for name in values}
        for name, value in values.items():
            setattr(module, name, value)
        try:
            return search_as_api(svc, text)
        finally:
            for name, value in saved.items():
                setattr(module, name, value)

    return search


def unexpanded(svc: SearchService, text: str) -> list[tuple[str, float]]:
    """``search_as_api`` without pseudo-relevance feedback (``expand=false``)."""
    return search_as_api(svc, text, expand=False)


def with_proximity(svc: SearchService, text: str) -> list[tuple[str, float]]:
    """``search_as_api`` with the proximity bonus given to any-word queries as well."""
    saved = rerank.proximity_terms

    def proximity_terms(node: ql.Node, match: str) -> list[str]:
        if not isinstance(node, ql.All | ql.Any):
            return []
        words = [c for c in node.children if isinstance(c, ql.Word) and c.field is None and not c.prefix]
        terms = list(dict.fromkeys(t for w in words for t in analysis.query_terms(w.text)))
        return terms if 2 <= len(terms) <= 8 else []

    rerank.proximity_terms = proximity_terms
    try:
        return search_as_api(svc, text)
    finally:
        rerank.proximity_terms = saved


VARIANTS: tuple[Variant, ...] = (Variant("searchsvc", search_as_api),)
PLAIN = Variant("searchsvc, plain", search_plain)
#: Ideas tried against the first variant (``--experiments``).
EXPERIMENTS: tuple[Variant, ...] = (
    Variant("without RM3 feedback (expand=false)", unexpanded),
    Variant("with the proximity bonus", with_proximity),
    Variant("title weight 1", with_title_weight(1.0)),
    Variant("k1 1.2, b 0.75", with_constants(engine, K1=1.2, B=0.75)),
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
    """Index ``collection`` for FTS5 and searchsvc, run its judged queries through each, and score them."""
    queries = collection.queries
    with_syntax = [kinds for kinds in map(querysyntax.syntax_in, queries.values()) if kinds]
    conn = fts5.build(collection.documents)
    baseline = run_queries(queries, collection.qrels, "FTS5 bm25()", partial(fts5.search, conn, depth=DEPTH))
    conn.close()
    log(f"{collection.name}: FTS5 ran {len(queries)} queries in {baseline.seconds:.1f} s")
    svc, build = index_with_searchsvc(collection.documents, workdir)
    log(f"{collection.name}: searchsvc {build.summary()}")
    runs = [baseline]
    for variant in variants:
        run = run_queries(queries, collection.qrels, variant.name, partial(variant.search, svc))
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
    )


def index_with_searchsvc(documents: Sequence[ircoll.Document], workdir: Path) -> tuple[SearchService, BuildReport]:
    """Write ``documents`` as releases under ``workdir``, index them with searchsvc's own indexer, open it."""
    releases, index_dir = workdir / "releases", workdir / "index"
    releases.mkdir()
    write_releases(documents, releases)
    build = build_index(release_paths(releases), index_dir)
    return SearchService(index_dir, limits=LIMITS, max_window=DEPTH), build


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
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where to write the Markdown report")
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
    variants = VARIANTS + ((PLAIN,) if args.plain else ()) + (EXPERIMENTS if args.experiments else ())
    measured = provenance()

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    results = []
    for name in args.collections:
        collection = ircoll.load(args.ircoll, name)
        with tempfile.TemporaryDirectory(prefix=f"relevance-{name}-") as workdir:
            results.append(measure_collection(collection, variants, Path(workdir), log))
    command = "python -m bench.relevance " + " ".join(sys.argv[1:] if argv is None else argv)
    text = relevance_report.render(results, command=command, provenance=measured)
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    log(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
