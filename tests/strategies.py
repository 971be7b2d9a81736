"""Hypothesis strategies: valid plans built from the model, JSON values, and mutations.

:func:`plans` builds :class:`~shanghai_plan.Plan` objects that pass every check of the
loader: ids are unique across the plan, every reference (source, industry, indicator,
document, observation, conflict side, record) resolves, years and dates lie within
1949–2100, periods run forwards, quantities and observations respect their unit and
measure, numbers stay below 2**53.  Text is arbitrary Unicode (Hypothesis leaves out
lone surrogates, which the loader rejects).

:func:`mutations` changes one to three places of a JSON document (replace, delete, add a
key, duplicate or drop an array element, reuse an id or an enum value found elsewhere in
the document), copying only the containers on the way, so mutating the large bundled
file stays cheap.
"""

import datetime as dt
import functools
import json
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

import shanghai_plan as sp
from shanghai_plan.loading import read_bundled_bytes

LIMIT = 2**53 - 1
"""The largest magnitude a number in a plan may have (the loader rejects 2**53 and up)."""

# Text as the loader takes it: no control, format or separator character, never blank.
_characters = st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp"))
texts = st.text(_characters, min_size=1, max_size=12).filter(lambda s: s.strip() != "")
nonblank = texts
slugs = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,11}", fullmatch=True)
languages = st.from_regex(r"[a-z]{2}", fullmatch=True)
years = st.integers(1949, 2100)
dates = st.dates(dt.date(1949, 1, 1), dt.date(2100, 12, 31))
anything = st.floats(-LIMIT, LIMIT, allow_nan=False, allow_infinity=False)
non_negative = st.floats(0, LIMIT, allow_nan=False, allow_infinity=False)
share = st.floats(0, 100, allow_nan=False, allow_infinity=False)
optional_text = st.none() | texts
published = st.one_of(
    st.none(),
    years.map(str),
    dates.map(lambda d: d.isoformat()[:7]),
    dates.map(dt.date.isoformat),
)
urls = st.builds(
    lambda s, rest: f"{s}://{rest}",
    st.sampled_from(["http", "https"]),
    st.from_regex(r"[a-z0-9.-]{1,12}(/[a-z0-9%_.-]{0,8})?", fullmatch=True),
)


class _Ids:
    """Hands out ids that are unique across one plan."""

    def __init__(self, draw: Callable[[Any], Any]) -> None:
        self.draw = draw
        self.used: list[str] = []

    def new(self) -> str:
        rid: str = self.draw(slugs)
        while rid in self.used:  # cheaper than a filter
            rid += "-"
        self.used.append(rid)
        return rid


def _some(
    draw: Callable[[Any], Any], build: Callable[[], Any], low: int, high: int
) -> tuple[Any, ...]:
    return tuple(build() for _ in range(draw(st.integers(low, high))))


def _quantity(draw: Callable[[Any], Any]) -> sp.Quantity:
    unit = draw(st.sampled_from(sp.Unit))
    signed = unit in (sp.Unit.PERCENT, sp.Unit.PERCENTAGE_POINTS)
    return sp.Quantity(
        value=draw(anything if signed else non_negative),
        unit=unit,
        comparator=draw(st.sampled_from(sp.Comparator)),
        wording=draw(optional_text),
    )


@st.composite
def plans(draw: Callable[[Any], Any]) -> sp.Plan:
    """A valid plan: every record type may appear, every reference resolves."""
    ids = _Ids(draw)
    source_ids = [ids.new() for _ in range(draw(st.integers(1, 3)))]
    citation = st.builds(sp.Citation, source_id=st.sampled_from(source_ids), locator=nonblank)

    def cites() -> tuple[sp.Citation, ...]:
        return tuple(draw(st.lists(citation, min_size=1, max_size=2)))

    def title() -> sp.Title:
        return sp.Title(
            text=draw(texts),
            language=draw(languages),
            kind=draw(st.sampled_from(sp.TitleKind)),
            citations=cites(),
        )

    def organization() -> sp.Organization:
        return sp.Organization(name_en=draw(texts), name_zh=draw(optional_text), citations=cites())

    def person() -> sp.Person:
        return sp.Person(
            name_zh=draw(texts),
            name_en=draw(texts),
            role_en=draw(texts),
            role_zh=draw(optional_text),
            citations=cites(),
        )

    def event() -> sp.Event:
        return sp.Event(
            kind=draw(st.sampled_from(sp.EventKind)),
            date=draw(dates),
            description=draw(texts),
            participants=_some(draw, person, 0, 1),
            citations=cites(),
        )

    def period() -> sp.Period:
        start = draw(years)
        return sp.Period(start_year=start, end_year=draw(st.integers(start, 2100)))

    def context_item() -> sp.ContextItem:
        return sp.ContextItem(
            id=ids.new(),
            text=draw(texts),
            term_en=draw(optional_text),
            term_zh=draw(optional_text),
            citations=cites(),
        )

    def industry() -> sp.Industry:
        return sp.Industry(
            id=ids.new(),
            name_en=draw(texts),
            name_zh=draw(texts),
            tier=draw(st.sampled_from(sp.IndustryTier)),
            aliases=_some(
                draw,
                lambda: sp.Alias(name=draw(texts), language=draw(languages), citations=cites()),
                0,
                1,
            ),
            focus_areas=_some(
                draw,
                lambda: sp.FocusArea(
                    id=ids.new(),
                    name_en=draw(texts),
                    name_zh=draw(optional_text),
                    description=draw(optional_text),
                    citations=cites(),
                ),
                0,
                2,
            ),
            description=draw(optional_text),
            citations=cites(),
        )

    industries = _some(draw, industry, 0, 2)
    industry_ids = [i.id for i in industries]

    def some_industries() -> tuple[str, ...]:
        if not industry_ids:
            return ()
        return tuple(draw(st.lists(st.sampled_from(industry_ids), max_size=2, unique=True)))

    observation_ids: list[str] = []

    def observation(unit: sp.Unit, measure: sp.Measure) -> sp.Observation:
        if measure is sp.Measure.SHARE:
            value = draw(share)
        elif unit not in (sp.Unit.PERCENT, sp.Unit.PERCENTAGE_POINTS):
            value = draw(non_negative)  # yuan, counts …: never negative, whatever the measure
        elif measure is sp.Measure.GROWTH_RATE:  # above -100 %: nothing is left at -100 %
            value = draw(st.floats(-100, LIMIT, exclude_min=True, allow_nan=False))
        else:
            value = draw(anything)
        derived = bool(observation_ids) and draw(st.booleans())
        obs = sp.Observation(
            id=ids.new(),
            year=draw(years),
            value=value,
            comparator=draw(st.sampled_from(sp.Comparator)),
            basis=sp.Basis.DERIVED if derived else sp.Basis.REPORTED,
            derived_from=(
                tuple(
                    draw(
                        st.lists(
                            st.sampled_from(observation_ids), min_size=1, max_size=2, unique=True
                        )
                    )
                )
                if derived
                else ()
            ),
            method=draw(optional_text),
            coverage=draw(optional_text),
            notes=draw(optional_text),
            citations=cites(),
        )
        observation_ids.append(obs.id)
        return obs

    def indicator() -> sp.Indicator:
        unit = draw(st.sampled_from(sp.Unit))
        measure = draw(st.sampled_from(sp.Measure))
        return sp.Indicator(
            id=ids.new(),
            name_en=draw(texts),
            name_zh=draw(optional_text),
            unit=unit,
            measure=measure,
            geography=draw(st.just("Shanghai") | texts),
            industry_ids=some_industries(),
            description=draw(optional_text),
            observations=_some(draw, lambda: observation(unit, measure), 0, 2),
            citations=cites(),
        )

    indicators = _some(draw, indicator, 0, 2)

    def document() -> sp.Document:
        return sp.Document(
            id=ids.new(),
            titles=_some(draw, title, 1, 2),
            relation=draw(st.sampled_from(sp.Relation)),
            document_number=draw(optional_text),
            issuer=draw(st.none() | st.builds(organization)),
            period=draw(st.none() | st.builds(period)),
            events=_some(draw, event, 0, 2),
            summary=draw(optional_text),
            citations=cites(),
        )

    related = _some(draw, document, 0, 1)
    plan_id = ids.new()
    document_ids = [plan_id, *(d.id for d in related)]
    indicator_ids = [i.id for i in indicators]

    made: list[sp.Target] = []  # earlier targets, which a later one may continue

    def target() -> sp.Target:
        measured_by = draw(st.none() | st.sampled_from(indicator_ids)) if indicator_ids else None
        others = [i for i in indicator_ids if i != measured_by]
        kind = draw(st.sampled_from(sp.TargetKind))
        aggregation = draw(st.sampled_from(sp.Aggregation))
        year = draw(st.none() | years)
        earlier = years if year is None else st.integers(1949, year)
        level = aggregation is sp.Aggregation.LEVEL  # otherwise it counts from a start year
        start_year = draw(st.none() | earlier if level else earlier)
        before = [t.id for t in made if year is not None and t.year is not None and t.year < year]
        continues = draw(st.lists(st.sampled_from(before), max_size=1)) if before else []
        t = sp.Target(
            id=ids.new(),
            document_id=draw(st.sampled_from(document_ids)),
            kind=kind,
            statement=draw(texts),
            term_zh=draw(optional_text),
            industry_ids=some_industries(),
            year=year,
            start_year=start_year,
            aggregation=aggregation,
            quantity=_quantity(draw) if kind is sp.TargetKind.QUANTITATIVE else None,
            indicator_id=measured_by,
            baseline_year=draw(st.none() | earlier),
            alternative_indicator_ids=tuple(
                draw(st.lists(st.sampled_from(others), max_size=1, unique=True))
            )
            if others
            else (),
            measure_note=draw(optional_text),
            notes=draw(optional_text),
            continues=tuple(continues),
            draft=draw(st.booleans()),
            citations=cites(),
        )
        made.append(t)
        return t

    def goal() -> sp.Goal:
        return sp.Goal(
            id=ids.new(),
            kind=draw(st.sampled_from(sp.GoalKind)),
            year=draw(st.none() | years),
            text=draw(texts),
            term_zh=draw(optional_text),
            citations=cites(),
        )

    def context() -> sp.Context:
        return sp.Context(
            drivers=_some(draw, context_item, 0, 1),
            national_policy=_some(draw, context_item, 0, 1),
            challenges=_some(draw, context_item, 0, 1),
            definitions=_some(
                draw,
                lambda: sp.Definition(
                    id=ids.new(),
                    term_en=draw(texts),
                    term_zh=draw(optional_text),
                    meaning=draw(texts),
                    citations=cites(),
                ),
                0,
                2,
            ),
        )

    targets = _some(draw, target, 0, 2)
    goals = _some(draw, goal, 0, 1)
    plan_context = context() if draw(st.booleans()) else None

    def conflict() -> sp.Conflict:
        known = list(ids.used)
        sides = tuple(
            sp.ConflictSide(
                id=ids.new(),
                claim=draw(texts),
                measures=draw(optional_text),
                quantity=_quantity(draw) if draw(st.booleans()) else None,
                record_ids=tuple(draw(st.lists(st.sampled_from(known), max_size=2, unique=True))),
                citations=cites(),
            )
            for _ in range(draw(st.integers(2, 3)))
        )
        return sp.Conflict(
            id=ids.new(),
            topic=draw(texts),
            sides=sides,
            preferred_side_id=draw(st.none() | st.sampled_from([s.id for s in sides])),
            resolution=draw(texts),
        )

    conflicts = _some(draw, conflict, 0, 1)
    target_ids = [t.id for t in targets]

    def finding() -> sp.Finding:
        named = (
            tuple(
                draw(
                    st.lists(
                        st.sampled_from(target_ids),
                        min_size=0 if indicator_ids else 1,
                        max_size=2,
                        unique=True,
                    )
                )
            )
            if target_ids
            else ()
        )
        if indicator_ids and (not named or draw(st.booleans())):
            about = tuple(draw(st.lists(st.sampled_from(indicator_ids), min_size=1, max_size=1)))
        else:
            about = ()
        return sp.Finding(
            id=ids.new(),
            kind=draw(st.sampled_from(sp.FindingKind)),
            statement=draw(texts),
            year=draw(st.none() | years),
            stated=draw(published),
            bearing=draw(st.sampled_from(sp.Bearing)),
            target_ids=named,
            indicator_ids=about,
            quantity=_quantity(draw) if draw(st.booleans()) else None,
            measures=draw(optional_text),
            notes=draw(optional_text),
            citations=cites(),
        )

    def gap() -> sp.Gap:
        known = list(ids.used)
        return sp.Gap(
            id=ids.new(),
            topic=draw(texts),
            record_ids=tuple(draw(st.lists(st.sampled_from(known), max_size=2, unique=True))),
            years=tuple(draw(st.lists(years, max_size=2))),
            searched=draw(nonblank),
            would_settle=draw(optional_text),
            checked=cites() if draw(st.booleans()) else (),
            no_successor=draw(st.booleans()),
        )

    findings = _some(draw, finding, 0, 1) if target_ids or indicator_ids else ()
    gaps = _some(draw, gap, 0, 1)
    sources = tuple(
        sp.Source(
            id=sid,
            title=draw(texts),
            publisher=draw(texts),
            url=draw(urls),
            language=draw(languages),
            kind=draw(st.sampled_from(sp.SourceKind)),
            confidence=draw(st.sampled_from(sp.Confidence)),
            published=draw(published),
            original_outlet=draw(optional_text),
            mirror=draw(st.booleans()),
            notes=draw(optional_text),
        )
        for sid in source_ids
    )
    return sp.Plan(
        schema_version=1,
        data_version=draw(texts),
        data_as_of=draw(dates),
        id=plan_id,
        titles=_some(draw, title, 1, 2),
        document_number=draw(optional_text),
        issuer=organization() if draw(st.booleans()) else None,
        period=period(),
        events=_some(draw, event, 0, 2),
        summary=draw(optional_text),
        industries=industries,
        goals=goals,
        targets=targets,
        indicators=indicators,
        context=plan_context,
        related_documents=related,
        conflicts=conflicts,
        findings=findings,
        gaps=gaps,
        sources=sources,
        citations=cites(),
    )


# ---------------------------------------------------------------- JSON and mutations

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=2**53 - 2, max_value=2**53 + 2),
    st.just(10**400),
    st.floats(),  # NaN and infinities too: json.dumps writes them, the loader refuses them
    st.text(max_size=8),
    st.sampled_from(["\ud800", "2021-02-30", "2021-07-05", "0001-01-01", "", " "]),
    years,
)

json_values = st.recursive(
    _scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)
"""Any JSON value (plus NaN and the infinities, which only ``json.dumps`` writes)."""

Path = tuple[str | int, ...]


def _paths(doc: Any, path: Path = ()) -> list[tuple[Path, Any]]:
    found = [(path, doc)]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found.extend(_paths(value, (*path, key)))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            found.extend(_paths(value, (*path, i)))
    return found


def _resolves(doc: Any, path: Path) -> bool:
    for step in path:
        if (isinstance(step, str) and isinstance(doc, dict) and step in doc) or (
            isinstance(step, int) and isinstance(doc, list) and step < len(doc)
        ):
            doc = doc[step]
        else:
            return False
    return True


def _change(doc: Any, path: Path, change: Callable[[Any], Any]) -> Any:
    """A copy of ``doc`` with the value at ``path`` replaced by ``change(value)``; only the
    containers on the way are copied."""
    if not path:
        return change(doc)
    head, rest = path[0], path[1:]
    copy = dict(doc) if isinstance(doc, dict) else list(doc)
    copy[head] = _change(doc[head], rest, change)  # type: ignore[index]
    return copy


def _apply(container: Any, op: str, extra: Any) -> Any:
    if op == "delete-member" and isinstance(container, dict) and container:
        copy = dict(container)
        del copy[list(copy)[extra % len(copy)]]
        return copy
    if op == "add-member" and isinstance(container, dict):
        key, value = extra
        return {**container, key: value}
    if op == "drop-element" and isinstance(container, list) and container:
        i = extra % len(container)
        return container[:i] + container[i + 1 :]
    if op == "duplicate-element" and isinstance(container, list) and container:
        i = extra % len(container)
        return [*container[: i + 1], container[i], *container[i + 1 :]]
    if op == "reverse" and isinstance(container, list):
        return container[::-1]
    return container


@functools.lru_cache(maxsize=4)
def _catalogue(text: str) -> tuple[Any, list[tuple[Path, Any]], list[str], list[str]]:
    doc = json.loads(text)
    paths = _paths(doc)
    strings = sorted({v for _, v in paths if isinstance(v, str) and len(v) < 40})
    keys = sorted({p[-1] for p, _ in paths if p and isinstance(p[-1], str)})
    return doc, paths, strings, keys


@st.composite
def mutations(draw: Callable[[Any], Any], text: str) -> Any:
    """The JSON document ``text`` with one to three random changes."""
    doc, paths, strings, keys = _catalogue(text)
    for _ in range(draw(st.integers(1, 3))):
        path, _ = draw(st.sampled_from(paths))
        if not _resolves(doc, path):
            continue
        op = draw(
            st.sampled_from(
                [
                    "replace",
                    "reuse-string",
                    "delete-member",
                    "add-member",
                    "drop-element",
                    "duplicate-element",
                    "reverse",
                ]
            )
        )
        if op == "replace":
            value = draw(json_values)
            doc = _change(doc, path, lambda _old, v=value: v)
        elif op == "reuse-string":  # an id, enum value or date from elsewhere in the file
            value = draw(st.sampled_from(strings))
            doc = _change(doc, path, lambda _old, v=value: v)
        else:
            if op == "add-member":
                extra: Any = (draw(st.sampled_from(keys) | st.text(max_size=6)), draw(json_values))
            else:
                extra = draw(st.integers(0, 1000))
            doc = _change(doc, path, lambda old, o=op, e=extra: _apply(old, o, e))
    return doc


@functools.cache
def bundled_text() -> str:
    return read_bundled_bytes().decode("utf-8")
