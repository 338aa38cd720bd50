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
from collections.abc import Sequence

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
    work = corpus / "builds"
    ratios = []
    print("| round | searchsvc wall s | stock Whoosh wall s | searchsvc ÷ stock Whoosh |")
    print("| ---: | ---: | ---: | ---: |")
    for round_ in range(1, args.rounds + 1):
        ours = indexing.in_child(indexing.build_searchsvc, corpus, work / "searchsvc")
        stock = indexing.in_child(indexing.build_stock, corpus, work / "stock")
        ratios.append(ours.seconds / stock.seconds)
        print(f"| {round_} | {ours.seconds:.2f} | {stock.seconds:.2f} | {ratios[-1]:.3f}× |", flush=True)
    print(f"\nmedian ratio over {len(ratios)} rounds: {statistics.median(ratios):.3f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
