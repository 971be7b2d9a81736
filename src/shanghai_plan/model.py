"""The vocabulary of shanghai_plan: frozen, slotted attrs classes and enums.

This module imports nothing from the rest of the package when it is imported, so it can
be read (or copied, as the benchmark's floor does) on its own.  ``str(Quantity)`` imports
``_format``, a leaf module (the one way a figure is written), when it is called, and the
records a notebook shows have a ``_repr_html_`` that imports
:mod:`shanghai_plan.display` when it is called: the one arrow that points up, and only
at display time.  Every record is deeply
immutable (collections are tuples, nested records are frozen), so one loaded ``Plan``
can be shared by every caller.  Numbers are stored in base units (yuan, not 亿元;
vehicles, not 万辆; percent as percent) together with a :class:`Unit` and a
:class:`Comparator`, so arithmetic works; the original wording stays in text fields.

Long free-text fields are ``repr=False`` so that every record prints on one line.
"""

import datetime as _dt
from enum import Enum

from attrs import field, frozen

__all__ = [
    "Aggregation",
    "Alias",
    "Basis",
    "Bearing",
    "Citation",
    "Comparator",
    "Confidence",
    "Conflict",
    "ConflictSide",
    "Context",
    "ContextItem",
    "Definition",
    "Document",
    "Event",
    "EventKind",
    "Finding",
    "FindingKind",
    "FocusArea",
    "Gap",
    "Goal",
    "GoalKind",
    "Indicator",
    "Industry",
    "IndustryTier",
    "Measure",
    "Observation",
    "Organization",
    "Period",
    "Person",
    "Plan",
    "Quantity",
    "Relation",
    "Source",
    "SourceKind",
    "Target",
    "TargetKind",
    "Title",
    "TitleKind",
    "Unit",
]


# --------------------------------------------------------------------------- enums


class _Vocabulary(str, Enum):
    """Base of the closed vocabularies: values are the strings used in the JSON.

    A member *is* its JSON string: ``Confidence.WEAK == "weak"``, ``str()`` and
    f-strings give ``"weak"``, and it hashes like the string, so it can be compared with
    the cells of a DataFrame or CSV and used to look up a dict keyed by the plain strings.
    ``repr`` stays ``Confidence.WEAK``.  (``enum.StrEnum`` would do the same but needs
    Python 3.11; this works on 3.10 too.)  Two vocabularies sharing a value
    (``Unit.COUNT`` and ``Measure.COUNT``) therefore compare equal to each other; compare
    with ``is`` when the vocabulary matters.
    """

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"

    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, format_spec: str) -> str:
        return str.__format__(str.__str__(self), format_spec)


class Confidence(_Vocabulary):
    """How far a source can be trusted.

    ``PRIMARY``: the plan text itself or an official government page.
    ``SECONDARY``: reputable news, or an ordinary repost of news or of an official text.
    ``WEAK``: aggregators, spam-injected mirrors, forum reposts, machine summaries.
    """

    PRIMARY = "primary"
    """The plan text itself (also as a verbatim reprint) or an official government page."""
    SECONDARY = "secondary"
    """Reputable news, or an ordinary repost of news or of an official text."""
    WEAK = "weak"
    """An aggregator, a spam-injected mirror, a forum repost, a machine-written summary, or
    code that merely cites a URL: treat with care."""


class SourceKind(_Vocabulary):
    """What kind of publication a source is."""

    PLAN_TEXT = "plan_text"
    """The text of a plan or policy document (possibly as a verbatim reprint)."""
    OFFICIAL = "official"
    """A government page other than the plan text (briefing, reply, portal article)."""
    NEWS = "news"
    """News coverage."""
    NEWSLETTER = "newsletter"
    """A commercial or chamber newsletter summarising news."""
    AGGREGATOR = "aggregator"
    """An aggregator, forum repost or machine-written summary."""
    REFERENCE = "reference"
    """An encyclopaedia, journal abstract, analysis or other reference work."""


class IndustryTier(_Vocabulary):
    """The tier the plan gives an industry in its "3+6" system."""

    LEADING = "leading"
    """先导产业: the three leading industries."""
    KEY = "key"
    """重点产业: the six key industries."""

    @property
    def name_zh(self) -> str:
        """The Chinese term for the tier."""
        return _TIER_ZH[self]


_TIER_ZH = {IndustryTier.LEADING: "先导产业", IndustryTier.KEY: "重点产业"}


class TargetKind(_Vocabulary):
    """Whether a target carries a measurable quantity."""

    QUANTITATIVE = "quantitative"
    """Carries a :class:`Quantity` (a figure, a unit and a comparator)."""
    QUALITATIVE = "qualitative"
    """A goal without a figure (build a platform, take the lead)."""


class Aggregation(_Vocabulary):
    """How a target's figure relates to the years it covers."""

    LEVEL = "level"
    """The figure to reach by the deadline year (the default)."""
    CUMULATIVE = "cumulative"
    """The sum of the yearly figures from ``start_year`` to the deadline (850 bn over 2021–25)."""
    PER_YEAR = "per_year"
    """A rate to hold each year from ``start_year`` to the deadline (GDP growth of 5 % a year);
    judged on the average over those years (compound for growth rates)."""


class Comparator(_Vocabulary):
    """How a stated figure relates to the real value (``about 850 bn``, ``more than 1.2 m``)."""

    EXACTLY = "exactly"
    """Exactly the figure."""
    ABOUT = "about"
    """About the figure (左右)."""
    AT_LEAST = "at_least"
    """The figure or more (不低于; also 以上 as in 100个以上, which counts the figure itself)."""
    MORE_THAN = "more_than"
    """More than the figure (超过, 突破 as the source words it)."""
    AT_MOST = "at_most"
    """The figure or less (e.g. a process node of 3 nm or below)."""
    LESS_THAN = "less_than"
    """Less than the figure."""

    @property
    def symbol(self) -> str:
        """A one-character rendering (``≈``, ``≥``, ``>`` …)."""
        return _COMPARATOR_SYMBOL[self]


_COMPARATOR_SYMBOL = {
    Comparator.EXACTLY: "=",
    Comparator.ABOUT: "≈",
    Comparator.AT_LEAST: "≥",
    Comparator.MORE_THAN: ">",
    Comparator.AT_MOST: "≤",
    Comparator.LESS_THAN: "<",
}


class Unit(_Vocabulary):
    """Base units for quantities and observations."""

    YUAN = "yuan"
    """Chinese yuan (renminbi), current prices unless a record says otherwise."""
    PERCENT = "percent"
    """Percent, stored as percent (25 means 25 %)."""
    PERCENTAGE_POINTS = "percentage_points"
    """A difference between two percentages."""
    MULTIPLE = "multiple"
    """A ratio to a baseline (2 means "double")."""
    COUNT = "count"
    """A number of things (projects, clusters, firms, items)."""
    VEHICLES = "vehicles"
    """Motor vehicles."""
    NANOMETRES = "nanometres"
    """Semiconductor process node in nanometres."""
    YUAN_PER_PERSON = "yuan_per_person"
    """Yuan per person (for example labour productivity)."""
    PER_10K_PEOPLE = "per_10k_people"
    """Per 10,000 residents."""
    UNITS_PER_10K_WORKERS = "units_per_10k_workers"
    """Installed units per 10,000 workers (for example robot density)."""


class Measure(_Vocabulary):
    """What an indicator measures: figures of different measures must not be compared."""

    INDUSTRY_SCALE = "industry_scale"
    """产业规模: total scale of an industry, which may include services and trade."""
    GROSS_OUTPUT = "gross_output"
    """工业总产值 / 产值: gross (manufacturing) output value."""
    VALUE_ADDED = "value_added"
    """增加值: value added."""
    REVENUE = "revenue"
    """Sales or operating revenue (营业收入 / 销售收入)."""
    SHARE = "share"
    """A share of a total, in percent."""
    GROWTH_RATE = "growth_rate"
    """Year-on-year growth, in percent."""
    PRODUCTION_VOLUME = "production_volume"
    """Physical output (vehicles produced)."""
    INVESTMENT = "investment"
    """Investment (fixed-asset or industrial)."""
    COUNT = "count"
    """A count of things."""
    GDP = "gdp"
    """Gross domestic (regional) product."""
    TECHNOLOGY_LEVEL = "technology_level"
    """A technology level such as a process node."""
    OTHER = "other"
    """Anything else; the indicator's description says what."""


class Basis(_Vocabulary):
    """Whether an observation was reported by a source or computed by us."""

    REPORTED = "reported"
    """Stated by the cited source."""
    DERIVED = "derived"
    """Our arithmetic on other observations (named in ``derived_from``)."""


class GoalKind(_Vocabulary):
    """The kinds of non-numeric goal a plan states, and the measures it takes to reach them."""

    MAIN_LINE = "main_line"
    """主线: a strand of the plan's main line."""
    GOAL = "goal"
    """A goal for the end of the plan period."""
    OUTLOOK = "outlook"
    """A longer-range outlook (远景), e.g. for 2035."""
    MEASURE = "measure"
    """保障措施: a measure the plan takes to reach its goals (finance, fiscal support …)."""


class EventKind(_Vocabulary):
    """Dated events in the life of a document."""

    ISSUED = "issued"
    """The date on the issuing notice (印发 / signature date)."""
    PUBLISHED = "published"
    """Made public."""
    ADOPTED = "adopted"
    """Adopted or approved by a congress or government body."""
    TABLED = "tabled"
    """A draft tabled for deliberation."""
    PRESS_CONFERENCE = "press_conference"
    """A press conference introducing the document."""
    REPRINTED = "reprinted"
    """Reprinted by another outlet."""


class Relation(_Vocabulary):
    """How a related document stands to this plan."""

    ANSWERS = "answers"
    """National policy this plan responds to."""
    BASED_ON = "based_on"
    """The parent plan this plan was drawn up under."""
    SIBLING = "sibling"
    """A document issued alongside, with its own scope."""
    RELATED = "related"
    """A document on the same industries for an overlapping period."""
    REVISES = "revises"
    """A later document that revises this plan's targets."""
    SUCCEEDS = "succeeds"
    """A document for the period after this plan."""
    CITES = "cites"
    """A document that cites this plan as one of its bases."""
    CONTEXT = "context"
    """Background only: neither source nor successor of this plan."""


class TitleKind(_Vocabulary):
    """Whether a title is the official one or a translation."""

    OFFICIAL = "official"
    """The official title."""
    SHORT = "short"
    """An official short form."""
    TRANSLATION = "translation"
    """A working translation: no official title in this language exists."""
    LABEL = "label"
    """A descriptive label of ours: the document's own title was not found."""


class FindingKind(_Vocabulary):
    """Who says how an outcome turned out, and in what form."""

    OFFICIAL_CLAIM = "official_claim"
    """A government page, briefing or work report stating an outcome."""
    EVALUATION = "evaluation"
    """A formal evaluation of the plan period (such as a mid-term evaluation)."""
    REPORT = "report"
    """A news or other secondary account of an outcome."""


class Bearing(_Vocabulary):
    """What a :class:`Finding` says about the targets it names."""

    MET = "met"
    """It says the targets were reached."""
    NOT_MET = "not_met"
    """It says the targets were not reached."""
    ABSENT = "absent"
    """It reports that what the targets name went elsewhere or was not found: it points
    against them without showing them missed (the verdict stays open and leans not met)."""
    PROGRESS = "progress"
    """It reports progress towards the targets without saying they were reached."""
    CONTEXT = "context"
    """It concerns the targets without judging them."""


_TITLE_RANK = (TitleKind.OFFICIAL, TitleKind.SHORT, TitleKind.TRANSLATION, TitleKind.LABEL)


def _best_title(titles: "tuple[Title, ...]", language: str) -> str:
    """The official title in ``language`` if any, else the best of the others."""
    ranked = sorted(
        (t for t in titles if t.language == language), key=lambda t: _TITLE_RANK.index(t.kind)
    )
    if not ranked:
        have = sorted({t.language for t in titles})
        raise LookupError(f"no title in language {language!r}; titles exist in {have}")
    return ranked[0].text


# ----------------------------------------------------------------- small records


@frozen(kw_only=True)
class Citation:
    """Where a fact comes from: a source id and a locator inside that source."""

    source_id: str
    """The ``id`` of a :class:`Source` in the same plan."""
    locator: str
    """Section, paragraph or line inside the source (e.g. ``"para 5"``)."""


@frozen(kw_only=True)
class Source:
    """A document the data was taken from."""

    id: str
    """Unique id, referred to by citations."""
    title: str = field(repr=False)
    """The title of the page or document, as published."""
    publisher: str
    """Who published the page (for a repost: the site that carries it)."""
    url: str = field(repr=False)
    """Where the source was read."""
    language: str
    """An ISO 639-1 code: ``"zh"``, ``"en"``, ``"de"``."""
    kind: SourceKind
    """What kind of publication it is."""
    confidence: Confidence
    """How far to trust it."""
    published: str | None = None
    """ISO 8601 date, possibly with reduced precision (``"2021-09"``), or ``None``."""
    original_outlet: str | None = field(default=None, repr=False)
    """Where the source is a repost or mirror: the outlet that first published it."""
    mirror: bool = field(default=False, repr=False)
    """True when only a mirror or repost could be reached."""
    notes: str | None = field(default=None, repr=False)
    """Anything a reader should know about the source (how locators count, what was reachable)."""

    @property
    def published_date(self) -> _dt.date | None:
        """``published`` as a date when it is known to the day, else ``None``."""
        if self.published is not None and len(self.published) == 10:
            return _dt.date.fromisoformat(self.published)
        return None

    def _repr_html_(self) -> str:
        from .display import html  # imported only when a notebook shows the record

        return html(self)


@frozen(kw_only=True)
class Period:
    """A span of whole years, both ends included."""

    start_year: int
    """First year of the period."""
    end_year: int
    """Last year of the period (included)."""

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.start_year <= year <= self.end_year

    @property
    def years(self) -> tuple[int, ...]:
        """Every year of the period, in order."""
        return tuple(range(self.start_year, self.end_year + 1))

    def __str__(self) -> str:
        return f"{self.start_year}–{self.end_year}"


@frozen(kw_only=True)
class Title:
    """A title of a document in one language."""

    text: str
    """The title as written."""
    language: str
    """ISO 639-1 code of the title's language."""
    kind: TitleKind
    """Official, short form or working translation."""
    citations: tuple[Citation, ...] = field(repr=False)
    """Where this fact comes from: at least one source id with a locator."""


@frozen(kw_only=True)
class Organization:
    """A government body or other organisation."""

    name_en: str
    """English name (a working translation unless an official one exists)."""
    name_zh: str | None = None
    """Chinese name."""
    citations: tuple[Citation, ...] = field(repr=False)
    """Where this fact comes from: at least one source id with a locator."""


@frozen(kw_only=True)
class Person:
    """A named official and the role they held at the time."""

    name_en: str
    """Name in pinyin, family name first."""
    name_zh: str | None = None
    """Name in Chinese, where a source gives it (never filled in from memory)."""
    role_en: str
    """Role at the time, in English."""
    role_zh: str | None = None
    """Role at the time, in Chinese."""
    citations: tuple[Citation, ...] = field(repr=False)
    """Where this fact comes from: at least one source id with a locator."""


@frozen(kw_only=True)
class Event:
    """A dated event in the life of a document (issued, published, press conference …)."""

    kind: EventKind
    """What happened."""
    date: _dt.date
    """When (a calendar date)."""
    description: str = field(repr=False)
    """What happened, in our own words."""
    participants: tuple[Person, ...] = field(default=(), repr=False)
    """Officials who took part (press conferences)."""
    citations: tuple[Citation, ...] = field(repr=False)
    """Where this fact comes from: at least one source id with a locator."""


@frozen(kw_only=True, repr=False)
class Quantity:
    """A figure in base units with its comparator: ``≥ 100 count``, ``≈ 8.5e11 yuan``."""

    value: float
    """The figure in base units (yuan, not 亿元; vehicles, not 万辆; percent as percent)."""
    unit: Unit
    """The base unit of ``value``."""
    comparator: Comparator = Comparator.EXACTLY
    """How the real value relates to ``value``."""
    wording: str | None = None
    """The figure as the source words it (e.g. ``"8500亿元左右"``)."""

    def __repr__(self) -> str:
        return f"Quantity({self})"

    def __str__(self) -> str:
        """The figure as every view writes it: ``> 1,200,000 vehicles``, ``≈ ×2``, ``300``,
        ``≈ 850 billion yuan`` (an exact figure has no sign)."""
        from ._format import figure

        return figure(self.value, self.unit, self.comparator)


# ------------------------------------------------------------------- industries


@frozen(kw_only=True)
class Alias:
    """Another name a source uses for an industry."""

    name: str
    """The other name."""
    language: str
    """ISO 639-1 code of the name's language."""
    citations: tuple[Citation, ...] = field(repr=False)
    """The sources that use this name."""


@frozen(kw_only=True)
class FocusArea:
    """A sub-sector or focus area named for an industry."""

    id: str
    """Unique id."""
    name_en: str
    """English name."""
    name_zh: str | None = None
    """Chinese name, where the source gives one."""
    description: str | None = field(default=None, repr=False)
    """What the plan says about it, in our own words."""
    citations: tuple[Citation, ...] = field(repr=False)
    """Where this fact comes from: at least one source id with a locator."""


@frozen(kw_only=True)
class Industry:
    """One of the plan's "3+6" industries."""

    id: str
    """Unique id (a slug such as ``integrated-circuits``)."""
    name_en: str
    """English name used by the library (the sources' renderings vary; see ``aliases``)."""
    name_zh: str
    """The Chinese name in the plan: the canonical key."""
    tier: IndustryTier
    """Leading (先导) or key (重点)."""
    aliases: tuple[Alias, ...] = field(default=(), repr=False)
    """Other names the sources use."""
    focus_areas: tuple[FocusArea, ...] = field(default=(), repr=False)
    """Sub-sectors and focus areas named for the industry."""
    description: str | None = field(default=None, repr=False)
    """What the plan says about the industry, in our own words."""
    citations: tuple[Citation, ...] = field(repr=False)
    """Where this fact comes from: at least one source id with a locator."""

    @property
    def name(self) -> str:
        """The English name (``name_en``), under the name pycountry's users try first."""
        return self.name_en

    def _repr_html_(self) -> str:
        from .display import html  # imported only when a notebook shows the record

        return html(self)


# ---------------------------------------------------------- goals and targets


@frozen(kw_only=True)
class Goal:
    """A non-numeric goal: a main-line strand, an end-of-period goal or a long-range outlook."""

    id: str
    """Unique id."""
    kind: GoalKind
    """Main-line strand, end-of-period goal or long-range outlook."""
    year: int | None = None
    """The year the goal is set for, if any (2025, 2035)."""
    text: str = field(repr=False)
    """The goal in our own words (English)."""
    term_zh: str | None = None
    """The short official Chinese term, where there is one."""
    citations: tuple[Citation, ...] = field(repr=False)
    """Where this fact comes from: at least one source id with a locator."""


@frozen(kw_only=True)
class Target:
    """Something a document sets out to reach, with a deadline and (if measurable) a quantity."""

    id: str
    """Unique id."""
    document_id: str
    """The ``id`` of the plan or of a related :class:`Document` that sets the target."""
    kind: TargetKind
    """Quantitative (with a quantity) or qualitative."""
    statement: str = field(repr=False)
    """The target in our own words (English)."""
    term_zh: str | None = field(default=None, repr=False)
    """A short official Chinese wording, where one was found."""
    industry_ids: tuple[str, ...] = ()
    """The industries the target concerns (empty for cross-cutting targets)."""
    year: int | None = None
    """The deadline year."""
    start_year: int | None = field(default=None, repr=False)
    """For cumulative and per-year targets (investment 2021–2025), the first year counted."""
    aggregation: Aggregation = field(default=Aggregation.LEVEL, repr=False)
    """Whether the figure is a level to reach, a sum over the years or a rate for each year."""
    quantity: Quantity | None = None
    """The figure to reach (quantitative targets only)."""
    indicator_id: str | None = None
    """The :class:`Indicator` whose observations show how the target turned out."""
    baseline_year: int | None = field(default=None, repr=False)
    """For relative targets ("double against 2019"), the year of the base."""
    alternative_indicator_ids: tuple[str, ...] = field(default=(), repr=False)
    """Other indicators that measure the same target on another statistical measure (the
    doubling of "scale" read as manufacturing output, say); their verdicts are shown beside
    the one on ``indicator_id``, never merged into it."""
    measure_note: str | None = field(default=None, repr=False)
    """Why ``indicator_id`` is the measure the target is judged on."""
    notes: str | None = field(default=None, repr=False)
    """Caveats: how the deadline was read, doubts about the wording."""
    continues: tuple[str, ...] = field(default=(), repr=False)
    """Ids of earlier targets (with earlier deadlines) that this later promise continues:
    what was promised next on the same scope (the same industry or quantity; it may be
    counted another way, and ``notes`` then says so).  A promise on a changed scope
    (whole-economy instead of industrial labour productivity, say) never continues the old
    one; a gap with ``no_successor`` names it instead."""
    draft: bool = field(default=False, repr=False)
    """True when the wording was read only in a draft (a text tabled for adoption) and not
    re-read in the adopted text, so the adopted figure may differ."""
    citations: tuple[Citation, ...] = field(repr=False)
    """Where this fact comes from: at least one source id with a locator."""

    def _repr_html_(self) -> str:
        from .display import html  # imported only when a notebook shows the record

        return html(self)


# ---------------------------------------------------- indicators & observations


@frozen(kw_only=True)
class Observation:
    """One value of an indicator for one year (or part of a year)."""

    id: str
    """Unique id."""
    year: int
    """The year the value is for."""
    value: float
    """The value in the indicator's unit."""
    comparator: Comparator = Comparator.EXACTLY
    """How the real value relates to ``value`` (a source saying "more than" gives a lower bound)."""
    basis: Basis = Basis.REPORTED
    """Reported by the source, or derived by us."""
    derived_from: tuple[str, ...] = ()
    """For derived observations, the ids of the observations used."""
    method: str | None = field(default=None, repr=False)
    """For derived observations, how the value was computed."""
    coverage: str | None = None
    """When the value covers less than the full year (``"Q1–Q3"``) or several years."""
    notes: str | None = field(default=None, repr=False)
    """Caveats (scope, revisions)."""
    citations: tuple[Citation, ...] = field(repr=False)
    """Where this fact comes from: at least one source id with a locator."""


@frozen(kw_only=True)
class Indicator:
    """Something measured over time (an industry's scale, a share of GDP …)."""

    id: str
    """Unique id."""
    name_en: str
    """What is measured, in English."""
    name_zh: str | None = None
    """The Chinese term, where the source gives one."""
    unit: Unit
    """The unit of every observation."""
    measure: Measure
    """What kind of figure it is (scale, gross output, value added …): figures of different
    measures must not be compared."""
    geography: str = "Shanghai"
    """Where it is measured."""
    industry_ids: tuple[str, ...] = ()
    """The industries it concerns."""
    description: str | None = field(default=None, repr=False)
    """Scope and caveats, in our own words."""
    observations: tuple[Observation, ...] = field(default=(), repr=False)
    """The values over time, as the file lists them: in year order in the bundled data (a
    data test keeps it so); :func:`~shanghai_plan.observations` sorts any plan's."""
    citations: tuple[Citation, ...] = field(repr=False)
    """Where this fact comes from: at least one source id with a locator."""

    @property
    def name(self) -> str:
        """The English name (``name_en``), under the name pycountry's users try first."""
        return self.name_en

    def _repr_html_(self) -> str:
        from .display import html  # imported only when a notebook shows the record

        return html(self)


# ---------------------------------------------------------------------- context


@frozen(kw_only=True)
class ContextItem:
    """One point of the plan's background: a driver, a national policy, a challenge."""

    id: str
    """Unique id."""
    text: str = field(repr=False)
    """The point in our own words (English)."""
    term_en: str | None = None
    """A short English term for it (``"dual circulation"``)."""
    term_zh: str | None = None
    """The Chinese term (``"双循环"``)."""
    citations: tuple[Citation, ...] = field(repr=False)
    """Where this fact comes from: at least one source id with a locator."""


@frozen(kw_only=True)
class Definition:
    """What a term means, as a source explains it."""

    id: str
    """Unique id."""
    term_en: str
    """The term in English."""
    term_zh: str | None = None
    """The term in Chinese."""
    meaning: str = field(repr=False)
    """What it means, as the source explains it, in our own words."""
    citations: tuple[Citation, ...] = field(repr=False)
    """Where this fact comes from: at least one source id with a locator."""


@frozen(kw_only=True, repr=False)
class Context:
    """Why the plan was written: drivers, the national policy it answers, challenges, terms."""

    drivers: tuple[ContextItem, ...]
    """Why now: trends and pressures the plan responds to."""
    national_policy: tuple[ContextItem, ...]
    """The national policy it answers and the terms it borrows."""
    challenges: tuple[ContextItem, ...]
    """Weaknesses the plan names."""
    definitions: tuple[Definition, ...] = ()
    """Terms explained."""

    def __repr__(self) -> str:
        return (
            f"Context(drivers={len(self.drivers)}, national_policy={len(self.national_policy)}, "
            f"challenges={len(self.challenges)}, definitions={len(self.definitions)})"
        )


# ------------------------------------------------------- documents & conflicts


@frozen(kw_only=True)
class Document:
    """A document related to the plan: its parent, national policy, siblings, revisions."""

    id: str
    """Unique id, referred to by targets' ``document_id``."""
    titles: tuple[Title, ...] = field(repr=False)
    """Titles in each language (official or working translation)."""
    relation: Relation
    """How it stands to the plan."""
    document_number: str | None = None
    """The official document number (文号), where known."""
    issuer: Organization | None = None
    """Who issued it."""
    period: Period | None = None
    """The years it covers."""
    events: tuple[Event, ...] = field(default=(), repr=False)
    """Dated events (adopted, published …)."""
    summary: str | None = field(default=None, repr=False)
    """What it is, in our own words."""
    citations: tuple[Citation, ...] = field(repr=False)
    """Where this fact comes from: at least one source id with a locator."""

    def title(self, language: str = "en") -> str:
        """The document's title in ``language``: the official one if any, else a
        translation or our label (as :meth:`Plan.title`).

        Raises :class:`LookupError` when the document has no title in that language.
        """
        return _best_title(self.titles, language)

    @property
    def name(self) -> str:
        """The English title (``title("en")``); the Chinese one is ``title("zh")``.

        Raises :class:`LookupError` if the document has no English title.
        """
        return _best_title(self.titles, "en")


@frozen(kw_only=True)
class ConflictSide:
    """One version of a disputed fact, with who says it and what it measures."""

    id: str
    """Unique id."""
    claim: str = field(repr=False)
    """The version in our own words."""
    measures: str | None = field(default=None, repr=False)
    """What the figure actually measures, where that explains the difference."""
    quantity: Quantity | None = None
    """The figure this side gives, if any."""
    record_ids: tuple[str, ...] = ()
    """Ids of records in the data that carry this version."""
    citations: tuple[Citation, ...] = field(repr=False)
    """The sources that give this version."""


@frozen(kw_only=True)
class Conflict:
    """Sources that disagree, kept with every side; never averaged or silently resolved."""

    id: str
    """Unique id."""
    topic: str
    """What the sources disagree about."""
    sides: tuple[ConflictSide, ...] = field(repr=False)
    """Every version, each with its sources (at least two)."""
    preferred_side_id: str | None = None
    """The side the data prefers, if any (``None`` when both stand, e.g. different measures)."""
    resolution: str = field(repr=False)
    """Why: how the sides relate and which to use for what."""

    def _repr_html_(self) -> str:
        from .display import html  # imported only when a notebook shows the record

        return html(self)


# ------------------------------------------------------- findings and gaps


@frozen(kw_only=True)
class Finding:
    """A cited statement about how an outcome turned out, figure or not.

    Official statements that settle an outcome without a figure ("four trillion-level
    clusters have formed"), evaluations of the plan period and secondary accounts are
    evidence of their own kind: dated, cited and tied to the targets or indicators they
    speak of.  Figures themselves are :class:`Observation` records.
    """

    id: str
    """Unique id."""
    kind: FindingKind
    """An official claim, an evaluation or a secondary report."""
    statement: str = field(repr=False)
    """What it says, in our own words (English)."""
    year: int | None = None
    """The year whose outcome it speaks of (a 2025 outcome stated in 2026 has 2025)."""
    stated: str | None = field(default=None, repr=False)
    """When it was said: an ISO 8601 date, possibly partial (``"2026-02"``)."""
    bearing: Bearing = Bearing.CONTEXT
    """What it says about ``target_ids``: reached, not reached, absent, progress or context."""
    target_ids: tuple[str, ...] = field(default=(), repr=False)
    """The targets it speaks of."""
    indicator_ids: tuple[str, ...] = field(default=(), repr=False)
    """The indicators it speaks of."""
    quantity: Quantity | None = field(default=None, repr=False)
    """A figure it gives, where it gives one (in base units)."""
    measures: str | None = field(default=None, repr=False)
    """The statistical scope of what it states (industry scale, output, revenue …)."""
    notes: str | None = field(default=None, repr=False)
    """Caveats: how far the statement goes, doubts about it."""
    citations: tuple[Citation, ...] = field(repr=False)
    """Where this fact comes from: at least one source id with a locator."""

    def _repr_html_(self) -> str:
        from .display import html  # imported only when a notebook shows the record

        return html(self)


@frozen(kw_only=True)
class Gap:
    """Something the data knows it does not know, and what was done to find it.

    Known unknowns are data too: a missing outcome year, an indicator table or chapter
    whose text was not found.  A gap cites no source for a fact (there is none); it may
    name the sources that were read and do not give it.
    """

    id: str
    """Unique id."""
    topic: str
    """What is not known, in our own words."""
    record_ids: tuple[str, ...] = field(default=(), repr=False)
    """The targets, indicators, industries or documents it concerns."""
    years: tuple[int, ...] = ()
    """The years for which a figure is missing, where that is what is missing."""
    searched: str = field(repr=False)
    """What was looked for, and where."""
    would_settle: str | None = field(default=None, repr=False)
    """What figure or finding would settle it."""
    checked: tuple[Citation, ...] = field(default=(), repr=False)
    """Sources that were read and do not give it (source id and the part read)."""
    no_successor: bool = field(default=False, repr=False)
    """True when what is missing is a later promise: no target continuing the targets in
    ``record_ids`` was found in the documents searched (``successors()`` reports it as
    none found)."""

    def _repr_html_(self) -> str:
        from .display import html  # imported only when a notebook shows the record

        return html(self)


# ------------------------------------------------------------------------ plan


@frozen(kw_only=True, cache_hash=True)
class Plan:
    """A plan document with everything the library knows about it.

    The bundled plan is Shanghai's 14th Five-Year Plan for advanced manufacturing; a
    user's own file in the same schema loads into the same class.
    """

    schema_version: int = field(repr=False)
    """Version of the file format (1)."""
    data_version: str
    """Version of the data (exposed as ``shanghai_plan.DATA_VERSION``)."""
    data_as_of: _dt.date = field(repr=False)
    """The date up to which the data was checked (``DATA_AS_OF``); progress statuses are judged as
    of this date."""
    id: str
    """Unique id of the plan; targets of the plan itself carry it as ``document_id``."""
    titles: tuple[Title, ...] = field(repr=False)
    """Titles in each language."""
    document_number: str | None = None
    """The official document number (文号)."""
    issuer: Organization | None = field(default=None, repr=False)
    """Who issued the plan."""
    period: Period
    """The years the plan covers."""
    events: tuple[Event, ...] = field(default=(), repr=False)
    """Dated events: issued, published, press conference."""
    summary: str | None = field(default=None, repr=False)
    """What the plan is, in our own words."""
    industries: tuple[Industry, ...] = field(default=(), repr=False)
    """The industries, in the plan's order."""
    goals: tuple[Goal, ...] = field(default=(), repr=False)
    """Main line, goals and outlook."""
    targets: tuple[Target, ...] = field(default=(), repr=False)
    """Targets of the plan and of its related documents (see ``document_id``)."""
    indicators: tuple[Indicator, ...] = field(default=(), repr=False)
    """What is measured over time, with observations (baselines and outcomes)."""
    context: Context | None = field(default=None, repr=False)
    """Why the plan was written."""
    related_documents: tuple[Document, ...] = field(default=(), repr=False)
    """National policy, parent plan, siblings, revisions and successors."""
    conflicts: tuple[Conflict, ...] = field(default=(), repr=False)
    """Where sources disagree."""
    findings: tuple[Finding, ...] = field(default=(), repr=False)
    """Cited statements of how outcomes turned out (claims, evaluations, reports)."""
    gaps: tuple[Gap, ...] = field(default=(), repr=False)
    """What the data knows it does not know."""
    sources: tuple[Source, ...] = field(default=(), repr=False)
    """Every source cited anywhere in the plan."""
    citations: tuple[Citation, ...] = field(repr=False)
    """Sources for the plan's own metadata (title, number, issuer)."""

    def title(self, language: str = "en") -> str:
        """The plan's title in ``language``: the official one if any, else a translation.

        Raises :class:`LookupError` when the plan has no title in that language.
        """
        return _best_title(self.titles, language)

    @property
    def name(self) -> str:
        """The English title (``title("en")``), as :attr:`Document.name` for a related
        document.

        Raises :class:`LookupError` if the plan has no English title.
        """
        return _best_title(self.titles, "en")

    def event(self, kind: EventKind) -> Event | None:
        """The first event of ``kind`` (e.g. ``EventKind.PUBLISHED``), or ``None``."""
        return next((e for e in self.events if e.kind is kind), None)

    def _repr_html_(self) -> str:
        from .display import html  # imported only when a notebook shows the record

        return html(self)
