"""How releases name units: the patterns for a place and for each kind of unit, with the words each needs."""

from __future__ import annotations

import re

# Bounded repeats: a place name has a handful of words, and unbounded ones backtrack badly on long
# runs of capitalised words. They are possessive ("{0,30}+"): a word is followed by a space, a comma
# or a hyphen, never a letter, so giving letters back cannot help a match, only slow a failing one.
# A unit's own abbreviation is never a word of a place: "Tameside PDU and Wigan PDU" is two units; nor is the
# word ending a unit's name: "the NPS X Division and Y CRC", "X Probation Delivery Unit and Y PDU", "X Youth Justice
# Service and Y Youth Justice Service" are two units ("Service" is, in the possessive a region's name follows:
# "the Probation Service’s West Midlands region").
_WORD = (
    r"(?!(?:PDU|CRC|YOT|YJS|YOS|NPS|Division|Company|Delivery|Unit|Service(?![’']))\b)"
    r"[A-Z][\w’']{0,30}+(?:-[\w’']{1,30}+){0,3}+"
)
_SIMPLE_PLACE = rf"{_WORD}(?:(?:\s+(?:and|&|of|upon|on|the)){{0,2}}\s+{_WORD}){{0,5}}"

# "Barking, Dagenham and Havering": a comma list is part of a name only when it ends in "and".
_LISTED_PLACES = rf"(?:,\s+{_WORD}(?:\s+{_WORD}){{0,2}}){{1,4}},?\s+(?:and|&)\s+{_SIMPLE_PLACE}"
# A place starts at the start of a word: "Midlands NPS Northumbria CRC" holds no "PS Northumbria".
PLACE = rf"(?P<place>(?<![\w’']){_SIMPLE_PLACE}(?:{_LISTED_PLACES})?)"
# After "in" or "for" a place has begun, so "with" may join its words ("in Blackburn with Darwen"); before a
# unit's name it may not ("Staff with Norfolk PDU" names Norfolk).
PLACE_AFTER_PREPOSITION = (
    rf"(?P<place>{_WORD}(?:(?:\s+(?:and|&|of|upon|on|the|with)){{0,2}}\s+{_WORD}){{0,5}}(?:{_LISTED_PLACES})?)"
)
# "The probation delivery unit serving Harlow Fen and the Stort valley": a place followed by a landscape's common
# noun names a river or hills, not the unit; the name ends before the "and" that joins them.
_NOT_A_LANDSCAPE_NAME = (
    r"(?!\s+(?:valley|vale|estuary|coast|coastline|hills|moors|marshes|villages|countryside|area|district)s?\b)"
)
#: The type of a pattern naming several PDUs at once: "the probation units in X, Y and Z".
LISTED_PDUS = "listed PDUs"
#: The type of a pattern naming a PDU by the place it serves: "The probation delivery unit for the Fens".
PDU_SERVING = "PDU by the place it serves"
#: The type of a pattern naming one place's youth services: "Youth justice services in X have been rated".
PLACE_SERVICES = "a place's youth services"
#: A region as the press writes it, in lower case by its compass point: "the north-east of England".
_COMPASS = r"(?P<place>(?:north|south)[\s-]?(?:east|west))"
#: The type of a pattern that names a region only if its place is one of the twelve.
_NAMED_REGION = "named region"
#: The unit type each pattern type names.
KIND_OF = {_NAMED_REGION: "region", PLACE_SERVICES: "youth justice service", PDU_SERVING: "PDU"}
#: The divisions of the National Probation Service (2014-2021), as releases name them.
_NPS_DIVISIONS = (
    r"North\s+East|North\s+West|Midlands|Wales|South\s+West\s+and\s+South\s+Central|London"
    r"|South\s+East\s+and\s+Eastern"
)
#: What a public-protection review looks at: "public protection", "the Probation Service’s public protection work".
_PROTECTION = (
    r"(?:the\s+)?(?:(?i:probation\s+service)[’']s\s+)?(?i:public\s+protection)(?:\s+(?i:work|measures|arrangements))?"
)
# "Youth Justice Service", "Youth Offending Team", "Youth Justice and (Targeted) Prevention Service", "Prevention and
# Youth Justice Service", "Youth Justice and Early Intervention Service", "Youth and Justice Service" (a youth service
# and a youth justice service merged), "Young People’s Engagement and Justice Service"; plural in "Warwickshire Youth
# Justice Services", one local authority's service; "West Mercia Youth Justice Partnership", four councils' one service;
# "X Youth Justice and Targeted Support Service"; "X Youth Support Service", youth justice work run with a council's
# youth work and early help.
YOUTH_SERVICE = (
    r"(?:(?:prevention\s+(?:and|&)\s+)?youth\s+(?:and\s+)?(?:justice|offending)\s+"
    r"(?:and\s+(?:early\s+intervention|(?:targeted\s+)?(?:prevention|support))\s+)?"
    r"|young\s+people[’']s\s+(?:\w+\s+and\s+)?justice\s+|youth\s+support\s+(?=service))(?:service|team|partnership)"
)
_NPS = r"(?:(?i:national\s+probation\s+service)(?:\s*\(NPS\))?|NPS)(?:[’']s)?\s+(?:(?i:in)\s+(?:the\s+)?)?"
UNIT_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"{PLACE}\s+(?i:probation\s+delivery\s+unit)\b"), "PDU"),
    (re.compile(rf"{PLACE}\s+PDU\b"), "PDU"),
    # "Aberwen: probation delivery unit rated 'Good'": a headline naming the place, then what it is.
    (
        re.compile(
            rf"^\s*(?!(?:News|Press|Update|Report|Inspection|Media)\b){PLACE}:\s+(?i:probation\s+delivery\s+unit)\b(?!s)"
        ),
        "PDU",
    ),
    (re.compile(rf"{PLACE}\s+(?i:community\s+rehabilitation\s+company)\b"), "CRC"),
    (re.compile(rf"{PLACE}\s+CRC\b"), "CRC"),
    (re.compile(rf"{PLACE}\s+(?i:probation\s+trust)\b"), "Probation Trust"),
    (re.compile(rf"{_NPS}{PLACE}\s+(?i:division)\b"), "NPS division"),
    (
        re.compile(rf"{PLACE}\s+(?i:division\s+of\s+(?:the\s+)?(?:national\s+probation\s+service|NPS))\b"),
        "NPS division",
    ),
    # "North West NPS division", "NPS Wales", "the National Probation Service (NPS) in Wales": a division by its name.
    (re.compile(rf"{PLACE}\s+NPS\s+(?i:division)\b"), "NPS division"),
    (re.compile(rf"{_NPS}(?P<place>{_NPS_DIVISIONS})\b"), "NPS division"),
    # "the final NPS inspection ... was an assessment of the South West division": only the NPS had divisions.
    (re.compile(rf"(?i:assessment|inspection)\s+of\s+the\s+{PLACE}\s+(?i:division)\b"), "NPS division"),
    (
        re.compile(rf"{PLACE}\s+(?P<kind>(?i:{YOUTH_SERVICE}s?)|YJS|YOT|YOS)\b"),
        "youth justice service",
    ),
    (
        re.compile(rf"(?i:probation\s+service)\s+(?i:in)\s+(?:the\s+)?{PLACE}\s+(?i:(?:probation\s+)?region)\b"),
        "region",
    ),
    # "The probation service, also known as a Probation Delivery Unit (PDU*), for X", "or PDU*, in X", "The Probation
    # Delivery Unit serving X".
    (
        re.compile(
            rf"(?:(?i:probation\s+delivery\s+unit)|PDU)\*?\s*(?:\(PDU\*?\))?\s*,?\s+(?i:for|in|covering|serving)\s+"
            rf"(?:(?i:the)\s+)?{PLACE_AFTER_PREPOSITION}{_NOT_A_LANDSCAPE_NAME}"
        ),
        PDU_SERVING,
    ),
    (
        re.compile(rf"(?i:probation\s+(?:delivery\s+)?units)\s+(?i:in|covering)\s+{PLACE_AFTER_PREPOSITION}"),
        LISTED_PDUS,
    ),
    # "The probation service in Saltmarsh, one of the Probation Delivery Units in ...": a place's service, then what
    # it is.
    (
        re.compile(
            rf"(?i:probation\s+service\s+(?:in|for))\s+(?:the\s+)?{PLACE_AFTER_PREPOSITION},\s+"
            r"(?i:one\s+of\s+the|an?)\s+(?i:probation\s+delivery\s+units?|PDUs?)\b"
        ),
        PDU_SERVING,
    ),
    # "Probation services in Kent, Surrey and Sussex (KSS) have ... a regional rating": a region only when the
    # place is one and the sentence speaks of a region ("a probation service in Wales" is somewhere in Wales).
    (re.compile(rf"(?<![Aa]\s)(?i:probation\s+services?)\s+(?i:in|across|for)\s+(?:the\s+)?{PLACE}"), _NAMED_REGION),
    # "across the X region of the Probation Service", "The X region of the Probation Service has been given ..."
    (re.compile(rf"\b(?i:the)\s+{PLACE}\s+(?i:region\s+of\s+the\s+probation\s+service)"), "region"),
    # "The probation service for the north-east of England": the press names a region by its compass point.
    (
        re.compile(rf"(?<![Aa]\s)(?i:probation\s+services?\s+(?:for|in|across)\s+the\s+{_COMPASS})\s+of\s+England\b"),
        _NAMED_REGION,
    ),
    # "the North East probation region", "Probation Services – North East region"
    (
        re.compile(
            rf"(?:(?i:\b(?:of|in|across))\s+(?:the\s+)?|(?i:probation\s+services?)\s*[–—-]\s*){PLACE}"
            rf"\s+(?i:(?:probation\s+)?region)\b"
        ),
        _NAMED_REGION,
    ),
    # "The North East probation region has been rated ...": a region named by itself.
    (re.compile(rf"(?i:\bthe)\s+{PLACE}\s+(?i:probation\s+region)\b"), _NAMED_REGION),
    # "Inspectors have rated the north-east region of the Probation Service 'Good'"
    (re.compile(rf"\bthe\s+{_COMPASS}\s+(?i:region)\b"), _NAMED_REGION),
    # "Dynamic Inspection of Public Protection in Kent, Surrey and Sussex"
    (re.compile(rf"(?i:inspection|review)\s+of\s+{_PROTECTION}\s+(?i:in|across)\s+(?:the\s+)?{PLACE}"), _NAMED_REGION),
    (re.compile(rf"{PLACE}\s+(?i:approved\s+premises)\b"), "approved premises"),
    # "Bramley Court AP", "the approved premises at Bramley Court"
    (re.compile(rf"{PLACE}\s+AP\b"), "approved premises"),
    (re.compile(rf"(?i:approved\s+premises)\s+(?i:at|called|known\s+as)\s+{PLACE}"), "approved premises"),
    # "Elmwood House, an approved premises in Sheffield, has been rated": the premises' name, then what it is.
    (re.compile(rf"{PLACE},\s+(?:an?|the)\s+(?i:approved\s+premises)\b"), "approved premises"),
    # "Redbridge and Havering probation delivery units both rated 'Good'": one PDU a place.
    (re.compile(rf"{PLACE}\s+(?:(?i:probation\s+(?:delivery\s+)?units)|PDUs)\b"), LISTED_PDUS),
    # "Two probation delivery units on the south coast, Portsdown and Hamble Water, have ...": counted, then named;
    # "reports on three probation delivery units in London: X, Y and Z.": counted, then listed after a colon.
    (
        re.compile(
            rf"(?i:\b(?:two|three|four)\s+(?:probation\s+(?:delivery\s+)?units|PDUs))\b[^,.;:]{{0,60}}"
            rf"[,:]\s+{PLACE}(?:,|\s*(?:[.;]|$))"
        ),
        LISTED_PDUS,
    ),
    # "a national inspection of (how) HMPPS ...", "the sufficiency of national arrangements across HMPPS"
    (
        re.compile(
            # "The second national inspection of probation has found that HM Prison and Probation Service ..."
            # "The national inspection examined how HM Prison and Probation Service sets direction"
            r"(?i:national\s+(?:inspection\s+(?:of(?:\s+probation\s+[^.;]{0,40}?\s+that)?|examined|looked\s+at|assessed)"
            r"|arrangements\s+(?:across|of|in|within)))\s+(?:how\s+)?(?:the\s+)?"
            r"(?P<place>(?:(?:HM|His\s+Majesty[’']s)\s+)?Prison\s+and\s+Probation\s+Service|HMPPS|Probation\s+Service)"
        ),
        "national",
    ),
    # "His Majesty's Prison and Probation Service has been judged 'Inadequate'": only a national inspection rates it.
    (
        re.compile(
            r"(?P<place>(?:(?:HM|His\s+Majesty[’']s)\s+)?Prison\s+and\s+Probation\s+Service|HMPPS)(?:\s*\(HMPPS\))?"
            # "HMPPS's delivery of probation in England and Wales has been given a rating of ...": its whole work
            r"(?:[’']s\s+(?:delivery|provision)\s+of\s+probation(?:\s+services)?(?:\s+in\s+England\s+and\s+Wales)?)?"
            r"\s+(?:has\s+been|have\s+been|was|is)\s+(?:judged|rated|assessed|found|graded|given)\b"
        ),
        "national",
    ),
    # "The Probation Service in England and Wales, taken as a whole, has been given a rating": the whole service as
    # the subject of a rating, the national unit (not "X PDU, part of the ...", nor thematic work's "... must do more").
    (
        re.compile(
            r"^\s*(?i:the\s+)?(?P<place>Probation\s+Service)\s+(?i:in|across|of)\s+England\s+(?:and|&)\s+Wales\b"
            r"[^.;]{0,60}?\b(?i:(?:has|have)\s+been|was|is)\s+(?i:given|rated|judged|assessed|graded|awarded)\b"
        ),
        "national",
    ),
    # "YOUTH Justice services in X have been rated as 'Good'": a council's page on its own service.
    (
        re.compile(rf"(?P<kind>(?i:youth\s+(?:justice|offending)))\s+(?i:services\s+in)\s+{PLACE_AFTER_PREPOSITION}"),
        PLACE_SERVICES,
    ),
    # "The youth offending service in X has improved", "the youth offending team for X": one place's own service,
    # by the place it serves; "the" says there is one there ("a youth offending service in X" could be any of several).
    (
        re.compile(
            rf"\b(?i:the)\s+(?P<kind>(?i:youth\s+(?:justice|offending)\s+(?:service|team)))\s+(?i:in|for)\s+"
            rf"{PLACE_AFTER_PREPOSITION}"
        ),
        PLACE_SERVICES,
    ),
    # "The Probation Trust in X has made real progress": before 2014 a trust served one area, named by its place.
    (
        re.compile(rf"\b(?i:the)\s+(?i:probation\s+trust)\s+(?i:in|for)\s+(?!England\b){PLACE_AFTER_PREPOSITION}"),
        "Probation Trust",
    ),
    # "An inspection of X probation services managed by Y Community Rehabilitation Company": X's services, run by
    # a company from elsewhere, inspected as the CRC of X.
    (
        re.compile(
            rf"{PLACE}\s+(?i:probation\s+services\s+managed\s+by)\s+[^.]{{0,80}}?"
            r"(?i:community\s+rehabilitation\s+company|CRC)"
        ),
        "CRC",
    ),
)

#: A word each of ``UNIT_PATTERNS`` cannot match without, looked for first (a fifth of parsing went on
#: trying every capitalised word as the start of a place name).
UNIT_KEYWORDS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(keyword)
    for keyword in (
        r"(?i:probation\s+delivery\s+unit)",
        r"PDU",
        r"(?i:probation\s+delivery\s+unit)",
        r"(?i:community\s+rehabilitation\s+company)",
        r"CRC",
        r"(?i:probation\s+trust)",
        r"(?i:division)",
        r"(?i:division\s+of\s+(?:the\s+)?(?:national\s+probation\s+service|NPS))",
        r"NPS\s+(?i:division)",
        rf"(?:NPS|(?i:national\s+probation\s+service))[^.]{{0,20}}?(?:{_NPS_DIVISIONS})",
        r"(?i:division)",
        rf"(?i:{YOUTH_SERVICE})|YJS|YOT|YOS",
        r"(?i:region)",
        r"(?=[PUu])(?:PDU|[Uu]nit|UNIT)\*?(?:\s*\(PDU\*?\))?\s*,?\s+(?i:for|in|covering|serving)\s+(?:(?i:the)\s+)?[A-Z]",
        r"(?i:units)\s+(?i:in|covering)\s+[A-Z]",
        r"(?i:probation\s+service\s+(?:in|for)\s)",
        r"(?i:probation\s+services?)\s+(?i:in|across|for)\s+(?:the\s+)?[A-Z]",
        r"(?i:region\s+of\s+the\s+probation)",
        r"England",
        r"(?i:region)",
        r"(?i:probation\s+region)",
        r"(?:north|south)[\s-]?(?:east|west)\s+(?i:region)",
        r"(?i:public\s+protection)(?:\s+\w+)?\s+(?i:in|across)\s",
        r"(?i:approved\s+premises)",
        r"AP\b",
        r"(?i:approved\s+premises\s+(?:at|called|known))",
        r"(?i:approved\s+premises)",
        r"(?i:probation\s+(?:delivery\s+)?units)|PDUs",
        r"(?i:(?:two|three|four)\s+(?:probation\s+(?:delivery\s+)?units|PDUs))",
        r"(?i:national\s+(?:inspection|arrangements))",
        r"Prison\s+and\s+Probation\s+Service|HMPPS",
        r"England\s+(?:and|&)\s+Wales",
        r"(?i:(?:justice|offending)\s+services\s+in\s)",
        r"(?i:the\s+youth\s+)",
        r"(?i:the\s+probation\s+trust\s+(?:in|for)\s)",
        r"(?i:probation\s+services\s+managed\s+by)",
    )
)
#: Lower-case words each of ``UNIT_PATTERNS`` cannot match without, one of them at least: tests in C that turn
#: most patterns down before their keyword's search (a sentence names a unit or two, if any).
UNIT_HINTS: tuple[tuple[str, ...], ...] = (
    ("delivery",),
    ("pdu",),
    ("delivery",),
    ("rehabilitation",),
    ("crc",),
    ("trust",),
    ("division",),
    ("division",),
    ("division",),
    ("nps", "national"),
    ("division",),
    ("youth", "young", "yjs", "yot", "yos"),
    ("region",),
    ("pdu", "unit"),
    ("units",),
    ("delivery", "pdu"),
    ("region",),
    ("region",),
    ("england",),
    ("region",),
    ("region",),
    ("region",),
    ("protection",),
    ("premises",),
    ("ap",),
    ("premises",),
    ("premises",),
    ("units", "pdus"),
    ("units", "pdus"),
    ("national",),
    ("prison", "hmpps"),
    ("england",),
    ("youth",),
    ("youth",),
    ("trust",),
    ("managed",),
)
HINT_WORDS = frozenset(word for hints in UNIT_HINTS for word in hints)
