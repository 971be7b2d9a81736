"""Records are frozen, deeply immutable, hashable and print on one line."""

import copy
import pickle

import attrs
import pytest

import shanghai_plan as sp
from shanghai_plan._records import walk


def test_assignment_raises(plan: sp.Plan) -> None:
    ind = plan.industries[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ind.name_en = "x"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        plan.industries = ()  # type: ignore[misc]


def test_no_mutable_container_is_reachable(plan: sp.Plan) -> None:
    count = 0
    for rec, path in walk(plan):
        count += 1
        assert attrs.has(type(rec))
        assert getattr(type(rec), "__slots__", None) is not None, path
        for a in attrs.fields(type(rec)):
            value = getattr(rec, a.name)
            assert not isinstance(value, (list, dict, set, bytearray)), f"{path}.{a.name}"
    assert count > 50


def test_hash_copy_pickle(plan: sp.Plan) -> None:
    assert hash(plan) == hash(copy.deepcopy(plan))
    assert copy.deepcopy(plan) == plan
    again = pickle.loads(pickle.dumps(plan))
    assert again == plan
    assert hash(again) == hash(plan)
    assert len({*plan.industries, *plan.industries}) == len(plan.industries)


def test_repr_is_one_short_line(plan: sp.Plan) -> None:
    for rec, path in walk(plan):
        text = repr(rec)
        assert "\n" not in text, path
        assert len(text) < 400, (path, text)


def test_period() -> None:
    p = sp.Period(start_year=2021, end_year=2025)
    assert 2021 in p
    assert 2025 in p
    assert 2026 not in p
    assert "2021" not in p
    assert p.years == (2021, 2022, 2023, 2024, 2025)
    assert str(p) == "2021–2025"


def test_quantity_str() -> None:
    """A quantity reads as every view writes it: bound sign, worded yuan, no unit for a
    count, no sign for an exact figure, a multiple as ×N."""

    def q(value: float, unit: sp.Unit, comparator: sp.Comparator) -> str:
        return str(sp.Quantity(value=value, unit=unit, comparator=comparator))

    assert q(850e9, sp.Unit.YUAN, sp.Comparator.ABOUT) == "≈ 850 billion yuan"
    assert q(1.2e6, sp.Unit.VEHICLES, sp.Comparator.MORE_THAN) == "> 1,200,000 vehicles"
    assert q(300, sp.Unit.COUNT, sp.Comparator.EXACTLY) == "300"
    assert q(2, sp.Unit.MULTIPLE, sp.Comparator.ABOUT) == "≈ ×2"
    assert q(35, sp.Unit.PERCENT, sp.Comparator.AT_LEAST) == "≥ 35 %"
    found = sp.target("tgt-nev-output-1-2m").quantity
    assert found is not None
    assert repr(found) == "Quantity(> 1,200,000 vehicles)"


def test_tier_chinese_names() -> None:
    assert sp.IndustryTier.LEADING.name_zh == "先导产业"
    assert sp.IndustryTier.KEY.name_zh == "重点产业"


def test_plan_title(plan: sp.Plan) -> None:
    assert plan.title("zh") == '上海市先进制造业发展"十四五"规划'
    assert "Advanced Manufacturing" in plan.title()
    with pytest.raises(LookupError, match="no title in language 'fr'"):
        plan.title("fr")


def test_source_published_date() -> None:
    base = {"title": "t", "publisher": "p", "url": "https://x", "language": "en"}
    full = sp.Source(
        id="a",
        kind=sp.SourceKind.NEWS,
        confidence=sp.Confidence.WEAK,
        published="2021-09-10",
        **base,
    )
    month = sp.Source(
        id="b", kind=sp.SourceKind.NEWS, confidence=sp.Confidence.WEAK, published="2021-09", **base
    )
    assert full.published_date is not None
    assert full.published_date.isoformat() == "2021-09-10"
    assert month.published_date is None


# ------------------------------------------------- vocabularies are their strings


def _vocabularies() -> list[type[sp.Status]]:
    from enum import Enum

    from shanghai_plan import analysis, model

    found = [
        obj
        for mod in (model, analysis)
        for obj in vars(mod).values()
        if isinstance(obj, type) and issubclass(obj, Enum) and obj.__module__ == mod.__name__
    ]
    return [cls for cls in found if cls.__name__ != "_Vocabulary"]


@pytest.mark.parametrize("cls", _vocabularies(), ids=lambda c: c.__name__)
def test_every_member_is_its_json_string(cls: type[sp.Status]) -> None:
    for member in cls:
        value = member.value
        assert type(value) is str
        assert member == value
        assert value == member
        assert member != value + "x"
        assert hash(member) == hash(value)
        assert str(member) == value
        assert f"{member}" == value
        assert f"{member:>20}" == f"{value:>20}"
        assert "%s" % member == value  # noqa: UP031
        assert repr(member) == f"{cls.__name__}.{member.name}"
        assert {value: 1}[member] == 1
        assert cls(value) is member
        assert pickle.loads(pickle.dumps(member)) is member


def test_status_examples_from_the_issue() -> None:
    assert sp.Status.MET == "met"
    assert str(sp.Status.MET) == "met"
    assert repr(sp.Status.MET) == "Status.MET"
    r = sp.progress("tgt-nev-output-1-2m")
    assert r.status == "met"
    assert r.status in {"met", "not_met"}
    # exports, JSON and the schema still hold the plain strings
    import json

    rows = sp.to_records("progress")
    assert {type(row["status"]) for row in rows} == {str}
    raw = json.loads(sp.dumps())
    assert type(raw["targets"][0]["kind"]) is str
    assert raw["targets"][0]["kind"] == sp.load().targets[0].kind
    assert "Status." not in sp.to_csv("progress")
    from enum import Enum

    for kind in sp.RECORD_KINDS:  # table cells are plain values, never members
        for row in sp.to_records(kind):  # type: ignore[arg-type]
            assert not [c for c, v in row.items() if isinstance(v, Enum)], kind
    assert "TargetKind." not in json.dumps(sp.json_schema())


def test_loaded_vocabularies_are_members(plan: sp.Plan) -> None:
    again = sp.loads(sp.dumps(plan))  # a user's file, every check (the bundled load skips some)
    for p in (plan, again):
        assert type(p.targets[0].kind) is sp.TargetKind
        assert all(type(s.confidence) is sp.Confidence for s in p.sources)
    with pytest.raises(sp.PlanDataError, match="expected one of 'quantitative', 'qualitative'"):
        sp.loads(sp.dumps(plan).replace('"quantitative"', '"Quantitative"', 1))
