"""The ``shanghai-plan`` command (also ``python -m shanghai_plan``).

Subcommands: ``summary`` (the default: one screen, ending with the outcome in one line),
``industries``, ``targets``, ``show``, ``search``, ``progress``, ``scorecard``, ``sources``,
``export`` (a record kind as CSV or JSON, the whole plan as JSON only, or ``--datapackage
DIR``), ``changes`` (what changed between data releases) and ``validate``; ``--version``
prints the code's and the data's versions.  Tables go to standard output (``--format
table|json|csv`` where it makes sense, ``--lang en|zh`` for names); errors go to standard
error, one line, with a non-zero exit status: 1 for a bad key, bad data or a file or
stream that cannot be read or written (standard output that cannot encode the text, a
full disk, a closed stream), 2 for bad usage, 130 when interrupted (Ctrl-C).  A pipe
closed early (``| head``) is not an error.  Run
``shanghai-plan COMMAND --help`` for each command's options.
"""

import argparse
import contextlib
import json
import os
import shutil
import stat
import sys
import textwrap
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from . import _format, export, queries, searching, tables, verdicts
from ._converter import unstructure
from ._version import __version__
from .errors import PlanDataError, ShanghaiPlanError
from .loading import DEFAULT_MAX_BYTES, load, loads
from .model import EventKind, Plan, TargetKind

__all__ = ["main"]

Rows = Sequence[Mapping[str, Any]]  # plain dicts, or the typed rows of to_records()


# ------------------------------------------------------------------ rendering


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, limit: int) -> str:
    if _width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return _format.number(value)
    return str(value)


def _table(rows: Rows, columns: Sequence[str], max_width: int = 60) -> str:
    if not rows:
        return "(nothing)"
    cells = [[_clip(_cell(r.get(c)), max_width) for c in columns] for r in rows]
    widths = [max(_width(c), *(_width(row[i]) for row in cells)) for i, c in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)
        ).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths]), *(line(r) for r in cells)])


def _emit(rows: Rows, fmt: str, columns: Sequence[str]) -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt == "csv":
        return export.csv_text(rows).rstrip("\n")
    return _table(rows, columns)


def _name(lang: str) -> str:
    return "name_zh" if lang == "zh" else "name_en"


# ------------------------------------------------------------------- commands


SCREEN_WIDTH = 100
"""The summary's lines fit this many columns (a wide character counts two)."""


def _wrap_items(head: str, items: Sequence[str], width: int = SCREEN_WIDTH) -> list[str]:
    """``head`` then the items joined with `` · ``, wrapped at item boundaries."""
    lines, line = [head], "  "
    for item in items:
        joined = f"{line} · {item}" if line.strip() else f"  {item}"
        if _width(joined) > width and line.strip():
            lines.append(line)
            joined = f"  {item}"
        line = joined
    if line.strip():
        lines.append(line)
    return lines


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
        lines += _wrap_items(f"{title}: {len(inds)}", names)
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
        "More: shanghai-plan scorecard | targets | industries | sources | show ID | --help",
    ]
    # the answer is never clipped: it is quoted, so it wraps at word boundaries instead
    answer = textwrap.wrap(outcome_line(plan), SCREEN_WIDTH)
    return "\n".join([*(_clip(line, SCREEN_WIDTH) for line in lines), *answer])


def _cmd_summary(args: argparse.Namespace) -> str:
    return _summary(load(), args.lang)


def _cmd_industries(args: argparse.Namespace) -> str:
    rows = export.to_records("industries")
    if args.tier:
        rows = [r for r in rows if r["tier"] == args.tier]
    return _emit(rows, args.format, ["id", _name(args.lang), "tier", "aliases"])


def _cmd_targets(args: argparse.Namespace) -> str:
    chosen = queries.targets(
        industry=args.industry,
        year=args.year,
        kind=args.kind,
        document=args.document,
        all_documents=args.all_documents,
    )
    ids = {t.id for t in chosen}
    rows = [r for r in export.to_records("targets", all_documents=True) if r["id"] in ids]
    cols = ["id", "year", "comparator", "value", "unit", "industry_ids", "statement"]
    if args.all_documents:
        cols.insert(1, "document_id")
    return _emit(rows, args.format, cols)


def _cmd_show(args: argparse.Namespace) -> str:
    rec = queries.record(args.id)
    data = unstructure(rec)
    if args.format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    lines = [f"{type(rec).__name__} {args.id}"]
    for key, value in data.items():
        if key == "id":
            continue
        if isinstance(value, (list, dict)):
            value = json.dumps(value, ensure_ascii=False)
        lines.append(f"  {key}: {_clip(str(value), 200)}")
    for src in queries.cited_sources(rec):
        lines.append(f"  source: [{src.confidence.value}] {src.publisher} <{src.url}>")
    return "\n".join(lines)


def _cmd_search(args: argparse.Namespace) -> str:
    rows: Rows = [
        {"kind": h.kind, "id": h.id, "field": h.field, "text": h.text}
        for h in searching.search(args.text)
    ]
    return _emit(rows, args.format, ["kind", "id", "field", "text"])


def _cmd_progress(args: argparse.Namespace) -> str:
    rows = export.to_records("progress", document=args.document, all_documents=args.all_documents)
    cols = ["target_id", "verdict", "goal", "latest_year", "latest_value", "share_of_goal"]
    return _emit(rows, args.format, cols)


def _cmd_scorecard(args: argparse.Namespace) -> str:
    rows = verdicts.scorecard(document=args.document, all_documents=args.all_documents)
    if args.format != "table":
        records: Rows = [
            {
                "target_id": r.target_id,
                "status": r.status.value,
                "lean": r.lean.value,
                "verdict": r.verdict,
                "figure": r.figure,
                "figure_comparator": r.figure_comparator and r.figure_comparator.value,
                "unit": r.unit and r.unit.value,
                "figure_year": r.figure_year,
                "goal": r.goal,
                "confidence": r.confidence and r.confidence.value,
                "evidence": r.evidence.value,
                "why": r.why,
                "main_caveat": r.main_caveat,
                "lean_rule": r.lean_rule and r.lean_rule.value,
                "missing": r.missing,
                "document_id": r.document_id,
            }
            for r in rows
        ]
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
    tty = sys.stdout.isatty()
    width = max(60, shutil.get_terminal_size((SCREEN_WIDTH, 24)).columns) if tty else SCREEN_WIDTH
    cols = ["target", "verdict (confidence)", "figure"]
    shown: Rows = [
        {
            "target": r.target_id,
            "verdict (confidence)": r.verdict + (f" ({r.confidence})" if r.confidence else ""),
            "figure": ""
            if r.figure is None
            else _format.figure(r.figure, r.unit, r.figure_comparator)
            + (f" in {r.figure_year}" if r.figure_year is not None else ""),
        }
        for r in rows
    ]
    head, rule, *lines = _table(shown, cols, max_width=width).splitlines()
    under = _width(rule) > width  # long ids: the figure goes under the line
    if under:
        head, rule, *lines = _table(shown, cols[:2], max_width=width).splitlines()
    out = [*_wrap(verdicts.tally(rows, whose=whose), width), "", head, rule]
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
                out += _wrap(f"{label}: {text}", width, indent="    ", then="      ")
    return "\n".join(out)


def _wrap(text: str, width: int, *, indent: str = "", then: str = "") -> list[str]:
    """``text`` wrapped to ``width`` columns (a wide character counts two)."""
    lines: list[str] = []
    line = indent
    for word in text.split():
        if line.strip() and _width(line) + 1 + _width(word) > width:
            lines.append(line)
            line = then
        line += word if not line.strip() else " " + word
    return [*lines, line]


def _cmd_sources(args: argparse.Namespace) -> str:
    keep = {s.id for s in queries.sources(args.confidence)}
    rows = [r for r in export.to_records("sources") if r["id"] in keep]
    return _emit(rows, args.format, ["id", "confidence", "publisher", "published", "url"])


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
                lines += _wrap_items(f"Records {label}: {kind} ({len(ids)})", ids)
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
            help="names in English or Chinese (default: en)",
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
    )
    lang(parser, "en")
    parser.add_argument(
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
    p = add("show", _cmd_show, "any record by id (industry, target, indicator, source …)")
    p.add_argument("id")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p = add("search", _cmd_search, "search names and text (English or Chinese)")
    p.add_argument("text")
    fmt(p)
    p = add("progress", _cmd_progress, "how the quantitative targets turned out")
    p.add_argument("--document", help="a related document's id (default: the plan itself)")
    p.add_argument("--all-documents", action="store_true")
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
