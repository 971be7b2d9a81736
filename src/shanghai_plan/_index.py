"""Look-up indices built once per Plan, so questions are O(1) or O(answer)."""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable

import attrs

from ._records import records as all_records
from .model import (
    Citation,
    Confidence,
    Finding,
    Gap,
    Indicator,
    Industry,
    IndustryTier,
    Plan,
    Source,
    Target,
)

__all__ = [
    "Index",
    "has_cjk",
    "index_for",
    "indexed_plans",
    "normalize",
    "record_of",
    "search_forms",
    "singular",
    "words",
]

_SEPARATORS = str.maketrans({"-": " ", "_": " ", "/": " ", "&": " and ", "·": " ", ".": " "})


def normalize(text: str) -> str:
    """Case-, width- and whitespace-insensitive form of a look-up key."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_SEPARATORS)
    return " ".join(folded.split())


@functools.cache
def _word() -> re.Pattern[str]:
    # compiled on first use, like _cjk(): a first look-up by key never needs it
    return re.compile(r"[^\W_]+")


# scripts written without spaces between words: matched character by character
_CJK_CLASS = (
    "[\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]"
)


@functools.cache
def _cjk() -> re.Pattern[str]:
    # compiled on first use: most questions never need it
    return re.compile(_CJK_CLASS)


def has_cjk(text: str) -> bool:
    """Whether ``text`` has a Chinese (or Japanese, Korean) character."""
    return _cjk().search(text) is not None


@functools.lru_cache(maxsize=16384)  # the data's vocabulary is a few thousand words
def singular(word: str) -> str:
    """The simple English plural rule used by look-ups and search, applied to a folded word.

    ``industries`` → ``industry``, ``matches`` → ``match``, ``chips`` → ``chip``, ``ICs``
    → ``ic``; words ending in ``ss``, ``us`` or ``is`` and words of two letters are kept.
    The rule is applied to the query and the text alike, so an odd stem does no harm.
    """
    if len(word) < 3 or not word.endswith("s") or not word.isascii():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    return word[:-1]


def words(text: str, *, fold: bool = True) -> tuple[str, ...]:
    """The words of ``text``, normalised and singular (``"New-energy vehicles"`` →
    ``("new", "energy", "vehicle")``); with ``fold=False`` the capitals are kept."""
    if fold:
        return tuple(map(singular, _word().findall(normalize(text))))
    plain = unicodedata.normalize("NFKC", text).translate(_SEPARATORS)
    return tuple(map(singular, _word().findall(plain)))


def search_forms(text: str) -> tuple[str, str, str]:
    """The forms search compares a text in, computed together: its folded words and its
    words with their capitals (each ``" "``-joined and padded), and its folded characters
    without spaces.  The same as ``words(text)``, ``words(text, fold=False)`` and
    ``normalize(text)`` without spaces."""
    plain = unicodedata.normalize("NFKC", text).translate(_SEPARATORS)
    folded = plain.casefold()
    return (
        " " + " ".join(map(singular, _word().findall(folded))) + " ",
        " " + " ".join(map(singular, _word().findall(plain))) + " ",
        "".join(folded.split()),
    )


MEMO_SIZE = 512
"""How many answers a plan's memo keeps (the most recently used)."""


class Memo:
    """Answers worth keeping, by their arguments: the :data:`MEMO_SIZE` most recently used.
    Every distinct ``tolerance``, ``year`` or query is a new entry, so a long-running process
    (a dashboard's slider) must not keep them all; an answer dropped is computed again."""

    __slots__ = ("_entries", "_lock", "size")

    def __init__(self, size: int = MEMO_SIZE) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[object, ...], object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[object, ...]) -> object | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def __setitem__(self, key: tuple[object, ...], value: object) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


class Index:
    """Derived look-up tables for one plan, each group built on the first question that
    needs it (``key_industries()`` builds the industry tables, not the record walk).

    An attribute not yet built is missing from the instance, so ``__getattr__`` runs
    only then: it builds that attribute's group (see ``_GROUPS``) and later reads are
    plain attribute reads.  Two threads asking at once may both build a group; they
    build equal tables from the same immutable plan, and either one is kept.
    """

    industry_by_key: dict[str, Industry]
    industry_keys: dict[str, str]  # normalised key -> the key as written, for suggestions
    industry_by_exact: dict[str, Industry]  # keys exactly as written: no normalising needed
    by_tier: dict[IndustryTier, tuple[Industry, ...]]
    targets_by_industry: dict[str, tuple[Target, ...]]
    # (industry id or None, document id or None for every document) -> targets
    targets_by: dict[tuple[str | None, str | None], tuple[Target, ...]]
    document_ids: frozenset[str]
    source_by_id: dict[str, Source]
    record_by_id: dict[str, object]
    ids_by_kind: dict[type, tuple[str, ...]]  # record class -> the ids of that kind
    # target or indicator id -> the findings that name it; record id -> the gaps that name it
    findings_by_record: dict[str, tuple[Finding, ...]]
    gaps_by_record: dict[str, tuple[Gap, ...]]
    indicator_by_observation: dict[str, Indicator]  # observation id -> its indicator
    # observation id -> how strong it is (see confidence_of)
    observation_confidence: dict[str, Confidence]
    # answers worth keeping: search results and progress results, by their arguments
    memo: Memo

    def __init__(self, plan: Plan) -> None:
        # The tables are built from a shallow copy: the same records, a new Plan object.
        # The index lives in a cache that must not keep its plan alive (see _cache); the
        # copy refers to the records, which never refer back to their plan.
        self._plan = attrs.evolve(plan)
        self.memo = Memo()

    def __getattr__(self, name: str) -> object:
        build = _GROUPS.get(name)
        if build is None:
            raise AttributeError(name)
        for key, value in build(self._plan).items():
            setattr(self, key, value)
        return object.__getattribute__(self, name)

    def build_all(self) -> Index:
        """Build every group now (what the first questions would build between them)."""
        for name in _GROUPS:
            getattr(self, name)
        return self


# Keyed by the plan's identity, not its value: hashing a Plan the first time hashes every
# record in it, and two equal plans loaded separately are two plans to their users.  Each
# entry holds a weak reference whose callback removes the entry when its plan is freed.
_cache: dict[int, tuple[weakref.ref[Plan], Index]] = {}
_lock = threading.Lock()


def index_for(plan: Plan) -> Index:
    """The index of ``plan``, built on first use and kept as long as the plan lives."""
    entry = _cache.get(id(plan))
    if entry is not None and entry[0]() is plan:
        return entry[1]
    with _lock:
        entry = _cache.get(id(plan))
        if entry is None or entry[0]() is not plan:
            key = id(plan)
            entry = _cache[key] = (weakref.ref(plan, _forgetter(key)), Index(plan))
        return entry[1]


def _forgetter(key: int) -> Callable[[weakref.ref[Plan]], None]:
    """The weak reference callback that drops the entry of a plan being freed."""

    def forget(ref: weakref.ref[Plan]) -> None:
        entry = _cache.get(key)
        if entry is not None and entry[0] is ref:
            del _cache[key]

    return forget


def indexed_plans() -> list[Plan]:
    """The plans that have been asked a question and are still alive."""
    return [p for ref, _ in list(_cache.values()) if (p := ref()) is not None]


def record_of(plan: Plan, record_id: str) -> object | None:
    """The record of ``plan`` whose id is ``record_id`` (the plan itself included), or None.

    The index's ``record_by_id`` holds every record but the plan: the index is built from
    a copy of the plan (see :class:`Index`), and the answer is the plan asked about.
    """
    found = index_for(plan).record_by_id.get(record_id)
    if found is None and record_id == plan.id:
        return plan
    return found


def _keys(ind: Industry) -> Iterable[str]:
    yield ind.id
    yield ind.name_en
    yield ind.name_zh
    for alias in ind.aliases:
        yield alias.name


def _industries(plan: Plan) -> dict[str, object]:
    by_key: dict[str, Industry] = {}
    shown: dict[str, str] = {}
    exact: dict[str, Industry] = {}
    for ind in plan.industries:
        for key in _keys(ind):
            norm = normalize(key)
            # the first industry to claim a key keeps it (ids and names come before aliases)
            by_key.setdefault(norm, ind)
            shown.setdefault(norm, key)
            exact.setdefault(key, ind)
    return {
        "industry_by_key": by_key,
        "industry_keys": shown,
        "industry_by_exact": exact,
        "by_tier": {
            tier: tuple(i for i in plan.industries if i.tier is tier) for tier in IndustryTier
        },
    }


def _targets(plan: Plan) -> dict[str, object]:
    targets: dict[str, list[Target]] = {}
    targets_by: dict[tuple[str | None, str | None], list[Target]] = {}
    for t in plan.targets:
        for iid in t.industry_ids:
            targets.setdefault(iid, []).append(t)
        for about in (None, *t.industry_ids):
            targets_by.setdefault((about, t.document_id), []).append(t)
            targets_by.setdefault((about, None), []).append(t)
    return {
        "targets_by_industry": {k: tuple(v) for k, v in targets.items()},
        "targets_by": {k: tuple(v) for k, v in targets_by.items()},
    }


def _records(plan: Plan) -> dict[str, object]:
    records: dict[str, object] = {}
    by_kind: dict[type, list[str]] = {}
    for rec in all_records(plan):
        rid = getattr(rec, "id", None)
        if isinstance(rid, str):
            if rec is not plan:  # the plan itself is left out: see record_of()
                records.setdefault(rid, rec)
            by_kind.setdefault(type(rec), []).append(rid)
    return {"record_by_id": records, "ids_by_kind": {k: tuple(v) for k, v in by_kind.items()}}


def _findings(plan: Plan) -> dict[str, object]:
    findings: dict[str, list[Finding]] = {}
    for f in plan.findings:
        for rid in dict.fromkeys((*f.target_ids, *f.indicator_ids)):
            findings.setdefault(rid, []).append(f)
    return {"findings_by_record": {k: tuple(v) for k, v in findings.items()}}


def _gaps(plan: Plan) -> dict[str, object]:
    gaps: dict[str, list[Gap]] = {}
    for g in plan.gaps:
        for rid in dict.fromkeys(g.record_ids):
            gaps.setdefault(rid, []).append(g)
    return {"gaps_by_record": {k: tuple(v) for k, v in gaps.items()}}


def _documents(plan: Plan) -> dict[str, object]:
    return {"document_ids": frozenset({plan.id, *(d.id for d in plan.related_documents)})}


def _sources(plan: Plan) -> dict[str, object]:
    return {"source_by_id": {s.id: s for s in plan.sources}}


def _observations(plan: Plan) -> dict[str, object]:
    by_obs = {o.id: i for i in plan.indicators for o in i.observations}
    return {"indicator_by_observation": by_obs}


CONFIDENCE_RANK = (Confidence.PRIMARY, Confidence.SECONDARY, Confidence.WEAK)
"""Confidences, the strongest first."""


def best_source(citations: tuple[Citation, ...], sources: dict[str, Source]) -> Confidence:
    """How strong a record is by what it cites: as strong as its best source."""
    return min(
        (sources[c.source_id].confidence for c in citations),
        key=CONFIDENCE_RANK.index,
        default=Confidence.WEAK,
    )


def _confidences(plan: Plan) -> dict[str, object]:
    """Each observation's confidence: as strong as the best source it cites, and a derived
    one no stronger than the weakest observation it is derived from (a figure worked out
    from a weak one is weak, whatever else it cites)."""
    sources = {s.id: s for s in plan.sources}
    observations = {o.id: o for i in plan.indicators for o in i.observations}
    inputs = {
        o.id: [d for d in o.derived_from if d in observations and d != o.id]
        for o in observations.values()
    }
    known: dict[str, Confidence] = {}
    for first in observations:  # inputs first, without recursion (a chain may be long)
        if first in known:
            continue
        stack = [(first, iter(inputs[first]))]
        open_ = {first}  # on the current path: an input that leads back is left out
        while stack:
            oid, pending = stack[-1]
            nxt = next(pending, None)
            if nxt is None:
                stack.pop()
                open_.discard(oid)
                found = [best_source(observations[oid].citations, sources)]
                found += [known[d] for d in inputs[oid] if d in known]
                known[oid] = max(found, key=CONFIDENCE_RANK.index)
            elif nxt not in known and nxt not in open_:
                open_.add(nxt)
                stack.append((nxt, iter(inputs[nxt])))
    return {"observation_confidence": known}


_BUILDERS: tuple[tuple[Callable[[Plan], dict[str, object]], tuple[str, ...]], ...] = (
    (_industries, ("industry_by_key", "industry_keys", "industry_by_exact", "by_tier")),
    (_targets, ("targets_by_industry", "targets_by")),
    (_documents, ("document_ids",)),
    (_sources, ("source_by_id",)),
    (_records, ("record_by_id", "ids_by_kind")),
    (_findings, ("findings_by_record",)),
    (_gaps, ("gaps_by_record",)),
    (_observations, ("indicator_by_observation",)),
    (_confidences, ("observation_confidence",)),
)
_GROUPS = {name: build for build, names in _BUILDERS for name in names}
"""Which builder fills each attribute of :class:`Index` (a builder fills all its names)."""


def _build(plan: Plan) -> Index:
    """A fully built index of ``plan`` (every group at once; the benchmark times this)."""
    return Index(plan).build_all()
