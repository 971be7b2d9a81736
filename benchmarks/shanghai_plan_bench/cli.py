"""The entry point: ``python -m benchmarks`` (or ``python benchmarks/run.py``).

One run measures everything (cold children, warm loads, questions, scaling), prints the
tables and every budget with its ratio and PASS / FAIL / n/a, and writes every number and
sample as JSON to ``benchmarks/results/latest.json`` (and to ``--json PATH``).  A failed
budget is reported, never an error exit.  The numbers on ``docs/performance.md`` are
copied from such a run by hand.
``--smoke`` runs every measurement with tiny counts (seconds, numbers meaningless): it
checks that everything runs and that every budget is printed.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import budgets as budget_checks
from . import cold, peers, questions, scale, scaling, warm
from .common import MS, US, Timing, child_env, fmt, run_children

HERE = Path(__file__).resolve().parent
RESULTS = HERE.parent / "results" / "latest.json"


def _import_leaks(env: dict[str, str]) -> list[str]:
    """The modules among cattrs and json that ``import shanghai_plan`` imports."""
    code = (
        "import sys, shanghai_plan; "
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in ('cattrs', 'json'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    return out.stdout.split()


def _have(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def _versions(*names: str) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in names:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "?"
    return out


def _git_head(where: Path) -> str | None:
    try:
        proc = subprocess.run(
            ["git", "-C", str(where), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    return proc.stdout.strip() or None


def _loadavg() -> float | None:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def cpu_model() -> str:
    """The CPU's model name (``/proc/cpuinfo`` on Linux), else what platform says."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def _timing_json(t: Timing, unit: float) -> dict[str, float]:
    return {
        "median": t.median * unit,
        "best": t.best * unit,
        "number": t.number,
        "repeat": t.repeat,
    }


def make_mirrors(raw: bytes, directory: Path) -> tuple[list[peers.Mirror], dict[str, list[str]]]:
    """Generate the mirror module into ``directory`` and build the installed peers'
    mirrors; check that each reads the bundled plan into the same values as the library."""
    import shanghai_plan as sp

    peers.write_models(directory)
    sys.path.insert(0, str(directory))
    mirrors: list[peers.Mirror] = []
    problems: dict[str, list[str]] = {}
    for name, make in (("msgspec", peers.msgspec_mirror), ("pydantic", peers.pydantic_mirror)):
        if not _have(name):
            print(f"note: {name} is not installed, its mirror is left out (see the [bench] extra)")
            continue
        mirror = make()
        mirrors.append(mirror)
        try:
            problems[name] = peers.compare(sp.load(), mirror.decode(raw))[:5]
        except Exception as exc:  # a mirror that cannot read the bundled file is reported
            problems[name] = [f"cannot decode the bundled plan: {type(exc).__name__}: {exc}"]
    return mirrors, problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=(__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument("-n", "--processes", type=int, help="fresh processes per case (15)")
    parser.add_argument("--quick", action="store_true", help="5 processes, shorter timings")
    parser.add_argument(
        "--smoke", action="store_true", help="tiny counts: checks that everything runs"
    )
    parser.add_argument(
        "--scales", help="growth factors, comma-separated (default 1,10,100; --quick: 1,10)"
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--explain", action="store_true", help="add -X importtime, a profile")
    parser.add_argument("--seed", type=int, default=6, help="seed of the round-robin shuffle")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        return _run(args, Path(tmp))


def _run(args: argparse.Namespace, tmp: Path) -> int:
    import shanghai_plan as sp
    from shanghai_plan.loading import read_bundled_bytes

    if args.smoke:
        runs, repeat, min_time, max_seconds, scales = 1, 1, 0.001, 5.0, "1,2"
    elif args.quick:
        runs, repeat, min_time, max_seconds, scales = 5, 3, 0.03, 30.0, "1,10"
    else:
        runs, repeat, min_time, max_seconds, scales = 15, 7, 0.1, 90.0, "1,10,100"
    runs = args.processes or runs
    factors = sorted({int(f) for f in (args.scales or scales).split(",") if f.strip()} | {1})
    started = time.perf_counter()

    raw = read_bundled_bytes()
    mirror_dir = tmp / "mirrors"
    mirrors, drift = make_mirrors(raw, mirror_dir)
    plan_data = json.loads(raw)
    meta: dict[str, Any] = {
        "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "executable": sys.executable,
        "platform": platform.platform(),
        "cpu": cpu_model(),
        "cpus": os.cpu_count(),
        "shanghai_plan": sp.__version__,
        "shanghai_plan_file": sp.__file__,
        "git": _git_head(Path(sp.__file__).parent),
        "versions": {**_versions("attrs", "cattrs"), **{m.library: m.version for m in mirrors}},
        "bundled_bytes": len(raw),
        "bundled_records": scale.count_records(plan_data),
        "record_arrays": sorted(k for k, v in plan_data.items() if isinstance(v, list)),
        "mode": "smoke" if args.smoke else ("quick" if args.quick else "default"),
        "processes_per_case": runs,
        "timeit_repeat": repeat,
        "timeit_min_time_s": min_time,
        "timeit_max_seconds": max_seconds,
        "factors": factors,
        "loadavg_start": _loadavg(),
    }
    print(
        f"shanghai_plan {sp.__version__} from {Path(sp.__file__).parent}\n"
        f"Python {meta['python']} on {meta['platform']}; {meta['cpu']}, {meta['cpus']} CPUs; "
        f"bundled plan: {len(raw):,} bytes, {meta['bundled_records']:,} records"
    )
    busy = meta["loadavg_start"]
    if busy is not None and busy > 0.5 * (os.cpu_count() or 1):
        print(
            f"warning: the machine is busy (load average {busy:.1f} on {os.cpu_count()} CPUs); "
            "timings will be noisy"
        )
    for name, problems in drift.items():
        for problem in problems:
            print(f"warning: the {name} mirror reads the plan differently: {problem}")

    env = child_env(str(tmp / "pycache"))
    data_path = str(tmp / "plan.json")
    Path(data_path).write_bytes(raw)
    floor_dir = cold.copy_model(tmp / "floor")
    have = {m.library for m in mirrors}
    cold_cases = [
        c for c in cold.cold_cases(data_path, str(mirror_dir), floor_dir) if c.needs in ("", *have)
    ]
    first_cases = [
        c for c in cold.first_cases(data_path, str(mirror_dir)) if c.needs in ("", *have)
    ]
    children = run_children(cold_cases, first_cases, runs, args.seed, env)
    for key, err in children.errors.items():
        print(f"warning: case {key} failed and is left out: {err}")

    qs, missing = questions.questions()
    q_timings, sizes = scaling.measure_in_process(
        raw,
        factors,
        mirrors,
        {k: fn for k, (fn, _) in qs.items()},
        repeat,
        min_time,
        max_seconds,
        args.seed,
    )
    cold_ms = cold.medians(children)
    verdicts = budget_checks.check(cold_ms, sizes, q_timings, _import_leaks(env))
    parts = [
        *cold.render(runs, children),
        *warm.render(sizes[0].timings, sizes[0].bytes, sizes[0].records),
        *questions.render(q_timings, {k: b for k, (_, b) in qs.items()}, missing),
        *scaling.render(sizes),
        *budget_checks.render(verdicts),
    ]
    report = "\n".join(parts)
    elapsed = time.perf_counter() - started
    load = (meta["loadavg_start"], _loadavg())
    report += f"\n\n(run took {elapsed:.0f} s; 1-minute load average {fmt(load[0], 2)} at the "
    report += f"start, {fmt(load[1], 2)} at the end, on {meta['cpus']} CPUs)"
    print(report)
    why = None
    if args.explain:
        from .explain import explain

        why = explain(runs, env)
        print(why)

    result = {
        "meta": {**meta, "seconds": round(elapsed, 1), "loadavg_end": load[1]},
        "errors": children.errors,
        "mirror_differences": drift,
        "cold_ms": {
            c.key: {
                "label": c.label,
                "code": c.code,
                "median": cold_ms[c.key],
                "net": cold_ms[c.key] - cold_ms.get("bare", 0.0),
                "samples": [s * MS for s in children.cold[c.key]],
            }
            for c in cold_cases
            if c.key in cold_ms
        },
        "first_ms": {
            c.key: {
                "label": c.label,
                "median": {step: statistics.median(r[step] for r in rows) * MS for step in rows[0]},
                "samples": [{k: v * MS for k, v in r.items()} for r in rows],
            }
            for c in first_cases
            if (rows := children.first[c.key])
        },
        "questions_us": {q: _timing_json(t, US) for q, t in q_timings.items()},
        "not_available": missing,
        "sizes": [
            {
                "factor": s.factor,
                "bytes": s.bytes,
                "records": s.records,
                "timings_ms": {k: _timing_json(t, MS) for k, t in s.timings.items()},
                "memory_bytes": {k: {"peak": p, "retained": r} for k, (p, r) in s.memory.items()},
            }
            for s in sizes
        ],
        "budgets": [{**b._asdict(), "verdict": b.verdict} for b in verdicts],
        "report": report,
        "explain": why,
    }
    targets = [*([] if args.smoke else [RESULTS]), *([args.json] if args.json else [])]
    for path in targets:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"results written to {path}")
    return 0
