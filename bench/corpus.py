"""A deterministic generator of synthetic press releases, shaped like the real ones in seeds/.

Each release has a title line, a lead paragraph that states the unit and (from
mid-2018) its overall rating, quotes from the Chief Inspector of the day,
findings paragraphs and numbered "Notes to editors" that give the publication
date. Around the fixed sentences the text is filled with words drawn from a
Zipf-distributed vocabulary of 40,000 words (function words, probation words,
general English, then pseudo-words for the long tail), so term statistics look
like real text.

Release ``i`` depends only on the seed and ``i``, so the 1,000-release corpus
is the first thousand of the 10,000 one. A corpus is written to
``bench/corpus/<size>/`` (git-ignored) as ``releases/*.txt`` plus
``manifest.jsonl``, which records what each release is meant to say, and
``generator.json``; it is generated only when missing or made by another
version of the generator, into a temporary folder renamed into place when
complete. ``check_sample`` runs searchsvc's own parser over a sample and
compares it with the manifest.

    python -m bench.corpus --size 10000
"""

from __future__ import annotations

import argparse
import datetime
import functools
import itertools
import json
import os
import random
import shutil
import sys
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import asdict
from dataclasses import dataclass
from pathlib import Path

from bench import words

#: Changing the seed changes every release; results are only comparable under one seed.
SEED = 20240516
#: Bump whenever a change to this module or ``bench.words`` changes the generated text, so that
#: corpora generated earlier are generated again rather than reused.
GENERATOR_VERSION = 1
VOCABULARY_SIZE = 40_000
ZIPF_EXPONENT = 1.0
ROOT = Path(__file__).resolve().parent / "corpus"
RATINGS = ("Outstanding", "Good", "Requires improvement", "Inadequate")
RATING_WEIGHTS = (8, 32, 42, 18)
#: Overall ratings were introduced for inspections from here on.
RATED_FROM = datetime.date(2018, 6, 1)
#: CRCs and NPS divisions merged into PDUs here.
UNIFIED = datetime.date(2021, 7, 1)
TRUSTS_UNTIL = datetime.date(2014, 12, 31)
KING_FROM = datetime.date(2022, 9, 8)
#: A real word placed at a fixed rank of the long tail: in about 0.6% of releases.
RARE_WORD = "polygraph"
RARE_RANK = 5_000
#: Releases per year are twice as many from 2018, when ratings began, as before.
YEAR_WEIGHTS = {year: 2 if year >= 2018 else 1 for year in range(2010, 2026)}
#: Share of releases whose text has the exact phrase "management oversight".
PHRASE_SHARE = 0.15
MONTHS = ("January February March April May June July August September October November December").split()
NUMBER_WORDS = "two three four five six seven eight nine ten eleven twelve".split()


@dataclass(frozen=True)
class Truth:
    """What a generated release is meant to say: the parser must read these back."""

    id: str
    rating: str | None
    pdu: str | None
    unit_type: str | None
    published: str
    #: Whether the text contains the exact phrase "management oversight".
    phrase: bool


@dataclass(frozen=True)
class Unit:
    """The unit a release is about, as written in the text and as the parser names it."""

    family: str
    place: str
    name: str | None
    unit_type: str | None


# --------------------------------------------------------------------------- vocabulary


@functools.lru_cache(maxsize=4)
def vocabulary(seed: int = SEED) -> tuple[str, ...]:
    """The 40,000 filler words, most frequent first (rank r has probability ∝ 1/r).

    The head is real words in a fixed order; the long tail is words derived
    from them with affixes and made-up words, shuffled; ``RARE_WORD`` sits at
    ``RARE_RANK``.
    """
    rng = random.Random(f"vocabulary:{seed}")
    seen: set[str] = {RARE_WORD}
    ordered: list[str] = []
    real = [w for pair in itertools.zip_longest(words.DOMAIN, words.GENERAL) for w in pair if w]
    for word in (*words.HEAD, *real):
        if word not in seen and word not in words.RESERVED:
            seen.add(word)
            ordered.append(word)
    tail: list[str] = []
    while len(ordered) + len(tail) < VOCABULARY_SIZE - 1:
        word = _derived_word(rng, ordered) if rng.random() < 0.5 else _pseudo_word(rng)
        if len(word) >= 3 and word not in seen and word not in words.RESERVED:
            seen.add(word)
            tail.append(word)
    rng.shuffle(tail)
    vocab = ordered + tail
    vocab.insert(RARE_RANK - 1, RARE_WORD)
    return tuple(vocab)


def _derived_word(rng: random.Random, real: Sequence[str]) -> str:
    """A real word with a prefix, a suffix or both: "reassessment", "unmanaged"."""
    word = rng.choice(real)
    roll = rng.random()
    if roll < 0.4:
        return rng.choice(words.PREFIXES) + word
    if roll < 0.8:
        return word + rng.choice(words.DERIVING_SUFFIXES)
    return rng.choice(words.PREFIXES) + word + rng.choice(words.DERIVING_SUFFIXES)


def _pseudo_word(rng: random.Random) -> str:
    """A pronounceable made-up word (a surname, a place, a coinage): syllables and a suffix."""
    syllables = rng.choices((1, 2, 3), weights=(2, 5, 3))[0]
    stem = "".join(
        rng.choice(words.ONSETS) + rng.choice(words.VOWELS) + rng.choice(words.CODAS).strip(".")
        for _ in range(syllables)
    )
    return stem + rng.choice(words.SUFFIXES).strip(".")


@functools.lru_cache(maxsize=4)
def _cumulative_weights(size: int, exponent: float) -> tuple[float, ...]:
    """Cumulative Zipf weights for ranks 1..size."""
    return tuple(itertools.accumulate(1.0 / rank**exponent for rank in range(1, size + 1)))


def word_at_rank(rank: int, seed: int = SEED) -> str:
    """The vocabulary word at a 1-based frequency rank."""
    return vocabulary(seed)[rank - 1]


# --------------------------------------------------------------------------- sentences


class _Writer:
    """Draws the random parts of one release from its own seeded generator."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        """Draw from ``rng``, with the vocabulary of ``seed``."""
        self.rng = rng
        self.vocab = vocabulary(seed)
        self.weights = _cumulative_weights(len(self.vocab), ZIPF_EXPONENT)

    def filler(self, low: int = 7, high: int = 22) -> str:
        """One sentence of Zipf-distributed words, capitalised, sometimes with a comma."""
        chosen = self.rng.choices(self.vocab, cum_weights=self.weights, k=self.rng.randint(low, high))
        if len(chosen) > 10 and self.rng.random() < 0.4:
            chosen[self.rng.randrange(3, len(chosen) - 3)] += ","
        chosen[0] = chosen[0].capitalize()
        return " ".join(chosen) + "."

    def percent(self) -> int:
        """A plausible share of cases, in per cent."""
        return self.rng.randint(12, 89)

    def pick(self, options: Sequence[str]) -> str:
        """One of ``options``."""
        return self.rng.choice(options)

    def fill(self, template: str, unit: str) -> str:
        """A template sentence with its slots filled."""
        return template.format(unit=unit, pct=self.percent(), n=self.pick(NUMBER_WORDS))


FINDINGS = (
    "Inspectors found that the quality of risk assessments was too variable, and in {pct} per cent of "
    "cases the work to keep other people safe was not sufficient.",
    "Staff told inspectors that workloads were high and that they could not always see people on "
    "probation as often as they wanted.",
    "Leaders at {unit} had a clear vision for the service, and partnerships with the police, local "
    "authorities and health services were strong.",
    "Too few cases had enough attention paid to domestic abuse and child safeguarding concerns.",
    "The report highlights some positive work with women, including a dedicated women’s centre.",
    "Inspectors saw some impressive practice in unpaid work, where people were matched to projects "
    "that built their skills.",
    "Accommodation on release from prison remained a serious problem, with only {pct} per cent of "
    "people in settled accommodation.",
    "Case management remained inconsistent, and {n} of the cases examined had no plan at all.",
    "Oversight by the leadership team of the quality of casework had improved since the last visit.",
    "Middle managers described a heavy administrative load that left little time for supervision.",
    "The service had made effective use of volunteers and mentors to support people leaving custody.",
    "Information sharing with children’s social care was slow, which left some children at risk.",
    "Staff felt supported by their managers and valued the training they had received.",
    "Recruitment had improved, but {pct} per cent of probation officer posts were still vacant.",
    "Interventions to address substance misuse were not available in every part of the area.",
    "Work to understand the diversity needs of people on probation was underdeveloped.",
    "Inspectors made {n} recommendations to help {unit} improve its work.",
)
PHRASE_FINDINGS = (
    "Management oversight was found to be missing or insufficient in {pct} per cent of the cases examined "
    "in this inspection.",
    "Senior Probation Officers (SPOs) struggled to provide adequate management oversight of cases because "
    "of the demands on their time.",
    "Where management oversight was evident, it made a real difference to the quality of the work.",
)
SUB_RATED_ASPECTS = (
    "the delivery of unpaid work",
    "the quality of resettlement work",
    "court work and case allocation",
    "the organisation’s approach to staffing",
)
QUOTE_LINES = (
    "The staff at {unit} are committed and hard-working, and that came through clearly in this inspection.",
    "There is still much to do to make sure that every case gets the attention it deserves.",
    "We have made {n} recommendations, and I look forward to seeing progress at our next visit.",
    "Protecting the public must come first, and risk of harm work needs urgent attention.",
    "Leaders have a realistic understanding of the challenges they face.",
    "I was pleased to see the progress made in the work with women and young adults.",
)


# --------------------------------------------------------------------------- units and dates


def _pick_unit(w: _Writer, published: datetime.date) -> Unit:
    """A unit that existed when the release came out (or a thematic inspection, with none)."""
    if w.rng.random() < 0.05:
        return Unit("thematic", w.pick(words.THEMES), None, None)
    youth = w.rng.random() < 0.25
    if youth:
        place = w.pick(words.YOUTH_SERVICES)
        return Unit("youth", place, f"{place} Youth Justice Service", "youth justice service")
    if published <= TRUSTS_UNTIL:
        place = w.pick(words.TRUSTS)
        return Unit("trust", place, f"{place} Probation Trust", "Probation Trust")
    if published < UNIFIED:
        if w.rng.random() < 0.3:
            place = w.pick(words.NPS_DIVISIONS)
            return Unit("nps", place, f"NPS {place}", "NPS division")
        place = w.pick(words.CRCS)
        return Unit("crc", place, f"{place} CRC", "CRC")
    place = w.pick(tuple(words.PDUS))
    return Unit("pdu", place, f"{place} PDU", "PDU")


def _chief(year: int) -> tuple[str, str]:
    """The Chief Inspector in ``year``: full name and the short form used for "X added"."""
    for first, last, name, short in words.CHIEF_INSPECTORS:
        if first <= year <= last:
            return name, short
    raise ValueError(f"no Chief Inspector listed for {year}")


def _month_year(day: datetime.date) -> str:
    """A month as the releases write it: "May 2024"."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def _months_before(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month ``months`` before ``day``'s month."""
    index = day.year * 12 + day.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _long_date(day: datetime.date, rng: random.Random) -> str:
    """A date as the notes write it: "16 May 2024", sometimes "01 August 2024"."""
    number = f"{day.day:02d}" if rng.random() < 0.2 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


# --------------------------------------------------------------------------- sections


def _title(w: _Writer, unit: Unit, rating: str | None) -> str:
    """The title line: the unit and, when rated, its rating in quotes."""
    place = unit.place
    if unit.family == "thematic":
        return f"Thematic inspection of {place}"
    if unit.family == "trust":
        return w.pick(
            (
                f"Inspection of adult offending work: {place} working to reduce reoffending",
                f"{place} Probation Trust: inspection report published",
            )
        )
    if rating is None:
        return w.pick((f"{place} probation services must improve, say inspectors", f"Inspection of {place}"))
    return w.pick(
        (
            f"{place} Probation Service ‘{rating}’",
            f"{place} probation service rated ‘{rating}’",
            f"{unit.name} rated ‘{rating}’ by inspectors",
        )
    )


def _lead(w: _Writer, unit: Unit, rating: str | None, majesty: str, fieldwork: datetime.date) -> str:
    """The opening sentence: which unit was inspected and, when rated, its overall rating."""
    inspectorate = f"{majesty} Inspectorate of Probation"
    when = _month_year(fieldwork)
    if unit.family == "thematic":
        return f"A thematic inspection by {inspectorate} has examined {unit.place}."
    if unit.family == "trust":
        return (
            f"{unit.place} Probation Trust was well led and committed to improving its work with offenders, "
            f"according to the report of a recent inspection of {unit.place} Probation Trust "
            f"by {inspectorate}."
        )
    written = {
        "pdu": f"{unit.place} Probation Delivery Unit (PDU)",
        "crc": f"{unit.place} Community Rehabilitation Company (CRC)",
        "nps": f"The National Probation Service (NPS) {unit.place} division",
        "youth": f"{unit.place} Youth Justice Service",
    }[unit.family]
    if rating is None:
        return f"{inspectorate} has published a report on {written}, following an inspection in {when}."
    outcome = f"has received an overall rating of ‘{rating}’"
    return f"{written} {outcome} following an inspection by {inspectorate}."


def _unit_reference(unit: Unit) -> str:
    """How the findings refer to the unit: its short name, or "the service"."""
    return unit.name or "the service"


def _findings(w: _Writer, unit: Unit, rating: str | None, phrase: bool) -> list[str]:
    """Three to five paragraphs of findings: fixed sentences among filler."""
    paragraphs: list[list[str]] = []
    for _ in range(w.rng.randint(4, 6)):
        sentences = [w.filler() for _ in range(w.rng.randint(2, 4))]
        sentences.insert(w.rng.randrange(len(sentences) + 1), w.fill(w.pick(FINDINGS), _unit_reference(unit)))
        paragraphs.append(sentences)
    if phrase:
        paragraphs[w.rng.randrange(len(paragraphs))].insert(1, w.fill(w.pick(PHRASE_FINDINGS), ""))
    if rating is not None and w.rng.random() < 0.2:
        aspect, sub = w.pick(SUB_RATED_ASPECTS), w.pick(RATINGS)
        paragraphs[-1].append(f"Inspectors rated {aspect} as ‘{sub}’.")
    return [" ".join(p) for p in paragraphs]


def _quote(w: _Writer, unit: Unit, lines: int) -> str:
    """Quoted words: fixed lines about the unit mixed with filler."""
    parts = [w.fill(line, _unit_reference(unit)) for line in w.rng.sample(QUOTE_LINES, lines)]
    parts += [w.filler(8, 18) for _ in range(lines)]
    w.rng.shuffle(parts)
    return " ".join(parts)


def _notes(
    w: _Writer,
    unit: Unit,
    rating: str | None,
    published: datetime.date,
    fieldwork: datetime.date,
) -> str:
    """The "Notes to editors" heading and its numbered items, with the publication date."""
    items = []
    if unit.family == "pdu":
        items.append(
            "Probation Delivery Units (PDUs) replaced Community Rehabilitation Companies (CRCs) and the "
            "National Probation Service (NPS), which merged into a unified Probation Service in June 2021."
        )
        region = words.PDUS[unit.place]
        items.append(f"{unit.name} is one of {w.pick(NUMBER_WORDS)} PDUs in the {region} probation region.")
        if published.year >= 2024 and w.rng.random() < 0.3:
            items.append(
                "The role of the senior probation officer and management oversight in the Probation "
                "Service was published on 18 January 2024."
            )
    url = w.pick(("www.justiceinspectorates.gov.uk/hmiprobation", "gov.uk/hmiprobation"))
    day = _long_date(published, w.rng)
    items.append(
        w.pick(
            (
                f"The report is available at {url} on {day}.",
                f"The report will be published on {day} at {url}.",
                f"The full report is available at {url} from {day}.",
            )
        )
    )
    items.append(
        "HM Inspectorate of Probation is the independent inspector of youth justice and probation "
        "services across England and Wales."
    )
    if rating is not None:
        items.append(
            "The Inspectorate uses a four-point scale: ‘Outstanding’, ‘Good’, ‘Requires improvement’ and "
            "‘Inadequate’. The Inspectorate rates specific aspects of each service and also gives an "
            "overall rating."
        )
    if unit.family != "thematic":
        items.append(f"Fieldwork for this inspection took place in {_month_year(fieldwork)}.")
    items.append(
        "For media enquiries, please contact the press office on 020 3681 2775 or "
        "media@hmiprobation.gov.uk (E-mail address)"
    )
    heading = w.pick(("Notes to editor", "Notes to editors", "Notes to editors:"))
    return heading + "\n\n" + "\n".join(f"  {i}. {item}" for i, item in enumerate(items, 1))


# --------------------------------------------------------------------------- releases


def release(index: int, seed: int = SEED) -> tuple[str, Truth]:
    """Release number ``index``: its text and what it is meant to say."""
    rng = random.Random(f"release:{seed}:{index}")
    w = _Writer(rng, seed)
    release_id = f"{index:06d}_{rng.getrandbits(64):016x}"
    year = rng.choices(tuple(YEAR_WEIGHTS), weights=tuple(YEAR_WEIGHTS.values()))[0]
    published = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
    fieldwork = _months_before(published, rng.randint(2, 5))
    unit = _pick_unit(w, published)
    rated = unit.family != "thematic" and fieldwork >= RATED_FROM
    rating = rng.choices(RATINGS, weights=RATING_WEIGHTS)[0] if rated else None
    majesty = "His Majesty’s" if published >= KING_FROM else "Her Majesty’s"
    chief, short = _chief(published.year)
    phrase = rng.random() < PHRASE_SHARE
    lead = _lead(w, unit, rating, majesty, fieldwork)
    if unit.family == "pdu" and rating is not None and published.year >= 2024 and rng.random() < 0.3:
        earlier = w.pick(tuple(r for r in RATINGS if r != rating))
        lead += (
            " This is the second inspection of this PDU since it was established under the unification of "
            f"probation services in 2021, having previously been rated ‘{earlier}’ in 2022."
        )
    paragraphs = [
        _title(w, unit, rating),
        lead,
        f"{chief}, Chief Inspector of Probation, said: “{_quote(w, unit, 2)}”",
        *_findings(w, unit, rating, phrase),
        f"{short} added: “{_quote(w, unit, 1)}”",
    ]
    if rng.random() < 0.5:
        paragraphs.append("ENDS")
    paragraphs.append(_notes(w, unit, rating, published, fieldwork))
    text = "\n\n".join(paragraphs) + "\n"
    phrase = phrase or "management oversight" in text
    truth = Truth(release_id, rating, unit.name, unit.unit_type, published.isoformat(), phrase)
    return text, truth


def corpus_dir(size: int, root: Path = ROOT) -> Path:
    """Where the corpus of ``size`` releases lives (it may not exist yet)."""
    return root / str(size)


def releases_dir(corpus: Path) -> Path:
    """The folder of release files in a corpus folder."""
    return corpus / "releases"


def manifest_path(corpus: Path) -> Path:
    """The manifest of a corpus folder: one ``Truth`` as JSON per line."""
    return corpus / "manifest.jsonl"


def _stamp(seed: int) -> dict[str, int]:
    """What ``generator.json`` records: the generator's version and the seed."""
    return {"generator": GENERATOR_VERSION, "seed": seed}


def _is_current(corpus: Path, seed: int) -> bool:
    """Whether ``corpus`` is complete and was made by this generator with ``seed``."""
    try:
        stamp = json.loads((corpus / "generator.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(stamp == _stamp(seed) and manifest_path(corpus).is_file())


def ensure_corpus(size: int, root: Path = ROOT, seed: int = SEED, *, progress: bool = True) -> Path:
    """The corpus folder for ``size`` releases, generated first if it is missing or out of date.

    It is written into a temporary folder and renamed into place when complete,
    so an interrupted generation is never mistaken for a corpus. Generating
    again removes what was built from the old corpus (indexes, database).
    """
    target = corpus_dir(size, root)
    if _is_current(target, seed):
        return target
    staging = root / f".{size}.tmp-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    releases_dir(staging).mkdir(parents=True)
    with open(manifest_path(staging), "w", encoding="utf-8") as manifest:
        for index in range(size):
            text, truth = release(index, seed)
            (releases_dir(staging) / f"{truth.id}.txt").write_text(text, encoding="utf-8")
            manifest.write(json.dumps(asdict(truth)) + "\n")
            if progress and (index + 1) % 5000 == 0:
                print(f"  generated {index + 1:,} of {size:,} releases", file=sys.stderr)
    (staging / "generator.json").write_text(json.dumps(_stamp(seed)), encoding="utf-8")
    if target.exists():
        # An old corpus, or the remains of an interrupted one: replace it, with what was built from it.
        shutil.rmtree(target)
    staging.rename(target)
    return target


def load_manifest(corpus: Path) -> list[Truth]:
    """The ``Truth`` of every release in a corpus folder, in generation order."""
    with open(manifest_path(corpus), encoding="utf-8") as lines:
        return [Truth(**json.loads(line)) for line in lines]


def check_sample(corpus: Path, count: int = 200) -> list[str]:
    """Parse ``count`` releases spread over the corpus with searchsvc's parser; one line per disagreement."""
    from searchsvc.releases import read_release

    truths = load_manifest(corpus)
    step = max(1, len(truths) // count)
    problems = []
    for truth in truths[::step][:count]:
        data = (releases_dir(corpus) / f"{truth.id}.txt").read_bytes()
        parsed = read_release(data, truth.id)
        got = (parsed.rating, parsed.pdu, parsed.unit_type, parsed.published and parsed.published.isoformat())
        wanted = (truth.rating, truth.pdu, truth.unit_type, truth.published)
        if got != wanted:
            problems.append(f"{truth.id}: parsed {got}, meant {wanted}")
    return problems


def iter_texts(corpus: Path) -> Iterator[tuple[Truth, str, str]]:
    """Each release's ``Truth``, title line and the rest of its text, in generation order."""
    for truth in load_manifest(corpus):
        text = (releases_dir(corpus) / f"{truth.id}.txt").read_text(encoding="utf-8")
        title, _, rest = text.partition("\n")
        yield truth, title.strip(), rest.strip()


def main(argv: Sequence[str] | None = None) -> int:
    """Generate a corpus if it is missing and check a sample against the parser."""
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True, help="number of releases")
    parser.add_argument("--check", type=int, default=200, metavar="N", help="releases to parse back")
    args = parser.parse_args(argv)
    folder = ensure_corpus(args.size)
    problems = check_sample(folder, args.check)
    for line in problems:
        print(line, file=sys.stderr)
    print(f"{folder}: {args.size:,} releases; {args.check - len(problems)} of {args.check} parsed as meant")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
