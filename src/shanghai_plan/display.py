"""Notebook display: compact HTML for plans, industries, targets and progress results.

Jupyter shows a record with its ``_repr_html_`` method.  The model stays free of
presentation code: this module renders, and the package namespace attaches a small
``_repr_html_`` to the record classes that imports this module only when a notebook asks
(see ``shanghai_plan.__init__``).  Every function here is pure and can be called
directly, e.g. ``display.html(plan)``.

Chinese and English names are shown side by side; citations are shown as links to their
sources where the source can be resolved.
"""

from collections.abc import Iterable
from html import escape

from .analysis import Progress
from .model import Citation, Industry, Plan, Source, Target

__all__ = ["html"]

_STYLE = (
    "<style>.sp-t{border-collapse:collapse;font-size:90%}"
    ".sp-t th,.sp-t td{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}"
    ".sp-t th{background:#f3f3f3}.sp-m{color:#666}</style>"
)


def _value(value: object) -> object:
    return getattr(value, "value", value)


def _e(value: object) -> str:
    return escape("" if value is None else str(value))


def _known_sources() -> dict[str, Source]:
    from . import loading
    from ._index import _cache

    found: dict[str, Source] = {}
    plans = list(_cache.keys())
    if loading._bundled is not None:
        plans.append(loading._bundled)
    for p in plans:
        for s in p.sources:
            found.setdefault(s.id, s)
    return found


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


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table class='sp-t'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _target_rows(targets: Iterable[Target], sources: dict[str, Source]) -> list[list[str]]:
    return [
        [
            f"<code>{_e(t.id)}</code>",
            _e(t.statement),
            _e(t.year),
            _e(t.quantity) if t.quantity else "—",
            _citations(t.citations, sources),
        ]
        for t in targets
    ]


def plan_html(plan: Plan) -> str:
    """HTML for a plan: titles, document facts, the industries by tier, its targets."""
    from .queries import targets

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
    own = targets(plan=plan)
    tgt = _table(["id", "target", "by", "figure", "sources"], _target_rows(own, sources))
    meta = (
        f"{len(plan.sources)} sources · {len(plan.indicators)} indicators · "
        f"{len(plan.related_documents)} related documents · data {_e(plan.data_version)} "
        f"as of {plan.data_as_of.isoformat()}"
    )
    return (
        f"{_STYLE}<div>{titles}<br><span class='sp-m'>{' · '.join(facts)}</span>"
        f"<h4>Industries ({len(plan.industries)})</h4>{inds}"
        f"<h4>Targets ({len(own)})</h4>{tgt}<p class='sp-m'>{meta}</p></div>"
    )


def industry_html(industry: Industry) -> str:
    """HTML for an industry: names, tier, aliases, focus areas, citations."""
    rows = [
        ["tier", _e(f"{industry.tier.name_zh} ({industry.tier.value})")],
        ["aliases", _e(", ".join(a.name for a in industry.aliases)) or "—"],
        [
            "focus areas",
            _e(", ".join(f.name_en for f in industry.focus_areas)) or "—",
        ],
        ["sources", _citations(industry.citations)],
    ]
    if industry.description:
        rows.insert(0, ["about", _e(industry.description)])
    return (
        f"{_STYLE}<div><b>{_e(industry.name_zh)} · {_e(industry.name_en)}</b> "
        f"<code>{_e(industry.id)}</code>{_table(['', ''], rows)}</div>"
    )


def target_html(target: Target) -> str:
    """HTML for a target: statement, figure, deadline, industries and sources."""
    rows = [
        ["kind", _e(target.kind.value)],
        ["figure", _e(target.quantity) if target.quantity else "—"],
        ["wording", _e(target.quantity.wording if target.quantity else target.term_zh) or "—"],
        ["by", _e(target.year)],
        ["industries", _e(", ".join(target.industry_ids)) or "—"],
        ["indicator", _e(target.indicator_id) or "—"],
        ["document", _e(target.document_id)],
        ["sources", _citations(target.citations)],
    ]
    if target.notes:
        rows.append(["notes", _e(target.notes)])
    return (
        f"{_STYLE}<div><b>{_e(target.statement)}</b> <code>{_e(target.id)}</code>"
        f"{_table(['', ''], rows)}</div>"
    )


def progress_html(result: Progress) -> str:
    """HTML for a progress result: status, goal, baseline, latest figure, growth, sources."""

    def obs(o: object) -> str:
        from .model import Observation

        if not isinstance(o, Observation):
            return "—"
        note = f" ({_e(o.coverage)})" if o.coverage else ""
        return f"{o.value:,.6g} in {o.year}{note} — {o.basis.value}; {_citations(o.citations)}"

    def pct(v: float | None) -> str:
        return "—" if v is None else f"{v:.1f} % a year"

    rows = [
        ["status", f"<b>{_e(result.status.value.replace('_', ' '))}</b>"],
        [
            "goal",
            "—"
            if result.goal is None
            else f"{result.goal:,.6g} {_e(result.unit and result.unit.value)}",
        ],
        ["baseline", obs(result.baseline)],
        ["latest", obs(result.latest)],
        ["growth required", pct(result.implied_growth)],
        ["growth achieved", pct(result.achieved_growth)],
        ["why", _e(result.explanation)],
        ["evidence", f"{_e(result.evidence.value)} ({_e(_value(result.confidence))})"],
        ["rests on", "<br>".join(obs(o) for o in result.rests_on) or "—"],
        [
            "findings",
            "<br>".join(f"{_e(f.statement)}; {_citations(f.citations)}" for f in result.findings)
            or "—",
        ],
        ["caveats", "<br>".join(_e(c) for c in result.caveats) or "—"],
        ["missing", _e(result.missing or "—")],
    ]
    return (
        f"{_STYLE}<div><b>{_e(result.target.statement)}</b> <code>{_e(result.target_id)}</code>"
        f"{_table(['', ''], rows)}</div>"
    )


def html(obj: Plan | Industry | Target | Progress) -> str:
    """HTML for any record this module knows how to show."""
    if isinstance(obj, Plan):
        return plan_html(obj)
    if isinstance(obj, Industry):
        return industry_html(obj)
    if isinstance(obj, Target):
        return target_html(obj)
    if isinstance(obj, Progress):
        return progress_html(obj)
    raise TypeError(f"no HTML display for {type(obj).__name__}")
