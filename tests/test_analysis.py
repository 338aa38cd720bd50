"""Token streams: stems, stop words, hyphens, apostrophes, offsets and the stem overrides."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from whoosh.analysis import CharsetFilter
from whoosh.analysis import LowercaseFilter
from whoosh.analysis import StemFilter
from whoosh.analysis import StopFilter
from whoosh.support.charset import accent_map

from searchsvc import analysis

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Inspections inspected", ["inspect", "inspect"]),
        ("the management of risk", ["manag", "risk"]),
        ("HM Inspectorate’s findings", ["hm", "inspectorate", "find"]),
        ("HM Inspectorate's findings", ["hm", "inspectorate", "find"]),
        ("re-offending", ["re", "offend", "reoffend"]),
        ("Multi-Agency Safeguarding Hub", ["multi", "agenc", "multiag", "safeguard", "hub"]),
        ("not good enough", ["not", "good", "enough"]),
        ("Naïve café", ["naiv", "cafe"]),
        ("41 per cent in 2024", ["41", "per", "cent", "2024"]),
    ],
)
def test_stemmed_terms(text: str, terms: list[str]) -> None:
    assert [t.term for t in analysis.tokens(text)] == terms


@pytest.mark.parametrize(
    ("word", "other", "distinct"),
    [
        ("probation", "probate", True),
        ("inspectorate", "inspector", True),
        ("goods", "good", True),
        ("inspection", "inspected", False),
        ("offenders", "offending", False),
    ],
)
def test_stem_overrides_keep_unrelated_words_apart(word: str, other: str, distinct: bool) -> None:
    assert (analysis.stem(word) != analysis.stem(other)) is distinct


def test_exact_analysis_keeps_every_word_unstemmed() -> None:
    assert [t.term for t in analysis.tokens("People on Probation", exact=True)] == [
        "people",
        "on",
        "probation",
    ]


def test_offsets_point_at_the_surface_words() -> None:
    text = "Staff at Norfolk’s PDU re-offending"
    assert [text[t.start : t.end] for t in analysis.tokens(text)] == [
        "Staff",
        "Norfolk",
        "PDU",
        "re",
        "offending",
        "re-offending",
    ]


@pytest.mark.parametrize("exact", [False, True])
def test_tokens_match_the_indexing_analyzers_token_for_token(exact: bool) -> None:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SEEDS.glob("*.txt"))]
    texts.append("The re-offending rates; Inspectorate’s SPOs' don't café naïve — x-ray 2024-25 a-b-c ’s 's")
    texts.append("THE Straße ÉCOLE İstanbul ﬁnance Ǆ THE-END The’s ‘quoted’ A-a I I’m 1st")
    # Characters the two regular-expression engines class differently (marks, superscripts, fractions).
    texts.append("cafe\u0301 naı\u0308ve x² ½-way a‿b re-offending’s")
    analyzer = analysis.EXACT if exact else analysis.STEMMED
    for text in texts:
        indexed = [
            analysis.TextToken(t.text, t.pos, t.startchar, t.endchar)
            for t in analyzer(text, positions=True, chars=True, mode="index")
        ]
        assert analysis.tokens(text, exact=exact) == indexed
        assert analysis.words_text(text) == [text[start:end] for start, end in analysis.words(text)]
        # What the segment builder indexes: each term's positions.
        positions: dict[str, list[int]] = {}
        for token in indexed:
            positions.setdefault(token.term, []).append(token.pos)
        exact_positions = analysis.exact_positions(text)
        assert (exact_positions if exact else analysis.stemmed_positions(exact_positions)) == positions


@pytest.mark.parametrize("removestops", [True, False])
@pytest.mark.parametrize("mode", ["index", "query"])
def test_the_analyzers_are_whooshs_stock_filter_chain(removestops: bool, mode: str) -> None:
    # The chain the analyzers replaced, built from Whoosh's own filters: the same tokens, stopped or not.
    stock = {
        True: analysis.NltkWordTokenizer()
        | CharsetFilter(accent_map)
        | LowercaseFilter()
        | StopFilter(stoplist=analysis.STOP_WORDS, minsize=1, renumber=False)
        | StemFilter(stemfn=analysis.stem),
        False: analysis.NltkWordTokenizer() | CharsetFilter(accent_map) | LowercaseFilter(),
    }
    text = "The re-offending rates of THE Straße; Inspectorate’s SPOs don't — naïve café, and not good ◌́ enough"
    for stemmed, analyzer in ((True, analysis.STEMMED), (False, analysis.EXACT)):
        ours, theirs = (
            [(t.text, t.pos, t.stopped) for t in chain(text, positions=True, mode=mode, removestops=removestops)]
            for chain in (analyzer, stock[stemmed])
        )
        assert ours == theirs


def test_occurrences_find_a_word_only_where_it_is_a_whole_token() -> None:
    text = "staff-led x-staff staff, -staff staff’s Staff"
    found = list(analysis.occurrences(text, {"staff", "Staff"}))
    assert found == [("staff", 18), ("staff", 26), ("Staff", 40)]
    assert all(w in analysis.distinct_words(text) for w, _ in found)


def test_hyphenated_word_keeps_phrase_positions_in_line() -> None:
    positions = {t.term: t.pos for t in analysis.tokens("cut re-offending rates", exact=True)}
    # The joined form shares the last part's position, so "reoffending rates"
    # and "re offending rates" are both adjacent phrases.
    assert positions["reoffending"] == positions["offending"] == positions["rates"] - 1
    assert positions["re"] == positions["offending"] - 1


def test_query_mode_joins_hyphenated_words() -> None:
    assert analysis.query_terms("re-offending") == ["reoffend"]
    assert analysis.query_terms("the re-offending", exact=True) == ["the", "reoffending"]


def test_stop_words_are_dropped_only_when_stemming() -> None:
    assert analysis.query_terms("the of and") == []
    assert analysis.query_terms("the of and", exact=True) == ["the", "of", "and"]


def test_analyzers_survive_pickling_as_whoosh_stores_them() -> None:
    restored = pickle.loads(pickle.dumps(analysis.STEMMED))
    assert [t.text for t in restored("Probation inspections")] == ["probation", "inspect"]


@pytest.mark.parametrize(
    ("text", "term"), [("SPOs", "spo"), ("PDUs", "pdu"), ("CRCs", "crc"), ("SPO", "spo"), ("Ms", "ms")]
)
def test_acronym_plurals_are_the_acronym(text: str, term: str) -> None:
    assert analysis.query_terms(text) == [term]
    assert [t.term for t in analysis.tokens(text, exact=True)] == [term]


def test_word_spans_are_nltks_regexp_tokenizer_spans() -> None:
    from nltk.tokenize import RegexpTokenizer

    text = "Re-offending fell; the Inspectorate’s SPOs (senior probation officers) met 2024’s target - don't they?"
    assert analysis.words(text) == list(RegexpTokenizer(analysis.WORD_PATTERN).span_tokenize(text))
