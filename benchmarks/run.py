"""Benchmark of shanghai_plan's import, load and questions, against its peers (issue 6).

One run measures, on the bundled plan and on copies of it grown 10x and 100x:

* cold processes: the wall time of fresh interpreters doing one thing each (a bare
  interpreter; ``import attrs``; ``import shanghai_plan``; ... ; the same first question
  answered with a pydantic and with a msgspec mirror of the model); medians of N runs,
  taken round-robin over the cases so that drifting machine load hits every case alike;
* first load in a fresh process (timed inside the child);
* warm, in process: parsing, structuring, the integrity checks, the full ``sp.loads`` and
  the common questions, with ``timeit`` (garbage collector enabled, as in real use);
* scaling: warm load time and memory (tracemalloc) per record at 1x, 10x and 100x.

It prints a table of medians and ratios, checks the budgets of issue 6 and prints PASS or
FAIL for each (a failed budget is reported, never an error exit), and writes everything
as JSON to ``benchmarks/results/latest.json`` (and to ``--json PATH`` when given).

It imports ``shanghai_plan`` only from the environment it runs in (never from ``src/``),
so it measures the installed or editable package.  See ``benchmarks/README.md``.
"""

import argparse
import datetime
import gc
import hashlib
import importlib
import importlib.util
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import peers
import scale

import shanghai_plan as sp
from shanghai_plan.loading import read_bundled_bytes

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "latest.json"

MS = 1e3
US = 1e6

# ----------------------------------------------------------------------- budgets

IMPORT_OVER_ATTRS_MS = 5.0
"""``import shanghai_plan`` may cost at most this much more than ``import attrs``."""
COLD_OVER_FLOOR = 1.25
"""Cold import + load + question, net of the bare interpreter, against the floor."""
COLD_OVER_PYDANTIC = 0.7
"""The same, against the same done with the pydantic mirror."""
WARM_OVER_JSON = 4.0
"""Warm ``sp.loads`` of the bundled bytes against ``json.loads`` of them."""
QUESTION_US = 5.0
"""Each common question on the loaded plan, in microseconds (median)."""
LINEARITY = 0.20
"""Per-record warm ``sp.loads`` time at the largest factor within this fraction of 1x."""

BUDGETED_QUESTIONS = (
    'sp.industry("AI")',
    'sp.targets(industry="integrated-circuits")',
    'sp.search("EDA")',
    "sp.progress()",
)


# -------------------------------------------------------------------- child cases


PEERS = ("msgspec", "pydantic")


class Case(NamedTuple):
    key: str
    label: str
    code: str
    needs: str = ""
    """The peer library the case needs ("" when only the library and stdlib)."""


def _peer_path(mirrors: str) -> str:
    """Code that puts this directory and the generated mirror module on sys.path."""
    return f"import sys; sys.path[:0] = [{str(HERE)!r}, {mirrors!r}]"


def cold_cases(data_path: str, mirrors: str) -> list[Case]:
    """Fresh processes timed from the outside: spawn to exit."""
    read = f"open({data_path!r}, 'rb').read()"
    peer = _peer_path(mirrors) + "; import peers; "
    return [
        Case("bare", "bare interpreter (python -c pass)", "pass"),
        Case("import_attrs", "import attrs", "import attrs"),
        Case("import_cattrs_json", "import cattrs.preconf.json", "import cattrs.preconf.json"),
        Case("import_msgspec", "import msgspec", "import msgspec", "msgspec"),
        Case(
            "import_pydantic",
            "from pydantic import BaseModel",
            "from pydantic import BaseModel",
            "pydantic",
        ),
        Case("sp_import", "import shanghai_plan", "import shanghai_plan"),
        Case(
            "sp_load", "import shanghai_plan; load()", "import shanghai_plan; shanghai_plan.load()"
        ),
        Case(
            "sp_question",
            "import shanghai_plan; load(); key_industries()",
            "import shanghai_plan as sp; sp.load(); sp.key_industries()",
        ),
        Case(
            "floor",
            "floor: import attrs, cattrs; json.loads(bytes)",
            f"import json, attrs, cattrs; json.loads({read})",
        ),
        Case(
            "msgspec_question",
            "msgspec mirror: import, load, key industries",
            peer + f"m = peers.msgspec_mirror(); m.key_industries(m.decode({read}))",
            "msgspec",
        ),
        Case(
            "pydantic_question",
            "pydantic mirror: import, load, key industries",
            peer + f"m = peers.pydantic_mirror(); m.key_industries(m.decode({read}))",
            "pydantic",
        ),
    ]


_CLOCK = "from time import perf_counter as _c\n"
_REPORT = "import json as _j, sys as _s; _s.stdout.write(_j.dumps(_r))\n"


def first_cases(data_path: str, mirrors: str) -> list[Case]:
    """Fresh processes that time their own steps and print them as JSON (seconds)."""
    read = f"open({data_path!r}, 'rb').read()"
    library = (
        "_a = _c()\n"
        "import shanghai_plan as sp\n"
        "_b = _c()\n"
        "sp.load()\n"
        "_d = _c()\n"
        "sp.key_industries()\n"
        "_e = _c()\n"
        "_r = {'import': _b - _a, 'load': _d - _b, 'question': _e - _d}\n"
    )
    # The converter alone, on data parsed beforehand: creating it (which imports cattrs)
    # and the first structure (which generates the hooks).  Private names: if the lead
    # renames them, the setup is folded into the structure time.
    converter = (
        "import json\n"
        "import shanghai_plan\n"
        "from shanghai_plan import _converter\n"
        "from shanghai_plan.model import Plan\n"
        f"_data = json.loads({read})\n"
        "_setup = getattr(_converter, '_converter', None)\n"
        "_a = _c()\n"
        "if _setup is not None: _setup()\n"
        "_b = _c()\n"
        "_converter.structure(_data, Plan)\n"
        "_d = _c()\n"
        "_r = {'setup': _b - _a, 'structure': _d - _b}\n"
    )
    baseline = f"_a = _c()\nimport json\njson.loads({read})\n_b = _c()\n_r = {{'load': _b - _a}}\n"

    def peer(name: str) -> str:
        return (
            _peer_path(mirrors) + "\n"
            "_a = _c()\n"
            "import peers\n"
            f"_m = peers.{name}_mirror()\n"
            "_b = _c()\n"
            f"_p = _m.decode({read})\n"
            "_d = _c()\n"
            "_m.key_industries(_p)\n"
            "_e = _c()\n"
            "_r = {'import': _b - _a, 'load': _d - _b, 'question': _e - _d}\n"
        )

    cases = [
        Case("json", "json: import json; read; json.loads", baseline),
        Case("shanghai_plan", "shanghai_plan: import; load(); key_industries()", library),
        Case("converter", "  converter alone: create; first structure", converter),
        Case("msgspec", "msgspec mirror: import+models; read+decode; question", peer("msgspec")),
        Case(
            "pydantic",
            "pydantic mirror: import+models; read+validate; question",
            peer("pydantic"),
        ),
    ]
    return [
        c._replace(code=_CLOCK + c.code + _REPORT, needs=c.key if c.key in PEERS else "")
        for c in cases
    ]


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
            _progress(f"fresh processes: round {round_no}/{runs}" + " (warm-up)" * (not round_no))
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


# --------------------------------------------------------------------- in process


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
            _progress(f"{rounds} rounds instead of {repeat} (a round takes {round_time:.0f} s)")
        for n in range(rounds):
            _progress(f"in-process timings: round {n + 1}/{rounds}")
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


def _internal(module: str, name: str) -> Any:
    """A private function of the library, or None when it has been renamed."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


LOAD_LABELS = {
    "json.loads": "json.loads(bytes): the baseline",
    "sp.load path": "sp.load() path: sha256, json.loads, lean structure",
    "sp.loads": "sp.loads(bytes): strict parse, structure, integrity",
    "converter": "structure(json.loads(bytes), Plan)",
    "structure only": "  structure alone (pre-parsed data)",
    "integrity only": "  integrity checks alone (_integrity.check)",
    "index build": "  index build alone (first question on a plan)",
    "msgspec": "msgspec mirror: json.Decoder(Plan).decode(bytes)",
    "pydantic": "pydantic mirror: Plan.model_validate_json(bytes)",
}


def load_paths(raw: bytes, mirrors: Sequence[peers.Mirror]) -> dict[str, Callable[[], object]]:
    """The ways of loading ``raw`` (and its parts) that the warm and scaling parts time."""
    from shanghai_plan import _converter
    from shanghai_plan.model import Plan

    limit = max(len(raw), 16 * 2**20)  # the grown plans are larger than loads' default limit
    data = json.loads(raw)
    plan = sp.loads(raw, max_bytes=limit)
    trusted = _internal("shanghai_plan._converter", "structure_trusted")
    paused = _internal("shanghai_plan.loading", "_gc_paused")

    def load_path() -> object:
        # What sp.load() does with the bundled file when its digest matches (any size).
        hashlib.sha256(raw).hexdigest()
        with paused():
            return trusted(json.loads(raw), Plan)

    paths: dict[str, Callable[[], object]] = {
        "json.loads": lambda: json.loads(raw),
        "sp.loads": lambda: sp.loads(raw, max_bytes=limit),
        "converter": lambda: _converter.structure(json.loads(raw), Plan),
        "structure only": lambda: _converter.structure(data, Plan),
    }
    if trusted is not None and paused is not None:
        paths["sp.load path"] = load_path
    check = _internal("shanghai_plan._integrity", "check")
    if check is not None:
        paths["integrity only"] = lambda: check(plan)
    build_index = _internal("shanghai_plan._index", "_build")
    if build_index is not None:
        paths["index build"] = lambda: build_index(plan)
    for m in mirrors:
        paths[m.library] = lambda decode=m.decode: decode(raw)  # type: ignore[misc]
    return paths


def questions() -> dict[str, Callable[[], object]]:
    """The common questions, asked of the bundled (cached) plan."""
    qs: dict[str, Callable[[], object]] = {
        'sp.industry("AI")': lambda: sp.industry("AI"),
        'sp.targets(industry="integrated-circuits")': lambda: sp.targets(
            industry="integrated-circuits"
        ),
        'sp.search("EDA")': lambda: sp.search("EDA"),
        "sp.key_industries()": sp.key_industries,
        "sp.load() (cached)": sp.load,
    }
    if hasattr(sp, "progress"):
        qs["sp.progress()"] = sp.progress
    return qs


class Size(NamedTuple):
    factor: int
    bytes: int
    records: int
    timings: dict[str, Timing]
    memory: dict[str, tuple[int, int]]
    """(peak, retained) bytes of one load."""


def measure_in_process(
    raw: bytes,
    factors: Sequence[int],
    mirrors: Sequence[peers.Mirror],
    repeat: int,
    min_time: float,
    max_seconds: float,
    seed: int,
) -> tuple[dict[str, Timing], list[Size]]:
    """Time the questions and every way of loading every size, all interleaved; then
    measure the memory of one load of each size."""
    qs = questions()
    for fn in qs.values():  # builds the index; a broken question fails here
        fn()
    items: dict[tuple[int, str], Callable[[], object]] = {(0, q): fn for q, fn in qs.items()}
    grown: dict[int, bytes] = {}
    paths: dict[int, dict[str, Callable[[], object]]] = {}
    for factor in factors:
        _progress(f"building the {factor}× plan")
        grown[factor] = raw if factor == 1 else scale.multiply_bytes(raw, factor)
        paths[factor] = load_paths(grown[factor], mirrors)
        items.update({(factor, way): fn for way, fn in paths[factor].items()})
    timings = measure_all(items, repeat, min_time, max_seconds, seed)
    sizes = []
    for factor in factors:
        _progress(f"memory at {factor}×")
        ways = ("json.loads", "sp.loads", *(m.library for m in mirrors))
        sizes.append(
            Size(
                factor,
                len(grown[factor]),
                scale.count_records(json.loads(grown[factor])),
                {way: t for (f, way), t in timings.items() if f == factor},
                {way: memory(paths[factor][way]) for way in ways},
            )
        )
    return {q: t for (f, q), t in timings.items() if f == 0}, sizes


# ------------------------------------------------------------------------ budgets


class Budget(NamedTuple):
    name: str
    ok: bool | None
    """None: not measured (a case failed or was skipped)."""
    detail: str


def check_budgets(
    cold: dict[str, float], net: dict[str, float], sizes: list[Size], qs: dict[str, Timing]
) -> list[Budget]:
    out: list[Budget] = []

    name = f"import shanghai_plan ≤ import attrs + {IMPORT_OVER_ATTRS_MS:g} ms"
    if "sp_import" in cold and "import_attrs" in cold:
        over = cold["sp_import"] - cold["import_attrs"]
        detail = f"{cold['sp_import']:.1f} vs {cold['import_attrs']:.1f} ms: +{over:.1f} ms"
        out.append(Budget(name, over <= IMPORT_OVER_ATTRS_MS, detail))
    else:
        out.append(Budget(name, None, "not measured"))

    for other, limit, label in (
        ("floor", COLD_OVER_FLOOR, "the floor"),
        ("pydantic_question", COLD_OVER_PYDANTIC, "pydantic"),
    ):
        name = f"cold import+load()+key_industries() ≤ {limit:g}× {label}, net of bare python"
        if "sp_question" in net and other in net:
            ratio = net["sp_question"] / net[other]
            detail = (
                f"{net['sp_question']:.1f} vs {net[other]:.1f} ms net: {ratio:.2f}× "
                f"(with the interpreter: {cold['sp_question']:.1f} vs {cold[other]:.1f} ms, "
                f"{cold['sp_question'] / cold[other]:.2f}×)"
            )
            out.append(Budget(name, ratio <= limit, detail))
        else:
            out.append(Budget(name, None, "not measured"))

    warm = sizes[0].timings
    way = "sp.load path" if "sp.load path" in warm else "sp.loads"
    ratio = warm[way].median / warm["json.loads"].median
    strict = warm["sp.loads"].median / warm["json.loads"].median
    out.append(
        Budget(
            f"warm load of the bundled bytes ({way}) ≤ {WARM_OVER_JSON:g}× json.loads",
            ratio <= WARM_OVER_JSON,
            f"{warm[way].median * US:,.0f} vs {warm['json.loads'].median * US:,.0f} µs: "
            f"{ratio:.2f}× (strict sp.loads of a user file: {strict:.2f}×)",
        )
    )

    for q in BUDGETED_QUESTIONS:
        if q in qs:
            us = qs[q].median * US
            out.append(Budget(f"{q} ≤ {QUESTION_US:g} µs", us <= QUESTION_US, f"{us:,.2f} µs"))

    top, base = sizes[-1], sizes[0]
    name = f"load time linear 1×→{top.factor}×: per-record time within ±{LINEARITY:.0%}"
    if top.factor > 1:

        def growth(way: str) -> float:
            return (top.timings[way].median / top.records) / (
                base.timings[way].median / base.records
            )

        way = "sp.load path" if "sp.load path" in top.timings else "sp.loads"
        detail = (
            f"{way} per record at {top.factor}× is {growth(way):.2f}× its 1× figure "
            f"(strict sp.loads {growth('sp.loads'):.2f}×, json.loads {growth('json.loads'):.2f}×)"
        )
        out.append(Budget(name, abs(growth(way) - 1) <= LINEARITY, detail))
    else:
        out.append(Budget(name, None, "not measured (see --scales)"))
    return out


# ------------------------------------------------------------------------- tables


def _fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _ratio(a: float | None, b: float | None) -> str:
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


def render(
    runs: int,
    children: Children,
    sizes: list[Size],
    qs: dict[str, Timing],
    budgets: list[Budget],
    mirrors: Sequence[peers.Mirror],
) -> str:
    out: list[str] = []

    cold = {k: statistics.median(v) * MS for k, v in children.cold.items() if v}
    bare = cold.get("bare", 0.0)
    rows = []
    for case in cold_cases("", ""):
        if case.key not in cold:
            continue
        samples = [s * MS for s in children.cold[case.key]]
        q1, _, q3 = statistics.quantiles(samples, n=4) if len(samples) > 1 else (0.0, 0.0, 0.0)
        net = cold[case.key] - bare
        rows.append(
            [
                case.label,
                _fmt(cold[case.key]),
                f"{q1:.0f}–{q3:.0f}" if len(samples) > 1 else "—",
                _fmt(net),
                "" if case.key == "bare" else _ratio(net, cold.get("floor", 0) - bare),
                "" if case.key == "bare" else _ratio(net, cold.get("pydantic_question", 0) - bare),
            ]
        )
    out.append(
        table(
            f"Cold: wall time of a fresh `python -c CODE`, median of {runs} (ms); "
            "net = minus the bare interpreter",
            ["case", "median", "q1–q3", "net", "net ×floor", "net ×pydantic"],
            rows,
        )
    )

    first = {
        k: {step: statistics.median(r[step] for r in v) * MS for step in v[0]}
        for k, v in children.first.items()
        if v
    }
    baseline = first.get("json", {}).get("load")
    rows = []
    for case in first_cases("", ""):
        steps = first.get(case.key)
        if steps is None:
            continue
        load = steps.get("load", steps.get("setup", 0) + steps.get("structure", 0))
        rows.append(
            [
                case.label,
                _fmt(steps.get("import"), 2),
                _fmt(steps.get("setup"), 2),
                _fmt(steps.get("structure", steps.get("load")), 2),
                _fmt(steps.get("question"), 2),
                _fmt(sum(steps.values()), 2),
                _ratio(load, baseline),
            ]
        )
    out.append(
        table(
            f"First load in a fresh process, timed inside it, median of {runs} (ms)",
            ["case", "import", "converter", "first load", "question", "total", "load ×json"],
            rows,
        )
    )

    base = sizes[0]
    warm = base.timings
    out.append(
        table(
            f"Warm, in process: the bundled plan ({base.bytes:,} bytes, {base.records:,} "
            "records), µs per call",
            ["way", "median", "best", "×json.loads"],
            [
                [
                    LOAD_LABELS.get(k, k),
                    _fmt(t.median * US, 0),
                    _fmt(t.best * US, 0),
                    _ratio(t.median, warm["json.loads"].median),
                ]
                for k, t in warm.items()
            ],
        )
    )
    out.append(
        table(
            "Questions on the loaded (cached) plan, µs per call",
            ["question", "median", "best", "budget"],
            [
                [
                    q,
                    _fmt(t.median * US, 2),
                    _fmt(t.best * US, 2),
                    f"≤ {QUESTION_US:g}" if q in BUDGETED_QUESTIONS else "",
                ]
                for q, t in qs.items()
            ],
        )
    )

    rows = []
    for size in sizes:
        for way in ("json.loads", "sp.loads", "converter", *(m.library for m in mirrors)):
            t = size.timings[way]
            per_record = t.median / size.records
            peak, kept = size.memory.get(way, (None, None))
            rows.append(
                [
                    f"{size.factor}× {way}",
                    f"{size.bytes / 1024:,.0f}",
                    f"{size.records:,}",
                    _fmt(t.median * MS, 2),
                    _fmt(per_record * US, 2),
                    f"{per_record / (warm[way].median / base.records):.2f}",
                    _ratio(t.median, size.timings["json.loads"].median),
                    "—" if peak is None else f"{peak / 2**20:,.1f}",
                    "—" if kept is None else f"{kept / size.records:,.0f}",
                ]
            )
    out.append(
        table(
            "Scaling: warm load of the plan grown k× (medians); memory of one load",
            [
                "k× way",
                "KiB",
                "records",
                "ms",
                "µs/rec",
                "÷1× per rec",
                "×json",
                "peak MiB",
                "kept B/rec",
            ],
            rows,
        )
    )

    out.append("\nBudgets (issue 6)")
    for b in budgets:
        verdict = "n/a " if b.ok is None else ("PASS" if b.ok else "FAIL")
        out.append(f"  {verdict}  {b.name}: {b.detail}")
    return "\n".join(out)


# ------------------------------------------------------------------------ explain

_IMPORTTIME = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")

_PROFILE = """\
import cProfile, io, pstats
import shanghai_plan as sp
pr = cProfile.Profile()
pr.enable(); sp.load(); sp.key_industries(); pr.disable()
for key in ('cumulative', 'tottime'):
    s = io.StringIO(); pstats.Stats(pr, stream=s).sort_stats(key).print_stats(25)
    print(s.getvalue().strip())
"""


def explain(runs: int, env: dict[str, str]) -> str:
    """Where the time goes: ``-X importtime`` of ``import shanghai_plan`` (medians) and a
    cProfile of the first ``load()`` + ``key_industries()`` in a fresh process."""
    _progress("explain: -X importtime and a profile of the first load")
    samples: dict[str, list[tuple[int, int, int]]] = {}
    for n in range(max(runs, 5) + 1):
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import shanghai_plan"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        for line in proc.stderr.splitlines() if n else ():
            m = _IMPORTTIME.match(line)
            if m:
                entry = (int(m.group(1)), int(m.group(2)), len(m.group(3)) // 2)
                samples.setdefault(m.group(4), []).append(entry)
    rows = sorted(
        (
            (statistics.median(x[1] for x in s), statistics.median(x[0] for x in s), s[0][2], mod)
            for mod, s in samples.items()
        ),
        reverse=True,
    )
    text = [
        table(
            "-X importtime of `import shanghai_plan`: top 30 by cumulative time (ms, medians)",
            ["module", "cumulative", "self", "depth"],
            [[m, f"{c / 1e3:.1f}", f"{s / 1e3:.1f}", str(d)] for c, s, d, m in rows[:30]],
        ),
        table(
            "… top 15 by self time (ms, medians)",
            ["module", "self", "cumulative"],
            [
                [m, f"{s / 1e3:.1f}", f"{c / 1e3:.1f}"]
                for c, s, _d, m in sorted(rows, key=lambda r: -r[1])[:15]
            ],
        ),
    ]
    proc = subprocess.run(
        [sys.executable, "-c", _PROFILE], capture_output=True, text=True, env=env, check=False
    )
    text.append("\ncProfile of the first sp.load(); sp.key_industries() (after the import)")
    text.append(proc.stdout if proc.returncode == 0 else proc.stderr)
    return "\n".join(text)


# --------------------------------------------------------------------------- main


def _progress(message: str) -> None:
    print(f"  … {message}", file=sys.stderr, flush=True)


def _have(module: str) -> bool:
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
    """The 1-minute load average, where the platform has one."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def _timing_json(t: Timing, unit: float) -> dict[str, float]:
    return {
        "median": t.median * unit,
        "best": t.best * unit,
        "number": t.number,
        "repeat": t.repeat,
    }


def make_mirrors(raw: bytes, directory: Path) -> tuple[list[peers.Mirror], dict[str, list[str]]]:
    """Generate the mirror module into ``directory`` and build the installed peers'
    mirrors; check that each reads the bundled plan into the same values as the library
    (the differences found, if any, per peer)."""
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
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("-n", "--processes", type=int, help="fresh processes per case (15)")
    parser.add_argument("--quick", action="store_true", help="5 processes, shorter timings")
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
    runs = args.processes or (5 if args.quick else 15)
    repeat, min_time, max_seconds = (3, 0.03, 30.0) if args.quick else (7, 0.1, 90.0)
    scales = args.scales or ("1,10" if args.quick else "1,10,100")
    factors = sorted({int(f) for f in scales.split(",") if f.strip()} | {1})
    started = time.perf_counter()

    raw = read_bundled_bytes()
    mirror_dir = tmp / "mirrors"
    mirrors, drift = make_mirrors(raw, mirror_dir)
    meta: dict[str, Any] = {
        "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "shanghai_plan": sp.__version__,
        "shanghai_plan_file": sp.__file__,
        "git": _git_head(Path(sp.__file__).parent),
        "versions": {**_versions("attrs", "cattrs"), **{m.library: m.version for m in mirrors}},
        "bundled_bytes": len(raw),
        "bundled_records": scale.count_records(json.loads(raw)),
        "processes_per_case": runs,
        "timeit_repeat": repeat,
        "timeit_min_time_s": min_time,
        "timeit_max_seconds": max_seconds,
        "factors": factors,
        "has_progress": hasattr(sp, "progress"),
        "loadavg_start": _loadavg(),
    }
    print(
        f"shanghai_plan {sp.__version__} from {Path(sp.__file__).parent}\n"
        f"Python {meta['python']} on {meta['platform']}, {meta['cpus']} CPUs; bundled plan: "
        f"{len(raw):,} bytes, {meta['bundled_records']:,} records"
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
    have = {m.library for m in mirrors}
    cold = [c for c in cold_cases(data_path, str(mirror_dir)) if c.needs in ("", *have)]
    first = [c for c in first_cases(data_path, str(mirror_dir)) if c.needs in ("", *have)]
    children = run_children(cold, first, runs, args.seed, env)
    for key, err in children.errors.items():
        print(f"warning: case {key} failed and is left out: {err}")

    q_timings, sizes = measure_in_process(
        raw, factors, mirrors, repeat, min_time, max_seconds, args.seed
    )

    cold_ms = {k: statistics.median(v) * MS for k, v in children.cold.items() if v}
    net = {k: v - cold_ms.get("bare", 0.0) for k, v in cold_ms.items()}
    budgets = check_budgets(cold_ms, net, sizes, q_timings)
    report = render(runs, children, sizes, q_timings, budgets, mirrors)
    elapsed = time.perf_counter() - started
    load = (meta["loadavg_start"], _loadavg())
    report += f"\n\n(run took {elapsed:.0f} s; 1-minute load average {_fmt(load[0], 2)} at the "
    report += f"start, {_fmt(load[1], 2)} at the end, on {meta['cpus']} CPUs)"
    print(report)
    why = explain(runs, env) if args.explain else None
    if why:
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
                "net": net[c.key],
                "samples": [s * MS for s in children.cold[c.key]],
            }
            for c in cold
            if c.key in cold_ms
        },
        "first_ms": {
            c.key: {
                "label": c.label,
                "median": {step: statistics.median(r[step] for r in rows) * MS for step in rows[0]},
                "samples": [{k: v * MS for k, v in r.items()} for r in rows],
            }
            for c in first
            if (rows := children.first[c.key])
        },
        "questions_us": {q: _timing_json(t, US) for q, t in q_timings.items()},
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
        "budgets": [b._asdict() for b in budgets],
        "report": report,
        "explain": why,
    }
    for path in (RESULTS, *([args.json] if args.json else [])):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"results written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
