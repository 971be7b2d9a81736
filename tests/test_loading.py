"""Loading: strict structuring, caching, round trip, user files and their errors."""

import json
import pathlib
import subprocess
import sys
from typing import Any

import pytest

import shanghai_plan as sp
from shanghai_plan._converter import unstructure
from shanghai_plan.loading import read_bundled_bytes


def problems(text: str | bytes) -> list[tuple[str, str]]:
    with pytest.raises(sp.PlanDataError) as info:
        sp.loads(text)
    return [(p.path, p.message) for p in info.value.errors]


def paths(data: Any) -> list[str]:
    return [p for p, _ in problems(json.dumps(data))]


def test_bundled_plan_is_cached() -> None:
    assert sp.load() is sp.load()


def test_round_trip_to_raw_json(plan: sp.Plan, raw: dict[str, Any]) -> None:
    assert unstructure(plan) == raw


def test_round_trip_through_text_gives_equal_plan(plan: sp.Plan) -> None:
    text = json.dumps(unstructure(plan), ensure_ascii=False)
    again = sp.loads(text)
    assert again == plan
    assert again is not plan


def test_bundled_file_is_canonical() -> None:
    # scripts/format_data.py writes this form; hand edits must be re-formatted.
    text = read_bundled_bytes().decode("utf-8")
    canonical = json.dumps(unstructure(sp.load()), ensure_ascii=False, indent=2) + "\n"
    assert text == canonical, "run: python scripts/format_data.py"


def test_enums_are_real_enums_not_strings(plan: sp.Plan) -> None:
    for ind in plan.industries:
        assert type(ind.tier) is sp.IndustryTier
    for t in plan.targets:
        assert type(t.kind) is sp.TargetKind
        if t.quantity is not None:
            assert type(t.quantity.unit) is sp.Unit
            assert type(t.quantity.comparator) is sp.Comparator
    for s in plan.sources:
        assert type(s.confidence) is sp.Confidence


def test_load_user_file_from_path(tmp_path: pathlib.Path, raw: dict[str, Any]) -> None:
    raw["id"] = "my-copy"
    for t in raw["targets"]:
        if t["document_id"] == "sh-am-14fyp":
            t["document_id"] = "my-copy"
    for g in raw["gaps"]:  # gaps may name the plan itself
        g["record_ids"] = ["my-copy" if r == "sh-am-14fyp" else r for r in g["record_ids"]]
    f = tmp_path / "plan.json"
    f.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    mine = sp.load(f)
    assert mine.id == "my-copy"
    assert mine is not sp.load()
    assert sp.load(str(f)) == mine


def test_loads_accepts_bytes(raw: dict[str, Any]) -> None:
    assert sp.loads(json.dumps(raw).encode("utf-8")) == sp.load()


def test_error_names_every_problem_with_json_paths(raw: dict[str, Any]) -> None:
    raw["targets"][0]["quantity"]["value"] = "lots"
    raw["targets"][1]["colour"] = "red"
    raw["industries"][2]["tier"] = "Leading"
    del raw["period"]["end_year"]
    raw["events"][0]["date"] = "2021-7-5"
    found = dict(problems(json.dumps(raw)))
    assert found == {
        "$.targets[0].quantity.value": "expected a number, got string 'lots'",
        "$.targets[1].colour": "unknown key",
        "$.industries[2].tier": "expected one of 'leading', 'key'; got string 'Leading'",
        "$.period.end_year": "required key is missing",
        "$.events[0].date": "expected a date as YYYY-MM-DD, got string '2021-7-5'",
    }


def test_error_message_names_source_and_paths(tmp_path: pathlib.Path, raw: dict[str, Any]) -> None:
    raw["industries"][0]["name_zh"] = 1
    f = tmp_path / "broken.json"
    f.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(sp.PlanDataError) as info:
        sp.load(f)
    assert str(f) in str(info.value)
    assert "$.industries[0].name_zh" in str(info.value)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, sp.ShanghaiPlanError)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2025", "expected an integer, got string '2025'"),
        (2025.0, "expected an integer, got number 2025.0"),
        (True, "expected an integer, got boolean True"),
        (None, "expected an integer, got null None"),
    ],
)
def test_no_lax_coercion_for_integers(raw: dict[str, Any], value: object, message: str) -> None:
    raw["period"]["start_year"] = value
    assert problems(json.dumps(raw)) == [("$.period.start_year", message)]


def test_string_is_not_a_tuple_of_characters(raw: dict[str, Any]) -> None:
    raw["targets"][0]["industry_ids"] = "integrated-circuits"
    assert problems(json.dumps(raw)) == [
        ("$.targets[0].industry_ids", "expected an array, got string 'integrated-circuits'")
    ]


def test_number_is_not_a_string(raw: dict[str, Any]) -> None:
    raw["industries"][0]["id"] = 123
    assert paths(raw) == ["$.industries[0].id"]


def test_object_expected(raw: dict[str, Any]) -> None:
    raw["targets"][0] = ["not", "an", "object"]
    assert problems(json.dumps(raw)) == [
        ("$.targets[0]", "expected an object, got array ['not', 'an', 'object']")
    ]


def test_integrity_problems_have_paths(raw: dict[str, Any]) -> None:
    # a target no other record names, so that taking its id breaks nothing else
    text = json.dumps({k: v for k, v in raw.items() if k != "targets"})
    free = next(i for i, t in enumerate(raw["targets"]) if i and f'"{t["id"]}"' not in text)
    raw["targets"][1], raw["targets"][free] = raw["targets"][free], raw["targets"][1]
    raw["targets"][1]["id"] = raw["targets"][0]["id"]
    raw["targets"][0]["industry_ids"] = ["ai-chips"]
    raw["industries"][1]["citations"] = []
    raw["industries"][2]["citations"][0]["source_id"] = "nowhere"
    found = dict(problems(json.dumps(raw)))
    assert found == {
        "$.targets[1].id": f"duplicate id {raw['targets'][0]['id']!r} (first used at $.targets[0])",
        "$.targets[0].industry_ids[0]": "unknown industry 'ai-chips'",
        "$.industries[1].citations": "a record must cite at least one source",
        "$.industries[2].citations[0].source_id": "unknown source 'nowhere'",
    }


def test_quantitative_target_needs_quantity(raw: dict[str, Any]) -> None:
    idx = next(i for i, t in enumerate(raw["targets"]) if t["kind"] == "quantitative")
    del raw["targets"][idx]["quantity"]
    assert paths(raw) == [f"$.targets[{idx}].quantity"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"a": 1,}',
            "invalid JSON at line 1 column 9: Expecting property name enclosed in double quotes",
        ),
        ('{"a": NaN}', "NaN is not valid JSON"),
        ('{"a": -Infinity}', "-Infinity is not valid JSON"),
        ("[]", "expected a JSON object at the top level"),
        ("", "invalid JSON at line 1 column 1: Expecting value"),
        ("\ufeff{}", "text starts with a byte order mark"),
    ],
)
def test_bad_json_text(text: str, message: str) -> None:
    assert problems(text) == [("$", message)]


def test_bad_bytes() -> None:
    assert problems(b"\xef\xbb\xbf{}") == [("$", "file starts with a UTF-8 byte order mark")]
    assert problems(b'{"id": "\xff"}') == [("$", "not valid UTF-8 at byte 8: invalid start byte")]


def test_size_limit(raw: dict[str, Any]) -> None:
    text = json.dumps(raw)
    with pytest.raises(sp.PlanDataError, match="larger than the limit of 100 bytes"):
        sp.loads(text, max_bytes=100)
    assert sp.loads(text, max_bytes=len(text.encode())) == sp.load()


def test_missing_file_is_an_os_error(tmp_path: pathlib.Path) -> None:
    with pytest.raises(FileNotFoundError):
        sp.load(tmp_path / "nope.json")


def test_loads_rejects_other_types() -> None:
    with pytest.raises(TypeError, match="str or bytes"):
        sp.loads(123)  # type: ignore[arg-type]


def test_import_reads_no_data_and_builds_no_converter() -> None:
    code = """
import sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
import shanghai_plan
assert not [p for p in opened if p.endswith(".json")], opened
for mod in ("cattrs", "json", "shanghai_plan._converter", "difflib"):
    assert mod not in sys.modules, mod
# nothing but the package itself and its version: every public name is loaded on first use
own = sorted(m for m in sys.modules if m.startswith("shanghai_plan"))
assert own == ["shanghai_plan", "shanghai_plan._version"], own
assert "attrs" not in sys.modules and "attr" not in sys.modules
shanghai_plan.Industry  # the first name brings in the model, not the data
assert not [p for p in opened if p.endswith(".json")], opened
loading = sys.modules.get("shanghai_plan.loading")
assert loading is None or loading._bundled is None
assert "cattrs" not in sys.modules
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_data_constants_come_from_the_data(plan: sp.Plan) -> None:
    import datetime

    assert plan.data_version == sp.DATA_VERSION
    assert plan.data_as_of == sp.DATA_AS_OF
    assert isinstance(sp.DATA_AS_OF, datetime.date)
    assert "DATA_VERSION" in dir(sp)
    with pytest.raises(AttributeError):
        sp.NOT_A_THING  # type: ignore[attr-defined]  # noqa: B018


def _shape(obj: object) -> object:
    """Every value of a record tree with its exact type, for comparing two builds."""
    import attrs

    if attrs.has(type(obj)):
        return (
            type(obj),
            tuple((a.name, _shape(getattr(obj, a.name))) for a in attrs.fields(type(obj))),
        )
    if isinstance(obj, tuple):
        return tuple(_shape(x) for x in obj)
    return (type(obj), obj)


def test_bundled_plan_is_exactly_what_loading_its_bytes_builds() -> None:
    from shanghai_plan import loading

    assert loading._build_bundled() == sp.loads(read_bundled_bytes())
    assert _shape(loading._build_bundled()) == _shape(sp.loads(read_bundled_bytes()))


def test_a_damaged_bundled_file_is_reported_in_full(
    monkeypatch: pytest.MonkeyPatch, raw: dict[str, Any]
) -> None:
    from shanghai_plan import loading

    raw["industries"][0]["colour"] = "red"  # an edit the converter refuses
    monkeypatch.setattr(loading, "read_bundled_bytes", lambda: json.dumps(raw).encode())
    with pytest.raises(sp.PlanDataError, match=r"\$\.industries\[0\]\.colour: unknown key"):
        loading._build_bundled()


def test_data_problem_is_an_immutable_value() -> None:
    import pickle

    import attrs

    p = sp.DataProblem("$.targets[0].year", "expected an integer")
    assert p == sp.DataProblem("$.targets[0].year", "expected an integer")
    assert p != sp.DataProblem("$.targets[1].year", "expected an integer")
    assert p != ("$.targets[0].year", "expected an integer")
    assert len({p, sp.DataProblem("$.targets[0].year", "expected an integer")}) == 1
    assert str(p) == "$.targets[0].year: expected an integer"
    assert repr(p) == "DataProblem(path='$.targets[0].year', message='expected an integer')"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        p.path = "$"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del p.message
    assert pickle.loads(pickle.dumps(p)) == p
    match p:
        case sp.DataProblem(path, message):
            assert (path, message) == (p.path, p.message)
    error = sp.PlanDataError([p], "mine.json")
    again = pickle.loads(pickle.dumps(error))
    assert again.errors == (p,)
    assert str(again) == str(error)
