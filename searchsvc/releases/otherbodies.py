"""Grades that are no rating of ours: another inspectorate's ("rated 'Good' by Ofsted"), or another scale's, the
older scales of work judged in 2009-2017 ("judged the NPS's work to be 'good' and the CRC's 'poor'")."""

from __future__ import annotations

import re

from searchsvc.releases.text import may_contain

# "judged the NPS's work to be 'good' and the CRC's 'poor'": a grade no four-point rating has, quoted beside a rating
# word, puts both on the older scales of work judged (2009-2017), where "good" was no overall rating.
_OTHER_GRADE = re.compile(
    r"[‘'“\"]\s*(?:poor|(?:un)?satisfactory|excellent|weak|fair|(?<!in)adequate|very\s+good)[.,!]?\s*[’'”\"]",
    re.IGNORECASE,
)
# "rated 'Good' by Ofsted", "judged 'Inadequate' by HM Inspectorate of Prisons": another inspectorate's grade.
_BY_ANOTHER_INSPECTORATE = re.compile(
    r"[’'”\"]?[.,]?\s*(?:overall\s+)?by\s+(?:the\s+)?(?:Ofsted|Estyn|CQC|Care\s+Quality\s+Commission|Care\s+Inspectorate"
    r"|HMICFRS|H(?:er|is)?\s*M(?:ajesty[’']s)?\s+Inspectorate\s+of\s+(?:Prisons|Constabulary))"
)
_INSPECTORATE_HINTS = ("ofsted", "estyn", "cqc", "care ", "hmicfrs", "prisons", "constabulary")
_OTHER_GRADE_HINTS = ("poor", "satisf", "excellent", "weak", "fair", "adequate", "very good")


def may_name_another_body(sentence: str) -> bool:
    """Whether ``sentence`` may name another inspectorate (a cheap test before ``given_by_another_body``)."""
    return may_contain(sentence, _INSPECTORATE_HINTS)


def given_by_another_body(sentence: str, end: int) -> bool:
    """Whether the grade that ends at ``end`` is another inspectorate's: "were rated 'Good' by Ofsted"."""
    return _BY_ANOTHER_INSPECTORATE.match(sentence, end) is not None


def quotes_another_scale(sentence: str) -> bool:
    """Whether ``sentence`` quotes a grade the four-point ratings lack ('poor', 'satisfactory', 'very good')."""
    return may_contain(sentence, _OTHER_GRADE_HINTS) and _OTHER_GRADE.search(sentence) is not None
