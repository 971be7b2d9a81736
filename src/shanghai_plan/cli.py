"""The ``shanghai-plan`` command (also ``python -m shanghai_plan``).

Subcommands: ``summary`` (the default: one screen, the outcome in one line, then where to
look next), ``industries``, ``targets``, ``show ID`` (any record as labelled text; a target
with its verdict), ``search``, ``progress [ID]`` (every target's verdict on its deciding
figure, or one target's in full), ``scorecard``, ``sources``,
``export`` (a record kind as CSV or JSON, the whole plan as JSON only, or ``--datapackage
DIR``), ``changes`` (what changed between data releases) and ``validate``; ``--version``
(``-V``) prints the code's and the data's versions.  Tables go to standard output (``--format
table|json|csv`` where it makes sense, ``--lang en|zh`` for names); errors go to standard
error, one line (an unknown key with the library's suggestions, or where to look when
nothing is close), with a non-zero exit status: 1 for a bad key, bad data or a file or
stream that cannot be read or written (standard output that cannot encode the text, a
full disk, a closed stream), 2 for bad usage, 130 when interrupted (Ctrl-C).  A pipe
closed early (``| head``) is not an error.  Tables fit the terminal's width, or
``$COLUMNS``; piped without ``$COLUMNS`` they keep every character (``WIDTH_RULE``, the
``--help`` epilog).  A verdict's status reads as people say it ("not settled" for
``no_data``: :func:`~shanghai_plan.verdict_text`) in every text view; only the CSV and JSON
records keep the machine values in their ``status`` and ``lean`` columns, beside
``verdict``.  Run ``shanghai-plan COMMAND --help`` for each command's options.
"""

import argparse
import contextlib
import datetime as _dt
import json
import os
import shlex
import stat
import sys
import textwrap
from collections import Counter
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any, cast

import attrs

from . import _format, analysis, export, queries, searching, tables, verdicts
from ._converter import unstructure
from ._index import index_for
from ._terminal import (
    SCREEN_WIDTH,
    WIDTH_RULE,
    Rows,
    clip,
    display_width,
    table,
    terminal_width,
    wrap,
    wrap_items,
)
from ._version import __version__
from .errors import NotFoundError, PlanDataError, ShanghaiPlanError
from .loading import DEFAULT_MAX_BYTES, load, loads
from .model import (
    Citation,
    EventKind,
    Indicator,
    Observation,
    Period,
    Plan,
    Quantity,
    Target,
    TargetKind,
    Unit,
)

__all__ = ["main"]


# ------------------------------------------------------------------ rendering


def _emit(rows: Rows, fmt: str, columns: Sequence[str], *, cut: Sequence[str] = ()) -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt == "csv":
        return export.csv_text(rows).rstrip("\n")
    return table(rows, columns, terminal_width(), cut=cut)


def _name(lang: str) -> str:
    return "name_zh" if lang == "zh" else "name_en"


# ------------------------------------------------------------------- commands


def outcome_line(plan: Plan) -> str:
    """The scorecard in one line, qualified (:func:`~shanghai_plan.tally`): "Of the plan's
    18 targets: 5 met (1 of them on weak evidence), …"."""
    return verdicts.tally(verdicts.scorecard(plan=plan))


def _summary(plan: Plan, lang: str) -> str:
    titles = [plan.title("zh"), plan.title("en")]
    lines = titles if lang == "zh" else titles[::-1]
    facts = [f"period {plan.period}"]
    if plan.document_number:
        facts.append(plan.document_number)
    for kind, label in ((EventKind.ISSUED, "issued"), (EventKind.PUBLISHED, "published")):
        event = plan.event(kind)
        if event:
            facts.append(f"{label} {event.date.isoformat()}")
    lines.append(" · ".join(facts))
    if plan.issuer:
        lines.append(f"Issuer: {plan.issuer.name_en} ({plan.issuer.name_zh})")
    for title, inds in (
        ("Leading industries (先导产业)", queries.leading_industries(plan=plan)),
        ("Key industries (重点产业)", queries.key_industries(plan=plan)),
    ):
        names = [
            f"{i.name_zh} ({i.name_en})" if lang == "zh" else f"{i.name_en} ({i.name_zh})"
            for i in inds
        ]
        lines += wrap_items(f"{title}: {len(inds)}", names)
    own = queries.targets(plan=plan)
    quantitative = sum(t.kind is TargetKind.QUANTITATIVE for t in own)
    deadlines = sorted({t.year for t in own if t.year is not None})
    by = f", deadlines {deadlines[0]}–{deadlines[-1]}" if len(deadlines) > 1 else ""
    if len(deadlines) == 1:
        by = f", deadline {deadlines[0]}"
    strength = Counter(s.confidence.value for s in plan.sources)
    lines += [
        "",
        f"Targets: {len(own)} ({quantitative} quantitative, {len(own) - quantitative} "
        f"qualitative){by}",
        f"Sources: {len(plan.sources)} ("
        + ", ".join(f"{strength[c]} {c}" for c in ("primary", "secondary", "weak"))
        + f") · indicators: {len(plan.indicators)}",
        f"Data version {plan.data_version}, checked up to {plan.data_as_of.isoformat()}.",
        "",
    ]
    # the answer is never clipped: it is quoted, so it wraps at word boundaries instead
    answer = textwrap.wrap(outcome_line(plan), SCREEN_WIDTH)
    more = "More: shanghai-plan scorecard | progress ID | targets | show ID | --help"
    return "\n".join([*(clip(line, SCREEN_WIDTH) for line in lines), *answer, "", more])


def _cmd_summary(args: argparse.Namespace) -> str:
    return _summary(load(), args.lang)


def _cmd_industries(args: argparse.Namespace) -> str:
    rows = export.to_records("industries")
    if args.tier:
        rows = [r for r in rows if r["tier"] == args.tier]
    return _emit(rows, args.format, ["id", _name(args.lang), "tier", "aliases"], cut=("aliases",))


def _cmd_targets(args: argparse.Namespace) -> str:
    chosen = queries.targets(
        industry=args.industry,
        year=args.year,
        kind=args.kind,
        document=args.document,
        all_documents=args.all_documents,
    )
    if args.format != "table":  # the targets table's own columns (the export's)
        ids = {t.id for t in chosen}
        rows = [r for r in export.to_records("targets", all_documents=True) if r["id"] in ids]
        return _emit(rows, args.format, [])
    shown: Rows = [
        {
            "id": t.id,
            "document": t.document_id,
            "year": t.year,
            "goal": t.quantity
            and _format.figure(t.quantity.value, t.quantity.unit, t.quantity.comparator),
            "industries": ", ".join(t.industry_ids),
            "statement": t.statement,
        }
        for t in chosen
    ]
    cols = ["id", "year", "goal", "statement", "industries"]
    if args.all_documents:
        cols.insert(1, "document")
    return _emit(shown, "table", cols, cut=("industries", "statement"))


def _cmd_show(args: argparse.Namespace) -> str:
    rec = queries.record(args.id)
    if args.format == "json":
        return json.dumps(unstructure(rec), ensure_ascii=False, indent=2)
    plan = load()
    width = terminal_width() or SCREEN_WIDTH
    lines = [f"{_kind_words(rec)} {args.id}"]
    unit: Unit | None = None
    if isinstance(rec, Observation):  # its figure is in its indicator's unit
        owner = index_for(plan).indicator_by_observation.get(rec.id)
        if owner is not None:
            unit = owner.unit
            shown = _format.figure(rec.value, unit, rec.comparator)
            said = f"figure: {shown} ({owner.id}: {owner.name_en})"
            lines += wrap(said, width, indent="  ", then="    ")
    elif isinstance(rec, Indicator):
        unit = rec.unit
    for f in attrs.fields(type(rec)):
        value = getattr(rec, f.name)
        if f.name in ("id", "citations") or _empty(value):
            continue
        label = _label(f.name)
        if isinstance(value, tuple):
            items = [_brief(v, unit) for v in value]
            if sum(display_width(i) + 2 for i in items) + display_width(label) + 4 <= width:
                lines += wrap(f"{label}: {', '.join(items)}", width, indent="  ", then="    ")
            else:
                lines.append(f"  {label}:")
                for item in items:
                    lines += wrap(item, width, indent="    - ", then="      ")
        else:
            lines += wrap(f"{label}: {_brief(value, unit)}", width, indent="  ", then="    ")
    citations = getattr(rec, "citations", ())
    if citations:
        lines.append("  sources:")
    for c in citations:
        src = index_for(plan).source_by_id.get(c.source_id)
        title = f"{src.title} ({src.publisher})" if src else c.source_id
        confidence = f" [{src.confidence.value}]" if src else ""
        lines += wrap(f"{title} — {c.locator}{confidence}", width, indent="    - ", then="      ")
        if src:
            lines += wrap(f"<{src.url}>", width, indent="      ", then="      ")
    if isinstance(rec, Target):
        verdict = analysis.progress(rec)
        lines += ["", *_verdict_lines(verdict, width, full=False)]
    return "\n".join(lines)


def _label(field_name: str) -> str:
    """A field's name in plain words: ``name_zh`` "Chinese name", ``document_id``
    "document", ``industry_ids`` "industries"."""
    stem, _, end = field_name.rpartition("_")
    if end == "zh":
        return f"Chinese {stem.replace('_', ' ')}"
    if end in ("en", "id"):
        return stem.replace("_", " ")
    if end == "ids":
        return stem.replace("_", " ").removesuffix("y") + ("ies" if stem.endswith("y") else "s")
    return field_name.replace("_", " ")


def _empty(value: object) -> bool:
    """Nothing to show: ``None``, ``False``, an empty text or list (``0`` is a value)."""
    return value is None or value is False or (isinstance(value, (str, tuple)) and not value)


def _kind_words(rec: object) -> str:
    """``ConflictSide`` as "Conflict side"."""
    name = type(rec).__name__
    return name[0] + "".join(f" {ch.lower()}" if ch.isupper() else ch for ch in name[1:])


def _brief(value: object, unit: object = None) -> str:
    """One value of a record in plain words: a quantity as a figure with its unit, an
    observation as its year and figure, a record with an id as the id and its name."""
    if isinstance(value, Enum):
        return str(value.value).replace("_", " ")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return _format.number(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, Period):
        return str(value)
    if isinstance(value, Quantity):
        shown = _format.figure(value.value, value.unit, value.comparator)
        return f"{shown} (worded: {value.wording})" if value.wording else shown
    if isinstance(value, Observation):
        when = f"{value.year} {value.coverage}" if value.coverage else str(value.year)
        return (
            f"{when}: {_format.figure(value.value, unit, value.comparator)} "
            f"({value.basis.value}) — {value.id}"
        )
    if isinstance(value, Citation):
        return f"{value.source_id} — {value.locator}"
    if attrs.has(type(value)):
        parts = []
        for f in attrs.fields(cast(Any, type(value))):
            v = getattr(value, f.name)
            if f.name != "citations" and not _empty(v):
                parts.append(", ".join(map(_brief, v)) if isinstance(v, tuple) else _brief(v))
        return " · ".join(parts)
    return str(value)


def _cmd_search(args: argparse.Namespace) -> str:
    rows: Rows = [
        {"kind": h.kind, "id": h.id, "field": h.field, "text": h.text}
        for h in searching.search(args.text)
    ]
    return _emit(rows, args.format, ["kind", "id", "field", "text"], cut=("text",))


def _cmd_progress(args: argparse.Namespace) -> str:
    if args.id is not None:
        if args.format != "table":
            rows = export.to_records("progress", all_documents=True)
            found = [r for r in rows if r["target_id"] == args.id]
            if not found:
                queries.target(args.id)  # the NotFoundError, with suggestions
            return _emit(found, args.format, [])
        verdict = analysis.progress(queries.target(args.id))
        width = terminal_width() or SCREEN_WIDTH
        head = wrap(f"{verdict.target_id}: {verdict.target.statement}", width, then="  ")
        return "\n".join([*head, *_verdict_lines(verdict, width, full=True)])
    if args.format != "table":
        rows = export.to_records(
            "progress", document=args.document, all_documents=args.all_documents
        )
        return _emit(rows, args.format, [])
    every = analysis.progress(document=args.document, all_documents=args.all_documents)
    shown: Rows = [
        {
            "target": p.target_id,
            "verdict": p.verdict,
            "confidence": p.confidence and p.confidence.value,
            "figure": _figure_text(p, year=True),
            "goal": _goal_text(p),
            "share of goal": _share_text(p),
        }
        for p in every
    ]
    return _emit(shown, "table", list(shown[0]) if shown else [])


def _figure_text(p: analysis.Progress | verdicts.ScorecardRow, *, year: bool = False) -> str | None:
    """The figure the verdict rests on, as the scorecard writes it (``> 620 billion yuan``;
    with ``year``, when it is from: ``> 620 billion yuan in 2025, a sum over the years``)."""
    if p.figure is None:
        return None
    shown = _format.figure(p.figure, p.unit, p.figure_comparator)
    if not year or p.figure_year is None:
        return shown
    target = p.target if isinstance(p, analysis.Progress) else queries.target(p.target_id)
    return f"{shown} in {_format.when(p.figure_year, target.aggregation, evidence=p.evidence)}"


def _figure_label(p: analysis.Progress) -> str:
    """ "deciding figure" for a settled verdict; for one not settled the figure decides
    nothing, and is "the figure found"."""
    settled = p.status in (analysis.Status.MET, analysis.Status.NOT_MET)
    return "deciding figure" if settled else "figure found (not enough to settle it)"


def _share_text(p: analysis.Progress) -> str | None:
    """The share of the goal the figure reaches, with its bound and, for a figure from
    before the deadline, its year."""
    if p.share_of_goal is None:
        return None
    return _format.share(
        p.share_of_goal, p.figure_comparator, figure_year=p.figure_year, deadline=p.target.year
    )


def _goal_text(p: analysis.Progress) -> str | None:
    """The goal with the target's comparator and the indicator's unit (``≈ 850 billion yuan``)."""
    if p.goal is None:
        return None
    comparator = p.target.quantity and p.target.quantity.comparator
    return _format.figure(p.goal, p.unit, comparator)


def _verdict_lines(p: analysis.Progress, width: int, *, full: bool) -> list[str]:
    """A target's verdict in plain words: the verdict (or lean) with its confidence, the
    main caveat, the figure it rests on with its year, and why; ``full`` adds the goal, the
    latest observation (labelled as such where it is not the deciding figure), every caveat,
    the lean's rule and note, what would settle it, the other measures and the records."""
    confidence = f" (confidence: {p.confidence.value})" if p.confidence else ""
    # The main caveat right under the verdict: it decides whether the verdict can be quoted.
    said: list[tuple[str, str | None]] = [
        ("verdict", f"{p.verdict}{confidence}"),
        ("main caveat", p.main_caveat),
        (_figure_label(p), _figure_text(p, year=True)),
    ]
    if full:
        said.append(("goal", _goal_text(p)))
        said.append(("share of goal", _share_text(p)))
        if p.baseline is not None:
            baseline = _format.figure(p.baseline.value, p.unit, p.baseline.comparator)
            said.append(("baseline", f"{baseline} in {p.baseline.year}"))
        latest = p.latest
        if latest is not None and (latest.year, latest.value) != (p.figure_year, p.figure):
            shown = _format.figure(latest.value, p.unit, latest.comparator)
            said.append(
                (
                    "latest observation (not the figure above)",
                    f"{shown} in {latest.year} — {latest.id}",
                )
            )
        start = p.baseline and p.baseline.year  # the spans the two rates are over
        for label, growth in (
            (f"growth needed, {start}–{p.target.year}", p.implied_growth),
            (f"growth achieved, {start}–{p.latest and p.latest.year}", p.achieved_growth),
        ):
            if growth is not None:
                said.append((label, f"{_format.number(growth, digits=3)} % a year"))
        said.append(("measure", p.measure))
    said.append(("why", p.explanation))
    if p.lean_note is not None:
        rule = f" (rule: {p.lean_rule.value.replace('_', ' ')})" if p.lean_rule else ""
        said.append(("lean" if p.lean_rule else "no lean", f"{p.lean_note}{rule}"))
    if p.missing:
        said.append(("what would settle it", p.missing))
    lines = []
    for label, text in said:
        if text:
            lines += wrap(f"{label}: {text}", width, indent="  ", then="    ")
    if not full:
        lines.append(f"  more: shanghai-plan progress {p.target_id}")
        return lines
    for label, items in (
        ("caveats, in full", p.caveats),
        (
            "other measures",
            tuple(f"{a.measure}: {a.verdict} — {a.explanation}" for a in p.alternatives),
        ),
        ("rests on", (*(o.id for o in p.rests_on), *(f.id for f in p.findings))),
        ("lean rests on", tuple(x.id for x in p.lean_rests_on)),
        ("gaps recorded", tuple(f"{g.id}: {g.topic}" for g in p.gaps)),
    ):
        if items:
            lines.append(f"  {label}:")
            for item in items:
                lines += wrap(item, width, indent="    - ", then="      ")
    return lines


def _cmd_scorecard(args: argparse.Namespace) -> str:
    rows = verdicts.scorecard(document=args.document, all_documents=args.all_documents)
    if args.format != "table":  # the scorecard table's own columns (the export's)
        records = export.to_records(
            "scorecard", document=args.document, all_documents=args.all_documents
        )
        return _emit(records, args.format, [])
    whose = (
        "all documents'"
        if args.all_documents
        else "this document's"
        if args.document
        else "the plan's"
    )
    return _scorecard_table(rows, whose, document=bool(args.all_documents or args.document))


def _scorecard_table(rows: Sequence[verdicts.ScorecardRow], whose: str, *, document: bool) -> str:
    """The tally, then one line of short columns per target with what a reader must know
    wrapped under it (why; the main caveat, or what is missing): readable in the terminal's
    width (``SCREEN_WIDTH`` when piped), nothing clipped."""
    width = max(60, terminal_width() or SCREEN_WIDTH)
    cols = ["target", "verdict (confidence)", "figure"]
    shown: Rows = [
        {
            "target": r.target_id,
            "verdict (confidence)": r.verdict + (f" ({r.confidence})" if r.confidence else ""),
            "figure": _figure_text(r, year=True) or "",
        }
        for r in rows
    ]
    head, rule, *lines = table(shown, cols).splitlines()
    under = display_width(rule) > width  # long ids: the figure goes under the line
    if under:
        head, rule, *lines = table(shown, cols[:2]).splitlines()
    out = [*wrap(verdicts.tally(rows, whose=whose), width), "", head, rule]
    for line, r, cells in zip(lines, rows, shown, strict=True):
        out.append(line)
        said = [("figure", cells["figure"])] if under else []
        said += [("why", r.why), ("main caveat", r.main_caveat)]
        if r.main_caveat is None and r.missing:
            said.append(("missing", r.missing))
        if document:
            said.append(("document", r.document_id))
        for label, text in said:
            if text:
                out += wrap(f"{label}: {text}", width, indent="    ", then="      ")
    return "\n".join(out)


def _cmd_sources(args: argparse.Namespace) -> str:
    keep = {s.id for s in queries.sources(args.confidence)}
    rows = [r for r in export.to_records("sources") if r["id"] in keep]
    return _emit(
        rows, args.format, ["id", "confidence", "publisher", "published", "url"], cut=("publisher",)
    )


def _check_export(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.datapackage is not None:
        if args.kind is not None or args.output or args.excel:
            parser.error("export --datapackage DIR writes every table: give no KIND, -o or --excel")
        if args.document or args.all_documents:
            parser.error("export --datapackage DIR holds every document's rows already")
        return
    if args.kind is None:
        parser.error("export: give a KIND or --datapackage DIR")
    if args.kind == "plan" and args.format == "csv":
        parser.error(
            "export plan writes the whole plan as JSON; --format csv is for a record kind "
            f"({', '.join(export.RECORD_KINDS)})"
        )
    if args.format is None:
        args.format = "json" if args.kind == "plan" else "csv"
    if args.document and args.all_documents:
        parser.error("export: give either --document or --all-documents, not both")
    if args.kind == "plan" and (args.document or args.all_documents):
        parser.error("export plan: the whole plan file has every document already")
    if args.excel and (args.kind == "plan" or args.format != "csv"):
        parser.error("export: --excel applies to CSV output")
    if args.document and args.kind != "plan" and not tables.table(args.kind).per_document:
        scoped = ", ".join(t.name for t in tables.TABLES if t.per_document)
        parser.error(f"export {args.kind}: --document applies to {scoped}")


def _check_progress(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.id is not None and (args.document or args.all_documents):
        parser.error(
            "progress ID: a target's id names its document; give no --document or --all-documents"
        )


def _cmd_export(args: argparse.Namespace) -> str:
    if args.datapackage is not None:
        path = export.write_datapackage(args.datapackage)
        return f"wrote {path}"
    scope = {"document": args.document, "all_documents": args.all_documents}
    if args.kind == "plan":
        text = export.dumps()
    elif args.format == "json":
        text = json.dumps(export.to_records(args.kind, **scope), ensure_ascii=False, indent=2)
    else:
        text = export.to_csv(args.kind, excel=args.excel, **scope).rstrip("\n")
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as fh:
            fh.write(text + "\n")
        return ""
    return text


def _cmd_validate(args: argparse.Namespace) -> str:
    if args.file == "-":
        chunks, left = [], args.max_bytes + 1  # one byte more tells that it is too big
        while left > 0 and (chunk := sys.stdin.buffer.read(min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
        plan = loads(b"".join(chunks), source="<stdin>", max_bytes=args.max_bytes)
    else:
        # a FIFO with no writer would block for ever, and a device may never end
        if not stat.S_ISREG(os.stat(args.file).st_mode):
            raise OSError(f"{args.file}: not a regular file (give a plan file, or - for stdin)")
        plan = load(args.file, max_bytes=args.max_bytes)
    return (
        f"{args.file}: valid plan {plan.id!r} — {len(plan.industries)} industries, "
        f"{len(plan.targets)} targets, {len(plan.indicators)} indicators, "
        f"{len(plan.sources)} sources"
    )


def _cmd_changes(args: argparse.Namespace) -> str:
    import textwrap

    from .citing import status_words
    from .releases import changes

    releases = changes(since=args.since)
    if args.format == "json":
        return json.dumps([unstructure(r) for r in releases], ensure_ascii=False, indent=2)
    if not releases:
        return f"No data release after {args.since}."
    blocks = []
    for r in reversed(releases):  # the newest first, as a changelog reads
        lines = [
            f"Data {r.version}, since {r.previous} (checked up to {r.date.isoformat()}): "
            f"{len(r.added)} records added, {len(r.changed)} changed, {len(r.removed)} "
            f"removed; {len(r.verdicts)} verdicts changed."
        ]
        if r.verdicts:
            lines.append("Verdicts changed:")
        for v in r.verdicts:
            before, after = (
                status_words(status, lean) + (f" ({confidence})" if confidence else "")
                for status, lean, confidence in (
                    (v.status_before, v.lean_before, v.confidence_before),
                    (v.status_after, v.lean_after, v.confidence_after),
                )
            )
            lines.append(f"  {v.target_id}: {before} → {after}")
            lines += textwrap.wrap(
                v.reason, SCREEN_WIDTH, initial_indent="    ", subsequent_indent="    "
            )
        for label, recs in (("added", r.added), ("removed", r.removed)):
            kinds = dict.fromkeys(c.kind for c in recs)
            for kind in kinds:
                ids = [c.id for c in recs if c.kind == kind]
                lines += wrap_items(f"Records {label}: {kind} ({len(ids)})", ids)
        if r.changed:
            lines.append(f"Records changed ({len(r.changed)}):")
        lines += [f"  {c.kind} {c.id}: {', '.join(c.fields)}" for c in r.changed]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


# --------------------------------------------------------------------- parser


def _parser() -> argparse.ArgumentParser:
    def lang(p: argparse.ArgumentParser, default: str | None) -> None:
        # the main parser holds the default; subcommands only override it when given, so
        # `--lang zh COMMAND` and `COMMAND --lang zh` both work
        p.add_argument(
            "--lang",
            choices=["en", "zh"],
            default=argparse.SUPPRESS if default is None else default,
            help="en (the default) or zh: zh puts the industries' Chinese names first "
            "(summary, industries); nothing else is translated (few texts have a Chinese form "
            "in the data; show ID prints those in either language)",
        )

    def fmt(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--format", choices=["table", "json", "csv"], default="table", help="output format"
        )

    parser = argparse.ArgumentParser(
        prog="shanghai-plan",
        description=(
            "Shanghai's 14th Five-Year Plan for advanced manufacturing (2021–2025) as data."
        ),
        epilog=WIDTH_RULE,
    )
    lang(parser, "en")
    parser.add_argument(
        "-V",
        "--version",
        action=_DataVersion,
        nargs=0,
        help="the code's version and the bundled data's version",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    handlers: dict[str, Callable[[argparse.Namespace], str]] = {}

    def add(
        name: str, handler: Callable[[argparse.Namespace], str], help_: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        lang(p, None)
        p.set_defaults(handler=handler)
        handlers[name] = handler
        return p

    add("summary", _cmd_summary, "a short readable summary of the plan (the default)")
    p = add("industries", _cmd_industries, "the 3+6 industries")
    p.add_argument("--tier", choices=["leading", "key"])
    fmt(p)
    p = add("targets", _cmd_targets, "targets, filtered")
    p.add_argument("--industry", help="id, English name, alias or Chinese name")
    p.add_argument("--year", type=int, help="deadline year")
    p.add_argument("--kind", choices=["quantitative", "qualitative"])
    p.add_argument("--document", help="a related document's id (default: the plan itself)")
    p.add_argument("--all-documents", action="store_true", help="targets of every document")
    fmt(p)
    p = add(
        "show",
        _cmd_show,
        "any record by id (industry, target, indicator, source …), with its sources; a "
        "target with its verdict",
    )
    p.add_argument("id")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p = add("search", _cmd_search, "search names and text (English or Chinese)")
    p.add_argument("text")
    fmt(p)
    p = add(
        "progress",
        _cmd_progress,
        "how every target of the plan turned out: its verdict, confidence, the figure the "
        "verdict rests on (with its year) and the goal; progress ID: one target in full",
    )
    p.add_argument(
        "id", nargs="?", help="a target's id: its verdict, figures, every caveat, what is missing"
    )
    p.add_argument("--document", help="a related document's id (default: the plan itself)")
    p.add_argument("--all-documents", action="store_true", help="every document's targets")
    p.set_defaults(check=_check_progress)
    fmt(p)
    p = add(
        "scorecard",
        _cmd_scorecard,
        "did the plan deliver: every target's status, figure, year, confidence and why",
    )
    p.add_argument("--document", help="a related document's id (default: the plan itself)")
    p.add_argument("--all-documents", action="store_true", help="every document's targets")
    fmt(p)
    p = add("sources", _cmd_sources, "the sources, with their confidence")
    p.add_argument("--confidence", choices=["primary", "secondary", "weak"])
    fmt(p)
    p = add(
        "export",
        _cmd_export,
        "export records as CSV or JSON, the whole plan as JSON, or a Frictionless Data Package",
    )
    p.add_argument("kind", nargs="?", choices=[*export.RECORD_KINDS, "plan"])
    p.add_argument(
        "--format",
        choices=["csv", "json"],
        default=None,
        help="csv (the default for a record kind) or json (the only format for plan)",
    )
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument(
        "--document", help="a related document's rows (targets, progress; default: the plan's)"
    )
    p.add_argument("--all-documents", action="store_true", help="every document's rows")
    p.add_argument(
        "--excel", action="store_true", help="CSV as UTF-8 with a byte-order mark, for Excel"
    )
    p.add_argument(
        "--datapackage",
        metavar="DIR",
        help="write datapackage.json and one CSV per table into DIR (or, for DIR ending in "
        ".zip, all of it with a README.md and CITATION.cff into that one zip file)",
    )
    p.set_defaults(check=_check_export)
    p = add(
        "changes",
        _cmd_changes,
        "what changed between data releases: records added, changed, removed; verdicts, why",
    )
    p.add_argument("--since", help="a data version: only the releases after it (e.g. 2026.4)")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p = add("validate", _cmd_validate, "check a plan file in the same schema")
    p.add_argument("file", help="the plan file, or - for standard input")
    p.add_argument("--max-bytes", type=_size, default=DEFAULT_MAX_BYTES, help="size limit in bytes")
    parser.set_defaults(handler=_cmd_summary)
    return parser


def _size(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"a size in bytes is >= 0, not {value}")
    return value


def _check_usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """What argparse cannot say by itself: options that exclude each other, empty paths."""
    if getattr(args, "document", None) and getattr(args, "all_documents", False):
        parser.error(f"{args.command}: give either --document or --all-documents, not both")
    for option in ("output", "datapackage", "file"):
        if getattr(args, option, None) == "":
            parser.error(f"{args.command}: the {option} path is empty")
    check = getattr(args, "check", None)
    if check is not None:
        check(parser, args)


class _DataVersion(argparse.Action):
    """``--version``: the code's version and, read only when asked, the data's."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kw: Any) -> None:
        plan = load()
        print(
            f"shanghai-plan {__version__} (data {plan.data_version}, "
            f"checked up to {plan.data_as_of.isoformat()})"
        )
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0, 1 for an error, 2 for bad usage,
    130 when interrupted).  No error prints a traceback: each is one line on standard
    error."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        _quiet(sys.stdout)
        _error("interrupted")
        return 130


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _check_usage(parser, args)
    try:
        text = args.handler(args)
    except PlanDataError as exc:
        return _error(f"invalid plan data: {exc}")
    except NotFoundError as exc:  # the library's suggestions, or where to look instead
        return _error(f"error: {exc}{'' if exc.suggestions else _look_instead(exc)}")
    except (ShanghaiPlanError, OSError, ValueError) as exc:
        return _error(f"error: {exc}")
    except Exception as exc:  # a bug of ours: still one line, never a traceback
        return _error(f"internal error (please report it): {type(exc).__name__}: {exc}")
    if not text:  # written to a file (-o)
        return 0
    if sys.stdout is None:  # started with standard output closed (`>&-`)
        return _error("error: standard output is closed")
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `shanghai-plan export targets | head` is fine
        _quiet(sys.stdout)
    except UnicodeEncodeError as exc:
        return _error(
            f"error: standard output ({exc.encoding}) cannot write "
            f"U+{ord(exc.object[exc.start]):04X}; "
            "set PYTHONIOENCODING=utf-8, or write to a file with -o where there is one"
        )
    except OSError as exc:  # a full disk (/dev/full), a stream closed under us
        _quiet(sys.stdout)
        return _error(f"error: cannot write to standard output: {exc.strerror or exc}")
    return 0


def _look_instead(exc: NotFoundError) -> str:
    """Where to look when nothing is close to the key asked for."""
    if exc.kind == "industry":
        return " (shanghai-plan industries lists them)"
    if exc.kind == "document":
        return " (shanghai-plan export documents lists them)"
    if exc.key.startswith("("):  # not a key the user typed
        return ""
    return f" (shanghai-plan search {shlex.quote(exc.key)} looks in names and text)"


def _error(message: str) -> int:
    """``message`` on standard error as one line; the exit status 1."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError, UnicodeEncodeError):  # nowhere left to say it
            print(f"shanghai-plan: {message}", file=sys.stderr)
    return 1


def _quiet(stream: Any) -> None:
    """Point ``stream`` at the null device, so that what it still holds is dropped at exit
    instead of failing again with a traceback."""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
