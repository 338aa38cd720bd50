"""Where searchsvc spends a query's time: cProfile over repeated calls of one query of the mix.

    python -m bench.hotspots --size 10000 --query "common word" --mode full

The corpus and index must exist (``python -m bench.run --size N`` makes them).
Prints the functions with the most time of their own and the most time
including what they call.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
from collections.abc import Sequence
from pathlib import Path

from bench.corpus import corpus_dir
from bench.querymix import MODES
from bench.querymix import PER_PAGE
from bench.querymix import QUERIES


def profile(index_dir: Path, query_name: str, mode_name: str, *, calls: int = 20, top: int = 25) -> str:
    """Profile ``calls`` searches (after one unprofiled warm-up) and return cProfile's two top-lists."""
    from searchsvc.search import SearchRequest
    from searchsvc.search import SearchService

    query = next(q for q in QUERIES if q.name == query_name)
    mode = next(m for m in MODES if m.name == mode_name)
    request = SearchRequest(
        q=query.q, filters=query.filters, per_page=PER_PAGE, highlight=mode.highlight, facets=mode.facets
    )
    service = SearchService(index_dir)
    service.search(request)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        service.search(request)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    out.write(f"{calls} calls of {query.name!r} ({query.q}) in mode {mode.name!r}\n")
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    """Profile one query of the mix against an existing benchmark index."""
    parser = argparse.ArgumentParser(prog="python -m bench.hotspots", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--query", choices=[q.name for q in QUERIES], default="common word")
    parser.add_argument("--mode", choices=[m.name for m in MODES], default="full")
    parser.add_argument("--calls", type=int, default=20)
    args = parser.parse_args(argv)
    index_dir = corpus_dir(args.size) / "index"
    if not index_dir.is_dir():
        print(f"no index in {index_dir}; run 'python -m bench.run --size {args.size}' first", file=sys.stderr)
        return 1
    print(profile(index_dir, args.query, args.mode, calls=args.calls))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
