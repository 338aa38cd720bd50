"""Plain-BM25 peers beside FTS5: bm25s and rank_bm25, on the same documents and queries, one tokenizer for both.

Both libraries take token lists; the tokens are lower-cased words (FTS5's
definition of a word), English stop words (bm25s's list) dropped, Porter-stemmed
(NLTK's, which needs no downloaded data), so the two differ only in how they
score. Both run with the textbook k1 1.2 and b 0.75. A peer whose library is
not installed is left out of the run (``available``).
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

import numpy as np

from bench.ircoll import Document

_WORD = re.compile(r"[^\W_]+")
K1 = 1.2
B = 0.75

#: Peer name → library module it needs.
LIBRARIES = {"bm25s": "bm25s", "rank_bm25": "rank_bm25"}

#: A built peer: the query text → ``(doc_id, score)``, best first.
PeerSearch = Callable[[str], list[tuple[str, float]]]


def available() -> list[str]:
    """The peers whose libraries are installed (``pip install bm25s rank_bm25``)."""
    return [name for name, module in LIBRARIES.items() if importlib.util.find_spec(module) is not None]


@functools.cache
def _stop_and_stem() -> tuple[frozenset[str], Callable[[str], str]]:
    from bm25s.stopwords import STOPWORDS_EN  # type: ignore[import-untyped]
    from nltk.stem import PorterStemmer  # type: ignore[import-untyped]

    return frozenset(STOPWORDS_EN), functools.lru_cache(maxsize=None)(PorterStemmer().stem)


def tokens(text: str) -> list[str]:
    """Lower-cased, stop-worded, Porter-stemmed words of ``text``."""
    stop, stem = _stop_and_stem()
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in stop]


def build(name: str, documents: Sequence[Document], depth: int) -> PeerSearch:
    """The peer ``name`` indexed over ``documents`` (title and text as one), answering ``depth`` results."""
    ids = [d.id for d in documents]
    corpus = [tokens(f"{d.title}\n\n{d.text}") for d in documents]
    score = _bm25s(corpus) if name == "bm25s" else _rank_bm25(corpus)

    def search(text: str) -> list[tuple[str, float]]:
        query = tokens(text)
        if not query:
            return []
        scores = score(query)
        order = np.lexsort((np.arange(len(ids)), -scores))[:depth]
        return [(ids[i], float(scores[i])) for i in order if scores[i] > 0]

    return search


def _bm25s(corpus: list[list[str]]) -> Callable[[list[str]], np.ndarray]:
    import bm25s

    retriever = bm25s.BM25(k1=K1, b=B)
    retriever.index(corpus, show_progress=False)
    scorer: Any = retriever.get_scores
    return lambda query: np.asarray(scorer(query), dtype=np.float64)


def _rank_bm25(corpus: list[list[str]]) -> Callable[[list[str]], np.ndarray]:
    from rank_bm25 import BM25Okapi  # type: ignore[import-untyped]

    # rank_bm25 fails on an empty document list entry's average; an empty
    # document becomes one token no query holds.
    model = BM25Okapi([doc or ["\x00"] for doc in corpus], k1=K1, b=B)
    return lambda query: np.asarray(model.get_scores(query), dtype=np.float64)
