"""Charts: they render headless, and what they draw is the series, the goal and the deadline."""

import io
import itertools
import logging
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import shanghai_plan as sp
from shanghai_plan import _format, charts
from tests import plans
from tests.test_series import OBS, two_sources

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")

CHARTED = [
    t for t in sp.targets(all_documents=True) if t.indicator_id and sp.series(t, partial=True)
]
ROWS = {r.target_id: r for r in sp.scorecard(all_documents=True)}


@pytest.fixture(autouse=True)
def _close() -> Iterator[None]:
    yield
    plt.close("all")


def drawn(ax: object) -> dict[str, tuple[list[float], list[float]]]:
    return {
        str(line.get_gid()): (list(line.get_xdata()), list(line.get_ydata()))
        for line in ax.get_lines()  # type: ignore[attr-defined]
        if line.get_gid()
    }


def test_real_targets_with_figures_exist() -> None:
    assert CHARTED


@pytest.mark.parametrize("t", CHARTED, ids=[t.id for t in CHARTED])
def test_plotted_figures_equal_the_series(t: sp.Target) -> None:
    fig, ax = sp.plot(t)
    lines = drawn(ax)
    s = sp.series(t, partial=True)
    expected = {f"figure:{o.id}": ([o.year], [o.value]) for p in s for o in p.figures}
    assert {k: v for k, v in lines.items() if k.startswith("figure:")} == expected
    trend = [p for p in s if not p.partial and not p.disagree]
    if trend:
        xs, ys = lines["trend"]
        drawn_points = [(x, y) for x, y in zip(xs, ys, strict=True) if x == x]  # NaN: a gap
        assert drawn_points == [(p.year, p.value) for p in trend]
        gaps = [i for i, x in enumerate(xs) if x != x]
        assert len(gaps) == sum(b.year - a.year > 1 for a, b in itertools.pairwise(trend))
    assert lines["deadline"][0][0] == t.year
    r = sp.progress(t)
    if r.goal is not None and r.unit is s.unit and t.aggregation is not sp.Aggregation.CUMULATIVE:
        assert lines["goal"][1][0] == r.goal
    if r.baseline is not None:
        assert lines["baseline"] == ([r.baseline.year], [r.baseline.value])
    assert_same_figure_as_the_scorecard(t, ax)
    assert_marked_years_have_no_full_year_figure(t, ax)
    bottom, top = ax.get_ylim()
    values = [o.value for p in s for o in p.figures]
    assert bottom <= min(0, *values)
    assert top >= max(0, *values)
    png = io.BytesIO()
    fig.savefig(png, format="png")
    assert png.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"


def assert_same_figure_as_the_scorecard(t: sp.Target, ax: object) -> None:
    """The chart shows the scorecard's figure and year: in the title always, and ringed at
    that year and value when it is one year's level in the indicator's unit."""
    row = ROWS[t.id]
    ring = drawn(ax).get("verdict-figure")
    title = ax.get_title(loc="left")  # type: ignore[attr-defined]
    if row.figure is None:
        assert ring is None
        assert "figure" not in title.splitlines()[-1]
        return
    shown = _format.figure(row.figure, row.unit, row.figure_comparator)
    assert f"figure {shown} ({row.figure_year}" in title
    one_year = t.aggregation is sp.Aggregation.LEVEL and row.unit is sp.series(t).unit
    assert ring == (([row.figure_year], [row.figure]) if one_year else None)


def marked_years(ax: object) -> dict[int, str]:
    """``{year: "gap" or "unrecorded"}`` for the shaded years of a chart."""
    out = {}
    for patch in ax.patches:  # type: ignore[attr-defined]
        kind, _, year = str(patch.get_gid()).partition(":")
        if kind in ("gap", "unrecorded"):
            out[int(year)] = kind
    return out


def assert_marked_years_have_no_full_year_figure(t: sp.Target, ax: object) -> None:
    s = sp.series(t, partial=True)
    full = {p.year for p in s if not p.partial}
    searched = {y for g in sp.progress(t).gaps for y in g.years}
    for year, kind in marked_years(ax).items():
        assert year not in full
        assert year <= (t.year or 9999)
        if kind == "gap":
            assert year in searched


def test_a_verdict_on_a_findings_figure_is_drawn_where_the_series_has_none() -> None:
    # e.g. the automobile industry's scale: no yearly figure, an official claim for a year
    only = [
        t
        for t in sp.targets(all_documents=True)
        if t.indicator_id
        and not sp.series(t, partial=True)
        and ROWS[t.id].figure is not None
        and t.aggregation is sp.Aggregation.LEVEL
        and ROWS[t.id].unit is sp.series(t).unit
    ]
    if not only:
        pytest.skip("no target's verdict rests on a finding's figure alone")
    fig, ax = sp.plot(only[0])
    row = ROWS[only[0].id]
    lines = drawn(ax)
    assert lines["verdict-figure"] == lines["finding-figure"] == ([row.figure_year], [row.figure])
    assert ax.get_ylim()[0] == 0
    caption = next(x.get_text() for x in fig.texts if x.get_gid() == "caption")
    assert "The verdict's figure: " in caption
    assert_marked_years_have_no_full_year_figure(only[0], ax)


def gap_plan(data_as_of: str = "2026-11-28") -> sp.Plan:
    def add_gaps(data: dict[str, object]) -> None:
        data["gaps"] = [
            {"id": "g", "topic": "Widget output, 2022–2023.", "record_ids": ["m"],
             "years": [2022, 2023], "searched": "The yearbooks."},
            {"id": "g2", "topic": "Another measure.", "record_ids": ["ind"],
             "years": [2024], "searched": "The yearbooks."},
        ]  # fmt: skip

    obs = [(2020, 8.0), (2021, 10.0), (2023, 9.0, "H1")]
    return plans.with_target(
        obs, value=20.0, baseline_year=2020, data_as_of=data_as_of, amend=add_gaps
    )


def test_years_without_a_figure_are_marked_searched_or_not() -> None:
    fig, ax = sp.plot("t", plan=gap_plan())
    # 2022: a recorded gap; 2023: the gap too, though a part-year figure is drawn;
    # 2024 and 2025: nothing recorded (g2 is about another record); 2020, 2021 have figures
    assert marked_years(ax) == {2022: "gap", 2023: "gap", 2024: "unrecorded", 2025: "unrecorded"}
    legend = [x.get_text() for x in ax.get_legend().get_texts()]
    assert any("searched (a recorded gap)" in x for x in legend)
    assert any("no search recorded" in x for x in legend)
    labels = {x.get_text() for x in ax.texts}
    assert {"not found", "none recorded"} <= labels
    plt.close(fig)
    # a year not yet over at the data's date is not missing
    _fig, ax = sp.plot("t", plan=gap_plan(data_as_of="2025-06-30"))
    assert set(marked_years(ax)) == {2022, 2023, 2024}


def test_one_point_is_read_from_zero_and_a_growth_rate_against_zero() -> None:
    # a single level figure: the axis runs from zero past the point and the goal
    one = plans.with_target([(2024, 1.05e12)], value=1e12)
    _fig, ax = sp.plot("t", plan=one)
    bottom, top = ax.get_ylim()
    assert bottom == 0
    assert top > 1.05e12
    assert (top - 1.05e12) < 0.2 * top  # a margin, not a blown-up or squashed axis
    # growth rates either side of zero: the axis spans both, with zero inside
    growth = plans.with_target(
        [(2021, -3.0), (2022, 5.0)], value=4.0, unit="percent", measure="growth_rate",
        aggregation="per_year", start_year=2021,
    )  # fmt: skip
    _fig, ax = sp.plot("t", plan=growth)
    bottom, top = ax.get_ylim()
    assert bottom < -3.0 < 0 < 5.0 < top


@pytest.fixture
def fonts(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[list[str]], None]]:
    """Pretend matplotlib's font manager lists only the given font names."""
    from matplotlib import font_manager

    def use(names: list[str]) -> None:
        entries = [font_manager.FontEntry(name=n) for n in names]
        monkeypatch.setattr(font_manager.fontManager, "ttflist", entries)
        charts._cjk_family.cache_clear()

    yield use
    charts._cjk_family.cache_clear()  # the real fonts again, once monkeypatch undoes


DESKTOP_CJK = {
    "macOS": ["PingFang SC", "Hiragino Sans GB", "Heiti SC", "STHeiti"],
    "Windows": ["Microsoft YaHei", "SimHei", "DengXian"],
    "Linux": ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei"],
}


@pytest.mark.parametrize("system", DESKTOP_CJK)
def test_captions_find_the_desktop_cjk_fonts(
    system: str, fonts: Callable[[list[str]], None]
) -> None:
    for name in DESKTOP_CJK[system]:
        fonts(["DejaVu Sans", "Liberation Sans", name])
        assert charts._cjk_family() == name
    fonts(["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC"])
    assert charts._cjk_family() == "PingFang SC"  # one order of preference everywhere


def test_without_a_cjk_font_captions_use_ids_and_say_so_once(
    fonts: Callable[[list[str]], None], caplog: pytest.LogCaptureFixture
) -> None:
    chinese = plans.with_target(
        [(2024, 9.0)], value=10.0,
        amend=lambda d: d["sources"][0].update(publisher="上海市统计局"),
    )  # fmt: skip
    fonts(["DejaVu Sans"])
    with caplog.at_level(logging.WARNING, logger="shanghai_plan"):
        fig, _ax = sp.plot("t", plan=chinese)
        sp.plot("t", plan=chinese)
    said = [r for r in caplog.records if "Chinese glyphs" in r.getMessage()]
    assert len(said) == 1
    assert "PingFang SC" in said[0].getMessage()
    caption = next(x.get_text() for x in fig.texts if x.get_gid() == "caption")
    assert "Sources: src" in caption
    assert "统计" not in caption
    fonts(["Noto Sans CJK SC"])
    fig, _ax = sp.plot("t", plan=chinese)
    caption = next(x.get_text() for x in fig.texts if x.get_gid() == "caption")
    assert "上海市统计局" in caption


def test_saved_svg_and_png_are_the_same_on_every_run(tmp_path: Path) -> None:
    plan = plans.with_target([(2020, 8.0), (2023, 12.0)], value=20.0, baseline_year=2020)
    for suffix in ("svg", "png"):
        a, b = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
        sp.plot("t", plan=plan, path=a)
        sp.plot("t", plan=plan, path=str(b))
        assert a.read_bytes() == b.read_bytes()
    svg = (tmp_path / "a.svg").read_bytes()
    assert svg.startswith(b"<?xml")
    assert b"<svg" in svg
    assert b"<text" not in svg  # text drawn as paths: no font needed to read it
    assert b"<dc:date>" not in svg
    png = (tmp_path / "a.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    height = int.from_bytes(png[20:24], "big")  # IHDR
    assert height > 4.8 * 100  # the caption under the 4.8-inch figure is kept, not cut off


def test_path_must_be_png_svg_or_pdf() -> None:
    with pytest.raises(ValueError, match=r"^path 'chart\.jpg': .*\.png, \.svg or \.pdf, not \.jpg"):
        sp.plot(CHARTED[0], path="chart.jpg")
    with pytest.raises(ValueError, match="not a file without a suffix"):
        sp.plot(CHARTED[0], path="chart")
    with pytest.raises(TypeError, match=r"^path must be a file path"):
        sp.plot(CHARTED[0], path=5)  # type: ignore[arg-type]


def test_axis_reads_in_words_not_exponents() -> None:
    t = sp.target("tgt-software-revenue-1-5tn")
    fig, ax = sp.plot(t)
    fig.canvas.draw()
    ticks = [label.get_text() for label in ax.get_yticklabels()]
    assert ticks
    assert not any("e" in x for x in ticks)
    assert "trillion yuan" in ax.get_ylabel()
    assert ax.yaxis.get_offset_text().get_text() == ""


def test_weak_partial_and_disagreeing_figures_are_told_apart() -> None:
    target = {
        "id": "t",
        "document_id": "p",
        "kind": "quantitative",
        "statement": "Make more widgets.",
        "year": 2025,
        "indicator_id": "m",
        "baseline_year": 2020,
        "quantity": {"value": 20.0, "unit": "yuan", "comparator": "at_least"},
        "citations": [{"source_id": "src", "locator": "x"}],
    }
    plan = two_sources([*OBS, {"year": 2019, "value": 7.0, "source": "weak"}], target)
    fig, ax = sp.plot("t", plan=plan)
    lines = {str(line.get_gid()): line for line in ax.get_lines()}
    weak = lines["figure:o9"]  # 2019, weak only
    assert weak.get_markerfacecolor() == "white"
    strong = lines["figure:o0"]
    assert strong.get_markerfacecolor() != "white"
    assert lines["figure:o6"].get_marker() == "^"  # H1 2024: part year
    assert lines["figure:o0"].get_marker() == "o"
    assert {"figure:o2", "figure:o3"} <= set(lines)  # 2022: both figures drawn
    assert lines["required-path"].get_xdata().tolist() == [2020, 2025]
    assert lines["required-path"].get_ydata().tolist() == [8.0, 20.0]
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert any("weak" in x for x in legend)
    assert any("part-year" in x for x in legend)
    assert any("disagree" in x for x in legend)
    caption = next(x.get_text() for x in fig.texts if x.get_gid() == "caption")
    assert "Us" in caption
    assert "A forum" in caption


def test_no_figures_and_no_indicator_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="no indicator"):
        sp.plot("tgt-national-eda-platform")
    empty = [t for t in sp.targets() if t.indicator_id and not sp.series(t, partial=True)]
    nothing = [t for t in empty if sp.progress(t).figure is None]
    if nothing:
        with pytest.raises(ValueError, match="no figures"):
            sp.plot(nothing[0])
    with pytest.raises(sp.NotFoundError):
        sp.plot("tgt-nope")
    with pytest.raises(TypeError, match="target_or_id must be a Target or a target id"):
        sp.plot(7)  # type: ignore[arg-type]


def test_draws_on_given_axes() -> None:
    fig, ax = plt.subplots()
    f2, a2 = sp.plot(CHARTED[0], ax=ax)
    assert (f2, a2) == (fig, ax)


def test_without_matplotlib_names_the_extra() -> None:
    code = (
        "import sys; sys.modules['matplotlib'] = None\n"
        "import shanghai_plan as sp\n"
        "try:\n    sp.plot('tgt-nev-output-1-2m')\n"
        "except sp.MissingDependencyError as e:\n    print(e); assert isinstance(e, ImportError)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'shanghai-plan[plot]'" in out.stdout


def test_import_does_not_load_matplotlib_or_pandas() -> None:
    code = (
        "import sys, shanghai_plan as sp\n"
        "sp.scorecard(); sp.series('ind-nev-production'); sp.show(sp.targets())\n"
        "print(sorted(m for m in ('matplotlib', 'pandas') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_ax_must_be_axes_and_a_users_target_needs_its_plan() -> None:
    # issue 22 (A7, A8): named errors, never an AttributeError or a chart of bundled figures
    t = CHARTED[0]
    with pytest.raises(TypeError, match=r"^ax must be a matplotlib Axes or None, not int"):
        sp.plot(t, ax=5)  # type: ignore[arg-type]
    import attrs

    mine = attrs.evolve(t, statement="Someone else's target.")
    with pytest.raises(ValueError, match=r"not a record of the bundled plan.*plan="):
        sp.plot(mine)


def test_the_docstring_example_runs() -> None:
    import doctest

    result = doctest.testmod(charts)
    assert result.attempted > 0
    assert result.failed == 0
