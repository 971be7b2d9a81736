"""Every cross-record rule, broken one at a time in the bundled plan: ``_integrity.check``
reports it, and only it, at its path; a sound plan (the bundled one, generated ones) has
no problem.
"""

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import shanghai_plan as sp
from shanghai_plan import _converter, _integrity
from shanghai_plan.model import Aggregation, Basis, Citation, Measure, TargetKind, Unit
from tests.strategies import plans

PLAN = sp.load()


def first(items: tuple[Any, ...], test: Callable[[Any], bool]) -> int:
    """The index of the first of ``items`` that passes ``test``."""
    return next(i for i, item in enumerate(items) if test(item))


def evolve_at(root: Any, steps: tuple[str | int, ...], **changes: Any) -> Any:
    """``root`` with the record at ``steps`` (field names and tuple indices) changed."""
    if not steps:
        return attrs.evolve(root, **changes)
    name, index, rest = steps[0], steps[1], steps[2:]
    assert isinstance(name, str)
    assert isinstance(index, int)
    items = list(getattr(root, name))
    items[index] = evolve_at(items[index], rest, **changes)
    return attrs.evolve(root, **{name: tuple(items)})


def _where() -> dict[str, tuple[str | int, ...]]:
    """Records of the bundled plan that each rule needs (found, not hard-coded)."""
    p = PLAN
    share = first(p.indicators, lambda i: i.measure is Measure.SHARE and bool(i.observations))
    money = first(
        p.indicators,
        lambda i: i.unit is Unit.YUAN and bool(i.observations) and i.measure is not Measure.SHARE,
    )
    derived = next(
        (i, j)
        for i, ind in enumerate(p.indicators)
        for j, o in enumerate(ind.observations)
        if o.basis is Basis.DERIVED
    )
    return {
        "target": ("targets", first(p.targets, lambda t: t.kind is TargetKind.QUANTITATIVE)),
        "qualitative": ("targets", first(p.targets, lambda t: t.kind is TargetKind.QUALITATIVE)),
        "cumulative": (
            "targets",
            first(p.targets, lambda t: t.aggregation is not Aggregation.LEVEL),
        ),
        "share": ("indicators", share),
        "money": ("indicators", money),
        "observation": ("indicators", share, "observations", 0),
        "derived": ("indicators", derived[0], "observations", derived[1]),
        "source": ("sources", 0),
        "finding": ("findings", first(p.findings, lambda f: bool(f.target_ids))),
        "gap": ("gaps", 0),
        "conflict": ("conflicts", first(p.conflicts, lambda c: c.preferred_side_id is not None)),
        "document": ("related_documents", first(p.related_documents, lambda d: d.period)),
        "event": ("events", 0),
        "goal": ("goals", 0),
        "title": ("titles", 0),
    }


WHERE = _where()
OTHER = PLAN.goals[1].id
NOWHERE = "no-such-record"
BAD_CITATION = (Citation(source_id=NOWHERE, locator="p. 1"),)

# (name, where, changes, message part): each breaks exactly one rule
RULES: list[tuple[str, str | None, dict[str, Any], str]] = [
    ("schema version", None, {"schema_version": 2}, "unsupported schema_version 2"),
    (
        "plan period backwards",
        None,
        {"period": sp.Period(start_year=2025, end_year=2021)},
        "ends before",
    ),
    ("data_as_of out of range", None, {"data_as_of": dt.date(2101, 1, 1)}, "outside 1949–2100"),
    ("duplicate id", "goal", {"id": OTHER}, "duplicate id"),
    ("id not a slug", "goal", {"id": "Goal 1"}, "is not a lowercase ASCII slug"),
    ("id with a zero-width space", "goal", {"id": "goal\u200b"}, "is not a lowercase ASCII slug"),
    ("id in fullwidth letters", "goal", {"id": "ｇｏａｌ"}, "is not a lowercase ASCII slug"),
    ("plan without a title", None, {"titles": ()}, "at least one title"),
    ("document without a title", "document", {"titles": ()}, "at least one title"),
    ("industry listed twice", "target", {}, "listed twice"),
    ("derived from itself", "derived", {}, "not derived from itself"),
    ("gap names itself", "gap", {}, "does not name itself"),
    ("side names its own conflict", "conflict", {}, "not its own conflict"),
    ("URL without a host", "source", {"url": "https://"}, "with a host"),
    ("no citation", "target", {"citations": ()}, "must cite at least one source"),
    ("unknown source", "title", {"citations": BAD_CITATION}, "unknown source"),
    ("unknown industry", "target", {"industry_ids": (NOWHERE,)}, "unknown industry"),
    ("year out of range", "target", {"year": 2101}, "outside 1949–2100"),
    ("year zero", "goal", {"year": 0}, "year 0 is outside"),
    ("observation year out of range", "observation", {"year": 1948}, "outside 1949–2100"),
    ("date out of range", "event", {"date": dt.date(1900, 1, 1)}, "outside 1949–2100"),
    ("language", "source", {"language": "ZH"}, "ISO 639-1"),
    ("title language", "title", {"language": "zho"}, "ISO 639-1"),
    ("unknown document", "target", {"document_id": NOWHERE}, "unknown document"),
    ("unknown indicator", "target", {"indicator_id": NOWHERE}, "unknown indicator"),
    (
        "unknown alternative",
        "target",
        {"alternative_indicator_ids": (NOWHERE,)},
        "unknown indicator",
    ),
    ("alternative is the indicator", "target", {}, "differs from indicator_id"),
    ("quantitative without quantity", "target", {"quantity": None}, "has a quantity"),
    ("qualitative with quantity", "qualitative", {}, "has a quantity"),
    ("baseline after the year", "target", {"baseline_year": 2030, "year": 2025}, "baseline year"),
    ("start after the year", "target", {"start_year": 2030, "year": 2025}, "start year is after"),
    ("cumulative without a start", "cumulative", {"start_year": None}, "needs a start year"),
    ("share above 100", "share", {}, "within 0–100"),
    ("negative money", "money", {}, "negative yuan"),
    ("unknown input", "derived", {"derived_from": (NOWHERE,)}, "unknown observation"),
    ("derived without inputs", "derived", {"derived_from": ()}, "names its inputs"),
    ("published not a date", "source", {"published": "2021-13"}, "not a calendar date"),
    ("published in words", "source", {"published": "July 2021"}, "expected YYYY"),
    ("published out of range", "source", {"published": "1900"}, "outside 1949–2100"),
    ("not an http URL", "source", {"url": "ftp://example.org/x"}, "http(s) URL"),
    ("finding names an unknown target", "finding", {"target_ids": (NOWHERE,)}, "unknown target"),
    (
        "finding names an unknown indicator",
        "finding",
        {"indicator_ids": (NOWHERE,)},
        "unknown indicator",
    ),
    ("finding names nothing", "finding", {"target_ids": (), "indicator_ids": ()}, "names a target"),
    ("finding stated badly", "finding", {"stated": "2021-02-30"}, "not a calendar date"),
    ("gap names an unknown record", "gap", {"record_ids": (NOWHERE,)}, "unknown record"),
    ("gap checked an unknown source", "gap", {"checked": BAD_CITATION}, "unknown source"),
    ("gap year out of range", "gap", {"years": (2021, 2200)}, "outside 1949–2100"),
    ("conflict with one side", "conflict", {}, "at least two sides"),
    ("preferred side unknown", "conflict", {"preferred_side_id": NOWHERE}, "not a side"),
    ("side names an unknown record", "conflict", {}, "unknown record"),
    (
        "document period backwards",
        "document",
        {"period": sp.Period(start_year=2030, end_year=2020)},
        "ends before",
    ),
    ("negative quantity", "target", {}, "negative"),
]


def _special(name: str, record: Any) -> dict[str, Any]:
    """Changes that depend on the record being changed."""
    if name == "alternative is the indicator":
        return {"alternative_indicator_ids": (record.indicator_id,)}
    if name == "qualitative with quantity":
        return {"quantity": PLAN.targets[int(WHERE["target"][1])].quantity}
    if name == "share above 100":
        obs = record.observations
        return {"observations": (attrs.evolve(obs[0], value=100.5), *obs[1:])}
    if name == "negative money":
        obs = record.observations
        return {"observations": (attrs.evolve(obs[0], value=-1.0), *obs[1:])}
    if name == "conflict with one side":
        return {"sides": record.sides[:1], "preferred_side_id": record.sides[0].id}
    if name == "side names an unknown record":
        side = attrs.evolve(record.sides[0], record_ids=(NOWHERE,))
        return {"sides": (side, *record.sides[1:])}
    if name == "industry listed twice":
        return {"industry_ids": (*record.industry_ids, record.industry_ids[0])}
    if name == "derived from itself":
        return {"derived_from": (record.id,)}
    if name == "gap names itself":
        return {"record_ids": (record.id,)}
    if name == "side names its own conflict":
        side = attrs.evolve(record.sides[0], record_ids=(record.id,))
        return {"sides": (side, *record.sides[1:])}
    if name == "negative quantity":
        assert record.quantity is not None
        assert record.quantity.unit is not Unit.PERCENT
        return {"quantity": attrs.evolve(record.quantity, value=-3.0)}
    return {}


def record_at(steps: tuple[str | int, ...]) -> Any:
    node: Any = PLAN
    for i in range(0, len(steps), 2):
        node = getattr(node, str(steps[i]))[int(steps[i + 1])]
    return node


@pytest.mark.parametrize("rule", RULES, ids=[r[0] for r in RULES])
def test_each_broken_rule_is_caught(
    rule: tuple[str, str | None, dict[str, Any], str],
) -> None:
    name, where, changes, message = rule
    steps = WHERE[where] if where else ()
    changes = {**changes, **_special(name, record_at(steps))}
    broken = evolve_at(PLAN, steps, **changes)
    problems = _integrity.check(broken)
    assert problems, f"{name}: nothing reported"
    assert all(message in p.message for p in problems), problems  # that rule alone


def test_the_bundled_plan_is_sound() -> None:
    assert _integrity.check(PLAN) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_generated_valid_plans_are_sound(plan: sp.Plan) -> None:
    assert _integrity.check(plan) == []


def test_a_plan_from_a_file_with_a_broken_rule_is_refused() -> None:
    gap = record_at(WHERE["gap"])
    broken = evolve_at(PLAN, WHERE["gap"], record_ids=(gap.id,))
    text = json.dumps(_converter.unstructure(broken), ensure_ascii=False)
    with pytest.raises(sp.PlanDataError, match=r"\$\.gaps\[0\]\.record_ids\[0\]: a gap does not"):
        sp.loads(text)
