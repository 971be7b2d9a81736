"""Ready citations: :func:`cite` for a figure, any other record, a verdict or the dataset.

A view: it reads the model through the queries (and a verdict's own fields), and nothing
in the package imports it.  A citation names what is cited (a figure with its unit, year
and scope; a target's wording; a verdict's status and confidence), every source it rests
on — publisher, title, date, the locator inside the source, URL and confidence — and the
dataset with its data version and licence.

Styles: ``"text"`` (plain text, a few lines), ``"markdown"`` (the same with links) and
``"bibtex"`` (an ``@misc`` entry for the dataset, and one for each source a record cites).
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, TypeVar, get_args

from . import _format
from ._args import check_literal, check_plan, wrong_type
from ._licence import AUTHORS, DATA_LICENCE_NAME, DATA_LICENCE_URL, DATASET_TITLE
from ._version import __version__
from .loading import load
from .model import (
    Citation,
    Conflict,
    ConflictSide,
    ContextItem,
    Definition,
    Document,
    Finding,
    FocusArea,
    Gap,
    Goal,
    Indicator,
    Industry,
    Observation,
    Plan,
    Source,
    Target,
)
from .queries import AnyRecord, indicator, record, source

if TYPE_CHECKING:
    from .analysis import Progress
    from .verdicts import ScorecardRow

__all__ = ["DATASET_TITLE", "STYLES", "CiteStyle", "cite"]

CiteStyle = Literal["text", "markdown", "bibtex"]
"""The styles :func:`cite` writes."""
STYLES: tuple[str, ...] = get_args(CiteStyle)
"""The values of ``style=``."""


def status_words(status: str, lean: str | None = None) -> str:
    """A status (and lean) as a reader writes it: ``"met"``, ``"not met"``, ``"not settled"``
    (for ``no_data``: the evidence does not settle it, which is not "nothing is known"),
    ``"not settled — leans met"``: :func:`shanghai_plan.analysis.verdict_text`, the one
    wording of every view."""
    from .analysis import verdict_text  # lazy, as views import the rooms below

    return verdict_text(status, lean)


def cite(
    x: "AnyRecord | Progress | ScorecardRow | str | None" = None,
    *,
    style: CiteStyle = "text",
    plan: Plan | None = None,
) -> str:
    """A ready citation of ``x``: a record, a verdict, or (with no argument) the dataset.

    ``x`` is a record (an :class:`~shanghai_plan.Observation` — a figure —, a target,
    finding, indicator, source, industry, goal, document, conflict, gap …), a record's id,
    a :class:`~shanghai_plan.Progress` (a verdict; a
    :class:`~shanghai_plan.ScorecardRow` cites its target's verdict), a
    :class:`~shanghai_plan.Plan` or ``None`` (the dataset).  The citation names what is
    cited, every source it rests on with the locator inside it, and the dataset with its
    data version.

    ``style`` is ``"text"``, ``"markdown"`` (sources as links) or ``"bibtex"`` (the
    dataset's ``@misc`` entry, then one for each source the record cites).  ``plan`` is
    the plan the record comes from (the bundled one by default).

    Raises :class:`TypeError` for an ``x`` that is none of these,
    :class:`~shanghai_plan.InvalidChoiceError` for an unknown ``style`` and
    :class:`~shanghai_plan.NotFoundError` for an unknown id.

    >>> import shanghai_plan as sp
    >>> print(sp.cite("obs-nev-production-2023").splitlines()[0])
    New-energy vehicle production, Shanghai, 2023 (measure: production volume): 1,286,800 vehicles.
    """
    chosen = check_literal(style, STYLES, "style")
    p = check_plan(plan) or load()
    if isinstance(x, str):
        x = record(x, plan=p)
    from .verdicts import ScorecardRow  # lazy, as views import the rooms below

    if isinstance(x, ScorecardRow):
        from .analysis import progress

        x = progress(x.target_id, plan=p)
    if x is None or isinstance(x, Plan):
        data = p if x is None else x
        if chosen == "bibtex":
            return _bib_dataset(data)
        return _dataset(data, chosen == "markdown")
    what, citations = _describe(x, p)
    if chosen == "bibtex":
        rid = _record_id(x)
        # BibTeX ignores text outside entries: the cited figure stays beside its entries
        entries = [f"% {rid + ': ' if rid else ''}{' '.join(what.split())}", _bib_dataset(p)]
        seen: dict[str, None] = {}
        for c in citations:
            if c.source_id not in seen:
                seen[c.source_id] = None
                entries.append(_bib_source(source(c.source_id, plan=p), _locators(c, citations)))
        return "\n\n".join(entries)
    md = chosen == "markdown"
    pairs = dict.fromkeys((c.source_id, c.locator) for c in citations)
    # a gap cites no source for a fact: it lists the sources read that do not give it
    head = "Read, and not found in:" if isinstance(x, Gap) else "Sources:"
    lines = [what, head if pairs else f"{head} none."]
    lines += [f"- {_source_line(source(sid, plan=p), loc, md)}" for sid, loc in pairs]
    rid = _record_id(x)
    lines.append(_dataset(p, md, rid))
    return "\n".join(lines)


# ------------------------------------------------------------------- what is cited


def _describe(x: object, p: Plan) -> tuple[str, tuple[Citation, ...]]:
    """One line saying what is cited, and the citations to list under it."""
    from .analysis import Progress  # a verdict is cited on its own fields; lazy, as views do

    if isinstance(x, Progress):
        return _verdict(x, p)
    if isinstance(x, Observation):
        return _observation(x, p), x.citations
    if isinstance(x, Target):
        term = f" ({x.term_zh})" if x.term_zh else ""
        text = f"Target of {_document_name(x.document_id, p)}: {_bare(x.statement)}{term}."
        if x.quantity is not None:
            q = x.quantity
            text += f" Goal: {_figure(q.value, q.unit, q.comparator)}"
            text += f" by {x.year}." if x.year is not None else "."
        return text, x.citations
    if isinstance(x, Finding):
        kind = x.kind.value.replace("_", " ")
        when = ", ".join(
            part
            for part in (
                f"on {x.year}" if x.year is not None else "",
                f"stated {x.stated}" if x.stated else "",
            )
            if part
        )
        return f"Finding ({kind}{', ' + when if when else ''}): {_bare(x.statement)}.", (
            x.citations
        )
    if isinstance(x, Indicator):
        zh = f" ({x.name_zh})" if x.name_zh else ""
        return (
            f"Indicator: {x.name_en}{zh}, {x.geography}; measure {_words(x.measure.value)}, "
            f"unit {_words(x.unit.value)}.",
            x.citations,
        )
    if isinstance(x, Source):
        return f"Source {x.id} ({x.confidence.value}), as listed in the data.", (
            Citation(source_id=x.id, locator="whole source"),
        )
    if isinstance(x, Industry):
        return f"Industry: {x.name_en} ({x.name_zh}), {x.tier.value} ({x.tier.name_zh}).", (
            x.citations
        )
    if isinstance(x, (Goal, ContextItem)):
        term = f" ({x.term_zh})" if x.term_zh else ""
        return f"{type(x).__name__}: {_bare(x.text)}{term}.", x.citations
    if isinstance(x, FocusArea):
        zh = f" ({x.name_zh})" if x.name_zh else ""
        return f"Focus area: {x.name_en}{zh}.", x.citations
    if isinstance(x, Definition):
        zh = f" ({x.term_zh})" if x.term_zh else ""
        return f"Definition of {x.term_en}{zh}: {x.meaning}", x.citations
    if isinstance(x, Document):
        number = f", {x.document_number}" if x.document_number else ""
        return f"Document: {x.title('en') if _has_title(x, 'en') else x.id}{number}.", x.citations
    if isinstance(x, Conflict):
        return f"Conflict: {x.topic} ({len(x.sides)} versions kept).", tuple(
            c for side in x.sides for c in side.citations
        )
    if isinstance(x, ConflictSide):
        return f"One version of a disputed fact: {x.claim}", x.citations
    if isinstance(x, Gap):
        return f"Known gap: {_bare(x.topic)}.", x.checked
    raise wrong_type("x", "a record, a record id, a Progress, a ScorecardRow, a Plan or None", x)


def _observation(o: Observation, p: Plan) -> str:
    ind = indicator(o, plan=p)
    when = f"{o.year}, {o.coverage}" if o.coverage else str(o.year)
    shown = _figure(o.value, ind.unit, o.comparator)
    measure = _words(ind.measure.value)
    text = f"{ind.name_en}, {ind.geography}, {when} (measure: {measure}): {shown}."
    if o.derived_from:
        text += f" Derived by shanghai_plan from {', '.join(o.derived_from)}."
    return text


def _verdict(r: "Progress", p: Plan) -> tuple[str, tuple[Citation, ...]]:
    confidence = f"confidence {r.confidence.value}" if r.confidence else "no evidence settles it"
    text = (
        f"Verdict on target {r.target_id} ({_bare(r.target.statement)}): {r.verdict}, {confidence}."
    )
    if r.explanation:
        text += f" Why: {_bare(r.explanation)}."
    if r.lean_rule is not None and r.lean_note:
        text += f" Lean ({_words(r.lean_rule.value)}): {_bare(r.lean_note)}."
    if r.main_caveat:
        text += f" Main caveat: {_stop(r.main_caveat)}"
    observations = list(dict.fromkeys((*r.rests_on, *_of(r.lean_rests_on, Observation))))
    findings = list(dict.fromkeys((*r.findings, *_of(r.lean_rests_on, Finding))))
    evidence = [f"{o.id} ({_bare(_observation(o, p))})" for o in observations]
    evidence += [f"{f.id} ({_words(f.kind.value)})" for f in findings]
    if evidence:
        text += f" Rests on: {'; '.join(evidence)}."
    citations = tuple(c for o in observations for c in o.citations) + tuple(
        c for f in findings for c in f.citations
    )
    return text, citations


R = TypeVar("R")


def _of(records: Iterable[object], kind: type[R]) -> list[R]:
    return [x for x in records if isinstance(x, kind)]


def _record_id(x: object) -> str | None:
    if isinstance(x, AnyRecord):  # every kind of record with an id
        return x.id
    return None  # a verdict: its target id is in the text


# ------------------------------------------------------------------- pieces


def _words(value: str) -> str:
    return value.replace("_", " ")


def _stop(text: str) -> str:
    """``text`` as a sentence: a full stop added unless it ends one already (``?``, or ``…``
    where a one-line caveat was cut)."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", "…")) else f"{text}."


def _bare(text: str) -> str:
    """``text`` without its final full stop, so that a sentence can be built around it."""
    return text.rstrip().removesuffix(".")


def _figure(value: float, unit: object, comparator: object) -> str:
    """The figure as a reader writes it, and in full digits when that rounds it
    (``5.6709 trillion yuan (5,670,871,000,000 yuan)``): a citation quotes the exact value."""
    shown = _format.figure(value, unit, comparator)
    exact = _format.number(value, digits=15)
    if exact in shown:
        return shown
    label = _format.unit_label(unit)
    return f"{shown} ({exact}{' ' + label if label and label != '×' else ''})"


def _has_title(d: Document | Plan, language: str) -> bool:
    return any(t.language == language for t in d.titles)


def _document_name(document_id: str, p: Plan) -> str:
    if document_id == p.id:
        return p.title("en")
    from .queries import document

    d = document(document_id, plan=p)
    return d.title("en") if _has_title(d, "en") else d.id


def _locators(c: Citation, citations: Iterable[Citation]) -> str:
    return "; ".join(dict.fromkeys(x.locator for x in citations if x.source_id == c.source_id))


def _source_line(s: Source, locator: str, md: bool) -> str:
    title = f"[{_md_escape(s.title)}]({s.url})" if md else f"“{s.title}”"
    parts = [s.publisher, title, s.published or "undated", locator]
    tail = "" if md else f" <{s.url}>"
    return f"{', '.join(parts)}{tail} ({s.confidence.value} source)"


def _md_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "[]\\*_`" else ch for ch in text)


def _dataset(p: Plan, md: bool, rid: str | None = None) -> str:
    licence = (
        f"[{DATA_LICENCE_NAME}]({DATA_LICENCE_URL})"
        if md
        else f"{DATA_LICENCE_NAME} <{DATA_LICENCE_URL}>"
    )
    where = f", record {'`' + rid + '`' if md else rid}" if rid else ""
    if p is not load():
        return (
            f"In: {p.title('en')}, data version {p.data_version} (checked up to "
            f"{p.data_as_of.isoformat()}){where}; a plan file in the shanghai_plan schema."
        )
    title = DATASET_TITLE.replace("shanghai_plan", "`shanghai_plan`", 1) if md else DATASET_TITLE
    return (
        f"In: {AUTHORS} ({p.data_as_of.year}). {title}, data version {p.data_version} "
        f"(checked up to {p.data_as_of.isoformat()}){where}. Licence {licence}; the cited "
        "sources belong to their publishers."
    )


# ------------------------------------------------------------------- BibTeX

_BIB_SPECIAL = {c: "\\" + c for c in "&%$#_{}"} | {"~": r"\textasciitilde{}", "^": r"\^{}"}


def _bib(text: str) -> str:
    return "".join(_BIB_SPECIAL.get(ch, ch) for ch in text.replace("\\", r"\textbackslash{}"))


def _bib_key(text: str) -> str:
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-:") else "_" for ch in text)


def _entry(key: str, fields: list[tuple[str, str]]) -> str:
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@misc{{{key},\n{body}}}"


def _bib_dataset(p: Plan) -> str:
    own = p is load()
    title = DATASET_TITLE if own else p.title("en")
    fields = [
        ("author", "{" + _bib(AUTHORS if own else p.id) + "}"),
        ("title", "{" + _bib(title) + "}"),
        ("year", str(p.data_as_of.year)),
        ("version", _bib(p.data_version)),
    ]
    about = f"shanghai_plan, data version {p.data_version}, checked up to {p.data_as_of}"
    if own:
        fields.append(("howpublished", _bib(f"Python package shanghai-plan {__version__}")))
        about += f". Licence {DATA_LICENCE_NAME}; the cited sources belong to their publishers"
    fields.append(("note", _bib(about)))
    return _entry(_bib_key(f"shanghai_plan_{p.data_version}"), fields)


def _bib_source(s: Source, locators: str) -> str:
    fields = [("author", "{" + _bib(s.publisher) + "}"), ("title", "{" + _bib(s.title) + "}")]
    if s.published:
        fields += [("year", s.published[:4]), ("date", s.published)]
    fields += [
        ("url", s.url),
        ("note", _bib(f"{locators}; {s.confidence.value} source; shanghai_plan source {s.id}")),
    ]
    return _entry(_bib_key(f"sp:{s.id}"), fields)
