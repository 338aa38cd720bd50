"""The ranking settings table: every tunable of BM25F, feedback, proximity and the rating lift, with its default.

``RankingSettings`` is one frozen value; the app builds it from its config
(``SEARCHSVC_RANKING_*`` in the environment) and hands it to ``SearchService``,
and the relevance bench builds variants of it. The defaults were chosen by
cross-validation over five test collections, each held out in turn
(``python -m bench.relevance --cross-validate``; bench/results/relevance-cv.md).
This module imports nothing of the package, so ``searchsvc.SETTINGS`` can list
it without loading the search engine.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from typing import Any

#: When pseudo-relevance feedback (RM3) widens an any-word query the request does not decide on.
FEEDBACK_RULES = ("off", "long", "clear")
#: Which queries get the bonus for query words standing together.
PROXIMITY_RULES = ("off", "all-words", "always")
#: Config keys are the field names upper-cased behind this prefix (RANKING_K1).
PREFIX = "RANKING_"


def _setting(default: Any, help_text: str) -> Any:
    return field(default=default, metadata={"help": help_text})


@dataclass(frozen=True)
class RankingSettings:
    """How searches are ranked; each field is a setting (``SEARCHSVC_RANKING_<NAME>``)."""

    # k1, b and the title weight: the choice of every cross-validation fold.
    # Held out, they beat the previous 0.9 / 0.4 / 2 on mean MAP and lost at
    # most 0.004 on a collection (bench/results/relevance-cv.md).
    k1: float = _setting(1.2, "BM25 term-frequency saturation.")
    b: float = _setting(0.75, "BM25 length normalisation (0: none, 1: full) of body and notes.")
    title_b: float = _setting(0.75, "BM25 length normalisation of the title field.")
    title_weight: float = _setting(3.0, "Weight of a word in the title against one in the body.")
    body_weight: float = _setting(1.0, "Weight of a word in the body.")
    notes_weight: float = _setting(0.15, "Weight of a word in the notes to editors.")
    proximity: str = _setting("all-words", "Bonus where query words stand together: off, all-words, always.")
    proximity_boost: float = _setting(2.0, "How much standing together adds (times the words' mean idf).")
    # Off: the folds of the cross-validation each chose a different rule
    # (long or clear, with different weights), held out it cost 0.010 MAP on
    # NPL, and on four collections the project never saw it cost 0.036-0.045
    # on three (issue 19). expand=true asks for it per request.
    feedback: str = _setting(
        "off", "When RM3 feedback widens an any-word query (expand=true forces it): off, long, clear."
    )
    feedback_docs: int = _setting(10, "Best matches feedback words are taken from.")
    feedback_terms: int = _setting(20, "Feedback words added to the query.")
    feedback_weight: float = _setting(0.5, "Share of the score feedback words carry (RM3's 1 - lambda).")
    feedback_min_words: int = _setting(4, "Fewest query words for the long and clear rules.")
    feedback_min_clarity: float = _setting(
        1.5, "Clear rule: the best matches' mean score over the top 100's must reach this."
    )
    rating_boost: float = _setting(3.0, "Lift of releases whose overall rating the query names (times the best score).")

    def __post_init__(self) -> None:
        if self.feedback not in FEEDBACK_RULES:
            raise ValueError(f"ranking feedback must be one of {', '.join(FEEDBACK_RULES)}, not {self.feedback!r}")
        if self.proximity not in PROXIMITY_RULES:
            raise ValueError(f"ranking proximity must be one of {', '.join(PROXIMITY_RULES)}, not {self.proximity!r}")
        if self.k1 < 0 or not 0 <= self.b <= 1 or not 0 <= self.title_b <= 1:
            raise ValueError("ranking k1 must be 0 or more, and b and title_b between 0 and 1")
        if self.feedback_docs < 1 or self.feedback_terms < 1 or not 0 <= self.feedback_weight <= 1:
            raise ValueError("ranking feedback_docs and feedback_terms must be 1 or more, feedback_weight 0 to 1")
        if min(self.field_weights().values()) <= 0:
            # A word in a field of weight 0 would score 0, and a release
            # scoring 0 does not match: weights would change what matches.
            raise ValueError("ranking field weights must be above 0")

    def field_weights(self) -> dict[str, float]:
        """The ranked text fields and their weights."""
        return {"title": self.title_weight, "body": self.body_weight, "notes": self.notes_weight}

    def field_b(self) -> dict[str, float]:
        """Length normalisation per ranked text field."""
        return {"title": self.title_b, "body": self.b, "notes": self.b}

    def config(self) -> dict[str, Any]:
        """These settings as app config (``RANKING_<FIELD>`` → value), the inverse of ``from_config``."""
        return {PREFIX + f.name.upper(): getattr(self, f.name) for f in dataclasses.fields(self)}

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> RankingSettings:
        """The settings named ``RANKING_<FIELD>`` in ``config``, each turned to its field's type.

        :raise ValueError: a value is not of its kind (``RANKING_K1="high"``).
        """
        values: dict[str, Any] = {}
        for item in dataclasses.fields(cls):
            key = PREFIX + item.name.upper()
            if key in config:
                kind: Any = type(item.default)
                try:
                    values[item.name] = kind(config[key])
                except (TypeError, ValueError) as e:
                    raise ValueError(f"setting {key} must be a {kind.__name__}: {e}") from e
        return cls(**values)


def settings_table() -> dict[str, tuple[Any, str]]:
    """``RANKING_<FIELD>`` → (default, help), for the app's SETTINGS table."""
    return {PREFIX + f.name.upper(): (f.default, f.metadata["help"]) for f in dataclasses.fields(RankingSettings)}
