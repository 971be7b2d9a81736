"""What changed between data releases: the shipped record (``sp.changes()``), the script that
writes it (``scripts/gen_changes.py``) and the command.

The record must have an entry for the bundled data's version, always.  Whether that entry
still matches the shipped file is recomputed only where the repository's history is at hand
(git, and the previous release's ``plan.json`` found in it by the digest the entry keeps):
the installed wheel carries no history, so there only the entry's presence is checked.
"""

import copy
import importlib.util
import itertools
import json
import pathlib
import subprocess
from types import ModuleType
from typing import Any

import pytest

import shanghai_plan as sp
from shanghai_plan.cli import main
from shanghai_plan.loading import read_bundled_bytes

ROOT = pathlib.Path(__file__).resolve().parents[1]


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_changes", ROOT / "scripts" / "gen_changes.py"
    )
    assert spec is not None
    assert spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


gen = load_script()


def test_the_bundled_data_version_has_an_entry() -> None:
    latest = sp.changes()[-1]
    assert latest.version == sp.DATA_VERSION, "a data release: run python scripts/gen_changes.py"
    assert latest.date == sp.DATA_AS_OF


def test_the_entry_matches_the_shipped_file() -> None:
    latest = sp.changes()[-1]
    old = gen.find_in_history(latest.previous_sha256)
    if old is None:
        pytest.skip("no git history here: only the entry's presence is checked")
    new = read_bundled_bytes().decode("utf-8")
    again = gen.entry(old, new)
    shipped = json.loads((ROOT / "src/shanghai_plan/data/changes.json").read_text("utf-8"))[-1]
    assert again["previous"] == latest.previous
    assert again["records"] == shipped["records"], "data changed: run python scripts/gen_changes.py"
    assert [{k: v for k, v in x.items() if k != "reason"} for x in shipped["verdicts"]] == (
        again["verdicts"]
    ), "verdicts changed: run python scripts/gen_changes.py (and give the reasons)"


def test_every_verdict_change_has_a_reason_and_the_releases_chain() -> None:
    releases = sp.changes()
    for before, after in itertools.pairwise(releases):
        assert after.previous == before.version
    for r in releases:
        assert all(v.reason.strip() and not v.reason.startswith("TODO") for v in r.verdicts)
        assert all(  # a verdict change changes the status, the lean or the confidence
            (v.status_before, v.lean_before, v.confidence_before)
            != (v.status_after, v.lean_after, v.confidence_after)
            for v in r.verdicts
        )
        assert all(c.fields for c in r.changed)
        assert not any(c.fields for c in (*r.added, *r.removed))


def test_the_2026_5_release_on_hand_checked_records() -> None:
    (r,) = [x for x in sp.changes() if x.version == "2026.5"]
    assert r.previous == "2026.4"
    changes = {c.id: c for c in r.records}
    # the corrected IC figure moved to its own revenue indicator (CHANGELOG, data 2026.5)
    assert changes["ind-ic-revenue"].change is sp.ChangeKind.ADDED
    assert changes["obs-iva-2025-upper-bound-exact"].change is sp.ChangeKind.ADDED
    assert changes["obs-iva-2025-upper-bound"].change is sp.ChangeKind.REMOVED
    eda = next(v for v in r.verdicts if v.target_id == "tgt-national-eda-platform")
    assert (eda.status_before, eda.status_after) == (sp.Status.NO_DATA, sp.Status.NOT_MET)
    assert "Nanjing" in eda.reason


def test_since() -> None:
    releases = sp.changes()
    assert sp.changes(since=sp.DATA_VERSION) == ()
    assert sp.changes(since=releases[-1].previous) == releases[-1:]
    with pytest.raises(sp.InvalidChoiceError) as err:
        sp.changes(since="2025.1")
    assert err.value.parameter == "since"
    with pytest.raises(TypeError, match=r"^since must be a str"):
        sp.changes(since=2026.5)  # type: ignore[arg-type]


# ------------------------------------------------------------------ the record diff


PLAN: dict[str, Any] = {
    "id": "p",
    "data_version": "1",
    "indicators": [
        {
            "id": "ind-a",
            "unit": "yuan",
            "observations": [{"id": "obs-1", "year": 2021, "value": 1.0}],
            "citations": [{"source_id": "s", "locator": "p1"}],
        }
    ],
    "sources": [{"id": "s", "title": "T"}],
}
KINDS = {"p": "plan", "ind-a": "indicator", "obs-1": "observation", "obs-2": "observation"}
KINDS |= {"s": "source"}


def test_a_changed_nested_record_is_listed_by_itself_not_its_parent() -> None:
    new = copy.deepcopy(PLAN)
    new["indicators"][0]["observations"][0]["value"] = 2.0
    new["indicators"][0]["citations"][0]["locator"] = "p2"
    assert gen.record_diff(PLAN, new, KINDS) == [
        {"id": "ind-a", "kind": "indicator", "change": "changed", "fields": ["citations"]},
        {"id": "obs-1", "kind": "observation", "change": "changed", "fields": ["value"]},
    ]


def test_added_and_removed_records_and_the_parent_list_that_holds_them() -> None:
    new = copy.deepcopy(PLAN)
    new["indicators"][0]["observations"] = [{"id": "obs-2", "year": 2022, "value": 1.0}]
    new["sources"][0]["url"] = "https://example.org"  # a key only one side has
    assert gen.record_diff(PLAN, new, KINDS) == [
        {"id": "ind-a", "kind": "indicator", "change": "changed", "fields": ["observations"]},
        {"id": "obs-1", "kind": "observation", "change": "removed"},
        {"id": "obs-2", "kind": "observation", "change": "added"},
        {"id": "s", "kind": "source", "change": "changed", "fields": ["url"]},
    ]
    assert gen.record_diff(PLAN, copy.deepcopy(PLAN), KINDS) == []


def test_no_verdict_change_is_written_without_a_reason() -> None:
    release: dict[str, Any] = {
        "version": "9",
        "verdicts": [
            {
                "target_id": "t1",
                "status_before": "no_data",
                "status_after": "met",
                "confidence_before": None,
                "confidence_after": "weak",
            },
            {
                "target_id": "t2",
                "status_before": "met",
                "status_after": "not_met",
                "confidence_before": "weak",
                "confidence_after": "weak",
            },
        ],
    }
    reasons = {"9": {"t2": "TODO: why", "t3": "a reason for a verdict that did not change"}}
    problems = gen.with_reasons(release, reasons)
    assert [p.split(":")[0] for p in problems] == ["t1", "t2", "t3"]
    assert reasons["9"]["t1"].startswith("TODO")  # a placeholder to fill, not a reason
    reasons = {"9": {"t1": "new figure", "t2": "a finding says so"}}
    assert gen.with_reasons(release, reasons) == []
    assert [v["reason"] for v in release["verdicts"]] == ["new figure", "a finding says so"]


def test_the_script_check_passes_on_the_shipped_record() -> None:
    try:
        subprocess.run(["git", "rev-parse"], cwd=ROOT, check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("no git here")
    assert gen.main(["--check"]) == 0


# ------------------------------------------------------------------ the command


def test_cli_prints_the_changes(capsys: pytest.CaptureFixture[str]) -> None:
    latest = sp.changes()[-1]
    assert main(["changes", "--since", latest.previous]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Data {latest.version}, since {latest.previous} (checked up to ")
    for v in latest.verdicts:
        assert f"  {v.target_id}: " in out
    assert main(["changes", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["version"] for r in data] == [r.version for r in sp.changes()]
    assert main(["changes", "--since", sp.DATA_VERSION]) == 0
    assert capsys.readouterr().out == f"No data release after {sp.DATA_VERSION}.\n"
    assert main(["changes", "--since", "nope"]) == 1
    assert "since must be one of" in capsys.readouterr().err


def test_the_record_is_structured_strictly() -> None:
    from shanghai_plan.releases import parse

    bad = [
        {
            "version": "1",
            "previous": "0",
            "previous_sha256": "0" * 64,
            "date": "2026-13-01",
            "records": [{"id": "a", "kind": "target", "change": "gone"}],
            "verdicts": [],
            "note": "an unknown key",
        }
    ]
    with pytest.raises(sp.PlanDataError) as err:
        parse(json.dumps(bad))
    assert {p.path for p in err.value.errors} == {
        "$[0].date",
        "$[0].records[0].change",
        "$[0].note",
    }
    shipped = (ROOT / "src/shanghai_plan/data/changes.json").read_text("utf-8")
    assert parse(shipped) == sp.changes()


def test_the_script_names_the_release_in_citation_cff() -> None:
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    updated = gen.cite_release(cff, "2099.1", "2099-01-02")
    assert 'version: "2099.1"\n' in updated
    assert 'date-released: "2099-01-02"\n' in updated
    assert f'    version: "{sp.__version__}"\n' in updated  # the software's own, unchanged
    assert gen.cite_release(cff, sp.DATA_VERSION, sp.DATA_AS_OF.isoformat()) == cff
