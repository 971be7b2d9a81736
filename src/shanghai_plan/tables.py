"""The tables, defined once: one :class:`Table` per record kind.

A table definition names its rows (a function of the plan and the document scope) and its
columns.  Each :class:`Column` knows its name, its Table Schema type, its description, its
unit and the table it refers to; columns taken from a model field get their type and
description from the model itself (the field's annotation and the docstring written under
it in :mod:`shanghai_plan.model`).  Everything else is driven by these definitions:

* :func:`shanghai_plan.to_records` — the row values (plain ``str`` / ``int`` / ``float`` /
  ``bool`` / ``None``);
* :func:`shanghai_plan.to_dataframe` — the pandas dtypes and ``DataFrame.attrs``;
* :func:`shanghai_plan.to_csv` and :func:`shanghai_plan.write_datapackage` — the CSV files
  and their Frictionless Table Schema (types, descriptions, units, primary and foreign keys).

Adding a table is one more :class:`Table` in :data:`TABLES` plus its name in
``shanghai_plan.export.RecordKind`` (a test checks the two agree); it is then a record
kind everywhere — ``to_records``, ``to_dataframe``, CSV, the CLI's ``export`` and the data
package, with its Table Schema.  For example::

    Table(
        name="gaps",
        description="What the data knows it does not know.",
        rows=lambda p, _: p.gaps,                    # the row objects
        columns=(
            of(model.Gap, "id"),                     # type + description from the model
            of(model.Gap, "record_ids", references=ForeignKey(table="records"),
               item="record_id"),                    # several ids: joined, plus a link table
            col("n", "integer", "How many ….", lambda g: len(g.x), unit="count"),
            *_cites(lambda g: g.citations),
        ),
    )

A table whose rows belong to one document (like ``progress``) sets ``per_document=True``
and reads the scope its ``rows`` function is given (the document id, or ``None`` for
every document).  Records with an id anywhere in the plan appear in the ``records`` table,
and their citations in the ``citations`` table, without further work.

A column whose cells hold several ids (``many``) is written ``"; "``-joined in its own
table; the data package adds a link table (one row per id) so that every id it refers to
is a foreign key.
"""

import builtins
import datetime as _dt
import functools
import operator
import re
import types
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin

import attrs
from attrs import field, frozen

from . import analysis, model, queries, verdicts
from ._records import walk
from .model import Citation, Plan

__all__ = ["TABLES", "Column", "FieldType", "ForeignKey", "Table", "table"]

FieldType = Literal["string", "integer", "number", "boolean"]
"""The Table Schema types the columns use."""

Scope = str | None
"""The document whose records a per-document table holds (``None``: every document's)."""


@functools.cache
def _field_docs(cls: type) -> dict[str, str]:
    from .schema import field_docs

    return field_docs(cls)


def _plain_text(doc: str) -> str:
    # a docstring (reStructuredText) as one line of plain text with `code` marks
    doc = re.sub(r":\w+:`~?(?:[\w.]+\.)?([^`]+)`", r"\1", doc)
    return " ".join(doc.replace("``", "`").split())


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "; ".join(str(_plain(v)) for v in value) or None
    return value


@frozen(kw_only=True)
class ForeignKey:
    """A column whose values are the primary key of another table."""

    table: str
    """The table referred to (``""`` for the same table)."""
    column: str = "id"
    """Its key column."""


@frozen(kw_only=True)
class Column:
    """One column of a table: name, type, description, unit, reference, and how to read it."""

    name: str
    """The column name (the dict key of a record, the CSV header)."""
    type: FieldType
    """Table Schema type (``string`` also for closed vocabularies and joined lists)."""
    get: Callable[[Any], Any] = field(repr=False)
    """Reads the value from a row object; enums, dates and tuples are made plain afterwards."""
    text: str | None = field(default=None, repr=False)
    """The description, where it is not a model field's docstring."""
    doc_of: "tuple[builtins.type, str] | None" = field(default=None, repr=False)
    """``(class, field)`` whose docstring in the model is the description."""
    enum: tuple[str, ...] | None = field(default=None, repr=False)
    """The allowed values of a closed vocabulary (a pandas ``category``)."""
    required: bool = False
    """Never empty."""
    unit: str | None = None
    """The unit of every value (``percent``); see also ``unit_column``."""
    unit_column: str | None = None
    """The column holding each row's unit, where units differ by row."""
    references: ForeignKey | None = None
    """The table whose key the values are (for ``many`` columns: each of the values)."""
    many: bool = False
    """The cell holds several values joined with ``"; "``."""
    item: str | None = None
    """For ``many`` columns with a reference: the column name of one value in a link table."""
    of_plan: Callable[[Plan, Any], Any] | None = field(default=None, repr=False)
    """For a cell that depends on the plan too: turns the plan and the value ``get`` read
    into the cell (whether a row is the plan's own)."""

    @property
    def description(self) -> str:
        """What the column holds (from the model's field docstring where it is a field)."""
        parts = []
        if self.doc_of is not None:
            cls, name = self.doc_of
            parts.append(_plain_text(_field_docs(cls).get(name, "")))
        if self.text:
            parts.append(self.text)
        if self.unit_column is not None:
            parts.append(f"The unit is in the `{self.unit_column}` column.")
        if self.unit is not None:
            parts.append(f"Unit: {self.unit}.")
        if self.many:
            parts.append('Several values are joined with "; ".')
        return " ".join(p for p in parts if p)

    def reader(self, plan: Plan) -> Callable[[Any], Any]:
        """How to read the cell from a row object of ``plan``."""
        if self.of_plan is None:
            return self.get
        get, of_plan = self.get, self.of_plan
        return lambda row: of_plan(plan, get(row))

    def value(self, row: Any, plan: Plan) -> Any:
        """The plain cell value for one row object of ``plan``."""
        return _plain(self.reader(plan)(row))


@frozen(kw_only=True)
class Table:
    """One table: its rows, its columns and its keys."""

    name: str
    """The record kind (``"targets"``): the argument of ``to_records`` and the CSV's name."""
    description: str
    """What one row is."""
    rows: Callable[[Plan, Scope], Iterable[Any]] = field(repr=False)
    """The row objects for a plan and a document scope."""
    columns: tuple[Column, ...] = field(repr=False)
    """The columns, in order."""
    primary_key: tuple[str, ...] = ("id",)
    """The columns that identify a row."""
    per_document: bool = False
    """Whether the rows belong to one document (targets, progress), so ``document=`` and
    ``all_documents=`` choose them; other tables are the same whatever the scope."""
    row_key: str | None = None
    """How a link table names this table's key column (``target_id``)."""
    headline: Callable[[Plan], str] | None = field(default=None, repr=False)
    """What the rows add up to for a plan, appended to the description (the scorecard's
    qualified tally)."""

    def describe(self, plan: Plan) -> str:
        """The description, with the headline for ``plan`` where the table has one."""
        if self.headline is None:
            return self.description
        return f"{self.description} {self.headline(plan)}"

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def records(self, plan: Plan, scope: Scope = None) -> list[dict[str, Any]]:
        """The rows as flat dicts, one key per column."""
        getters = [(c.name, c.reader(plan)) for c in self.columns]
        out = []
        for r in self.rows(plan, scope):
            row = {}
            for name, get in getters:
                v = get(r)
                row[name] = v if type(v) in _SCALARS else _plain(v)
            out.append(row)
        return out

    @property
    def foreign_keys(self) -> tuple[tuple[Column, ForeignKey], ...]:
        """The single-valued columns that refer to another table."""
        return tuple(
            (c, c.references) for c in self.columns if c.references is not None and not c.many
        )

    @property
    def units(self) -> dict[str, str]:
        """Column name → unit, for columns whose unit is fixed."""
        return {c.name: c.unit for c in self.columns if c.unit is not None}

    @property
    def unit_columns(self) -> dict[str, str]:
        """Column name → the column holding its unit, where the unit differs by row."""
        return {c.name: c.unit_column for c in self.columns if c.unit_column is not None}


# -------------------------------------------------------------- column helpers


def _unwrap(t: Any) -> tuple[Any, bool, bool]:
    """(inner type, optional, many) of an annotation."""
    optional = many = False
    if get_origin(t) in (Union, types.UnionType):
        args = [a for a in get_args(t) if a is not type(None)]
        optional = len(args) < len(get_args(t))
        (t,) = args
    if get_origin(t) is tuple:
        many = True
        t = get_args(t)[0]
    return t, optional, many


def _type_of(t: Any) -> tuple[FieldType, tuple[str, ...] | None]:
    if isinstance(t, type) and issubclass(t, Enum):
        return "string", tuple(m.value for m in t)
    if t is bool:
        return "boolean", None
    if t is int:
        return "integer", None
    if t is float:
        return "number", None
    if t is str:
        return "string", None
    raise TypeError(f"no column type for {t!r}")  # pragma: no cover - definition bug


def of(
    cls: type,
    attr: str,
    name: str | None = None,
    *,
    get: Callable[[Any], Any] | None = None,
    text: str | None = None,
    **kw: Any,
) -> Column:
    """A column from the model field ``cls.attr``: its type, vocabulary and docstring.

    ``get`` reads it from the row object (default: the attribute ``attr`` of the row); a
    column read through ``get`` may be empty even where the field is required.
    """
    a = attrs.fields_dict(cls)[attr]
    inner, optional, many = _unwrap(a.type)
    # a tuple (of ids, or of records read through ``get``) is one joined string
    ftype, enum = ("string", None) if many else _type_of(inner)
    kw.setdefault("required", get is None and not optional and not many)
    return Column(
        name=name or attr,
        type=ftype,
        get=get or operator.attrgetter(attr),
        text=text,
        doc_of=(cls, attr),
        enum=enum,
        many=many,
        **kw,
    )


def col(name: str, type: FieldType, text: str, get: Callable[[Any], Any], **kw: Any) -> Column:
    """A column that is not one model field (a count, a label, a field of another record)."""
    return Column(name=name, type=type, get=get, text=text, **kw)


def _vocabulary(enum: type[Enum]) -> tuple[str, ...]:
    return tuple(m.value for m in enum)


def _cites(of_record: Callable[[Any], tuple[Citation, ...]]) -> tuple[Column, Column]:
    # The source ids are a joined cell, not a link table: the citations table holds the
    # same relation one citation a row, with its source_id a foreign key.
    return (
        col(
            "source_ids",
            "string",
            "The ids of the sources cited for the record (the citations table has one "
            "citation a row).",
            lambda r: tuple(dict.fromkeys(c.source_id for c in of_record(r))),
            many=True,
        ),
        col(
            "citations",
            "string",
            'The citations, each written "source_id: locator", joined with " | ".',
            lambda r: " | ".join(f"{c.source_id}: {c.locator}" for c in of_record(r)) or None,
        ),
    )


def _q(attr: str) -> Callable[[Any], Any]:
    # a field of a target's (or conflict side's) quantity, or None without one
    return lambda r: None if r.quantity is None else getattr(r.quantity, attr)


_DOC = ForeignKey(table="documents")
_TARGET = ForeignKey(table="targets")
_INDICATOR = ForeignKey(table="indicators")
_OBSERVATION = ForeignKey(table="observations")
_INDUSTRY = ForeignKey(table="industries")
_RECORD = ForeignKey(table="records")


# --------------------------------------------------------------------- rows


def _targets(p: Plan, scope: Scope) -> tuple[model.Target, ...]:
    return queries.targets(document=scope, all_documents=scope is None, plan=p)


def _progress(p: Plan, scope: Scope) -> tuple[analysis.Progress, ...]:
    return analysis.progress(document=scope, all_documents=scope is None, plan=p)


def _scorecard(p: Plan, scope: Scope) -> tuple[verdicts.ScorecardRow, ...]:
    return verdicts.scorecard(document=scope, all_documents=scope is None, plan=p)


def _is_plan_target(get_document_id: Callable[[Any], str]) -> Column:
    return col(
        "is_plan_target",
        "boolean",
        "Whether the target is the plan's own (false for a related document's target): "
        "filter on it for the plan's own rows.",
        get_document_id,
        of_plan=lambda p, document_id: document_id == p.id,
        required=True,
    )


def _texts(values: tuple[str, ...]) -> str | None:
    # sentences may hold "; ", so free-text lists are joined with " | "
    return " | ".join(values) or None


def _observations(p: Plan, _: Scope) -> Iterator[tuple[model.Indicator, model.Observation]]:
    return ((i, o) for i in p.indicators for o in i.observations)


def _documents(p: Plan, _: Scope) -> list[tuple[model.Plan | model.Document, int]]:
    every: tuple[model.Plan | model.Document, ...] = (p, *p.related_documents)
    return [(d, len(queries.targets(document=d.id, plan=p))) for d in every]


def _at(i: int, attr: str) -> Callable[[Any], Any]:
    # a field of the i-th object of a row tuple
    return lambda r: getattr(r[i], attr)


def _title(d: model.Plan | model.Document, language: str) -> str | None:
    titles = {t.language: t.text for t in reversed(d.titles)}
    return titles.get(language)


def _sides(p: Plan, _: Scope) -> Iterator[tuple[model.Conflict, model.ConflictSide]]:
    return ((c, s) for c in p.conflicts for s in c.sides)


def _kind(rec: object) -> str:
    name = type(rec).__name__
    return "".join(f"_{ch.lower()}" if ch.isupper() else ch for ch in name).lstrip("_")


def _owner_id(path: str, ids: dict[str, str]) -> str | None:
    # the id of the nearest record with an id at or above ``path``
    while path:
        if path in ids:
            return ids[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


@frozen
class _Cited:
    record: object
    path: str
    citation: Citation
    index: int
    owner: str | None


def _citations(p: Plan, _: Scope) -> list[_Cited]:
    found = list(walk(p))
    ids = {path: rec.id for rec, path in found if isinstance(getattr(rec, "id", None), str)}  # type: ignore[attr-defined]
    return [
        _Cited(rec, path, c, i, _owner_id(path, ids))
        for rec, path in found
        for i, c in enumerate(getattr(rec, "citations", ()))
    ]


def _records(p: Plan, _: Scope) -> list[tuple[object, str]]:
    return [(rec, path) for rec, path in walk(p) if isinstance(getattr(rec, "id", None), str)]


# ------------------------------------------------------------------- tables

_T, _I, _O, _P = model.Target, model.Indicator, model.Observation, analysis.Progress
_S = verdicts.ScorecardRow

TABLES: tuple[Table, ...] = (
    Table(
        name="industries",
        description="The plan's 3+6 industries, in the plan's order.",
        rows=lambda p, _: p.industries,
        row_key="industry_id",
        columns=(
            of(model.Industry, "id"),
            of(model.Industry, "name_en"),
            of(model.Industry, "name_zh"),
            of(model.Industry, "tier"),
            col(
                "tier_zh",
                "string",
                "The Chinese term for the tier (先导产业 or 重点产业).",
                lambda i: i.tier.name_zh,
                required=True,
            ),
            col(
                "aliases",
                "string",
                "Other names the sources use for the industry.",
                lambda i: tuple(a.name for a in i.aliases),
                many=True,
            ),
            col(
                "focus_areas",
                "string",
                "The English names of the sub-sectors and focus areas named for the industry.",
                lambda i: tuple(f.name_en for f in i.focus_areas),
                many=True,
            ),
            of(model.Industry, "description"),
            *_cites(lambda i: i.citations),
        ),
    ),
    Table(
        name="targets",
        description="Targets of the plan (by default) or of its related documents.",
        rows=_targets,
        per_document=True,
        row_key="target_id",
        columns=(
            of(_T, "id"),
            of(_T, "document_id", references=_DOC),
            _is_plan_target(lambda t: t.document_id),
            of(_T, "kind"),
            of(_T, "statement"),
            of(_T, "term_zh"),
            of(_T, "industry_ids", references=_INDUSTRY, item="industry_id"),
            of(_T, "year"),
            of(_T, "start_year"),
            of(_T, "baseline_year"),
            of(model.Quantity, "value", get=_q("value"), unit_column="unit"),
            of(model.Quantity, "unit", get=_q("unit")),
            of(model.Quantity, "comparator", get=_q("comparator")),
            of(model.Quantity, "wording", get=_q("wording")),
            of(_T, "indicator_id", references=_INDICATOR),
            of(_T, "aggregation"),
            of(
                _T,
                "alternative_indicator_ids",
                references=_INDICATOR,
                item="indicator_id",
            ),
            of(_T, "measure_note"),
            of(_T, "notes"),
            of(_T, "continues", references=_TARGET, item="earlier_target_id"),
            of(_T, "draft"),
            *_cites(lambda t: t.citations),
        ),
    ),
    Table(
        name="indicators",
        description="What is measured over time; the figures are in the observations table.",
        rows=lambda p, _: p.indicators,
        row_key="indicator_id",
        columns=(
            of(_I, "id"),
            of(_I, "name_en"),
            of(_I, "name_zh"),
            of(_I, "unit"),
            of(_I, "measure"),
            of(_I, "geography"),
            of(_I, "industry_ids", references=_INDUSTRY, item="industry_id"),
            col(
                "observations",
                "integer",
                "How many observations the indicator has.",
                lambda i: len(i.observations),
                required=True,
                unit="count",
            ),
            of(_I, "description"),
            *_cites(lambda i: i.citations),
        ),
    ),
    Table(
        name="observations",
        description="One figure of an indicator for one year (or part of a year).",
        rows=_observations,
        row_key="observation_id",
        columns=(
            of(_O, "id", get=lambda r: r[1].id, required=True),
            col(
                "indicator_id",
                "string",
                "The indicator the figure is a value of.",
                lambda r: r[0].id,
                required=True,
                references=_INDICATOR,
            ),
            col("indicator", "string", "The indicator's English name.", lambda r: r[0].name_en),
            of(_I, "measure", get=lambda r: r[0].measure, required=True),
            of(_O, "year", get=lambda r: r[1].year, required=True),
            of(_O, "value", get=lambda r: r[1].value, required=True, unit_column="unit"),
            of(_I, "unit", get=lambda r: r[0].unit, required=True),
            of(_O, "comparator", get=lambda r: r[1].comparator, required=True),
            of(_O, "basis", get=lambda r: r[1].basis, required=True),
            of(_O, "coverage", get=lambda r: r[1].coverage),
            of(
                _O,
                "derived_from",
                get=lambda r: r[1].derived_from,
                references=ForeignKey(table=""),
                item="derived_from_id",
            ),
            of(_O, "method", get=lambda r: r[1].method),
            of(_O, "notes", get=lambda r: r[1].notes),
            *_cites(lambda r: r[1].citations),
        ),
    ),
    Table(
        name="sources",
        description="Every source cited anywhere in the data, with how far to trust it.",
        rows=lambda p, _: p.sources,
        columns=tuple(
            of(model.Source, name)
            for name in (
                "id",
                "title",
                "publisher",
                "published",
                "url",
                "language",
                "kind",
                "confidence",
                "mirror",
                "original_outlet",
                "notes",
            )
        ),
    ),
    Table(
        name="progress",
        description=(
            "How each target turned out, with the growth figures (rules: the "
            "shanghai_plan.analysis module; the scorecard table has the evidence and caveats)."
        ),
        rows=_progress,
        per_document=True,
        primary_key=("target_id",),
        columns=(
            col(
                "target_id",
                "string",
                "The target judged.",
                lambda r: r.target_id,
                required=True,
                references=_TARGET,
            ),
            of(_T, "document_id", get=lambda r: r.target.document_id, references=_DOC),
            _is_plan_target(lambda r: r.target.document_id),
            col(
                "status",
                "string",
                "How the target turned out (met, not_met, on_track, off_track, or no_data: "
                "not settled).",
                lambda r: r.status,
                enum=_vocabulary(analysis.Status),
                required=True,
            ),
            of(_P, "lean"),
            col(
                "verdict",
                "string",
                'The status and lean as people read them ("not settled — leans met").',
                lambda r: r.verdict,
            ),
            of(_P, "goal", unit_column="unit"),
            col(
                "unit",
                "string",
                "The unit of the goal and of the figures (the indicator's).",
                lambda r: r.unit,
                enum=_vocabulary(model.Unit),
            ),
            col(
                "comparator",
                "string",
                "How the figure must relate to the goal (the target's comparator).",
                lambda r: None if r.target.quantity is None else r.target.quantity.comparator,
                enum=_vocabulary(model.Comparator),
            ),
            of(_P, "figure", unit_column="unit"),
            of(_P, "figure_comparator"),
            of(_P, "figure_year"),
            col("deadline", "integer", "The target's deadline year.", lambda r: r.target.year),
            col(
                "baseline_year",
                "integer",
                "The year of the baseline figure.",
                lambda r: r.baseline and r.baseline.year,
            ),
            col(
                "baseline_value",
                "number",
                "The baseline figure the target started from.",
                lambda r: r.baseline and r.baseline.value,
                unit_column="unit",
            ),
            col(
                "latest_year",
                "integer",
                "The year of the latest full-year observation up to the deadline: not "
                "necessarily the figure the verdict rests on (that is figure, figure_year).",
                lambda r: r.latest and r.latest.year,
            ),
            col(
                "latest_value",
                "number",
                "The latest full-year observation up to the deadline (see latest_year).",
                lambda r: r.latest and r.latest.value,
                unit_column="unit",
            ),
            col(
                "latest_basis",
                "string",
                "Whether the latest figure was reported by a source or derived by us.",
                lambda r: r.latest and r.latest.basis,
                enum=_vocabulary(model.Basis),
            ),
            col(
                "share_of_goal",
                "number",
                "The latest figure as a percentage of the goal (cumulative targets: the "
                "running sum).",
                lambda r: r.share_of_goal,
                unit="percent",
            ),
            of(_P, "implied_growth", unit="percent a year"),
            of(_P, "achieved_growth", unit="percent a year"),
            of(
                _P,
                "rests_on",
                get=lambda r: tuple(o.id for o in r.rests_on),
                references=_OBSERVATION,
                item="observation_id",
            ),
            of(_P, "confidence"),
            col(
                "explanation",
                "string",
                "Why the status is what it is, in a few words.",
                lambda r: r.explanation,
            ),
        ),
    ),
    Table(
        name="scorecard",
        description=(
            "Did the plan deliver? One row per target: its status (and, where the evidence "
            "does not settle it, which way it leans and by which rule), the evidence and "
            "measure it rests on, how strong that is, the main caveat and the others, and what "
            "would settle it."
        ),
        rows=_scorecard,
        headline=lambda p: verdicts.tally(verdicts.scorecard(plan=p)),
        per_document=True,
        primary_key=("target_id",),
        columns=(
            of(_S, "target_id", required=True, references=_TARGET),
            of(_S, "document_id", required=True, references=_DOC),
            _is_plan_target(lambda r: r.document_id),
            of(_S, "statement"),
            of(_S, "kind"),
            of(_S, "deadline"),
            of(_S, "status"),
            of(_S, "lean"),
            of(_S, "verdict"),
            of(_S, "evidence"),
            of(_S, "measure", references=_INDICATOR),
            of(_S, "goal", unit_column="unit"),
            of(_S, "unit"),
            of(_S, "goal_comparator"),
            of(_S, "figure", unit_column="unit"),
            of(_S, "figure_comparator"),
            of(_S, "figure_year"),
            of(_S, "confidence"),
            of(_S, "why"),
            of(_S, "main_caveat"),
            of(_S, "lean_rule"),
            of(_S, "lean_note"),
            col(
                "caveats",
                "string",
                "What a reader should know, the one that matters most first (disputed and "
                "noted records, the baseline included; disagreeing findings; the deadline year; "
                'partial years; later figures), joined with " | ".',
                lambda r: _texts(r.caveats),
            ),
            of(_S, "missing"),
            col(
                "other_measures",
                "string",
                'The verdicts on the target\'s other measures, "indicator-id: status — why", '
                'joined with " | ".',
                lambda r: _texts(r.other_measures),
            ),
            of(_S, "rests_on", references=_RECORD, item="record_id"),
            of(_S, "gap_ids", references=_RECORD, item="gap_id"),
            of(_S, "lean_rests_on", references=_RECORD, item="record_id"),
        ),
    ),
    Table(
        name="findings",
        description=(
            "Cited statements of how outcomes turned out: official claims, evaluations and "
            "reports, with what they say about the targets they name."
        ),
        rows=lambda p, _: p.findings,
        columns=(
            of(model.Finding, "id"),
            of(model.Finding, "kind"),
            of(model.Finding, "statement"),
            of(model.Finding, "year"),
            of(model.Finding, "stated"),
            of(model.Finding, "bearing"),
            of(model.Finding, "target_ids", references=_TARGET, item="target_id"),
            of(model.Finding, "indicator_ids", references=_INDICATOR, item="indicator_id"),
            of(model.Quantity, "value", get=_q("value"), unit_column="unit"),
            of(model.Quantity, "unit", get=_q("unit")),
            of(model.Quantity, "comparator", get=_q("comparator")),
            of(model.Finding, "measures"),
            of(model.Finding, "notes"),
            *_cites(lambda f: f.citations),
        ),
    ),
    Table(
        name="gaps",
        description="What the data knows it does not know, and what was looked for.",
        rows=lambda p, _: p.gaps,
        columns=(
            of(model.Gap, "id"),
            of(model.Gap, "topic"),
            of(model.Gap, "record_ids", references=_RECORD, item="record_id"),
            col(
                "years",
                "string",
                "The years for which a figure is missing.",
                lambda g: tuple(str(y) for y in g.years),
                many=True,
            ),
            of(model.Gap, "searched"),
            of(model.Gap, "would_settle"),
            col(
                "checked",
                "string",
                'Sources read that do not give it, each written "source_id: locator", '
                'joined with " | ".',
                lambda g: " | ".join(f"{c.source_id}: {c.locator}" for c in g.checked) or None,
            ),
            of(model.Gap, "no_successor"),
        ),
    ),
    Table(
        name="goals",
        description="Non-numeric goals: main-line strands, end-of-period goals, the outlook.",
        rows=lambda p, _: p.goals,
        columns=(
            of(model.Goal, "id"),
            of(model.Goal, "kind"),
            of(model.Goal, "year"),
            of(model.Goal, "text"),
            of(model.Goal, "term_zh"),
            *_cites(lambda g: g.citations),
        ),
    ),
    Table(
        name="documents",
        description=(
            "The plan itself (the first row, with no relation) and the documents related to it."
        ),
        rows=_documents,
        columns=(
            of(model.Document, "id", get=_at(0, "id"), text="For the first row, the plan's id."),
            of(
                model.Document,
                "relation",
                get=lambda r: None if isinstance(r[0], Plan) else r[0].relation,
                text="Empty for the plan itself.",
            ),
            col("title_zh", "string", "The Chinese title.", lambda r: _title(r[0], "zh")),
            col("title_en", "string", "The English title.", lambda r: _title(r[0], "en")),
            of(model.Document, "document_number", get=_at(0, "document_number")),
            col(
                "issuer",
                "string",
                "Who issued it (English name).",
                lambda r: r[0].issuer and r[0].issuer.name_en,
            ),
            col(
                "period_start",
                "integer",
                "The first year it covers.",
                lambda r: r[0].period and r[0].period.start_year,
            ),
            col(
                "period_end",
                "integer",
                "The last year it covers (included).",
                lambda r: r[0].period and r[0].period.end_year,
            ),
            col(
                "events",
                "string",
                'Dated events, each written "kind YYYY-MM-DD".',
                lambda r: tuple(f"{e.kind.value} {e.date.isoformat()}" for e in r[0].events),
                many=True,
            ),
            col(
                "targets",
                "integer",
                "How many targets in the data the document sets.",
                lambda r: r[1],
                required=True,
                unit="count",
            ),
            of(model.Document, "summary", get=_at(0, "summary")),
            *_cites(lambda r: r[0].citations),
        ),
    ),
    Table(
        name="conflicts",
        description="Where sources disagree: one row per side of each conflict.",
        rows=_sides,
        primary_key=("side_id",),
        columns=(
            col(
                "conflict_id",
                "string",
                "The conflict's id (one conflict has a row per side).",
                lambda r: r[0].id,
                required=True,
                references=_RECORD,
            ),
            of(model.Conflict, "topic", get=lambda r: r[0].topic, required=True),
            of(model.ConflictSide, "id", "side_id", get=lambda r: r[1].id, required=True),
            col(
                "preferred",
                "boolean",
                "Whether the data prefers this side (empty when no side is preferred).",
                lambda r: (
                    None if r[0].preferred_side_id is None else r[0].preferred_side_id == r[1].id
                ),
            ),
            of(model.ConflictSide, "claim", get=lambda r: r[1].claim, required=True),
            of(model.ConflictSide, "measures", get=lambda r: r[1].measures),
            of(model.Quantity, "value", get=lambda r: _q("value")(r[1]), unit_column="unit"),
            of(model.Quantity, "unit", get=lambda r: _q("unit")(r[1])),
            of(model.Quantity, "comparator", get=lambda r: _q("comparator")(r[1])),
            of(
                model.ConflictSide,
                "record_ids",
                get=lambda r: r[1].record_ids,
                references=_RECORD,
                item="record_id",
            ),
            of(model.Conflict, "resolution", get=lambda r: r[0].resolution, required=True),
            *_cites(lambda r: r[1].citations),
        ),
    ),
    Table(
        name="citations",
        description="Every citation of every record: which source, where in it.",
        rows=_citations,
        primary_key=("path",),
        columns=(
            col(
                "record_id",
                "string",
                "The id of the cited record, or for a record without an id (a title, an "
                "alias, an event) of the record it belongs to.",
                lambda c: c.owner,
                references=_RECORD,
                required=True,
            ),
            col(
                "record_kind",
                "string",
                "What kind of record is cited (target, observation, alias, title …).",
                lambda c: _kind(c.record),
                required=True,
            ),
            of(
                Citation,
                "source_id",
                get=lambda c: c.citation.source_id,
                required=True,
                references=ForeignKey(table="sources"),
            ),
            of(Citation, "locator", get=lambda c: c.citation.locator, required=True),
            col(
                "path",
                "string",
                "Where the citation is in the plan file, as a JSON path.",
                lambda c: f"{c.path}.citations[{c.index}]",
                required=True,
            ),
        ),
    ),
    Table(
        name="records",
        description="Every record with an id, of any kind: what the id columns refer to.",
        rows=_records,
        columns=(
            col("id", "string", "The record's id.", lambda r: r[0].id, required=True),
            col(
                "kind",
                "string",
                "What kind of record it is (plan, industry, target, observation, source …).",
                lambda r: _kind(r[0]),
                required=True,
            ),
            col(
                "path",
                "string",
                "Where the record is in the plan file, as a JSON path.",
                lambda r: r[1],
                required=True,
            ),
        ),
    ),
)
"""Every table, in the order of :data:`shanghai_plan.export.RECORD_KINDS`."""


_BY_NAME = {t.name: t for t in TABLES}


def table(kind: str) -> Table:
    """The definition of one table; :class:`~shanghai_plan.InvalidChoiceError` (listing the
    kinds) for an unknown kind, which is compared case-insensitively."""
    from ._args import check_literal

    return _BY_NAME[check_literal(kind, tuple(_BY_NAME), "kind")]
