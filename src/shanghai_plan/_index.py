"""Look-up indices built once per Plan, so questions are O(1) or O(answer)."""

import functools
import re
import threading
import unicodedata
import weakref
from collections.abc import Iterable

from attrs import frozen

from ._records import records as all_records
from .model import Finding, Gap, Indicator, Industry, IndustryTier, Plan, Source, Target

__all__ = ["Index", "has_cjk", "index_for", "normalize", "search_forms", "singular", "words"]

_SEPARATORS = str.maketrans({"-": " ", "_": " ", "/": " ", "&": " and ", "·": " ", ".": " "})


def normalize(text: str) -> str:
    """Case-, width- and whitespace-insensitive form of a look-up key."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_SEPARATORS)
    return " ".join(folded.split())


_WORD = re.compile(r"[^\W_]+")
# scripts written without spaces between words: matched character by character
_CJK_CLASS = (
    "[\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]"
)


@functools.cache
def _cjk() -> "re.Pattern[str]":
    # compiled on first use: this class costs milliseconds, and most questions never need it
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
        return tuple(map(singular, _WORD.findall(normalize(text))))
    plain = unicodedata.normalize("NFKC", text).translate(_SEPARATORS)
    return tuple(map(singular, _WORD.findall(plain)))


def search_forms(text: str) -> tuple[str, str, str]:
    """The forms search compares a text in, computed together: its folded words and its
    words with their capitals (each ``" "``-joined and padded), and its folded characters
    without spaces.  The same as ``words(text)``, ``words(text, fold=False)`` and
    ``normalize(text)`` without spaces."""
    plain = unicodedata.normalize("NFKC", text).translate(_SEPARATORS)
    folded = plain.casefold()
    return (
        " " + " ".join(map(singular, _WORD.findall(folded))) + " ",
        " " + " ".join(map(singular, _WORD.findall(plain))) + " ",
        "".join(folded.split()),
    )


@frozen
class Index:
    """Derived look-up tables for one plan (built once, on the first question)."""

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
    # target or indicator id -> the findings that name it; record id -> the gaps that name it
    findings_by_record: dict[str, tuple[Finding, ...]]
    gaps_by_record: dict[str, tuple[Gap, ...]]
    ids_by_kind: dict[type, tuple[str, ...]]  # record class -> the ids of that kind
    indicator_by_observation: dict[str, Indicator]  # observation id -> its indicator
    # answers worth keeping: search results and progress results, by their arguments
    memo: dict[tuple[object, ...], object]


_cache: "weakref.WeakKeyDictionary[Plan, Index]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def index_for(plan: Plan) -> Index:
    """The index of ``plan``, built on first use and kept as long as the plan lives."""
    try:
        return _cache[plan]
    except KeyError:
        pass
    with _lock:
        found = _cache.get(plan)
        if found is None:
            found = _cache[plan] = _build(plan)
        return found


def _keys(ind: Industry) -> Iterable[str]:
    yield ind.id
    yield ind.name_en
    yield ind.name_zh
    for alias in ind.aliases:
        yield alias.name


def _build(plan: Plan) -> Index:
    by_key: dict[str, Industry] = {}
    shown: dict[str, str] = {}
    for ind in plan.industries:
        for key in _keys(ind):
            norm = normalize(key)
            # the first industry to claim a key keeps it (ids and names come before aliases)
            by_key.setdefault(norm, ind)
            shown.setdefault(norm, key)
    targets: dict[str, list[Target]] = {}
    targets_by: dict[tuple[str | None, str | None], list[Target]] = {}
    for t in plan.targets:
        for iid in t.industry_ids:
            targets.setdefault(iid, []).append(t)
        for about in (None, *t.industry_ids):
            targets_by.setdefault((about, t.document_id), []).append(t)
            targets_by.setdefault((about, None), []).append(t)
    records: dict[str, object] = {}
    by_kind: dict[type, list[str]] = {}
    for rec in all_records(plan):
        rid = getattr(rec, "id", None)
        if isinstance(rid, str):
            records.setdefault(rid, rec)
            by_kind.setdefault(type(rec), []).append(rid)
    findings: dict[str, list[Finding]] = {}
    for f in plan.findings:
        for rid in dict.fromkeys((*f.target_ids, *f.indicator_ids)):
            findings.setdefault(rid, []).append(f)
    gaps: dict[str, list[Gap]] = {}
    for g in plan.gaps:
        for rid in dict.fromkeys(g.record_ids):
            gaps.setdefault(rid, []).append(g)
    exact: dict[str, Industry] = {}
    for ind in plan.industries:
        for key in _keys(ind):
            exact.setdefault(key, ind)
    return Index(
        industry_by_key=by_key,
        industry_keys=shown,
        industry_by_exact=exact,
        by_tier={
            tier: tuple(i for i in plan.industries if i.tier is tier) for tier in IndustryTier
        },
        targets_by_industry={k: tuple(v) for k, v in targets.items()},
        targets_by={k: tuple(v) for k, v in targets_by.items()},
        document_ids=frozenset({plan.id, *(d.id for d in plan.related_documents)}),
        source_by_id={s.id: s for s in plan.sources},
        record_by_id=records,
        findings_by_record={k: tuple(v) for k, v in findings.items()},
        gaps_by_record={k: tuple(v) for k, v in gaps.items()},
        ids_by_kind={k: tuple(v) for k, v in by_kind.items()},
        indicator_by_observation={o.id: i for i in plan.indicators for o in i.observations},
        memo={},
    )
