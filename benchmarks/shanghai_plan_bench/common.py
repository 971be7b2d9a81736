"""What every measurement shares: timing loops, fresh children, tables, budgets."""

import gc
import importlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

MS = 1e3
US = 1e6


def progress(message: str) -> None:
    """A progress line on stderr (the report goes to stdout)."""
    print(f"  … {message}", file=sys.stderr, flush=True)


def internal(module: str, name: str) -> Any:
    """A private function of the library, or None when it has been renamed."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


class Case(NamedTuple):
    key: str
    label: str
    code: str
    needs: str = ""
    """The peer library the case needs ("" when only the library and stdlib)."""


def child_env(pycache: str) -> dict[str, str]:
    """The environment of the children: this one, with bytecode caching on.

    ``PYTHONDONTWRITEBYTECODE`` (set on some machines) would make every child compile the
    library and this directory's modules from source, which an installed package never
    does; the caches go to ``pycache`` (``PYTHONPYCACHEPREFIX``) so that nothing is
    written next to the sources and every module, standard library included, is treated
    alike.  The warm-up round fills them.
    """
    drop = ("PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME", "PYTHONPYCACHEPREFIX")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["PYTHONPYCACHEPREFIX"] = pycache
    return env


class Children(NamedTuple):
    cold: dict[str, list[float]]
    """Wall times (s) of each cold case."""
    first: dict[str, list[dict[str, float]]]
    """The step times (s) each first-load child reported."""
    errors: dict[str, str]
    """The last stderr line of any case that failed (it is then left out)."""


def run_children(
    cold: Sequence[Case], first: Sequence[Case], runs: int, seed: int, env: dict[str, str]
) -> Children:
    """Run every case ``runs`` times after one discarded warm-up round, round-robin: each
    round runs every case once, in a freshly shuffled order."""
    rng = random.Random(seed)
    result = Children({c.key: [] for c in cold}, {c.key: [] for c in first}, {})
    jobs = [("cold", c) for c in cold] + [("first", c) for c in first]
    with tempfile.TemporaryDirectory() as cwd:  # no stray module in the current directory
        for round_no in range(runs + 1):
            progress(f"fresh processes: round {round_no}/{runs}" + " (warm-up)" * (not round_no))
            order = list(jobs)
            rng.shuffle(order)
            for kind, case in order:
                error_key = f"{kind}:{case.key}"
                if error_key in result.errors:
                    continue
                start = time.perf_counter()
                proc = subprocess.run(
                    [sys.executable, "-c", case.code],
                    capture_output=True,
                    text=True,
                    cwd=cwd,
                    env=env,
                    check=False,
                )
                elapsed = time.perf_counter() - start
                if proc.returncode != 0:
                    lines = proc.stderr.strip().splitlines() or ["(no output)"]
                    result.errors[error_key] = lines[-1]
                elif round_no == 0:
                    pass  # warm-up: bytecode caches, page cache
                elif kind == "cold":
                    result.cold[case.key].append(elapsed)
                else:
                    result.first[case.key].append(json.loads(proc.stdout))
    return result


class Timing(NamedTuple):
    median: float
    """Seconds per call, median of the repeats."""
    best: float
    number: int
    """Calls per repeat."""
    repeat: int


def measure_all(
    items: dict[tuple[int, str], Callable[[], object]],
    repeat: int,
    min_time: float,
    max_seconds: float,
    seed: int,
) -> dict[tuple[int, str], Timing]:
    """Seconds per call of every item: median and best of ``repeat`` timeit runs of at
    least ``min_time`` seconds each, interleaved: each round times every item once, in a
    freshly shuffled order, so that load from other processes on the machine hits every
    item (and every size of plan) alike.  Fewer rounds (never fewer than 3) are run when
    ``repeat`` rounds would take longer than ``max_seconds``.

    The garbage collector stays enabled (timeit disables it by default), as it is in
    the user's process: a load allocates thousands of objects, and the collections they
    trigger are part of its cost.  What the benchmark process already holds (peer
    libraries, the plans of every size) is moved out of the collector's sight with
    ``gc.freeze()``, so that it does not add to the cost of those collections.
    """
    rng = random.Random(seed)
    timers = {k: timeit.Timer(fn, setup="import gc; gc.enable()") for k, fn in items.items()}
    numbers: dict[tuple[int, str], int] = {}
    runs: dict[tuple[int, str], list[float]] = {k: [] for k in items}
    gc.collect()
    gc.freeze()
    try:
        round_time = 0.0
        for key, timer in timers.items():  # calibrate: calls per run
            number = 1
            while True:
                took = timer.timeit(number)
                if took >= min_time:
                    break
                number = max(number * 2, int(number * min_time / max(took, 1e-9) * 1.1))
            numbers[key] = number
            round_time += took
        rounds = max(3, min(repeat, int(max_seconds / max(round_time, 1e-9))))
        if rounds < repeat:
            progress(f"{rounds} rounds instead of {repeat} (a round takes {round_time:.0f} s)")
        for n in range(rounds):
            progress(f"in-process timings: round {n + 1}/{rounds}")
            order = list(items)
            rng.shuffle(order)
            for key in order:
                runs[key].append(timers[key].timeit(numbers[key]) / numbers[key])
    finally:
        gc.unfreeze()
    return {k: Timing(statistics.median(v), min(v), numbers[k], len(v)) for k, v in runs.items()}


def memory(fn: Callable[[], object]) -> tuple[int, int]:
    """(peak, retained) bytes allocated by ``fn()`` (tracemalloc), its result kept alive."""
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return peak, current


class Budget(NamedTuple):
    key: str
    name: str
    ok: bool | None
    """None: not measured (a case failed, was skipped, or the function is not there yet)."""
    detail: str

    @property
    def verdict(self) -> str:
        return "n/a" if self.ok is None else ("PASS" if self.ok else "FAIL")


def fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or b is None or b <= 0 else f"{a / b:.2f}×"


def table(title: str, head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table: first column left-aligned, the others right-aligned."""
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = [f"\n{title}"]
    for n, row in enumerate([head, *rows]):
        cells = [
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  " + "  ".join(cells).rstrip())
        if n == 0:
            lines.append("  " + "  ".join("-" * w for w in widths))
    return "\n".join(lines)
