"""The overall, earlier and aspect ratings a release's sentences state."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from dataclasses import replace

from searchsvc.releases.aspects import CLAUSE_BREAK
from searchsvc.releases.aspects import RATED_OBJECT
from searchsvc.releases.aspects import is_unit_reference
from searchsvc.releases.aspects import rated_aspect
from searchsvc.releases.otherbodies import given_by_another_body
from searchsvc.releases.otherbodies import may_name_another_body
from searchsvc.releases.otherbodies import quotes_another_scale
from searchsvc.releases.text import WINDOW
from searchsvc.releases.text import YEAR
from searchsvc.releases.text import first_year
from searchsvc.releases.text import may_contain

_MENTION = re.compile(
    r"(?=[‘'“\"ogri])(?P<open>[‘'“\"]\s*)?"
    r"\b(?P<word>outstanding|good|requir(?:es|ing|e)\s+improvement|inadequate)\b"
    r"(?P<close>[.,!]?\s*[’'”\"])?",
    re.IGNORECASE,
)

# An unquoted rating word counts only after words like these ("rated good overall").
_RATING_BEFORE = re.compile(
    r"(?:\b(?:rated|graded|judged|deemed|assessed|scored)(?:\s+(?:overall|as|to\s+be))*"
    # "given an overall grade of requires improvement": "grade" as "rating", said overall
    r"|\brating\s+(?:of|is|was|remains)|\boverall\s+(?:rating|grade)\b[^.;]{0,60}?\b(?:is|was|of)"
    # a report's cover, as a table row: "Overall rating for the YOS Good"
    r"|\boverall\s+rating\s+for\s+(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+)?"
    # "when they judged its work good": a unit's work taken whole (never "their work", which may be its staff's)
    r"|\b(?:rated|judged|graded|assessed|deemed|found)\s+its\s+work(?:\s+(?:as|to\s+be))?)\s+(?:an?\s+)?$",
    re.IGNORECASE,
)
_RATING_AFTER = re.compile(r"^\s+(?:overall\s+)?rating\b", re.IGNORECASE)
# "found by HM Inspectorate of Probation to be good overall", "assessed by probation inspectors as good overall":
# an unquoted word followed by "overall" is a rating when a judging verb in its clause leads to it.
_JUDGED_BEFORE = re.compile(
    r"\b(?:found|assessed|judged|rated|deemed|considered)\b[^.;,:]{0,60}?\b(?:as|to\s+be)\s+$", re.IGNORECASE
)
_OVERALL_NEXT = re.compile(r"^\s+overall\b", re.IGNORECASE)
# "In 2018 the CRC was found to require improvement": a sentence opening on a year dates what it says (the
# classifier then tells an earlier year from this inspection's).
_YEAR_OPENING = re.compile(r"\s*(?:back\s+)?in\s+(?:19|20)\d\d\b", re.IGNORECASE)
# "the service was also found to", "it was found to be": the unit itself the subject of "found".
_UNIT_FOUND = re.compile(
    r"\b(?:it|(?:the|this|that)\s+(?:service|team|unit|PDU|CRC|YOT|YJS|YOS|division|trust))\s+(?:was|had\s+been)\s+"
    r"(?:also\s+|again\s+)?found\s+to\s+(?:be\s+)?$",
    re.IGNORECASE,
)
# The words a rating's name follows as the thing a unit is, became or was given ("is now Inadequate", "from Good to
# Outstanding"), or another rating ("Good or Outstanding"); not "Getting out for Good", a project's name.
_BEFORE_A_NAMED_RATING = re.compile(
    # ("Overall: Good." on a line of its own, a report's summary)
    r"\b(?:is|was|were|are|be|been|being|as|remains?|remained|overall[,:]?|now|still|to|from|received|achieved"
    r"|given|awarded|retained|kept|keeps"
    # the second of two ratings: "Good or Outstanding in each area"
    r"|(?:outstanding|good|improvement|inadequate),?\s+(?:or|and))\s+$",
    re.IGNORECASE,
)
# A capitalised word after a rating word, or a hyphen, makes it a word of a name: "Good Lives Model", "Good-quality".
_NAME_GOES_ON = re.compile(r"^(?:-|\s+[A-Z&])")
# A unit's name or type word ending the words before a verb: "... Company (KSS CRC) still", "... Premises (AP) in
# Hull", "the PDU".
_UNIT_SUBJECT_END = re.compile(
    # "Probation work in Ashwell Vale requires improvement": an area's probation work, whole, is its unit's
    r"(?:\b(?:PDU|CRC|NPS|YOT|YJS|YOS)|\b(?i:company|probation\s+delivery\s+unit|trust|division|premises"
    r"|(?:probation|youth\s+justice)\s+(?:work|services?)))"
    r"(?:\s*\([^()]{1,12}\))?(?:\s+in\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})?"
    r"\s+(?:(?i:still|now|also|continues\s+to|continue\s+to)\s+)?$"
)
_SUBJECT_REACH = 80
# The capitalised words of a unit's name (and "the", "and", "&", commas) before its type word; what precedes them.
_NAME_TAIL = re.compile(r"(?:(?:[A-Z][\w’'&-]*|the|and|&|,)\s*)*$")
_PREPOSITION_END = re.compile(r"\b(?:at|in|of|for|by|within|across|from|with)\s*$", re.IGNORECASE)
# "judged to require improvement", "judged by HM Inspectorate of Probation to require improvement": the verb after a
# judging verb (and its agent) and "to".
_JUDGED_TO = re.compile(
    r"\b(?:judged|found|deemed|considered|assessed|rated)(?:\s+by\s+[^.;,]{1,60}?)?\s+to\s+$", re.IGNORECASE
)
_JUDGED_TO_REACH = 100
_FOUND_OBJECT_TO = re.compile(r"\bfound\s+(?P<aspect>[^,;.]{1,60}?)\s+to\s+$", re.IGNORECASE)
_PART_OF_WORK_NEXT = re.compile(r"^\s+(?:in|on|for|to|across|around|with|when)\b", re.IGNORECASE)

#: What every ``_MENTION`` contains, lower-cased.
MENTION_HINTS = ("outstanding", "good", "requir", "inadequate")
_MAX_MENTIONS = 12  # a real sentence holds at most four (the scale); more is not prose
_SCALE_NAMES = 3
# What stands between two items of a list of ratings: "'Outstanding', 'Good', 'Requires improvement' or ...".
_LIST_GAP = re.compile(r"^[\s,;/–—-]*(?:(?:and|or)\b[\s,]*)?$", re.IGNORECASE)
# "England and Wales" is one place, no two clauses.
_CONJUNCTION = re.compile(r"\s(?:and(?!\s+Wales\b)|but|while|whilst|whereas|although|though)\s", re.IGNORECASE)
# "... and the service as a whole has been rated 'Good'": the unit taken whole, after a part of it was rated;
# "rated the overall performance of X as 'Requires Improvement'".
_OVERALL_BEFORE = re.compile(
    r"\boverall\s+(?:rating|grade|judge?ment|verdict|performance)\b|\b(?:rated|judged|graded|assessed)\s+overall\b"
    r"|\b(?:service|unit|PDU|CRC|YOT|YJS|YOS|team|organisation)\s+as\s+a\s+whole\b"
    # "the Inspectorate has concluded that its work overall is 'Inadequate'": the unit's work taken whole
    r"|\b(?:its|their)\s+work\s+overall\b",
    re.I,
)
_OVERALL_AFTER = re.compile(r"^\s*(?:rating\s+)?overall\b", re.IGNORECASE)
# "found that the service, overall, 'Requires improvement'": "overall" set off by commas just before the rating;
# "Overall: Good.", a summary's line.
_OVERALL_APART = re.compile(r"\boverall\s*[,:]\s*$", re.IGNORECASE)
_OVERALL_APART_REACH = 12
# "previous" dates a rating only when it qualifies an inspection, a rating or a time, or the rating itself follows
# (the end of the text before it, or of a piece joined by "|"): "a previous 'Inadequate'", "its previous
# inspection", not "addressing previous issues".
_PREVIOUS_THING = (
    r"(?:\s+(?:[\w’'-]+\s+){0,2}?(?:inspect\w*|ratings?|grades?|marks?|reports?|visits?|rounds?|years?|times?|ones?"
    r"|assessments?|judge?ments?)\b|\s*(?:[‘'“\"|]|$))"
)
_PREVIOUS = re.compile(
    rf"(?=[pefalwyhms])\b(?:previously|previous(?={_PREVIOUS_THING})|prior|earlier|formerly"
    r"|last\s+(?:inspect\w*|rated|time|visit\w*)"
    r"|at\s+that\s+(?:time|point)|(?:years?|months?)\s+ago"
    # "When we inspected X last year we rated the service": a visit of last year is an earlier one (not "in November
    # last year", a month that may date this inspection's fieldwork)
    r"|when\s+(?:we|inspectors)\s+(?:inspected|visited)\s+(?:(?!in\b)[\w’'-]+\s+){0,3}?last\s+year"
    # "When inspectors last visited the service, in 2021, it was rated", "Three years ago, in 2019, ..."
    r"|when\s+(?:(?:we|inspectors|the\s+inspectorate|it\s+was)\s+)?last|follows\s+(?:an?|our|the)\s+(?:\w+\s+)?inspection"
    # "When inspectors first looked at X PDU in 2022, they rated it": a first visit told is an earlier one
    # "When the Inspectorate first reported on X, ..., it settled on 'Y'"
    r"|when\s+(?:(?:we|inspectors|the\s+inspectorate|it\s+was)\s+)?first\s+(?:inspect\w*|visit\w*|looked\s+at|rated|reported)"
    # "In 2019, inspectors had judged the service 'Good'": the past before this inspection; not the passive of
    # reported speech ("said the CRC had been given a 'requires improvement' rating"), which is the rating now
    r"|had\s+(?:rated|judged|graded|assessed)"
    # "a reinspection, after they received an 'Inadequate' rating in 2020"
    r"|after\s+(?:(?:it|they|the\s+\w+)\s+)?(?:received|receiving|was\s+(?:given|rated|awarded)|being\s+(?:given|rated))"
    # "to see what has changed since it was found to be 'Inadequate' in our inspection in 2022"
    r"|since\s+(?:it|they|the\s+\w+)\s+(?:was|were)\s+(?:found|rated|judged|graded|assessed|given))\b",
    re.IGNORECASE,
)
# "A unit told to improve three years ago has now been rated": "now" on the rating's own verb makes it the rating
# now, whatever the dating words before it.
_NOW_RATED = re.compile(
    r"\b(?:has|have|is|are)\s+now\s+(?:been\s+)?(?:rated|judged|graded|assessed)(?:\s+as)?\s*$", re.I
)
# "... in 2018 and we gave the service an overall rating of": a past verb continuing the dated clause.
_PAST_GIVEN = re.compile(
    r"^\s*(?:(?:(?:we|it|they|inspectors)\s+)?(?:gave|awarded|rated|found)|(?:it|the\s+\w+|this)\s+was\s+(?:given|rated|awarded))\b",
    re.IGNORECASE,
)
# "The Inspectorate previously inspected X in 2019 and rated them as": the same subject, its verb left out.
_GIVEN_AFTER_VISIT = re.compile(
    r"\b(?:previously|last)\s+(?:inspected|visited)\b(?:(?!\band\b)[^;:])*?\s(?:and|then)\s+(?:gave|awarded|rated|judged|graded)"
    r"\s+(?:it|them|the\s+\w+)\b[^.;:]{0,40}$",
    re.IGNORECASE,
)
# What follows a unit of any kind rated by the Inspectorate: "rated", "we rated", "that inspectors have judged as".
_GENERIC_RATED = (
    # "One unit that had been rated 'Good' two years earlier": such a unit, rated at some time
    r"(?:that\s+|which\s+)?(?:(?:we|inspectors)\s+(?:have\s+)?)?(?:(?:had|has|have)\s+been\s+)?"
    r"(?:rated|judged|graded|assessed|deemed)"
    r"(?:\s+(?:as|to\s+be))?\s*$"
)
# "No services rated", "75 per cent ... rated as either", "five 'Outstanding'", "none as 'Good'": counts, never one
# unit's rating.
_AGGREGATE = re.compile(
    r"\bper\s*cent\b|%|\bno\s+(?:\w+\s+){0,2}?(?:services|units|PDUs|CRCs|teams|areas|regions)\b|\beither\b"
    # (a span of time, "two years ago", "four years after it was judged", counts nothing rated)
    # ("A service shared by two councils has been rated": a count after "by", "between", "covering" or "serving"
    # tells what the unit is, and counts nothing rated)
    # (first, the letters a count opens with: the five look-behinds tried at every position of every clause were a
    # third of this pattern's cost)
    r"|(?=[\dntfsemh])(?<!\ball\s)(?<!\bby\s)(?<!\bbetween\s)"
    r"(?<!\bcovering\s)(?<!\bserving\s)"
    # ("only a handful have been rated 'good'": a count without a number; "one of few" counts the unit among them)
    r"\b(?:\d{1,3}|none|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|most|majority|handful|(?<!of\s)few|several)\b"
    r"(?!\s+(?:years?|months?|weeks?)\s+(?:ago|earlier|before|after|later|since)\b)"
    # "rated its work in nine areas and gave an overall rating of": what was counted ends where the giving starts.
    r"(?:(?!\band\s+(?:then\s+)?(?:gave|awarded)\b)[^,;]){0,40}?$"
    r"|^\s*or\s*$"
    # "at least one 'Outstanding' domain": a threshold a rule sets, no unit's rating
    r"|\bat\s+(?:least|most)\s+one\b[^,;]{0,40}?$"
    # "the services we judge 'Outstanding'": services in general, the object of the Inspectorate's own verb.
    r"|\b(?:services|units|PDUs|CRCs|teams|regions|divisions)\s+(?:that\s+|which\s+)?(?:we|inspectors)\s+"
    r"(?:have\s+)?(?:judged?|rated?|graded?|assess(?:ed)?|deem(?:ed)?|find|found)(?:\s+(?:as|to\s+be))?\s*$"
    # "a service rated 'Inadequate' on any standard", "in every service we rated", "Services rated 'Inadequate' will
    # be revisited, and those rated ...", "we propose that services rated ...": any unit of a kind, not one. A plural
    # is that only opening the sentence or a clause: "trio of London probation services rated 'Inadequate'" are the
    # units inspected. (First, the letters its words open with, or the text's start: as costly again untested.)
    r"|(?=[aeotibwv]|^)"
    # ("Each unit has been rated 'X'" after a sentence naming them: the units this release inspects, each rated.)
    rf"(?:\b(?:an?|any|every|each(?!\s+(?-i:service|unit|PDU|CRC|team)\s+(?:has|have)\s+been\s)|one)\s+"
    rf"(?:\w+\s+){{0,2}}?(?-i:service|unit|PDU|CRC|team)|^\s*(?-i:Services)"
    # "I have visited units rated 'Outstanding'", "visits to units rated 'Inadequate'", "the share of units rated":
    # a bare plural after a preposition or a verb is units in general.
    r"|\b(?:to|of|in|at|among|between|with|and|or|visited|visit|inspect|inspected)\s+(?-i:units|services|PDUs|CRCs)"
    # "A service rated 'Inadequate' will ..., and one rated 'Outstanding' will ...": "one" stands for such a unit.
    rf"|\bthose|\b(?<!only\s)one|\b(?:that|if|where|all)\s+(?-i:services|units|PDUs|CRCs|teams))\s+{_GENERIC_RATED}"
    # "could not be rated 'Good' overall", "will not be rated higher than", "is not rated 'Good' overall simply
    # because": a rating that may be given, or one denied, never one given
    r"|\b(?:(?:could|would|should|will|may|might|can|cannot|must)\s+(?:not\s+|never\s+|only\s+)?be"
    # "could not be given an overall rating higher than": the same, told with the noun.
    r"|(?:not|never)(?:\s+be(?:en)?)?)\s+(?:rated|judged|graded|assessed|deemed"
    r"|given\s+(?:an?\s+)?(?:overall\s+)?rating(?:\s+of)?)(?:\s+(?:as|to\s+be))?"
    r"(?:\s+(?:(?:no\s+)?(?:higher|lower|better|worse)\s+than|above|below))?\s*$"
    # "units in London were more likely to be rated 'Inadequate'": a likelihood compares units, it rates none
    r"|\blikely\s+to\s+be\s+(?:rated|judged|graded|assessed)(?:\s+as)?\s*$"
    # "Its rating will remain 'Requires improvement' until then": a rating that will stand, given before
    r"|\b(?:will|would|should|may|might|could)\s+(?:still\s+)?(?:remain|stay)(?:\s+at)?\s*$"
    # "could not receive an overall rating higher than": a rating a rule allows, the verb active.
    r"|\b(?:could|would|should|will|may|might|can|cannot|must)\s+(?:not\s+|never\s+|only\s+)?"
    r"(?:receive|get|achieve|be\s+(?:given|awarded))\s+(?:an?\s+)?(?:overall\s+)?rating"
    r"(?:\s+of)?(?:\s+(?:(?:higher|lower|better|worse)\s+than|above|below))?\s*$"
    # "a PDU whose public protection work is rated", "a unit in which ... is found to be": any unit a rule speaks of
    r"|\b(?:an?|any|every|each)\s+(?-i:service|unit|PDU|CRC|team|YOT|YJS|YOS)\s+(?:whose|in\s+which|where)\b[^,;]*$",
    re.IGNORECASE,
)
# "found the service to be 'good' or 'outstanding' in 10 of 12 aspects": one of two ratings is no one rating. The
# words right of a rating stop where the next rating starts, so "or" alone there joins the two; "or" and a quote
# joins a grade of another scale ("every trust was assessed as 'good' or 'excellent'").
_OR_RATING_NEXT = re.compile(r"^\s*or\s*(?:$|[‘'“\"])", re.IGNORECASE)
# "... 'Requires improvement' and the arrangements for data 'Inadequate'": the gap between two ratings that shares
# their verb, ending on the second one's aspect.
_AND_ASPECT = re.compile(r"\s*,?\s+and\s+(?P<aspect>(?:the|its|their)\s+[^,;:.]{1,80}?)\s+$", re.IGNORECASE)
_TO_BE_RATED = re.compile(r"\bto\s+be\s+(?:rated|judged|graded|assessed)(?:\s+as)?\s*$", re.IGNORECASE)
_WOULD_NEED = re.compile(r"\b(?:would|will|must|should)\s+(?:also\s+)?need\b", re.IGNORECASE)
# "Of the three areas of the unit's organisation ...", "Of the division's three organisational domains, ...": a
# sentence opening by counting the parts of the work a unit is rated on.
_OF_PARTS_COUNTED = re.compile(
    r"^\W*of\s+the\s+(?:[\w’'-]+\s+){0,2}?(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
    r"(?:[\w’'-]+\s+){0,2}?(?:areas?|domains?|standards?|aspects?|parts?|elements?)\b",
    re.IGNORECASE,
)
#: How much of a clause ``_AGGREGATE`` reads, back from the rating: a count stands just before what it counts.
_AGGREGATE_REACH = 60
# "X PDU, which received an overall rating of ...", "The second is X": a sibling's rating, used only as a last resort.
# "The other three are X PDU (rated 'Inadequate'), Y PDU (rated ...)": a list of siblings, each with its rating.
_ASIDE = re.compile(
    r"(?:,\s*which\s+(?:\w+\s+){0,2}?(?:received|was|were|has|had|got)\b[^,;()]*"
    r"|\b(?:second|other|another)\s+(?:one\s+)?(?:is|was)\b[^.;]*"
    r"|\bothers?\s+(?:(?:two|three|four|five)\s+)?(?:are|were)\b[^.;]*?\b(?:PDU|CRC|NPS|YJS|YOS|YOT)\b[^.;]*)$",
    re.IGNORECASE,
)
#: What every ``_ASIDE`` contains, lower-cased.
_ASIDE_HINTS = ("which", "second", "other")
_RETAINED_BEFORE = re.compile(
    r"\b(?:retain(?:ed|s)|kept|keeps|(?:held|holds)\s+on\s+to)\s+(?:its|the)\s+(?:overall\s+)?(?:rating\s+of\s+)?$",
    re.IGNORECASE,
)
# "was not rated 'Inadequate'", "the first unit not to be rated 'X'", "no longer 'X'": a rating denied.
_NEGATED = re.compile(r"\b(?:not(?!\s+only\b)|never|no\s+longer)\s+(?:[\w’']+\s+){0,3}$", re.IGNORECASE)
_BRACKETED_YEAR = re.compile(r"^\s*\(\s*(?:in\s+)?(?P<year>(?:19|20)\d\d)\s*\)")
# A clause opening on a verb: its subject the one before the clause it follows.
_VERB_OPENING = re.compile(r"^\s*(?:was|were|had\s+been)\s", re.IGNORECASE)
_WHEN = re.compile(r"^\s*(?:when|at\s+which\s+(?:time|point))\b", re.IGNORECASE)
# "“When we inspected the region in 2023, we rated it 'X'": the Inspectorate's own visit of a year named, in the
# clause before (a quote may open on it, after "said:").
_WHEN_WE_VISITED = re.compile(
    r"^\s*[“\"‘']?\s*when\s+(?:we|inspectors|the\s+inspectorate)\s+(?:last\s+|first\s+)?"
    r"(?:inspected|visited|looked\s+at|reviewed)\b",
    re.IGNORECASE,
)
# "we rated it", "it was judged": the rating's own clause with a subject of its own (not "has improved and is now
# rated", which goes on from the subject before the dating clause).
_RATED_THEN = re.compile(
    r"^\s*(?:(?:we|inspectors|they)\s+(?:rated|judged|graded|assessed|gave|awarded)"
    r"|(?:it|the\s+\w+)\s+was\s+(?:rated|judged|graded|assessed|given|awarded))\b(?![^.;]*\bnow\b)",
    re.IGNORECASE,
)
# _FROM, _TO and _KEPT open with a look-ahead for their first letter: each is searched over the whole clause before a
# rating, and the four look-behinds _TO tried at every position of it tripled its cost.
_FROM = re.compile(r"(?=f)\bfrom\s+(?:an?\s+)?$", re.IGNORECASE)
# "from 'X' to 'Y'", never "judged to require improvement"
_TO = re.compile(r"(?=t)(?<!judged\s)(?<!found\s)(?<!deemed\s)(?<!assessed\s)\bto\s+(?:an?\s+)?$", re.IGNORECASE)
_KEPT = re.compile(
    r"(?=[rkh])\b(?:retain(?:ed|s)?|kept|keeps|(?:held|holds)\s+on\s+to)\s+(?:its|the|their)\s+$", re.IGNORECASE
)
_RATING_VERB = re.compile(
    r"\b(?:rated|rating|judged|graded|deemed|assessed|received|given|awarded|remains?|retained?|kept|keeps|achieved"
    r"|stayed\s+at|stays\s+at|found\s+to\s+be)\b",
    re.IGNORECASE,
)

# "the service in nearby X", "probation in neighbouring X": what is rated lies in a place beside the unit's own.
_NEIGHBOURS_PLACE = re.compile(r"\b(?:in|of|at|for)\s+(?:nearby|neighbouring|neighboring|adjacent)\s+[A-Z]")
# "Overall, Hampshire was assessed as 'Good'": a name alone as the subject of the sentence's overall verdict.
_OVERALL_LEAD = re.compile(r"^\s*overall\s*$", re.IGNORECASE)
# A word of a name may hold an ampersand: "Overall, Tolworth YPE&JS was rated as ...", "H&F YJS".
_PROPER_NAME = re.compile(r"[A-Z][\w’'&-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w’'&-]*){0,4}")
#: The kinds of mention a grade of another scale beside them takes over: a rating said to be overall, or earlier,
#: keeps its own words.
_LOOSE_KINDS = frozenset({"plain", "weak", "sub"})


@dataclass(frozen=True)
class Mention:
    """One rating word in a sentence and what it is the rating of."""

    rating: str
    # "overall", "plain" (rating verb, no "overall"), "weak" (no verb), "previous", "sub", "aside" (a sibling's, a
    # last resort), "aggregate", "negated" ("not rated 'X'"), "other" (of a sentence naming only units the
    # release does not inspect) or "another scale" (beside a grade such as 'poor', of work judged before 2018)
    kind: str
    year: int | None = None
    aspect: str = ""
    now: str | None = None  # for an earlier rating, the rating its sentence gives now ("from 'X' to 'Y'": Y)


def _canonical(word: str) -> str:
    """The RATINGS spelling of a rating word in any case ("REQUIRES IMPROVEMENT", "requiring improvement")."""
    word = word.lower()
    return "Requires improvement" if word.startswith("requir") else word.capitalize()


def _is_rating(sentence: str, mention: re.Match[str]) -> bool:
    """A rating word is a rating when quoted, or when a rating verb stands next to it."""
    if mention["open"] and mention["close"]:
        return True
    start, end = mention.start("word"), mention.end("word")
    before, after = sentence[max(0, start - WINDOW) : start], sentence[end : end + WINDOW]
    if _RATING_BEFORE.search(before) or _RATING_AFTER.match(after) or _named_rating(mention["word"], before, after):
        return True
    if _OVERALL_NEXT.match(after) and _JUDGED_BEFORE.search(before):
        return True
    named = mention["word"][0].isupper()
    return (
        _rated_unit_as(before, named)
        or _found_earlier(before)
        or _unit_requires_improvement(mention["word"], before, after)
    )


def _unit_requires_improvement(word: str, before: str, after: str) -> bool:
    """Whether an unquoted "requires improvement" is the verb of a unit: "X Community Rehabilitation Company (X
    CRC) requires improvement, according to ...", "The PDU still requires improvement." (never "work with victims
    requires improvement", nor "requires improvement in its court work", which rate part of the work)."""
    if word[:4].lower() != "requ" or _PART_OF_WORK_NEXT.match(after):
        return False
    # "previously judged to require improvement (2022)": the verb after a judging verb and "to"
    if _JUDGED_TO.search(before[-_JUDGED_TO_REACH:]):
        return True
    # "judged the work of X PDU to require improvement": the unit (its work taken whole) the object of the verb
    if before.endswith(" to ") and may_contain(before, ("judged", "rated", "assessed", "found")):
        # "found the service to require improvement": the unit the object of "found" as of a rating verb
        judged = RATED_OBJECT.search(before) or _FOUND_OBJECT_TO.search(before[-_JUDGED_TO_REACH:])
        if judged and is_unit_reference(judged["aspect"].strip()):
            return True
    tail = before[-_SUBJECT_REACH:]
    unit = _UNIT_SUBJECT_END.search(tail)
    # "Leadership at the PDU requires improvement": a unit after a preposition is not the subject.
    return unit is not None and not _PREPOSITION_END.search(_NAME_TAIL.sub("", tail[: unit.start()]))


def _found_earlier(before: str) -> bool:
    """Whether an unquoted rating word is the unit's at an earlier inspection: "At its previous inspection in 2019
    the service was also found to require improvement". Only an earlier one: unquoted, "found to require
    improvement" is how releases speak of parts of the work now."""
    return (
        before.endswith((" to ", " be "))
        and may_contain(before, ("found",))
        and bool(_UNIT_FOUND.search(before) and (_PREVIOUS.search(before) or _YEAR_OPENING.match(before)))
    )


def _named_rating(word: str, before: str, after: str) -> bool:
    """Whether an unquoted rating word is written as the name of a rating, with its capital, after a word that
    leads to what a unit is: "found that the service, overall, Requires improvement" (never a name's word: "the
    Good Lives Model")."""
    return word[0].isupper() and bool(_BEFORE_A_NAMED_RATING.search(before)) and not _NAME_GOES_ON.match(after)


def _rated_unit_as(before: str, named: bool) -> bool:
    """Whether an unquoted rating word follows "rated <the unit> as": "have rated the X Community Rehabilitation
    Company (CRC) as requiring improvement" (never "rated its leadership as good", which rates part of its work);
    a rating's name (``named``: with its capital) needs no "as": "has rated X Youth Justice Service Inadequate"."""
    # Cheap tests first: most unquoted "good"s follow no "as" and no rating verb.
    if not (before.endswith(" as ") or named) or not may_contain(
        before, ("rated", "judged", "graded", "assessed", "scored")
    ):
        return False
    rated = RATED_OBJECT.search(before)
    return rated is not None and is_unit_reference(rated["aspect"].strip())


def rating_mentions(sentence: str, ref_year: int | None) -> list[Mention]:
    """Every rating in a sentence, each classified by the words of its own clause."""
    if not may_contain(sentence, MENTION_HINTS):
        return []
    matches = list(itertools.islice(_MENTION.finditer(sentence), _MAX_MENTIONS))
    # The scale written out unquoted ("rated as either Outstanding, Good, Requires improvement or Inadequate") is
    # the scale all the same: each of its names a mention, so that it is told apart as a whole.
    scale = len({m["word"].lower() for m in matches if m["word"][0].isupper()}) >= _SCALE_NAMES
    ratings = (m for m in matches if scale and m["word"][0].isupper() or _is_rating(sentence, m))
    found = list(itertools.islice(ratings, _MAX_MENTIONS))
    mentions = [_mention_at(sentence, found, index, ref_year) for index in range(len(found))]
    if len({m.rating for m in mentions}) >= 3:
        mentions = _apart_from_the_scale(sentence, found, mentions)
    mentions = _by_another_inspectorate(sentence, found, _elided_verb_aspects(sentence, found, mentions))
    return _dated_against_now(_on_another_scale(sentence, _of_parts_counted(sentence, mentions)))


def _of_parts_counted(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """A sentence's mentions, those without "overall" counts of parts when it opens by counting the parts of the
    work: "Of the three areas of the unit's organisation, one – services – was rated 'Good'" rates no unit."""
    if not mentions or sentence.lstrip(" “\"‘'")[:3].lower() != "of " or not _OF_PARTS_COUNTED.match(sentence):
        return mentions
    return [replace(m, kind="aggregate") if m.kind in {"plain", "weak"} else m for m in mentions]


def _elided_verb_aspects(sentence: str, found: list[re.Match[str]], mentions: list[Mention]) -> list[Mention]:
    """A sentence's mentions, each one with no verb of its own that follows an aspect's rating across "and <part of
    the work>" an aspect's too: "rated the national leadership 'Requires improvement' and the arrangements for data
    'Inadequate'" rates the arrangements with the verb left out, not the unit."""
    elided = list(mentions)
    for index in range(1, len(mentions)):
        if mentions[index].kind != "weak" or mentions[index - 1].kind != "sub":
            continue
        gap = _AND_ASPECT.match(sentence, found[index - 1].end(), found[index].start())
        if gap and not is_unit_reference(gap["aspect"]):
            elided[index] = Mention(mentions[index].rating, "sub", aspect=gap["aspect"])
    return elided


def _mention_at(sentence: str, found: list[re.Match[str]], index: int, ref_year: int | None) -> Mention:
    """The ``index``-th rating of a sentence, classified by the words between it and its neighbours."""
    mention = found[index]
    start = max(found[index - 1].end() if index else 0, mention.start() - WINDOW)
    end = min(found[index + 1].start() if index + 1 < len(found) else len(sentence), mention.end() + WINDOW)
    left, right = sentence[start : mention.start()], sentence[mention.end() : end]
    # An opening "In 2022," or "At its last inspection," dates the first rating after it.
    lead = CLAUSE_BREAK.split(left)[0] if index == 0 and CLAUSE_BREAK.search(left) else ""
    classified = _classify(_canonical(mention["word"]), left, right, lead, ref_year)
    # "would need at least one 'Outstanding' domain to be rated 'Outstanding' overall": what a rating would take
    required = _TO_BE_RATED.search(left) and _WOULD_NEED.search(sentence, 0, mention.start())
    return Mention(classified.rating, "aggregate") if required else classified


def _by_another_inspectorate(sentence: str, found: list[re.Match[str]], mentions: list[Mention]) -> list[Mention]:
    """A sentence's mentions, each given by another inspectorate another body's: "The council's children's services
    were rated 'Good' by Ofsted" rates no unit of ours, now or before."""
    if not may_name_another_body(sentence):
        return mentions
    return [
        replace(m, kind="other") if given_by_another_body(sentence, found[i].end()) else m
        for i, m in enumerate(mentions)
    ]


def _on_another_scale(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """A sentence's mentions, each loose one a grade of another scale when the sentence quotes a grade the
    four-point ratings lack: "judged the NPS's work to be 'good' and the CRC's 'poor'"."""
    if not mentions or not quotes_another_scale(sentence):
        return mentions
    return [replace(m, kind="another scale") if m.kind in _LOOSE_KINDS else m for m in mentions]


def _apart_from_the_scale(sentence: str, found: list[re.Match[str]], mentions: list[Mention]) -> list[Mention]:
    """Of a sentence naming three ratings or more (the scale itself, or counts of each), only a lone overall rating
    set apart from the others by words of its own: "rated it 'Good' overall, with five aspects judged to be
    'Outstanding', six 'Good' and one 'Requiring improvement'"; never one of "'Outstanding', 'Good', ... or ..."."""
    overall = [index for index, mention in enumerate(mentions) if mention.kind == "overall"]
    if len(overall) != 1:
        return []
    index = overall[0]
    gaps = [sentence[found[i].end() : found[i + 1].start()] for i in (index - 1, index) if 0 <= i < len(found) - 1]
    return [] if any(_LIST_GAP.match(gap) for gap in gaps) else [mentions[index]]


def _dated_against_now(mentions: list[Mention]) -> list[Mention]:
    """A sentence's mentions, each earlier rating told the rating the same sentence gives now, if any."""
    if not any(m.kind == "previous" for m in mentions):
        return mentions
    now = next((m.rating for m in mentions if m.kind not in {"previous", "aggregate", "aside", "negated"}), None)
    return [replace(m, now=now) if m.kind == "previous" else m for m in mentions]


def _classify(rating: str, left: str, right: str, lead: str, ref_year: int | None) -> Mention:
    """Decide whether a rating is the overall one, an earlier one, an aspect's, or unclear."""
    near_left = CLAUSE_BREAK.split(left)[-1]
    if _NEGATED.search(near_left[-_AGGREGATE_REACH:]):
        return Mention(rating, "negated")
    if _AGGREGATE.search(near_left[-_AGGREGATE_REACH:]) or _OR_RATING_NEXT.match(right):
        return Mention(rating, "aggregate")
    overall = _said_overall(left, near_left, right)
    previous, year = _earlier(left, near_left, right, lead, ref_year, overall)
    if previous:
        return _earlier_mention(rating, year, right)
    if may_contain(left, _ASIDE_HINTS) and _ASIDE.search(left):
        return Mention(rating, "aside")
    if overall:
        return Mention(rating, "overall")
    aspect = rated_aspect(left, near_left, right)
    if aspect and _OVERALL_LEAD.match(lead) and _PROPER_NAME.fullmatch(aspect):
        return Mention(rating, "overall")
    return _given_to(rating, aspect, near_left)


def _given_to(rating: str, aspect: str | None, near_left: str) -> Mention:
    """A rating by what it is given to: a neighbour, a part of the work, or the unit (with a verb, or none)."""
    if aspect and _NEIGHBOURS_PLACE.search(aspect):
        # "the youth justice service in nearby Orme Bridge was rated 'Good'": a unit of a place beside this one's
        return Mention(rating, "other")
    if aspect and not is_unit_reference(aspect):
        return Mention(rating, "sub", aspect=aspect)
    return Mention(rating, "plain" if aspect or _RATING_VERB.search(near_left) else "weak")


def _earlier_mention(rating: str, year: int | None, right: str) -> Mention:
    """An earlier rating, dated by its clause or else by a year in brackets right after it: "gone from 'Requires
    improvement' (2019) to 'Good'"."""
    bracketed = _BRACKETED_YEAR.match(right) if year is None else None
    return Mention(rating, "previous", year=int(bracketed["year"]) if bracketed else year)


def _said_overall(left: str, near_left: str, right: str) -> bool:
    """Whether a rating's own words call it the overall one: "overall rating of", "rated 'X' overall", ", overall,"."""
    return bool(
        _OVERALL_BEFORE.search(near_left)
        or _OVERALL_AFTER.match(right)
        or _OVERALL_APART.search(left[-_OVERALL_APART_REACH:])
    )


def _earlier(
    left: str, near_left: str, right: str, lead: str, ref_year: int | None, overall: bool
) -> tuple[bool, int | None]:
    """Whether a rating is an earlier inspection's (by its own clause, or the one it hangs on), and its year."""
    if _RETAINED_BEFORE.search(near_left):
        # "has retained the 'X' rating it received in 2022": the rating now, and (by ``_retained``) before too.
        return False, None
    # "... at its last inspection and is now rated 'Good'": the dating words belong to the other clause.
    right_clauses = CLAUSE_BREAK.split(right)
    own_left, own_right = _CONJUNCTION.split(near_left)[-1], _CONJUNCTION.split(right_clauses[0])[0]
    previous, year = _previous(own_left, own_right, lead, ref_year, overall)
    if previous:
        # "When inspectors last visited the service, in 2021, it was rated", "rated 'X' when we last visited, in
        # 2019, and ...": the year in a clause between, or in the one after the dating words.
        after = " ".join(right_clauses[:2])
        if year is None:
            # "When we first looked at the CRC, in spring 2018, the rating we gave was": after the dating words, a
            # year up to this inspection's reckoning (publication's year less one, without fieldwork) is earlier.
            year = _stale_year(left, ref_year + 1 if ref_year else None) or _stale_year(after, ref_year)
        return previous, year
    if _PAST_GIVEN.match(own_left) and _PREVIOUS.search(near_left):
        return True, first_year(near_left)
    if may_contain(near_left, ("previously", "last")) and _GIVEN_AFTER_VISIT.search(near_left):
        return True, first_year(near_left)
    return _dated_by_clause_before(left, near_left, ref_year)


def _dated_by_clause_before(left: str, near_left: str, ref_year: int | None) -> tuple[bool, int | None]:
    """Whether the clause before a rating's own dates it to an earlier inspection, and its year."""
    clauses = CLAUSE_BREAK.split(left)
    prior = clauses[-2] if len(clauses) > 1 else ""
    if _VERB_OPENING.match(near_left) and _WHEN.match(prior):
        # "a service which, when it was last inspected in 2020, was told it 'X'": a dating clause between commas,
        # then the verb of the subject before it.
        return bool(_PREVIOUS.search(prior)), first_year(prior)
    visited = first_year(prior) if _WHEN_WE_VISITED.match(prior) and _RATED_THEN.match(near_left) else None
    if visited is not None and ref_year is not None and visited < ref_year:
        # "When we inspected the Wales region in 2023, we rated it 'X'": a visit of a year before this one's.
        return True, visited
    if _WHEN.match(near_left):
        # "... was last inspected in 2023, when it was rated 'X'": the clause before dates this one.
        # "... than at its 2022 inspection, when it was 'X'": an inspection of an earlier year dates it too.
        year = first_year(prior)
        stale = year is not None and ref_year is not None and year < ref_year and "inspect" in prior
        return bool(_PREVIOUS.search(prior)) or stale, year
    return False, None


def _stale_year(text: str, ref_year: int | None) -> int | None:
    """The first year ``text`` names before this inspection's (any year, when that is unknown)."""
    return next((int(y) for y in YEAR.findall(text) if ref_year is None or int(y) < ref_year), None)


def _previous(left: str, right: str, lead: str, ref: int | None, overall: bool) -> tuple[bool, int | None]:
    """Whether the clause around a rating dates it to an earlier inspection, and the year it names."""
    if _TO.search(left) or _KEPT.search(left) or ("now" in left and _NOW_RATED.search(left)):
        # "from 'Inadequate' to 'Good'": the one after "to" is the new rating; "retained the 'Good' rating it was
        # given in 2021": the rating now, which was also the earlier one
        return False, None
    years = [int(year) for year in YEAR.findall(f"{right} {left} {lead}")]
    # Joined with a bar, so that no phrase runs on from one piece into the next.
    if _PREVIOUS.search(f"{left}|{right}|{lead}") or _FROM.search(left):
        return True, years[0] if years else None
    # A bare year is weaker evidence: it must predate this inspection, and "overall" outweighs it.
    stale = [year for year in years if ref is not None and year < ref]
    if stale and not overall:
        return True, stale[0]
    return False, None


def tells_of_earlier(text: str) -> bool:
    """Whether ``text`` speaks of an earlier inspection ("previously", "at its last inspection", "in 2019 ... had")."""
    return _PREVIOUS.search(text) is not None
