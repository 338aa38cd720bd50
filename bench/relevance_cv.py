"""Cross-validated ranking defaults: each collection held out in turn, every tunable chosen on the other four.

    python -m bench.relevance --ircoll ../shared/ircoll --cross-validate

For each of the five collections, the ranking settings are chosen on the
other four (the highest mean of their MAPs) in three stages, each a small
grid on the winner of the one before: BM25F (k1, b, title b, title weight;
no feedback), then feedback (off, or on for long any-word queries, or on only
when the best matches stand clear of the rest; documents, words, weight),
then the proximity bonus for any-word queries. Feedback and proximity may
only win where they lose at most 0.01 MAP on every tuning collection. Tuning scores the first
``TUNE_DEPTH`` results; the held-out figures score the first 1,000, through
``/api/search?match=any`` with the API's own limits (``relevance.ApiSearcher``),
beside plain BM25 peers (FTS5 ``bm25()``, bm25s, rank_bm25) run on the same
documents and queries. Every variant is a ``RankingSettings`` given to the app
as config; nothing is patched. Each collection is indexed once, and all its
variants search that index (BM25F's parameters are read at query time).
"""

from __future__ import annotations

import dataclasses
import itertools
import tempfile
import time
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace
from pathlib import Path

import numpy as np

from bench import ircoll
from bench import relevance_peers
from bench.relevance import FTS5_NAME
from bench.relevance import ApiSearcher
from bench.relevance import EngineRun
from bench.relevance import Variant
from bench.relevance import index_with_searchsvc
from bench.relevance import peer_runs
from bench.relevance import run_queries
from searchsvc.ranking import RankingSettings

#: Results scored while tuning (one page of the API); held-out figures score ``relevance.DEPTH``.
TUNE_DEPTH = 100
HELD_OUT_DEPTH = 1000
#: Every tunable spelled out: the defaults before cross-validation (issue 19).
PREVIOUS = RankingSettings(k1=0.9, b=0.4, title_b=0.4, title_weight=2.0, body_weight=1.0, notes_weight=0.15)
PREVIOUS = replace(PREVIOUS, proximity="all-words", proximity_boost=2.0, rating_boost=3.0, feedback="long")
PREVIOUS = replace(PREVIOUS, feedback_docs=10, feedback_terms=20, feedback_weight=0.5, feedback_min_words=4)
PREVIOUS = replace(PREVIOUS, feedback_min_clarity=1.5)
#: Published BM25 defaults, compared held out (all without feedback).
PUBLISHED: dict[str, RankingSettings] = {
    "Anserini k1 0.9 / b 0.4": replace(PREVIOUS, feedback="off"),
    "textbook k1 1.2 / b 0.75": replace(PREVIOUS, k1=1.2, b=0.75, title_b=0.75, feedback="off"),
    "per-field b (title 0, body 0.4)": replace(PREVIOUS, title_b=0.0, feedback="off"),
}


def bm25f_grid() -> list[RankingSettings]:
    """Stage 1: k1, b (title's too, or none there), title weight; no feedback."""
    base = replace(PREVIOUS, feedback="off")
    grid = [
        replace(base, k1=k1, b=b, title_b=b, title_weight=weight)
        for k1, b, weight in itertools.product((0.9, 1.2), (0.4, 0.75), (1.0, 2.0, 3.0))
    ]
    grid += [replace(base, k1=k1, b=b, title_b=0.0) for k1, b in itertools.product((0.9, 1.2), (0.4, 0.75))]
    return grid


def feedback_grid(base: RankingSettings) -> list[RankingSettings]:
    """Stage 2: feedback off, for long queries (documents, words, weight), or by the clear rule."""
    grid = [replace(base, feedback="off")]
    for docs, terms, weight in ((10, 20, 0.5), (10, 20, 0.3), (5, 10, 0.3)):
        grid.append(replace(base, feedback="long", feedback_docs=docs, feedback_terms=terms, feedback_weight=weight))
    for clarity, weight in itertools.product((1.3, 1.6, 2.0), (0.3, 0.5)):
        grid.append(replace(base, feedback="clear", feedback_min_clarity=clarity, feedback_weight=weight))
    return grid


def proximity_grid(base: RankingSettings) -> list[RankingSettings]:
    """Stage 3: the proximity bonus for all-word queries only (no change here), or any-word ones too."""
    return [base] + [replace(base, proximity="always", proximity_boost=boost) for boost in (0.5, 2.0)]


@dataclass
class Prepared:
    """One collection, indexed once by searchsvc, with every run made on it so far."""

    collection: ircoll.Collection
    index_dir: Path
    #: (settings, depth) → run; peers under their names.
    runs: dict[tuple[RankingSettings | str, int], EngineRun] = dataclasses.field(default_factory=dict)

    def run(self, settings: RankingSettings, depth: int) -> EngineRun:
        """The collection's queries through the API with ``settings``, scoring ``depth`` results (remembered)."""
        key = (settings, depth)
        if key not in self.runs:
            searcher = ApiSearcher(self.index_dir, Variant("searchsvc", settings), depth)
            c = self.collection
            self.runs[key] = run_queries(c.queries, c.qrels, "searchsvc", searcher)
            searcher.close()
        return self.runs[key]


#: A stage's change may lose at most this much MAP on any tuning collection (issue 19's rule for defaults).
MAX_LOSS = 0.01


def choose(prepared: Sequence[Prepared], grid: Sequence[RankingSettings], *, do_no_harm: bool) -> RankingSettings:
    """The settings of ``grid`` with the highest mean MAP over ``prepared`` (the first, on a tie).

    With ``do_no_harm``, only settings that lose at most ``MAX_LOSS`` on every
    collection against the grid's first (no feedback, or no extra bonus) may win.
    """

    def maps(settings: RankingSettings) -> list[float]:
        return [p.run(settings, TUNE_DEPTH).mean("MAP") for p in prepared]

    baseline = maps(grid[0])
    allowed = [s for s in grid if not do_no_harm or min(np.subtract(maps(s), baseline)) >= -MAX_LOSS]
    return max(allowed, key=lambda settings: float(np.mean(maps(settings))))


def tune(prepared: Sequence[Prepared]) -> RankingSettings:
    """Every tunable chosen on ``prepared``, stage by stage; feedback and proximity only where they do no harm."""
    chosen = choose(prepared, bm25f_grid(), do_no_harm=False)
    chosen = choose(prepared, feedback_grid(chosen), do_no_harm=True)
    return choose(prepared, proximity_grid(chosen), do_no_harm=True)


@dataclass(frozen=True)
class Fold:
    """One collection held out: what the other four chose, and how it and the others did on it."""

    held_out: str
    chosen: RankingSettings
    #: Row name → run on the held-out collection at ``HELD_OUT_DEPTH``, peers first.
    runs: dict[str, EngineRun]

    @property
    def best_peer(self) -> str:
        """The plain-BM25 peer with the highest MAP here."""
        peers = [name for name in self.runs if name in PEER_NAMES]
        return max(peers, key=lambda name: self.runs[name].mean("MAP"))


PEER_NAMES = (FTS5_NAME, *relevance_peers.LIBRARIES)
CHOSEN = "cross-validated"
CHOSEN_NO_FEEDBACK = "cross-validated, feedback off"
PREVIOUS_NAME = "previous defaults (RM3 from 4 words)"
NEW_NAME = "new defaults (RankingSettings())"


def held_out_runs(prepared: Prepared, chosen: RankingSettings) -> dict[str, EngineRun]:
    """searchsvc's rows on the held-out collection: previous defaults, published ones, the chosen ones."""
    rows = {
        PREVIOUS_NAME: PREVIOUS,
        **PUBLISHED,
        CHOSEN: chosen,
        CHOSEN_NO_FEEDBACK: replace(chosen, feedback="off"),
        NEW_NAME: RankingSettings(),
    }
    return {name: prepared.run(settings, HELD_OUT_DEPTH) for name, settings in rows.items()}


def cross_validate(ircoll_dir: Path, names: Sequence[str], log: Callable[[str], None]) -> list[Fold]:
    """Index each collection once, then hold each out in turn; the folds, in ``names`` order."""
    with tempfile.TemporaryDirectory(prefix="relevance-cv-") as workdir:
        prepared = []
        for name in names:
            collection = ircoll.load(ircoll_dir, name)
            index_dir, build = index_with_searchsvc(collection.documents, Path(workdir) / name)
            log(f"{name}: {build.summary()}")
            prepared.append(Prepared(collection, index_dir))
        folds = []
        for at, held in enumerate(prepared):
            started = time.monotonic()
            chosen = tune(prepared[:at] + prepared[at + 1 :])
            runs = peer_runs(held.collection, log, HELD_OUT_DEPTH) | held_out_runs(held, chosen)
            folds.append(Fold(held.collection.name, chosen, runs))
            log(f"{held.collection.name} held out: {describe(chosen)}; {time.monotonic() - started:.0f} s")
        return folds


def describe(settings: RankingSettings) -> str:
    """The settings that differ from the previous defaults, briefly ("k1 1.2, feedback off")."""
    changed = [
        f"{f.name} {getattr(settings, f.name)}"
        for f in dataclasses.fields(settings)
        if getattr(settings, f.name) != getattr(PREVIOUS, f.name)
    ]
    return ", ".join(changed) or "the previous defaults"
