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
  average (compound for growth rates).  A growth rate of −100 % or less makes compounding
  meaningless: no compound figure is made, the target is not settled, and a caveat says why.
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
* **Confidence**: a record (observation or finding) is as strong as the best source it cites,
  and a derived observation no stronger than the weakest observation it is derived from;
  a verdict is as strong as the weakest record it rests on.  Of several findings that agree,
  the verdict rests on those with the best sources.
* **Status** ``MET`` / ``NOT_MET`` as above; before the deadline (as of the data's
  ``data_as_of``) ``ON_TRACK`` / ``OFF_TRACK`` by comparing the growth achieved with the growth
  required; ``NO_DATA`` otherwise — read "not settled" — and then ``missing`` says what figure
  or finding would settle it, and ``gaps`` lists what the data records as not found.
* **Growth is not measured across a bound, a break or a revision.** ``implied_growth`` and
  ``achieved_growth`` are ``None`` when an end of the span is a bound (``> 2 trillion``) or a
  record that sources dispute (a :class:`~shanghai_plan.Conflict`: a statistical break, a
  revised vintage); a caveat says so.

Caveats — what a reader must know before quoting the verdict — cover every record it rests on,
the baseline included, and are ordered so that the one that matters most comes first
(:attr:`Progress.main_caveat`, the one line a table shows):

1. sources that disagree about a record the verdict rests on (its conflicts: a scope break, a
   revision), and a finding's figure on a measure it does not define;
2. findings that contradict the verdict;
3. the notes of the records it rests on (scope, revisions), and growth not measured;
4. what the deadline year shows when the verdict rests on an earlier year;
5. part-year figures and the pace they point to;
6. figures and findings after the deadline;
7. context: findings that agree, related findings ("see also …").  Context is listed but is
   never the main caveat.

:attr:`Progress.main_caveat` is the first caveat that is not context, in one line: its first
sentence, at most :data:`MAIN_CAVEAT_WIDTH` (160) characters (cut at a word with "…" beyond).
``caveats`` keeps every text in full.

**A contradicted claim is weak.** A verdict that rests on findings giving a figure on a
measure that is not stated (the target's indicator is an industry scale, 规模, which no source
defines, or the finding does not give its figure on the target's indicator) is a claim, not a
figure.  When a stated measure of the same target (one of ``alternatives``) is settled the
other way or leans the other way, the verdict's ``confidence`` is ``weak`` whatever its
sources, and that contradiction is its main caveat.  Otherwise the claim keeps its sources'
confidence.

**Leans.** A target the evidence does not settle (``NO_DATA``) may still *lean* one way:
:attr:`Progress.lean` is :attr:`Lean.LEANS_MET` or :attr:`Lean.LEANS_NOT_MET`, never counted as
met or not met, with the :class:`LeanRule` it follows (``lean_rule``), the records it rests on
(``lean_rests_on``) and the reasoning (``lean_note``).  Where no rule applies, ``lean`` is
:attr:`Lean.NONE` and ``lean_note`` says why it cannot lean.  A lean is only drawn from figures
of one indicator (never across statistical scopes) or from findings naming the target; where
the rules that apply point different ways, there is no lean.  The figure rules (a, b) apply
when the deadline year has no full-year figure; a lean's records add their notes and
conflicts to the caveats.  The rules, in order:

a. **Part-year pace** (:attr:`LeanRule.PART_YEAR_PACE`), for a target on a level: the
   deadline year's latest part-year figure (``coverage`` of whole months from January:
   ``"Q1–Q3"``, ``"Jan–May"``, ``"H1"``) annualised by ``12 / months`` for a flow (output,
   revenue, investment, production…), taken as it is for a rate or a share.  It leans met
   when the pace reaches the goal, not met when it falls below :data:`ON_TRACK_RATIO` (95 %)
   of it; in between it is too close to call (seasons differ).  A lower bound can only lean
   met, an upper bound only not met.
b. **Growth required against growth observed** (:attr:`LeanRule.REQUIRED_GROWTH`), for a
   level to reach or pass (not a ceiling, not a growth rate): the annual growth still
   required from the last full-year figure to the goal by the deadline, against the annual
   growth observed on the same indicator up to that figure (from the earliest exact,
   undisputed full-year figure since the year before the period began).  Following
   Statistics Canada's progress measure for its Sustainable Development Goals indicators
   (ratio of the observed to the required rate of change; "on track" at 95 % or more —
   *Progress Measurement for Canada's Sustainable Development Goals*,
   https://sdgcif-data-canada-oddcic-donnee.github.io/methodology), it leans met at a ratio
   of :data:`ON_TRACK_RATIO` or more and not met below it.  Bounds are carried through: a
   lower bound for the last figure makes the required growth an upper bound, so it can only
   lean met.
c. **Partial sums with bounds** (:attr:`LeanRule.PARTIAL_SUM`): for a cumulative target with
   years missing, the average the missing years would need, against the levels of the years
   known: it leans met when they would need no more than the lowest known year, not met when
   they would need more than the highest.
d. **Findings** (:attr:`LeanRule.FINDINGS`): a finding whose bearing is ``absent`` (what the
   target names went elsewhere or was not found) leans not met; one whose bearing is
   ``progress`` and that gives a figure in the target's unit leans met when that figure already
   reaches the goal, not met when it misses it for the deadline year (never for a cumulative
   target, of which it may be a part).  A finding's figure on another measure than the
   target's says so in the lean.
"""

import math
import re
from collections.abc import Iterable, Sequence
from typing import Any, Literal, overload

import attrs
from attrs import field, frozen

from ._args import check_bool, check_bundled, check_plan, check_str, check_tolerance
from ._format import amount, number, short
from ._format import figure as _fmt_figure
from ._index import CONFIDENCE_RANK, Index, best_source, index_for
from .loading import load
from .model import (
    Aggregation,
    Bearing,
    Comparator,
    Confidence,
    Conflict,
    Document,
    Finding,
    FindingKind,
    Gap,
    Indicator,
    Measure,
    Observation,
    Plan,
    Target,
    TargetKind,
    Unit,
    _Vocabulary,
)
from .queries import document_id, indicator, target, targets

__all__ = [
    "MAIN_CAVEAT_WIDTH",
    "ON_TRACK_RATIO",
    "EvidenceKind",
    "Lean",
    "LeanRule",
    "Progress",
    "Status",
    "progress",
    "verdict_text",
]

DEFAULT_TOLERANCE = 0.05
"""How close to an ``about`` figure counts as reaching it (5 %)."""

ON_TRACK_RATIO = 0.95
"""The line between leaning met and leaning not met: observed growth at 95 % or more of the
required growth is on track (Statistics Canada's threshold for its Sustainable Development Goals
progress measure), and a part-year pace below 95 % of the goal points below it."""


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
    """Not settled: the evidence does not decide it; ``Progress.missing`` says what would and
    ``Progress.lean`` which way it points, if any.  (Read "not settled" wherever it is shown.)"""


class Lean(_Vocabulary):
    """Which way the evidence points for a target it does not settle."""

    LEANS_MET = "leans_met"
    """Not settled, but the evidence points to the target reached."""
    LEANS_NOT_MET = "leans_not_met"
    """Not settled, but the evidence points to the target missed."""
    NONE = "none"
    """No lean: settled, or no rule applies (``Progress.lean_note`` says why)."""


class LeanRule(_Vocabulary):
    """The rule a lean follows (see the module docstring)."""

    PART_YEAR_PACE = "part_year_pace"
    """The deadline year's part-year figure, annualised, against the goal."""
    REQUIRED_GROWTH = "required_growth"
    """The growth still required from the last full-year figure against the growth observed."""
    PARTIAL_SUM = "partial_sum"
    """For a cumulative target, what the missing years would need against the known years."""
    FINDINGS = "findings"
    """Findings that report progress with a figure, or an absence."""


_STATUS_WORDS = {
    "met": "met",
    "not_met": "not met",
    "on_track": "on track",
    "off_track": "off track",
    "no_data": "not settled",
}
_LEAN_WORDS = {"leans_met": "leans met", "leans_not_met": "leans not met"}


def verdict_text(status: "Status | str", lean: "Lean | str | None" = None) -> str:
    """The verdict as people read it: ``"met"``, ``"not met"``, ``"not settled"``,
    ``"not settled — leans met"``, ``"not settled — leans not met"``, ``"on track"``…

    >>> verdict_text(Status.NO_DATA, Lean.LEANS_NOT_MET)
    'not settled — leans not met'
    """
    words = _STATUS_WORDS[str(status)]
    leaning = _LEAN_WORDS.get(str(lean)) if lean is not None else None
    return f"{words} — {leaning}" if leaning else words


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
    goal: float | None = field(default=None, repr=short)
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
    implied_growth: float | None = field(default=None, repr=short)
    """Annual growth (percent a year) the goal required from the baseline to the deadline."""
    achieved_growth: float | None = field(default=None, repr=short)
    """Annual growth (percent a year) achieved from the baseline to the latest figure."""
    rests_on: tuple[Observation, ...] = field(default=(), repr=False)
    """Every observation the status rests on (cite these)."""
    findings: tuple[Finding, ...] = field(default=(), repr=False)
    """Every finding the status rests on (cite these)."""
    confidence: Confidence | None = None
    """The weakest confidence among the records the status rests on — for an unsettled
    target that leans, the lean's records too (``None`` when none)."""
    explanation: str = field(default="", repr=False)
    """Why, in one line."""
    caveats: tuple[str, ...] = field(default=(), repr=False)
    """What a reader should know, the one that matters most first (see the module docstring):
    disputed and noted records the verdict rests on (the baseline included), findings that
    disagree, what the deadline year shows, partial-year and after-deadline figures, then
    context (findings that agree, related findings: "see also …")."""
    main_caveat: str | None = field(default=None, repr=False)
    """The caveat that matters most, in one line (at most :data:`MAIN_CAVEAT_WIDTH`
    characters): the first sentence of the first of ``caveats`` that is not context, cut at
    a word with "…" if it is still longer.  ``None`` when every caveat is context (an unsettled
    target then shows what is ``missing`` and ``lean_note``).  What a table shows; the full
    text is in ``caveats``."""
    missing: str | None = field(default=None, repr=False)
    """What figure or finding would settle the target (for statuses other than met / not met,
    and for a verdict that rests on an earlier year)."""
    alternatives: tuple["Progress", ...] = field(default=(), repr=False)
    """The verdicts on the target's other measures (``Target.alternative_indicator_ids``)."""
    gaps: tuple[Gap, ...] = field(default=(), repr=False)
    """What the data records as not found about this target's outcome or its indicators (a
    later promise not found is :func:`~shanghai_plan.successors`' answer, not listed here)."""
    lean: Lean = Lean.NONE
    """Which way the evidence points when it does not settle the target (never counted as
    met or not met)."""
    lean_rule: LeanRule | None = field(default=None, repr=False)
    """The rule the lean follows (``None`` without a lean)."""
    lean_rests_on: tuple[Observation | Finding, ...] = field(default=(), repr=False)
    """The observations and findings the lean rests on (cite these)."""
    lean_note: str | None = field(default=None, repr=False)
    """How the lean was reached, or — for a target not settled without a lean — why it cannot
    lean (``None`` for a settled target)."""

    @property
    def verdict(self) -> str:
        """The status (and lean) as people read it: ``"not settled — leans met"``."""
        return verdict_text(self.status, self.lean)

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


def _collapse(growth: Iterable[Observation]) -> tuple[int, ...]:
    """The years whose growth rate is −100 % or less: compounding through them is meaningless
    (nothing is left, or less than nothing), so no compound figure is made."""
    return tuple(sorted({o.year for o in growth if o.value <= -100}))


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


def _record_rank(record: Observation | Finding, idx: Index) -> int:
    """A record is as strong as the best source it cites; a derived observation no stronger
    than the weakest observation it is derived from (the index works it out)."""
    found = idx.observation_confidence.get(record.id) if isinstance(record, Observation) else None
    if found is None:
        found = best_source(record.citations, idx.source_by_id)
    return CONFIDENCE_RANK.index(found)


def _conflicts_of(records: Iterable[Observation], plan: Plan) -> list[Conflict]:
    ids = {o.id for o in records}
    return [c for c in plan.conflicts if any(ids & set(side.record_ids) for side in c.sides)]


def _rank_of(confidence: Confidence | None) -> int:
    return len(CONFIDENCE_RANK) if confidence is None else CONFIDENCE_RANK.index(confidence)


def _weakest(records: Iterable[Observation | Finding], idx: Index) -> Confidence | None:
    ranks = [_record_rank(r, idx) for r in records]
    return CONFIDENCE_RANK[max(ranks)] if ranks else None


# Caveat ranks, the one that matters most first (the module docstring's list); context
# (findings that agree, related findings) is listed last and is never the main caveat.
_DISPUTED, _AGAINST, _NOTED, _DEADLINE_YEAR, _PART_YEAR, _LATE, _CONTEXT = range(7)
_Caveat = tuple[int, str]
_Verdict = tuple["Progress", list[_Caveat]]

MAIN_CAVEAT_WIDTH = 160
"""The longest :attr:`Progress.main_caveat`: one line of a table."""

_SENTENCE = re.compile(r"(?<=[^.\s]{3}[.?!])\s")
"""The end of a sentence (not of an abbreviation such as "e.g." or "No.")."""


def _one_line(text: str) -> str:
    """A caveat in one line: its first sentence, cut at a word before
    :data:`MAIN_CAVEAT_WIDTH` characters (with "…") when it is longer."""
    first = _SENTENCE.split(text, maxsplit=1)[0]
    if len(first) <= MAIN_CAVEAT_WIDTH:
        return first
    return first[: MAIN_CAVEAT_WIDTH - 1].rsplit(" ", 1)[0].rstrip(" ,;:—") + "…"


def _caveat_fields(caveats: Iterable[_Caveat]) -> dict[str, Any]:
    """``caveats`` (every text, most important first, stable within a rank, each once) and
    ``main_caveat`` (the first that is not context, in one line) for a :class:`Progress`."""
    ranked = sorted(caveats, key=lambda c: c[0])
    main = next((text for rank, text in ranked if rank < _CONTEXT), None)
    return {
        "caveats": tuple(dict.fromkeys(text for _, text in ranked)),
        "main_caveat": None if main is None else _one_line(main),
    }


def _years(years: Iterable[int]) -> str:
    """Years for a reader: ``2021–2025`` for a run, ``2021, 2023`` otherwise."""
    ys = sorted(set(years))
    if len(ys) > 2 and ys == list(range(ys[0], ys[-1] + 1)):
        return f"{ys[0]}–{ys[-1]}"
    return ", ".join(map(str, ys))


def _record_caveats(
    records: Iterable[Observation], plan: Plan, label: dict[str, str]
) -> list[_Caveat]:
    """The notes and conflicts of the records a verdict rests on; ``label`` names each record
    for a reader ("the 2019 baseline")."""
    records = list(records)
    out: list[_Caveat] = [
        (_DISPUTED, f"sources disagree — {c.topic} {c.resolution}".strip())
        for c in _conflicts_of(records, plan)
    ]
    out += [(_NOTED, f"{label[o.id]}: {o.notes}") for o in records if o.notes]
    return out


def _is_bound(o: Observation) -> bool:
    return o.comparator in _BOUND_SIDE


_Reason = Literal[
    "unit",  # the indicator is not in the target's unit
    "no_base",  # a relative goal with no baseline figure
    "no_figure",  # nothing after the baseline
    "reached",  # a year reached the goal
    "deadline_open",  # the deadline year's figures do not settle it
    "missed",  # the deadline year misses it
    "late",  # the deadline passed; the latest figure is earlier
    "no_growth",  # before the deadline, no baseline to measure growth from
    "growth",  # before the deadline: achieved against required growth
    "no_years",  # a sum or average with no yearly figures
    "several",  # a year with several figures
    "sum_reached",
    "sum_missed",
    "sum_bounds",
    "sum_partial",  # the deadline passed with years missing
    "sum_pace",  # before the deadline: the years so far point to…
    "compounded_several",
    "compounded_reached",
    "compounded_missed",
    "compounded_gap",
    "collapse",  # a growth rate of −100 % or less: nothing to compound
]


@frozen(kw_only=True)
class _Decision:
    """What one indicator's figures decide about a target, as plain data: the status, the
    rule that decided it (``reason``) and the numbers and records it rests on.  Worded by
    :func:`_explain`."""

    status: Status
    reason: _Reason
    goal: float | None = None
    unit: Unit | None = None
    figure: float | None = None
    figure_comparator: Comparator | None = None
    figure_year: int | None = None
    baseline: Observation | None = None
    base_year: int | None = None
    latest: Observation | None = None
    implied_growth: float | None = None
    achieved_growth: float | None = None
    rests_on: tuple[Observation, ...] = ()
    years: tuple[int, ...] = ()
    """The years the reason is about: those with figures, several figures, or none."""
    first: int | None = None
    """The first year of a sum, an average or a compounded span."""
    label: str = ""
    """``sum``, ``average`` or ``compound average``."""
    pace: float | None = None
    finals: tuple[Observation, ...] = ()
    """The deadline year's figures, for a verdict resting on an earlier year."""
    final_verdict: bool | None = None
    part_year: "_Case | None" = None
    """The deadline year's part-year pace, for a verdict resting on an earlier year."""
    unmeasured: tuple[Observation, ...] = ()
    """The ends of a growth rate that is not measured (bounds, disputed records)."""


class _Judge:
    """The figures of one indicator set against one target (see the module rules): the
    branches of :meth:`assess` decide (a :class:`_Decision`), :func:`_explain` words the
    decision, and :meth:`finish` makes the :class:`Progress`."""

    def __init__(self, t: Target, ind: Indicator, plan: Plan, tolerance: float) -> None:
        self.t, self.ind, self.plan, self.tolerance = t, ind, plan, tolerance
        self.q = t.quantity
        self.deadline = _deadline(t, plan)
        self.over = plan.data_as_of.year > self.deadline
        self.index = index_for(plan)
        self.sources = self.index.source_by_id
        every = _full_year(ind.observations)
        self.full = [o for o in every if o.year <= self.deadline]
        # what the figures outside the judged span say: after the deadline, part years
        self.caveats: list[_Caveat] = []
        late = [o for o in every if o.year > self.deadline]
        for year, figs in _by_year(late).items():
            self.caveats.append(
                (
                    _LATE,
                    f"{year} figure ({self.show(figs)}) comes after the {self.deadline} deadline "
                    "and does not count",
                )
            )
        full_years = {o.year for o in self.full}
        partial = [o for o in ind.observations if o.coverage is not None]
        for o in sorted(partial, key=lambda o: o.year):
            if o.year <= self.deadline and o.year not in full_years:
                self.caveats.append(
                    (
                        _PART_YEAR,
                        f"{o.year} figure for {o.coverage} ({self.show([o])}) is not a "
                        "full-year figure and does not decide",
                    )
                )

    def finish(self, d: _Decision) -> "_Verdict":
        """The verdict for a decision, and its caveats ranked (ordered once findings are
        merged in): those of every record it rests on (the baseline of a relative goal
        included), the figures around it, and what the decision's own words add."""
        why, missing, said = _explain(self, d)
        rests = d.rests_on
        label = {o.id: f"the {o.year} figure" for o in rests}
        records = list(rests)
        base = d.baseline
        if base is not None and self.q is not None and self.q.unit is Unit.MULTIPLE:
            label[base.id] = f"the {base.year} baseline"
            records = [base, *(o for o in rests if o.id != base.id)]
        ranked = [*_record_caveats(records, self.plan, label), *self.caveats, *said]
        comparator = d.figure_comparator
        if d.figure is not None and comparator is None:
            one = [o for o in rests if o.value == d.figure and o.year == d.figure_year]
            comparator = one[0].comparator if one else None
        made = Progress(
            target=self.t,
            target_id=self.t.id,
            status=d.status,
            evidence=EvidenceKind.NONE if d.status is Status.NO_DATA else EvidenceKind.FIGURES,
            measure=self.ind.id,
            goal=d.goal,
            unit=d.unit or self.ind.unit,
            figure=d.figure,
            figure_comparator=comparator,
            figure_year=d.figure_year,
            baseline=d.baseline,
            latest=d.latest,
            implied_growth=d.implied_growth,
            achieved_growth=d.achieved_growth,
            rests_on=rests,
            confidence=_weakest(rests, self.index),
            explanation=why,
            **_caveat_fields(ranked),
            missing=missing,
        )
        return made, ranked

    def fmt(self, value: float) -> str:
        """A figure in the indicator's unit, for an explanation."""
        return _num(value, self.ind.unit)

    def goal_text(self, goal: float, baseline: Observation | None) -> str:
        """The goal for an explanation; a multiple of a baseline says so, rounded to three
        figures (it is never more precise than its base): "1.4 trillion yuan (×2 the 2019
        base of 701.6 billion yuan)"."""
        q = self.q
        if q is None or q.unit is not Unit.MULTIPLE or baseline is None:
            return self.fmt(goal)
        base = _shown([baseline], self.ind.unit)
        return (
            f"{amount(goal, self.ind.unit, digits=3)} (×{_num(q.value)} the {baseline.year} "
            f"base of {base})"
        )

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

    def assess(self) -> "_Verdict":
        """Decide, then word and assemble."""
        return self.finish(self.decide())

    def decide(self) -> _Decision:
        t, ind, q = self.t, self.ind, self.q
        assert q is not None
        if q.unit is not Unit.MULTIPLE and q.unit is not ind.unit:
            return _Decision(status=Status.NO_DATA, reason="unit")
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
                return _Decision(status=Status.NO_DATA, reason="no_base", base_year=base_year)
            goal = baseline.value * q.value
        else:
            goal = q.value
        if t.aggregation is not Aggregation.LEVEL:
            return self._over_years(goal)
        return self._level(goal, baseline)

    def _level(self, goal: float, baseline: Observation | None) -> _Decision:
        q, deadline, tol = self.q, self.deadline, self.tolerance
        assert q is not None
        after = [o for o in self.full if baseline is None or o.year > baseline.year]
        years = _by_year(after)
        newest = years[max(years)] if years else []
        latest = _preferred(newest)
        # growth is not measured across a bound or a disputed record (a break, a revision)
        disputed = {i for c in self.plan.conflicts for side in c.sides for i in side.record_ids}
        base_ok = baseline is not None and not _is_bound(baseline) and baseline.id not in disputed
        latest_ok = latest is not None and not _is_bound(latest) and latest.id not in disputed
        implied = (
            cagr(baseline.value, goal, deadline - baseline.year) if baseline and base_ok else None
        )
        achieved = (
            cagr(baseline.value, latest.value, latest.year - baseline.year)
            if baseline and latest and base_ok and latest_ok
            else None
        )
        unmeasured = (
            tuple(o for o, ok in ((baseline, base_ok), (latest, latest_ok)) if not ok)
            if baseline is not None and latest is not None
            else ()
        )
        common: dict[str, Any] = {
            "goal": goal,
            "baseline": baseline,
            "latest": latest,
            "implied_growth": implied,
            "achieved_growth": achieved,
            "unmeasured": unmeasured,
        }
        # a relative goal rests on its baseline too; an absolute one only on the deciding figures
        base = (baseline,) if baseline is not None and q.unit is Unit.MULTIPLE else ()
        if latest is None:
            return _Decision(status=Status.NO_DATA, reason="no_figure", **common)
        # Of the years that reach the goal, rest on the best-sourced one (the later on a tie):
        # a verdict is as strong as its evidence, so it leans on the strongest there is.
        reaching = [y for y, figs in years.items() if _verdict(figs, goal, q.comparator, tol)]
        reached = max(
            reaching,
            key=lambda y: (-max(_record_rank(o, self.index) for o in years[y]), y),
            default=None,
        )
        finals = years.get(deadline, [])
        if reached is not None:
            deciding = _preferred(years[reached])
            assert deciding is not None
            early = reached < deadline  # then say what the deadline year shows
            partial = [o for o in self.ind.observations if o.coverage and o.year == deadline]
            return _Decision(
                status=Status.MET,
                reason="reached",
                rests_on=tuple(dict.fromkeys((*base, *years[reached]))),
                figure=deciding.value,
                figure_year=reached,
                finals=tuple(finals) if early else (),
                final_verdict=_verdict(finals, goal, q.comparator, tol) if finals else None,
                part_year=(
                    _pace(self.ind, partial, goal, q.comparator, tol)
                    if early and not finals
                    else None
                ),
                **common,
            )
        if finals:
            fig = _preferred(finals)
            assert fig is not None
            settled = _verdict(finals, goal, q.comparator, tol)
            return _Decision(
                status=Status.NO_DATA if settled is None else Status.NOT_MET,
                reason="deadline_open" if settled is None else "missed",
                rests_on=tuple(dict.fromkeys((*base, *finals))),
                figure=fig.value,
                figure_year=deadline,
                **common,
            )
        rests = tuple(dict.fromkeys((*((baseline,) if baseline else ()), *newest)))
        figure: dict[str, Any] = {
            "rests_on": rests,
            "figure": latest.value,
            "figure_year": latest.year,
        }
        if self.over:
            return _Decision(status=Status.NO_DATA, reason="late", **figure, **common)
        if implied is None or achieved is None:
            return _Decision(status=Status.NO_DATA, reason="no_growth", **figure, **common)
        status = Status.ON_TRACK if achieved >= implied else Status.OFF_TRACK
        return _Decision(status=status, reason="growth", **figure, **common)

    def _over_years(self, goal: float) -> _Decision:
        t, q, deadline = self.t, self.q, self.deadline
        assert q is not None
        first = _start_year(t, self.plan)
        span = range(first, deadline + 1)
        years = {y: figs for y, figs in _by_year(self.full).items() if y in span}
        counted_all = tuple(o for figs in years.values() for o in figs)
        if not counted_all:
            return _Decision(status=Status.NO_DATA, reason="no_years", goal=goal, first=first)
        doubled = tuple(y for y, figs in years.items() if _one_figure(figs) is None)
        if doubled:  # never silently pick one source's figure over another's
            return _Decision(
                status=Status.NO_DATA,
                reason="several",
                goal=goal,
                rests_on=counted_all,
                years=doubled,
            )
        counted = [_one_figure(figs) for figs in years.values()]
        values = [o.value for o in counted if o is not None]
        have = tuple(years)
        if t.aggregation is Aggregation.PER_YEAR and self.ind.measure is Measure.GROWTH_RATE:
            collapse = _collapse(counted_all)
            if collapse:
                return _Decision(
                    status=Status.NO_DATA, reason="collapse", goal=goal, rests_on=counted_all,
                    years=collapse, first=first,
                )  # fmt: skip
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
        probe = Observation(
            id="", year=have[-1], value=figure, comparator=bound or Comparator.EXACTLY,
            citations=(),
        )  # fmt: skip
        verdict = (
            None if bound is Comparator.ABOUT else judge(probe, goal, q.comparator, self.tolerance)
        )
        complete = set(span) <= set(have)
        decided: dict[str, Any] = {
            "goal": goal,
            "latest": counted_all[-1],
            "rests_on": counted_all,
            "figure": figure,
            "figure_comparator": bound or Comparator.EXACTLY,
            "figure_year": have[-1],
            "years": have,
            "first": first,
            "label": label,
            "pace": pace,
        }
        if verdict and (complete or (t.aggregation is Aggregation.CUMULATIVE and upward)):
            return _Decision(status=Status.MET, reason="sum_reached", **decided)
        if complete and verdict is False:
            return _Decision(status=Status.NOT_MET, reason="sum_missed", **decided)
        if complete:
            return _Decision(status=Status.NO_DATA, reason="sum_bounds", **decided)
        if self.over:
            return _Decision(status=Status.NO_DATA, reason="sum_partial", **decided)
        ok = meets(pace, goal, q.comparator, self.tolerance)
        status = Status.ON_TRACK if ok else Status.OFF_TRACK
        return _Decision(status=status, reason="sum_pace", **decided)

    def _compounded(self) -> _Decision:
        """A multiple of a baseline measured by yearly growth rates, compounded."""
        t, q, deadline = self.t, self.q, self.deadline
        assert q is not None
        base_year = (
            t.baseline_year if t.baseline_year is not None else _start_year(t, self.plan) - 1
        )
        span = range(base_year + 1, deadline + 1)
        years = {y: figs for y, figs in _by_year(self.full).items() if y in span}
        used = tuple(o for figs in years.values() for o in figs)
        doubled = tuple(y for y, figs in years.items() if _one_figure(figs) is None)
        absent = tuple(y for y in span if y not in years)
        kw: dict[str, Any] = {
            "goal": q.value,
            "unit": Unit.MULTIPLE,
            "rests_on": used,
            "base_year": base_year,
            "first": base_year + 1,
        }
        if doubled:
            return _Decision(
                status=Status.NO_DATA, reason="compounded_several", years=doubled, **kw
            )
        collapse = _collapse(used)
        if collapse:
            return _Decision(status=Status.NO_DATA, reason="collapse", years=collapse, **kw)
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
            kw["rests_on"] = tuple(o for o in used if o.year <= reached)
            return _Decision(
                status=Status.MET,
                reason="compounded_reached",
                figure=multiple,
                figure_year=reached,
                **kw,
            )
        if not absent:
            return _Decision(
                status=Status.NOT_MET,
                reason="compounded_missed",
                figure=multiple,
                figure_year=deadline,
                **kw,
            )
        return _Decision(status=Status.NO_DATA, reason="compounded_gap", years=absent, **kw)


def _explain(j: _Judge, d: _Decision) -> tuple[str, str | None, list[_Caveat]]:
    """The words for a decision: why (one line), what would settle it, and the caveats its
    own numbers call for (growth not measured, what the deadline year shows)."""
    ind, q, deadline, t = j.ind, j.q, j.deadline, j.t
    assert q is not None
    what = f"{ind.name_en} ({ind.id})"
    goal = "" if d.goal is None else j.goal_text(d.goal, d.baseline)
    said: list[_Caveat] = []
    if d.unmeasured:
        why_not = " and ".join(
            f"the {o.year} figure is {'a bound' if _is_bound(o) else 'disputed'}"
            for o in d.unmeasured
        )
        said.append((_NOTED, f"growth is not measured: {why_not}"))
    in_year = [o for o in d.rests_on if o.year == d.figure_year]
    # an average is computed by us: three figures, not the spurious precision of the mean
    digits = 3 if "average" in d.label else 5
    value = "" if d.figure is None else amount(d.figure, ind.unit, digits=digits)
    bounded = d.figure_comparator not in (None, Comparator.EXACTLY)
    shown = f"{d.figure_comparator.symbol} {value}" if bounded and d.figure_comparator else value
    span = f"{d.first}–{deadline}"
    absent = ", ".join(str(y) for y in range(d.first or deadline, deadline + 1) if y not in d.years)
    r = d.reason
    if r == "unit":
        why = f"{ind.id} is measured in {ind.unit.value}, the target in {q.unit.value}"
        return why, f"a figure in {q.unit.value}", said
    if r == "no_base":
        why = f"relative target: no {ind.id} figure for the baseline year {d.base_year}"
        return why, f"a {d.base_year} figure for {what}, the baseline", said
    if r == "no_figure":
        return (
            "no full-year figure reported" + (" after the baseline" if d.baseline else ""),
            (j.figure_wanted()),
            said,
        )
    if r == "reached":
        assert d.figure_year is not None
        why = f"{j.show(in_year)} in {d.figure_year} reaches {goal}"
        if d.figure_year == deadline:
            return why, None, said
        finals, reached = d.finals, d.figure_year
        if not finals:
            said.append(
                (_DEADLINE_YEAR, f"rests on the {reached} figure: no full-year {deadline} figure")
            )
            if d.part_year is not None:
                said.append((_DEADLINE_YEAR, d.part_year.text))
            return why, f"{j.figure_wanted()}, to confirm", said
        if d.final_verdict is False:
            said.append(
                (
                    _DEADLINE_YEAR,
                    f"the {deadline} figure ({j.show(finals)}) falls short again; the goal was "
                    f"reached in {reached}",
                )
            )
        elif d.final_verdict:
            said.append(
                (
                    _DEADLINE_YEAR,
                    f"the {deadline} figure ({j.show(finals)}, "
                    f"{_weakest(finals, j.index)}) reaches the goal too",
                )
            )
        else:
            said.append(
                (
                    _DEADLINE_YEAR,
                    f"the {deadline} figures ({j.show(finals)}) do not settle whether the goal "
                    "held in the deadline year",
                )
            )
        return why, None, said
    if r == "deadline_open":
        why = (
            f"the {deadline} figures ({j.show(in_year)}) do not settle {goal}: a bound, or "
            "sources that disagree"
        )
        return why, f"an exact {deadline} figure for {what}", said
    if r == "missed":
        return f"{j.show(in_year)} in {deadline} misses {goal}", None, said
    if r == "late":
        assert d.latest is not None
        why = f"deadline {deadline} has passed; the latest figure is for {d.latest.year}"
        return why, j.figure_wanted(), said
    if r == "no_growth":
        why = "no baseline to measure growth from"
        return why, f"a figure for {ind.name_en} before {_start_year(t, j.plan)}", said
    if r == "growth":
        achieved, implied = d.achieved_growth, d.implied_growth
        assert achieved is not None
        assert implied is not None
        why = f"achieved {achieved:.1f} %/yr against {implied:.1f} %/yr required"
        return why, None, said
    if r == "no_years":
        return "no yearly figures", j.figure_wanted(span), said
    if r == "several":
        why = f"several figures for {_years(d.years)}; they are not combined"
        return why, f"figures that settle {_years(d.years)} for {what}", said
    if r == "sum_reached":
        return f"{d.label} {shown} over {_years(d.years)} reaches {goal}", None, said
    if r == "sum_missed":
        return f"{d.label} {shown} over {span} misses {goal}", None, said
    if r == "sum_bounds":
        why = f"{d.label} {shown} over {span} does not settle {goal}: bounds"
        return why, f"exact figures for {what}, {span}", said
    if r == "sum_partial":
        why = f"figures only for {_years(d.years)} ({d.label} so far {shown}); {span} needed"
        return why, j.figure_wanted(absent), said
    if r == "sum_pace":
        assert d.pace is not None
        why = f"the years {_years(d.years)} point to {j.fmt(d.pace)} against {goal}"
        return why, j.figure_wanted(absent), said
    if r == "compounded_several":
        why = f"several growth figures for {_years(d.years)}; they are not combined"
        return why, f"figures that settle {_years(d.years)}", said
    if r in ("compounded_reached", "compounded_missed"):
        assert d.figure is not None
        verb = "reaching" if r == "compounded_reached" else "missing"
        why = (
            f"growth compounded over {d.first}–{d.figure_year} gives ×{d.figure:.3g}, "
            f"{verb} ×{_num(q.value)}"
        )
        return why, None, said
    if r == "collapse":
        said.append(
            (
                _NOTED,
                f"growth of −100 % or less in {_years(d.years)}: compounding through it is "
                "meaningless, so there is no compound figure",
            )
        )
        why = f"growth of −100 % or less in {_years(d.years)}: no compound figure"
        return why, f"growth figures above −100 % for {_years(d.years)}", said
    assert r == "compounded_gap"
    why = (
        f"growth figures for {_years(d.years)} are missing: a multiple of the {d.base_year} "
        "level cannot be compounded"
    )
    return why, j.figure_wanted(", ".join(map(str, d.years))), said


# ------------------------------------------------------------------ leans (module rules a–d)

_FLOWS = frozenset(
    {
        Measure.INDUSTRY_SCALE,
        Measure.GROSS_OUTPUT,
        Measure.VALUE_ADDED,
        Measure.REVENUE,
        Measure.PRODUCTION_VOLUME,
        Measure.INVESTMENT,
        Measure.GDP,
    }
)
"""Measures that add up over a year, so a part-year figure is annualised by 12 / months."""
_RATES = frozenset({Measure.GROWTH_RATE, Measure.SHARE})
"""Measures whose part-year figure is read as the year's rate."""
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PERIODS = {"Q1": 3, "H1": 6, "Q1–Q2": 6, "Q1–Q3": 9}


def _months(coverage: str) -> int | None:
    """How many months from January a coverage covers (``"Jan–May"`` 5, ``"Q1–Q3"`` 9);
    ``None`` when it is not a run of whole months from January."""
    if coverage in _PERIODS:
        return _PERIODS[coverage]
    first, _, last = coverage.partition("–")
    if first == "Jan" and last in _MONTH_NAMES:
        return _MONTH_NAMES.index(last) + 1
    return None


def _points(
    value: float, side: str | None, goal: float, comparator: Comparator, tolerance: float
) -> Lean:
    """Which way ``value`` points against ``goal``: met when it reaches it, not met when even
    1 / :data:`ON_TRACK_RATIO` of it would not, no lean in between.  ``side`` is ``"lower"``
    or ``"upper"`` when ``value`` is a bound: a bound points only the way it is certain."""
    upward = comparator not in (Comparator.AT_MOST, Comparator.LESS_THAN)
    if meets(value, goal, comparator, tolerance):
        return Lean.LEANS_MET if side in (None, "lower" if upward else "upper") else Lean.NONE
    stretched = value / ON_TRACK_RATIO if upward else value * ON_TRACK_RATIO
    if not meets(stretched, goal, comparator, tolerance):
        return Lean.LEANS_NOT_MET if side in (None, "upper" if upward else "lower") else Lean.NONE
    return Lean.NONE


@frozen
class _Case:
    """What one lean rule found: the way it points (``NONE`` when it cannot tell) and why."""

    rule: LeanRule
    lean: Lean
    records: tuple[Observation | Finding, ...]
    text: str


def _pace(
    ind: Indicator,
    partial: Sequence[Observation],
    goal: float,
    comparator: Comparator,
    tolerance: float,
) -> _Case | None:
    """Rule (a): the deadline year's latest part-year figure, annualised, against the goal."""
    if ind.measure not in _FLOWS | _RATES:
        return None
    usable = [(o, m) for o in partial if o.coverage and (m := _months(o.coverage))]
    if not usable:
        return None
    months = max(m for _, m in usable)
    latest = [o for o, m in usable if m == months]
    fig = _one_figure(latest)
    coverage = latest[0].coverage
    if fig is None:
        return _Case(
            LeanRule.PART_YEAR_PACE,
            Lean.NONE,
            tuple(latest),
            f"the {latest[0].year} figures for {coverage} disagree",
        )
    flow = ind.measure in _FLOWS
    pace = fig.value * 12 / months if flow else fig.value
    side = _BOUND_SIDE.get(fig.comparator)
    lean = _points(pace, side, goal, comparator, tolerance)
    shown = _shown([fig], ind.unit)
    how = (
        f"{shown} for {coverage}, a pace of {_bound_word(side)}"
        f"{amount(pace, ind.unit, digits=3)} a year (× 12/{months})"
        if flow
        else f"{shown} for {coverage}, read as the year's rate"
    )
    verdict = {
        Lean.LEANS_MET: "reaches",
        Lean.LEANS_NOT_MET: f"falls below {ON_TRACK_RATIO:.0%} of",
        Lean.NONE: "is too close to call against",
    }[lean]
    return _Case(
        LeanRule.PART_YEAR_PACE,
        lean,
        (fig,),
        f"{fig.year} so far: {how}, {verdict} the goal of {_num(goal, ind.unit)}",
    )


def _bound_word(side: str | None) -> str:
    return {"lower": "more than ", "upper": "less than "}.get(side or "", "")


def _growth(
    ind: Indicator, full: Sequence[Observation], goal: float, p: "Progress", plan: Plan
) -> _Case | None:
    """Rule (b): growth still required from the last full-year figure against growth observed
    on the same indicator (Statistics Canada's ratio, on track at :data:`ON_TRACK_RATIO`)."""
    t, q = p.target, p.target.quantity
    deadline = _deadline(t, plan)
    if (
        q is None
        or t.aggregation is not Aggregation.LEVEL
        or ind.measure in (Measure.GROWTH_RATE, Measure.TECHNOLOGY_LEVEL)
        or q.comparator in (Comparator.AT_MOST, Comparator.LESS_THAN)
    ):
        return None
    years = _by_year(o for o in full if o.year < deadline)
    if not years:
        return None
    last_year = max(years)
    last = _one_figure(years[last_year])
    disputed = {i for c in plan.conflicts for side in c.sides for i in side.record_ids}
    if last is None or last.id in disputed:
        return _Case(
            LeanRule.REQUIRED_GROWTH,
            Lean.NONE,
            tuple(years[last_year]),
            f"the {last_year} figure is disputed: growth is not measured from it",
        )
    start = _start_year(t, plan) - 1
    earlier = [
        o
        for y, figs in years.items()
        if y < last_year
        for o in figs
        if not _is_bound(o) and o.id not in disputed
    ]
    if not earlier:
        return None
    first = min(earlier, key=lambda o: (o.year < start, o.year if o.year >= start else -o.year))
    side = _BOUND_SIDE.get(last.comparator)  # a lower bound: more growth seen, less required
    required = cagr(last.value, goal, deadline - last_year)
    observed = cagr(first.value, last.value, last_year - first.year)
    if required is None or observed is None or required <= 0:
        return None
    ratio = observed / required
    if ratio >= ON_TRACK_RATIO:
        lean = Lean.LEANS_MET if side in (None, "lower") else Lean.NONE
    else:
        lean = Lean.LEANS_NOT_MET if side in (None, "upper") else Lean.NONE
    word = _bound_word(side)
    req_word = {"lower": "at most ", "upper": "at least "}.get(side or "", "")
    return _Case(
        LeanRule.REQUIRED_GROWTH,
        lean,
        (first, last),
        f"from {_shown([last], ind.unit)} in {last_year}, {_num(goal, ind.unit)} by {deadline} "
        f"needs {req_word}{required:.1f} % a year; {first.year}–{last_year} grew "
        f"{word}{observed:.1f} % a year ({word}{ratio:.0%} of the rate needed; on track at "
        f"{ON_TRACK_RATIO:.0%})",
    )


def _partial_sum(
    ind: Indicator,
    full: Sequence[Observation],
    goal: float,
    p: "Progress",
    plan: Plan,
    tolerance: float,
) -> _Case | None:
    """Rule (c): what the missing years of a cumulative target would need against the known
    years' levels."""
    t, q = p.target, p.target.quantity
    if q is None or t.aggregation is not Aggregation.CUMULATIVE:
        return None
    if q.comparator in (Comparator.AT_MOST, Comparator.LESS_THAN):
        return None
    deadline = _deadline(t, plan)
    span = range(_start_year(t, plan), deadline + 1)
    years = {y: figs for y, figs in _by_year(full).items() if y in span}
    known = [_one_figure(figs) for figs in years.values()]
    absent = [y for y in span if y not in years]
    if not absent or not known or any(o is None for o in known):
        return None
    figures = [o for o in known if o is not None]
    sides = {_BOUND_SIDE.get(o.comparator) for o in figures}
    total = sum(o.value for o in figures)
    low = goal * (1 - tolerance) if q.comparator is Comparator.ABOUT else goal
    need_met = (goal - total) / len(absent)
    need_missed = (low - total) / len(absent)
    lowest, highest = min(o.value for o in figures), max(o.value for o in figures)
    if sides <= {None, "lower"} and need_met <= lowest:
        lean, need, versus = (
            Lean.LEANS_MET,
            need_met,
            f"the lowest known year's {_num(lowest, ind.unit)}",
        )
    elif sides <= {None, "upper"} and need_missed > highest:
        lean, need, versus = (
            Lean.LEANS_NOT_MET,
            need_missed,
            f"the highest known year's {_num(highest, ind.unit)}",
        )
    else:
        lean, need, versus = (
            Lean.NONE,
            need_met,
            f"known years of {_num(lowest, ind.unit)} to {_num(highest, ind.unit)}",
        )
    word = _bound_word("lower" if sides == {"lower"} else "upper" if sides == {"upper"} else None)
    need_word = {"lower": "less than ", "upper": "more than "}.get(
        "lower" if sides == {"lower"} else "upper" if sides == {"upper"} else "", ""
    )
    return _Case(
        LeanRule.PARTIAL_SUM,
        lean,
        tuple(figures),
        f"{_years(years)} sum to {word}{_num(total, ind.unit)}; to reach {_num(goal, ind.unit)} "
        f"the missing {_years(absent)} would need {need_word}"
        f"{amount(max(need, 0), ind.unit, digits=3)} a year, against {versus}",
    )


def _finding_cases(t: Target, plan: Plan, goal: float | None, tolerance: float) -> list[_Case]:
    """Rule (d): findings reporting an absence, or progress with a figure."""
    idx = index_for(plan)
    deadline = _deadline(t, plan)
    cases = []
    for f in idx.findings_by_record.get(t.id, ()):
        if t.id not in f.target_ids:
            continue
        if f.bearing is Bearing.ABSENT:
            cases.append(
                _Case(
                    LeanRule.FINDINGS,
                    Lean.LEANS_NOT_MET,
                    (f,),
                    f"{_label(f, plan)} reports an absence: {f.statement}",
                )
            )
            continue
        q, fq = t.quantity, f.quantity
        if f.bearing is not Bearing.PROGRESS or q is None or fq is None or goal is None:
            continue
        if fq.unit is not (q.unit if q.unit is not Unit.MULTIPLE else fq.unit) or (
            f.year is not None and f.year > deadline
        ):
            continue
        lean = _points(fq.value, _BOUND_SIDE.get(fq.comparator), goal, q.comparator, tolerance)
        if lean is Lean.LEANS_NOT_MET and (
            f.year != deadline or t.aggregation is Aggregation.CUMULATIVE
        ):
            lean = Lean.NONE  # an earlier shortfall, or part of a sum, says nothing of the end
        shown = _fmt_figure(fq.value, fq.unit, fq.comparator)
        scope = f" ({f.measures})" if f.measures else ""
        cases.append(
            _Case(
                LeanRule.FINDINGS,
                lean,
                (f,),
                f"{_label(f, plan)} reports progress of {shown}{scope} against the goal of "
                f"{amount(goal, fq.unit)}",
            )
        )
    return cases


def _lean(
    verdict: "_Verdict",
    ind: Indicator | None,
    plan: Plan,
    tolerance: float,
    *,
    findings: bool = True,
) -> "Progress":
    """The lean of a verdict that does not settle its target (module rules a–d): figures of
    ``ind`` only where the goal is in its unit (never across scopes), and — for the main
    verdict, not another measure's — the findings naming the target.  The caveats are
    ordered here, once the records a lean rests on have added theirs."""
    p, ranked = verdict
    if p.status is not Status.NO_DATA:
        return attrs.evolve(p, **_caveat_fields(ranked))
    t = p.target
    deadline = _deadline(t, plan)
    cases: list[_Case] = []
    goal = p.goal
    if ind is not None and goal is not None and p.unit is ind.unit:
        every = list(ind.observations)
        full = [o for o in _full_year(every) if o.year <= deadline]
        if not any(o.year == deadline for o in full):
            partial = [o for o in every if o.coverage is not None and o.year == deadline]
            q = t.quantity
            if q is not None and t.aggregation is Aggregation.LEVEL:
                cases += filter(None, [_pace(ind, partial, goal, q.comparator, tolerance)])
            cases += filter(None, [_growth(ind, full, goal, p, plan)])
        cases += filter(None, [_partial_sum(ind, full, goal, p, plan, tolerance)])
    if findings:
        cases += _finding_cases(t, plan, goal, tolerance)
    pointing = {c.lean for c in cases} - {Lean.NONE}
    if len(pointing) == 1:
        lean = pointing.pop()
        chosen = [c for c in cases if c.lean is lean]
        records = tuple(dict.fromkeys(r for c in chosen for r in c.records))
        note = "; ".join(c.text for c in chosen)
        obs = [r for r in records if isinstance(r, Observation)]
        shown = {
            o.id: f"the {o.year} figure{f' for {o.coverage}' if o.coverage else ''}" for o in obs
        }
        cited = {f"see also {_describe(f, plan)}" for f in records if isinstance(f, Finding)}
        ranked = [
            *(c for c in ranked if c[1] not in cited),  # the lean names those findings
            *_record_caveats(obs, plan, shown),
            *(
                (_NOTED, f"{_label(f, plan)}: {f.notes}")
                for f in records
                if isinstance(f, Finding) and f.notes
            ),
        ]
        return attrs.evolve(
            p,
            **_caveat_fields(ranked),
            # a lean is as strong as the weakest record it or the unsettled verdict rests on
            confidence=max(
                (c for c in (p.confidence, _weakest(records, index_for(plan))) if c is not None),
                key=_rank_of,
                default=None,
            ),
            lean=lean,
            lean_rule=chosen[0].rule,
            lean_rests_on=records,
            lean_note=note,
        )
    if pointing:
        why = "the rules point different ways: " + "; ".join(c.text for c in cases)
    elif cases:
        why = "no rule points either way: " + "; ".join(c.text for c in cases)
    else:
        why = _why_no_lean(p, ind, deadline, findings)
    return attrs.evolve(p, **_caveat_fields(ranked), lean_note=why)


def _why_no_lean(p: "Progress", ind: Indicator | None, deadline: int, findings: bool) -> str:
    """Why no rule applies: what each rule would need and the data does not have."""
    t = p.target
    none_found = " and no finding reports progress with a figure or an absence" if findings else ""
    if t.kind is TargetKind.QUALITATIVE or ind is None:
        return f"no figure measures it{none_found}"
    if p.goal is None:
        return f"no goal can be set on {ind.id} ({p.explanation}){none_found}"
    if p.unit is not ind.unit:
        return (
            f"the goal ({_num(p.goal, p.unit)}) is not in {ind.id}'s unit, so no figure of it "
            f"can point either way{none_found}"
        )
    if not ind.observations:
        return f"no figure at all for {ind.name_en}{none_found}"
    return (
        f"no part-year {deadline} figure to pace, no two comparable full-year figures to "
        f"compare growth, no partial sum{none_found}"
    )


def _label(f: Finding, plan: Plan) -> str:
    """A finding for a reader: ``official claim (Xinhua, 2024)`` — who, and for which year."""
    sources = index_for(plan).source_by_id
    best = min(
        (sources[c.source_id] for c in f.citations),
        key=lambda s: CONFIDENCE_RANK.index(s.confidence),
    )  # the strongest source says it; the others are in the finding's citations
    when = f", {f.year}" if f.year is not None else ""
    return f"{f.kind.value.replace('_', ' ')} ({best.publisher}{when})"


def _findings_verdict(
    t: Target, plan: Plan, deadline: int
) -> tuple[Status | None, tuple[Finding, ...], list[_Caveat], tuple[Finding, ...]]:
    """What the findings naming ``t`` settle: (status or None, the findings it rests on,
    caveats, the decisive findings that disagree)."""
    idx = index_for(plan)
    named = [f for f in idx.findings_by_record.get(t.id, ()) if t.id in f.target_ids]
    caveats: list[_Caveat] = []
    decisive: list[Finding] = []
    for f in named:
        if f.bearing not in (Bearing.MET, Bearing.NOT_MET):
            continue
        if f.bearing is Bearing.MET and f.year is not None and f.year > deadline:
            caveats.append(
                (
                    _LATE,
                    f"{_label(f, plan)} says reached for {f.year}, after the {deadline} "
                    "deadline: it does not count",
                )
            )
            continue
        decisive.append(f)
    bearings = {f.bearing for f in decisive}
    if not decisive:
        return None, (), caveats, ()
    if len(bearings) > 1:
        return None, (), caveats, tuple(decisive)
    best = min(_record_rank(f, idx) for f in decisive)
    chosen = tuple(f for f in decisive if _record_rank(f, idx) == best)
    chosen = tuple(sorted(chosen, key=lambda f: _KIND_RANK.index(f.kind)))
    status = Status.MET if decisive[0].bearing is Bearing.MET else Status.NOT_MET
    return status, chosen, caveats, ()


def _describe(f: Finding, plan: Plan) -> str:
    """A finding in a caveat: who, when, which way, what."""
    return f"{_label(f, plan)}, {f.bearing.value.replace('_', ' ')}: {f.statement}"


def _claim_caveats(chosen: Iterable[Finding], ind: Indicator | None, plan: Plan) -> list[_Caveat]:
    """What the findings a verdict rests on say of themselves: a figure given on a measure
    the target's indicator does not share (a claim, not a figure on the measure), their notes."""
    out: list[_Caveat] = []
    for f in chosen:
        if f.quantity is not None and ind is not None and ind.id not in f.indicator_ids:
            shown = _fmt_figure(f.quantity.value, f.quantity.unit, f.quantity.comparator)
            measure = f": {f.measures}" if f.measures else ""
            out.append(
                (
                    _DISPUTED,
                    f"{_label(f, plan)} gives {shown} on a measure it does not define{measure}; "
                    f"it is a claim, not a figure for {ind.name_en}",
                )
            )
        if f.notes:
            out.append((_NOTED, f"{_label(f, plan)}: {f.notes}"))
    return out


def _contradicted(
    chosen: Iterable[Finding],
    ind: Indicator | None,
    status: Status,
    alternatives: Iterable[Progress],
    plan: Plan,
) -> list[_Caveat]:
    """The module's contradicted-claim rule: when the findings a verdict rests on give a
    figure on a measure that is not stated and a stated measure of the target is settled or
    leans the other way, one caveat per such measure (the verdict is then weak)."""
    unstated = any(
        f.quantity is not None
        and (ind is None or ind.id not in f.indicator_ids or ind.measure is Measure.INDUSTRY_SCALE)
        for f in chosen
    )
    if not unstated:
        return []
    other = Status.NOT_MET if status is Status.MET else Status.MET
    lean = Lean.LEANS_NOT_MET if status is Status.MET else Lean.LEANS_MET
    out: list[_Caveat] = []
    for a in alternatives:
        if a.measure is None or not (a.status is other or a.lean is lean):
            continue
        verb = _LEAN_WORDS[a.lean.value] if a.lean is lean else f"is {a.verdict}"
        shown = (
            f" ({amount(a.figure, a.unit)} in {a.figure_year}"
            + (f" against {amount(a.goal, a.unit)})" if a.goal is not None else ")")
            if a.figure is not None and a.figure_year is not None
            else ""
        )
        name = indicator(a.measure, plan=plan).name_en
        out.append((_DISPUTED, f"a claim on an unstated measure: {name} {verb}{shown}"))
    return out


def _assess(t: Target, plan: Plan, tolerance: float) -> Progress:
    """Decide (figures, then findings), then order the caveats, then lean (module rules)."""
    idx = index_for(plan)
    deadline = _deadline(t, plan)
    ind = (
        indicator(t.indicator_id, plan=plan)
        if t.indicator_id is not None and t.quantity is not None
        else None
    )
    gap_keys = (t.id, *((t.indicator_id,) if t.indicator_id else ()), *t.alternative_indicator_ids)
    gaps = tuple(
        dict.fromkeys(
            g for k in gap_keys for g in idx.gaps_by_record.get(k, ()) if not g.no_successor
        )
    )
    alternatives = tuple(
        _lean(_Judge(t, alt, plan, tolerance).assess(), alt, plan, tolerance, findings=False)
        for alt in (indicator(i, plan=plan) for i in t.alternative_indicator_ids)
        if t.quantity is not None
    )
    fig, fig_caveats = _Judge(t, ind, plan, tolerance).assess() if ind is not None else (None, [])
    status, chosen, caveats, disagree = _findings_verdict(t, plan, deadline)
    others = [
        f
        for f in idx.findings_by_record.get(t.id, ())
        if t.id in f.target_ids
        and f not in chosen
        and f not in disagree
        and not (f.bearing is Bearing.MET and f.year is not None and f.year > deadline)
    ]
    also: list[_Caveat] = [(_CONTEXT, f"see also {_describe(f, plan)}") for f in others]
    common: dict[str, Any] = {
        "measure_note": t.measure_note,
        "alternatives": alternatives,
        "gaps": gaps,
    }
    settled = fig is not None and fig.status in (Status.MET, Status.NOT_MET)
    # Figures and findings that agree: the verdict rests on the better-sourced of the two.
    stronger = (
        settled
        and fig is not None
        and status is fig.status
        and _rank_of(_weakest(chosen, idx)) < _rank_of(fig.confidence)
    )
    if fig is not None and settled and not stronger:
        agreeing = [
            (_CONTEXT, f"agrees: {_describe(f, plan)}") for f in chosen if status is fig.status
        ]
        contrary = [
            (_AGAINST, f"a finding disagrees — {_describe(f, plan)}")
            for f in (*chosen, *disagree)
            if (f.bearing is Bearing.MET) != (fig.status is Status.MET)
        ]
        ranked = [*fig_caveats, *caveats, *agreeing, *contrary, *also]
        return attrs.evolve(fig, **_caveat_fields(ranked), **common)
    if status is not None:
        lead = chosen[0]
        figures: list[_Caveat] = []
        if fig is not None:
            verb = "agree, on weaker sources" if stronger else "do not settle it"
            rank = _CONTEXT if stronger else _NOTED
            figures = [(rank, f"figures ({fig.measure}) {verb}: {fig.explanation}"), *fig_caveats]
        contradicted = _contradicted(chosen, ind, status, alternatives, plan)
        ranked = [*contradicted, *_claim_caveats(chosen, ind, plan), *figures, *caveats, *also]
        return Progress(
            target=t,
            target_id=t.id,
            status=status,
            evidence=_FINDING_EVIDENCE[lead.kind],
            measure=fig.measure if fig is not None else None,
            goal=fig.goal if fig is not None else None,
            unit=(fig.unit if fig is not None else None),
            figure=lead.quantity.value if lead.quantity is not None else None,
            figure_comparator=lead.quantity.comparator if lead.quantity is not None else None,
            figure_year=lead.year if lead.quantity is not None else None,
            baseline=fig.baseline if fig is not None else None,
            latest=fig.latest if fig is not None else None,
            findings=chosen,
            confidence=Confidence.WEAK if contradicted else _weakest(chosen, idx),
            explanation=f"{_label(lead, plan)}: {lead.statement}",
            **_caveat_fields(ranked),
            **common,
        )
    # nothing settles it: say why, then which way it leans
    against = [(_AGAINST, f"findings disagree — {_describe(f, plan)}") for f in disagree]
    ranked = [*fig_caveats, *caveats, *against, *also]
    if fig is not None:
        why = f"{fig.explanation}; the findings disagree" if disagree else fig.explanation
        unsettled = attrs.evolve(
            fig,
            explanation=why,
            missing=fig.missing or f"a cited finding or {deadline} figure that settles it",
            **common,
        )
    else:
        why = (
            "the findings disagree"
            if disagree
            else (
                "qualitative target: no finding settles it"
                if t.kind is TargetKind.QUALITATIVE
                else "no indicator measures it and no finding settles it"
            )
        )
        unsettled = Progress(
            target=t,
            target_id=t.id,
            status=Status.NO_DATA,
            explanation=why,
            missing=f"a cited finding on whether the target was reached by {deadline}",
            **common,
        )
    return _lean((unsettled, ranked), ind, plan, tolerance)


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
    document: "str | Document | Plan | None" = ...,
    all_documents: bool = ...,
    plan: Plan | None = ...,
) -> tuple[Progress, ...]: ...


def progress(
    target_or_id: "Target | str | None" = None,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    document: "str | Document | Plan | None" = None,
    all_documents: bool = False,
    plan: Plan | None = None,
) -> "Progress | tuple[Progress, ...]":
    """The verdict on one target, or on every target of a document.

    ``progress(t)`` (a :class:`~shanghai_plan.Target` or its id) returns one
    :class:`Progress`; ``progress()`` returns a tuple for every target of the plan,
    qualitative ones included (``document=`` — an id, a :class:`~shanghai_plan.Document` or
    the plan — for a related document's, ``all_documents=True`` for all).  The rules are in
    this module's docstring.
    """
    if not (tolerance.__class__ is float and 0 <= tolerance < math.inf):
        tolerance = check_tolerance(tolerance)
    if all_documents is not False:
        check_bool(all_documents, "all_documents")
    if target_or_id is not None and not isinstance(target_or_id, Target):
        check_str(target_or_id, "target_or_id")
    p = check_plan(plan) or load()  # the bundled plan unless one is given
    if document is not None:  # an id in the memo key, whatever names the document
        document = document_id(document, p)
    if plan is None and isinstance(target_or_id, Target):
        check_bundled(target_or_id, p, "target_or_id")
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
