"""The engine: BM25F scores pinned to a reference written here over Whoosh's public reader, and phrases
with slop matched exactly as Whoosh's own ``Phrase`` query matches them, on a few hundred releases."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh import query as wq

from searchsvc import analysis
from searchsvc import schema
from searchsvc.indexing import build_index
from searchsvc.indexing import release_paths
from searchsvc.ranking import RankingSettings
from searchsvc.search import SearchRequest
from searchsvc.search import SearchService
from searchsvc.search import engine

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
RELEASES = 300


def _sentences() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt")))
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if 20 < len(s.strip()) < 400]


def _release(rng: random.Random, sentences: list[str], number: int) -> str:
    """A release of random length from the seeds' sentences, some words repeated to vary frequencies."""
    opening = rng.choice(sentences).split()[: rng.randint(4, 12)]
    title = f"{rng.choice(['Leeds', 'York', 'Kent', 'Essex'])} report {number}: {' '.join(opening)}"
    paragraphs = []
    for _ in range(rng.randint(1, 8)):
        words = " ".join(rng.sample(sentences, rng.randint(1, 4))).split()
        for _ in range(rng.randint(0, 3)):
            at = rng.randrange(len(words))
            words.insert(at, words[at])
        paragraphs.append(" ".join(words))
    notes = "Notes to editors\n\n  1. " + rng.choice(sentences)
    return "\n\n".join([title, *paragraphs, notes]) + "\n"


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few hundred varied releases indexed by the real indexer."""
    folder = tmp_path_factory.mktemp("engine_releases")
    rng = random.Random(20261203)
    sentences = _sentences()
    for number in range(RELEASES):
        (folder / f"r{number:04d}.txt").write_text(_release(rng, sentences, number), encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("engine_index")
    report = build_index(release_paths(folder), index_dir)
    assert report.doc_count == RELEASES
    return index_dir


@pytest.fixture(scope="module")
def reader(corpus_index: Path) -> Iterator[Any]:
    ix = whoosh_index.open_dir(str(corpus_index), indexname=schema.INDEX_NAME)
    with ix.searcher() as searcher:
        yield searcher
    ix.close()


def reference_bm25f(searcher: Any, words: list[str], settings: RankingSettings) -> dict[str, float]:
    """Release id → BM25F of ``words``, from the formula, over Whoosh's public reader API.

    Per term: pseudo-frequency = Σ over fields of weight · tf / ((1 - b) + b · length / average length),
    score = idf · pseudo · (k1 + 1) / (k1 + pseudo), idf = ln(1 + (N - df + 0.5) / (df + 0.5)),
    with df the releases holding the term in any field; scores add up over the terms.
    """
    reader = searcher.reader()
    n = reader.doc_count()
    scores: dict[int, float] = {}
    for term in words:
        pseudo: dict[int, float] = {}
        for fieldname, weight in settings.field_weights().items():
            b = settings.field_b()[fieldname]
            lengths = {d: reader.doc_field_length(d, fieldname, 0) for d in reader.all_doc_ids()}
            # The average of the lengths as stored (to one byte's precision), as the engine takes it.
            average = sum(lengths.values()) / n
            if (fieldname, term) not in reader:
                continue
            postings = reader.postings(fieldname, term)
            while postings.is_active():
                docnum, tf = postings.id(), postings.weight()
                norm = (1 - b) + b * lengths[docnum] / average
                pseudo[docnum] = pseudo.get(docnum, 0.0) + weight * tf / norm
                postings.next()
        idf = math.log(1 + (n - len(pseudo) + 0.5) / (len(pseudo) + 0.5))
        for docnum, p in pseudo.items():
            scores[docnum] = scores.get(docnum, 0.0) + idf * p * (settings.k1 + 1) / (settings.k1 + p)
    return {reader.stored_fields(d)[schema.ID_FIELD]: s for d, s in scores.items()}


#: Settings unlike the defaults in every BM25F parameter: the textbook k1 and b, no title length normalisation.
TEXTBOOK = RankingSettings(k1=1.2, b=0.75, title_b=0.0, title_weight=3.0, body_weight=1.5, notes_weight=0.5)


@pytest.mark.parametrize("settings", [RankingSettings(), TEXTBOOK], ids=["defaults", "textbook"])
@pytest.mark.parametrize("q", ["staff", "safeguarding", "women", "risk assessments", "leaders quality partnership"])
def test_bm25f_scores_match_the_formula(corpus_index: Path, reader: Any, q: str, settings: RankingSettings) -> None:
    terms = [t for word in q.split() for t in analysis.query_terms(word)]
    expected = reference_bm25f(reader, terms, settings)
    # Any-word mode, no feedback: the page's scores are BM25F alone (no proximity or rating bonus).
    service = SearchService(corpus_index, ranking=settings)
    page = service.search(SearchRequest(q=q, match="any", expand=False, per_page=100))
    service.close()
    assert page.total == len(expected) > 0
    for hit in page.hits:
        assert hit.score == pytest.approx(expected[hit.id], abs=1e-4)
    best = sorted(expected.values(), reverse=True)[: len(page.hits)]
    assert [h.score for h in page.hits] == pytest.approx(best, abs=1e-4)


def all_pages(service: SearchService, q: str) -> set[str]:
    found: set[str] = set()
    page_number, pages = 1, 1
    while page_number <= pages:
        page = service.search(SearchRequest(q=q, per_page=100, page=page_number))
        found |= {h.id for h in page.hits}
        page_number, pages = page_number + 1, page.pages
    return found


@pytest.mark.parametrize(
    "phrase",
    ["probation service", "senior probation officers", "quality of assessments", "people on probation", "risk harm"],
)
def test_a_phrase_in_a_named_field_matches_what_whoosh_slop_phrases_match(
    corpus_index: Path, reader: Any, phrase: str
) -> None:
    words = analysis.query_terms(phrase)
    expected = ids_of(reader, wq.Phrase("title", words, slop=3))
    assert all_pages(SearchService(corpus_index), f'title:"{phrase}"') == expected


def test_an_acronym_finds_its_expansions_as_whoosh_slop_phrases_would(corpus_index: Path, reader: Any) -> None:
    expansions = [
        analysis.query_terms(schema.split_acronym_pair(pair.decode())[1])
        for pair in reader.lexicon(schema.ACRONYM_FIELD)
        if schema.split_acronym_pair(pair.decode())[0] == "spo"
    ]
    assert expansions, "the seeds define SPOs"
    fields = list(schema.SEARCHED)
    spo = [wq.Term(f, "spo") for f in fields]
    spelled = [wq.Phrase(f, words, slop=2) for f in fields for words in expansions]
    expected = ids_of(reader, wq.Or(spo + spelled))
    assert all_pages(SearchService(corpus_index), "SPO") == expected
    assert len(expected) > len(ids_of(reader, wq.Or(spo)))


def ids_of(reader: Any, query: Any) -> set[str]:
    return {reader.stored_fields(d)[schema.ID_FIELD] for d in reader.docs_for_query(query)}


def test_top_breaks_ties_by_document_number() -> None:
    scores = np.array([1.0, 3.0, 3.0, 2.0, 3.0], dtype=np.float32)
    allowed = np.array([True, True, True, True, False])
    assert engine.top(scores, allowed, 3) == [(1, 3.0), (2, 3.0), (3, 2.0)]
    assert engine.top(None, allowed, 2) == [(0, 0.0), (1, 0.0)]
    assert engine.top(scores, np.zeros(5, dtype=bool), 3) == []
