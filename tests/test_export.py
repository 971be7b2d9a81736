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
from shanghai_plan._records import walk
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
    assert len(sp.to_records("targets", all_documents=True)) == len(plan.targets)
    assert len(sp.to_records("sources")) == len(plan.sources)
    assert len(sp.to_records("observations")) == sum(len(i.observations) for i in plan.indicators)
    assert len(sp.to_records("conflicts")) == sum(len(c.sides) for c in plan.conflicts)
    assert len(sp.to_records("progress", all_documents=True)) == len(sp.targets(all_documents=True))
    assert len(sp.to_records("documents")) == 1 + len(plan.related_documents)
    assert len(sp.to_records("citations")) == sum(
        len(getattr(rec, "citations", ())) for rec, _ in walk(plan)
    )


def test_per_document_tables_default_to_the_plan_itself(plan: sp.Plan) -> None:
    own = sp.to_records("targets")
    assert [r["id"] for r in own] == [t.id for t in sp.targets()]
    assert {r["document_id"] for r in own} == {plan.id}
    assert [r["target_id"] for r in sp.to_records("progress")] == [
        p.target_id for p in sp.progress()
    ]
    doc = "doc-sh-am-action-2023-2025"
    assert [r["id"] for r in sp.to_records("targets", document=doc)] == [
        t.id for t in sp.targets(document=doc)
    ]
    assert [r["target_id"] for r in sp.to_records("progress", document=doc)] == [
        p.target_id for p in sp.progress(document=doc)
    ]
    every = sp.to_records("progress", all_documents=True)
    assert [r["target_id"] for r in every] == [p.target_id for p in sp.progress(all_documents=True)]
    assert len(every) > len(sp.to_records("progress"))


def test_scope_arguments_are_checked() -> None:
    with pytest.raises(sp.NotFoundError, match="doc-sh-am-action-2023-2025"):
        sp.to_records("targets", document="doc-sh-am-action-2023-2024")
    with pytest.raises(ValueError, match="not both"):
        sp.to_records("targets", document="doc-sh-am-action-2023-2025", all_documents=True)
    with pytest.raises(TypeError, match="document must be a document id, a Document or the Plan"):
        sp.to_records("targets", document=7)  # type: ignore[arg-type]
    doc = sp.document("doc-sh-am-action-2023-2025")
    assert sp.to_records("targets", document=doc) == sp.to_records("targets", document=doc.id)
    with pytest.raises(ValueError, match="'sources' holds every document's records"):
        sp.to_records("sources", document="doc-sh-am-action-2023-2025")
    # a table not tied to a document is the same in every scope
    assert sp.to_records("sources", all_documents=True) == sp.to_records("sources")


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
    assert list(df["kind"].cat.categories) == [k.value for k in sp.TargetKind]
    assert len(df) == len(sp.targets())
    assert len(sp.to_dataframe("targets", all_documents=True)) == len(sp.load().targets)
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


def _structure(node: object) -> object:
    """A schema without what only ours says: descriptions, titles, defaults, strictness,
    the date pattern; enums as sets, properties unordered."""
    if isinstance(node, dict):
        kept = {
            k: _structure(v)
            for k, v in node.items()
            if k not in ("description", "title", "default", "additionalProperties", "pattern")
        }
        if "enum" in kept:
            kept["enum"] = sorted(node["enum"])
        if "required" in kept:
            kept["required"] = sorted(node["required"])
        return kept
    if isinstance(node, list):
        return [_structure(v) for v in node]
    return node


def test_schema_agrees_with_msgspec_on_every_type() -> None:
    """msgspec, a well-kept library, derives a schema from the same attrs classes: types,
    nullability, arrays, enums, dates and required keys must be the same as ours.  (Ours
    adds what msgspec cannot take from attrs classes: the field docstrings, the converter's
    refusal of unknown keys, the strict date pattern, enum values in declaration order.)"""
    msgspec = pytest.importorskip("msgspec")
    ours = schema.generate()
    theirs = msgspec.json.schema(sp.Plan)
    root = {k: ours[k] for k in ("type", "properties", "required")}
    assert theirs["$ref"] == "#/$defs/Plan"
    assert _structure({**ours["$defs"], "Plan": root}) == _structure(theirs["$defs"])
    # and what only ours carries
    described = [p for d in ours["$defs"].values() for p in d.get("properties", {}).values()]
    assert all("description" in p for p in described)
    assert not any(
        "description" in p
        for d in theirs["$defs"].values()
        for p in d.get("properties", {}).values()
    )
