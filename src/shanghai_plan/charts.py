"""Charts: a target's indicator against its goal and deadline (the ``plot`` extra, matplotlib).

:func:`plot` draws, for one target:

* the indicator's figures by year (:func:`~shanghai_plan.series` with part-year points),
  consecutive full years joined by a line where the sources agree (a gap stays a gap);
  filled markers for figures with a primary or secondary source, **hollow markers for
  figures resting only on weak sources**, **triangles for part-year figures** (labelled
  with their coverage, e.g. ``Q1–Q3``), and every figure of a year whose sources disagree,
  marked "sources disagree";
* **the figure the verdict rests on** (:attr:`~shanghai_plan.analysis.Progress.figure` in
  its ``figure_year``, the same figure and year as the scorecard) ringed in black when it is
  one year's level in the indicator's unit, and named in the title in every case (a sum, an
  average or a multiple has no point of its own);
* **years with no full-year figure**, from the baseline year (else the target's first year
  counted, else the start of its document) to the deadline or the last year ended before
  the data's date, as grey bands:
  hatched and labelled "not found" where the data records a
  :class:`~shanghai_plan.Gap` for that year (searched, nothing found), plain and labelled
  "none recorded" where no search is recorded;
* the baseline the verdict measures from, the goal (a horizontal line), the deadline (a
  vertical line) and the path the goal required (a straight line from the baseline to the
  goal at the deadline) when the goal is a level in the indicator's unit;
* a title with the target and its verdict, a y axis in readable units (``billion yuan``,
  never ``1e11``) and a caption naming every source of the figures drawn.

**The y axis always includes zero** and every value drawn (figures, goal, baseline), with a
margin: a level (a scale, a count, a share) is read from zero, so one point or a small
change is never blown up to fill the chart; a growth rate is drawn against the zero line
(its axis reaches below zero only when a value does).

Captions use the first font with Chinese glyphs that matplotlib's font manager lists, in
this order: PingFang SC, Hiragino Sans GB, Heiti SC, STHeiti (macOS); Microsoft YaHei,
DengXian, SimHei (Windows); Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC/CN,
WenQuanYi Zen Hei, WenQuanYi Micro Hei (Linux); then Noto Sans CJK JP and Source Han Sans
(the same glyphs, as some systems list them).  With none, a source with a
Chinese publisher is named by its id, and the library says so once (a ``logging`` warning
on the ``shanghai_plan`` logger).

It returns ``(figure, axes)`` for the caller to adjust or save; ``path=`` saves the chart
too (PNG, SVG or PDF by the suffix) with settings that make the file the same on every
run.  Needs matplotlib (``pip install 'shanghai-plan[plot]'``); raises
:class:`~shanghai_plan.MissingDependencyError` otherwise.  Nothing here is imported by
``import shanghai_plan``.
"""

import functools
import logging
import math
import os
import textwrap
from typing import TYPE_CHECKING, Any

from . import _format
from ._args import check_bundled, check_plan, wrong_type
from ._index import index_for
from .analysis import Progress, progress
from .errors import MissingDependencyError
from .loading import load
from .model import (
    Aggregation,
    Confidence,
    Document,
    Finding,
    Observation,
    Plan,
    Source,
    Target,
    Unit,
)
from .queries import target
from .timeseries import Series, series

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot"]

# the fonts with Chinese glyphs a caption may use, in order of preference (module docstring)
_CJK_FONTS: tuple[str, ...] = (
    # macOS
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    # Windows
    "Microsoft YaHei",
    "DengXian",
    "SimHei",
    # Linux (and anywhere they are installed)
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    # the same glyphs in a collection matplotlib lists under another face's name
    "Noto Sans CJK JP",
    "Source Han Sans",
)

_log = logging.getLogger("shanghai_plan")


@functools.cache
def _cjk_family() -> str | None:
    """The first of :data:`_CJK_FONTS` that matplotlib's font manager lists, or ``None``
    (then captions name sources by id rather than draw missing glyphs, and a warning is
    logged once)."""
    from matplotlib import font_manager

    listed = {f.name for f in font_manager.fontManager.ttflist}
    found = next((name for name in _CJK_FONTS if name in listed), None)
    if found is None:
        _log.warning(
            "shanghai_plan.plot: no font with Chinese glyphs found (looked for %s); chart "
            "captions name sources with a Chinese publisher by their id",
            ", ".join(_CJK_FONTS),
        )
    return found


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
    path: "str | os.PathLike[str] | None" = None,
) -> "tuple[Figure, Axes]":
    """Draw a target's indicator against its goal, baseline and deadline; returns
    ``(figure, axes)``.

    ``target_or_id`` is a :class:`~shanghai_plan.Target` or its id; ``ax`` an existing
    matplotlib ``Axes`` to draw on (a new figure otherwise).  The figure the verdict rests
    on is ringed (or named in the title), years with no full-year figure are shaded (hatched
    where the data records them as searched and not found), and the y axis always includes
    zero (see :mod:`shanghai_plan.charts`).

    ``path`` (a ``.png``, ``.svg`` or ``.pdf`` file) also saves the chart there, the same
    bytes on every run: an SVG draws its text as paths (``svg.fonttype`` ``"path"``), so it
    looks the same without the fonts installed and embeds anywhere; no creation date or
    software name is written.  ``fig.savefig(...)`` on the result works as usual.

    Raises :class:`~shanghai_plan.NotFoundError` for an unknown id, ``ValueError`` for a
    target that no indicator measures (a qualitative one), for one with nothing to draw (no
    figures, and no verdict figure in the indicator's unit), for a target that is not the
    bundled plan's when no ``plan=`` is given, or for a ``path`` with another suffix;
    ``TypeError`` for an ``ax`` that is not an ``Axes``, and
    :class:`~shanghai_plan.MissingDependencyError` without matplotlib.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import shanghai_plan as sp
    >>> fig, ax = sp.plot("tgt-nev-output-1-2m")
    >>> float(ax.get_ylim()[0])  # a level is read from zero
    0.0
    >>> import matplotlib.pyplot as plt
    >>> plt.close(fig)
    """
    try:
        import matplotlib.pyplot as plt
        from matplotlib.axes import Axes
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch
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
    suffix = _suffix(path)
    t = target_or_id if isinstance(target_or_id, Target) else target(target_or_id, plan=p)
    if t.indicator_id is None:
        raise ValueError(f"target {t.id!r} has no indicator: there are no figures to plot")
    s = series(t, partial=True, plan=p)
    r = progress(t, plan=p)
    verdict_point = _verdict_point(r, t, s)
    if not s.points and verdict_point is None:
        raise ValueError(
            f"target {t.id!r}: no figures are recorded for {s.indicator_id} "
            f"(see shanghai_plan.gaps({t.id!r}))"
        )
    if ax is None:
        fig, axes = plt.subplots(figsize=(10, 4.8), layout="constrained")
    else:
        axes = ax
        fig = axes.get_figure()  # type: ignore[assignment]
    assert fig is not None
    cjk = _cjk_family()
    same_unit = r.goal is not None and r.unit is s.unit
    level = t.aggregation is Aggregation.LEVEL
    goal_drawn = same_unit and r.goal is not None and t.aggregation is not Aggregation.CUMULATIVE
    drawn = [o.value for pt in s for o in pt.figures]
    if goal_drawn and r.goal is not None:
        drawn.append(r.goal)
    if r.baseline is not None:
        drawn.append(r.baseline.value)
    if verdict_point is not None:
        drawn.append(verdict_point[1])
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
    if verdict_point is not None:
        year, value = verdict_point
        axes.plot(
            [year], [value], marker="o", markersize=15, markerfacecolor="none",
            markeredgecolor="black", markeredgewidth=1.6, linestyle="none",
            gid="verdict-figure", zorder=5,
        )  # fmt: skip
        label = f"the verdict's figure: {_verdict_figure(r)}"
        if not any(pt.year == year and value in (o.value for o in pt.figures) for pt in s):
            # a finding's figure: no figure of the series is under the ring
            axes.plot(
                [year], [value], marker="D", markersize=6, color="black", linestyle="none",
                gid="finding-figure", zorder=5,
            )  # fmt: skip
            label += " from a finding"
        handles.append(
            Line2D([], [], marker="o", markersize=11, markerfacecolor="none",
                   markeredgecolor="black", markeredgewidth=1.6, linestyle="none", label=label)
        )  # fmt: skip
    if goal_drawn and r.goal is not None:
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
    missing = _missing_years(t, s, r, p, verdict_point)
    handles += _draw_missing(axes, missing, Patch)
    handles = _legend_kinds(s, Line2D) + handles
    lo, hi = min(0.0, *drawn), max(0.0, *drawn)
    pad = 0.12 * (hi - lo) if hi > lo else 1.0
    axes.set_ylim(lo - pad if lo < 0 else 0.0, hi + pad)  # zero always shown (docstring)
    if handles:  # beside the axes, where it never hides a point
        axes.legend(
            handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False
        )

    axes.yaxis.set_major_formatter(
        FuncFormatter(lambda v, _pos: _format.number(v / size, digits=4))
    )
    years = [*s.years, *([verdict_point[0]] if verdict_point else []), *missing]
    first = min([*years, *([r.baseline.year] if r.baseline else []), deadline - 2])
    last = max([*years, deadline])
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
    strength = f", {r.confidence.value} evidence" if r.confidence is not None else ""
    if r.findings:  # the verdict rests on a finding, not on the figures drawn
        kind = r.evidence.value.replace("_", " ")
        strength = f" on an {kind}" if kind[0] in "aeiou" else f" on a {kind}"
        strength += f" ({', '.join(f.id for f in r.findings)})"
        if r.confidence is not None:
            strength += f", {r.confidence.value}"
    figure_text = f"; figure {_verdict_figure(r)}" if r.figure is not None else ""
    axes.set_title(
        "\n".join(textwrap.wrap(t.statement, 80))
        + f"\nVerdict: {r.verdict}{strength}{figure_text}",
        fontsize=10,
        loc="left",
    )
    notes = []
    if goal_text and not goal_drawn:
        why = "a sum over the years" if t.aggregation is Aggregation.CUMULATIVE else "not a level"
        notes.append(f"The {goal_text} is {why} in this unit and is not drawn.")
    elif goal_text is None and t.quantity is not None:
        q = t.quantity
        wanted = _format.figure(q.value, q.unit, q.comparator)
        notes.append(f"The goal ({wanted} by {deadline}) is not drawn: {r.explanation}.")
    shown_findings = r.findings if verdict_point is not None else ()
    caption = " ".join([*notes, _caption(s, shown_findings, p, cjk is not None)])
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
    if path is not None:
        _save(fig, path, suffix)
    return fig, axes


_SAVE_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Creator": None, "Producer": None},
}


def _suffix(path: "str | os.PathLike[str] | None") -> str:
    if path is None:
        return ""
    if not isinstance(path, (str, os.PathLike)):
        raise wrong_type("path", "a file path (str or os.PathLike) or None", path)
    suffix = os.path.splitext(os.fspath(path))[1].lower().lstrip(".")
    if suffix not in _SAVE_METADATA:
        raise ValueError(
            f"path {os.fspath(path)!r}: the chart is saved as .png, .svg or .pdf, "
            f"not {('.' + suffix) if suffix else 'a file without a suffix'}"
        )
    return suffix


def _save(fig: "Figure", path: "str | os.PathLike[str]", suffix: str) -> None:
    """Save ``fig`` as the same bytes on every run: no date or software name, SVG ids from
    a fixed salt and SVG text as paths (no font needed to read it)."""
    import matplotlib

    with matplotlib.rc_context(
        {"svg.fonttype": "path", "svg.hashsalt": "shanghai-plan", "pdf.fonttype": 42}
    ):
        # "tight": the caption hangs below the axes' figure box and is kept, not cut off
        fig.savefig(
            path, format=suffix, dpi=100, bbox_inches="tight", metadata=_SAVE_METADATA[suffix]
        )


def _verdict_figure(r: Progress) -> str:
    """The verdict's figure and year as the scorecard shows them, and what kind of figure it
    is when it is no one year's level (a sum or an average over the years)."""
    assert r.figure is not None
    shown = _format.figure(r.figure, r.unit, r.figure_comparator)
    when = _format.when(r.figure_year, r.target.aggregation, evidence=r.evidence)
    return f"{shown} ({when})" if when else shown


def _verdict_point(r: Progress, t: Target, s: Series) -> tuple[int, float] | None:
    """Where the verdict's figure sits on the chart: ``(year, value)`` when it is one year's
    level in the series' unit (a sum, an average or a multiple has no point)."""
    if r.figure is None or r.figure_year is None or r.unit is not s.unit:
        return None
    if t.aggregation is not Aggregation.LEVEL:
        return None
    return r.figure_year, r.figure


def _missing_years(
    t: Target, s: Series, r: Progress, p: Plan, verdict: tuple[int, float] | None
) -> dict[int, bool]:
    """``{year: searched}`` for the years from the baseline (else the target's first year
    counted, else the start of its document) to the deadline, and ended before the data's
    date, with no full-year figure: ``True`` where a gap records the year as searched and not
    found."""
    idx = index_for(p)
    doc = idx.record_by_id.get(t.document_id)
    period = doc.period if isinstance(doc, Document) and doc.period is not None else p.period
    start = next(y for y in (t.baseline_year, t.start_year, period.start_year) if y is not None)
    end = min(t.year if t.year is not None else period.end_year, p.data_as_of.year - 1)
    have = {pt.year for pt in s if not pt.partial}
    if verdict is not None:
        have.add(verdict[0])
    indicators = {t.indicator_id, *t.alternative_indicator_ids}
    searched = {
        year
        for g in r.gaps
        if s.indicator_id in g.record_ids
        or (t.id in g.record_ids and not indicators & set(g.record_ids))
        for year in g.years
    }
    return {y: y in searched for y in range(start, end + 1) if y not in have}


def _draw_missing(axes: "Axes", missing: dict[int, bool], patch: Any) -> list[Any]:
    """Shade each year with no full-year figure; returns the legend entries."""
    styles = {
        True: ("not found", "0.95", "//", "no full-year figure found: searched (a recorded gap)"),
        False: ("none recorded", "0.91", "", "no full-year figure recorded, no search recorded"),
    }
    for year, searched in missing.items():
        text, shade, hatch, _ = styles[searched]
        axes.axvspan(
            year - 0.4, year + 0.4, facecolor=shade, edgecolor="0.78", hatch=hatch,
            linewidth=0, zorder=0, gid=f"{'gap' if searched else 'unrecorded'}:{year}",
        )  # fmt: skip
        axes.annotate(
            text, xy=(year, 1), xycoords=("data", "axes fraction"), xytext=(0, -3),
            textcoords="offset points", ha="center", va="top", fontsize=7, color="0.35",
        )  # fmt: skip
    return [
        patch(facecolor=styles[k][1], edgecolor="0.78", hatch=styles[k][2], label=styles[k][3])
        for k in (True, False)
        if k in missing.values()
    ]


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
                    label, (pt.year, o.value), xytext=(9, -3 + lift),
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


def _caption(s: Series, findings: "tuple[Finding, ...]", plan: Plan, cjk: bool) -> str:
    by_id = index_for(plan).source_by_id
    ids = dict.fromkeys(c.source_id for pt in s for o in pt.observations for c in o.citations)
    found = dict.fromkeys(c.source_id for f in findings for c in f.citations)
    parts = []
    if ids:
        names = "; ".join(_source_name(by_id[i], cjk) for i in ids)
        parts.append(f"Figures: {s.indicator_id}. Sources: {names}.")
    else:
        parts.append(f"No figures recorded for {s.indicator_id}.")
    if found:
        names = "; ".join(_source_name(by_id[i], cjk) for i in found)
        which = ", ".join(f.id for f in findings)
        parts.append(f"The verdict's figure: {which}. Sources: {names}.")
    return " ".join(parts)
