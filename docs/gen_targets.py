"""Generate one page per target of the plan, ``docs/targets/<target-id>.md``, and its chart.

    python docs/gen_targets.py          # rewrite every page and chart
    python docs/gen_targets.py --check  # exit 1 if a page is stale or missing, or a chart

Each page is for a reader who never opens Python: the target in English and as the plan
words it in Chinese, its deadline and baseline; the verdict (or the lean) with its
confidence; the main caveat, then the others; the chart (PNG, and the same chart as SVG to
embed); every figure with its year, measure and sources; the findings; what would settle it
and what was searched; what was promised next; and how to cite it.  Every figure and every
wording comes from the library (``sp.progress``, ``sp.successors``, ``sp.cite`` …).

Charts are drawn here, not during the Sphinx build, into ``docs/targets/charts/``; a page
records a digest of what its chart shows (see ``_charts``), so a stale chart is a stale page.
"""

import sys
from pathlib import Path

import shanghai_plan as sp
from shanghai_plan import _format

sys.path.insert(0, str(Path(__file__).parent))
from _charts import charted, digest, draw, referenced_images
from _pagegen import CONFIDENCE_RULE, badge, cell

FOLDER = Path(__file__).parent / "targets"
CHARTS = FOLDER / "charts"
CONVENTIONS = "../conventions.md#verdict-words-status-lean-confidence"


def page_path(t: sp.Target) -> Path:
    return FOLDER / f"{t.id}.md"


def _words(value: str) -> str:
    return value.replace("_", " ")


def _source(c: sp.Citation) -> str:
    s = sp.source(c.source_id)
    title = s.title.replace("[", "\\[").replace("]", "\\]")
    when = f", {s.published}" if s.published else ""
    return (
        f"[{cell(s.publisher)}: {cell(title)}]({s.url}){when}, {cell(c.locator)} ({s.confidence})"
    )


def _sources(citations: tuple[sp.Citation, ...]) -> str:
    return "; ".join(_source(c) for c in citations)


def the_target(t: sp.Target, r: sp.Progress) -> list[str]:
    plan = sp.load()
    q = t.quantity
    rows = [("In English", cell(t.statement))]
    if t.term_zh:
        rows.append(("In Chinese", cell(t.term_zh)))
    if q is not None:
        stated = _format.figure(q.value, q.unit, q.comparator)
        if q.wording:
            stated += f" (worded: {cell(q.wording)})"
        rows.append(("Goal", stated))
        if r.goal is not None and r.goal != q.value:
            rows.append(("Goal as judged", _format.figure(r.goal, r.unit)))
    span = f"{t.start_year}–{t.year}" if t.start_year is not None else None
    rows.append(("Deadline", cell(t.year if span is None else f"{t.year} (counted {span})")))
    if r.baseline is not None:
        b = r.baseline
        rows.append(
            ("Baseline", f"{_format.figure(b.value, r.unit, b.comparator)} in {b.year} (`{b.id}`)")
        )
    elif t.baseline_year is not None:
        rows.append(("Baseline", f"{t.baseline_year}"))
    else:
        rows.append(("Baseline", "none recorded"))
    rows.append(("Set by", f"{cell(plan.title('en'))} ({plan.document_number}), {plan.period}"))
    rows.append(("Sources", _sources(t.citations)))
    lines = ["| | |", "| :-- | :-- |", *(f"| {k} | {v} |" for k, v in rows)]
    if t.notes:
        lines += ["", f"*Note:* {cell(t.notes)}"]
    return ["## The target", "", *lines, ""]


def the_verdict(r: sp.Progress) -> list[str]:
    confidence = (
        f"**{r.confidence}**: {CONFIDENCE_RULE} ([conventions]({CONVENTIONS}))"
        if r.confidence is not None
        else "none (no evidence settles it)"
    )
    evidence = (
        "none that settles it (the figures and findings below do not)"
        if r.evidence is sp.EvidenceKind.NONE
        else _words(str(r.evidence))
    )
    lines = [
        "## The verdict",
        "",
        f"{badge(r)} — {cell(r.explanation)}",
        "",
        f"*Confidence:* {confidence}. *Evidence:* {evidence}.",
        "",
    ]
    if r.lean_rule is not None:
        lines += [f"*Lean, by the rule {_words(str(r.lean_rule))}:* {cell(r.lean_note)}", ""]
    elif r.lean_note:
        lines += [f"*Why it does not lean:* {cell(r.lean_note)}", ""]
    if r.alternatives:
        lines += ["*On another measure:*", ""]
        lines += [f"- `{a.measure}`: {badge(a)} — {cell(a.explanation)}" for a in r.alternatives]
        lines.append("")
    return lines


def the_caveats(r: sp.Progress) -> list[str]:
    lines = ["## Caveats", ""]
    if r.main_caveat:
        lines += [f"**Main caveat:** {cell(r.main_caveat)}", ""]
    else:
        lines += ["**Main caveat:** none beyond what is missing (below).", ""]
    if r.caveats:
        lines += ["All caveats, the one that matters most first:", ""]
        lines += [f"{i}. {cell(c)}" for i, c in enumerate(r.caveats, 1)]
        lines.append("")
    return lines


def the_chart(t: sp.Target) -> list[str]:
    if not charted(t):
        return []
    return [
        "## Chart",
        "",
        f"![{cell(t.statement).rstrip('.')}: figures of {t.indicator_id} against the goal]"
        f"(charts/{t.id}.png)",
        "",
        f'`sp.plot("{t.id}")` draws it: the figures by year against the goal and the '
        "deadline; its legend names each mark ([charts](../howto/charts.md)). "
        f"[SVG for embedding](charts/{t.id}.svg).",
        f"<!-- chart {t.id} shows data {digest(t)} -->",
        "",
    ]


def the_figures(t: sp.Target, r: sp.Progress) -> list[str]:
    lines = ["## Figures", ""]
    ids = [i for i in (t.indicator_id, *t.alternative_indicator_ids) if i is not None]
    if not ids:
        return [*lines, "No indicator measures this target: it is judged on findings.", ""]
    verdict = {o.id for o in r.rests_on}
    lean = {x.id for x in r.lean_rests_on}
    for iid in ids:
        ind = sp.indicator(iid)
        zh = f" ({ind.name_zh})" if ind.name_zh else ""
        role = "the target's measure" if iid == t.indicator_id else "another measure"
        lines += [
            f"### {cell(ind.name_en)}{zh}",
            "",
            f"`{ind.id}`, {role}: {_words(str(ind.measure))}, {cell(ind.geography)}, "
            f"in {_format.unit_label(ind.unit) or _words(str(ind.unit))}.",
            "",
        ]
        found = sp.observations(ind)
        if not found:
            lines += ["No figure found.", ""]
            continue
        lines += ["| Year | Figure | Sources (confidence) | Notes |", "| :-- | :-- | :-- | :-- |"]
        for o in found:
            year = f"{o.year}" + (f" ({cell(o.coverage)})" if o.coverage else "")
            shown = _format.figure(o.value, ind.unit, o.comparator)
            notes = []
            if o.id in verdict:
                notes.append("**The verdict rests on it.**")
            if o.id in lean:
                notes.append("**The lean rests on it.**")
            if o.derived_from:
                notes.append(f"Derived from {', '.join(o.derived_from)}: {cell(o.method)}")
            if o.notes:
                notes.append(cell(o.notes))
            lines.append(
                f"| {year} | {shown} <br>`{o.id}` | {_sources(o.citations)} "
                f"| {' '.join(notes) or '—'} |"
            )
        lines.append("")
    return lines


def the_findings(t: sp.Target, r: sp.Progress) -> list[str]:
    lean = [x for x in r.lean_rests_on if isinstance(x, sp.Finding)]
    found = list(dict.fromkeys((*r.findings, *lean, *sp.findings(t))))
    lines = ["## Findings", ""]
    if not found:
        return [*lines, "No finding names this target.", ""]
    for f in found:
        when = ", ".join(
            x for x in (f.year and f"on {f.year}", f.stated and f"stated {f.stated}") if x
        )
        used = " **The verdict rests on it.**" if f in r.findings else ""
        used += " **The lean rests on it.**" if f in lean else ""
        figure = ""
        if f.quantity is not None:
            q = f.quantity
            measure = f"measure: {cell(f.measures)}" if f.measures else "measure not stated"
            figure = f" <br>Figure: {_format.figure(q.value, q.unit, q.comparator)} ({measure})"
        notes = f" <br>*Note:* {cell(f.notes)}" if f.notes else ""
        lines += [
            f"- *{_words(str(f.kind))}{', ' + when if when else ''}; bearing "
            f"{_words(str(f.bearing))}* (`{f.id}`): {cell(f.statement)}{used}{figure}{notes} "
            f"<br>Sources: {_sources(f.citations)}",
        ]
    return [*lines, ""]


def the_gaps(r: sp.Progress) -> list[str]:
    lines = ["## What would settle it", ""]
    lines += [f"*Missing:* {cell(r.missing)}" if r.missing else "Nothing: it is settled.", ""]
    if r.gaps:
        lines += ["### What was searched", ""]
        for g in r.gaps:
            lines += [f"- **{cell(g.topic)}** (`{g.id}`) <br>*Searched:* {cell(g.searched)}"]
            if g.would_settle:
                lines[-1] += f" <br>*Would settle it:* {cell(g.would_settle)}"
        lines.append("")
    return lines


def what_came_next(t: sp.Target) -> list[str]:
    answer = sp.successors(t)
    lines = ["## What came next", ""]
    if answer.status is sp.SuccessorStatus.FOUND:
        lines += ["Later promises that continue this target:", ""]
        for s in answer.found:
            n = s.target
            goal = ""
            if n.quantity is not None:
                q = n.quantity
                goal = f"; goal {_format.figure(q.value, q.unit, q.comparator)}"
            year = "no deadline" if n.year is None else f"by {n.year}"
            lines.append(
                f"- **{cell(n.statement)}** ({year}{goal}) — *{cell(s.document.title('en'))}*, "
                f"{s.stage} (`{n.id}`). <br>Sources: {_sources(n.citations)}"
            )
    elif answer.status is sp.SuccessorStatus.NONE_FOUND:
        lines += ["**None found.** What was searched:", ""]
        for g in answer.gaps:
            lines.append(f"- {cell(g.topic)} <br>*Searched:* {cell(g.searched)}")
    else:
        lines.append("Not looked for: the data records neither a later promise nor a search.")
    return [
        *lines,
        "",
        "All targets side by side: [Promised, delivered, promised next](../promised-next.md).",
        "",
    ]


def cite_this(r: sp.Progress) -> list[str]:
    return [
        "## Cite this",
        "",
        f'`sp.cite(sp.progress("{r.target_id}"))`, as text and as Markdown:',
        "",
        "```text",
        sp.cite(r),
        "```",
        "",
        "```markdown",
        sp.cite(r, style="markdown"),
        "```",
        "",
    ]


def render_one(t: sp.Target) -> str:
    r = sp.progress(t)
    plan = sp.load()
    lines = [
        "<!-- generated by docs/gen_targets.py from the bundled data: do not edit -->",
        f"# {cell(t.statement)}",
        "",
        f"{badge(r)} `{t.id}` · a target of Shanghai's advanced-manufacturing plan for "
        f"2021–2025 · data version {plan.data_version}, checked up to "
        f"{plan.data_as_of.isoformat()} · [all targets](../scorecard.md)",
        "",
        *the_target(t, r),
        *the_verdict(r),
        *the_caveats(r),
        *the_chart(t),
        *the_figures(t, r),
        *the_findings(t, r),
        *the_gaps(r),
        *what_came_next(t),
        *cite_this(r),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def pages() -> dict[Path, str]:
    """Every page, by path."""
    return {page_path(t): render_one(t) for t in sp.targets()}


def check() -> int:
    """Exit status of ``--check``: 1 when a page or a chart is stale, missing or extra."""
    wanted = pages()
    problems = [
        str(p) for p, text in wanted.items() if not p.exists() or p.read_text("utf-8") != text
    ]
    problems += [str(p) for p in FOLDER.glob("*.md") if p not in wanted]
    for p, text in wanted.items():
        for image in referenced_images(p, text):
            problems += [str(x) for x in (image, image.with_suffix(".svg")) if not x.exists()]
    if problems:
        print(f"stale or missing: {problems}; run python {sys.argv[0]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    if "--check" in sys.argv:
        sys.exit(check())
    draw(sp.targets(), CHARTS, svg=True)
    wanted = pages()
    for old in FOLDER.glob("*.md"):
        if old not in wanted:
            old.unlink()
    for path, text in wanted.items():
        path.write_text(text, encoding="utf-8")
    print(f"wrote {len(wanted)} pages and their charts in {FOLDER}")
