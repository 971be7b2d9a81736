"""Checks that hold across records, run after structuring (types are the converter's job).

* every record id is unique across the whole plan;
* every record that states a fact cites at least one source, and every citation,
  industry, indicator, document and observation reference resolves;
* dates and years are sane (periods run forwards, deadlines follow baselines,
  shares lie within 0–100, published dates are ISO 8601 calendar dates, every year and
  date lies within 1949–2100);
* the file is written for the schema version this library reads.

Problems are reported with the JSON path of the offending value; nothing stops at the
first problem.
"""

import datetime as dt
import re
from typing import Any

from ._records import records, walk
from .errors import DataProblem
from .model import (
    Conflict,
    Document,
    Finding,
    Gap,
    Indicator,
    Measure,
    Observation,
    Plan,
    Quantity,
    Source,
    Target,
    Unit,
)

__all__ = ["check"]

SCHEMA_VERSION = 1
"""The only ``schema_version`` this version of the library reads."""
MIN_YEAR = 1949
MAX_YEAR = 2100
_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?", re.ASCII)
_LANGUAGE = re.compile(r"[a-z]{2}")


def check(plan: Plan) -> list[DataProblem]:
    """Return every cross-record problem in ``plan`` (empty when the plan is sound)."""
    # Paths are most of the cost of a walk and are needed only to report a problem: a
    # sound plan is checked without them, and a plan with problems checked again with.
    recs = list(records(plan))
    if not _check(plan, recs, None):
        return []
    found = list(walk(plan, "$"))
    return _check(plan, [rec for rec, _ in found], [path for _, path in found])


def _check(plan: Plan, recs: list[object], paths: list[str] | None) -> list[DataProblem]:
    """The problems of ``recs`` (every record of ``plan``, in walk order); without
    ``paths`` every path is reported as "" (good enough to tell whether there are any)."""
    problems: list[DataProblem] = []
    at = paths if paths is not None else [""] * len(recs)
    add = problems.append

    if plan.schema_version != SCHEMA_VERSION:
        add(
            DataProblem(
                "$.schema_version",
                f"unsupported schema_version {plan.schema_version}; "
                f"this version of shanghai_plan reads schema_version {SCHEMA_VERSION}",
            )
        )

    # -- ids are unique across the plan
    seen: dict[str, str] = {}
    for rec, path in zip(recs, at, strict=True):
        rid = getattr(rec, "id", None)
        if not isinstance(rid, str):
            continue
        if not rid.strip():
            add(DataProblem(f"{path}.id", "id must not be empty"))
        elif rid in seen:
            add(DataProblem(f"{path}.id", f"duplicate id {rid!r} (first used at {seen[rid]})"))
        else:
            seen[rid] = path

    source_ids = {s.id for s in plan.sources}
    industry_ids = {i.id for i in plan.industries}
    indicator_ids = {i.id for i in plan.indicators}
    document_ids = {plan.id} | {d.id for d in plan.related_documents}
    target_ids = {t.id for t in plan.targets}
    observation_ids = {o.id for i in plan.indicators for o in i.observations}

    def ref(value: str, known: set[str], kind: str, where: str) -> None:
        if value not in known:
            add(DataProblem(where, f"unknown {kind} {value!r}"))

    for rec, path in zip(recs, at, strict=True):
        cls = rec.__class__
        plan_of = _CHECKS.get(cls)
        if plan_of is None:
            plan_of = _CHECKS[cls] = _checks_for(cls)
        if plan_of is _NOTHING:  # a citation, say: checked with the record that holds it
            continue
        cites, industries, years, dates, language, kind = plan_of
        # -- every record that states a fact cites a source, and citations resolve
        if cites:
            citations = rec.citations  # type: ignore[attr-defined]
            if isinstance(citations, tuple):
                if not citations:
                    add(DataProblem(f"{path}.citations", "a record must cite at least one source"))
                for i, c in enumerate(citations):
                    if c.source_id not in source_ids:
                        where = f"{path}.citations[{i}].source_id"
                        add(DataProblem(where, f"unknown source {c.source_id!r}"))
                    if not c.locator.strip():
                        add(DataProblem(f"{path}.citations[{i}].locator", "locator is empty"))
        if industries:
            for i, value in enumerate(rec.industry_ids):  # type: ignore[attr-defined]
                ref(value, industry_ids, "industry", f"{path}.industry_ids[{i}]")
        for name in years:
            year = getattr(rec, name)
            if isinstance(year, int) and not MIN_YEAR <= year <= MAX_YEAR:
                add(DataProblem(f"{path}.{name}", f"year {year} is outside {MIN_YEAR}–{MAX_YEAR}"))
        for name in dates:
            date = getattr(rec, name)
            if isinstance(date, dt.date) and not MIN_YEAR <= date.year <= MAX_YEAR:
                add(DataProblem(f"{path}.{name}", f"date {date} is outside {MIN_YEAR}–{MAX_YEAR}"))
        if language:
            code = rec.language  # type: ignore[attr-defined]
            if isinstance(code, str) and not _LANGUAGE.fullmatch(code):
                add(DataProblem(f"{path}.language", "expected an ISO 639-1 code such as 'zh'"))
        if kind is None:
            continue
        if kind is Target:
            _check_target(rec, path, add, ref, indicator_ids, document_ids)  # type: ignore[arg-type]
        elif kind is Indicator:
            _check_indicator(rec, path, add)  # type: ignore[arg-type]
        elif kind is Observation:
            obs: Observation = rec  # type: ignore[assignment]
            for i, oid in enumerate(obs.derived_from):
                ref(oid, observation_ids, "observation", f"{path}.derived_from[{i}]")
            if obs.basis.value == "derived" and not obs.derived_from:
                add(DataProblem(f"{path}.derived_from", "a derived observation names its inputs"))
        elif kind is Source:
            _check_source(rec, path, add)  # type: ignore[arg-type]
        elif kind is Finding:
            f: Finding = rec  # type: ignore[assignment]
            for i, tid in enumerate(f.target_ids):
                ref(tid, target_ids, "target", f"{path}.target_ids[{i}]")
            for i, iid in enumerate(f.indicator_ids):
                ref(iid, indicator_ids, "indicator", f"{path}.indicator_ids[{i}]")
            if not f.target_ids and not f.indicator_ids:
                add(DataProblem(f"{path}.target_ids", "a finding names a target or an indicator"))
            if f.stated is not None:
                _check_partial_date(f.stated, f"{path}.stated", add)
        elif kind is Gap:
            g: Gap = rec  # type: ignore[assignment]
            for i, rid in enumerate(g.record_ids):
                if rid not in seen and rid != plan.id:
                    add(DataProblem(f"{path}.record_ids[{i}]", f"unknown record {rid!r}"))
            for i, c in enumerate(g.checked):
                ref(c.source_id, source_ids, "source", f"{path}.checked[{i}].source_id")
            for i, year in enumerate(g.years):
                if not MIN_YEAR <= year <= MAX_YEAR:
                    msg = f"year {year} is outside {MIN_YEAR}–{MAX_YEAR}"
                    add(DataProblem(f"{path}.years[{i}]", msg))
            if not g.searched.strip():
                add(DataProblem(f"{path}.searched", "a gap says what was looked for"))
        elif kind is Conflict:
            _check_conflict(rec, path, add, seen)  # type: ignore[arg-type]
        elif kind is Document:
            doc: Document = rec  # type: ignore[assignment]
            if doc.period and doc.period.start_year > doc.period.end_year:
                add(DataProblem(f"{path}.period", "period ends before it starts"))
        elif kind is Quantity:
            q: Quantity = rec  # type: ignore[assignment]
            if q.value < 0 and q.unit not in (Unit.PERCENT, Unit.PERCENTAGE_POINTS):
                add(DataProblem(f"{path}.value", f"negative {q.unit.value}: {q.value}"))

    if plan.period.start_year > plan.period.end_year:
        add(DataProblem("$.period", "period ends before it starts"))
    return problems


_YEAR_NAMES = ("year", "start_year", "end_year", "baseline_year")
_DATE_NAMES = ("date", "data_as_of")
_KINDS = (Target, Indicator, Observation, Source, Finding, Gap, Conflict, Document, Quantity)

_CHECKS: dict[type, tuple[bool, bool, tuple[str, ...], tuple[str, ...], bool, type | None]] = {}
"""For each record class, which of the checks above apply to it, worked out once: whether
it has citations, industry ids, a language; its year and date attributes; and which of the
record-specific checks is its own (the first class in ``_KINDS`` it is an instance of)."""


_NOTHING = (False, False, (), (), False, None)


def _checks_for(
    cls: type,
) -> tuple[bool, bool, tuple[str, ...], tuple[str, ...], bool, type | None]:
    found = (
        hasattr(cls, "citations"),
        hasattr(cls, "industry_ids"),
        tuple(n for n in _YEAR_NAMES if hasattr(cls, n)),
        tuple(n for n in _DATE_NAMES if hasattr(cls, n)),
        hasattr(cls, "language"),
        next((k for k in _KINDS if issubclass(cls, k)), None),
    )
    return _NOTHING if found == _NOTHING else found


def _check_target(
    t: Target, path: str, add: Any, ref: Any, indicator_ids: set[str], document_ids: set[str]
) -> None:
    ref(t.document_id, document_ids, "document", f"{path}.document_id")
    if t.indicator_id is not None:
        ref(t.indicator_id, indicator_ids, "indicator", f"{path}.indicator_id")
    for i, iid in enumerate(t.alternative_indicator_ids):
        ref(iid, indicator_ids, "indicator", f"{path}.alternative_indicator_ids[{i}]")
        if iid == t.indicator_id:
            where = f"{path}.alternative_indicator_ids[{i}]"
            add(DataProblem(where, "an alternative measure differs from indicator_id"))
    if (t.kind.value == "quantitative") != (t.quantity is not None):
        add(DataProblem(f"{path}.quantity", "a quantitative target has a quantity; others none"))
    if t.baseline_year is not None and t.year is not None and t.baseline_year > t.year:
        add(DataProblem(f"{path}.baseline_year", "baseline year is after the target year"))
    if t.start_year is not None and t.year is not None and t.start_year > t.year:
        add(DataProblem(f"{path}.start_year", "start year is after the target year"))
    if t.aggregation.value != "level" and t.start_year is None:
        add(DataProblem(f"{path}.start_year", f"a {t.aggregation.value} target needs a start year"))


def _check_indicator(ind: Indicator, path: str, add: Any) -> None:
    for i, obs in enumerate(ind.observations):
        where = f"{path}.observations[{i}].value"
        if ind.measure is Measure.SHARE and not 0 <= obs.value <= 100:
            add(DataProblem(where, f"a share must lie within 0–100, got {obs.value}"))
        elif ind.unit not in (Unit.PERCENT, Unit.PERCENTAGE_POINTS) and obs.value < 0:
            add(DataProblem(where, f"negative {ind.unit.value}: {obs.value}"))


def _check_partial_date(text: str, where: str, add: Any) -> None:
    if not _PARTIAL_DATE.fullmatch(text):
        add(DataProblem(where, "expected YYYY, YYYY-MM or YYYY-MM-DD"))
        return
    # Complete the missing parts so that month and day are checked as well.
    full = text + "-01-01"[len(text) - 4 :]
    try:
        year = dt.date.fromisoformat(full).year
    except ValueError:
        add(DataProblem(where, f"not a calendar date: {text!r}"))
    else:
        if not MIN_YEAR <= year <= MAX_YEAR:
            add(DataProblem(where, f"date {text} is outside {MIN_YEAR}–{MAX_YEAR}"))


def _check_source(s: Source, path: str, add: Any) -> None:
    if s.published is not None:
        _check_partial_date(s.published, f"{path}.published", add)
    if not s.url.startswith(("http://", "https://")):
        add(DataProblem(f"{path}.url", "expected an http(s) URL"))


def _check_conflict(c: Conflict, path: str, add: Any, ids: dict[str, str]) -> None:
    side_ids = {s.id for s in c.sides}
    if len(c.sides) < 2:
        add(DataProblem(f"{path}.sides", "a conflict has at least two sides"))
    if c.preferred_side_id is not None and c.preferred_side_id not in side_ids:
        add(DataProblem(f"{path}.preferred_side_id", f"not a side: {c.preferred_side_id!r}"))
    for i, side in enumerate(c.sides):
        for j, rid in enumerate(side.record_ids):
            if rid not in ids:
                add(DataProblem(f"{path}.sides[{i}].record_ids[{j}]", f"unknown record {rid!r}"))
