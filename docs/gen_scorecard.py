"""Generate docs/scorecard.md ("Did the plan deliver?") and its charts from the data.

    python docs/gen_scorecard.py          # rewrite the page and every chart
    python docs/gen_scorecard.py --check  # exit 1 if the page is stale or a chart is missing

The page is the scorecard of the plan's own targets, a chart for every target whose
indicator has figures, and the 2023 revision's targets in a table of their own.  Charts are
PNG files under ``docs/_static/charts/``, drawn by :func:`shanghai_plan.plot`.

Staleness is checked on the Markdown, not on PNG bytes (which change with matplotlib's
version, fonts and platform): under every chart the page records a digest of what the chart
shows — the figures, goal, baseline and deadline it draws and the source of the code that
draws it.  When the data or the chart code changes, the digest changes, the page is stale
and the test says to run this script, which redraws the charts.
"""

import hashlib
import inspect
import json
import sys
from collections.abc import Iterable
from pathlib import Path

import shanghai_plan as sp
from shanghai_plan import _format, charts, timeseries

sys.path.insert(0, str(Path(__file__).parent))
from _pagegen import main as _main

PAGE = Path(__file__).with_name("scorecard.md")
CHARTS = Path(__file__).parent / "_static" / "charts"
REVISION = "doc-sh-am-action-2023-2025"


def cell(text: object) -> str:
    """Text for one Markdown table cell."""
    if text is None or text == "":
        return "—"
    return " ".join(str(text).split()).replace("|", "\\|")


def figure(r: sp.ScorecardRow) -> str:
    if r.figure is None:
        return "—"
    return _format.figure(r.figure, r.unit, r.figure_comparator)


def charted(t: sp.Target) -> bool:
    """Whether the target gets a chart: an indicator with at least one figure."""
    return t.indicator_id is not None and len(sp.series(t, partial=True)) > 0


def chart_path(t: sp.Target) -> Path:
    return CHARTS / f"{t.id}.png"


def chart_digest(t: sp.Target) -> str:
    """What a chart shows, as a digest: its figures, goal, baseline and deadline, and the
    code that draws it (so a change to either makes the page stale)."""
    s = sp.series(t, partial=True)
    r = sp.progress(t)
    shown = {
        "figures": [
            [p.year, p.coverage, o.id, o.value, o.comparator.value, c.value]
            for p in s
            for o, c in zip(p.observations, p.confidences, strict=True)
        ],
        "goal": r.goal,
        "unit": r.unit and r.unit.value,
        "baseline": r.baseline and [r.baseline.year, r.baseline.value],
        "deadline": t.year,
        "status": r.verdict,
        "confidence": r.confidence and r.confidence.value,
        "statement": t.statement,
        "code": [inspect.getsource(m) for m in (charts, timeseries, _format)],
    }
    blob = json.dumps(shown, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


def table(rows: Iterable[sp.ScorecardRow], targets: dict[str, sp.Target]) -> list[str]:
    lines = [
        "| Target | Verdict | Figure | Year | Confidence | Why | Main caveat | Lean | "
        "What is missing |",
        "| :-- | :-- | :-- | :-- | :-- | :-- | :-- | :-- | :-- |",
    ]
    for r in rows:
        t = targets[r.target_id]
        name = f"{cell(r.statement)} <br>`{r.target_id}`"
        if charted(t):
            name += f" ([chart](#chart-{r.target_id}))"
        lines.append(
            f"| {name} | **{r.verdict}** | {cell(figure(r))} "
            f"| {cell(r.figure_year)} | {cell(r.confidence and r.confidence.value)} "
            f"| {cell(r.why)} | {cell(r.main_caveat)} | {cell(lean(r))} | {cell(r.missing)} |"
        )
    return lines


def lean(r: sp.ScorecardRow) -> str | None:
    """The lean column: the rule and its reasoning, or why a target not settled cannot lean."""
    if r.lean_rule is not None:
        return f"*{r.lean_rule.value.replace('_', ' ')}*: {r.lean_note}"
    return r.lean_note


def chart_section(rows: Iterable[sp.ScorecardRow], targets: dict[str, sp.Target]) -> list[str]:
    lines: list[str] = []
    for r in rows:
        t = targets[r.target_id]
        if not charted(t):
            continue
        rel = chart_path(t).relative_to(PAGE.parent).as_posix()
        lines += [
            f"({'chart-' + t.id})=",
            f"### {cell(t.statement)}",
            "",
            f"![{cell(t.statement)} — figures of {t.indicator_id} against the goal]({rel})",
            "",
            f"`{t.id}` · verdict **{r.verdict}** · {cell(r.why)}",
            f"<!-- chart {t.id} shows data {chart_digest(t)} -->",
            "",
        ]
    return lines


def render() -> str:
    plan = sp.load()
    targets = {t.id: t for t in sp.targets(all_documents=True)}
    own = sp.scorecard()
    revision = sp.document(REVISION)
    revision_rows = sp.scorecard(document=REVISION)
    title_en = next((x.text for x in revision.titles if x.language == "en"), REVISION)
    lines = [
        "<!-- generated by docs/gen_scorecard.py from the bundled data: do not edit -->",
        "# Did the plan deliver?",
        "",
        f"Shanghai's advanced-manufacturing plan for 2021–2025 ({plan.document_number}) set "
        f"{len(own)} targets. This page judges each one on the evidence the bundled data "
        f"holds (data version {plan.data_version}, checked up to "
        f"{plan.data_as_of.isoformat()}).",
        "",
        f"**{sp.tally(own)}**",
        "",
        '"Not settled" means the evidence recorded so far does not decide the target: the '
        "*What is missing* column says which figure or finding would. It may still *lean* "
        '("not settled — leans met" / "— leans not met") by a named rule — the pace of the '
        "deadline year's part-year figures, the growth still required against the growth "
        "observed, a partial sum, or findings of progress or of an absence — and is then "
        "never counted as met or not met; the *Lean* column gives the rule and its reasoning, "
        "or why the target cannot lean. *Confidence* is the weakest source the verdict rests "
        "on (primary, secondary or weak); the *Main caveat* is what to know before quoting it. "
        "The rules are in {mod}`shanghai_plan.analysis` and the words in "
        "[the conventions](conventions.md); the same table is `sp.scorecard()` in Python and "
        "`shanghai-plan scorecard` on the command line.",
        "",
        "## The plan's targets",
        "",
        *table(own, targets),
        "",
        "## Charts",
        "",
        "Each chart is `sp.plot(target)`: the indicator's figures by year (hollow markers: "
        "only weak sources; triangles: part of a year, which never decides), the baseline, "
        "the goal, the deadline and the straight path from the baseline to the goal. Targets "
        "whose indicator has no figures have no chart.",
        "",
        *chart_section(own, targets),
        f"## Another document: the 2023 revision ({revision.document_number})",
        "",
        f"These {len(revision_rows)} targets are **not the plan's**: they are set by "
        f"*{cell(title_en)}* (`{REVISION}`, {revision.period}), which revises the plan's "
        "goals. They are judged by the same rules and shown here for comparison; they do not "
        "count in the outcome above.",
        "",
        f"**{sp.tally(revision_rows, whose='the revision’s')}**",
        "",
        *table(revision_rows, targets),
        "",
        "### Charts for the 2023 revision",
        "",
        *chart_section(revision_rows, targets),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def referenced_images(text: str) -> list[Path]:
    """Every image the page shows, as a path."""
    import re

    return [PAGE.parent / m for m in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)]


def draw_charts() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    CHARTS.mkdir(parents=True, exist_ok=True)
    shown = [*sp.targets(), *sp.targets(document=REVISION)]
    wanted = {chart_path(t) for t in shown if charted(t)}
    for old in CHARTS.glob("*.png"):
        if old not in wanted:
            old.unlink()
    for t in shown:
        if charted(t):
            fig, _ax = sp.plot(t)
            fig.savefig(chart_path(t), dpi=100, bbox_inches="tight", metadata={"Software": None})
            plt.close(fig)


if __name__ == "__main__":
    if "--check" in sys.argv:
        missing = [p for p in referenced_images(render()) if not p.exists()]
        if missing:
            print(f"missing charts: {missing}; run python {sys.argv[0]}", file=sys.stderr)
            sys.exit(1)
    else:
        draw_charts()
    sys.exit(_main(PAGE, render, sys.argv))
