"""Shanghai's 14th Five-Year Plan for advanced manufacturing (2021–2025) as typed, cited data.

>>> import shanghai_plan as sp
>>> [i.name_en for i in sp.leading_industries()]
['Integrated circuits', 'Biomedicine', 'Artificial intelligence']

Importing the package reads no file, builds no converter and defines no class: every
public name is loaded from its module on first use (PEP 562), and the bundled plan is
loaded on the first question and cached.

Adding a public name — it is written once, in the ``TYPE_CHECKING`` imports below:

1. define it in its module and list it in that module's ``__all__``;
2. add it to the ``TYPE_CHECKING`` imports below (``from .module import name``) — a new
   module needs nothing more; a computed constant is an annotation there, with its
   value given in ``__getattr__``;
3. run ``python scripts/gen_namespace.py``, which derives ``__all__`` and the lazy-import
   table ``_HOME`` (the generated block at the end of this file) from those imports.

Type checkers read the imports; ``tests/test_public_api.py`` fails while the generated
block disagrees with them, and the import audit proves the names stay lazy.
"""

from typing import TYPE_CHECKING

from ._version import __version__

if TYPE_CHECKING:
    import datetime
    from types import ModuleType

    from .analysis import EvidenceKind, Lean, LeanRule, Progress, Status, progress, verdict_text
    from .charts import plot
    from .citing import cite
    from .display import show
    from .errors import (
        DataProblem,
        InvalidChoiceError,
        MissingDependencyError,
        NotFoundError,
        PlanDataError,
        ShanghaiPlanError,
    )
    from .export import (
        RECORD_KINDS,
        dump,
        dumps,
        json_schema,
        to_csv,
        to_dataframe,
        to_records,
        write_csv,
        write_datapackage,
    )
    from .loading import DEFAULT_MAX_BYTES, load, loads
    from .model import (
        Aggregation,
        Alias,
        Basis,
        Bearing,
        Citation,
        Comparator,
        Confidence,
        Conflict,
        ConflictSide,
        Context,
        ContextItem,
        Definition,
        Document,
        Event,
        EventKind,
        Finding,
        FindingKind,
        FocusArea,
        Gap,
        Goal,
        GoalKind,
        Indicator,
        Industry,
        IndustryTier,
        Measure,
        Observation,
        Organization,
        Period,
        Person,
        Plan,
        Quantity,
        Relation,
        Source,
        SourceKind,
        Target,
        TargetKind,
        Title,
        TitleKind,
        Unit,
    )
    from .queries import (
        cited_sources,
        conflicts,
        document,
        documents,
        findings,
        gaps,
        indicator,
        indicators,
        industries,
        industries_of,
        industry,
        key_industries,
        leading_industries,
        observations,
        record,
        source,
        sources,
        target,
        targets,
    )
    from .releases import ChangeKind, RecordChange, Release, VerdictChange, changes
    from .rows import (
        CitationsRecord,
        ConflictsRecord,
        DocumentsRecord,
        FindingsRecord,
        GapsRecord,
        GoalsRecord,
        IndicatorsRecord,
        IndustriesRecord,
        ObservationsRecord,
        ProgressRecord,
        RecordsRecord,
        ScorecardRecord,
        SourcesRecord,
        TargetsRecord,
    )
    from .searching import SearchHit, search
    from .succession import Successor, Successors, SuccessorStatus, successors
    from .timeseries import Series, SeriesPoint, series
    from .verdicts import Scorecard, ScorecardRow, scorecard, tally

    DATA_VERSION: str
    """Version of the bundled data (read from the data on first access)."""
    DATA_AS_OF: datetime.date
    """Date up to which the bundled data was checked (read from the data on first access)."""


_display_installed = False


def _module(home: str) -> "ModuleType":
    # Only a module named in the generated table below is ever imported here.
    from importlib import import_module

    return import_module(f"{__name__}.{home}")


def __getattr__(name: str) -> object:
    # PEP 562: import the defining module on first use, then keep the name here.
    global _display_installed
    if name in ("DATA_VERSION", "DATA_AS_OF"):
        from .loading import load

        plan = load()
        return plan.data_version if name == "DATA_VERSION" else plan.data_as_of
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = _module(home)
    value = getattr(module, name)
    if not _display_installed:  # records get their notebook display with the first name
        _display_installed = True
        from . import model

        for cls in (
            model.Plan,
            model.Industry,
            model.Target,
            model.Source,
            model.Indicator,
            model.Conflict,
            model.Finding,
            model.Gap,
        ):
            setattr(cls, "_repr_html_", _repr_html_)  # noqa: B010
    if home in ("analysis", "verdicts", "timeseries", "charts", "display"):
        from . import analysis, timeseries, verdicts

        for later in (analysis.Progress, verdicts.ScorecardRow, timeseries.Series):
            setattr(later, "_repr_html_", _repr_html_)  # noqa: B010
    globals()[name] = value
    return value


def _repr_html_(obj: object) -> str:
    # Attached to the record classes; the renderer is imported only when a notebook asks.
    from .display import html

    return html(obj)


def __dir__() -> list[str]:
    # the public names and the module's own dunders; not TYPE_CHECKING or private helpers
    return sorted({*__all__, *(n for n in globals() if n.startswith("__") and n.endswith("__"))})


# --- generated by scripts/gen_namespace.py from the imports above: do not edit ---
__all__ = [
    "DATA_AS_OF",
    "DATA_VERSION",
    "DEFAULT_MAX_BYTES",
    "RECORD_KINDS",
    "Aggregation",
    "Alias",
    "Basis",
    "Bearing",
    "ChangeKind",
    "Citation",
    "CitationsRecord",
    "Comparator",
    "Confidence",
    "Conflict",
    "ConflictSide",
    "ConflictsRecord",
    "Context",
    "ContextItem",
    "DataProblem",
    "Definition",
    "Document",
    "DocumentsRecord",
    "Event",
    "EventKind",
    "EvidenceKind",
    "Finding",
    "FindingKind",
    "FindingsRecord",
    "FocusArea",
    "Gap",
    "GapsRecord",
    "Goal",
    "GoalKind",
    "GoalsRecord",
    "Indicator",
    "IndicatorsRecord",
    "IndustriesRecord",
    "Industry",
    "IndustryTier",
    "InvalidChoiceError",
    "Lean",
    "LeanRule",
    "Measure",
    "MissingDependencyError",
    "NotFoundError",
    "Observation",
    "ObservationsRecord",
    "Organization",
    "Period",
    "Person",
    "Plan",
    "PlanDataError",
    "Progress",
    "ProgressRecord",
    "Quantity",
    "RecordChange",
    "RecordsRecord",
    "Relation",
    "Release",
    "Scorecard",
    "ScorecardRecord",
    "ScorecardRow",
    "SearchHit",
    "Series",
    "SeriesPoint",
    "ShanghaiPlanError",
    "Source",
    "SourceKind",
    "SourcesRecord",
    "Status",
    "Successor",
    "SuccessorStatus",
    "Successors",
    "Target",
    "TargetKind",
    "TargetsRecord",
    "Title",
    "TitleKind",
    "Unit",
    "VerdictChange",
    "__version__",
    "changes",
    "cite",
    "cited_sources",
    "conflicts",
    "document",
    "documents",
    "dump",
    "dumps",
    "findings",
    "gaps",
    "indicator",
    "indicators",
    "industries",
    "industries_of",
    "industry",
    "json_schema",
    "key_industries",
    "leading_industries",
    "load",
    "loads",
    "observations",
    "plot",
    "progress",
    "record",
    "scorecard",
    "search",
    "series",
    "show",
    "source",
    "sources",
    "successors",
    "tally",
    "target",
    "targets",
    "to_csv",
    "to_dataframe",
    "to_records",
    "verdict_text",
    "write_csv",
    "write_datapackage",
]

_HOME: dict[str, str] = {
    "EvidenceKind": "analysis",
    "Lean": "analysis",
    "LeanRule": "analysis",
    "Progress": "analysis",
    "Status": "analysis",
    "progress": "analysis",
    "verdict_text": "analysis",
    "plot": "charts",
    "cite": "citing",
    "show": "display",
    "DataProblem": "errors",
    "InvalidChoiceError": "errors",
    "MissingDependencyError": "errors",
    "NotFoundError": "errors",
    "PlanDataError": "errors",
    "ShanghaiPlanError": "errors",
    "RECORD_KINDS": "export",
    "dump": "export",
    "dumps": "export",
    "json_schema": "export",
    "to_csv": "export",
    "to_dataframe": "export",
    "to_records": "export",
    "write_csv": "export",
    "write_datapackage": "export",
    "DEFAULT_MAX_BYTES": "loading",
    "load": "loading",
    "loads": "loading",
    "Aggregation": "model",
    "Alias": "model",
    "Basis": "model",
    "Bearing": "model",
    "Citation": "model",
    "Comparator": "model",
    "Confidence": "model",
    "Conflict": "model",
    "ConflictSide": "model",
    "Context": "model",
    "ContextItem": "model",
    "Definition": "model",
    "Document": "model",
    "Event": "model",
    "EventKind": "model",
    "Finding": "model",
    "FindingKind": "model",
    "FocusArea": "model",
    "Gap": "model",
    "Goal": "model",
    "GoalKind": "model",
    "Indicator": "model",
    "Industry": "model",
    "IndustryTier": "model",
    "Measure": "model",
    "Observation": "model",
    "Organization": "model",
    "Period": "model",
    "Person": "model",
    "Plan": "model",
    "Quantity": "model",
    "Relation": "model",
    "Source": "model",
    "SourceKind": "model",
    "Target": "model",
    "TargetKind": "model",
    "Title": "model",
    "TitleKind": "model",
    "Unit": "model",
    "cited_sources": "queries",
    "conflicts": "queries",
    "document": "queries",
    "documents": "queries",
    "findings": "queries",
    "gaps": "queries",
    "indicator": "queries",
    "indicators": "queries",
    "industries": "queries",
    "industries_of": "queries",
    "industry": "queries",
    "key_industries": "queries",
    "leading_industries": "queries",
    "observations": "queries",
    "record": "queries",
    "source": "queries",
    "sources": "queries",
    "target": "queries",
    "targets": "queries",
    "ChangeKind": "releases",
    "RecordChange": "releases",
    "Release": "releases",
    "VerdictChange": "releases",
    "changes": "releases",
    "CitationsRecord": "rows",
    "ConflictsRecord": "rows",
    "DocumentsRecord": "rows",
    "FindingsRecord": "rows",
    "GapsRecord": "rows",
    "GoalsRecord": "rows",
    "IndicatorsRecord": "rows",
    "IndustriesRecord": "rows",
    "ObservationsRecord": "rows",
    "ProgressRecord": "rows",
    "RecordsRecord": "rows",
    "ScorecardRecord": "rows",
    "SourcesRecord": "rows",
    "TargetsRecord": "rows",
    "SearchHit": "searching",
    "search": "searching",
    "Successor": "succession",
    "SuccessorStatus": "succession",
    "Successors": "succession",
    "successors": "succession",
    "Series": "timeseries",
    "SeriesPoint": "timeseries",
    "series": "timeseries",
    "Scorecard": "verdicts",
    "ScorecardRow": "verdicts",
    "scorecard": "verdicts",
    "tally": "verdicts",
}
"""Where each lazily loaded public name is defined."""
# --- end of generated block ---
