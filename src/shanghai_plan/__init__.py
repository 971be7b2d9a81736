"""Shanghai's 14th Five-Year Plan for advanced manufacturing (2021–2025) as typed, cited data.

>>> import shanghai_plan as sp
>>> [i.name_en for i in sp.leading_industries()]
['Integrated circuits', 'Biomedicine', 'Artificial intelligence']

Importing the package reads no file and builds no converter: the bundled plan is loaded
on the first question and cached.
"""

from typing import TYPE_CHECKING

from . import display as _display
from ._version import __version__
from .analysis import Progress, Status, progress
from .errors import (
    DataProblem,
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
)
from .loading import DEFAULT_MAX_BYTES, load, loads
from .model import (
    Aggregation,
    Alias,
    Basis,
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
    FocusArea,
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
    SearchHit,
    cited_sources,
    conflicts,
    document,
    documents,
    indicator,
    indicators,
    industries,
    industry,
    key_industries,
    leading_industries,
    observations,
    record,
    search,
    source,
    sources,
    target,
    targets,
)

if TYPE_CHECKING:
    import datetime

    DATA_VERSION: str
    """Version of the bundled data (read from the data on first access)."""
    DATA_AS_OF: datetime.date
    """Date up to which the bundled data was checked (read from the data on first access)."""

__all__ = [
    "DATA_AS_OF",
    "DATA_VERSION",
    "DEFAULT_MAX_BYTES",
    "RECORD_KINDS",
    "Aggregation",
    "Alias",
    "Basis",
    "Citation",
    "Comparator",
    "Confidence",
    "Conflict",
    "ConflictSide",
    "Context",
    "ContextItem",
    "DataProblem",
    "Definition",
    "Document",
    "Event",
    "EventKind",
    "FocusArea",
    "Goal",
    "GoalKind",
    "Indicator",
    "Industry",
    "IndustryTier",
    "Measure",
    "MissingDependencyError",
    "NotFoundError",
    "Observation",
    "Organization",
    "Period",
    "Person",
    "Plan",
    "PlanDataError",
    "Progress",
    "Quantity",
    "Relation",
    "SearchHit",
    "ShanghaiPlanError",
    "Source",
    "SourceKind",
    "Status",
    "Target",
    "TargetKind",
    "Title",
    "TitleKind",
    "Unit",
    "__version__",
    "cited_sources",
    "conflicts",
    "document",
    "documents",
    "dump",
    "dumps",
    "indicator",
    "indicators",
    "industries",
    "industry",
    "json_schema",
    "key_industries",
    "leading_industries",
    "load",
    "loads",
    "observations",
    "progress",
    "record",
    "search",
    "source",
    "sources",
    "target",
    "targets",
    "to_csv",
    "to_dataframe",
    "to_records",
    "write_csv",
]

_display.install()


def __getattr__(name: str) -> object:
    # PEP 562: the data constants are read from the bundled data when first asked for.
    if name == "DATA_VERSION":
        return load().data_version
    if name == "DATA_AS_OF":
        return load().data_as_of
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | {"DATA_VERSION", "DATA_AS_OF"})
