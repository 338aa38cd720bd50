"""Parse time: searchsvc's release parser against stock Whoosh analysing the same text, interleaved, as a ratio.

    python -m bench.parsing --size 10000 [--count 2000] [--budget 20]

Parsing is the work an index build does on each release before Whoosh's own,
and the machines are shared, so a parse time alone says little from one run
to the next. Each round parses the first ``--count`` releases
of the corpus with ``read_release`` and runs the same decoded texts through
stock Whoosh's ``StemmingAnalyzer`` (the text work of a Whoosh index, which
no change to searchsvc touches), in an order that rotates from round to
round; the ratio of the two CPU times is the figure to compare across
commits. The files are read once, before timing. Nothing is written to
``bench/results/``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Sequence

from whoosh.analysis import StemmingAnalyzer

from bench import corpus as corpus_mod
from bench.timing import Timing
from bench.timing import interleaved


def main(argv: Sequence[str] | None = None) -> int:
    """Time the parser and the baseline interleaved; print each one's median and the ratios."""
    parser = argparse.ArgumentParser(prog="python -m bench.parsing", description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, required=True, help="releases in the corpus (1000, 10000, ...)")
    parser.add_argument("--count", type=int, default=2000, help="releases parsed a round, the corpus's first [2000]")
    parser.add_argument("--budget", type=float, default=20.0, help="seconds of rounds after the first five [20]")
    args = parser.parse_args(argv)
    files = sorted(corpus_mod.releases_dir(corpus_mod.ensure_corpus(args.size)).glob("*.txt"))[: args.count]
    timings = measure([(path.read_bytes(), path.stem) for path in files], budget=args.budget)
    print(report(timings, len(files)))
    return 0


def measure(releases: list[tuple[bytes, str]], *, budget: float) -> dict[str, Timing]:
    """CPU seconds to parse ``releases`` (data, id) and to analyse their text with stock Whoosh, round by round."""
    from searchsvc.releases import read_release
    from searchsvc.releases.decode import decode

    texts = [decode(data) for data, _ in releases]
    analyzer = StemmingAnalyzer()

    def parse() -> None:
        for data, release_id in releases:
            read_release(data, release_id)

    def analyse() -> None:
        for text in texts:
            for _ in analyzer(text):
                pass

    return interleaved({"parse": parse, "baseline": analyse}, warmup=1, max_seconds=budget)


def report(timings: dict[str, Timing], count: int) -> str:
    """Each side's median round and the parse ÷ baseline ratio: of the medians, and the range over rounds."""
    parse, baseline = timings["parse"], timings["baseline"]
    # Both sides of a round ran back to back, so each round's own ratio is the fairest on a busy machine.
    ratios = [ours / theirs for ours, theirs in zip(parse.samples, baseline.samples, strict=True)]
    return (
        f"{count} releases, {parse.rounds} rounds\n"
        f"parse (read_release):              median {parse.p50:.3f} s CPU\n"
        f"baseline (stock Whoosh analyser):  median {baseline.p50:.3f} s CPU\n"
        f"parse ÷ baseline: median of rounds {statistics.median(ratios):.3f}× "
        f"(from {min(ratios):.3f}× to {max(ratios):.3f}×)"
    )


if __name__ == "__main__":
    sys.exit(main())
