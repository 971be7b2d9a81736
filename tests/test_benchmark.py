"""The benchmark runs and prints every budget.

No timing is asserted anywhere: the smoke run uses tiny counts whose numbers mean
nothing; what is checked is that every measurement runs and every budget is reported.
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


@pytest.mark.slow
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
        assert {"json.loads", "floor", "sp.loads"} <= set(size["timings_ms"])
    assert 'sp.industry("AI")' in run["questions_us"]
    # the scaling grows every record array the file has
    assert run["meta"]["record_arrays"]
    assert run["sizes"][1]["records"] > 1.9 * run["sizes"][0]["records"]
