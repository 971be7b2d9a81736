"""Did the plan deliver?  Every target judged on its evidence, with the evidence.

:func:`progress` judges one target (or every target of a document) and returns a
:class:`Progress`: a :class:`Status`, the kind of evidence it rests on
(:class:`EvidenceKind`), the observations and findings it rests on, how strong they are,
the caveats, the verdicts on other measures of the same target, and — where the evidence
does not settle it — what would.

Rules (documented, and tested on hand-computed cases):

* **Figures first.** A quantitative target is judged on the full-year observations of its
  indicator (``Target.indicator_id``; ``Target.measure_note`` says why that measure).  The
  verdicts on the target's other measures (``alternative_indicator_ids``) are computed the
  same way and shown beside it in ``alternatives``; they never change the main verdict.
  A figure whose unit is not the target's (a growth rate for a target in yuan) cannot judge
  it, except that a ``multiple`` of a baseline ("double") may be measured by compounding the
  yearly growth rates from the baseline year on.
* **The deadline decides.** Only figures for years up to the deadline (``Target.year``)
  count: a figure for a later year never makes a target met; it appears as a caveat.
  Reaching the goal before the deadline counts (``MET`` in 2023 for a "by 2025" goal), and
  the result says so when it rests on an earlier year or when a later year falls back.  Of
  several years that reach the goal, the verdict rests on the best-sourced one (the later
  one when they are equally strong).
* **Partial years never decide.** Figures for part of a year (``coverage``) appear as
  caveats only.
* The **baseline** is the observation in the target's ``baseline_year`` when it has one;
  otherwise the latest full-year figure from before the document's period.  A ``multiple``
  goal is that multiple of the baseline.  ``cumulative`` targets are compared with the sum of
  the full-year figures from ``start_year`` to the deadline; ``per_year`` targets with their
  average (compound for growth rates).
* **Comparators**: ``at_least`` ≥, ``more_than`` >, ``at_most`` ≤, ``less_than`` <; ``about``
  and ``exactly`` count as met within ``tolerance`` (default 5 %, 0.5 % for ``exactly``) or
  beyond the goal in the direction it points.  A bound (``> 480 bn``, ``< 20.55 %``) settles
  only what it can.
* **Disagreeing figures settle nothing.** Where one year has several figures, a verdict
  stands only when they all agree; equal figures from several sources count once.
* **Findings where figures are silent.** A qualitative target, or a quantitative one whose
  figures do not settle it, is judged from the :class:`~shanghai_plan.Finding` records that
  name it with a bearing of ``met`` or ``not_met``: an official claim, an evaluation or a
  report.  Findings that disagree settle nothing.  A finding about a year after the deadline
  never makes a target met (a later "not reached" still counts: what was not there later was
  not there by the deadline).  When figures settle a target, findings that disagree are
  caveats; when figures and findings agree, the verdict rests on the better-sourced of the two.
* **Confidence**: a record (observation or finding) is as strong as the best source it cites;
  a verdict is as strong as the weakest record it rests on.  Of several findings that agree,
  the verdict rests on those with the best sources.
* **Status** ``MET`` / ``NOT_MET`` as above; before the deadline (as of the data's
  ``data_as_of``) ``ON_TRACK`` / ``OFF_TRACK`` by comparing the growth achieved with the growth
  required; ``NO_DATA`` otherwise — and then ``missing`` says what figure or finding would
  settle it, and ``gaps`` lists what the data records as not found.
"""

import math
from collections.abc import Iterable, Sequence
from typing import Any, overload

import attrs
from attrs import field, frozen

from ._args import check_bool, check_plan, check_str, check_tolerance
from ._format import amount, number
from ._index import index_for
from .loading import load
from .model import (
    Aggregation,
    Bearing,
    Citation,
    Comparator,
    Confidence,
    Conflict,
    Finding,
    FindingKind,
    Gap,
    Indicator,
    Measure,
    Observation,
    Plan,
    Source,
    Target,
    TargetKind,
    Unit,
    _Vocabulary,
)
from .queries import indicator, target, targets

__all__ = ["EvidenceKind", "Progress", "Status", "progress"]

_CONFIDENCE_RANK = (Confidence.PRIMARY, Confidence.SECONDARY, Confidence.WEAK)

DEFAULT_TOLERANCE = 0.05
"""How close to an ``about`` figure counts as reaching it (5 %)."""


class Status(_Vocabulary):
    """How a target turned out (or is turning out)."""

    MET = "met"
    """The evidence shows the target reached by its deadline."""
    NOT_MET = "not_met"
    """The evidence shows the target missed at its deadline."""
    ON_TRACK = "on_track"
    """The deadline is not over and the achieved growth is at least the required growth."""
    OFF_TRACK = "off_track"
    """The deadline is not over and the achieved growth falls short of the required growth."""
    NO_DATA = "no_data"
    """The evidence does not settle it; ``Progress.missing`` says what would."""


class EvidenceKind(_Vocabulary):
    """What kind of evidence a verdict rests on."""

    FIGURES = "figures"
    """Observations of the target's indicator."""
    OFFICIAL_CLAIM = "official_claim"
    """An official statement that settles the outcome (with or without a figure)."""
    EVALUATION = "evaluation"
    """A formal evaluation of the plan period."""
    REPORT = "report"
    """A news or other secondary account."""
    NONE = "none"
    """Nothing settles it."""


_FINDING_EVIDENCE = {
    FindingKind.OFFICIAL_CLAIM: EvidenceKind.OFFICIAL_CLAIM,
    FindingKind.EVALUATION: EvidenceKind.EVALUATION,
    FindingKind.REPORT: EvidenceKind.REPORT,
}
_KIND_RANK = (FindingKind.OFFICIAL_CLAIM, FindingKind.EVALUATION, FindingKind.REPORT)


@frozen(kw_only=True)
class Progress:
    """A target's verdict: the status, the evidence it rests on and what is missing."""

    target: Target = field(repr=False)
    target_id: str
    """The target judged."""
    status: Status
    """How it turned out."""
    evidence: EvidenceKind = EvidenceKind.NONE
    """The kind of evidence the status rests on."""
    measure: str | None = None
    """The id of the indicator the figures come from (``None`` when none judges it)."""
    measure_note: str | None = field(default=None, repr=False)
    """Why that indicator is the measure used."""
    goal: float | None = None
    """The figure to reach, in the indicator's unit (a multiple is applied to the baseline)."""
    unit: Unit | None = None
    """The unit of ``goal`` and ``figure``."""
    figure: float | None = field(default=None, repr=False)
    """The figure set against the goal: the deciding year's value, the sum or average over the
    years, or the multiple compounded from growth rates."""
    figure_comparator: Comparator | None = field(default=None, repr=False)
    """How the real value relates to ``figure``: a bound (``more_than`` for a sum of lower
    bounds, or one reported bound) or ``exactly``/``about``."""
    figure_year: int | None = field(default=None, repr=False)
    """The (last) year ``figure`` is for."""
    baseline: Observation | None = field(default=None, repr=False)
    """The observation the goal or the growth is measured from."""
    latest: Observation | None = field(default=None, repr=False)
    """The latest full-year observation up to the deadline."""
    implied_growth: float | None = None
    """Annual growth (percent a year) the goal required from the baseline to the deadline."""
    achieved_growth: float | None = None
    """Annual growth (percent a year) achieved from the baseline to the latest figure."""
    rests_on: tuple[Observation, ...] = field(default=(), repr=False)
    """Every observation the status rests on (cite these)."""
    findings: tuple[Finding, ...] = field(default=(), repr=False)
    """Every finding the status rests on (cite these)."""
    confidence: Confidence | None = None
    """The weakest confidence among the records the status rests on (``None`` when none)."""
    explanation: str = field(default="", repr=False)
    """Why, in one line."""
    caveats: tuple[str, ...] = field(default=(), repr=False)
    """What a reader should know: partial-year and after-deadline figures, an earlier year
    the verdict rests on, findings that disagree."""
    missing: str | None = field(default=None, repr=False)
    """What figure or finding would settle the target (for statuses other than met / not met,
    and for a verdict that rests on an earlier year)."""
    alternatives: tuple["Progress", ...] = field(default=(), repr=False)
    """The verdicts on the target's other measures (``Target.alternative_indicator_ids``)."""
    gaps: tuple[Gap, ...] = field(default=(), repr=False)
    """What the data records as not found about this target or its indicators."""

    @property
    def share_of_goal(self) -> float | None:
        """The figure as a percentage of the goal (``None`` for per-year rates)."""
        if self.goal in (None, 0) or self.figure is None:
            return None
        assert self.goal is not None
        if self.target.aggregation is Aggregation.PER_YEAR:
            return None
        return 100 * self.figure / self.goal

    def _repr_html_(self) -> str:
        from .display import html  # imported only when a notebook shows the record

        return html(self)


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


def _num(value: float, unit: Unit | None = None) -> str:
    """A figure for an explanation, with its unit: 1,286,800 vehicles, 1.4 trillion yuan."""
    return number(value) if unit is None else amount(value, unit)


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


def _preferred(same_year: Sequence[Observation]) -> Observation | None:
    """Of one year's figures, the one to measure growth from: an exact figure before an
    approximate one or a bound, then the first in the data."""
    exact = [o for o in same_year if o.comparator is Comparator.EXACTLY]
    ranked = exact or list(same_year)
    return ranked[0] if ranked else None


def _verdict(
    same_year: Sequence[Observation], goal: float, comparator: Comparator, tolerance: float
) -> bool | None:
    """One verdict from every figure of a year: only when they all agree."""
    found = {judge(o, goal, comparator, tolerance) for o in same_year}
    return found.pop() if len(found) == 1 else None


def _shown(same_year: Iterable[Observation], unit: Unit | None = None) -> str:
    """One year's figures for an explanation; equal figures from several sources once."""
    shown = dict.fromkeys(
        f"{o.comparator.symbol} {_num(o.value, unit)}".lstrip("= ") for o in same_year
    )
    return " and ".join(shown)


def _mean(values: list[float], *, compound: bool) -> float:
    if compound:  # growth rates in percent: the constant rate giving the same total growth
        total = math.prod(1 + v / 100 for v in values)
        return 100 * (math.pow(total, 1 / len(values)) - 1)
    return sum(values) / len(values)


def _full_year(obs: Iterable[Observation]) -> list[Observation]:
    return sorted((o for o in obs if o.coverage is None), key=lambda o: o.year)


def _by_year(obs: Iterable[Observation]) -> dict[int, list[Observation]]:
    years: dict[int, list[Observation]] = {}
    for o in obs:
        years.setdefault(o.year, []).append(o)
    return dict(sorted(years.items()))


_BOUND_SIDE = {
    Comparator.MORE_THAN: "lower",
    Comparator.AT_LEAST: "lower",
    Comparator.LESS_THAN: "upper",
    Comparator.AT_MOST: "upper",
}


def _one_figure(same_year: list[Observation]) -> Observation | None:
    """The year's figure when its sources agree (equal value and comparator), else ``None``."""
    first = same_year[0]
    agree = all(o.value == first.value and o.comparator is first.comparator for o in same_year)
    return first if agree else None


def _start_year(t: Target, plan: Plan) -> int:
    if t.start_year is not None:
        return t.start_year
    if t.document_id == plan.id:
        return plan.period.start_year
    for d in plan.related_documents:
        if d.id == t.document_id and d.period is not None:
            return d.period.start_year
    return t.year or plan.period.end_year


def _deadline(t: Target, plan: Plan) -> int:
    return t.year if t.year is not None else plan.period.end_year


def _record_rank(citations: tuple[Citation, ...], sources: dict[str, Source]) -> int:
    """A record is as strong as the best source it cites."""
    return min(
        (_CONFIDENCE_RANK.index(sources[c.source_id].confidence) for c in citations),
        default=len(_CONFIDENCE_RANK) - 1,
    )


def _conflicts_of(records: Iterable[Observation], plan: Plan) -> list[Conflict]:
    ids = {o.id for o in records}
    return [c for c in plan.conflicts if any(ids & set(side.record_ids) for side in c.sides)]


def _rank_of(confidence: Confidence | None) -> int:
    return len(_CONFIDENCE_RANK) if confidence is None else _CONFIDENCE_RANK.index(confidence)


def _weakest(
    records: Iterable[Observation | Finding], sources: dict[str, Source]
) -> Confidence | None:
    ranks = [_record_rank(r.citations, sources) for r in records]
    return _CONFIDENCE_RANK[max(ranks)] if ranks else None


class _Judge:
    """The figures of one indicator set against one target (see the module rules)."""

    def __init__(self, t: Target, ind: Indicator, plan: Plan, tolerance: float) -> None:
        self.t, self.ind, self.plan, self.tolerance = t, ind, plan, tolerance
        self.q = t.quantity
        self.deadline = _deadline(t, plan)
        self.over = plan.data_as_of.year > self.deadline
        self.sources = index_for(plan).source_by_id
        every = _full_year(ind.observations)
        self.full = [o for o in every if o.year <= self.deadline]
        self.caveats: list[str] = []
        late = [o for o in every if o.year > self.deadline]
        for year, figs in _by_year(late).items():
            self.caveats.append(
                f"{year} figure ({self.show(figs)}) comes after the {self.deadline} deadline "
                "and does not count"
            )
        full_years = {o.year for o in self.full}
        partial = [o for o in ind.observations if o.coverage is not None]
        for o in sorted(partial, key=lambda o: o.year):
            if o.year <= self.deadline and o.year not in full_years:
                self.caveats.append(
                    f"{o.year} figure for {o.coverage} ({self.show([o])}) is not a full-year "
                    "figure and does not decide"
                )

    def result(self, status: Status, why: str, **kw: Any) -> Progress:
        rests: tuple[Observation, ...] = kw.get("rests_on", ())
        caveats = list(self.caveats)
        if status in (Status.MET, Status.NOT_MET, Status.ON_TRACK, Status.OFF_TRACK):
            kw.setdefault("evidence", EvidenceKind.FIGURES)
            # what the deciding figures' own notes and conflicts say about them
            year = kw.get("figure_year")
            deciding = [o for o in rests if o.year == year] or list(rests)
            caveats = [
                *(f"{o.id}: {o.notes}" for o in deciding if o.notes),
                *(f"{c.id}: {c.topic}" for c in _conflicts_of(deciding, self.plan)),
                *caveats,
            ]
        if "figure" in kw and "figure_comparator" not in kw:
            one = [o for o in rests if o.value == kw["figure"] and o.year == kw.get("figure_year")]
            kw["figure_comparator"] = one[0].comparator if one else None
        kw.setdefault("unit", self.ind.unit)
        return Progress(
            target=self.t,
            target_id=self.t.id,
            status=status,
            explanation=why,
            measure=self.ind.id,
            confidence=_weakest(rests, self.sources),
            caveats=tuple(dict.fromkeys(caveats)),
            **kw,
        )

    def fmt(self, value: float) -> str:
        """A figure in the indicator's unit, for an explanation."""
        return _num(value, self.ind.unit)

    def show(self, same_year: Iterable[Observation]) -> str:
        """One year's figures in the indicator's unit, for an explanation."""
        return _shown(same_year, self.ind.unit)

    def figure_wanted(self, years: str | None = None) -> str:
        """What would settle it: the full-year figures for ``years`` (default the deadline);
        for a count or a technology level, a figure as of then."""
        what = f"{self.ind.name_en} ({self.ind.id})"
        flow = self.ind.measure not in (Measure.COUNT, Measure.TECHNOLOGY_LEVEL, Measure.SHARE)
        kind = "full-year " if flow else ""
        if years is None or years == str(self.deadline):
            if self.ind.measure is Measure.TECHNOLOGY_LEVEL:
                return f"a cited figure for {what} by {self.deadline}"
            return f"a {kind}{self.deadline} figure for {what}"
        return f"{kind}figures for {years} for {what}"

    def assess(self) -> Progress:
        t, ind, q = self.t, self.ind, self.q
        assert q is not None
        if q.unit is not Unit.MULTIPLE and q.unit is not ind.unit:
            why = f"{ind.id} is measured in {ind.unit.value}, the target in {q.unit.value}"
            return self.result(Status.NO_DATA, why, missing=f"a figure in {q.unit.value}")
        if q.unit is Unit.MULTIPLE and ind.measure is Measure.GROWTH_RATE:
            return self._compounded()

        # -- baseline
        if t.baseline_year is not None:
            base_year: int | None = t.baseline_year
        else:
            start = _start_year(t, self.plan)
            base_year = max((o.year for o in self.full if o.year < start), default=None)
        baseline = _preferred([o for o in self.full if o.year == base_year])

        # -- goal
        if q.unit is Unit.MULTIPLE:
            if baseline is None:
                why = f"relative target: no {ind.id} figure for the baseline year {base_year}"
                missing = f"a {base_year} figure for {ind.name_en} ({ind.id}), the baseline"
                return self.result(Status.NO_DATA, why, missing=missing)
            goal = baseline.value * q.value
        else:
            goal = q.value
        if t.aggregation is not Aggregation.LEVEL:
            return self._over_years(goal)
        return self._level(goal, baseline)

    def _level(self, goal: float, baseline: Observation | None) -> Progress:
        q, deadline, tol = self.q, self.deadline, self.tolerance
        assert q is not None
        after = [o for o in self.full if baseline is None or o.year > baseline.year]
        years = _by_year(after)
        newest = years[max(years)] if years else []
        latest = _preferred(newest)
        implied = cagr(baseline.value, goal, deadline - baseline.year) if baseline else None
        achieved = (
            cagr(baseline.value, latest.value, latest.year - baseline.year)
            if baseline and latest
            else None
        )
        common: dict[str, Any] = {
            "goal": goal,
            "baseline": baseline,
            "latest": latest,
            "implied_growth": implied,
            "achieved_growth": achieved,
        }
        # a relative goal rests on its baseline too; an absolute one only on the deciding figures
        base = (baseline,) if baseline is not None and q.unit is Unit.MULTIPLE else ()
        if latest is None:
            why = "no figure reported" + (" after the baseline" if baseline else "")
            return self.result(Status.NO_DATA, why, missing=self.figure_wanted(), **common)
        # Of the years that reach the goal, rest on the best-sourced one (the later on a tie):
        # a verdict is as strong as its evidence, so it leans on the strongest there is.
        reaching = [y for y, figs in years.items() if _verdict(figs, goal, q.comparator, tol)]
        reached = max(
            reaching,
            key=lambda y: (-max(_record_rank(o.citations, self.sources) for o in years[y]), y),
            default=None,
        )
        finals = years.get(deadline, [])
        if reached is not None:
            figs = years[reached]
            deciding = _preferred(figs)
            assert deciding is not None
            why = f"{self.show(figs)} in {reached} reaches {self.fmt(goal)}"
            missing = None
            if reached < deadline:
                if not finals:
                    self.caveats.append(
                        f"rests on the {reached} figure: no full-year {deadline} figure"
                    )
                    missing = f"{self.figure_wanted()}, to confirm"
                elif _verdict(finals, goal, q.comparator, tol) is False:
                    self.caveats.append(
                        f"the {deadline} figure ({self.show(finals)}) falls short again; the goal "
                        f"was reached in {reached}"
                    )
            rests = tuple(dict.fromkeys((*base, *figs)))
            return self.result(
                Status.MET,
                why,
                rests_on=rests,
                figure=deciding.value,
                figure_year=reached,
                missing=missing,
                **common,
            )
        if finals:
            verdict = _verdict(finals, goal, q.comparator, tol)
            rests = tuple(dict.fromkeys((*base, *finals)))
            fig = _preferred(finals)
            assert fig is not None
            if verdict is None:
                why = (
                    f"the {deadline} figures ({self.show(finals)}) do not settle {self.fmt(goal)}: "
                    "a bound, or sources that disagree"
                )
                missing = f"an exact {deadline} figure for {self.ind.name_en} ({self.ind.id})"
                return self.result(
                    Status.NO_DATA,
                    why,
                    rests_on=rests,
                    figure=fig.value,
                    figure_year=deadline,
                    missing=missing,
                    **common,
                )
            why = f"{self.show(finals)} in {deadline} misses {self.fmt(goal)}"
            return self.result(
                Status.NOT_MET,
                why,
                rests_on=rests,
                figure=fig.value,
                figure_year=deadline,
                **common,
            )
        rests = tuple(dict.fromkeys((*((baseline,) if baseline else ()), *newest)))
        assert latest is not None
        figure = {"figure": latest.value, "figure_year": latest.year}
        if self.over:
            why = f"deadline {deadline} has passed; the latest figure is for {latest.year}"
            return self.result(
                Status.NO_DATA,
                why,
                rests_on=rests,
                missing=self.figure_wanted(),
                **figure,
                **common,
            )
        if implied is None or achieved is None:
            why = "no baseline to measure growth from"
            missing = f"a figure for {self.ind.name_en} before {_start_year(self.t, self.plan)}"
            return self.result(
                Status.NO_DATA, why, rests_on=rests, missing=missing, **figure, **common
            )
        status = Status.ON_TRACK if achieved >= implied else Status.OFF_TRACK
        why = f"achieved {achieved:.1f} %/yr against {implied:.1f} %/yr required"
        return self.result(status, why, rests_on=rests, **figure, **common)

    def _over_years(self, goal: float) -> Progress:
        t, q, deadline = self.t, self.q, self.deadline
        assert q is not None
        first = _start_year(t, self.plan)
        span = range(first, deadline + 1)
        years = {y: figs for y, figs in _by_year(self.full).items() if y in span}
        counted_all = [o for figs in years.values() for o in figs]
        if not counted_all:
            missing = self.figure_wanted(f"{first}–{deadline}")
            return self.result(Status.NO_DATA, "no yearly figures", goal=goal, missing=missing)
        doubled = [y for y, figs in years.items() if _one_figure(figs) is None]
        if doubled:  # never silently pick one source's figure over another's
            why = f"several figures for {doubled}; they are not combined"
            missing = f"figures that settle {doubled} for {self.ind.name_en} ({self.ind.id})"
            return self.result(
                Status.NO_DATA, why, goal=goal, rests_on=tuple(counted_all), missing=missing
            )
        counted = [_one_figure(figs) for figs in years.values()]
        values = [o.value for o in counted if o is not None]
        have = list(years)
        upward = q.comparator not in (Comparator.AT_MOST, Comparator.LESS_THAN)
        if t.aggregation is Aggregation.CUMULATIVE:
            figure = sum(values)
            pace = figure / len(have) * len(span)  # the sum the years so far point to
            label = "sum"
        else:
            growth = self.ind.measure is Measure.GROWTH_RATE
            figure = _mean(values, compound=growth)
            pace = figure
            label = "compound average" if growth else "average"
        # A sum (or average) of bounds is itself a bound: of lower bounds, a lower bound.
        sides = {_BOUND_SIDE.get(o.comparator) for o in counted if o is not None} - {None}
        bound = (
            None
            if not sides
            else Comparator.MORE_THAN
            if sides == {"lower"}
            else Comparator.LESS_THAN
            if sides == {"upper"}
            else Comparator.ABOUT  # bounds both ways: the figure says nothing certain
        )
        shown = f"{bound.symbol} {self.fmt(figure)}" if bound is not None else self.fmt(figure)
        probe = Observation(
            id="", year=have[-1], value=figure, comparator=bound or Comparator.EXACTLY,
            citations=(),
        )  # fmt: skip
        verdict = (
            None if bound is Comparator.ABOUT else judge(probe, goal, q.comparator, self.tolerance)
        )
        complete = set(span) <= set(have)
        absent = [y for y in span if y not in years]
        kw: dict[str, Any] = {
            "goal": goal,
            "latest": counted_all[-1],
            "rests_on": tuple(counted_all),
            "figure": figure,
            "figure_comparator": bound or Comparator.EXACTLY,
            "figure_year": have[-1],
        }
        if verdict and (complete or (t.aggregation is Aggregation.CUMULATIVE and upward)):
            return self.result(
                Status.MET, f"{label} {shown} over {have} reaches {self.fmt(goal)}", **kw
            )
        if complete and verdict is False:
            why = f"{label} {shown} over {first}–{deadline} misses {self.fmt(goal)}"
            return self.result(Status.NOT_MET, why, **kw)
        if complete:
            why = (
                f"{label} {shown} over {first}–{deadline} does not settle {self.fmt(goal)}: bounds"
            )
            missing = f"exact figures for {self.ind.name_en} ({self.ind.id}), {first}–{deadline}"
            return self.result(Status.NO_DATA, why, missing=missing, **kw)
        figure_text = shown
        missing = self.figure_wanted(", ".join(map(str, absent)))
        if self.over:
            why = (
                f"figures only for {have} ({label} so far {figure_text}); {first}–{deadline} needed"
            )
            return self.result(Status.NO_DATA, why, missing=missing, **kw)
        ok = meets(pace, goal, q.comparator, self.tolerance)
        status = Status.ON_TRACK if ok else Status.OFF_TRACK
        why = f"the years {have} point to {self.fmt(pace)} against {self.fmt(goal)}"
        return self.result(status, why, missing=missing, **kw)

    def _compounded(self) -> Progress:
        """A multiple of a baseline measured by yearly growth rates, compounded."""
        t, q, deadline = self.t, self.q, self.deadline
        assert q is not None
        base_year = (
            t.baseline_year if t.baseline_year is not None else _start_year(t, self.plan) - 1
        )
        span = range(base_year + 1, deadline + 1)
        years = {y: figs for y, figs in _by_year(self.full).items() if y in span}
        used: list[Observation] = [o for figs in years.values() for o in figs]
        doubled = [y for y, figs in years.items() if _one_figure(figs) is None]
        absent = [y for y in span if y not in years]
        kw: dict[str, Any] = {"goal": q.value, "unit": Unit.MULTIPLE, "rests_on": tuple(used)}
        if doubled:
            why = f"several growth figures for {doubled}; they are not combined"
            return self.result(Status.NO_DATA, why, missing=f"figures that settle {doubled}", **kw)
        multiple = 1.0
        reached: int | None = None
        for y in span:
            if y not in years:
                break
            fig = _one_figure(years[y])
            assert fig is not None
            multiple *= 1 + fig.value / 100
            if reached is None and meets(multiple, q.value, q.comparator, self.tolerance):
                reached = y
        if reached is not None:
            rests = tuple(o for o in used if o.year <= reached)
            kw["rests_on"] = rests
            why = (
                f"growth compounded over {base_year + 1}–{reached} gives ×{multiple:.3g}, "
                f"reaching ×{_num(q.value)}"
            )
            return self.result(Status.MET, why, figure=multiple, figure_year=reached, **kw)
        if not absent:
            why = (
                f"growth compounded over {base_year + 1}–{deadline} gives ×{multiple:.3g}, "
                f"missing ×{_num(q.value)}"
            )
            return self.result(Status.NOT_MET, why, figure=multiple, figure_year=deadline, **kw)
        why = (
            f"growth figures for {absent} are missing: a multiple of the {base_year} level "
            "cannot be compounded"
        )
        missing = self.figure_wanted(", ".join(map(str, absent)))
        return self.result(Status.NO_DATA, why, missing=missing, **kw)


def _findings_verdict(
    t: Target, plan: Plan, deadline: int
) -> tuple[Status | None, tuple[Finding, ...], list[str], tuple[Finding, ...]]:
    """What the findings naming ``t`` settle: (status or None, the findings it rests on,
    caveats, the decisive findings that disagree)."""
    idx = index_for(plan)
    named = [f for f in idx.findings_by_record.get(t.id, ()) if t.id in f.target_ids]
    caveats: list[str] = []
    decisive: list[Finding] = []
    for f in named:
        if f.bearing not in (Bearing.MET, Bearing.NOT_MET):
            continue
        if f.bearing is Bearing.MET and f.year is not None and f.year > deadline:
            caveats.append(
                f"{f.id} says reached for {f.year}, after the {deadline} deadline: "
                "it does not count"
            )
            continue
        decisive.append(f)
    bearings = {f.bearing for f in decisive}
    if not decisive:
        return None, (), caveats, ()
    if len(bearings) > 1:
        return None, (), caveats, tuple(decisive)
    best = min(_record_rank(f.citations, idx.source_by_id) for f in decisive)
    chosen = tuple(f for f in decisive if _record_rank(f.citations, idx.source_by_id) == best)
    chosen = tuple(sorted(chosen, key=lambda f: _KIND_RANK.index(f.kind)))
    status = Status.MET if decisive[0].bearing is Bearing.MET else Status.NOT_MET
    return status, chosen, caveats, ()


def _describe(f: Finding) -> str:
    when = f" ({f.year})" if f.year is not None else ""
    return f"{f.id}{when}, {f.kind.value}, {f.bearing.value}: {f.statement}"


def _assess(t: Target, plan: Plan, tolerance: float) -> Progress:
    idx = index_for(plan)
    deadline = _deadline(t, plan)
    ind = (
        indicator(t.indicator_id, plan=plan)
        if t.indicator_id is not None and t.quantity is not None
        else None
    )
    gap_keys = (t.id, *((t.indicator_id,) if t.indicator_id else ()), *t.alternative_indicator_ids)
    gaps = tuple(dict.fromkeys(g for k in gap_keys for g in idx.gaps_by_record.get(k, ())))
    alternatives = tuple(
        _Judge(t, indicator(i, plan=plan), plan, tolerance).assess()
        for i in t.alternative_indicator_ids
        if t.quantity is not None
    )
    fig = _Judge(t, ind, plan, tolerance).assess() if ind is not None else None
    status, chosen, caveats, disagree = _findings_verdict(t, plan, deadline)
    others = [
        f
        for f in idx.findings_by_record.get(t.id, ())
        if t.id in f.target_ids
        and f not in chosen
        and f not in disagree
        and not (f.bearing is Bearing.MET and f.year is not None and f.year > deadline)
    ]
    note = t.measure_note
    settled = fig is not None and fig.status in (Status.MET, Status.NOT_MET)
    # Figures and findings that agree: the verdict rests on the better-sourced of the two.
    stronger = (
        settled
        and fig is not None
        and status is fig.status
        and _rank_of(_weakest(chosen, idx.source_by_id)) < _rank_of(fig.confidence)
    )
    if fig is not None and settled and not stronger:
        agreeing = [f"agrees: {_describe(f)}" for f in chosen if status is fig.status]
        contrary = [
            f"finding {_describe(f)}"
            for f in (*chosen, *disagree)
            if (f.bearing is Bearing.MET) != (fig.status is Status.MET)
        ]
        return attrs.evolve(
            fig,
            measure_note=note,
            caveats=(
                *fig.caveats,
                *caveats,
                *agreeing,
                *contrary,
                *(f"see also {_describe(f)}" for f in others),
            ),
            alternatives=alternatives,
            gaps=gaps,
        )
    if status is not None:
        lead = chosen[0]
        why = f"{lead.kind.value.replace('_', ' ')} {lead.id}: {lead.statement}"
        fig_caveats: tuple[str, ...] = ()
        if fig is not None:
            verb = "agree, on weaker sources" if stronger else "do not settle it"
            fig_caveats = (f"figures ({fig.measure}) {verb}: {fig.explanation}", *fig.caveats)
        return Progress(
            target=t,
            target_id=t.id,
            status=status,
            evidence=_FINDING_EVIDENCE[lead.kind],
            measure=fig.measure if fig is not None else None,
            measure_note=note,
            goal=fig.goal if fig is not None else None,
            unit=(fig.unit if fig is not None else None),
            figure=lead.quantity.value if lead.quantity is not None else None,
            figure_comparator=lead.quantity.comparator if lead.quantity is not None else None,
            figure_year=lead.year,
            baseline=fig.baseline if fig is not None else None,
            latest=fig.latest if fig is not None else None,
            findings=chosen,
            confidence=_weakest(chosen, idx.source_by_id),
            explanation=why,
            caveats=(
                *(f"{f.id}: {f.notes}" for f in chosen if f.notes),  # how far it goes
                *fig_caveats,
                *caveats,
                *(f"see also {_describe(f)}" for f in others),
            ),
            alternatives=alternatives,
            gaps=gaps,
        )
    # nothing settles it
    if disagree:
        caveats = [*caveats, *(f"finding {_describe(f)}" for f in disagree)]
    also = [f"see also {_describe(f)}" for f in others]
    if fig is not None:
        why = fig.explanation
        if disagree:
            why = f"{why}; the findings disagree"
        return attrs.evolve(
            fig,
            measure_note=note,
            caveats=(*fig.caveats, *caveats, *also),
            alternatives=alternatives,
            gaps=gaps,
            missing=fig.missing or f"a cited finding or {deadline} figure that settles it",
        )
    why = (
        "the findings disagree"
        if disagree
        else (
            "qualitative target: no finding settles it"
            if t.kind is TargetKind.QUALITATIVE
            else "no indicator measures it and no finding settles it"
        )
    )
    return Progress(
        target=t,
        target_id=t.id,
        status=Status.NO_DATA,
        measure_note=note,
        explanation=why,
        caveats=(*caveats, *also),
        missing=f"a cited finding on whether the target was reached by {deadline}",
        alternatives=alternatives,
        gaps=gaps,
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
    """The verdict on one target, or on every target of a document.

    ``progress(t)`` (a :class:`~shanghai_plan.Target` or its id) returns one
    :class:`Progress`; ``progress()`` returns a tuple for every target of the plan,
    qualitative ones included (``document=`` for a related document's, ``all_documents=True``
    for all).  The rules are in this module's docstring.
    """
    if not (tolerance.__class__ is float and 0 <= tolerance < math.inf):
        tolerance = check_tolerance(tolerance)
    if all_documents is not False:
        check_bool(all_documents, "all_documents")
    if target_or_id is not None and not isinstance(target_or_id, Target):
        check_str(target_or_id, "target_or_id")
    if document is not None:
        check_str(document, "document")
    p = load() if plan is None else check_plan(plan) or load()
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
        chosen = targets(document=document, all_documents=all_documents, plan=p)
        every = memo[key] = tuple(progress(t, tolerance=tolerance, plan=p) for t in chosen)
    return every  # type: ignore[return-value]
