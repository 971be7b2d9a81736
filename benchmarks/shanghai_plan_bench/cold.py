"""Cold: fresh interpreters, timed from the outside (spawn to exit) and from the inside.

The floor is the plain-cattrs way of doing the same job (issue 21): ``import attrs,
cattrs, json``, the model's classes defined (a copy of ``shanghai_plan/model.py`` imported
as a module of its own, so no other part of the package comes with it), the bundled bytes
read through ``importlib.resources``, ``json.loads``, and a default ``cattrs.Converter()``
with only a ``date`` hook structuring them into ``Plan``.  It grows with the data, as the
library's load does.  The library's first answer (``import shanghai_plan; load();
key_industries()``) is compared with it, and with the same first answer given by the
pydantic mirror.
"""

import shutil
import statistics
from pathlib import Path

from .common import MS, Case, Children, fmt, ratio, table

BENCH_PARENT = str(Path(__file__).resolve().parent.parent)
"""The directory that holds this package (children put it on ``sys.path``)."""

FLOOR_MODEL = "_floor_model"
"""The module name under which the floor imports its copy of the model."""


def copy_model(directory: Path) -> str:
    """Copy the installed ``shanghai_plan/model.py`` into ``directory`` for the floor."""
    from shanghai_plan import model

    directory.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(str(model.__file__), directory / f"{FLOOR_MODEL}.py")
    return str(directory)


def _peer_path(mirrors: str) -> str:
    """Code that makes the peers module and the generated mirror module importable."""
    return (
        f"import sys; sys.path[:0] = [{BENCH_PARENT!r}, {mirrors!r}]; "
        "from shanghai_plan_bench import peers; "
    )


def cold_cases(data_path: str, mirrors: str, floor_dir: str) -> list[Case]:
    """Fresh processes timed from the outside: spawn to exit."""
    read = f"open({data_path!r}, 'rb').read()"
    resource = "files('shanghai_plan').joinpath('data/plan.json').read_bytes()"
    return [
        Case("bare", "bare interpreter (python -c pass)", "pass"),
        Case("import_attrs", "import attrs", "import attrs"),
        Case("import_cattrs", "import attrs, cattrs", "import attrs, cattrs"),
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
            "floor: plain cattrs (model, resources read, json.loads, Converter → Plan)",
            f"import sys; sys.path.insert(0, {floor_dir!r})\n"
            f"import datetime, json, attrs, cattrs, {FLOOR_MODEL}\n"
            "from importlib.resources import files\n"
            "c = cattrs.Converter()\n"
            "d = datetime.date\n"
            "c.register_structure_hook(d, lambda v, _: d.fromisoformat(v))\n"
            f"c.structure(json.loads({resource}), {FLOOR_MODEL}.Plan)",
        ),
        Case(
            "msgspec_question",
            "msgspec mirror: import, load, key industries",
            _peer_path(mirrors) + f"m = peers.msgspec_mirror(); m.key_industries(m.decode({read}))",
            "msgspec",
        ),
        Case(
            "pydantic_question",
            "pydantic mirror: import, load, key industries",
            _peer_path(mirrors)
            + f"m = peers.pydantic_mirror(); m.key_industries(m.decode({read}))",
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
    # A user's file on the strict path: the first sp.load(path) in a fresh process.
    strict = (
        "_a = _c()\n"
        "import shanghai_plan as sp\n"
        "_b = _c()\n"
        f"sp.load({data_path!r})\n"
        "_d = _c()\n"
        "_r = {'import': _b - _a, 'load': _d - _b}\n"
    )
    baseline = f"_a = _c()\nimport json\njson.loads({read})\n_b = _c()\n_r = {{'load': _b - _a}}\n"

    def peer(name: str) -> str:
        return (
            _peer_path(mirrors) + "\n"
            "_a = _c()\n"
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
        Case("strict", "shanghai_plan: import; load(path) of the same bytes", strict),
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


PEERS = ("msgspec", "pydantic")


def medians(children: Children) -> dict[str, float]:
    """Median wall time (ms) of every cold case that ran."""
    return {k: statistics.median(v) * MS for k, v in children.cold.items() if v}


def render(runs: int, children: Children) -> list[str]:
    out: list[str] = []
    cold = medians(children)
    bare = cold.get("bare", 0.0)
    rows = []
    for case in cold_cases("", "", ""):
        if case.key not in cold:
            continue
        samples = [s * MS for s in children.cold[case.key]]
        q1, _, q3 = statistics.quantiles(samples, n=4) if len(samples) > 1 else (0.0, 0.0, 0.0)
        net = cold[case.key] - bare
        rows.append(
            [
                case.label,
                fmt(cold[case.key]),
                f"{q1:.0f}–{q3:.0f}" if len(samples) > 1 else "—",
                fmt(net),
                "" if case.key == "bare" else ratio(net, cold.get("floor", 0) - bare),
                "" if case.key == "bare" else ratio(net, cold.get("pydantic_question", 0) - bare),
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
        rows.append(
            [
                case.label,
                fmt(steps.get("import"), 2),
                fmt(steps.get("load"), 2),
                fmt(steps.get("question"), 2),
                fmt(sum(steps.values()), 2),
                ratio(steps.get("load"), baseline),
            ]
        )
    out.append(
        table(
            f"First load in a fresh process, timed inside it, median of {runs} (ms)",
            ["case", "import", "first load", "question", "total", "load ×json"],
            rows,
        )
    )
    return out
