"""Notebook display: compact HTML for records, verdicts, series and collections of them.

Jupyter shows a record with its ``_repr_html_`` method.  The classes stay free of
presentation code: each displayable class (the records of :mod:`~shanghai_plan.model`,
:class:`~shanghai_plan.Progress`, :class:`~shanghai_plan.ScorecardRow`,
:class:`~shanghai_plan.Series`, :class:`~shanghai_plan.Scorecard`) has a two-line
``_repr_html_`` that imports this module only when a notebook asks, so a class displays
however it was imported; this module imports only the rooms below it.  Every function
here is pure and can be called directly, e.g. ``display.html(plan)``.

* :func:`html` — one record: a plan, industry, target, source, indicator (with its series),
  conflict, finding, gap, :class:`~shanghai_plan.Progress` or
  :class:`~shanghai_plan.ScorecardRow`.
* :func:`show` — a collection of records as one table (``sp.show(sp.targets())``);
  ``sp.scorecard()`` already displays as a table.

Text cells are left-aligned and figures right-aligned **by inline styles** on every cell:
JupyterLab's and classic Jupyter's own stylesheets right-align table cells, and an inline
style is the one rule they cannot override.  Numbers go through the one formatter the
command line and the explanations use (``850 billion yuan``, never ``8.5e+11``).  Chinese
and English names are shown side by side; citations link to their sources.
"""

from collections.abc import Callable, Iterable, Sequence
from html import escape
from typing import Any

from attrs import frozen

from . import _format
from ._args import wrong_type
from .analysis import Progress, progress
from .model import (
    Citation,
    Conflict,
    Document,
    Finding,
    Gap,
    Goal,
    Indicator,
    Industry,
    Observation,
    Plan,
    Quantity,
    Source,
    Target,
)
from .searching import SearchHit
from .timeseries import Series, series
from .verdicts import ScorecardRow

__all__ = ["Table", "html", "show"]

_CELL = "border:1px solid #ccc;padding:2px 6px;vertical-align:top;"
_TEXT = f"{_CELL}text-align:left"
_NUM = f"{_CELL}text-align:right;white-space:nowrap"
_HEAD = f"{_TEXT};background:#f3f3f3"
_STYLE = (
    "<style>.sp-t{border-collapse:collapse;font-size:90%}.sp-m{color:#666}"
    ".sp-t th,.sp-t td{text-align:left}</style>"
)


def _e(value: object) -> str:
    return escape("" if value is None else str(value))


def _qty(q: Quantity | None) -> str:
    return "—" if q is None else _e(_format.figure(q.value, q.unit, q.comparator))


def _live_plans() -> list[Plan]:
    """The plans this process has asked about, and the bundled one once it is loaded."""
    from . import loading
    from ._index import indexed_plans

    plans = indexed_plans()
    if loading._bundled is not None:
        plans.append(loading._bundled)
    return plans


def _known_sources() -> dict[str, Source]:
    """The sources a record's citations resolve to: a source id is resolved only when
    every live plan that has it gives the same source.  A record does not know its plan,
    so an id that two plans define differently is shown without a link rather than with
    the other plan's (a third party's plan must not put its links under the bundled
    plan's records, nor the reverse)."""
    found: dict[str, Source] = {}
    clashing: set[str] = set()
    for p in _live_plans():
        for s in p.sources:
            if found.setdefault(s.id, s) != s:
                clashing.add(s.id)
    for sid in clashing:
        del found[sid]
    return found


def _plan_of(rec: Indicator) -> Plan | None:
    """The live plan that holds ``rec`` itself, if any."""
    from ._index import record_of

    return next((p for p in _live_plans() if record_of(p, rec.id) is rec), None)


def _citations(citations: Iterable[Citation], sources: dict[str, Source] | None = None) -> str:
    known = _known_sources() if sources is None else sources
    parts = []
    for c in citations:
        s = known.get(c.source_id)
        if s is None:
            parts.append(f"{_e(c.source_id)} <span class='sp-m'>({_e(c.locator)})</span>")
        else:
            label = f"{s.publisher}, {s.published or 'n.d.'}"
            parts.append(
                f"<a href='{_e(s.url)}' title='{_e(s.title)}' target='_blank'>{_e(label)}</a> "
                f"<span class='sp-m'>({_e(c.locator)}; {s.confidence.value})</span>"
            )
    return "; ".join(parts)


def _table(
    header: Sequence[str], rows: Sequence[Sequence[str]], numeric: Iterable[int] = ()
) -> str:
    nums = set(numeric)
    head = "".join(f"<th style='{_HEAD}'>{h}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(f"<td style='{_NUM if i in nums else _TEXT}'>{c}</td>" for i, c in enumerate(row))
        + "</tr>"
        for row in rows
    )
    thead = f"<thead><tr>{head}</tr></thead>" if any(header) else ""
    return f"<table class='sp-t'>{thead}<tbody>{body}</tbody></table>"


def _card(title: str, record_id: str, rows: list[list[str]], extra: str = "") -> str:
    return (
        f"{_STYLE}<div style='text-align:left'><b>{title}</b> <code>{_e(record_id)}</code>"
        f"{_table(['', ''], rows)}{extra}</div>"
    )


def _status(r: ScorecardRow | Progress) -> str:
    """A verdict in the one wording, with its confidence: **not settled — leans met**,
    confidence: weak."""
    shown = f"<b>{_e(r.verdict)}</b>"
    if r.confidence is None:
        return shown
    return f"{shown}<br><span class='sp-m'>confidence: {_e(r.confidence.value)}</span>"


def plan_html(plan: Plan) -> str:
    """HTML for a plan: titles, document facts, the industries by tier, its targets."""
    sources = {s.id: s for s in plan.sources}
    titles = "<br>".join(f"<b>{_e(t.text)}</b>" for t in plan.titles)
    facts = [f"{_e(plan.period)}"]
    if plan.document_number:
        facts.append(_e(plan.document_number))
    facts += [f"{_e(e.kind.value.replace('_', ' '))} {e.date.isoformat()}" for e in plan.events]
    inds = _table(
        ["tier", "中文", "English"],
        [
            [_e(f"{i.tier.name_zh} {i.tier.value}"), _e(i.name_zh), _e(i.name_en)]
            for i in plan.industries
        ],
    )
    own = progress(plan=plan)  # the plan's own targets, in its order, with their verdicts
    tgt = _table(
        ["id", "target", "by", "goal", "status", "sources"],
        [
            [
                f"<code>{_e(r.target_id)}</code>",
                _e(r.target.statement),
                _e(r.target.year),
                _qty(r.target.quantity),
                _status(r),
                _citations(r.target.citations, sources),
            ]
            for r in own
        ],
        [2, 3],
    )
    meta = (
        f"{len(plan.sources)} sources · {len(plan.indicators)} indicators · "
        f"{len(plan.related_documents)} related documents · data {_e(plan.data_version)} "
        f"as of {plan.data_as_of.isoformat()}"
    )
    return (
        f"{_STYLE}<div style='text-align:left'>{titles}<br>"
        f"<span class='sp-m'>{' · '.join(facts)}</span>"
        f"<h4>Industries ({len(plan.industries)})</h4>{inds}"
        f"<h4>Targets ({len(own)})</h4>{tgt}<p class='sp-m'>{meta}</p></div>"
    )


def industry_html(industry: Industry) -> str:
    """HTML for an industry: names, tier, aliases, focus areas, citations."""
    rows = [
        ["tier", _e(f"{industry.tier.name_zh} ({industry.tier.value})")],
        ["aliases", _e(", ".join(a.name for a in industry.aliases)) or "—"],
        ["focus areas", _e(", ".join(f.name_en for f in industry.focus_areas)) or "—"],
        ["sources", _citations(industry.citations)],
    ]
    if industry.description:
        rows.insert(0, ["about", _e(industry.description)])
    return _card(f"{_e(industry.name_zh)} · {_e(industry.name_en)}", industry.id, rows)


def target_html(target: Target) -> str:
    """HTML for a target: statement, figure, deadline, industries and sources."""
    rows = [
        ["kind", _e(target.kind.value)],
        ["figure", _qty(target.quantity)],
        ["wording", _e(target.quantity.wording if target.quantity else target.term_zh) or "—"],
        ["by", _e(target.year)],
        ["industries", _e(", ".join(target.industry_ids)) or "—"],
        ["indicator", _e(target.indicator_id) or "—"],
        ["document", _e(target.document_id)],
        ["sources", _citations(target.citations)],
    ]
    if target.notes:
        rows.append(["notes", _e(target.notes)])
    return _card(_e(target.statement), target.id, rows)


def source_html(source: Source) -> str:
    """HTML for a source: title (linked), publisher, date, language, kind and confidence."""
    rows = [
        ["title", f"<a href='{_e(source.url)}' target='_blank'>{_e(source.title)}</a>"],
        ["published", _e(source.published) or "—"],
        ["language", _e(source.language)],
        ["kind", _e(source.kind.value.replace("_", " "))],
        ["confidence", f"<b>{_e(source.confidence.value)}</b>"],
    ]
    if source.mirror or source.original_outlet:
        rows.append(["mirror of", _e(source.original_outlet) or "yes"])
    if source.notes:
        rows.append(["notes", _e(source.notes)])
    return _card(_e(source.publisher), source.id, rows)


def _obs(o: Observation | None, unit: object) -> str:
    if o is None:
        return "—"
    note = f" ({_e(o.coverage)})" if o.coverage else ""
    shown = _e(_format.figure(o.value, unit, o.comparator))
    return f"{shown} in {o.year}{note} — {o.basis.value}; {_citations(o.citations)}"


def series_html(s: Series) -> str:
    """HTML for a series: one row per year's figure, flagged years marked."""
    rows = []
    for pt in s:
        for o in pt.figures:
            note = " ".join(
                x for x in (pt.coverage or "", "sources disagree" if pt.disagree else "") if x
            )
            rows.append(
                [
                    _e(pt.year),
                    _e(_format.figure(o.value, s.unit, o.comparator)),
                    _e(note) or "—",
                    _citations(
                        c for x in pt.observations if x.value == o.value for c in x.citations
                    ),
                ]
            )
    if not rows:
        return "<p class='sp-m'>no figures recorded</p>"
    return _table(["year", "figure", "note", "sources"], rows, [0, 1])


def indicator_html(ind: Indicator) -> str:
    """HTML for an indicator: names, unit, measure, industries and its series (with
    part-year figures, marked)."""
    rows = [
        ["中文", _e(ind.name_zh) or "—"],
        ["unit", _e(ind.unit.value)],
        ["measure", _e(ind.measure.value.replace("_", " "))],
        ["industries", _e(", ".join(ind.industry_ids)) or "—"],
        ["sources", _citations(ind.citations)],
    ]
    if ind.description:
        rows.append(["about", _e(ind.description)])
    plan = _plan_of(ind)
    if plan is None:  # its figures are judged with its own plan's sources, never another's
        figures = (
            "<p class='sp-m'>figures: shown once its plan is known "
            "(<code>sp.show([sp.series(indicator, plan=plan)])</code>)</p>"
        )
    else:
        figures = series_html(series(ind, partial=True, plan=plan))
    return _card(_e(ind.name_en), ind.id, rows, figures)


def conflict_html(conflict: Conflict) -> str:
    """HTML for a conflict: every side with its sources, the preferred one, the resolution."""
    sides = _table(
        ["side", "claim", "figure", "sources"],
        [
            [
                f"<code>{_e(s.id)}</code>"
                + (" <b>(preferred)</b>" if s.id == conflict.preferred_side_id else ""),
                _e(s.claim),
                _qty(s.quantity),
                _citations(s.citations),
            ]
            for s in conflict.sides
        ],
        [2],
    )
    rows = [["resolution", _e(conflict.resolution)]]
    return _card(_e(conflict.topic), conflict.id, rows, sides)


def finding_html(finding: Finding) -> str:
    """HTML for a finding: what it says, its kind and bearing, year, figure, sources."""
    rows = [
        ["kind", _e(finding.kind.value.replace("_", " "))],
        ["bearing", f"<b>{_e(finding.bearing.value.replace('_', ' '))}</b>"],
        ["year", _e(finding.year) or "—"],
        ["figure", _qty(finding.quantity)],
        ["targets", _e(", ".join(finding.target_ids)) or "—"],
        ["indicators", _e(", ".join(finding.indicator_ids)) or "—"],
        ["stated", _e(finding.stated) or "—"],
        ["sources", _citations(finding.citations)],
    ]
    if finding.notes:
        rows.append(["notes", _e(finding.notes)])
    return _card(_e(finding.statement), finding.id, rows)


def gap_html(gap: Gap) -> str:
    """HTML for a gap: what is not known, what was searched, what would settle it."""
    rows = [
        ["about", _e(", ".join(gap.record_ids)) or "—"],
        ["years", _e(", ".join(map(str, gap.years))) or "—"],
        ["searched", _e(gap.searched)],
        ["would settle", _e(gap.would_settle) or "—"],
        ["checked", _citations(gap.checked) or "—"],
    ]
    return _card(_e(gap.topic), gap.id, rows)


def progress_html(result: Progress) -> str:
    """HTML for a progress result: status, evidence, goal, figure, baseline, latest figure,
    growth, why, what is missing, caveats."""
    unit = result.unit

    def pct(v: float | None) -> str:
        return "—" if v is None else f"{_format.number(v, digits=3)} % a year"

    rows = [
        ["verdict", f"<b>{_e(result.verdict)}</b>"],
        ["evidence", _e(result.evidence.value.replace("_", " "))],
        ["confidence", _confidence(result)],
        ["goal", "—" if result.goal is None else _e(_format.amount(result.goal, unit))],
        ["figure", _verdict_figure(result)],
        ["year", _e(result.figure_year) or "—"],
        ["baseline", _obs(result.baseline, unit)],
        ["latest", _obs(result.latest, unit)],
        ["growth required", pct(result.implied_growth)],
        ["growth achieved", pct(result.achieved_growth)],
        ["why", _e(result.explanation)],
        ["rests on", "<br>".join(_obs(o, unit) for o in result.rests_on) or "—"],
        [
            "findings",
            "<br>".join(f"{_e(f.statement)}; {_citations(f.citations)}" for f in result.findings)
            or "—",
        ],
        ["missing", _e(result.missing) or "—"],
    ]
    if result.lean_note:
        rule = f" ({result.lean_rule.value.replace('_', ' ')})" if result.lean_rule else ""
        rows.append(["lean", _e(f"{result.lean_note}{rule}")])
    if result.caveats:
        rows.append(["caveats", "<br>".join(_e(c) for c in result.caveats)])
    return _card(_e(result.target.statement), result.target_id, rows)


def _verdict_figure(r: ScorecardRow | Progress) -> str:
    """The figure a verdict is judged on, with its bound, as the scorecard shows it."""
    if r.figure is None:
        return "—"
    return _e(_format.figure(r.figure, r.unit, r.figure_comparator))


def _confidence(r: ScorecardRow | Progress) -> str:
    return _e(r.confidence and r.confidence.value) or "—"


def scorecard_row_html(row: ScorecardRow) -> str:
    """HTML for one scorecard row: status, figure, year, confidence, why, what is missing."""
    rows = [
        ["verdict", f"<b>{_e(row.verdict)}</b>"],
        ["evidence", _e(row.evidence.value.replace("_", " "))],
        ["goal", "—" if row.goal is None else _e(_format.amount(row.goal, row.unit))],
        ["figure", _verdict_figure(row)],
        ["year", _e(row.figure_year) or "—"],
        ["confidence", _confidence(row)],
        ["why", _e(row.why)],
        ["missing", _e(row.missing) or "—"],
        ["document", _e(row.document_id)],
    ]
    if row.lean_note:
        rule = f" ({row.lean_rule.value.replace('_', ' ')})" if row.lean_rule else ""
        rows.append(["lean", _e(f"{row.lean_note}{rule}")])
    if row.caveats:
        rows.append(["caveats", "<br>".join(_e(c) for c in row.caveats)])
    return _card(_e(row.statement), row.target_id, rows)


# ------------------------------------------------------------------ collections

_MATCH = (
    "the name",
    "in a name",
    "a synonym in a name",
    "in the text",
    "a synonym in the text",
)
"""How a search hit matched, by :attr:`~shanghai_plan.SearchHit.rank` (best first)."""
_SNIPPET = 160


def _hit_name(h: SearchHit) -> str:
    """What the record found is called: its name, title, term or statement."""
    rec = h.record
    if isinstance(rec, Industry):
        return f"{rec.name_en} · {rec.name_zh}"
    if isinstance(rec, Target):
        return rec.statement
    if isinstance(rec, Goal):
        return rec.text
    if isinstance(rec, Document):
        return rec.titles[0].text if rec.titles else rec.id
    if isinstance(rec, Indicator):
        return rec.name_en
    return rec.term_en or rec.term_zh or rec.id


def _hit_match(h: SearchHit) -> str:
    text = h.text if len(h.text) <= _SNIPPET else h.text[: _SNIPPET - 1] + "…"
    via = f" (via “{h.via}”)" if h.via else ""
    how = _MATCH[h.rank] if 0 <= h.rank < len(_MATCH) else str(h.rank)
    return f"<span class='sp-m'>{_e(h.field)}, {_e(how)}{_e(via)}:</span> {_e(text)}"


_Columns = tuple[tuple[str, Callable[[Any], str]], ...]
_NUMERIC = {"by", "year", "goal", "figure", "deadline", "value"}

_COLUMNS: dict[type, _Columns] = {
    ScorecardRow: (
        ("target", lambda r: f"<code>{_e(r.target_id)}</code><br>{_e(r.statement)}"),
        ("verdict", lambda r: f"<b>{_e(r.verdict)}</b>"),
        ("figure", _verdict_figure),
        ("year", lambda r: _e(r.figure_year) or "—"),
        ("confidence", _confidence),
        ("why", lambda r: _e(r.why)),
        ("main caveat", lambda r: _e(r.main_caveat) or "—"),
        ("missing", lambda r: _e(r.missing) or "—"),
    ),
    Progress: (
        ("target", lambda r: f"<code>{_e(r.target_id)}</code><br>{_e(r.target.statement)}"),
        ("verdict", lambda r: f"<b>{_e(r.verdict)}</b>"),
        ("figure", _verdict_figure),
        ("year", lambda r: _e(r.figure_year) or "—"),
        ("confidence", _confidence),
        ("why", lambda r: _e(r.explanation)),
        ("main caveat", lambda r: _e(r.main_caveat) or "—"),
    ),
    Target: (
        ("id", lambda t: f"<code>{_e(t.id)}</code>"),
        ("target", lambda t: _e(t.statement)),
        ("by", lambda t: _e(t.year) or "—"),
        ("figure", lambda t: _qty(t.quantity)),
        ("document", lambda t: _e(t.document_id)),
    ),
    Industry: (
        ("id", lambda i: f"<code>{_e(i.id)}</code>"),
        ("中文", lambda i: _e(i.name_zh)),
        ("English", lambda i: _e(i.name_en)),
        ("tier", lambda i: _e(f"{i.tier.name_zh} {i.tier.value}")),
    ),
    Source: (
        ("id", lambda s: f"<code>{_e(s.id)}</code>"),
        ("publisher", lambda s: f"<a href='{_e(s.url)}' target='_blank'>{_e(s.publisher)}</a>"),
        ("published", lambda s: _e(s.published) or "—"),
        ("confidence", lambda s: _e(s.confidence.value)),
    ),
    Indicator: (
        ("id", lambda i: f"<code>{_e(i.id)}</code>"),
        ("indicator", lambda i: _e(i.name_en)),
        ("unit", lambda i: _e(i.unit.value)),
        ("figures", lambda i: _e(len(i.observations))),
    ),
    Finding: (
        ("id", lambda f: f"<code>{_e(f.id)}</code>"),
        ("finding", lambda f: _e(f.statement)),
        ("bearing", lambda f: _e(f.bearing.value.replace("_", " "))),
        ("year", lambda f: _e(f.year) or "—"),
    ),
    Gap: (
        ("id", lambda g: f"<code>{_e(g.id)}</code>"),
        ("gap", lambda g: _e(g.topic)),
        ("would settle", lambda g: _e(g.would_settle) or "—"),
    ),
    Conflict: (
        ("id", lambda c: f"<code>{_e(c.id)}</code>"),
        ("topic", lambda c: _e(c.topic)),
        ("sides", lambda c: _e(len(c.sides))),
    ),
    SearchHit: (
        ("kind", lambda h: _e(h.kind.replace("_", " "))),
        ("id", lambda h: f"<code>{_e(h.id)}</code>"),
        ("name", lambda h: _e(_hit_name(h))),
        ("matched", _hit_match),
    ),
}


_PLURAL = {
    ScorecardRow: "targets",
    Progress: "targets",
    Target: "targets",
    Industry: "industries",
    Source: "sources",
    Indicator: "indicators",
    Finding: "findings",
    Gap: "gaps",
    Conflict: "conflicts",
    SearchHit: "hits",
}


def table_html(records: Iterable[object]) -> str:
    """HTML for a collection of records of one kind: one row each (``TypeError`` for a kind
    with no table, or a mixture)."""
    items = list(records)
    if not items:
        return "<p class='sp-m'>(nothing)</p>"
    kinds = {type(r) for r in items}
    if len(kinds) > 1:
        names = ", ".join(sorted(k.__name__ for k in kinds))
        raise TypeError(f"show() takes records of one kind, not a mixture of {names}")
    kind = kinds.pop()
    columns = _COLUMNS.get(kind)
    if columns is None:
        known = ", ".join(k.__name__ for k in _COLUMNS)
        raise TypeError(f"no table display for {kind.__name__}; known: {known}")
    header = [name for name, _ in columns]
    rows = [[render(r) for _, render in columns] for r in items]
    numeric = [i for i, name in enumerate(header) if name in _NUMERIC]
    count = f"<p class='sp-m'>{len(items)} {_PLURAL.get(kind, 'records')}</p>"
    return f"{_STYLE}<div style='text-align:left'>{_table(header, rows, numeric)}{count}</div>"


@frozen
class Table:
    """A collection of records shown as one table in a notebook (see :func:`show`)."""

    records: tuple[object, ...]
    """The records, in order."""

    def _repr_html_(self) -> str:
        return table_html(self.records)

    def __repr__(self) -> str:
        kind = type(self.records[0]).__name__ if self.records else "record"
        return f"<Table: {len(self.records)} × {kind}>"


def show(records: Iterable[object]) -> Table:
    """A collection of records (targets, scorecard rows, progress results, industries,
    sources, indicators, findings, gaps, conflicts, search hits) as one table for a notebook.

    >>> import shanghai_plan as sp
    >>> sp.show(sp.leading_industries())
    <Table: 3 × Industry>
    """
    if isinstance(records, (str, bytes)) or not isinstance(records, Iterable):
        raise wrong_type("records", "an iterable of records", records)
    items = tuple(records)
    table_html(items)  # fail here, not later in the notebook, for records with no table
    return Table(items)


_RENDERERS: dict[type, Callable[[Any], str]] = {
    Plan: plan_html,
    Industry: industry_html,
    Target: target_html,
    Source: source_html,
    Indicator: indicator_html,
    Conflict: conflict_html,
    Finding: finding_html,
    Gap: gap_html,
    Progress: progress_html,
    ScorecardRow: scorecard_row_html,
    Series: series_html,
}


def html(obj: object) -> str:
    """HTML for any record this module knows how to show (``TypeError`` otherwise)."""
    render = _RENDERERS.get(type(obj))
    if render is None:
        if isinstance(obj, (tuple, list)):
            return table_html(obj)
        raise TypeError(f"no HTML display for {type(obj).__name__}")
    return render(obj)
