"""Charts of the generated pages: which targets get one, a digest of what it shows, drawing.

Shared by ``gen_targets`` (the plan's targets, PNG and SVG) and ``gen_scorecard`` (the 2023
revision's targets).  Charts are drawn by the generators and committed, never during the
Sphinx build.

Staleness is checked on the Markdown, not on image bytes (which change with matplotlib's
version, fonts and platform): under every chart a page records a digest of what the chart
shows — the figures, goal, baseline and deadline it draws and the source of the code that
draws it.  When the data or the chart code changes, the digest changes, the page is stale
and the test says to run the generator, which redraws the charts.
"""

import hashlib
import inspect
import json
import re
from collections.abc import Iterable
from pathlib import Path

import shanghai_plan as sp
from shanghai_plan import _format, charts, timeseries

IMAGE = re.compile(r"!\[[^\]]*\]\(([^)]+)\)")


def charted(t: sp.Target) -> bool:
    """Whether the target gets a chart: whether :func:`shanghai_plan.plot` has something to
    draw (an indicator with a figure, or a verdict's figure that is one year's level in the
    indicator's unit, as for a figure only a finding gives)."""
    if t.indicator_id is None:
        return False
    s = sp.series(t, partial=True)
    return len(s) > 0 or charts._verdict_point(sp.progress(t), t, s) is not None


def digest(t: sp.Target) -> str:
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


def referenced_images(page: Path, text: str) -> list[Path]:
    """Every image a page shows, as a path."""
    return [(page.parent / m).resolve() for m in IMAGE.findall(text)]


def draw(targets: Iterable[sp.Target], folder: Path, *, svg: bool) -> None:
    """Draw ``<id>.png`` (and ``<id>.svg``) in ``folder`` for every charted target, and
    remove the charts of targets no longer shown.  ``sp.plot(path=...)`` saves them: the
    same bytes on every run, an SVG's text as paths (it embeds anywhere)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    shown = [t for t in targets if charted(t)]
    kinds = ("png", "svg") if svg else ("png",)
    wanted = {folder / f"{t.id}.{k}" for t in shown for k in kinds}
    for old in (*folder.glob("*.png"), *folder.glob("*.svg")):
        if old not in wanted:
            old.unlink()
    for t in shown:
        for kind in kinds:
            fig, _ax = sp.plot(t, path=folder / f"{t.id}.{kind}")
            plt.close(fig)
