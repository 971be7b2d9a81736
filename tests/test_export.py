"""Exports: records, DataFrames, CSV, JSON round trip and the JSON Schema."""

import csv
import io
import json
import pathlib
import subprocess
import sys

import pytest

import shanghai_plan as sp
from shanghai_plan import schema
from shanghai_plan.loading import read_bundled_bytes

SCALARS = (str, int, float, bool, type(None))


@pytest.mark.parametrize("kind", sp.RECORD_KINDS)
def test_records_are_flat_plain_dicts(kind: sp.export.RecordKind) -> None:
    rows = sp.to_records(kind)
    for row in rows:
        assert type(row) is dict
        assert all(isinstance(v, SCALARS) for v in row.values()), row
    if rows:
        assert len({tuple(r) for r in rows}) == 1  # same columns in the same order


def test_record_counts_match_the_plan(plan: sp.Plan) -> None:
    assert len(sp.to_records("industries")) == len(plan.industries)
    assert len(sp.to_records("targets")) == len(plan.targets)
    assert len(sp.to_records("sources")) == len(plan.sources)
    assert len(sp.to_records("observations")) == sum(len(i.observations) for i in plan.indicators)
    assert len(sp.to_records("conflicts")) == sum(len(c.sides) for c in plan.conflicts)
    assert len(sp.to_records("progress")) == len(sp.targets(all_documents=True))


def test_target_record_carries_figure_and_citations() -> None:
    (row,) = [r for r in sp.to_records("targets") if r["id"] == "tgt-chip-design-3nm"]
    assert (row["value"], row["unit"], row["comparator"], row["year"]) == (
        3.0,
        "nanometres",
        "at_most",
        2025,
    )
    assert row["industry_ids"] == "integrated-circuits"
    assert "globaltimes-2021-07-14" in row["source_ids"].split("; ")
    assert row["citations"].startswith("globaltimes-2021-07-14: ")


def test_unknown_kind_lists_the_kinds() -> None:
    assert sp.to_records("Target") == sp.to_records("targets")  # type: ignore[arg-type]
    with pytest.raises(sp.InvalidChoiceError, match="kind must be one of 'industries', ") as info:
        sp.to_records("tagets")  # type: ignore[arg-type]
    assert info.value.choices == sp.RECORD_KINDS
    with pytest.raises(TypeError, match="kind must be a str, not int"):
        sp.to_csv(3)  # type: ignore[arg-type]


def test_dataframe_dtypes() -> None:
    df = sp.to_dataframe("targets")
    assert str(df["year"].dtype) == "Int64"
    assert str(df["value"].dtype) == "float64"
    assert str(df["kind"].dtype) == "category"
    assert str(df["statement"].dtype) == "string"
    assert len(df) == len(sp.load().targets)
    src = sp.to_dataframe("sources")
    assert str(src["mirror"].dtype) == "boolean"
    assert set(src["confidence"].cat.categories) <= {"primary", "secondary", "weak"}


def test_dataframe_without_pandas_names_the_extra() -> None:
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import shanghai_plan as sp\n"
        "try:\n    sp.to_dataframe('industries')\n"
        "except sp.MissingDependencyError as e:\n    print(e); assert isinstance(e, ImportError)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'shanghai-plan[pandas]'" in out.stdout


def test_csv_matches_records(tmp_path: pathlib.Path) -> None:
    text = sp.to_csv("industries")
    rows = list(csv.DictReader(io.StringIO(text)))
    records = sp.to_records("industries")
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    assert rows[0]["name_zh"] == records[0]["name_zh"]
    f = tmp_path / "industries.csv"
    sp.write_csv("industries", f)
    assert f.read_text(encoding="utf-8") == text


def test_json_round_trip(tmp_path: pathlib.Path) -> None:
    plan = sp.load()
    assert sp.loads(sp.dumps()) == plan
    assert json.loads(sp.dumps()) == json.loads(read_bundled_bytes())
    f = tmp_path / "copy.json"
    sp.dump(f)
    assert sp.load(f) == plan


def test_bundled_schema_is_current() -> None:
    assert sp.json_schema() == schema.generate(), "run: python scripts/format_data.py"


def test_bundled_data_validates_against_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(
        sp.json_schema(), format_checker=jsonschema.FormatChecker()
    )
    jsonschema.Draft202012Validator.check_schema(sp.json_schema())
    errors = list(validator.iter_errors(json.loads(read_bundled_bytes())))
    assert errors == []


def test_schema_rejects_what_the_loader_rejects(raw: dict[str, object]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(sp.json_schema())
    raw["colour"] = "red"
    raw["period"] = {"start_year": "2021", "end_year": 2025}
    messages = sorted(e.message for e in validator.iter_errors(raw))
    assert any("colour" in m for m in messages)
    assert any("'2021' is not of type 'integer'" in m for m in messages)


def test_schema_describes_fields() -> None:
    s = sp.json_schema()
    target = s["$defs"]["Target"]
    assert target["additionalProperties"] is False
    assert "document_id" in target["required"]
    assert "deadline" in target["properties"]["year"]["description"]
    assert s["$defs"]["Unit"]["enum"][:2] == ["yuan", "percent"]
