"""Typed rows: what ``to_records(kind)`` returns, one ``TypedDict`` per table.

Generated from :data:`shanghai_plan.tables.TABLES` by ``scripts/gen_rows.py``: do not
edit. A key is typed ``X | None`` unless the column is never empty; joined lists are
strings (``"; "``), closed vocabularies their plain string values.
"""

from typing import TypedDict

__all__ = [
    "CitationsRecord",
    "ConflictsRecord",
    "DocumentsRecord",
    "FindingsRecord",
    "GapsRecord",
    "GoalsRecord",
    "IndicatorsRecord",
    "IndustriesRecord",
    "ObservationsRecord",
    "ProgressRecord",
    "RecordsRecord",
    "ScorecardRecord",
    "SourcesRecord",
    "TargetsRecord",
]


class IndustriesRecord(TypedDict):
    """A row of the ``industries`` table."""

    id: str
    name_en: str
    name_zh: str
    tier: str
    tier_zh: str
    aliases: str | None
    focus_areas: str | None
    description: str | None
    source_ids: str | None
    citations: str | None


class TargetsRecord(TypedDict):
    """A row of the ``targets`` table."""

    id: str
    document_id: str
    is_plan_target: bool
    kind: str
    statement: str
    term_zh: str | None
    industry_ids: str | None
    year: int | None
    start_year: int | None
    baseline_year: int | None
    value: float | None
    unit: str | None
    comparator: str | None
    wording: str | None
    indicator_id: str | None
    aggregation: str
    alternative_indicator_ids: str | None
    measure_note: str | None
    notes: str | None
    continues: str | None
    draft: bool
    source_ids: str | None
    citations: str | None


class IndicatorsRecord(TypedDict):
    """A row of the ``indicators`` table."""

    id: str
    name_en: str
    name_zh: str | None
    unit: str
    measure: str
    geography: str
    industry_ids: str | None
    observations: int
    description: str | None
    source_ids: str | None
    citations: str | None


class ObservationsRecord(TypedDict):
    """A row of the ``observations`` table."""

    id: str
    indicator_id: str
    indicator: str | None
    measure: str
    year: int
    value: float
    unit: str
    comparator: str
    basis: str
    coverage: str | None
    derived_from: str | None
    method: str | None
    notes: str | None
    source_ids: str | None
    citations: str | None


class SourcesRecord(TypedDict):
    """A row of the ``sources`` table."""

    id: str
    title: str
    publisher: str
    published: str | None
    url: str
    language: str
    kind: str
    confidence: str
    mirror: bool
    original_outlet: str | None
    notes: str | None


class ProgressRecord(TypedDict):
    """A row of the ``progress`` table."""

    target_id: str
    document_id: str | None
    is_plan_target: bool
    status: str
    lean: str
    verdict: str | None
    goal: float | None
    unit: str | None
    comparator: str | None
    figure: float | None
    figure_comparator: str | None
    figure_year: int | None
    deadline: int | None
    baseline_year: int | None
    baseline_value: float | None
    latest_year: int | None
    latest_value: float | None
    latest_basis: str | None
    share_of_goal: float | None
    implied_growth: float | None
    achieved_growth: float | None
    rests_on: str | None
    confidence: str | None
    explanation: str | None


class ScorecardRecord(TypedDict):
    """A row of the ``scorecard`` table."""

    target_id: str
    document_id: str
    is_plan_target: bool
    statement: str
    kind: str
    deadline: int | None
    status: str
    lean: str
    verdict: str
    evidence: str
    measure: str | None
    goal: float | None
    unit: str | None
    goal_comparator: str | None
    figure: float | None
    figure_comparator: str | None
    figure_year: int | None
    confidence: str | None
    why: str
    main_caveat: str | None
    lean_rule: str | None
    lean_note: str | None
    caveats: str | None
    missing: str | None
    other_measures: str | None
    rests_on: str | None
    gap_ids: str | None
    lean_rests_on: str | None


class FindingsRecord(TypedDict):
    """A row of the ``findings`` table."""

    id: str
    kind: str
    statement: str
    year: int | None
    stated: str | None
    bearing: str
    target_ids: str | None
    indicator_ids: str | None
    value: float | None
    unit: str | None
    comparator: str | None
    measures: str | None
    notes: str | None
    source_ids: str | None
    citations: str | None


class GapsRecord(TypedDict):
    """A row of the ``gaps`` table."""

    id: str
    topic: str
    record_ids: str | None
    years: str | None
    searched: str
    would_settle: str | None
    checked: str | None
    no_successor: bool


class GoalsRecord(TypedDict):
    """A row of the ``goals`` table."""

    id: str
    kind: str
    year: int | None
    text: str
    term_zh: str | None
    source_ids: str | None
    citations: str | None


class DocumentsRecord(TypedDict):
    """A row of the ``documents`` table."""

    id: str | None
    relation: str | None
    title_zh: str | None
    title_en: str | None
    document_number: str | None
    issuer: str | None
    period_start: int | None
    period_end: int | None
    events: str | None
    targets: int
    summary: str | None
    source_ids: str | None
    citations: str | None


class ConflictsRecord(TypedDict):
    """A row of the ``conflicts`` table."""

    conflict_id: str
    topic: str
    side_id: str
    preferred: bool | None
    claim: str
    measures: str | None
    value: float | None
    unit: str | None
    comparator: str | None
    record_ids: str | None
    resolution: str
    source_ids: str | None
    citations: str | None


class CitationsRecord(TypedDict):
    """A row of the ``citations`` table."""

    record_id: str
    record_kind: str
    source_id: str
    locator: str
    path: str


class RecordsRecord(TypedDict):
    """A row of the ``records`` table."""

    id: str
    kind: str
    path: str
