"""An indicator's figures as a time series: one point per year, disagreements flagged.

:func:`series` turns an :class:`~shanghai_plan.Indicator`'s observations into a
:class:`Series` of :class:`SeriesPoint` s in year order:

* **Full years only** by default.  Figures for part of a year (or an average over several
  years: any observation with a ``coverage``) are left out; ``partial=True`` adds them for
  the years that have no full-year figure, one point per coverage (``"Q1–Q3"``), each marked
  with its ``coverage``.
* **Disagreeing sources are flagged, never averaged or picked.**  A year whose figures
  differ (in value or comparator) is one point with ``value=None`` and ``disagree=True``;
  its ``observations`` keep every figure.  Equal figures from several sources count once.
* The unit, the measure and the indicator's id and names travel with the result.

:meth:`Series.to_pandas` gives a pandas ``Series`` indexed by year when every year has one
figure, and a ``DataFrame`` (one row per distinct figure) when some year has several; the
``attrs`` mapping carries the unit, names and id.  It needs the ``pandas`` extra.
"""

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from ._args import check_bool, check_bundled, check_plan, wrong_type
from ._index import CONFIDENCE_RANK, best_source, index_for
from .errors import MissingDependencyError
from .loading import load
from .model import Comparator, Confidence, Indicator, Measure, Observation, Plan, Target, Unit
from .queries import indicator

if TYPE_CHECKING:
    import pandas

__all__ = ["Series", "SeriesPoint", "series"]


@frozen(kw_only=True)
class SeriesPoint:
    """One year's figure (or one part-year figure) of a :class:`Series`."""

    year: int
    """The year the figure is for."""
    value: float | None
    """The figure, in the series' unit; ``None`` when the sources disagree (see
    ``observations``)."""
    comparator: Comparator | None
    """How the real value relates to ``value`` (``None`` when the sources disagree)."""
    coverage: str | None = None
    """``None`` for a full year; the part of the year (``"Q1–Q3"``) otherwise."""
    observations: tuple[Observation, ...] = field(repr=False)
    """Every observation behind the point, in the data's order."""
    confidences: tuple[Confidence, ...] = field(repr=False)
    """For each observation, how strong it is: the best source it cites, and for a derived
    one no stronger than the weakest observation it is derived from."""

    @property
    def disagree(self) -> bool:
        """Whether the sources give different figures for this year."""
        return self.value is None

    @property
    def partial(self) -> bool:
        """Whether the figure covers only part of the year."""
        return self.coverage is not None

    @property
    def confidence(self) -> Confidence:
        """The confidence of the best-sourced observation behind the point."""
        return min(self.confidences, key=CONFIDENCE_RANK.index)

    @property
    def figures(self) -> tuple[Observation, ...]:
        """The distinct figures (value and comparator) in the data's order: one when the
        sources agree, several when they disagree."""
        seen: dict[tuple[float, Comparator], Observation] = {}
        for o in self.observations:
            seen.setdefault((o.value, o.comparator), o)
        return tuple(seen.values())


@frozen(kw_only=True)
class Series:
    """An indicator's figures by year (see :func:`series`)."""

    indicator_id: str
    """The indicator's id."""
    name_en: str
    """What is measured, in English."""
    name_zh: str | None
    """The Chinese term, where the source gives one."""
    unit: Unit
    """The unit of every value."""
    measure: Measure
    """What kind of figure it is."""
    partial: bool
    """Whether part-year figures were asked for (``series(..., partial=True)``)."""
    points: tuple[SeriesPoint, ...] = field(repr=False)
    """The points in year order (part-year points after a year's full-year point)."""

    def __len__(self) -> int:
        return len(self.points)

    def __iter__(self) -> Iterator[SeriesPoint]:
        return iter(self.points)

    @property
    def years(self) -> tuple[int, ...]:
        """The years with a point, in order, each once."""
        return tuple(dict.fromkeys(p.year for p in self.points))

    @property
    def flagged(self) -> tuple[int, ...]:
        """The years whose sources disagree."""
        return tuple(dict.fromkeys(p.year for p in self.points if p.disagree))

    def get(self, year: int) -> SeriesPoint | None:
        """The full-year point for ``year`` (else its first part-year point, else ``None``)."""
        found = [p for p in self.points if p.year == year]
        return next((p for p in found if not p.partial), found[0] if found else None)

    def values(self) -> dict[int, float]:
        """``{year: value}`` for the full years whose sources agree (flagged and part-year
        points are left out: look at ``points`` for them)."""
        return {
            p.year: p.value
            for p in self.points
            if p.value is not None and not p.partial and not p.disagree
        }

    def to_pandas(self) -> "pandas.Series[float] | pandas.DataFrame":
        """The series for pandas: a ``Series`` of floats indexed by year when every year has
        one figure, else a ``DataFrame`` with one row per distinct figure (columns
        ``value``, ``comparator``, ``coverage``, ``disagree``, ``observation_ids``).

        ``attrs`` carries ``indicator_id``, ``name_en``, ``name_zh``, ``unit``, ``measure``
        and, for a ``Series``, ``comparators`` and ``coverage`` (by year, where not exact or
        not a full year).  Needs pandas (``pip install 'shanghai-plan[pandas]'``); raises
        :class:`~shanghai_plan.MissingDependencyError` otherwise.
        """
        try:
            import pandas as pd
        except ImportError:
            raise MissingDependencyError("Series.to_pandas()", "pandas", "pandas") from None
        meta: dict[str, Any] = {
            "indicator_id": self.indicator_id,
            "name_en": self.name_en,
            "name_zh": self.name_zh,
            "unit": self.unit.value,
            "measure": self.measure.value,
        }
        one_each = len(self.years) == len(self.points) and not self.flagged
        if one_each:
            out = pd.Series(
                [p.value for p in self.points],
                index=pd.Index(list(self.years), name="year", dtype="int64"),
                name=self.indicator_id,
                dtype="float64",
            )
            meta["comparators"] = {
                p.year: p.comparator.value
                for p in self.points
                if p.comparator is not None and p.comparator is not Comparator.EXACTLY
            }
            meta["coverage"] = {p.year: p.coverage for p in self.points if p.partial}
            out.attrs.update(meta)
            return out
        rows = [
            {
                "year": p.year,
                "value": o.value,
                "comparator": o.comparator.value,
                "coverage": p.coverage,
                "disagree": p.disagree,
                "observation_ids": "; ".join(
                    x.id
                    for x in p.observations
                    if (x.value, x.comparator) == (o.value, o.comparator)
                ),
            }
            for p in self.points
            for o in p.figures
        ]
        frame: pandas.DataFrame = pd.DataFrame.from_records(rows).set_index("year")
        frame.attrs.update(meta)
        return frame

    def _repr_html_(self) -> str:
        from .display import html  # imported only when a notebook shows the record

        return html(self)


def _confidence(o: Observation, plan: Plan) -> Confidence:
    """As strong as the best source it cites; a derived figure no stronger than its inputs."""
    idx = index_for(plan)
    found = idx.observation_confidence.get(o.id)
    return found if found is not None else best_source(o.citations, idx.source_by_id)


def _point(year: int, coverage: str | None, obs: list[Observation], plan: Plan) -> SeriesPoint:
    first = obs[0]
    agree = all(o.value == first.value and o.comparator is first.comparator for o in obs)
    return SeriesPoint(
        year=year,
        value=first.value if agree else None,
        comparator=first.comparator if agree else None,
        coverage=coverage,
        observations=tuple(obs),
        confidences=tuple(_confidence(o, plan) for o in obs),
    )


def series(
    indicator_or_id: "Indicator | Target | str",
    *,
    partial: bool = False,
    plan: Plan | None = None,
) -> Series:
    """An indicator's figures by year: an :class:`~shanghai_plan.Indicator` or its id, or a
    :class:`~shanghai_plan.Target` or its id (the target's indicator).

    Full-year figures only, unless ``partial=True``; years whose sources disagree are
    flagged (``SeriesPoint.disagree``), never averaged or picked.  Raises
    :class:`~shanghai_plan.NotFoundError` for an unknown id or a target with no indicator.

    >>> import shanghai_plan as sp
    >>> s = sp.series("ind-gross-industrial-output")
    >>> s.unit.value, 2020 in s.flagged
    ('yuan', True)
    """
    partial = check_bool(partial, "partial")
    p = load() if (plan := check_plan(plan)) is None else plan
    if plan is None and isinstance(indicator_or_id, (Indicator, Target)):
        check_bundled(indicator_or_id, p, "indicator_or_id")
    if isinstance(indicator_or_id, Indicator):
        ind = indicator_or_id
    elif isinstance(indicator_or_id, Target):
        ind = indicator(indicator_or_id, plan=p)
    elif isinstance(indicator_or_id, str):
        found = index_for(p).record_by_id.get(indicator_or_id)
        ind = indicator(found if isinstance(found, Target) else indicator_or_id, plan=p)
    else:
        raise wrong_type("indicator_or_id", "an Indicator, a Target or an id", indicator_or_id)
    idx = index_for(p)
    key = ("series", ind.id, partial)
    kept = idx.memo.get(key)
    if isinstance(kept, Series) and idx.record_by_id.get(ind.id) is ind:
        return kept  # series are immutable: one per indicator of the plan
    made = _build(ind, partial, p)
    if idx.record_by_id.get(ind.id) is ind:
        idx.memo[key] = made
    return made


def _build(ind: Indicator, partial: bool, p: Plan) -> Series:
    groups: dict[tuple[int, str | None], list[Observation]] = {}
    for o in ind.observations:
        groups.setdefault((o.year, o.coverage), []).append(o)
    full_years = {year for year, coverage in groups if coverage is None}
    points = [
        _point(year, coverage, obs, p)
        for (year, coverage), obs in groups.items()
        if coverage is None or (partial and year not in full_years)
    ]
    points.sort(key=lambda pt: (pt.year, pt.coverage is not None))
    return Series(
        indicator_id=ind.id,
        name_en=ind.name_en,
        name_zh=ind.name_zh,
        unit=ind.unit,
        measure=ind.measure,
        partial=partial,
        points=tuple(points),
    )
