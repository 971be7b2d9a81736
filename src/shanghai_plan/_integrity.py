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
import functools
import operator
import re
from itertools import chain
from typing import Any

from ._records import NOT_NONE, by_class, walk
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
    # sound plan is recognised by _sound, and only a plan it doubts is walked with paths.
    if _sound(plan):
        return []
    found = list(walk(plan, "$"))
    return _check(plan, [rec for rec, _ in found], [path for _, path in found])


def _check(plan: Plan, recs: list[object], at: list[str]) -> list[DataProblem]:
    """The problems of ``recs`` (every record of ``plan``, in walk order, at the JSON
    paths ``at``), in that order."""
    problems: list[DataProblem] = []
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

    source_ids, industry_ids, indicator_ids, document_ids, target_ids, observation_ids = _known(
        plan
    )

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


def _known(plan: Plan) -> tuple[set[str], ...]:
    """The ids that references may name: of sources, industries, indicators, documents
    (the plan's own id included), targets and observations."""
    return (
        {s.id for s in plan.sources},
        {i.id for i in plan.industries},
        {i.id for i in plan.indicators},
        {plan.id} | {d.id for d in plan.related_documents},
        {t.id for t in plan.targets},
        {o.id for i in plan.indicators for o in i.observations},
    )


_ID = operator.attrgetter("id")
_CITATIONS = operator.attrgetter("citations")
_SOURCE_ID = operator.attrgetter("source_id")
_LOCATOR = operator.attrgetter("locator")
_INDUSTRY_IDS = operator.attrgetter("industry_ids")
_YEAR = operator.attrgetter("year")
_NO_SIGN = (Unit.PERCENT, Unit.PERCENTAGE_POINTS)  # units whose amounts may be negative


def _sound(plan: Plan) -> bool:
    """Whether :func:`_check` would find no problem in ``plan``, answered a record class
    at a time.

    The same rules as :func:`_check`, but each applied to all the records of a class at
    once, with the loop over them in C (``map``, set operations, ``min`` and ``max``)
    wherever a rule allows: a sound plan is recognised at a fraction of the cost of
    checking it record by record.  It says nothing about where a problem is, and it may
    doubt a sound plan (any exception counts as a doubt) but never passes an unsound
    one: :func:`check` runs the full check whenever it answers False, and the tests
    prove both agree on every rule.
    """
    try:
        return _sound_groups(plan, by_class(plan))
    except Exception:  # anything unexpected: let the full check say what it is
        return False


def _sound_groups(plan: Plan, groups: dict[type, list[Any]]) -> bool:
    if plan.schema_version != SCHEMA_VERSION or plan.period.start_year > plan.period.end_year:
        return False
    source_ids, industry_ids, indicator_ids, document_ids, target_ids, observation_ids = _known(
        plan
    )
    ids: list[str] = []
    for cls, recs in groups.items():
        if recs and hasattr(cls, "id"):
            ids.extend(map(_ID, recs))
    if not all(map(str.strip, ids)):
        return False
    seen = set(ids)
    if len(seen) != len(ids):
        return False

    for cls, recs in groups.items():
        if not recs:
            continue
        plan_of = _CHECKS.get(cls)
        if plan_of is None:
            plan_of = _CHECKS[cls] = _checks_for(cls)
        cites, industries, years, dates, language, kind = plan_of
        if cites:
            held = list(map(_CITATIONS, recs))
            if not all(held):  # an empty tuple: a record citing nothing
                return False
            citations = list(chain.from_iterable(held))
            if not source_ids.issuperset(map(_SOURCE_ID, citations)):
                return False
            if not all(map(str.strip, map(_LOCATOR, citations))):
                return False
        if industries and not industry_ids.issuperset(
            chain.from_iterable(map(_INDUSTRY_IDS, recs))
        ):
            return False
        for name in years:
            # None filtered out in C; a value that is not a number makes min(), max() or
            # the comparison raise, which counts as a doubt
            values = list(filter(NOT_NONE, map(operator.attrgetter(name), recs)))
            if not _within(values, MIN_YEAR, MAX_YEAR):
                return False
        for name in dates:
            values = list(map(_YEAR, filter(NOT_NONE, map(operator.attrgetter(name), recs))))
            if not _within(values, MIN_YEAR, MAX_YEAR):
                return False
        if language and not all(
            map(_LANGUAGE.fullmatch, map(operator.attrgetter("language"), recs))
        ):
            return False
        if kind is Target:
            for t in recs:
                if (
                    t.document_id not in document_ids
                    or (t.indicator_id is not None and t.indicator_id not in indicator_ids)
                    or not indicator_ids.issuperset(t.alternative_indicator_ids)
                    or (
                        t.indicator_id is not None and t.indicator_id in t.alternative_indicator_ids
                    )
                    or (t.kind == "quantitative") != (t.quantity is not None)
                    or (
                        t.year is not None
                        and t.baseline_year is not None
                        and t.baseline_year > t.year
                    )
                    or (t.year is not None and t.start_year is not None and t.start_year > t.year)
                    or (t.aggregation != "level" and t.start_year is None)
                ):
                    return False
        elif kind is Indicator:
            for ind in recs:
                values = [o.value for o in ind.observations]
                if ind.measure is Measure.SHARE:
                    if not _within(values, 0, 100):
                        return False
                elif ind.unit not in _NO_SIGN and values and min(values) < 0:
                    return False
        elif kind is Observation:
            if not observation_ids.issuperset(chain.from_iterable(o.derived_from for o in recs)):
                return False
            if any(o.basis == "derived" and not o.derived_from for o in recs):
                return False
        elif kind is Source:
            for s in recs:
                if not s.url.startswith(("http://", "https://")):
                    return False
                if s.published is not None and _partial_date_problem(s.published) is not None:
                    return False
        elif kind is Finding:
            for f in recs:
                if not (f.target_ids or f.indicator_ids):
                    return False
                if not target_ids.issuperset(f.target_ids) or not indicator_ids.issuperset(
                    f.indicator_ids
                ):
                    return False
                if f.stated is not None and _partial_date_problem(f.stated) is not None:
                    return False
        elif kind is Gap:
            for g in recs:
                if not g.searched.strip():
                    return False
                if not seen.issuperset(g.record_ids):  # the plan's own id is in seen
                    return False
                if not source_ids.issuperset(map(_SOURCE_ID, g.checked)):
                    return False
                if not _within(g.years, MIN_YEAR, MAX_YEAR):
                    return False
        elif kind is Conflict:
            for c in recs:
                if len(c.sides) < 2:
                    return False
                if c.preferred_side_id is not None and c.preferred_side_id not in set(
                    map(_ID, c.sides)
                ):
                    return False
                for side in c.sides:
                    if not seen.issuperset(side.record_ids):
                        return False
        elif kind is Document:
            for doc in recs:
                if doc.period and doc.period.start_year > doc.period.end_year:
                    return False
        elif kind is Quantity:
            for q in recs:
                if q.value < 0 and q.unit not in _NO_SIGN:
                    return False
    return True


def _within(values: "list[int] | list[float] | tuple[int, ...]", low: float, high: float) -> bool:
    """Whether every one of ``values`` lies within ``low``–``high`` (true when there are none)."""
    return not values or (min(values) >= low and max(values) <= high)


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
    problem = _partial_date_problem(text)
    if problem is not None:
        add(DataProblem(where, problem))


@functools.lru_cache(maxsize=4096)  # sources share publication dates
def _partial_date_problem(text: str) -> str | None:
    """What is wrong with ``text`` as a YYYY, YYYY-MM or YYYY-MM-DD date, or None."""
    if not _PARTIAL_DATE.fullmatch(text):
        return "expected YYYY, YYYY-MM or YYYY-MM-DD"
    # Complete the missing parts so that month and day are checked as well.
    full = text + "-01-01"[len(text) - 4 :]
    try:
        year = dt.date.fromisoformat(full).year
    except ValueError:
        return f"not a calendar date: {text!r}"
    if not MIN_YEAR <= year <= MAX_YEAR:
        return f"date {text} is outside {MIN_YEAR}–{MAX_YEAR}"
    return None


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
