"""The questions users ask, as pure functions over a :class:`~shanghai_plan.Plan`.

Every function answers about the bundled plan by default; pass ``plan=`` to ask the same
question of any other ``Plan`` (for example one loaded with ``load(path)``).  Results
are tuples in the plan's own order, so they are deterministic.
"""

from typing import Literal

import attrs
from attrs import field, frozen

from ._index import index_for, normalize
from .errors import NotFoundError
from .loading import load
from .model import (
    Bearing,
    Citation,
    Confidence,
    Conflict,
    ContextItem,
    Definition,
    Document,
    Finding,
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

__all__ = [
    "SearchHit",
    "cited_sources",
    "conflicts",
    "document",
    "documents",
    "findings",
    "gaps",
    "indicator",
    "indicators",
    "industries",
    "industry",
    "key_industries",
    "leading_industries",
    "observations",
    "record",
    "search",
    "source",
    "sources",
    "target",
    "targets",
]

SearchRecord = Industry | Target | Goal | ContextItem | Definition | Indicator | Document
"""The kinds of record :func:`search` can return."""


def _plan(plan: Plan | None) -> Plan:
    return load() if plan is None else plan


def _suggest(key: str, candidates: dict[str, str], n: int = 3) -> list[str]:
    import difflib

    norm = normalize(key)
    close = difflib.get_close_matches(norm, list(candidates), n=n, cutoff=0.6)
    starts = [k for k in candidates if len(norm) >= 3 and (k.startswith(norm) or norm in k)]
    ordered = list(dict.fromkeys([*close, *starts]))[:n]
    return [candidates[k] for k in ordered]


# ------------------------------------------------------------------ industries


def industries(
    tier: IndustryTier | None = None, *, plan: Plan | None = None
) -> tuple[Industry, ...]:
    """Every industry of the plan, in the plan's order; only one tier if ``tier`` is given."""
    p = _plan(plan)
    if tier is None:
        return p.industries
    return index_for(p).by_tier[tier]


def leading_industries(*, plan: Plan | None = None) -> tuple[Industry, ...]:
    """The leading industries (先导产业): integrated circuits, biomedicine, AI."""
    return industries(IndustryTier.LEADING, plan=plan)


def key_industries(*, plan: Plan | None = None) -> tuple[Industry, ...]:
    """The key industries (重点产业): the six of the "3+6" system."""
    return industries(IndustryTier.KEY, plan=plan)


def industry(key: str, *, plan: Plan | None = None) -> Industry:
    """Look an industry up by id, English name, alias or Chinese name.

    Matching ignores case, width, extra whitespace, ``-``/``_`` separators and a final
    plural "s", so ``"AI"``, ``"artificial intelligence"``, ``"人工智能"`` and
    ``"artificial-intelligence"`` all find the same industry, and ``"IC"`` finds the one
    the sources call ``"ICs"``.  Raises :class:`~shanghai_plan.NotFoundError` naming the
    closest keys otherwise.
    """
    idx = index_for(_plan(plan))
    if not isinstance(key, str):
        raise TypeError(f"industry key must be a str, not {type(key).__name__}")
    found = idx.industry_by_exact.get(key)
    if found is None:
        norm = normalize(key)
        found = idx.industry_by_key.get(norm)
        if found is None and len(norm) >= 2:  # "IC" finds "ICs", "auto" finds "autos"
            found = idx.industry_by_key.get(norm[:-1] if norm.endswith("s") else norm + "s")
    if found is None:
        raise NotFoundError("industry", key, _suggest(key, idx.industry_keys))
    return found


# --------------------------------------------------------------------- targets


def _industry_id(value: "str | Industry", plan: Plan) -> str:
    return value.id if isinstance(value, Industry) else industry(value, plan=plan).id


def targets(
    industry: "str | Industry | None" = None,
    year: int | None = None,
    kind: "TargetKind | Literal['quantitative', 'qualitative'] | None" = None,
    *,
    document: "str | Document | None" = None,
    all_documents: bool = False,
    plan: Plan | None = None,
) -> tuple[Target, ...]:
    """Targets, filtered.

    ``industry``: an industry (or any key :func:`industry` accepts) the target concerns.
    ``year``: the deadline year.  ``kind``: quantitative or qualitative.
    By default only the plan's own targets are returned; ``document=`` selects a related
    document's targets instead, and ``all_documents=True`` returns every document's.
    """
    p = _plan(plan)
    idx = index_for(p)
    if all_documents and document is not None:
        raise ValueError("pass either document= or all_documents=True, not both")
    iid = None if industry is None else _industry_id(industry, p)
    doc_id = None if all_documents else p.id if document is None else _document_id(document, p)
    pool = idx.targets_by.get((iid, doc_id), ())
    if year is not None:
        pool = tuple(t for t in pool if t.year == year)
    if kind is not None:
        wanted = kind if isinstance(kind, TargetKind) else TargetKind(kind)
        pool = tuple(t for t in pool if t.kind is wanted)
    return pool


def _document_id(value: "str | Document", plan: Plan) -> str:
    if isinstance(value, Document):
        return value.id
    known = index_for(plan).document_ids
    if value not in known:
        raise NotFoundError("document", value, _suggest(value, {normalize(k): k for k in known}))
    return value


def target(target_id: str, *, plan: Plan | None = None) -> Target:
    """The target with id ``target_id``; :class:`~shanghai_plan.NotFoundError` otherwise."""
    found = record(target_id, plan=plan)
    if not isinstance(found, Target):
        raise NotFoundError(
            "target", target_id, [t.id for t in _plan(plan).targets if target_id in t.id][:3]
        )
    return found


def record(record_id: str, *, plan: Plan | None = None) -> object:
    """Any record (industry, target, indicator, observation, source …) by its id."""
    idx = index_for(_plan(plan))
    try:
        return idx.record_by_id[record_id]
    except KeyError:
        cands = {normalize(k): k for k in idx.record_by_id}
        raise NotFoundError("record", record_id, _suggest(record_id, cands)) from None


# ---------------------------------------------------------------------- search


@frozen
class SearchHit:
    """One result of :func:`search`: the record, its kind and the field that matched."""

    record: SearchRecord = field(repr=False)
    kind: str
    """``industry``, ``target``, ``goal``, ``driver``, ``national_policy``, ``challenge``,
    ``definition``, ``indicator`` or ``document``."""
    id: str
    """The record's id."""
    field: str
    """The field that matched (``name_en``, ``aliases``, ``statement`` …)."""
    text: str = attrs.field(repr=False)
    """The text that matched."""


def _search_fields(rec: SearchRecord) -> list[tuple[str, str | None]]:
    if isinstance(rec, Industry):
        return [
            ("name_en", rec.name_en),
            ("name_zh", rec.name_zh),
            *(("aliases", a.name) for a in rec.aliases),
            *(("focus_areas", f.name_en) for f in rec.focus_areas),
            *(("focus_areas", f.name_zh) for f in rec.focus_areas),
            ("description", rec.description),
        ]
    if isinstance(rec, Target):
        return [("statement", rec.statement), ("term_zh", rec.term_zh), ("notes", rec.notes)]
    if isinstance(rec, Goal):
        return [("text", rec.text), ("term_zh", rec.term_zh)]
    if isinstance(rec, ContextItem):
        return [("term_en", rec.term_en), ("term_zh", rec.term_zh), ("text", rec.text)]
    if isinstance(rec, Definition):
        return [("term_en", rec.term_en), ("term_zh", rec.term_zh), ("meaning", rec.meaning)]
    if isinstance(rec, Indicator):
        return [
            ("name_en", rec.name_en),
            ("name_zh", rec.name_zh),
            ("description", rec.description),
        ]
    return [
        *(("titles", t.text) for t in rec.titles),
        ("document_number", rec.document_number),
        ("summary", rec.summary),
    ]


def _searchable(p: Plan) -> list[tuple[str, SearchRecord]]:
    out: list[tuple[str, SearchRecord]] = [("industry", i) for i in p.industries]
    out += [("target", t) for t in p.targets]
    out += [("goal", g) for g in p.goals]
    if p.context is not None:
        out += [("driver", c) for c in p.context.drivers]
        out += [("national_policy", c) for c in p.context.national_policy]
        out += [("challenge", c) for c in p.context.challenges]
        out += [("definition", d) for d in p.context.definitions]
    out += [("indicator", i) for i in p.indicators]
    out += [("document", d) for d in p.related_documents]
    return out


def search(text: str, *, plan: Plan | None = None) -> tuple[SearchHit, ...]:
    """Records whose names or text contain ``text`` (English or Chinese).

    Matching ignores case, width and extra whitespace.  Results come in a stable order:
    industries, targets, goals, context (drivers, national policy, challenges,
    definitions), indicators, related documents — each in the plan's order; one hit per
    record, naming the first field that matched.
    """
    needle = normalize(text)
    if not needle:
        raise ValueError("search text must not be empty")
    p = _plan(plan)
    idx = index_for(p)
    key = ("search", needle)
    found = idx.memo.get(key)
    if found is None:
        table = idx.memo.get(("search-table",))
        if table is None:
            table = idx.memo[("search-table",)] = _search_table(p)
        hits: list[SearchHit] = []
        for kind, rec, fields in table:  # type: ignore[attr-defined]
            for name, value, folded in fields:
                if needle in folded:
                    hits.append(SearchHit(record=rec, kind=kind, id=rec.id, field=name, text=value))
                    break
        if len(idx.memo) > 512:  # keep the memo small: free text can be anything
            idx.memo.clear()
        found = idx.memo[key] = tuple(hits)
    return found  # type: ignore[return-value]


def _search_table(p: Plan) -> list[tuple[str, SearchRecord, list[tuple[str, str, str]]]]:
    """Every searchable record with its fields' text, normalised once per plan."""
    return [
        (kind, rec, [(n, v, normalize(v)) for n, v in _search_fields(rec) if v is not None])
        for kind, rec in _searchable(p)
    ]


# --------------------------------------------------------------------- sources


def source(source_id: "str | Citation", *, plan: Plan | None = None) -> Source:
    """The :class:`~shanghai_plan.Source` a citation (or a source id) points at."""
    idx = index_for(_plan(plan))
    sid = source_id.source_id if isinstance(source_id, Citation) else source_id
    try:
        return idx.source_by_id[sid]
    except KeyError:
        cands = {normalize(k): k for k in idx.source_by_id}
        raise NotFoundError("source", sid, _suggest(sid, cands)) from None


def sources(
    confidence: "Confidence | Literal['primary', 'secondary', 'weak'] | None" = None,
    *,
    plan: Plan | None = None,
) -> tuple[Source, ...]:
    """Every source, or only those of one confidence level."""
    p = _plan(plan)
    if confidence is None:
        return p.sources
    wanted = confidence if isinstance(confidence, Confidence) else Confidence(confidence)
    return tuple(s for s in p.sources if s.confidence is wanted)


def cited_sources(rec: object, *, plan: Plan | None = None) -> tuple[Source, ...]:
    """The sources a record cites, in citation order without repeats."""
    citations: tuple[Citation, ...] = getattr(rec, "citations", ())
    seen = dict.fromkeys(c.source_id for c in citations)
    return tuple(source(sid, plan=plan) for sid in seen)


# ------------------------------------------- indicators, documents, conflicts


def indicators(
    industry: "str | Industry | None" = None, *, plan: Plan | None = None
) -> tuple[Indicator, ...]:
    """Every indicator, or those concerning one industry (any key :func:`industry` takes)."""
    p = _plan(plan)
    if industry is None:
        return p.indicators
    iid = _industry_id(industry, p)
    return tuple(i for i in p.indicators if iid in i.industry_ids)


def indicator(indicator_id: "str | Target", *, plan: Plan | None = None) -> Indicator:
    """An indicator by id, or the indicator a target measures.

    Raises :class:`~shanghai_plan.NotFoundError` for an unknown id or a target that points
    at no indicator.
    """
    if isinstance(indicator_id, Target):
        if indicator_id.indicator_id is None:
            raise NotFoundError("indicator", f"(none set on target {indicator_id.id})")
        indicator_id = indicator_id.indicator_id
    found = index_for(_plan(plan)).record_by_id.get(indicator_id)
    if not isinstance(found, Indicator):
        p = _plan(plan)
        cands = {normalize(i.id): i.id for i in p.indicators}
        raise NotFoundError("indicator", indicator_id, _suggest(indicator_id, cands))
    return found


def observations(
    indicator_id: "str | Indicator | Target",
    *,
    year: int | None = None,
    plan: Plan | None = None,
) -> tuple[Observation, ...]:
    """An indicator's observations in year order (only ``year``'s if given)."""
    ind = (
        indicator_id if isinstance(indicator_id, Indicator) else indicator(indicator_id, plan=plan)
    )
    found = sorted(ind.observations, key=lambda o: (o.year, o.coverage is None))
    return tuple(o for o in found if year is None or o.year == year)


def documents(
    relation: "Relation | str | None" = None, *, plan: Plan | None = None
) -> tuple[Document, ...]:
    """The related documents (national policy, parent plan, siblings, revisions, successors)."""
    p = _plan(plan)
    if relation is None:
        return p.related_documents
    wanted = relation if isinstance(relation, Relation) else Relation(relation)
    return tuple(d for d in p.related_documents if d.relation is wanted)


def document(document_id: str, *, plan: Plan | None = None) -> Document:
    """A related document by id; :class:`~shanghai_plan.NotFoundError` otherwise."""
    p = _plan(plan)
    for d in p.related_documents:
        if d.id == document_id:
            return d
    cands = {normalize(d.id): d.id for d in p.related_documents}
    raise NotFoundError("document", document_id, _suggest(document_id, cands))


def conflicts(record_id: str | None = None, *, plan: Plan | None = None) -> tuple[Conflict, ...]:
    """Where sources disagree; with ``record_id``, only conflicts involving that record."""
    p = _plan(plan)
    if record_id is None:
        return p.conflicts
    return tuple(c for c in p.conflicts if any(record_id in s.record_ids for s in c.sides))


def _record_key(value: "str | Target | Indicator | Industry | Document") -> str:
    return value if isinstance(value, str) else value.id


def findings(
    about: "str | Target | Indicator | None" = None,
    *,
    bearing: "Bearing | str | None" = None,
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
    wanted = bearing if isinstance(bearing, Bearing) else Bearing(bearing)
    return tuple(f for f in found if f.bearing is wanted)


def gaps(
    about: "str | Target | Indicator | Industry | Document | None" = None,
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
