"""Tables and files: plain records, pandas DataFrames, CSV, a data package, JSON and the
JSON Schema.  The tables themselves are defined once, in :mod:`shanghai_plan.tables`.

* :func:`to_records` — a list of flat dicts (str / int / float / bool / None values) for
  one kind of record; no pandas needed (``pandas.DataFrame(to_records(...))`` works).
* :func:`to_dataframe` — the same as a DataFrame with proper dtypes and its metadata in
  ``DataFrame.attrs`` (needs the ``pandas`` extra: ``pip install 'shanghai-plan[pandas]'``).
* :func:`to_csv` / :func:`write_csv` — the same records as CSV (UTF-8, header row;
  ``excel=True`` makes a file for a spreadsheet: the byte-order mark Excel needs, and
  text cells that a spreadsheet would run as a formula neutralised).
* :func:`write_datapackage` — every table as a Frictionless Data Package.
* :func:`dumps` / :func:`dump` — a whole plan as JSON in the bundled file's schema
  (the converter's unstructure); ``loads(dumps(plan)) == plan``.
* :func:`json_schema` — the JSON Schema of that file, shipped with the package.

``targets`` and ``progress`` hold the plan's own rows unless ``document=`` or
``all_documents=True`` says otherwise.  Multi-valued cells (industry ids, aliases, source
ids) are joined with ``"; "``; citations are written ``source_id: locator`` joined with
``" | "``.
"""

import csv
import io
import os
import pathlib
import secrets
import shutil
import stat
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, get_args, overload

from . import rows
from ._args import check_bool, check_int, check_path, check_plan
from ._licence import (
    AUTHORS,
    CODE_LICENCE,
    DATA_LICENCE,
    DATASET_TITLE,
    LICENCE,
    LICENCES,
)
from ._version import __version__
from .errors import MissingDependencyError
from .loading import load
from .model import Document, Plan
from .queries import document_id
from .tables import TABLES, Column, Table, table

if TYPE_CHECKING:
    import pandas

__all__ = [
    "LICENCE",
    "LICENCES",
    "RECORD_KINDS",
    "RecordKind",
    "citation_cff",
    "csv_text",
    "datapackage",
    "dump",
    "dumps",
    "json_schema",
    "to_csv",
    "to_dataframe",
    "to_records",
    "write_csv",
    "write_datapackage",
]

RecordKind = Literal[
    "industries",
    "targets",
    "indicators",
    "observations",
    "sources",
    "progress",
    "scorecard",
    "findings",
    "gaps",
    "goals",
    "documents",
    "conflicts",
    "citations",
    "records",
]
RECORD_KINDS: tuple[str, ...] = get_args(RecordKind)
"""The kinds :func:`to_records` and friends accept (one :mod:`~shanghai_plan.tables` table each)."""

Row = dict[str, Any]


def _table_and_scope(
    kind: str, document: "str | Document | Plan | None", all_documents: bool, p: Plan
) -> tuple[Table, str | None]:
    t = table(kind)
    check_bool(all_documents, "all_documents")
    if all_documents and document is not None:
        raise ValueError("pass either document= or all_documents=True, not both")
    if not t.per_document:
        if document is not None:
            scoped = [x.name for x in TABLES if x.per_document]
            raise ValueError(
                f"document= selects the rows of a per-document table ({', '.join(scoped)}); "
                f"{kind!r} holds every document's records"
            )
        return t, None
    if all_documents:
        return t, None
    if document is None:
        return t, p.id
    return t, document_id(document, p)


@overload
def to_records(
    kind: Literal["industries"],
    *,
    document: "str | Document | Plan | None" = ...,
    all_documents: bool = ...,
    plan: Plan | None = ...,
) -> "list[rows.IndustriesRecord]": ...


@overload
def to_records(
    kind: Literal["targets"],
    *,
    document: "str | Document | Plan | None" = ...,
    all_documents: bool = ...,
    plan: Plan | None = ...,
) -> "list[rows.TargetsRecord]": ...


@overload
def to_records(
    kind: Literal["indicators"],
    *,
    document: "str | Document | Plan | None" = ...,
    all_documents: bool = ...,
    plan: Plan | None = ...,
) -> "list[rows.IndicatorsRecord]": ...


@overload
def to_records(
    kind: Literal["observations"],
    *,
    document: "str | Document | Plan | None" = ...,
    all_documents: bool = ...,
    plan: Plan | None = ...,
) -> "list[rows.ObservationsRecord]": ...


@overload
def to_records(
    kind: Literal["sources"],
    *,
    document: "str | Document | Plan | None" = ...,
    all_documents: bool = ...,
    plan: Plan | None = ...,
) -> "list[rows.SourcesRecord]": ...


@overload
def to_records(
    kind: Literal["progress"],
    *,
    document: "str | Document | Plan | None" = ...,
    all_documents: bool = ...,
    plan: Plan | None = ...,
) -> "list[rows.ProgressRecord]": ...


@overload
def to_records(
    kind: Literal["scorecard"],
    *,
    document: "str | Document | Plan | None" = ...,
    all_documents: bool = ...,
    plan: Plan | None = ...,
) -> "list[rows.ScorecardRecord]": ...


@overload
def to_records(
    kind: Literal["findings"],
    *,
    document: "str | Document | Plan | None" = ...,
    all_documents: bool = ...,
    plan: Plan | None = ...,
) -> "list[rows.FindingsRecord]": ...


@overload
def to_records(
    kind: Literal["gaps"],
    *,
    document: "str | Document | Plan | None" = ...,
    all_documents: bool = ...,
    plan: Plan | None = ...,
) -> "list[rows.GapsRecord]": ...


@overload
def to_records(
    kind: Literal["goals"],
    *,
    document: "str | Document | Plan | None" = ...,
    all_documents: bool = ...,
    plan: Plan | None = ...,
) -> "list[rows.GoalsRecord]": ...


@overload
def to_records(
    kind: Literal["documents"],
    *,
    document: "str | Document | Plan | None" = ...,
    all_documents: bool = ...,
    plan: Plan | None = ...,
) -> "list[rows.DocumentsRecord]": ...


@overload
def to_records(
    kind: Literal["conflicts"],
    *,
    document: "str | Document | Plan | None" = ...,
    all_documents: bool = ...,
    plan: Plan | None = ...,
) -> "list[rows.ConflictsRecord]": ...


@overload
def to_records(
    kind: Literal["citations"],
    *,
    document: "str | Document | Plan | None" = ...,
    all_documents: bool = ...,
    plan: Plan | None = ...,
) -> "list[rows.CitationsRecord]": ...


@overload
def to_records(
    kind: Literal["records"],
    *,
    document: "str | Document | Plan | None" = ...,
    all_documents: bool = ...,
    plan: Plan | None = ...,
) -> "list[rows.RecordsRecord]": ...


@overload
def to_records(
    kind: RecordKind,
    *,
    document: "str | Document | Plan | None" = ...,
    all_documents: bool = ...,
    plan: Plan | None = ...,
) -> list[Any]: ...


def to_records(
    kind: RecordKind,
    *,
    document: "str | Document | Plan | None" = None,
    all_documents: bool = False,
    plan: Plan | None = None,
) -> list[Any]:
    """One kind of record as a list of flat dicts (see :data:`RECORD_KINDS`).

    Each row is typed for type checkers by its table's ``TypedDict`` in
    :mod:`shanghai_plan.rows` (``to_records("targets")`` is a ``list[TargetsRecord]``).

    Tables whose rows belong to one document (``targets``, ``progress``) hold the plan's
    own rows by default, like :func:`~shanghai_plan.targets` and
    :func:`~shanghai_plan.progress`; ``document=`` selects a related document's and
    ``all_documents=True`` every document's.  The other tables always hold every record
    (``document=`` is an error there).

    Raises :class:`~shanghai_plan.NotFoundError` for an unknown kind or document, naming the
    close ones, and :class:`ValueError` for ``document=`` together with ``all_documents``.
    """
    p = check_plan(plan) or load()
    t, scope = _table_and_scope(kind, document, all_documents, p)
    return t.records(p, scope)


def _dtype(c: Column) -> Any:
    import pandas as pd

    if c.enum is not None:
        return pd.CategoricalDtype(list(c.enum))
    return _DTYPES[c.type]


_DTYPES = {"integer": "Int64", "number": "float64", "boolean": "boolean", "string": "string"}


def _metadata(kind: RecordKind, *, scope: str | None = None, plan: Plan | None = None) -> Row:
    """What travels with a table (its ``DataFrame.attrs``): data version, date, description,
    units and column descriptions."""
    p = check_plan(plan) or load()
    t = table(kind)
    return {
        "table": t.name,
        "description": t.describe(p),
        "document": scope if t.per_document else None,
        "data_version": p.data_version,
        "data_as_of": p.data_as_of.isoformat(),
        "units": t.units,
        "unit_columns": t.unit_columns,
        "columns": {c.name: c.description for c in t.columns},
        "licence": LICENCE,
    }


def to_dataframe(
    kind: RecordKind,
    *,
    document: "str | Document | Plan | None" = None,
    all_documents: bool = False,
    plan: Plan | None = None,
) -> "pandas.DataFrame":
    """One kind of record as a pandas DataFrame with proper dtypes.

    The rows are those of :func:`to_records` (same ``document=`` / ``all_documents=``).
    Years and counts are nullable integers (``Int64``), figures ``float64``, closed
    vocabularies ``category`` (every allowed value a category), flags nullable
    ``boolean``, text ``string``.  ``DataFrame.attrs`` carries the table's ``description``,
    ``data_version``, ``data_as_of``, the ``document`` scope, ``units`` (column → unit),
    ``unit_columns`` (column → the column naming each row's unit) and ``columns``
    (column → description).  Needs pandas (``pip install 'shanghai-plan[pandas]'``);
    raises :class:`~shanghai_plan.errors.MissingDependencyError` otherwise.
    """
    p = check_plan(plan) or load()
    t, scope = _table_and_scope(kind, document, all_documents, p)
    rows = t.records(p, scope)
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError("to_dataframe()", "pandas", "pandas") from None
    names = [c.name for c in t.columns]
    frame = pd.DataFrame.from_records(rows, columns=names)
    typed: pandas.DataFrame = frame.astype({c.name: _dtype(c) for c in t.columns})
    typed.attrs.update(_metadata(kind, scope=scope, plan=p))
    return typed


def to_csv(
    kind: RecordKind,
    *,
    document: "str | Document | Plan | None" = None,
    all_documents: bool = False,
    excel: bool = False,
    plan: Plan | None = None,
) -> str:
    """One kind of record as CSV text (header row; empty cells for missing values).

    The rows are those of :func:`to_records`.  ``excel=True`` makes the text for a
    spreadsheet: it starts with a byte-order mark (U+FEFF), so that the UTF-8 bytes open
    in Excel with the Chinese intact, and every text cell is quoted, with a ``'`` put
    before one that starts like a formula (``= + - @``, tab, CR, LF, NUL, or the
    full-width ``＝ ＋ － ＠``), as OWASP recommends; numbers are never changed.  Without
    it the values are written as they are.
    """
    p = check_plan(plan) or load()
    excel = check_bool(excel, "excel")
    t, scope = _table_and_scope(kind, document, all_documents, p)
    buf = io.StringIO()
    if excel:
        buf.write("\ufeff")
    _write_csv(t.records(p, scope), buf, [c.name for c in t.columns], excel=excel)
    return buf.getvalue()


def csv_text(rows: "Sequence[Mapping[str, Any]]", columns: list[str] | None = None) -> str:
    """Flat records (as :func:`to_records` makes them) as CSV text.

    The header is ``columns`` (default: the first row's keys); no rows and no columns give
    an empty text.
    """
    buf = io.StringIO()
    _write_csv(rows, buf, columns)
    return buf.getvalue()


def write_csv(
    kind: RecordKind,
    path: "str | os.PathLike[str]",
    *,
    document: "str | Document | Plan | None" = None,
    all_documents: bool = False,
    excel: bool = False,
    plan: Plan | None = None,
) -> None:
    """Write one kind of record to a CSV file: UTF-8, or with ``excel=True`` a file for a
    spreadsheet (as :func:`to_csv`: a byte-order mark, which Excel needs to read the Chinese
    right, and formula-like text cells neutralised).

    ``path`` is a str or :class:`os.PathLike` (an int is refused, never taken for a file
    descriptor).
    """
    path = check_path(path, "path")
    excel = check_bool(excel, "excel")
    p = check_plan(plan) or load()
    t, scope = _table_and_scope(kind, document, all_documents, p)
    rows = t.records(p, scope)
    encoding = "utf-8-sig" if excel else "utf-8"
    with open(path, "w", encoding=encoding, newline="") as fh:
        _write_csv(rows, fh, [c.name for c in t.columns], excel=excel)


# The first characters that make a spreadsheet read a cell as a formula: OWASP's list
# (= + - @, tab, carriage return), with a line feed, NUL (ASVS 1.2.10) and the full-width
# forms, which some spreadsheets and input methods take for the ASCII ones.  Under
# excel=True a text cell starting with one of them is written with a ' before it, which a
# spreadsheet shows as text and does not keep; numbers are never changed.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "＝", "＋", "－", "＠")


def _spreadsheet_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _csv_number(value: Any) -> Any:
    """A whole number written as one (``300``, not ``300.0``), as a person writes it and as
    the bundled file does; every other value as it is."""
    if value.__class__ is float and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _write_csv(
    rows: "Sequence[Mapping[str, Any]]",
    fh: Any,
    columns: list[str] | None = None,
    *,
    excel: bool = False,
) -> None:
    names = columns if columns is not None else list(rows[0]) if rows else []
    if not names:
        return
    # The writer quotes a cell holding a character of its line terminator; ending lines
    # with "\r\n" makes it quote a lone CR too (with "\n" alone it would not, and the CR
    # would split the row in pandas, Excel and csv.reader).  Each line is then written
    # ending with "\n", as every CSV of the package is.  For a spreadsheet every text cell
    # is quoted (QUOTE_NONNUMERIC), so that no separator inside it can start a new cell.
    line = io.StringIO()
    writer = csv.DictWriter(
        line,
        fieldnames=names,
        lineterminator="\r\n",
        quoting=csv.QUOTE_NONNUMERIC if excel else csv.QUOTE_MINIMAL,
    )
    header = {n: n for n in names}
    for row in (header, *rows):
        cells = {k: _csv_number(v) for k, v in row.items()}
        writer.writerow({k: _spreadsheet_cell(v) for k, v in cells.items()} if excel else cells)
        fh.write(line.getvalue()[:-2] + "\n")
        line.seek(0)
        line.truncate()


# ------------------------------------------------------------- data package


def _schema_field(c: Column) -> Row:
    f: Row = {"name": c.name, "type": c.type, "description": c.description}
    if c.unit is not None:
        f["unit"] = c.unit
    if c.unit_column is not None:
        f["unitField"] = c.unit_column
    constraints: Row = {}
    if c.required:
        constraints["required"] = True
    if c.enum is not None:
        constraints["enum"] = list(c.enum)
    if constraints:
        f["constraints"] = constraints
    return f


def _fk(field: str, table: str, column: str) -> Row:
    return {"fields": [field], "reference": {"resource": table, "fields": [column]}}


def _resource(name: str, description: str, fields: list[Row], pk: list[str], fks: list[Row]) -> Row:
    schema: Row = {"fields": fields, "primaryKey": pk}
    if fks:
        schema["foreignKeys"] = fks
    return {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": description,
        "schema": schema,
    }


def _holds(t: Table, data: list[Row], p: Plan) -> str:
    """A resource's description: the table's, and for a table of targets what it holds
    (every document's) and how to keep the plan's own."""
    if not t.per_document:
        return t.describe(p)
    own = sum(1 for r in data if r["is_plan_target"])
    others = len({r["document_id"] for r in data} - {p.id})
    return (
        f"Every target of the plan and of {others} related documents ({len(data)} rows); "
        f"filter is_plan_target = true for the plan's own {own}. {t.describe(p)}"
    )


def _title(p: Plan, language: str) -> str | None:
    try:
        return p.title(language)
    except LookupError:
        return None


def datapackage(plan: Plan | None = None) -> tuple[Row, dict[str, list[Row]]]:
    """The data package of a plan: its ``datapackage.json`` descriptor, and the rows of
    each resource by name (every table of :data:`RECORD_KINDS`, with every document's
    rows, and a link table for each column holding several ids)."""
    p = check_plan(plan) or load()
    resources: list[Row] = []
    data: dict[str, list[Row]] = {}
    for t in TABLES:
        objects = list(t.rows(p, None))
        data[t.name] = [{c.name: c.value(o, p) for c in t.columns} for o in objects]
        fks = [_fk(c.name, ref.table or t.name, ref.column) for c, ref in t.foreign_keys]
        resources.append(
            _resource(
                t.name,
                _holds(t, data[t.name], p),
                [_schema_field(c) for c in t.columns],
                list(t.primary_key),
                fks,
            )
        )
        (key,) = t.primary_key
        for c in t.columns:
            if not (c.many and c.references is not None):
                continue
            # one row per id, so that each is a foreign key
            link, own, item = f"{t.name}_{c.name}", t.row_key or key, c.item or c.name
            key_col = t.column(key)
            data[link] = [
                {own: key_col.value(o, p), item: value, "position": n}
                for o in objects
                for n, value in enumerate(c.get(o))
            ]
            resources.append(
                _resource(
                    link,
                    f"The {c.name} of the {t.name} table, one id a row.",
                    [
                        {
                            "name": own,
                            "type": "string",
                            "description": f"The row of the {t.name} table.",
                            "constraints": {"required": True},
                        },
                        {
                            "name": item,
                            "type": "string",
                            "description": c.description.replace(
                                ' Several values are joined with "; ".', ""
                            ),
                            "constraints": {"required": True},
                        },
                        {
                            "name": "position",
                            "type": "integer",
                            "description": "The id's place in the list (from 0).",
                            "constraints": {"required": True},
                        },
                    ],
                    [own, "position"],
                    [
                        _fk(own, t.name, key),
                        _fk(item, c.references.table or t.name, c.references.column),
                    ],
                )
            )
    # a valid plan may have a title in only one language (or, today, none): say what it has
    en, zh = _title(p, "en"), _title(p, "zh")
    title = en or zh or p.id
    also = [x for x in (zh, p.document_number) if x and x != title]
    descriptor: Row = {
        "profile": "tabular-data-package",
        "name": "shanghai-plan",
        "title": title,
        "description": (
            title
            + (f" ({', '.join(also)})" if also else "")
            + f" as tables: data version {p.data_version}, checked up to "
            f"{p.data_as_of.isoformat()}. Every record cites its sources (the citations "
            f"table); figures are in base units. {LICENCE}"
        ),
        "version": p.data_version,
        "data_as_of": p.data_as_of.isoformat(),
        "licenses": [dict(x) for x in LICENCES],
        "sources": [{"title": f"{s.publisher}: {s.title}", "path": s.url} for s in p.sources],
        "keywords": ["shanghai", "five-year plan", "advanced manufacturing", "china"],
        "resources": resources,
    }
    return descriptor, data


def write_datapackage(
    directory: "str | os.PathLike[str]", *, plan: Plan | None = None
) -> pathlib.Path:
    """Write a Frictionless Data Package: ``datapackage.json`` and one CSV per resource.

    Every table of :data:`RECORD_KINDS` with every document's rows (filter on
    ``document_id``), a link table for each column that holds several ids, and a Table
    Schema for each: field types, descriptions, units, primary and foreign keys.  The
    descriptor carries the data version, ``data_as_of``, the licence and the sources.
    The CSV files are plain UTF-8 (the standard) and hold the values as they are; for a
    spreadsheet use :func:`write_csv` with ``excel=True``.  Returns the path of
    ``datapackage.json``.

    All or nothing: the package is written into a new hidden directory beside
    ``directory`` and then renamed into place, so a failure part-way leaves ``directory``
    as it was (and no temporary directory behind).  ``directory`` may be missing (it is
    created, with its parents), an empty directory, or a data package written before
    (a directory holding ``datapackage.json`` and only ``.csv`` files): that one is
    replaced as a whole, so no stale table is left.  Anything else — a file, a symbolic
    link, a directory holding other things, the current directory — raises
    :class:`FileExistsError` and nothing is written; no symbolic link is ever followed.
    An empty ``directory`` (``""``) raises :class:`ValueError`.

    A ``directory`` ending in ``.zip`` gets the same package as one zip file, with a
    ``README.md`` (what it holds, the data version, the licence, how to open it in a
    spreadsheet, the plan's tally) and a ``CITATION.cff`` (:func:`citation_cff`) beside
    ``datapackage.json``; the zip's path is returned.  It too is all or nothing (written to
    a new file beside it, then renamed into place); an existing file is replaced, and a
    symbolic link or a directory of that name raises :class:`FileExistsError`.
    """
    directory = check_path(directory, "directory")
    descriptor, data = datapackage(plan)
    out = pathlib.Path(os.path.abspath(directory))
    if out.suffix.lower() == ".zip":
        return _write_zip(out, descriptor, data, check_plan(plan) or load())
    replacing = _replaceable(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = _fresh(out)
    os.mkdir(work)
    try:
        for res in descriptor["resources"]:
            # "x": a new file in a new directory; it never opens what is already there
            with open(work / res["path"], "x", encoding="utf-8", newline="") as fh:
                fh.write(_csv_file(res, data))
        with open(work / "datapackage.json", "x", encoding="utf-8") as fh:
            fh.write(_descriptor_text(descriptor))
        aside = _fresh(out)
        try:
            if replacing:
                os.rename(out, aside)
        except FileNotFoundError:  # gone since it was checked: nothing to put back
            replacing = False
        try:
            os.rename(work, out)  # fails, leaving it be, if something took its place meanwhile
        except OSError:
            if replacing:
                os.rename(aside, out)
            raise
        if replacing:
            shutil.rmtree(aside, ignore_errors=True)  # the package is in place either way
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return out / "datapackage.json"


def _csv_file(resource: Row, data: Mapping[str, list[Row]]) -> str:
    buf = io.StringIO(newline="")
    _write_csv(data[resource["name"]], buf, [f["name"] for f in resource["schema"]["fields"]])
    return buf.getvalue()


def _descriptor_text(descriptor: Row) -> str:
    import json

    return json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"


def _column_letter(n: int) -> str:
    """A spreadsheet's name of the ``n``-th column (from 0): A … Z, AA …"""
    letters = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(ord("A") + r) + letters
    return letters


def _readme(descriptor: Row, p: Plan) -> str:
    """The zip's README.md: what it holds, the data version, the licence, how to open it in a
    spreadsheet and the plan's tally."""
    from .verdicts import scorecard, tally

    fields = _fields(descriptor, "scorecard")
    flag, status = (_column_letter(fields.index(x)) for x in ("is_plan_target", "status"))
    tables = "\n".join(f"- `{r['path']}`: {r['description']}" for r in descriptor["resources"])
    return f"""# {descriptor["title"]}: the data package

{descriptor["description"]}

Data version {p.data_version}, checked up to {p.data_as_of.isoformat()}; written by
shanghai-plan {__version__}. `datapackage.json` describes every table (its columns, their types,
units and descriptions, and how the tables refer to each other) in the Frictionless Data
Package format; `CITATION.cff` says how to cite the data.

## Licence

{LICENCE} Cite the dataset with its data version (`CITATION.cff`) and the sources a figure
rests on (the `citations` table).

## In a spreadsheet

Each table is a CSV file (UTF-8, comma-separated, a header row). LibreOffice and Google
Sheets open it as it is; in Excel use Data › From Text/CSV and choose the encoding
"65001: Unicode (UTF-8)", so that the Chinese text stays intact.

`targets.csv`, `progress.csv` and `scorecard.csv` hold every target of the plan and of its
related documents. The plan's own rows are those with `is_plan_target` TRUE: filter on that
column, or count them in `scorecard.csv` with, for example,
`=COUNTIFS({flag}:{flag}, TRUE, {status}:{status}, "met")`
(column {flag} is `is_plan_target`, column {status} `status`; `no_data` reads "not settled",
and the `lean` column says which way the evidence points). The count by status gives the
answer the library gives:

> {tally(scorecard(plan=p))}

## The tables

{tables}
"""


def _fields(descriptor: Row, name: str) -> list[str]:
    (res,) = (r for r in descriptor["resources"] if r["name"] == name)
    return [f["name"] for f in res["schema"]["fields"]]


def _write_zip(
    out: pathlib.Path, descriptor: Row, data: dict[str, list[Row]], p: Plan
) -> pathlib.Path:
    """The data package as one zip: written beside ``out``, then put in its place."""
    import zipfile

    try:
        mode = os.lstat(out).st_mode
    except FileNotFoundError:
        pass
    else:
        if stat.S_ISLNK(mode):
            raise FileExistsError(f"{out} is a symbolic link; give the file it points to")
        if not stat.S_ISREG(mode):
            raise FileExistsError(f"{out} exists and is not a file")
    files = {
        "datapackage.json": _descriptor_text(descriptor),
        **{r["path"]: _csv_file(r, data) for r in descriptor["resources"]},
        "README.md": _readme(descriptor, p),
        "CITATION.cff": citation_cff(p),
    }
    stamp = (p.data_as_of.year, p.data_as_of.month, p.data_as_of.day, 0, 0, 0)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = _fresh(out)
    try:
        with zipfile.ZipFile(work, "x", zipfile.ZIP_DEFLATED) as z:
            for name, text in files.items():
                info = zipfile.ZipInfo(name, stamp)  # one date for every file: the same bytes
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                z.writestr(info, text.encode("utf-8"))
        os.replace(work, out)  # replaces a file, or a symbolic link itself, never its target
    except BaseException:
        work.unlink(missing_ok=True)
        raise
    return out


def _fresh(out: pathlib.Path) -> pathlib.Path:
    """A name beside ``out`` that nothing has."""
    return out.with_name(f".{out.name}.{secrets.token_hex(8)}.tmp")


def _replaceable(out: pathlib.Path) -> bool:
    """Whether ``out`` exists and may be replaced by a data package; raises
    FileExistsError when it exists and may not."""
    try:
        mode = os.lstat(out).st_mode
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(mode):
        raise FileExistsError(f"{out} is a symbolic link; give the directory it points to")
    if not stat.S_ISDIR(mode):
        raise FileExistsError(f"{out} exists and is not a directory")
    here = os.path.realpath(os.getcwd())
    if os.path.commonpath([here, os.path.realpath(out)]) == os.path.realpath(out):
        raise FileExistsError(
            f"{out} is the current directory or holds it; give a directory inside it"
        )
    with os.scandir(out) as entries:
        names = []
        for e in entries:
            if not (
                e.is_file(follow_symlinks=False)
                and (e.name == "datapackage.json" or e.name.endswith(".csv"))
            ):
                raise FileExistsError(
                    f"{out} holds {e.name!r}, which is not a file of a data package; "
                    "give an empty directory, a new one or an earlier data package"
                )
            names.append(e.name)
    if names and "datapackage.json" not in names:
        raise FileExistsError(
            f"{out} is not empty and holds no datapackage.json; give an empty directory, "
            "a new one or an earlier data package"
        )
    return True


def _folded(text: str) -> str:
    """A YAML folded block (``>-``) holding ``text``, wrapped as the file is."""
    import textwrap

    return ">-\n" + textwrap.fill(text, 92, initial_indent="  ", subsequent_indent="  ")


def citation_cff(plan: Plan | None = None) -> str:
    """The text of ``CITATION.cff`` for a plan's data: the dataset, its data version
    (``version``), the date the data was checked up to (``date-released``), the data
    licence, and the software that ships it.  The repository's ``CITATION.cff`` is this
    text for the bundled data; :func:`write_datapackage` puts it in a zip."""
    p = check_plan(plan) or load()
    message = (
        "If you use this data, please cite it as below, with the data version. "
        f"{LICENCE} Cite them too: sp.cite(record) lists them."
    )
    abstract = (
        "Shanghai's 14th Five-Year Plan for advanced manufacturing (2021–2025, "
        '沪府办发〔2021〕12号) as typed, cited data: the "3+6" industries, the targets and their '
        "deadlines, baselines, reported outcomes to 2025 with a verdict per target, the "
        "documents around the plan, and where the sources disagree. Every record cites its "
        "sources with a locator and a confidence."
    )
    keywords = ("Shanghai", "five-year plan", "advanced manufacturing", "China", "open data")
    return (
        "\n".join(
            [
                "# The dataset and its version: `version` is the data version "
                "(shanghai_plan.DATA_VERSION) and",
                "# `date-released` the date the data was checked up to (DATA_AS_OF). Written by",
                "# shanghai_plan.export.citation_cff(); tests/test_licence.py fails while they "
                "differ.",
                "cff-version: 1.2.0",
                f"message: {_folded(message)}",
                "type: dataset",
                f"title: {_folded(DATASET_TITLE)}",
                f'version: "{p.data_version}"',
                f'date-released: "{p.data_as_of.isoformat()}"',
                f"license: {DATA_LICENCE}",
                "authors:",
                f"  - name: {AUTHORS}",
                f"abstract: {_folded(abstract)}",
                "keywords:",
                *(f"  - {k}" for k in keywords),
                "references:",
                "  - type: software",
                "    title: shanghai-plan (the Python package that ships and queries the data)",
                f'    version: "{__version__}"',
                f"    license: {CODE_LICENCE}",
                "    authors:",
                f"      - name: {AUTHORS}",
            ]
        )
        + "\n"
    )


def dumps(plan: Plan | None = None, *, indent: int | None = 2) -> str:
    """A plan as JSON text in the plan-file schema (``loads(dumps(p)) == p``).

    ``indent`` is the number of spaces per level (0 to 16), or ``None`` for one line.
    """
    import json

    from ._converter import unstructure

    if indent is not None:
        indent = check_int(indent, "indent", 0, 16)
    return json.dumps(unstructure(check_plan(plan) or load()), ensure_ascii=False, indent=indent)


def dump(path: "str | os.PathLike[str]", plan: Plan | None = None) -> None:
    """Write a plan to ``path`` as JSON (UTF-8) in the plan-file schema.

    ``path`` is a str or :class:`os.PathLike` (an int is refused, never taken for a file
    descriptor).
    """
    path = check_path(path, "path")
    text = dumps(plan)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a plan file, as shipped with the package."""
    from .schema import bundled

    return bundled()
