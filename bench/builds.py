"""Full builds only, searchsvc and stock Whoosh in turn, each pair's ratio: the build target on a noisy machine.

    python -m bench.builds --size 1000 [--rounds 5]

``bench.run`` builds each engine once, minutes apart at 100k, so a neighbour
that slows the machine for a while can land on one engine's build and not
the other's. Here the two builds alternate, each in a fresh child process as
in ``bench.run``, and every ratio is of two builds run back to back.
Nothing is written to ``bench/results/``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable
from collections.abc import Sequence
from pathlib import Path

from bench import corpus as corpus_mod
from bench import indexing

#: Most rounds one run may ask for: each is two full builds.
MAX_ROUNDS = 20


def main(argv: Sequence[str] | None = None) -> int:
    """Alternate the two builds ``--rounds`` times; print each pair and the median ratio."""
    parser = argparse.ArgumentParser(prog="python -m bench.builds", description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, required=True, help="releases in the corpus (1000, 10000, ...)")
    parser.add_argument("--rounds", type=int, default=3, help=f"pairs of builds, at most {MAX_ROUNDS} [3]")
    args = parser.parse_args(argv)
    if not 1 <= args.rounds <= MAX_ROUNDS:
        parser.error(f"--rounds must be between 1 and {MAX_ROUNDS}")
    corpus = corpus_mod.ensure_corpus(args.size)
    print(TABLE_HEAD, flush=True)
    pairs = back_to_back(corpus, args.rounds, lambda number, pair: print(table_row(number, pair), flush=True))
    print(f"\n{median_line(pairs)}")
    return 0


#: The table ``table_row`` fills.
TABLE_HEAD = (
    "| round | searchsvc wall s | stock Whoosh wall s | searchsvc ÷ stock Whoosh |\n| ---: | ---: | ---: | ---: |"
)

Pair = tuple[indexing.Build, indexing.Build]


def back_to_back(corpus: Path, rounds: int, each: Callable[[int, Pair], None] | None = None) -> list[Pair]:
    """``rounds`` pairs of full builds of ``corpus``, searchsvc's then stock Whoosh's, each in a fresh child.

    The builds go to ``corpus/builds/``, beside the indexes the benchmark
    searches, which they leave alone. ``each`` is told of each pair (numbered
    from 1) as it ends.
    """
    work = corpus / "builds"
    pairs: list[Pair] = []
    for _ in range(rounds):
        ours = indexing.in_child(indexing.build_searchsvc, corpus, work / "searchsvc")
        stock = indexing.in_child(indexing.build_stock, corpus, work / "stock")
        pairs.append((ours, stock))
        if each is not None:
            each(len(pairs), pairs[-1])
    return pairs


def table_row(number: int, pair: Pair) -> str:
    """One pair as a row of ``TABLE_HEAD``'s table."""
    ours, stock = pair
    return f"| {number} | {ours.seconds:.2f} | {stock.seconds:.2f} | {ours.seconds / stock.seconds:.3f}× |"


def median_line(pairs: Sequence[Pair]) -> str:
    """The median of the pairs' ratios, in a sentence."""
    ratios = [ours.seconds / stock.seconds for ours, stock in pairs]
    spread = f"from {min(ratios):.3f}× to {max(ratios):.3f}×"
    return f"median ratio over {len(ratios)} rounds: {statistics.median(ratios):.3f}× ({spread})"


if __name__ == "__main__":
    sys.exit(main())
