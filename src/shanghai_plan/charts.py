"""Charts: a target's indicator against its goal and deadline (the ``plot`` extra, matplotlib).

:func:`plot` draws, for one target:

* the indicator's figures by year (:func:`~shanghai_plan.series` with part-year points),
  consecutive full years joined by a line where the sources agree (a gap stays a gap);
  filled markers for figures with a primary or secondary source, **hollow markers for
  figures resting only on weak sources**, **triangles for part-year figures** (labelled
  with their coverage, e.g. ``Q1–Q3``), and every figure of a year whose sources disagree,
  marked "sources disagree";
* the baseline the verdict measures from, the goal (a horizontal line), the deadline (a
  vertical line) and the path the goal required (a straight line from the baseline to the
  goal at the deadline) when the goal is a level in the indicator's unit;
* a title with the target and its verdict, a y axis in readable units (``billion yuan``,
  never ``1e11``) and a caption naming every source of the figures drawn.

It returns ``(figure, axes)`` for the caller to adjust or save.  Needs matplotlib
(``pip install 'shanghai-plan[plot]'``); raises :class:`~shanghai_plan.MissingDependencyError`
otherwise.  Nothing here is imported by ``import shanghai_plan``.
"""

import math
import textwrap
from typing import TYPE_CHECKING, Any

from . import _format
from ._args import check_bundled, check_plan, wrong_type
from ._index import index_for
from .analysis import Progress, progress
from .errors import MissingDependencyError
from .loading import load
from .model import Aggregation, Confidence, Observation, Plan, Source, Target, Unit
from .queries import target
from .timeseries import Series, series

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot"]

_CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "WenQuanYi Zen Hei")
_cjk: list[str | None] = []


def _cjk_family() -> str | None:
    """The name of an installed font with Chinese glyphs, or ``None`` (then captions name
    sources by id rather than draw missing glyphs)."""
    if not _cjk:
        from matplotlib import font_manager

        found = None
        for family in _CJK_FAMILIES:
            try:
                font_manager.findfont(
                    font_manager.FontProperties(family=family), fallback_to_default=False
                )
            except ValueError:
                continue
            found = family
            break
        _cjk.append(found)
    return _cjk[0]


def _latin(text: str) -> bool:
    return all(ord(ch) < 0x2E80 for ch in text)


def _source_name(s: Source, cjk: bool) -> str:
    name = s.publisher if (cjk or _latin(s.publisher)) else s.id
    return f"{name}, {s.published}" if s.published else name


def _goal_text(r: Progress, t: Target) -> str | None:
    if t.quantity is None or r.goal is None:
        return None
    shown = _format.figure(r.goal, r.unit, t.quantity.comparator)
    if t.aggregation is Aggregation.PER_YEAR:
        return f"goal {shown} a year to {t.year}"
    return f"goal {shown} by {t.year}"


def plot(
    target_or_id: "Target | str",
    *,
    ax: "Axes | None" = None,
    plan: Plan | None = None,
) -> "tuple[Figure, Axes]":
    """Draw a target's indicator against its goal, baseline and deadline; returns
    ``(figure, axes)``.

    ``target_or_id`` is a :class:`~shanghai_plan.Target` or its id; ``ax`` an existing
    matplotlib ``Axes`` to draw on (a new figure otherwise).  Raises
    :class:`~shanghai_plan.NotFoundError` for an unknown id, ``ValueError`` for a target
    that no indicator measures (a qualitative one) or whose indicator has no figures or that
    is not the bundled plan's when no ``plan=`` is given, ``TypeError`` for an ``ax`` that is
    not an ``Axes``, and
    :class:`~shanghai_plan.MissingDependencyError` without matplotlib.
    """
    try:
        import matplotlib.pyplot as plt
        from matplotlib.axes import Axes
        from matplotlib.lines import Line2D
        from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator
    except ImportError:
        raise MissingDependencyError("plot()", "matplotlib", "plot") from None
    p = load() if (plan := check_plan(plan)) is None else plan
    if not isinstance(target_or_id, (Target, str)):
        raise wrong_type("target_or_id", "a Target or a target id", target_or_id)
    if plan is None and isinstance(target_or_id, Target):
        check_bundled(target_or_id, p, "target_or_id")
    if ax is not None and not isinstance(ax, Axes):
        raise wrong_type("ax", "a matplotlib Axes or None", ax)
    t = target_or_id if isinstance(target_or_id, Target) else target(target_or_id, plan=p)
    if t.indicator_id is None:
        raise ValueError(f"target {t.id!r} has no indicator: there are no figures to plot")
    s = series(t, partial=True, plan=p)
    if not s.points:
        raise ValueError(
            f"target {t.id!r}: no figures are recorded for {s.indicator_id} "
            f"(see shanghai_plan.gaps({t.id!r}))"
        )
    r = progress(t, plan=p)
    if ax is None:
        fig, axes = plt.subplots(figsize=(10, 4.8), layout="constrained")
    else:
        axes = ax
        fig = axes.get_figure()  # type: ignore[assignment]
    assert fig is not None
    cjk = _cjk_family()
    same_unit = r.goal is not None and r.unit is s.unit
    level = t.aggregation is Aggregation.LEVEL
    drawn = [o.value for pt in s for o in pt.figures]
    if same_unit and r.goal is not None:
        drawn.append(r.goal)
    size, word = _format.scale(drawn, s.unit)
    unit = _format.unit_label(s.unit)
    axis_unit = " ".join(x for x in (word, unit) if x) or "count"

    _draw_figures(axes, s, Line2D)
    deadline = t.year if t.year is not None else p.period.end_year
    axes.axvline(deadline, color="0.45", linestyle=":", linewidth=1.2, gid="deadline")
    axes.annotate(
        f"deadline {deadline}",
        xy=(deadline, 0),
        xycoords=("data", "axes fraction"),
        xytext=(-4, 4),
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize=8,
        color="0.35",
    )
    goal_text = _goal_text(r, t)
    handles: list[Any] = []
    if same_unit and r.goal is not None and t.aggregation is not Aggregation.CUMULATIVE:
        axes.axhline(r.goal, color="tab:red", linestyle="--", linewidth=1.2, gid="goal")
        handles.append(Line2D([], [], color="tab:red", linestyle="--", label=goal_text))
        base = r.baseline
        if level and base is not None and base.year < deadline:
            axes.plot(
                [base.year, deadline],
                [base.value, r.goal],
                color="tab:red",
                alpha=0.45,
                linewidth=1,
                gid="required-path",
            )
            handles.append(
                Line2D([], [], color="tab:red", alpha=0.45, label="path the goal required")
            )
    if r.baseline is not None:
        b = r.baseline
        axes.plot(
            [b.year], [b.value], marker="*", markersize=13, color="tab:green",
            linestyle="none", gid="baseline", zorder=4,
        )  # fmt: skip
        handles.append(
            Line2D([], [], marker="*", markersize=11, color="tab:green", linestyle="none",
                   label=f"baseline {b.year}: {_format.amount(b.value, s.unit)}")
        )  # fmt: skip
    handles = _legend_kinds(s, Line2D) + handles
    axes.margins(y=0.12)  # keep points off the frame
    if handles:  # beside the axes, where it never hides a point
        axes.legend(
            handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False
        )

    axes.yaxis.set_major_formatter(
        FuncFormatter(lambda v, _pos: _format.number(v / size, digits=4))
    )
    first = min([*s.years, *([r.baseline.year] if r.baseline else []), deadline - 2])
    last = max([*s.years, deadline])
    axes.set_xlim(first - 0.5, last + 0.9)  # room for the labels right of the points
    if last - first <= 15:
        axes.xaxis.set_major_locator(FixedLocator(list(range(first, last + 1))))
    else:
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    if s.unit is Unit.COUNT:
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel("year")
    axes.set_ylabel(f"{s.name_en}\n({axis_unit})", fontsize=9)
    axes.grid(True, axis="y", color="0.9")
    status = r.status.value.replace("_", " ")
    strength = f", {r.confidence.value} evidence" if r.confidence is not None else ""
    if r.findings:  # the verdict rests on a finding, not on the figures drawn
        kind = r.evidence.value.replace("_", " ")
        strength = f" on an {kind}" if kind[0] in "aeiou" else f" on a {kind}"
        strength += f" ({', '.join(f.id for f in r.findings)})"
        if r.confidence is not None:
            strength += f", {r.confidence.value}"
    axes.set_title(
        "\n".join(textwrap.wrap(t.statement, 80)) + f"\nVerdict: {status}{strength}",
        fontsize=10,
        loc="left",
    )
    notes = []
    if goal_text and not (same_unit and t.aggregation is not Aggregation.CUMULATIVE):
        why = "a sum over the years" if t.aggregation is Aggregation.CUMULATIVE else "not a level"
        notes.append(f"The {goal_text} is {why} in this unit and is not drawn.")
    elif goal_text is None and t.quantity is not None:
        q = t.quantity
        wanted = _format.figure(q.value, q.unit, q.comparator)
        notes.append(f"The goal ({wanted} by {deadline}) is not drawn: {r.explanation}.")
    caption = " ".join([*notes, _caption(s, p, cjk is not None)])
    fig.text(
        0.01,
        0.0,
        "\n".join(textwrap.wrap(caption, 150)),
        fontsize=7,
        color="0.3",
        ha="left",
        va="top",
        family=["DejaVu Sans", cjk] if cjk else "DejaVu Sans",
        gid="caption",
    )
    return fig, axes


def _draw_figures(axes: "Axes", s: Series, line2d: Any) -> None:
    full = [pt for pt in s if not pt.partial and not pt.disagree]
    if full:
        # the line joins consecutive years only: a gap in the years stays a gap
        xs: list[float] = []
        ys: list[float] = []
        for pt in full:
            if xs and pt.year != xs[-1] + 1:
                xs.append(math.nan)
                ys.append(math.nan)
            xs.append(pt.year)
            ys.append(pt.value if pt.value is not None else math.nan)
        axes.plot(
            xs,
            ys,
            color="tab:blue",
            linewidth=1.2,
            alpha=0.6,
            gid="trend",
        )
    # labels of one year's points are spread vertically (highest value on top)
    same_year: dict[int, list[float]] = {}
    for pt in s:
        for o in pt.figures:
            if _annotation(pt.coverage, pt.disagree, o):
                same_year.setdefault(pt.year, []).append(o.value)
    for pt in s:
        for o in pt.figures:
            conf = min(
                (c for x, c in zip(pt.observations, pt.confidences, strict=True)
                 if (x.value, x.comparator) == (o.value, o.comparator)),
                key=(Confidence.PRIMARY, Confidence.SECONDARY, Confidence.WEAK).index,
            )  # fmt: skip
            weak = conf is Confidence.WEAK
            color = "tab:orange" if pt.disagree else "tab:blue"
            axes.plot(
                [pt.year],
                [o.value],
                marker="^" if pt.partial else "o",
                markersize=7,
                color=color,
                markerfacecolor="white" if weak else color,
                markeredgewidth=1.5,
                linestyle="none",
                gid=f"figure:{o.id}",
                zorder=3,
            )
            label = _annotation(pt.coverage, pt.disagree, o)
            if label:
                ranked = sorted(same_year[pt.year], reverse=True)
                lift = 9 * ((len(ranked) - 1) / 2 - ranked.index(o.value))
                axes.annotate(
                    label, (pt.year, o.value), xytext=(6, -3 + lift),
                    textcoords="offset points", fontsize=7, color="0.3",
                )  # fmt: skip


def _annotation(coverage: str | None, disagree: bool, o: Observation) -> str:
    parts = []
    if o.comparator.symbol not in ("=", ""):
        parts.append(o.comparator.symbol)
    if coverage:
        parts.append(coverage)
    if disagree:
        parts.append("sources disagree")
    return " ".join(parts)


def _legend_kinds(s: Series, line2d: Any) -> list[Any]:
    kinds = []
    weak = {c is Confidence.WEAK for pt in s for c in pt.confidences}
    if any(not pt.partial for pt in s):
        kinds.append(line2d([], [], marker="o", color="tab:blue", label="full-year figure"))
    if True in weak:
        kinds.append(
            line2d([], [], marker="o", color="tab:blue", markerfacecolor="white",
                   linestyle="none", label="weak source only (hollow)")
        )  # fmt: skip
    if any(pt.partial for pt in s):
        kinds.append(
            line2d([], [], marker="^", color="tab:blue", linestyle="none",
                   label="part-year figure (not a verdict)")
        )  # fmt: skip
    if s.flagged:
        kinds.append(
            line2d([], [], marker="o", color="tab:orange", linestyle="none",
                   label="sources disagree")
        )  # fmt: skip
    return kinds


def _caption(s: Series, plan: Plan, cjk: bool) -> str:
    by_id = index_for(plan).source_by_id
    ids = dict.fromkeys(c.source_id for pt in s for o in pt.observations for c in o.citations)
    if not ids:
        return f"No figures recorded for {s.indicator_id}."
    names = "; ".join(_source_name(by_id[i], cjk) for i in ids)
    return f"Figures: {s.indicator_id}. Sources: {names}."
