"""From the parsed query to a plan of index terms: fields, weights, acronyms, prefixes and phrases.

The parsed tree (``query.Node``) holds what the person typed; the plan holds
what the engine looks up: stemmed terms with the fields and weights they are
scored on, a prefix's indexed words, a phrase's terms and how far apart they
may stand. ``compile_query`` is the only way from one to the other, and the
engine evaluates nothing else.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field

from searchsvc import analysis
from searchsvc import schema
from searchsvc.errors import QueryError
from searchsvc.search import query as ql
from searchsvc.search.postings import Snapshot

#: A prefix (``inspect*``) may stand for at most this many indexed words.
MAX_PREFIX_EXPANSION = 128
#: All the prefixes of one query together may stand for at most this many.
MAX_QUERY_EXPANSION = 1024
#: How much a word read in place of a misspelt one counts, against 1 for a word as typed.
TYPO_WEIGHT = 0.5
#: How far apart (in words) the words of a phrase in a named field may stand.
FIELD_PHRASE_SLOP = 3
#: How far apart the spelled-out words of an acronym may stand (stop words may come between).
EXPANSION_SLOP = 2

Fields = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Terms:
    """Stemmed terms that must all occur (one word can analyse to several), each scored by BM25F over ``fields``."""

    terms: tuple[str, ...]
    fields: Fields
    weight: float = 1.0


@dataclass(frozen=True)
class Prefix:
    """Any of several (field, term, field weight) triples a prefix expands to, each scored on its own field."""

    pairs: tuple[tuple[str, str, float], ...]
    weight: float = 1.0


@dataclass(frozen=True)
class Phrase:
    """Terms standing in order in one of ``fields``, each within ``slop`` places of the one before."""

    terms: tuple[str, ...]
    fields: Fields
    slop: int = 1
    weight: float = 1.0


@dataclass(frozen=True)
class All:
    """Documents every child matches."""

    children: tuple[Plan, ...]


@dataclass(frozen=True)
class AnyOf:
    """Documents any child matches."""

    children: tuple[Plan, ...]


@dataclass(frozen=True)
class Not:
    """Live documents the child does not match (unscored)."""

    child: Plan


@dataclass(frozen=True)
class Every:
    """Every live document (unscored)."""


Plan = Terms | Prefix | Phrase | All | AnyOf | Not | Every


@dataclass(frozen=True)
class Synonyms:
    """Stemmed acronyms → their stemmed expansions, and the reverse, as the releases spell them out."""

    acronyms: Mapping[str, Sequence[tuple[str, ...]]] = field(default_factory=dict)
    expansions: Mapping[tuple[str, ...], str] = field(default_factory=dict)


@dataclass(frozen=True)
class Compiled:
    """A plan, with what compiling it learned about the query."""

    plan: Plan
    #: Words left out because they are too common to be indexed.
    ignored: tuple[str, ...]
    #: Stemmed acronyms brought in for their spelled-out words (marked in excerpts too).
    synonyms: frozenset[str]


def compile_query(node: ql.Node | None, snapshot: Snapshot, synonyms: Synonyms, *, any_word: bool) -> Compiled:
    """The plan of ``node`` (None: every release); ``any_word`` makes every group "any of".

    :raise QueryError: the query has only stop words, or its prefixes stand for too many words.
    """
    if node is None:
        return Compiled(Every(), (), frozenset())
    compiler = _Compiler(snapshot, synonyms)
    plan = compiler.compile(any_words(node) if any_word else node)
    if plan is None:
        raise QueryError(
            "the query has only very common words (such as 'the' or 'of'), which are not indexed; "
            "add a more specific word, or put the words in quotes to find them as an exact phrase",
            code="only_stop_words",
            param="q",
        )
    return Compiled(plan, tuple(dict.fromkeys(compiler.ignored)), frozenset(compiler.synonyms))


def any_words(node: ql.Node) -> ql.Node:
    """``node`` with every group made "any of": in any-word mode brackets do not make words required."""
    if not isinstance(node, ql.All | ql.Any):
        return node
    flat: list[ql.Node] = []
    for child in node.children:
        loosened = any_words(child)
        flat.extend(loosened.children if isinstance(loosened, ql.Any) else (loosened,))
    return ql.Any(tuple(flat))


def can_relax(node: ql.Node | None) -> bool:
    """Whether an all-words query could be loosened to any-word (plain words, no operators)."""
    return isinstance(node, ql.All) and all(isinstance(c, ql.Word) for c in node.children)


def weighted(plan: Plan, times: int) -> Plan:
    """``plan`` counted ``times`` over in the score."""
    if isinstance(plan, Terms | Prefix | Phrase):
        return dataclasses.replace(plan, weight=plan.weight * times)
    if isinstance(plan, All | AnyOf):
        return type(plan)(tuple(weighted(c, times) for c in plan.children))
    return plan


def searched_fields(user_field: str | None) -> Fields:
    """The weighted fields a word is looked up in: the one the user named, or every searched field."""
    if user_field is None:
        return tuple(schema.SEARCHED.items())
    return ((schema.QUERY_FIELDS[user_field], 1.0),)


class _Compiler:
    """Compiles one query tree, counting prefix expansions and collecting ignored words and synonyms."""

    def __init__(self, snapshot: Snapshot, synonyms: Synonyms) -> None:
        self.snapshot = snapshot
        self.synonyms_known = synonyms
        #: Words the query's prefixes stand for, so far.
        self.expanded = 0
        self.ignored: list[str] = []
        self.synonyms: set[str] = set()

    def compile(self, node: ql.Node) -> Plan | None:
        if isinstance(node, ql.Word):
            return self._word(node)
        if isinstance(node, ql.Phrase):
            return _phrase(node)
        if isinstance(node, ql.Not):
            child = self.compile(node.child)
            return None if child is None else Not(child)
        children = self._spelled_out(node.children) if isinstance(node, ql.All) else self._repeats_weighed(node)
        if not children:
            return None
        if isinstance(node, ql.Any):
            positive = [c for c in children if not isinstance(c, Not)]
            return AnyOf(tuple(positive)) if positive else None
        if all(isinstance(c, Not) for c in children):
            children.insert(0, Every())
        return All(tuple(children))

    def _repeats_weighed(self, node: ql.Any) -> list[Plan]:
        """Compile OR-ed children once each, a word repeated n times weighing n times.

        People repeat the words that matter most in a long description, and
        BM25 counts a query word once per time it is written.
        """
        counts: dict[ql.Node, int] = {}
        for child in node.children:
            counts[child] = counts.get(child, 0) + 1
        compiled = []
        for child, count in counts.items():
            plan = self.compile(child)
            if plan is not None:
                compiled.append(weighted(plan, count) if count > 1 else plan)
        return compiled

    def _word(self, word: ql.Word) -> Plan | None:
        fields = searched_fields(word.field)
        if word.prefix:
            return self._prefix(word.text.lower(), fields)
        terms = analysis.query_terms(word.text)
        if not terms:
            if analysis.query_terms(word.text, exact=True):
                self.ignored.append(word.text)
            return None
        found = Terms(tuple(terms), fields, TYPO_WEIGHT if word.typo else 1.0)
        expansions = self.synonyms_known.acronyms.get(terms[0], ()) if len(terms) == 1 else ()
        if word.field is None and expansions:
            # "SPO" also finds "senior probation officers", spelled out.
            # Only the acronym is marked in excerpts: marking each word of its
            # expansion ("probation") wherever it stands would be noise.
            spelled = [Phrase(words, fields, slop=EXPANSION_SLOP) for words in expansions]
            return AnyOf((found, *spelled))
        return found

    def _spelled_out(self, children: tuple[ql.Node, ...]) -> list[Plan]:
        """Compile AND-ed children, letting a spelled-out acronym also find the acronym."""
        compiled: list[Plan | None] = []
        at = 0
        while at < len(children):
            run = self._expansion_at(children, at)
            if run:
                words = [self._word(w) for w in children[at : at + run] if isinstance(w, ql.Word)]
                short = self.synonyms_known.expansions[_run_terms(children[at : at + run])]
                self.synonyms.add(short)
                acronym = Terms((short,), tuple(schema.SEARCHED.items()))
                spelled = All(tuple(w for w in words if w is not None))
                compiled.append(AnyOf((spelled, acronym)))
                at += run
                continue
            compiled.append(self.compile(children[at]))
            at += 1
        return [c for c in compiled if c is not None]

    def _expansion_at(self, children: tuple[ql.Node, ...], at: int) -> int:
        """How many plain words from ``at`` spell out a known acronym (0 if none)."""
        if not self.synonyms_known.expansions:
            return 0
        for length in range(min(6, len(children) - at), 1, -1):
            run = children[at : at + length]
            if all(isinstance(c, ql.Word) and c.field is None and not c.prefix for c in run):
                if _run_terms(run) in self.synonyms_known.expansions:
                    return length
        return 0

    def _prefix(self, prefix: str, fields: Fields) -> Prefix:
        pairs = []
        words: set[str] = set()
        for fieldname, weight in fields:
            for i, text in enumerate(self.snapshot.words_starting(fieldname, prefix)):
                if i >= MAX_PREFIX_EXPANSION:
                    break
                words.add(text)
                pairs.append((fieldname, text, weight))
        if len(words) > MAX_PREFIX_EXPANSION:
            raise QueryError(
                f"{prefix}* matches more than {MAX_PREFIX_EXPANSION} different words; add more letters",
                code="too_many_expansions",
                param="q",
            )
        self.expanded += len(words)
        if self.expanded > MAX_QUERY_EXPANSION:
            raise QueryError(
                f"the wildcards in this query match more than {MAX_QUERY_EXPANSION} words in all; add more letters",
                code="too_many_expansions",
                param="q",
            )
        # No word with this prefix: a plan that matches nothing, not an error.
        return Prefix(tuple(pairs))


def _phrase(phrase: ql.Phrase) -> Plan | None:
    """A quoted phrase: exact words side by side, or in a named field, stemmed words standing near."""
    if phrase.field is not None:
        fields: Fields = ((schema.QUERY_FIELDS[phrase.field], 1.0),)
        words = tuple(analysis.query_terms(phrase.text))
        if not words:
            return None
        return Terms(words, fields) if len(words) == 1 else Phrase(words, fields, slop=FIELD_PHRASE_SLOP)
    words = tuple(analysis.query_terms(phrase.text, exact=True))
    if not words:
        return None
    exact = tuple((schema.EXACT_TWIN[f], w) for f, w in schema.SEARCHED.items())
    weight = TYPO_WEIGHT if phrase.typo else 1.0
    return Terms(words, exact, weight) if len(words) == 1 else Phrase(words, exact, weight=weight)


def _run_terms(run: tuple[ql.Node, ...]) -> tuple[str, ...]:
    return tuple(t for w in run if isinstance(w, ql.Word) for t in analysis.query_terms(w.text))
