"""Tables defined once: records, DataFrames, CSV for Excel and the Frictionless Data Package."""

import csv
import io
import json
import pathlib
import subprocess
import sys
from collections import Counter
from typing import Any

import pytest

import shanghai_plan as sp
from shanghai_plan import tables
from shanghai_plan.schema import field_docs
from shanghai_plan.tables import TABLES

KINDS = [t.name for t in TABLES]


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    return sp.write_datapackage(tmp_path_factory.mktemp("package") / "out")


def test_every_record_kind_is_one_table_definition() -> None:
    assert tuple(KINDS) == sp.RECORD_KINDS
    for t in TABLES:
        rows = sp.to_records(t.name, all_documents=True)  # type: ignore[arg-type]
        assert rows, t.name
        assert all(list(r) == [c.name for c in t.columns] for r in rows), t.name
        keys = [tuple(r[k] for k in t.primary_key) for r in rows]
        assert len(set(keys)) == len(keys), f"{t.name}: primary key not unique"
        for c in t.columns:
            assert c.description, f"{t.name}.{c.name} has no description"
            values = [r[c.name] for r in rows]
            if c.required:
                assert None not in values, f"{t.name}.{c.name}"
            if c.enum is not None:
                assert set(values) - {None} <= set(c.enum), f"{t.name}.{c.name}"
            python = {"string": str, "integer": int, "number": float, "boolean": bool}[c.type]
            assert all(v is None or type(v) is python for v in values), f"{t.name}.{c.name}"
            assert "" not in values, f"{t.name}.{c.name}: empty is None, not ''"


def test_descriptions_come_from_the_model() -> None:
    targets = tables.table("targets")
    year = targets.column("year")
    assert year.doc_of == (sp.Target, "year")
    assert year.description == field_docs(sp.Target)["year"] == "The deadline year."
    assert targets.column("unit").enum == tuple(u.value for u in sp.Unit)
    # reStructuredText roles become plain text
    doc_id = targets.column("document_id").description
    assert ":class:" not in doc_id
    assert "``" not in doc_id
    assert "related Document" in doc_id


def test_every_id_column_refers_to_a_table() -> None:
    names = set(KINDS)
    for t in TABLES:
        for c in t.columns:
            if c.name in t.primary_key or c.name == "source_ids":
                continue  # source_ids: the citations table holds them, one a row, as keys
            if c.name.endswith(("_id", "_ids")) or c.name in ("derived_from", "rests_on"):
                assert c.references is not None, f"{t.name}.{c.name} refers to nothing"
            if c.references is not None:
                target = tables.table(c.references.table or t.name)
                assert target.name in names
                assert target.primary_key == (c.references.column,), f"{t.name}.{c.name}"
    assert tables.table("citations").column("source_id").references == tables.ForeignKey(
        table="sources"
    )


def test_table_names_follow_the_argument_policy() -> None:
    assert tables.table("Citation") is tables.table("citations")  # case and plural rules
    with pytest.raises(sp.InvalidChoiceError, match=r"kind must be one of .*'citations'"):
        tables.table("citatoins")


# ----------------------------------------------------------------- DataFrame


def test_dataframe_carries_its_metadata() -> None:
    df = sp.to_dataframe("progress")
    assert df.attrs["data_version"] == sp.DATA_VERSION
    assert df.attrs["data_as_of"] == sp.DATA_AS_OF.isoformat()
    assert df.attrs["description"] == tables.table("progress").description
    assert df.attrs["document"] == sp.load().id
    assert df.attrs["units"]["share_of_goal"] == "percent"
    assert df.attrs["unit_columns"]["goal"] == "unit"
    assert df.attrs["columns"]["rests_on"].startswith("Every observation the status rests on")
    assert sp.to_dataframe("progress", all_documents=True).attrs["document"] is None
    obs = sp.to_dataframe("observations")
    assert obs.attrs["unit_columns"] == {"value": "unit"}
    assert obs.attrs["licence"] == sp.export.LICENCE


def test_dataframe_of_the_plan_matches_progress() -> None:
    df = sp.to_dataframe("progress")
    assert df["target_id"].tolist() == [p.target_id for p in sp.progress()]
    met = df.loc[df.status == "met", "target_id"].tolist()
    assert met == [p.target_id for p in sp.progress() if p.status is sp.Status.MET]


# ----------------------------------------------------------------- Excel


def test_excel_csv_has_a_byte_order_mark(tmp_path: pathlib.Path) -> None:
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    sp.write_csv("industries", plain)
    sp.write_csv("industries", excel, excel=True)
    raw = excel.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert plain.read_text(encoding="utf-8") == sp.to_csv("industries")
    assert sp.to_csv("industries", excel=True) == "\ufeff" + text
    assert "集成电路" in text
    assert "先导产业" in text
    # every text cell is quoted for a spreadsheet, and holds what the plain file holds (no
    # bundled text starts like a formula, so none gains a quote mark)
    assert text.startswith('"id","name_en"')
    read = list(csv.reader(io.StringIO(text)))
    assert read == list(csv.reader(io.StringIO(plain.read_text(encoding="utf-8"))))
    # what a spreadsheet's CSV import sees: the first header is "id", not "\ufeffid"
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["id"] == "integrated-circuits"
    assert rows[0]["name_zh"] == "集成电路"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shanghai_plan", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_cli_excel_and_scope(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "targets.csv"
    done = _cli("export", "targets", "--excel", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert out.read_text(encoding="utf-8") == sp.to_csv("targets", excel=True)
    done = _cli("export", "industries", "--excel")
    assert done.stdout == sp.to_csv("industries", excel=True)
    done = _cli("export", "progress", "--all-documents", "--format", "json")
    assert json.loads(done.stdout) == json.loads(
        json.dumps(sp.to_records("progress", all_documents=True))
    )
    doc = "doc-sh-am-action-2023-2025"
    done = _cli("export", "targets", "--document", doc)
    assert done.stdout == sp.to_csv("targets", document=doc)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export"], "give a KIND or --datapackage DIR"),
        (["export", "sources", "--document", "doc-x"], "--document applies to targets, progress"),
        (["export", "targets", "--excel", "--format", "json"], "--excel applies to CSV"),
        (["export", "targets", "--document", "d", "--all-documents"], "not both"),
        (["export", "targets", "--datapackage", "x"], "give no KIND"),
    ],
)
def test_cli_export_usage_errors(args: list[str], message: str) -> None:
    done = _cli(*args)
    assert done.returncode == 2
    assert message in done.stderr


def test_cli_unknown_document_is_named() -> None:
    done = _cli("export", "targets", "--document", "doc-sh-am-action-2023-2024")
    assert done.returncode == 1
    assert "did you mean 'doc-sh-am-action-2023-2025'" in done.stderr


# ----------------------------------------------------------------- data package


def test_datapackage_descriptor(package: pathlib.Path) -> None:
    plan = sp.load()
    d = json.loads(package.read_text(encoding="utf-8"))
    assert d["version"] == plan.data_version
    assert d["data_as_of"] == plan.data_as_of.isoformat()
    assert [lic["name"] for lic in d["licenses"]] == ["CC-BY-4.0", "MIT"]  # test_licence.py
    assert sp.export.LICENCE in d["description"]
    assert {s["path"] for s in d["sources"]} == {s.url for s in plan.sources}
    names = [r["name"] for r in d["resources"]]
    assert set(KINDS) <= set(names)
    for r in d["resources"]:
        assert (package.parent / r["path"]).is_file()
    targets = next(r for r in d["resources"] if r["name"] == "targets")
    fields = {f["name"]: f for f in targets["schema"]["fields"]}
    assert fields["year"]["type"] == "integer"
    assert fields["year"]["description"] == "The deadline year."
    assert fields["value"]["unitField"] == "unit"
    assert fields["kind"]["constraints"]["enum"] == ["quantitative", "qualitative"]
    fks = {fk["fields"][0]: fk["reference"] for fk in targets["schema"]["foreignKeys"]}
    assert fks == {
        "document_id": {"resource": "documents", "fields": ["id"]},
        "indicator_id": {"resource": "indicators", "fields": ["id"]},
    }
    link = next(r for r in d["resources"] if r["name"] == "targets_industry_ids")
    assert [f["name"] for f in link["schema"]["fields"]] == ["target_id", "industry_id", "position"]


def test_datapackage_is_valid_with_every_foreign_key_resolving(package: pathlib.Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(package))
    assert report.valid, report.flatten(["type", "note"])
    resources = json.loads(package.read_text("utf-8"))["resources"]
    assert [t.name for t in report.tasks] == [r["name"] for r in resources]
    assert sum(t.stats.get("rows", 0) for t in report.tasks) == sum(
        len(sp.to_records(k, all_documents=True))
        for k in KINDS  # type: ignore[arg-type]
    ) + sum(len(rows) for name, rows in sp.export.datapackage()[1].items() if name not in KINDS)


def test_validator_catches_a_broken_reference(
    package: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    frictionless = pytest.importorskip("frictionless")
    import shutil

    copy = tmp_path / "broken"
    shutil.copytree(package.parent, copy)
    links = copy / "progress_rests_on.csv"
    text = links.read_text(encoding="utf-8")
    first = text.splitlines()[1].split(",")[1]
    links.write_text(text.replace(first, "obs-that-does-not-exist", 1), encoding="utf-8")
    report = frictionless.validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert [e[0] for e in report.flatten(["type"])] == ["foreign-key"]


def _read_resource(package: pathlib.Path, name: str) -> Any:
    """How a pandas user reads one table of the package, typed by its Table Schema."""
    import pandas as pd

    d = json.loads(package.read_text(encoding="utf-8"))
    res = next(r for r in d["resources"] if r["name"] == name)
    dtypes: dict[str, Any] = {}
    for f in res["schema"]["fields"]:
        enum = f.get("constraints", {}).get("enum")
        if enum is not None:
            dtypes[f["name"]] = pd.CategoricalDtype(enum)
        else:
            dtypes[f["name"]] = {
                "integer": "Int64",
                "number": "float64",
                "boolean": "boolean",
                "string": "string",
            }[f["type"]]
    return pd.read_csv(
        package.parent / res["path"], dtype=dtypes, keep_default_na=False, na_values=[""]
    )


@pytest.mark.parametrize("kind", KINDS)
def test_package_reads_back_to_the_dataframe(package: pathlib.Path, kind: str) -> None:
    pd = pytest.importorskip("pandas")
    back = _read_resource(package, kind)
    df = sp.to_dataframe(kind, all_documents=True)  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(back, df, check_exact=True)


def test_cli_writes_the_same_package(package: pathlib.Path, tmp_path: pathlib.Path) -> None:
    done = _cli("export", "--datapackage", str(tmp_path / "cli"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wrote {tmp_path / 'cli' / 'datapackage.json'}"
    for f in package.parent.iterdir():
        assert (tmp_path / "cli" / f.name).read_bytes() == f.read_bytes(), f.name


def _plan_counts() -> "Counter[tuple[str, str]]":
    return Counter((r.status.value, r.lean.value) for r in sp.scorecard())


def test_a_spreadsheet_count_of_the_plans_scorecard_gives_the_tally(package: pathlib.Path) -> None:
    # what a COUNTIF on the CSV does: keep is_plan_target = true, count by status (and lean)
    with open(package.parent / "scorecard.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["is_plan_target"] for r in rows} == {"True", "False"}
    own = [r for r in rows if r["is_plan_target"] == "True"]
    assert Counter((r["status"], r["lean"]) for r in own) == _plan_counts()
    assert len(own) == len(sp.scorecard()) < len(rows)
    d = json.loads(package.read_text("utf-8"))
    described = next(r for r in d["resources"] if r["name"] == "scorecard")["description"]
    assert f"filter is_plan_target = true for the plan's own {len(own)}." in described
    assert f"({len(rows)} rows)" in described
    assert sp.tally(sp.scorecard()) in described


def test_duckdb_reads_the_same_tally(package: pathlib.Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    path = str(package.parent / "scorecard.csv").replace("'", "''")
    got = duckdb.sql(
        f"select status, lean, count(*) from read_csv('{path}', header = true) "
        "where is_plan_target group by status, lean"
    ).fetchall()
    assert Counter({(s, lean): n for s, lean, n in got}) == _plan_counts()


def test_the_flag_is_in_every_view_of_a_table_of_targets() -> None:
    for kind in ("targets", "progress", "scorecard"):
        assert {r["is_plan_target"] for r in sp.to_records(kind)} == {True}  # type: ignore[call-overload]
        every = sp.to_records(kind, all_documents=True)  # type: ignore[call-overload]
        plan_id = sp.load().id
        assert all(r["is_plan_target"] is (r["document_id"] == plan_id) for r in every), kind
    assert "is_plan_target" in sp.to_csv("scorecard").splitlines()[0].split(",")
    pytest.importorskip("pandas")
    assert str(sp.to_dataframe("scorecard")["is_plan_target"].dtype) == "boolean"


# ------------------------------------------------------------------- the zip


@pytest.fixture(scope="module")
def zipped(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    return sp.write_datapackage(tmp_path_factory.mktemp("zipped") / "shanghai-plan.zip")


def test_the_zip_holds_the_same_package_with_a_readme_and_citation(
    package: pathlib.Path, zipped: pathlib.Path
) -> None:
    import zipfile

    assert zipped.name == "shanghai-plan.zip"
    with zipfile.ZipFile(zipped) as z:
        names = z.namelist()
        files = {n: z.read(n) for n in names}
    on_disk = sorted(p.name for p in package.parent.iterdir())
    assert sorted(names) == sorted([*on_disk, "README.md", "CITATION.cff"])
    for name in on_disk:  # the same bytes as the directory's package
        assert files[name] == (package.parent / name).read_bytes(), name
    readme = files["README.md"].decode("utf-8")
    assert sp.tally(sp.scorecard()) in readme
    assert f"Data version {sp.DATA_VERSION}" in readme
    assert sp.export.LICENCE in readme
    # the COUNTIFS example names the right columns of scorecard.csv
    header = next(csv.reader(io.StringIO(files["scorecard.csv"].decode("utf-8"))))
    flag, status = (chr(ord("A") + header.index(x)) for x in ("is_plan_target", "status"))
    assert f'=COUNTIFS({flag}:{flag}, TRUE, {status}:{status}, "met")' in readme
    assert files["CITATION.cff"].decode("utf-8") == sp.export.citation_cff()


def test_the_zip_validates_once_extracted(zipped: pathlib.Path, tmp_path: pathlib.Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    import zipfile

    with zipfile.ZipFile(zipped) as z:
        z.extractall(tmp_path)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


def test_the_zip_is_the_same_bytes_each_time(zipped: pathlib.Path, tmp_path: pathlib.Path) -> None:
    again = sp.write_datapackage(tmp_path / "again.ZIP")
    assert again.read_bytes() == zipped.read_bytes()
    assert sp.write_datapackage(again).read_bytes() == zipped.read_bytes()  # replaced


def test_the_zip_is_all_or_nothing(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import zipfile

    out = tmp_path / "dp.zip"
    out.write_bytes(b"earlier")
    calls = []
    real = zipfile.ZipFile.writestr

    def failing(self: zipfile.ZipFile, *args: Any, **kw: Any) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(self, *args, **kw)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", failing)
    with pytest.raises(OSError, match="No space"):
        sp.write_datapackage(out)
    assert out.read_bytes() == b"earlier"
    assert os.listdir(tmp_path) == ["dp.zip"]


def test_the_zip_refuses_a_link_or_a_directory(tmp_path: pathlib.Path) -> None:
    import os

    victim = tmp_path / "victim.zip"
    victim.write_bytes(b"precious")
    (tmp_path / "link.zip").symlink_to(victim)
    with pytest.raises(FileExistsError, match="symbolic link"):
        sp.write_datapackage(tmp_path / "link.zip")
    assert victim.read_bytes() == b"precious"
    (tmp_path / "dir.zip").mkdir()
    with pytest.raises(FileExistsError, match="not a file"):
        sp.write_datapackage(tmp_path / "dir.zip")
    assert sorted(os.listdir(tmp_path)) == ["dir.zip", "link.zip", "victim.zip"]
    with pytest.raises(TypeError):
        sp.write_datapackage(3)  # type: ignore[arg-type]
