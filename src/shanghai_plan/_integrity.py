"""Checks that hold across records, run after structuring (types are the converter's job).

* every record id is unique across the whole plan;
* every record that states a fact cites at least one source, and every citation,
  industry, indicator, document, target and observation reference resolves;
* a target continues only other targets, due earlier than its own deadline;
* dates and years are sane (periods run forwards, deadlines follow baselines,
  shares lie within 0–100, published dates are ISO 8601 calendar dates, every year and
  date lies within 1949–2100);
* the file is written for the schema version this library reads.

Each rule is written once, as a small check of one record that yields its problems with
their JSON paths; :func:`problems` runs the checks that apply to each record, one walk
over the plan, and nothing stops at the first problem.  The checks are generators, so a
caller can stop after as many problems as it wants to report.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from typing import Any, TypeGuard

from attrs import frozen

from ._records import walk
from .errors import DataProblem
from .model import (
    Citation,
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

__all__ = ["check", "problems"]

SCHEMA_VERSION = 1
"""The only ``schema_version`` this version of the library reads."""
MIN_YEAR = 1949
MAX_YEAR = 2100
_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?", re.ASCII)
_LANGUAGE = re.compile(r"[a-z]{2}")
_URL = re.compile(r"https?://[^/?#\s]+([/?#]\S*)?", re.ASCII)
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*", re.ASCII)
ID_RULE = "a lowercase ASCII slug: a-z or 0-9 first, then a-z, 0-9, '.', '_' or '-'"
"""What a record id is.  Every id in the bundled plan is one; the rule keeps look-alike
twins out (``ind-b`` and ``ind-b`` with a zero-width space, fullwidth ``ｉｎｄ-ｂ``, NFC and
NFD ``café``), which would otherwise be two records that print the same."""
_ID_LISTS = (
    "industry_ids",
    "alternative_indicator_ids",
    "target_ids",
    "indicator_ids",
    "record_ids",
    "derived_from",
    "continues",
)
_SIGNED = (Unit.PERCENT, Unit.PERCENTAGE_POINTS)  # units whose amounts may be negative
_YEAR_NAMES = ("year", "start_year", "end_year", "baseline_year")
_DATE_NAMES = ("date", "data_as_of")


@frozen
class _Known:
    """What references may name: the ids of each kind of record, and every record id
    with the path of the record that first uses it."""

    sources: set[str]
    industries: set[str]
    indicators: set[str]
    documents: set[str]  # the plan's own id included
    targets: dict[str, Target]
    observations: set[str]
    records: dict[str, str]


Problems = Iterator[DataProblem]
_Rule = Callable[[Any, str, _Known], Problems]


def check(plan: Plan) -> list[DataProblem]:
    """Every cross-record problem in ``plan`` (empty when the plan is sound)."""
    return list(problems(plan))


def problems(plan: Plan) -> Problems:
    """The cross-record problems of ``plan``, one at a time, in the order of the file."""
    # A citation has no id and no rule of its own: it is checked by the record that
    # holds it (_citations, _gap), so the walk leaves citations out.
    found = list(walk(plan, "$", skip=(Citation,)))
    yield from _plan(plan)
    records: dict[str, str] = {}
    for rec, path in found:
        rid = getattr(rec, "id", None)
        if not isinstance(rid, str):
            continue
        if not _ID.fullmatch(rid):
            yield DataProblem(f"{path}.id", f"id {rid!r} is not {ID_RULE}")
        elif rid in records:
            yield DataProblem(f"{path}.id", f"duplicate id {rid!r} (first used at {records[rid]})")
        else:
            records[rid] = path
    known = _Known(
        sources={s.id for s in plan.sources},
        industries={i.id for i in plan.industries},
        indicators={i.id for i in plan.indicators},
        documents={plan.id} | {d.id for d in plan.related_documents},
        targets={t.id: t for t in plan.targets},
        observations={o.id for i in plan.indicators for o in i.observations},
        records=records,
    )
    for rec, path in found:
        for rule in _rules(rec.__class__):
            yield from rule(rec, path, known)
    yield from _derivation_cycles(plan)


def _derivation_cycles(plan: Plan) -> Problems:
    """Observations whose ``derived_from`` leads back round to themselves (a → b → a).

    Inputs are settled first (a topological sort): whatever is never settled depends on
    a cycle, and is reported at its ``derived_from``.  Only derived observations can be
    on a cycle, so only they are sorted (an input that is not derived is settled from the
    start).  Self-references are the observation's own rule, and unknown ids are left to
    it as well.
    """
    inputs: dict[str, set[str]] = {}
    paths: dict[str, str] = {}
    for i, ind in enumerate(plan.indicators):
        for j, obs in enumerate(ind.observations):
            if obs.derived_from:
                inputs[obs.id] = {o for o in obs.derived_from if o != obs.id}
                paths[obs.id] = f"$.indicators[{i}].observations[{j}].derived_from"
    for deps in inputs.values():
        deps.intersection_update(inputs)
    users: dict[str, list[str]] = {oid: [] for oid in inputs}
    for oid, deps in inputs.items():
        for dep in deps:
            users[dep].append(oid)
    ready = [oid for oid, deps in inputs.items() if not deps]
    settled = set(ready)
    while ready:
        done = ready.pop()
        for user in users[done]:
            left = inputs[user]
            left.discard(done)
            if not left and user not in settled:
                settled.add(user)
                ready.append(user)
    for oid in inputs:
        if oid not in settled:
            yield DataProblem(
                paths[oid], "derived_from leads round a circle of observations (a → b → a)"
            )


def _plan(plan: Plan) -> Problems:
    if plan.schema_version != SCHEMA_VERSION:
        yield DataProblem(
            "$.schema_version",
            f"unsupported schema_version {plan.schema_version}; "
            f"this version of shanghai_plan reads schema_version {SCHEMA_VERSION}",
        )
    if plan.period.start_year > plan.period.end_year:
        yield DataProblem("$.period", "period ends before it starts")


_RULES: dict[type, tuple[_Rule, ...]] = {}


def _rules(cls: type) -> tuple[_Rule, ...]:
    """The checks that apply to records of ``cls``: the shared ones its fields call for,
    then its own (worked out once per class)."""
    found = _RULES.get(cls)
    if found is None:
        found = _RULES[cls] = _rules_for(cls)
    return found


def _rules_for(cls: type) -> tuple[_Rule, ...]:
    rules: list[_Rule] = []
    if hasattr(cls, "citations"):
        rules.append(_citations)
    if hasattr(cls, "industry_ids"):
        rules.append(_industry_ids)
    years = tuple(n for n in _YEAR_NAMES if hasattr(cls, n))
    if years:
        rules.append(functools.partial(_years, names=years))
    dates = tuple(n for n in _DATE_NAMES if hasattr(cls, n))
    if dates:
        rules.append(functools.partial(_dates, names=dates))
    if hasattr(cls, "language"):
        rules.append(_language)
    if hasattr(cls, "titles"):
        rules.append(_titles)
    lists = tuple(n for n in _ID_LISTS if hasattr(cls, n))
    if lists:
        rules.append(functools.partial(_no_repeats, names=lists))
    own = _OWN.get(cls)
    if own is not None:
        rules.append(own)
    return tuple(rules)


def _in_range(year: int | None) -> TypeGuard[int]:
    """Whether ``year`` is given and sane (a year out of range is reported on its own
    and not compared again)."""
    return year is not None and MIN_YEAR <= year <= MAX_YEAR


def _unknown(kind: str, value: str, where: str) -> DataProblem:
    return DataProblem(where, f"unknown {kind} {value!r}")


def _citations(rec: Any, path: str, known: _Known) -> Problems:
    citations = rec.citations
    if not isinstance(citations, tuple):
        return
    if not citations:
        yield DataProblem(f"{path}.citations", "a record must cite at least one source")
    for i, c in enumerate(citations):
        if c.source_id not in known.sources:
            yield _unknown("source", c.source_id, f"{path}.citations[{i}].source_id")


def _industry_ids(rec: Any, path: str, known: _Known) -> Problems:
    for i, value in enumerate(rec.industry_ids):
        if value not in known.industries:
            yield _unknown("industry", value, f"{path}.industry_ids[{i}]")


def _years(rec: Any, path: str, known: _Known, names: tuple[str, ...]) -> Problems:
    for name in names:
        year = getattr(rec, name)
        if isinstance(year, int) and not MIN_YEAR <= year <= MAX_YEAR:
            yield DataProblem(f"{path}.{name}", f"year {year} is outside {MIN_YEAR}–{MAX_YEAR}")


def _dates(rec: Any, path: str, known: _Known, names: tuple[str, ...]) -> Problems:
    for name in names:
        date = getattr(rec, name)
        if isinstance(date, dt.date) and not MIN_YEAR <= date.year <= MAX_YEAR:
            yield DataProblem(f"{path}.{name}", f"date {date} is outside {MIN_YEAR}–{MAX_YEAR}")


def _language(rec: Any, path: str, known: _Known) -> Problems:
    code = rec.language
    if isinstance(code, str) and not _LANGUAGE.fullmatch(code):
        yield DataProblem(f"{path}.language", "expected an ISO 639-1 code such as 'zh'")


def _titles(rec: Any, path: str, known: _Known) -> Problems:
    if not rec.titles:
        yield DataProblem(f"{path}.titles", "at least one title is needed")


def _no_repeats(rec: Any, path: str, known: _Known, names: tuple[str, ...]) -> Problems:
    for name in names:
        seen: set[str] = set()
        for i, value in enumerate(getattr(rec, name)):
            if value in seen:
                yield DataProblem(f"{path}.{name}[{i}]", f"{value!r} is listed twice")
            seen.add(value)


def _target(t: Target, path: str, known: _Known) -> Problems:
    if t.document_id not in known.documents:
        yield _unknown("document", t.document_id, f"{path}.document_id")
    if t.indicator_id is not None and t.indicator_id not in known.indicators:
        yield _unknown("indicator", t.indicator_id, f"{path}.indicator_id")
    for i, iid in enumerate(t.alternative_indicator_ids):
        where = f"{path}.alternative_indicator_ids[{i}]"
        if iid not in known.indicators:
            yield _unknown("indicator", iid, where)
        if iid == t.indicator_id:
            yield DataProblem(where, "an alternative measure differs from indicator_id")
    if (t.kind.value == "quantitative") != (t.quantity is not None):
        yield DataProblem(f"{path}.quantity", "a quantitative target has a quantity; others none")
    if t.baseline_year is not None and t.year is not None and t.baseline_year > t.year:
        yield DataProblem(f"{path}.baseline_year", "baseline year is after the target year")
    if t.start_year is not None and t.year is not None and t.start_year > t.year:
        yield DataProblem(f"{path}.start_year", "start year is after the target year")
    if t.aggregation.value != "level" and t.start_year is None:
        yield DataProblem(
            f"{path}.start_year", f"a {t.aggregation.value} target needs a start year"
        )
    for i, tid in enumerate(t.continues):
        earlier = known.targets.get(tid)
        where = f"{path}.continues[{i}]"
        if tid == t.id:
            yield DataProblem(where, "a target does not continue itself")
        elif earlier is None:
            yield _unknown("target", tid, where)
        elif _in_range(earlier.year) and _in_range(t.year) and earlier.year >= t.year:
            yield DataProblem(
                where,
                f"continues {tid!r}, due in {earlier.year}: a target continues only one "
                f"due earlier than its own {t.year}",
            )


def _indicator(ind: Indicator, path: str, known: _Known) -> Problems:
    for i, obs in enumerate(ind.observations):
        where = f"{path}.observations[{i}].value"
        if ind.measure is Measure.SHARE and not 0 <= obs.value <= 100:
            yield DataProblem(where, f"a share must lie within 0–100, got {obs.value}")
        elif ind.measure is Measure.GROWTH_RATE and obs.value <= -100:
            yield DataProblem(where, f"a growth rate must lie above -100 %, got {obs.value}")
        elif ind.unit not in _SIGNED and obs.value < 0:
            yield DataProblem(where, f"negative {ind.unit.value}: {obs.value}")


def _observation(obs: Observation, path: str, known: _Known) -> Problems:
    for i, oid in enumerate(obs.derived_from):
        if oid == obs.id:
            yield DataProblem(
                f"{path}.derived_from[{i}]", "an observation is not derived from itself"
            )
        elif oid not in known.observations:
            yield _unknown("observation", oid, f"{path}.derived_from[{i}]")
    if obs.basis.value == "derived" and not obs.derived_from:
        yield DataProblem(f"{path}.derived_from", "a derived observation names its inputs")


def _source(s: Source, path: str, known: _Known) -> Problems:
    if s.published is not None:
        yield from _partial_date(s.published, f"{path}.published")
    if not _URL.fullmatch(s.url):
        yield DataProblem(f"{path}.url", "expected an http(s) URL with a host")


def _finding(f: Finding, path: str, known: _Known) -> Problems:
    for i, tid in enumerate(f.target_ids):
        if tid not in known.targets:
            yield _unknown("target", tid, f"{path}.target_ids[{i}]")
    for i, iid in enumerate(f.indicator_ids):
        if iid not in known.indicators:
            yield _unknown("indicator", iid, f"{path}.indicator_ids[{i}]")
    if not f.target_ids and not f.indicator_ids:
        yield DataProblem(f"{path}.target_ids", "a finding names a target or an indicator")
    if f.stated is not None:
        yield from _partial_date(f.stated, f"{path}.stated")


def _gap(g: Gap, path: str, known: _Known) -> Problems:
    for i, rid in enumerate(g.record_ids):
        if rid == g.id:
            yield DataProblem(f"{path}.record_ids[{i}]", "a gap does not name itself")
        elif rid not in known.records:
            yield _unknown("record", rid, f"{path}.record_ids[{i}]")
    for i, c in enumerate(g.checked):
        if c.source_id not in known.sources:
            yield _unknown("source", c.source_id, f"{path}.checked[{i}].source_id")
    for i, year in enumerate(g.years):
        if not MIN_YEAR <= year <= MAX_YEAR:
            yield DataProblem(f"{path}.years[{i}]", f"year {year} is outside {MIN_YEAR}–{MAX_YEAR}")


def _conflict(c: Conflict, path: str, known: _Known) -> Problems:
    if len(c.sides) < 2:
        yield DataProblem(f"{path}.sides", "a conflict has at least two sides")
    if c.preferred_side_id is not None and c.preferred_side_id not in {s.id for s in c.sides}:
        yield DataProblem(f"{path}.preferred_side_id", f"not a side: {c.preferred_side_id!r}")
    for i, side in enumerate(c.sides):
        for j, rid in enumerate(side.record_ids):
            where = f"{path}.sides[{i}].record_ids[{j}]"
            if rid == c.id or rid == side.id:
                yield DataProblem(where, "a side names a record, not its own conflict or side")
            elif rid not in known.records:
                yield _unknown("record", rid, where)


def _document(doc: Document, path: str, known: _Known) -> Problems:
    if doc.period and doc.period.start_year > doc.period.end_year:
        yield DataProblem(f"{path}.period", "period ends before it starts")


def _quantity(q: Quantity, path: str, known: _Known) -> Problems:
    if q.value < 0 and q.unit not in _SIGNED:
        yield DataProblem(f"{path}.value", f"negative {q.unit.value}: {q.value}")


_OWN: dict[type, _Rule] = {
    Target: _target,
    Indicator: _indicator,
    Observation: _observation,
    Source: _source,
    Finding: _finding,
    Gap: _gap,
    Conflict: _conflict,
    Document: _document,
    Quantity: _quantity,
}
"""Each record class's own checks (the shared ones are found from its fields)."""


def _partial_date(text: str, where: str) -> Problems:
    problem = _partial_date_problem(text)
    if problem is not None:
        yield DataProblem(where, problem)


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
