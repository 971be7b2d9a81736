"""Tables and files: plain records, pandas DataFrames, CSV, JSON and the JSON Schema.

* :func:`to_records` — a list of flat dicts (str / int / float / bool / None values) for
  one kind of record; no pandas needed (``pandas.DataFrame(to_records(...))`` works).
* :func:`to_dataframe` — the same as a DataFrame with proper dtypes (needs the
  ``pandas`` extra: ``pip install 'shanghai-plan[pandas]'``).
* :func:`to_csv` / :func:`write_csv` — the same records as CSV (UTF-8, header row).
* :func:`dumps` / :func:`dump` — a whole plan as JSON in the bundled file's schema
  (the converter's unstructure); ``loads(dumps(plan)) == plan``.
* :func:`json_schema` — the JSON Schema of that file, shipped with the package.

Multi-valued cells (industry ids, aliases, source ids) are joined with ``"; "``;
citations are written ``source_id: locator`` joined with ``" | "``.
"""

import csv
import io
import os
from collections.abc import Callable, Iterable
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal, get_args

from ._args import check_literal, check_plan
from .errors import MissingDependencyError
from .loading import load
from .model import Citation, Plan

if TYPE_CHECKING:
    import pandas

__all__ = [
    "RECORD_KINDS",
    "RecordKind",
    "dump",
    "dumps",
    "json_schema",
    "to_csv",
    "to_dataframe",
    "to_records",
    "write_csv",
]

RecordKind = Literal[
    "industries",
    "targets",
    "indicators",
    "observations",
    "sources",
    "progress",
    "goals",
    "documents",
    "conflicts",
]
RECORD_KINDS: tuple[str, ...] = get_args(RecordKind)
"""The kinds :func:`to_records` and friends accept."""

Row = dict[str, Any]


def _join(values: Iterable[str]) -> str:
    return "; ".join(values)


def _cites(citations: tuple[Citation, ...]) -> dict[str, str]:
    return {
        "source_ids": _join(dict.fromkeys(c.source_id for c in citations)),
        "citations": " | ".join(f"{c.source_id}: {c.locator}" for c in citations),
    }


def _value(v: Any) -> Any:
    return v.value if isinstance(v, Enum) else v


def _industries(p: Plan) -> list[Row]:
    return [
        {
            "id": i.id,
            "name_en": i.name_en,
            "name_zh": i.name_zh,
            "tier": i.tier.value,
            "tier_zh": i.tier.name_zh,
            "aliases": _join(a.name for a in i.aliases),
            "focus_areas": _join(f.name_en for f in i.focus_areas),
            "description": i.description,
            **_cites(i.citations),
        }
        for i in p.industries
    ]


def _targets(p: Plan) -> list[Row]:
    rows = []
    for t in p.targets:
        q = t.quantity
        rows.append(
            {
                "id": t.id,
                "document_id": t.document_id,
                "kind": t.kind.value,
                "statement": t.statement,
                "term_zh": t.term_zh,
                "industry_ids": _join(t.industry_ids),
                "year": t.year,
                "start_year": t.start_year,
                "baseline_year": t.baseline_year,
                "value": q.value if q else None,
                "unit": q.unit.value if q else None,
                "comparator": q.comparator.value if q else None,
                "wording": q.wording if q else None,
                "indicator_id": t.indicator_id,
                "notes": t.notes,
                **_cites(t.citations),
            }
        )
    return rows


def _indicators(p: Plan) -> list[Row]:
    return [
        {
            "id": i.id,
            "name_en": i.name_en,
            "name_zh": i.name_zh,
            "unit": i.unit.value,
            "measure": i.measure.value,
            "geography": i.geography,
            "industry_ids": _join(i.industry_ids),
            "observations": len(i.observations),
            "description": i.description,
            **_cites(i.citations),
        }
        for i in p.indicators
    ]


def _observations(p: Plan) -> list[Row]:
    return [
        {
            "id": o.id,
            "indicator_id": i.id,
            "indicator": i.name_en,
            "measure": i.measure.value,
            "year": o.year,
            "value": o.value,
            "unit": i.unit.value,
            "comparator": o.comparator.value,
            "basis": o.basis.value,
            "coverage": o.coverage,
            "derived_from": _join(o.derived_from),
            "method": o.method,
            "notes": o.notes,
            **_cites(o.citations),
        }
        for i in p.indicators
        for o in i.observations
    ]


def _sources(p: Plan) -> list[Row]:
    return [
        {
            "id": s.id,
            "title": s.title,
            "publisher": s.publisher,
            "published": s.published,
            "url": s.url,
            "language": s.language,
            "kind": s.kind.value,
            "confidence": s.confidence.value,
            "mirror": s.mirror,
            "original_outlet": s.original_outlet,
            "notes": s.notes,
        }
        for s in p.sources
    ]


def _progress(p: Plan) -> list[Row]:
    from .analysis import progress

    rows = []
    for r in progress(all_documents=True, plan=p):
        b, latest = r.baseline, r.latest
        rows.append(
            {
                "target_id": r.target_id,
                "document_id": r.target.document_id,
                "status": r.status.value,
                "goal": r.goal,
                "unit": _value(r.unit),
                "comparator": r.target.quantity.comparator.value if r.target.quantity else None,
                "deadline": r.target.year,
                "baseline_year": b.year if b else None,
                "baseline_value": b.value if b else None,
                "latest_year": latest.year if latest else None,
                "latest_value": latest.value if latest else None,
                "latest_basis": latest.basis.value if latest else None,
                "share_of_goal": r.share_of_goal,
                "implied_growth": r.implied_growth,
                "achieved_growth": r.achieved_growth,
                "rests_on": _join(o.id for o in r.rests_on),
                "confidence": _value(r.confidence),
                "explanation": r.explanation,
            }
        )
    return rows


def _goals(p: Plan) -> list[Row]:
    return [
        {
            "id": g.id,
            "kind": g.kind.value,
            "year": g.year,
            "text": g.text,
            "term_zh": g.term_zh,
            **_cites(g.citations),
        }
        for g in p.goals
    ]


def _documents(p: Plan) -> list[Row]:
    rows = []
    for d in p.related_documents:
        titles = {t.language: t.text for t in reversed(d.titles)}
        rows.append(
            {
                "id": d.id,
                "relation": d.relation.value,
                "title_zh": titles.get("zh"),
                "title_en": titles.get("en"),
                "document_number": d.document_number,
                "issuer": d.issuer.name_en if d.issuer else None,
                "period_start": d.period.start_year if d.period else None,
                "period_end": d.period.end_year if d.period else None,
                "events": _join(f"{e.kind.value} {e.date.isoformat()}" for e in d.events),
                "targets": sum(1 for t in p.targets if t.document_id == d.id),
                "summary": d.summary,
                **_cites(d.citations),
            }
        )
    return rows


def _conflicts(p: Plan) -> list[Row]:
    return [
        {
            "conflict_id": c.id,
            "topic": c.topic,
            "side_id": s.id,
            "preferred": None if c.preferred_side_id is None else c.preferred_side_id == s.id,
            "claim": s.claim,
            "measures": s.measures,
            "value": s.quantity.value if s.quantity else None,
            "unit": s.quantity.unit.value if s.quantity else None,
            "comparator": s.quantity.comparator.value if s.quantity else None,
            "record_ids": _join(s.record_ids),
            "resolution": c.resolution,
            **_cites(s.citations),
        }
        for c in p.conflicts
        for s in c.sides
    ]


_BUILDERS: dict[str, Callable[[Plan], list[Row]]] = {
    "industries": _industries,
    "targets": _targets,
    "indicators": _indicators,
    "observations": _observations,
    "sources": _sources,
    "progress": _progress,
    "goals": _goals,
    "documents": _documents,
    "conflicts": _conflicts,
}


def _builder(kind: str) -> Callable[[Plan], list[Row]]:
    return _BUILDERS[check_literal(kind, RECORD_KINDS, "kind")]


def to_records(kind: RecordKind, *, plan: Plan | None = None) -> list[dict[str, Any]]:
    """One kind of record as a list of flat dicts (see :data:`RECORD_KINDS`).

    ``kind`` is compared case-insensitively; an unknown kind raises
    :class:`~shanghai_plan.InvalidChoiceError` listing the kinds.
    """
    build, plan = _builder(kind), check_plan(plan)
    return build(load() if plan is None else plan)


# column -> pandas dtype for to_dataframe; anything not named is "string"
_INT_COLUMNS = {
    "year",
    "start_year",
    "baseline_year",
    "deadline",
    "latest_year",
    "period_start",
    "period_end",
    "observations",
    "targets",
}
_FLOAT_COLUMNS = {
    "value",
    "goal",
    "baseline_value",
    "latest_value",
    "share_of_goal",
    "implied_growth",
    "achieved_growth",
}
_CATEGORY_COLUMNS = {
    "tier",
    "kind",
    "unit",
    "comparator",
    "measure",
    "basis",
    "confidence",
    "status",
    "relation",
    "language",
    "latest_basis",
}
_BOOL_COLUMNS = {"mirror", "preferred"}


def to_dataframe(kind: RecordKind, *, plan: Plan | None = None) -> "pandas.DataFrame":
    """One kind of record as a pandas DataFrame with proper dtypes.

    Years are nullable integers (``Int64``), figures ``float64``, closed vocabularies
    ``category``, flags nullable ``boolean``, text ``string``.  Needs pandas
    (``pip install 'shanghai-plan[pandas]'``); raises
    :class:`~shanghai_plan.errors.MissingDependencyError` otherwise.
    """
    rows = to_records(kind, plan=plan)
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError("to_dataframe()", "pandas", "pandas") from None
    columns = list(rows[0]) if rows else []
    frame = pd.DataFrame.from_records(rows, columns=columns)
    dtypes: dict[str, str] = {}
    for col in columns:
        if col in _INT_COLUMNS:
            dtypes[col] = "Int64"
        elif col in _FLOAT_COLUMNS:
            dtypes[col] = "float64"
        elif col in _CATEGORY_COLUMNS:
            dtypes[col] = "category"
        elif col in _BOOL_COLUMNS:
            dtypes[col] = "boolean"
        else:
            dtypes[col] = "string"
    typed: pandas.DataFrame = frame.astype(dtypes)  # type: ignore[arg-type,unused-ignore]
    return typed


def to_csv(kind: RecordKind, *, plan: Plan | None = None) -> str:
    """One kind of record as CSV text (header row; empty cells for missing values)."""
    return csv_text(to_records(kind, plan=plan))


def csv_text(rows: list[Row]) -> str:
    """Flat records (as :func:`to_records` makes them) as CSV text; empty for no rows."""
    buf = io.StringIO()
    _write_csv(rows, buf)
    return buf.getvalue()


def write_csv(
    kind: RecordKind, path: "str | os.PathLike[str]", *, plan: Plan | None = None
) -> None:
    """Write one kind of record to a CSV file (UTF-8)."""
    rows = to_records(kind, plan=plan)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        _write_csv(rows, fh)


def _write_csv(rows: list[Row], fh: Any) -> None:
    if not rows:
        return
    writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def dumps(plan: Plan | None = None, *, indent: int | None = 2) -> str:
    """A plan as JSON text in the plan-file schema (``loads(dumps(p)) == p``)."""
    import json

    from ._converter import unstructure

    plan = check_plan(plan)
    return json.dumps(
        unstructure(load() if plan is None else plan), ensure_ascii=False, indent=indent
    )


def dump(path: "str | os.PathLike[str]", plan: Plan | None = None) -> None:
    """Write a plan to ``path`` as JSON (UTF-8) in the plan-file schema."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(dumps(plan) + "\n")


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a plan file, as shipped with the package."""
    from .schema import bundled

    return bundled()
