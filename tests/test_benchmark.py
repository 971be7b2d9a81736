"""The benchmark runs, prints every budget, and the performance page shows its latest run.

No timing is asserted anywhere: the smoke run uses tiny counts whose numbers mean
nothing; what is checked is that every measurement runs and every budget is reported,
and that the docs page is generated from the committed run and names exactly the
benchmark's budgets.
"""

import importlib
import importlib.util
import json
import os
import pathlib
import re
import subprocess
import sys
from types import ModuleType

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
DOCS = ROOT / "docs"


def _bench(name: str) -> ModuleType:
    """A module of the benchmark package (``benchmarks/shanghai_plan_bench``)."""
    sys.path.insert(0, str(BENCH))
    try:
        return importlib.import_module(f"shanghai_plan_bench.{name}")
    finally:
        sys.path.remove(str(BENCH))


def _budgets() -> ModuleType:
    return _bench("budgets")


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_performance", DOCS / "gen_performance.py")
    assert spec is not None
    assert spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_smoke_run_measures_everything_and_prints_every_budget(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "run.json"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--smoke", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "failed and is left out" not in proc.stdout, proc.stdout
    names = _budgets().BUDGETS
    for name in names.values():
        assert re.search(rf"^  (PASS|FAIL|n/a)\s+{re.escape(name)}: ", proc.stdout, re.M), name
    run = json.loads(out.read_text(encoding="utf-8"))
    assert [b["key"] for b in run["budgets"]] == list(names)
    for b in run["budgets"]:
        assert b["verdict"] in ("PASS", "FAIL", "n/a")
        assert b["detail"].strip()
    # every measurement ran: the cold cases, the first loads, every size, the questions
    for key in ("bare", "import_attrs", "sp_import", "sp_question", "floor"):
        assert key in run["cold_ms"], key
    assert {"json", "shanghai_plan", "strict"} <= set(run["first_ms"])
    assert [s["factor"] for s in run["sizes"]] == [1, 2]
    for size in run["sizes"]:
        assert {"json.loads", "sp.load path", "sp.loads"} <= set(size["timings_ms"])
    assert 'sp.industry("AI")' in run["questions_us"]
    # the scaling grows every record array the file has
    assert run["meta"]["record_arrays"]
    assert run["sizes"][1]["records"] > 1.9 * run["sizes"][0]["records"]


def test_performance_page_is_current() -> None:
    gen = _generator()
    assert gen.PAGE.read_text(encoding="utf-8") == gen.render(), (
        "run: python docs/gen_performance.py (or python -m benchmarks --publish)"
    )


def test_performance_page_names_every_budget_in_a_well_formed_table() -> None:
    page = (DOCS / "performance.md").read_text(encoding="utf-8")
    section = page.split("## Budgets\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    assert rows[0] == "| budget | verdict | measured |"
    assert rows[1] == "| --- | --- | --- |"
    cells = [re.split(r"(?<!\\)\|", row)[1:-1] for row in rows[2:]]
    assert all(len(c) == 3 for c in cells), rows
    names = [c[0].strip().replace("\\|", "|") for c in cells]
    assert names == list(_budgets().BUDGETS.values())
    assert {c[1].strip() for c in cells} <= {"PASS", "FAIL", "n/a"}
    assert all(c[2].strip() for c in cells)


def test_published_run_names_the_machine_and_the_date() -> None:
    run = json.loads((DOCS / "performance-run.json").read_text(encoding="utf-8"))
    meta = run["meta"]
    for key in ("when", "cpu", "cpus", "python", "platform"):
        assert meta[key], key
    assert meta["mode"] == "default", "publish a default run, not a quick or smoke one"


def _instructions() -> ModuleType:
    return _bench("instructions")


def test_callgrind_totals_are_read_from_its_output() -> None:
    parse = _instructions().parse_total
    text = "version: 1\ncreator: callgrind-3.19.0\nevents: Ir\nsummary: 417812345\n"
    assert parse(text) == 417_812_345
    assert parse("events: Ir\ntotals: 12\n") == 12
    with pytest.raises(ValueError, match="no summary"):
        parse("events: Ir\n")


def test_instruction_counts_are_the_same_in_every_run() -> None:
    ins = _instructions()
    if not ins.available():
        pytest.skip("valgrind is not installed")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    code = "import json; json.loads('[' + '1,' * 1000 + '1]')"
    first, second = ins.count(code, env), ins.count(code, env)
    assert first > ins.count("pass", env) > 1_000_000
    assert abs(first - second) <= 0.001 * first  # counted, not timed


def test_a_run_without_valgrind_says_the_instructions_were_not_counted() -> None:
    ins = _instructions()
    (line,) = ins.unavailable()
    assert "not counted" in line
    assert "valgrind" in line or "callgrind" in line


def test_a_failed_budget_on_the_page_quotes_its_instruction_count_when_counted() -> None:
    gen = _generator()
    counts = [
        {"key": "warm:strict", "ours": 105.5, "theirs": 74.6, "ratio": 1.414, "limit": 1.3},
        {"key": "cold:floor", "ours": 434.3, "theirs": 378.0, "ratio": 1.149, "limit": 1.15},
    ]
    strict = gen._counted({"instructions": counts}, "warm:strict")
    assert "105.5 M against 74.6 M" in strict
    assert "over the 1.3× limit" in strict
    assert "within the 1.15× limit" in gen._counted({"instructions": counts}, "cold:floor")
    assert gen._counted({"instructions": None}, "warm:strict") == ""
    assert gen._counted({}, "cold:floor") == ""


def test_a_budget_that_holds_in_time_but_not_in_instructions_is_named_on_the_page() -> None:
    gen = _generator()
    run = json.loads((ROOT / "docs" / "performance-run.json").read_text(encoding="utf-8"))
    for b in run["budgets"]:
        b["verdict"] = "PASS"
    run["instructions"] = [
        {"key": "cold:pydantic", "ours": 434.3, "theirs": 688.4, "ratio": 0.631, "limit": 0.6},
        {"key": "cold:floor", "ours": 434.3, "theirs": 378.0, "ratio": 1.149, "limit": 1.15},
    ]
    page = gen.render(run)
    section = page.split("### Budgets that hold in time but not in instructions")[1]
    section = section.split("## Full output")[0]
    assert "the pydantic mirror" in section
    assert "434.3 M against 688.4 M instructions, 0.631×, over the 0.6× limit" in section
    assert "the unavoidable work" not in section  # within its limit: not disputed
    run["instructions"] = None
    assert "### Budgets that hold in time" not in gen.render(run)
