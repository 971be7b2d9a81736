"""The questions users ask, as pure functions over a :class:`~shanghai_plan.Plan`.

Every function answers about the bundled plan by default; pass ``plan=`` to ask the same
question of any other ``Plan`` (for example one loaded with ``load(path)``).  Results
are tuples in the plan's own order, so they are deterministic.

Arguments follow one policy (see ``docs/conventions.md``): a wrong type raises
``TypeError`` naming the parameter; an enum-valued argument takes the member or its
value in any case, and an unknown value raises
:class:`~shanghai_plan.InvalidChoiceError` listing the valid ones; a key that matches
nothing raises :class:`~shanghai_plan.NotFoundError` naming the kind looked for and only
close keys of that kind — or returns ``default`` when one is given, like pycountry's
``get()``.
"""

from __future__ import annotations

import functools
from enum import Enum
from typing import TYPE_CHECKING, Literal, TypeVar, overload

from ._args import (
    check_bool,
    check_choice,
    check_plan,
    check_str,
    check_year,
    wrong_type,
)
from ._index import Index, has_cjk, index_for, normalize, record_of, words
from .errors import NotFoundError
from .loading import load
from .model import (
    Bearing,
    Citation,
    Confidence,
    Conflict,
    ConflictSide,
    ContextItem,
    Definition,
    Document,
    Finding,
    FocusArea,
    Gap,
    Goal,
    Indicator,
    Industry,
    IndustryTier,
    Observation,
    Plan,
    Relation,
    Source,
    Target,
    TargetKind,
)

if TYPE_CHECKING:
    import difflib

__all__ = [
    "AnyRecord",
    "cited_sources",
    "conflicts",
    "document",
    "documents",
    "findings",
    "gaps",
    "indicator",
    "indicators",
    "industries",
    "industries_of",
    "industry",
    "key_industries",
    "leading_industries",
    "observations",
    "record",
    "source",
    "sources",
    "target",
    "targets",
]

AnyRecord = (
    Plan
    | Industry
    | FocusArea
    | Goal
    | Target
    | Indicator
    | Observation
    | ContextItem
    | Definition
    | Document
    | Conflict
    | ConflictSide
    | Finding
    | Gap
    | Source
)
"""Every kind of record that has an id, which :func:`record` can return."""

_KIND_NAMES: dict[type, str] = {
    Plan: "plan",
    Industry: "industry",
    FocusArea: "focus area",
    Goal: "goal",
    Target: "target",
    Indicator: "indicator",
    Observation: "observation",
    ContextItem: "context item",
    Definition: "definition",
    Document: "document",
    Conflict: "conflict",
    ConflictSide: "conflict side",
    Finding: "finding",
    Gap: "gap",
    Source: "source",
}

R = TypeVar("R")
T = TypeVar("T")


class _Missing(Enum):
    """The marker for "no default given" (a look-up then raises NotFoundError)."""

    MISSING = "MISSING"

    def __repr__(self) -> str:  # as shown in signatures
        return "<raise NotFoundError>"


_MISSING = _Missing.MISSING


def _plan(plan: object) -> Plan:
    if plan is None:
        return load()
    if plan.__class__ is Plan:  # the common case, without a call
        return plan
    checked = check_plan(plan)
    return load() if checked is None else checked


# Suggestions: a key is suggested when it is close to what was typed as a whole
# (difflib ratio >= 0.7) or contains it as whole words ("tgt-chip-design" ->
# "tgt-chip-design-3nm", "intelligence" -> "artificial intelligence"); never because it
# merely contains the letters ("car" does not suggest "health care").
_CUTOFF = 0.7
# Closeness is judged on the first _COMPARED characters of the key and of each candidate:
# difflib's ratio() costs the product of the two lengths, so two long keys (a hostile plan
# and query) would otherwise take seconds; no real id or name is near this long.
_COMPARED = 200
# A one-word key is also compared with each word of a candidate, more strictly: a typo of
# one word of a name ("artifical"), not any short word that shares letters ("carz", "care").
_WORD_CUTOFF = 0.85


def _suggest(key: str, candidates: dict[str, str], n: int = 3) -> list[str]:
    """Up to ``n`` of ``candidates`` (normalised key -> key as shown) close to ``key``: the
    whole key, or — for a one-word key — one of a candidate's words (``"artifical"`` finds
    ``artificial-intelligence``)."""
    norm = normalize(key)[:_COMPARED]
    if not norm:
        return []
    wanted = " " + " ".join(words(key)) + " "
    one_word = len(norm) >= 5 and " " not in norm
    scored: list[tuple[float, int, str]] = []
    import difflib  # only when a key is not found

    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(norm)
    for order, (cand, shown) in enumerate(candidates.items()):
        if len(norm) > 2 * len(cand) + 10:  # cannot be close (nor contained in it)
            continue
        matcher.set_seq1(cand[:_COMPARED])
        ratio = 0.0
        if matcher.real_quick_ratio() >= _CUTOFF and matcher.quick_ratio() >= _CUTOFF:
            ratio = matcher.ratio()  # the costly one, only when the bounds allow it
        if ratio < _CUTOFF and one_word:
            near = (_word_ratio(matcher, w) for w in words(cand[:_COMPARED]) if len(w) >= 5)
            ratio = max(near, default=0.0)
            matcher.set_seq1(cand[:_COMPARED])  # back to the whole candidate
        if ratio < _CUTOFF:
            if not (
                len(norm) >= 3 and wanted.strip() and wanted in " " + " ".join(words(cand)) + " "
            ):
                continue
            ratio = matcher.ratio()  # contained as words: rank it by closeness all the same
        scored.append((-ratio, order, shown))
    scored.sort()
    return list(dict.fromkeys(shown for _, _, shown in scored))[:n]


def _word_ratio(matcher: difflib.SequenceMatcher[str], word: str) -> float:
    """How close the key ``matcher`` compares against is to ``word``: its ratio when it is
    a near miss (one or two letters: :data:`_WORD_CUTOFF`), else 0."""
    matcher.set_seq1(word)
    if matcher.real_quick_ratio() < _WORD_CUTOFF or matcher.quick_ratio() < _WORD_CUTOFF:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= _WORD_CUTOFF else 0.0


def _ids(ids: tuple[str, ...] | list[str]) -> dict[str, str]:
    return {normalize(i): i for i in ids}


def _not_found(kind: type, key: str, plan: Plan) -> NotFoundError:
    """A NotFoundError naming ``kind`` and suggesting only ids of that kind."""
    return NotFoundError(
        _KIND_NAMES[kind], key, _suggest(key, _ids(index_for(plan).ids_by_kind.get(kind, ())))
    )


# ------------------------------------------------------------------ industries


def industries(
    tier: IndustryTier | Literal["leading", "key"] | None = None, *, plan: Plan | None = None
) -> tuple[Industry, ...]:
    """Every industry of the plan, in the plan's order; only one tier if ``tier`` is given."""
    p = _plan(plan)
    if tier is None:
        return p.industries
    return index_for(p).by_tier[check_choice(tier, IndustryTier, "tier")]


def leading_industries(*, plan: Plan | None = None) -> tuple[Industry, ...]:
    """The leading industries (先导产业): integrated circuits, biomedicine, AI."""
    return industries(IndustryTier.LEADING, plan=plan)


def key_industries(*, plan: Plan | None = None) -> tuple[Industry, ...]:
    """The key industries (重点产业): the six of the "3+6" system."""
    return industries(IndustryTier.KEY, plan=plan)


@functools.cache
def _synonyms() -> dict[str, tuple[str, ...]]:
    """The synonym table keyed the way queries are compared (normalised, singular)."""
    from ._synonyms import SYNONYMS  # only when a key is not an industry's own

    return {" ".join(words(k)) or normalize(k): v for k, v in SYNONYMS.items()}


def _query_key(text: str) -> str:
    return normalize(text) if has_cjk(text) else " ".join(words(text))


def _industry_by_data_key(key: str, plan: Plan) -> Industry | None:
    idx = index_for(plan)
    found = idx.industry_by_exact.get(key)
    if found is None:
        norm = normalize(key)
        found = idx.industry_by_key.get(norm)
        if found is None and len(norm) >= 2:  # "IC" finds "ICs", "auto" finds "autos"
            found = idx.industry_by_key.get(norm[:-1] if norm.endswith("s") else norm + "s")
    return found


@overload
def industry(key: str, *, plan: Plan | None = None) -> Industry: ...
@overload
def industry(key: str, *, default: T, plan: Plan | None = None) -> Industry | T: ...
def industry(
    key: str, *, default: T | _Missing = _MISSING, plan: Plan | None = None
) -> Industry | T:
    """Look an industry up by id, English name, alias or Chinese name.

    Matching ignores case, width, extra whitespace, ``-``/``_`` separators and a final
    plural "s", so ``"AI"``, ``"artificial intelligence"``, ``"人工智能"`` and
    ``"artificial-intelligence"`` all find the same industry, and ``"IC"`` finds the one
    the sources call ``"ICs"``.  Failing those, the search help's synonym table is tried
    (``"chips"``, ``"芯片"`` → integrated circuits; ``"cars"``, ``"NEV"`` → automobiles;
    ``"biotech"`` → biomedicine): those words are ours, not the sources', and are not
    among the industry's ``aliases``.

    Raises :class:`~shanghai_plan.NotFoundError` naming the closest industry keys
    otherwise, or returns ``default`` if one is given.
    """
    if key.__class__ is not str:
        key = check_str(key, "key")
    p = _plan(plan)
    found = index_for(p).industry_by_exact.get(key)  # keys as written: the fast path
    if found is None:
        found = _industry_by_data_key(key, p)
    if found is None:
        for term in _synonyms().get(_query_key(key), ()):
            found = _industry_by_data_key(term, p)
            if found is not None:
                break
    if found is not None:
        return found
    if default is not _MISSING:
        return default
    raise NotFoundError("industry", key, _suggest(key, index_for(p).industry_keys))


def industries_of(rec: Target | Indicator, *, plan: Plan | None = None) -> tuple[Industry, ...]:
    """The industries a target or an indicator concerns, as records (in its own order).

    A record does not hold its plan (records are plain frozen values, shared and
    compared by value), so the ids in ``industry_ids`` are resolved in ``plan`` — the
    bundled plan unless another is given.
    """
    if not isinstance(rec, (Target, Indicator)):
        raise wrong_type("rec", "a Target or Indicator", rec)
    p = _plan(plan)
    by_id = index_for(p).record_by_id
    out: list[Industry] = []
    for iid in rec.industry_ids:
        found = by_id.get(iid)
        if not isinstance(found, Industry):
            raise _not_found(Industry, iid, p)
        out.append(found)
    return tuple(out)


# --------------------------------------------------------------------- targets


def _industry_id(value: object, plan: Plan) -> str:
    if isinstance(value, Industry):
        return value.id
    if not isinstance(value, str):
        raise wrong_type("industry", "an Industry or str", value)
    return industry(value, plan=plan).id


def targets(
    industry: str | Industry | None = None,
    year: int | None = None,
    kind: TargetKind | Literal["quantitative", "qualitative"] | None = None,
    *,
    document: str | Document | Plan | None = None,
    all_documents: bool = False,
    plan: Plan | None = None,
) -> tuple[Target, ...]:
    """Targets, filtered.

    ``industry``: an industry (or any key :func:`industry` accepts) the target concerns.
    ``year``: the deadline year (an int).  ``kind``: quantitative or qualitative.
    By default only the plan's own targets are returned; ``document=`` selects a related
    document's targets instead (its id, the :class:`~shanghai_plan.Document`, or the plan
    itself), and ``all_documents=True`` returns every document's.
    """
    p = _plan(plan)
    idx = index_for(p)
    # Plain arguments (str, int, bool, None, or a record of this plan) make the answer worth
    # keeping; the types are part of the key, so 1 is never taken for True.
    key = _memo_key(("targets", industry, year, kind, document, all_documents), idx)
    if key is not None:
        kept = idx.memo.get(key)
        if kept is not None:
            return kept  # type: ignore[return-value]
    found = _targets(p, idx, industry, year, kind, document, all_documents)
    if key is not None:
        idx.memo[key] = found
    return found


_PLAIN_ARGS = frozenset({str, int, bool, type(None)})


def _memo_key(args: tuple[object, ...], idx: Index) -> tuple[object, ...] | None:
    """A key for keeping an answer, or ``None`` when an argument is not plain."""
    key: list[object] = []
    for a in args:
        t = type(a)
        if t in _PLAIN_ARGS:
            key.append((t, a))
        elif isinstance(a, (Industry, Document)) and idx.record_by_id.get(a.id) is a:
            key.append((t, a.id))
        else:
            return None
    return tuple(key)


def _targets(
    p: Plan,
    idx: Index,
    industry: object,
    year: object,
    kind: object,
    document: object,
    all_documents: object,
) -> tuple[Target, ...]:
    if year is not None:
        year = check_year(year)
    wanted = None if kind is None else check_choice(kind, TargetKind, "kind")
    if (
        all_documents is not False
        and check_bool(all_documents, "all_documents")
        and (document is not None)
    ):
        raise ValueError("pass either document= or all_documents=True, not both")
    iid = None if industry is None else _industry_id(industry, p)
    doc_id = None if all_documents else p.id if document is None else document_id(document, p)
    pool = idx.targets_by.get((iid, doc_id), ())
    if year is not None:
        pool = tuple(t for t in pool if t.year == year)
    if wanted is not None:
        pool = tuple(t for t in pool if t.kind is wanted)
    return pool


def document_id(value: object, plan: Plan) -> str:
    """The id of the document ``value`` names — a document id, a
    :class:`~shanghai_plan.Document` or a :class:`~shanghai_plan.Plan` (the plan's own
    targets) — checked against ``plan``: what every ``document=`` parameter takes.

    Raises :class:`TypeError` naming ``document`` for any other type, and
    :class:`~shanghai_plan.NotFoundError` (with close ids) for a document ``plan`` does not
    have.
    """
    if isinstance(value, (Document, Plan)):
        value = value.id
    elif not isinstance(value, str):
        raise wrong_type("document", "a document id, a Document or the Plan", value)
    known = index_for(plan).document_ids
    if value not in known:
        raise NotFoundError("document", value, _suggest(value, _ids(sorted(known))))
    return value


@overload
def target(target_id: str, *, plan: Plan | None = None) -> Target: ...
@overload
def target(target_id: str, *, default: T, plan: Plan | None = None) -> Target | T: ...
def target(
    target_id: str, *, default: T | _Missing = _MISSING, plan: Plan | None = None
) -> Target | T:
    """The target with id ``target_id``.

    Raises :class:`~shanghai_plan.NotFoundError` (suggesting target ids) otherwise, or
    returns ``default`` if one is given.
    """
    target_id = check_str(target_id, "target_id")
    return _by_id(target_id, Target, default, _plan(plan))


def _by_id(rid: str, kind: type[R], default: T | _Missing, p: Plan) -> R | T:
    found = record_of(p, rid)
    if isinstance(found, kind):
        return found
    if default is not _MISSING:
        return default
    raise _not_found(kind, rid, p)


@overload
def record(record_id: str, *, plan: Plan | None = None) -> AnyRecord: ...
@overload
def record(record_id: str, kind: type[R], *, plan: Plan | None = None) -> R: ...
@overload
def record(record_id: str, *, default: T, plan: Plan | None = None) -> AnyRecord | T: ...
@overload
def record(record_id: str, kind: type[R], *, default: T, plan: Plan | None = None) -> R | T: ...
def record(
    record_id: str,
    kind: type[object] | None = None,
    *,
    default: object = _MISSING,
    plan: Plan | None = None,
) -> object:
    """Any record (industry, target, indicator, observation, source …) by its id.

    With ``kind`` (a record class such as ``sp.Observation``) the record must be of that
    kind, and the result is typed as such: ``record("obs-…", sp.Observation).value``.
    Raises :class:`~shanghai_plan.NotFoundError` (suggesting ids of the kind asked for)
    otherwise, or returns ``default`` if one is given.
    """
    record_id = check_str(record_id, "record_id")
    p = _plan(plan)
    if kind is None:
        found = record_of(p, record_id)
        if found is not None:
            return found
        if default is not _MISSING:
            return default
        ids = [i for ids in index_for(p).ids_by_kind.values() for i in ids]
        raise NotFoundError("record", record_id, _suggest(record_id, _ids(ids)))
    if not (isinstance(kind, type) and kind in _KIND_NAMES):
        names = ", ".join(c.__name__ for c in _KIND_NAMES)
        raise wrong_type("kind", f"a record class ({names}) or None", kind)
    return _by_id(record_id, kind, default, p)


# --------------------------------------------------------------------- sources


@overload
def source(source_id: str | Citation, *, plan: Plan | None = None) -> Source: ...
@overload
def source(source_id: str | Citation, *, default: T, plan: Plan | None = None) -> Source | T: ...
def source(
    source_id: str | Citation, *, default: T | _Missing = _MISSING, plan: Plan | None = None
) -> Source | T:
    """The :class:`~shanghai_plan.Source` a citation (or a source id) points at.

    Raises :class:`~shanghai_plan.NotFoundError` (suggesting source ids) otherwise, or
    returns ``default`` if one is given.
    """
    if isinstance(source_id, Citation):
        source_id = source_id.source_id
    sid = check_str(source_id, "source_id")
    p = _plan(plan)
    found = index_for(p).source_by_id.get(sid)
    if found is not None:
        return found
    if default is not _MISSING:
        return default
    raise _not_found(Source, sid, p)


def sources(
    confidence: Confidence | Literal["primary", "secondary", "weak"] | None = None,
    *,
    plan: Plan | None = None,
) -> tuple[Source, ...]:
    """Every source, or only those of one confidence level (``"weak"``, ``Confidence.WEAK``)."""
    p = _plan(plan)
    if confidence is None:
        return p.sources
    wanted = check_choice(confidence, Confidence, "confidence")
    return tuple(s for s in p.sources if s.confidence is wanted)


def cited_sources(rec: object, *, plan: Plan | None = None) -> tuple[Source, ...]:
    """The sources a record cites, in citation order without repeats.

    ``rec`` is a record (or a part of one that cites, such as a title) or a record's id;
    a record kind that cites nothing itself (a source, a conflict, a gap) gives ``()``.
    """
    p = _plan(plan)
    if isinstance(rec, str):
        rec = record(rec, plan=p)
    citations = getattr(rec, "citations", None)
    if not isinstance(citations, tuple):
        if type(rec) not in _KIND_NAMES:
            raise wrong_type("rec", "a record or a record id", rec)
        citations = ()
    seen = dict.fromkeys(c.source_id for c in citations)
    return tuple(source(sid, plan=p) for sid in seen)


# ------------------------------------------- indicators, documents, conflicts


def indicators(
    industry: str | Industry | None = None, *, plan: Plan | None = None
) -> tuple[Indicator, ...]:
    """Every indicator, or those concerning one industry (any key :func:`industry` takes)."""
    p = _plan(plan)
    if industry is None:
        return p.indicators
    iid = _industry_id(industry, p)
    return tuple(i for i in p.indicators if iid in i.industry_ids)


@overload
def indicator(
    indicator_id: str | Target | Observation, *, plan: Plan | None = None
) -> Indicator: ...
@overload
def indicator(
    indicator_id: str | Target | Observation, *, default: T, plan: Plan | None = None
) -> Indicator | T: ...
def indicator(
    indicator_id: str | Target | Observation,
    *,
    default: T | _Missing = _MISSING,
    plan: Plan | None = None,
) -> Indicator | T:
    """An indicator by id, the indicator a target measures, or an observation's indicator.

    ``sp.indicator(obs).unit`` is the unit of an observation: an observation is stored
    inside its indicator and does not repeat the unit.  Raises
    :class:`~shanghai_plan.NotFoundError` for an unknown id, a target that points at no
    indicator or an observation of no indicator in ``plan`` — or returns ``default`` if
    one is given.
    """
    p = _plan(plan)
    if isinstance(indicator_id, Observation):
        obs = indicator_id
        owner = index_for(p).indicator_by_observation.get(obs.id)
        if owner is not None and obs in owner.observations:
            return owner
        if default is not _MISSING:
            return default
        raise NotFoundError("indicator", f"(the indicator of observation {obs.id})")
    if isinstance(indicator_id, Target):
        if indicator_id.indicator_id is None:
            if default is not _MISSING:
                return default
            raise NotFoundError("indicator", f"(none set on target {indicator_id.id})")
        indicator_id = indicator_id.indicator_id
    if not isinstance(indicator_id, str):
        raise wrong_type("indicator_id", "a str, Target or Observation", indicator_id)
    return _by_id(indicator_id, Indicator, default, p)


def observations(
    indicator_id: str | Indicator | Target,
    *,
    year: int | None = None,
    plan: Plan | None = None,
) -> tuple[Observation, ...]:
    """An indicator's observations in year order (only ``year``'s if given)."""
    if year is not None:
        year = check_year(year)
    ind = (
        indicator_id if isinstance(indicator_id, Indicator) else indicator(indicator_id, plan=plan)
    )
    found = sorted(ind.observations, key=lambda o: (o.year, o.coverage is None))
    return tuple(o for o in found if year is None or o.year == year)


def documents(
    relation: Relation | str | None = None, *, plan: Plan | None = None
) -> tuple[Document, ...]:
    """The related documents (national policy, parent plan, siblings, revisions, successors)."""
    p = _plan(plan)
    if relation is None:
        return p.related_documents
    wanted = check_choice(relation, Relation, "relation")
    return tuple(d for d in p.related_documents if d.relation is wanted)


@overload
def document(document_id: str, *, plan: Plan | None = None) -> Document | Plan: ...
@overload
def document(document_id: str, *, default: T, plan: Plan | None = None) -> Document | Plan | T: ...
def document(
    document_id: str, *, default: T | _Missing = _MISSING, plan: Plan | None = None
) -> Document | Plan | T:
    """A document by id: a related :class:`~shanghai_plan.Document`, or the
    :class:`~shanghai_plan.Plan` itself for the plan's own id — the ``document_id`` its own
    targets carry — so ``sp.document(t.document_id)`` answers for every target.

    Both have ``id``, ``titles``, ``title()``, ``name``, ``document_number``, ``issuer``,
    ``period``, ``events``, ``summary`` and ``citations``; only a related document has a
    ``relation`` (the plan does not stand in one to itself).

    >>> import shanghai_plan as sp
    >>> sp.document(sp.target("tgt-nev-output-1-2m").document_id) is sp.load()
    True

    Raises :class:`~shanghai_plan.NotFoundError` (suggesting document ids) otherwise, or
    returns ``default`` if one is given.
    """
    document_id = check_str(document_id, "document_id")
    p = _plan(plan)
    if document_id == p.id:
        return p
    return _by_id(document_id, Document, default, p)


def conflicts(record_id: str | None = None, *, plan: Plan | None = None) -> tuple[Conflict, ...]:
    """Where sources disagree; with ``record_id``, only conflicts involving that record."""
    p = _plan(plan)
    if record_id is None:
        return p.conflicts
    record_id = check_str(record_id, "record_id")
    return tuple(c for c in p.conflicts if any(record_id in s.record_ids for s in c.sides))


def _record_key(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (Target, Indicator, Industry, Document)):
        return value.id
    raise wrong_type("about", "a record id or a Target, Indicator, Industry or Document", value)


def findings(
    about: str | Target | Indicator | None = None,
    *,
    bearing: Bearing | str | None = None,
    plan: Plan | None = None,
) -> tuple[Finding, ...]:
    """Cited statements of how outcomes turned out (claims, evaluations, reports).

    With ``about`` (a target or indicator, or its id), only the findings that name it; with
    ``bearing`` (``"met"``, ``"not_met"``, ``"progress"``, ``"context"``), only those.
    """
    p = _plan(plan)
    found = (
        p.findings if about is None else index_for(p).findings_by_record.get(_record_key(about), ())
    )
    if bearing is None:
        return found
    wanted = check_choice(bearing, Bearing, "bearing")
    return tuple(f for f in found if f.bearing is wanted)


def gaps(
    about: str | Target | Indicator | Industry | Document | None = None,
    *,
    plan: Plan | None = None,
) -> tuple[Gap, ...]:
    """What the data knows it does not know, with what was looked for.

    With ``about`` (any record or its id, the plan's own id included), only the gaps that
    name it.
    """
    p = _plan(plan)
    if about is None:
        return p.gaps
    return index_for(p).gaps_by_record.get(_record_key(about), ())
