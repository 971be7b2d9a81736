"""Charts: they render headless, and what they draw is the series, the goal and the deadline."""

import io
import itertools
import subprocess
import sys
from collections.abc import Iterator

import pytest

import shanghai_plan as sp
from tests.test_series import OBS, two_sources

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")

CHARTED = [
    t for t in sp.targets(all_documents=True) if t.indicator_id and sp.series(t, partial=True)
]


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
    png = io.BytesIO()
    fig.savefig(png, format="png")
    assert png.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"


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
    if empty:
        with pytest.raises(ValueError, match="no figures"):
            sp.plot(empty[0])
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
