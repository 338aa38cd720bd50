"""Word lists and unit names the synthetic corpus is made from: data only, no logic.

Unit names are written so that searchsvc's parser reads them back unchanged
(capitalised words joined by "and", "of", "the", "upon"; a comma list only
when it ends in "and"). ``bench.corpus`` checks a sample of generated releases
against the parser, so a name it cannot read fails the generation loudly.
"""

from __future__ import annotations

#: Probation Delivery Units (2021 onwards) and the probation region each lies in.
PDUS: dict[str, str] = {
    "Norfolk": "East of England",
    "Suffolk": "East of England",
    "Essex North": "East of England",
    "Essex South": "East of England",
    "Cambridgeshire and Peterborough": "East of England",
    "Bedfordshire": "East of England",
    "Hertfordshire": "East of England",
    "Leeds": "Yorkshire and the Humber",
    "Bradford and Calderdale": "Yorkshire and the Humber",
    "Kirklees": "Yorkshire and the Humber",
    "Sheffield": "Yorkshire and the Humber",
    "Hull and East Riding": "Yorkshire and the Humber",
    "North Yorkshire": "Yorkshire and the Humber",
    "County Durham": "North East",
    "Newcastle": "North East",
    "Gateshead and South Tyneside": "North East",
    "Sunderland": "North East",
    "Cumbria": "North West",
    "Lancashire North": "North West",
    "Blackburn": "North West",
    "Liverpool North": "North West",
    "Wirral": "North West",
    "Cheshire East": "North West",
    "Manchester North": "Greater Manchester",
    "Stockport and Trafford": "Greater Manchester",
    "Bolton": "Greater Manchester",
    "Derby City": "East Midlands",
    "Nottingham City": "East Midlands",
    "Leicester": "East Midlands",
    "Lincolnshire West": "East Midlands",
    "Birmingham Central and South": "West Midlands",
    "Coventry": "West Midlands",
    "Dudley and Sandwell": "West Midlands",
    "Staffordshire": "West Midlands",
    "Bristol and South Gloucestershire": "South West",
    "Devon and Torbay": "South West",
    "Cornwall and Isles of Scilly": "South West",
    "Dorset": "South West",
    "Hampshire North and East": "South East",
    "Kent North": "Kent, Surrey and Sussex",
    "Brighton and Hove": "Kent, Surrey and Sussex",
    "Swansea": "Wales",
    "Cardiff and the Vale": "Wales",
    "Camden and Islington": "London",
    "Croydon": "London",
}

#: Community Rehabilitation Companies (2015 to June 2021).
CRCS: tuple[str, ...] = (
    "Norfolk and Suffolk",
    "Durham Tees Valley",
    "Northumbria",
    "Cumbria and Lancashire",
    "Merseyside",
    "Cheshire and Greater Manchester",
    "Staffordshire and West Midlands",
    "Derbyshire, Leicestershire, Nottinghamshire and Rutland",
    "Bedfordshire, Northamptonshire, Cambridgeshire and Hertfordshire",
    "Essex",
    "Kent, Surrey and Sussex",
    "London",
    "Thames Valley",
    "Hampshire and Isle of Wight",
    "Bristol, Gloucestershire, Somerset and Wiltshire",
    "Dorset, Devon and Cornwall",
    "Wales",
    "Warwickshire and West Mercia",
    "Humberside, Lincolnshire and North Yorkshire",
    "West Yorkshire",
    "South Yorkshire",
)

#: Probation Trusts (until 2014).
TRUSTS: tuple[str, ...] = (
    "Avon and Somerset",
    "Bedfordshire",
    "Cambridgeshire and Peterborough",
    "Cheshire",
    "Cumbria",
    "Derbyshire",
    "Devon and Cornwall",
    "Dorset",
    "Essex",
    "Gloucestershire",
    "Hampshire",
    "Hertfordshire",
    "Humberside",
    "Kent",
    "Lancashire",
    "Leicestershire and Rutland",
    "Lincolnshire",
    "Merseyside",
    "Northumbria",
    "Surrey and Sussex",
    "York and North Yorkshire",
)

#: Divisions of the National Probation Service (2014 to June 2021).
NPS_DIVISIONS: tuple[str, ...] = (
    "North East",
    "North West",
    "Midlands",
    "Wales",
    "London",
    "South West and South Central",
    "South East and Eastern",
)

#: Places with a youth justice service.
YOUTH_SERVICES: tuple[str, ...] = (
    "Leeds",
    "Bradford",
    "Manchester",
    "Liverpool",
    "Birmingham",
    "Sheffield",
    "Bristol",
    "Cardiff",
    "Newcastle",
    "Nottingham City",
    "Kent",
    "Surrey",
    "Hampshire",
    "Lincolnshire",
    "Wiltshire",
    "Croydon",
)

#: Subjects of thematic inspections, which name no unit and carry no rating.
THEMES: tuple[str, ...] = (
    "the experiences of black and mixed heritage boys in the youth justice system",
    "the work of probation services with women",
    "race equality in probation",
    "accommodation for people leaving prison",
    "the management of domestic abuse cases",
    "probation work with people convicted of sexual offences",
    "the use of electronic monitoring",
    "recall decisions and the work that precedes them",
)

#: (first year, last year, name as written in the lead-in to a quote, surname or first name for "added").
CHIEF_INSPECTORS: tuple[tuple[int, int, str, str], ...] = (
    (2010, 2012, "Liz Calderbank", "Ms Calderbank"),
    (2013, 2015, "Paul McDowell", "Mr McDowell"),
    (2016, 2018, "Dame Glenys Stacey", "Dame Glenys"),
    (2019, 2022, "Justin Russell", "Mr Russell"),
    (2023, 2025, "Martin Jones", "Mr Jones"),
)

#: Words that open the Zipf vocabulary, most frequent first: function words with the domain's
#: staple words among them, as in real press releases. The benchmark's query words sit here at
#: fixed ranks (see ``bench.querymix``), so how many releases they match is known in advance.
HEAD: tuple[str, ...] = tuple(
    """
    the of and to in a for that is was on with staff as by be are people at this were from it
    probation has their have not which cases or an been work risk they more but had its
    practitioners all harm also who there would can will so some these when into other
    what such about only may most our out any those over each both after where between them
    through while many under how could should much very well during same must within among
    against without because before every across first two three four
    safeguarding services service delivery leaders team teams partners police support
    accommodation children women case plans planning quality practice sentence court
    """.split()
)

#: Domain words of probation inspection reports, after the head of the vocabulary.
DOMAIN: tuple[str, ...] = tuple(
    """
    management oversight assessment assessments intervention interventions leadership partnership
    partnerships domestic abuse employment education training mental health substance misuse
    unpaid community reoffending desistance victims victim contact supervision workload workloads
    recruitment vacancies officers officer senior managers manager improvements recommendations
    inspectors inspection report findings evidence data performance targets resources capacity
    culture engagement compliance enforcement breach recall licence prison release resettlement
    rehabilitative requirement requirements programmes programme accredited structured wellbeing
    trauma diversity equality characteristics protected sentencing sentencers magistrates
    courts hostels approved premises curfew monitoring electronic tagging custody remand youth
    justice offending offenders offender family families parents carers schools exclusion
    exploitation criminal gangs county lines violence violent sexual offences offence
    conviction convictions caseload caseloads allocation allocated induction mentoring
    supervisors supervisor counselling reflective learning development qualification qualified
    trainee trainees apprentice professional professionals registered accountability governance
    strategy strategic operational commissioning commissioned contract contracts provider
    providers voluntary sector charities charity volunteers volunteering housing homeless
    homelessness benefits debt finance finances addiction alcohol drugs treatment clinical
    psychological psychology psychiatric therapy therapeutic healthcare nurses doctors
    referral referrals pathway pathways multi agency agencies protection arrangements panel
    panels meetings meeting information sharing records recording systems digital technology
    laptops telephone video remote face contact appointments appointment attendance reporting
    centre centres office offices building buildings estate rooms interview interviews
    language interpreters disability disabilities neurodiversity autism learning difficulties
    literacy numeracy skills jobs work placements employers employer business apprenticeships
    citizenship responsibility motivation change behaviour behaviours attitudes thinking
    relationships relationship respect dignity trust confidence fairness decency legitimacy
    consistency continuity stability turnover sickness absence morale pressure pressures
    demands demand priorities priority prioritised timeliness deadlines backlog backlogs
    gaps shortage shortages agency temporary permanent experienced inexperienced newly
    """.split()
)

#: Common English words that are not specific to probation.
GENERAL: tuple[str, ...] = tuple(
    """
    year years time day days week weeks month months number part place point group area areas
    country government local national public private social general particular important
    different large small new old young long short high low early late clear full whole real
    major available possible likely able free similar recent current previous following certain
    open due difficult hard easy simple strong weak positive negative significant serious
    effective sufficient adequate appropriate necessary proper specific individual personal
    average typical common rare main key central basic broad wide narrow deep close far near
    way ways thing things fact matter issue issues problem problems question questions result
    results reason reasons example examples level levels rate rates range form forms kind
    kinds type types side sides end ends line lines state states power control order system
    process processes policy policies approach approaches practice practices method methods
    model models plan project projects programme structure structures role roles function
    position view views opinion opinions idea ideas sense interest interests value values
    need needs use uses help way action actions activity activities effort efforts attempt
    decision decisions choice choices option options opportunity opportunities chance
    progress success failure growth increase decrease rise fall change changes shift trend
    pattern patterns feature features aspect aspects element elements factor factors
    condition conditions situation situations circumstance circumstances context background
    history future present past period periods stage stages phase phases step steps
    moment moments occasion occasions event events incident incidents experience experiences
    knowledge understanding awareness attention care concern concerns worry fear hope
    confidence belief feeling feelings emotion emotions mind body heart hand hands eye eyes
    voice voices word words language message messages letter letters paper papers document
    documents book books story stories account accounts description picture image images
    make made making take took taken taking give gave given giving find found finding keep
    kept keeping hold held holding bring brought bringing begin began begun beginning show
    showed shown showing seem seemed seeming feel felt feeling leave left leaving call called
    calling provide provided providing include included including continue continued
    continuing set setting learn learned learning lead leading understand understood
    follow followed following stop stopped stopping create created creating speak spoke
    spoken speaking read reading allow allowed allowing add added adding spend spent
    spending grow grew grown growing offer offered offering remember remembered consider
    considered considering appear appeared appearing buy bought wait waited serve served
    die died send sent sending expect expected expecting build built building stay stayed
    reach reached reaching remain remained remaining suggest suggested suggesting raise
    raised raising pass passed passing require required requiring report reported
    decide decided deciding pull pulled develop developed developing improve improved
    improving maintain maintained maintaining ensure ensured ensuring identify identified
    identifying manage managed managing address addressed addressing reduce reduced
    reducing increase increased increasing protect protected protecting prevent prevented
    preventing deliver delivered delivering achieve achieved achieving enable enabled
    encourage encouraged encouraging explain explained explaining describe described
    describing recognise recognised recognising respond responded responding review
    reviewed reviewing monitor monitored monitoring record recorded recording assess
    complete completed completing attend attended attending engage engaged engaging
    often always never sometimes usually rarely already still yet again also just even
    however therefore although though whereas whilst nevertheless moreover furthermore
    instead rather quite almost nearly fully partly largely mainly mostly particularly
    especially generally specifically recently currently previously initially finally
    quickly slowly carefully consistently regularly frequently occasionally increasingly
    """.split()
)

#: Onsets, vowels, codas and suffixes of the pseudo-words that fill the long tail.
ONSETS: tuple[str, ...] = tuple(
    """
    b c d f g h j k l m n p r s t v w b c d f g l m n p r s t br ch cl cr dr fl fr gr pl pr sh sl sp st th tr
    """.split()
)
VOWELS: tuple[str, ...] = tuple("a e i o u a e i o u a e i o ai ea ee oa ou".split())
CODAS: tuple[str, ...] = tuple(". . . . . . n r s t l m n r s t nd nt st ck ng".split())
SUFFIXES: tuple[str, ...] = tuple(". . . . s s ed ing er ers ment ness ion al ly ive ity able ist".split())

#: Affixes that derive long-tail words from real ones ("reassessment", "unmanaged", "staffing").
PREFIXES: tuple[str, ...] = tuple("un re pre non over under co mis sub inter counter multi post".split())
DERIVING_SUFFIXES: tuple[str, ...] = tuple(
    """
    s ly ness ful less ship hood wise ish ised ising ed ing er
    """.split()
)

#: Words the filler text must never contain: the parser reads ratings, dates, units and speakers
#: from the words around them, and stray ones would change what a release is about.
RESERVED: frozenset[str] = frozenset(
    """
    good outstanding inadequate requires requiring rated rating ratings graded judged deemed
    scored overall thematic available published publish publication released embargo
    embargoed fieldwork said says added adds commented stated noted concluded remarked
    observed urged warned told chief inspector inspectorate pdu pdus crc crcs trust trusts
    division divisions region regions yot yjs nps ends editor editors notes previously prior
    earlier formerly
    """.split()
)
