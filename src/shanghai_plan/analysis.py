"""Did the plan deliver?  A target's progress against the observations of its indicator.

:func:`progress` pairs each quantitative target with its indicator's observations: the
baseline it started from, the latest figure reported, a :class:`Status`, the annual
growth the target implied and the growth actually achieved.  Every result names the
observations it rests on, so it can be cited.

Rules (documented, and tested on hand-computed cases):

* The **baseline** is the observation in the target's ``baseline_year`` when it has one
  (relative targets such as "double against 2019"); otherwise the latest full-year
  observation from before the document's period (2020 for a 2021–2025 plan).
* The **goal value** is the target's quantity; for a ``multiple`` (``×2``) it is that
  multiple of the baseline.  ``cumulative`` targets are compared with the sum of the
  full-year observations from ``start_year`` to the deadline; ``per_year`` targets with
  their average (compound for growth rates: the constant rate giving the same growth).
* **Comparators**: ``at_least`` means ≥, ``more_than`` >, ``at_most`` ≤, ``less_than`` <;
  ``about`` and ``exactly`` count as met when the figure is within ``tolerance`` (default
  5 %, 0.5 % for ``exactly``) of the goal, or beyond it in the direction the goal points
  (overshooting "about 850 bn" of investment is not a miss).
* Where one year has several figures (sources that disagree), a verdict stands only
  when they all agree; cumulative and per-year targets do not combine such years; growth
  is measured from an exact baseline figure in preference to an approximate one.
* **Status** is judged on the latest full-year figure: ``MET`` as soon as it meets the
  goal; ``NOT_MET`` when the deadline year has a figure that misses; before the deadline
  (as of the data's ``data_as_of`` date) ``ON_TRACK`` / ``OFF_TRACK`` by comparing the
  achieved annual growth with the growth the goal requires; ``NO_DATA`` when there is no
  baseline or no figure to judge by, or the deadline has passed without a figure for its
  year; ``NOT_MEASURABLE`` for qualitative targets and targets with no indicator.
"""

import math
from typing import Any, overload

from attrs import field, frozen

from ._index import index_for
from .loading import load
from .model import (
    Aggregation,
    Comparator,
    Confidence,
    Measure,
    Observation,
    Plan,
    Target,
    TargetKind,
    Unit,
    _Vocabulary,
)
from .queries import indicator, target, targets

__all__ = ["Progress", "Status", "progress"]

_CONFIDENCE_RANK = (Confidence.PRIMARY, Confidence.SECONDARY, Confidence.WEAK)

DEFAULT_TOLERANCE = 0.05
"""How close to an ``about`` figure counts as reaching it (5 %)."""


class Status(_Vocabulary):
    """How a target turned out (or is turning out)."""

    MET = "met"
    NOT_MET = "not_met"
    ON_TRACK = "on_track"
    """The deadline is not over and the achieved growth is at least the required growth."""
    OFF_TRACK = "off_track"
    """The deadline is not over and the achieved growth falls short of the required growth."""
    NO_DATA = "no_data"
    NOT_MEASURABLE = "not_measurable"


@frozen(kw_only=True)
class Progress:
    """A target's progress: the status and the observations it rests on."""

    target: Target = field(repr=False)
    target_id: str
    status: Status
    goal: float | None = None
    """The figure to reach, in the indicator's unit (a multiple is applied to the baseline)."""
    unit: Unit | None = None
    baseline: Observation | None = field(default=None, repr=False)
    latest: Observation | None = field(default=None, repr=False)
    implied_growth: float | None = None
    """Annual growth (percent a year) the goal required from the baseline to the deadline."""
    achieved_growth: float | None = None
    """Annual growth (percent a year) achieved from the baseline to the latest figure."""
    rests_on: tuple[Observation, ...] = field(default=(), repr=False)
    """Every observation the status rests on (cite these)."""
    confidence: Confidence | None = None
    """The weakest confidence among the sources of ``rests_on`` (``None`` when empty)."""
    explanation: str = field(default="", repr=False)

    @property
    def share_of_goal(self) -> float | None:
        """The latest figure as a percentage of the goal (cumulative: the running sum)."""
        if self.goal in (None, 0) or self.latest is None:
            return None
        assert self.goal is not None
        if self.target.aggregation is Aggregation.CUMULATIVE:
            return 100 * sum(o.value for o in self.rests_on) / self.goal
        if self.target.aggregation is Aggregation.PER_YEAR:
            return None
        return 100 * self.latest.value / self.goal


def cagr(start: float, end: float, years: int) -> float | None:
    """Compound annual growth in percent from ``start`` to ``end`` over ``years``."""
    if years <= 0 or start <= 0 or end < 0:
        return None
    return 100 * (math.pow(end / start, 1 / years) - 1)


def meets(value: float, goal: float, comparator: Comparator, tolerance: float) -> bool:
    """Whether ``value`` reaches ``goal`` under ``comparator`` (see the module rules)."""
    if comparator is Comparator.AT_LEAST:
        return value >= goal
    if comparator is Comparator.MORE_THAN:
        return value > goal
    if comparator is Comparator.AT_MOST:
        return value <= goal
    if comparator is Comparator.LESS_THAN:
        return value < goal
    tol = tolerance if comparator is Comparator.ABOUT else min(tolerance, 0.005)
    return value >= goal * (1 - tol)


def _num(value: float) -> str:
    """A figure for an explanation: 1,286,800 rather than 1.2868e+06."""
    if value.is_integer() and abs(value) < 1e18:
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"


def judge(obs: Observation, goal: float, comparator: Comparator, tolerance: float) -> bool | None:
    """Whether an observation shows the goal reached: ``True``, ``False``, or ``None`` when
    the observation is only a bound (``> 480 bn``, ``< 20.55 %``) that cannot settle it."""
    hit = meets(obs.value, goal, comparator, tolerance)
    upward = comparator not in (Comparator.AT_MOST, Comparator.LESS_THAN)
    if obs.comparator in (Comparator.MORE_THAN, Comparator.AT_LEAST):  # true value above
        return (True if hit else None) if upward else (None if hit else False)
    if obs.comparator in (Comparator.LESS_THAN, Comparator.AT_MOST):  # true value below
        return (None if hit else False) if upward else (True if hit else None)
    return hit


def _preferred(same_year: list[Observation]) -> Observation | None:
    """Of one year's figures, the one to measure growth from: an exact figure before an
    approximate one or a bound, then the first in the data."""
    exact = [o for o in same_year if o.comparator is Comparator.EXACTLY]
    ranked = exact or same_year
    return ranked[0] if ranked else None


def _verdict(
    same_year: list[Observation], goal: float, comparator: Comparator, tolerance: float
) -> bool | None:
    """One verdict from every figure of a year: only when they all agree."""
    found = {judge(o, goal, comparator, tolerance) for o in same_year}
    return found.pop() if len(found) == 1 else None


def _shown(same_year: list[Observation]) -> str:
    return " and ".join(f"{o.comparator.symbol} {_num(o.value)}".lstrip("= ") for o in same_year)


def _mean(values: list[float], *, compound: bool) -> float:
    if compound:  # growth rates in percent: the constant rate giving the same total growth
        total = math.prod(1 + v / 100 for v in values)
        return 100 * (math.pow(total, 1 / len(values)) - 1)
    return sum(values) / len(values)


def _full_year(obs: tuple[Observation, ...]) -> list[Observation]:
    return sorted((o for o in obs if o.coverage is None), key=lambda o: o.year)


def _start_year(t: Target, plan: Plan) -> int:
    if t.document_id == plan.id:
        return plan.period.start_year
    for d in plan.related_documents:
        if d.id == t.document_id and d.period is not None:
            return d.period.start_year
    return t.start_year if t.start_year is not None else (t.year or plan.period.end_year)


def _assess(t: Target, plan: Plan, tolerance: float) -> Progress:
    def result(status: Status, why: str, **kw: Any) -> Progress:
        rests: tuple[Observation, ...] = kw.get("rests_on", ())
        levels = [
            _CONFIDENCE_RANK.index(sources[c.source_id].confidence)
            for o in rests
            for c in o.citations
        ]
        kw["confidence"] = _CONFIDENCE_RANK[max(levels)] if levels else None
        return Progress(target=t, target_id=t.id, status=status, explanation=why, **kw)

    sources = index_for(plan).source_by_id

    if t.kind is not TargetKind.QUANTITATIVE or t.quantity is None or t.indicator_id is None:
        why = "qualitative target" if t.quantity is None else "no indicator measures it"
        return result(Status.NOT_MEASURABLE, why)
    ind = indicator(t.indicator_id, plan=plan)
    q = t.quantity
    full = _full_year(ind.observations)

    # -- baseline
    if t.baseline_year is not None:
        base_year: int | None = t.baseline_year
    else:
        start = t.start_year if t.start_year is not None else _start_year(t, plan)
        base_year = max((o.year for o in full if o.year < start), default=None)
    baseline = _preferred([o for o in full if o.year == base_year])

    # -- goal
    if q.unit is Unit.MULTIPLE:
        if baseline is None:
            why = f"relative target: no {ind.id} figure for the baseline year {t.baseline_year}"
            return result(Status.NO_DATA, why, unit=ind.unit)
        goal = baseline.value * q.value
    else:
        goal = q.value
    deadline = t.year if t.year is not None else plan.period.end_year
    over = plan.data_as_of.year > deadline
    upward = q.comparator not in (Comparator.AT_MOST, Comparator.LESS_THAN)

    # -- cumulative and per-year targets: judged over the years they cover
    if t.aggregation is not Aggregation.LEVEL:
        first = t.start_year if t.start_year is not None else _start_year(t, plan)
        years = range(first, deadline + 1)
        counted = [o for o in full if o.year in years]
        have = sorted({o.year for o in counted})
        if not counted:
            return result(Status.NO_DATA, "no yearly figures", goal=goal, unit=ind.unit)
        doubled = sorted({o.year for o in counted if sum(x.year == o.year for x in counted) > 1})
        if doubled:  # never silently pick one source's figure over another's
            why = f"several figures for {doubled}; they are not combined"
            return result(Status.NO_DATA, why, goal=goal, unit=ind.unit, rests_on=tuple(counted))
        if t.aggregation is Aggregation.CUMULATIVE:
            figure = sum(o.value for o in counted)
            pace = figure / len(have) * len(years)  # the sum the years so far point to
            label = "sum"
        else:
            growth = ind.measure is Measure.GROWTH_RATE
            figure = _mean([o.value for o in counted], compound=growth)
            pace = figure
            label = "compound average" if growth else "average"
        reached = meets(figure, goal, q.comparator, tolerance)
        complete = set(years) <= set(have)
        if reached and (complete or (t.aggregation is Aggregation.CUMULATIVE and upward)):
            status, why = Status.MET, f"{label} {_num(figure)} over {have} reaches {_num(goal)}"
        elif complete:
            status = Status.NOT_MET
            why = f"{label} {_num(figure)} over {first}–{deadline} misses {_num(goal)}"
        elif over:
            status = Status.NO_DATA
            why = (
                f"figures only for {have} ({label} so far {_num(figure)}); "
                f"{first}–{deadline} needed"
            )
        else:
            ok = meets(pace, goal, q.comparator, tolerance)
            status = Status.ON_TRACK if ok else Status.OFF_TRACK
            why = f"the years {have} point to {_num(pace)} against {_num(goal)}"
        return result(
            status, why, goal=goal, unit=ind.unit, latest=counted[-1], rests_on=tuple(counted)
        )

    after = [o for o in full if baseline is None or o.year > baseline.year]
    newest = [o for o in after if o.year == after[-1].year] if after else []
    latest = newest[-1] if newest else None
    implied = cagr(baseline.value, goal, deadline - baseline.year) if baseline else None
    achieved = (
        cagr(baseline.value, latest.value, latest.year - baseline.year)
        if baseline and latest
        else None
    )
    finals = [o for o in full if o.year == deadline]
    rests = tuple(dict.fromkeys(o for o in (baseline, *newest) if o is not None))
    if latest is None:
        status, why = Status.NO_DATA, "no figure reported after the baseline"
    elif _verdict(newest, goal, q.comparator, tolerance) is True:
        status, why = Status.MET, f"{_shown(newest)} in {latest.year} reaches {_num(goal)}"
    elif finals:
        verdict = _verdict(finals, goal, q.comparator, tolerance)
        rests = tuple(dict.fromkeys(o for o in (baseline, *finals, *newest) if o is not None))
        if verdict is None:
            status = Status.NO_DATA
            why = (
                f"the {deadline} figures ({_shown(finals)}) do not settle {_num(goal)}: "
                "a bound, or sources that disagree"
            )
        else:
            status = Status.MET if verdict else Status.NOT_MET
            verb = "reaches" if verdict else "misses"
            why = f"{_shown(finals)} in {deadline} {verb} {_num(goal)}"
    elif over:
        status = Status.NO_DATA
        why = f"deadline {deadline} has passed; the latest figure is for {latest.year}"
    elif implied is None or achieved is None:
        status, why = Status.NO_DATA, "no baseline to measure growth from"
    else:
        status = Status.ON_TRACK if achieved >= implied else Status.OFF_TRACK
        why = f"achieved {achieved:.1f} %/yr against {implied:.1f} %/yr required"
    return result(
        status,
        why,
        goal=goal,
        unit=ind.unit,
        baseline=baseline,
        latest=latest,
        implied_growth=implied,
        achieved_growth=achieved,
        rests_on=rests,
    )


@overload
def progress(
    target_or_id: "Target | str",
    *,
    tolerance: float = ...,
    plan: Plan | None = ...,
) -> Progress: ...


@overload
def progress(
    target_or_id: None = ...,
    *,
    tolerance: float = ...,
    document: str | None = ...,
    all_documents: bool = ...,
    plan: Plan | None = ...,
) -> tuple[Progress, ...]: ...


def progress(
    target_or_id: "Target | str | None" = None,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    document: str | None = None,
    all_documents: bool = False,
    plan: Plan | None = None,
) -> "Progress | tuple[Progress, ...]":
    """Progress of one target, or of every quantitative target.

    ``progress(t)`` (a :class:`~shanghai_plan.Target` or its id) returns one
    :class:`Progress`; ``progress()`` returns a tuple for every quantitative target of
    the plan (``document=`` for a related document's, ``all_documents=True`` for all).
    """
    p = load() if plan is None else plan
    memo = index_for(p).memo  # results are immutable, so they are kept per plan
    if target_or_id is not None:
        t = target_or_id if isinstance(target_or_id, Target) else target(target_or_id, plan=p)
        key: tuple[object, ...] = ("progress", t.id, tolerance)
        found = memo.get(key)
        if not (isinstance(found, Progress) and (found.target is t or found.target == t)):
            found = memo[key] = _assess(t, p, tolerance)
        return found
    key = ("progress-all", tolerance, document, all_documents)
    every = memo.get(key)
    if every is None:
        chosen = targets(
            kind=TargetKind.QUANTITATIVE, document=document, all_documents=all_documents, plan=p
        )
        every = memo[key] = tuple(progress(t, tolerance=tolerance, plan=p) for t in chosen)
    return every  # type: ignore[return-value]
