"""Instructions (``--instructions``): the close budgets counted by callgrind, not timed.

Wall times of fresh processes move by 10 % between runs on a shared machine, and two
budgets sit within that of their limits.  Counted instructions do not move: the same
code gives the same count in every run (hash randomisation is turned off, the bytecode
is compiled once before counting).  This part counts, with ``valgrind --tool=callgrind``
when it is installed:

* the cold cases of the budgets against the floor and the pydantic mirror (one fresh
  process each, net of the bare interpreter);
* the warm bundled path and a warm strict ``sp.loads`` of the same bytes, as the
  marginal cost of one more call (a process making three calls less one making one,
  halved), with the garbage collector paused as both paths pause it.

The counts are reported next to the budgets; the verdicts stay those of the timings.
Instructions leave out what time also pays (cache misses, page faults), so the two can
differ where one side allocates much more than the other.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

from .budgets import COLD_OVER_FLOOR, COLD_OVER_PYDANTIC, STRICT_OVER_BUNDLED
from .common import Case, progress, table

_TOTAL = re.compile(r"^(?:summary|totals):\s+(\d+)", re.MULTILINE)

WARM = """\
import gc, sys
import shanghai_plan as sp
from shanghai_plan import loading
raw = {read}
gc.disable()
if {mode!r} == "bundled":
    def once():
        loading._digest(raw)
        return loading._build_trusted(raw)
else:
    def once():
        return sp.loads(raw, max_bytes=len(raw))
kept = [once()]
for _ in range({calls}):
    kept.append(once())
"""
"""A child that makes one warm-up call and then ``calls`` more (kept, so none is freed)."""


class Count(NamedTuple):
    """One budget in instructions: ours and theirs (millions), their ratio and the limit."""

    key: str
    label: str
    ours: float
    theirs: float
    limit: float

    @property
    def ratio(self) -> float:
        return self.ours / self.theirs

    @property
    def verdict(self) -> str:
        return "holds" if self.ratio <= self.limit else "over"


def available() -> bool:
    """Whether callgrind can be run here."""
    return shutil.which("valgrind") is not None


def parse_total(text: str) -> int:
    """The total instruction count of a callgrind output file's text."""
    m = _TOTAL.search(text)
    if m is None:
        raise ValueError("no summary or totals line in the callgrind output")
    return int(m.group(1))


def count(code: str, env: dict[str, str]) -> int:
    """Instructions of ``python -c code`` in a fresh process (after one uncounted run,
    which compiles the bytecode)."""
    env = {**env, "PYTHONHASHSEED": "0"}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={out}",
                sys.executable,
                "-c",
                code,
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        return parse_total(out.read_text(encoding="utf-8", errors="replace"))


def measure(cases: list[Case], data_path: str, env: dict[str, str]) -> list[Count]:
    """The instruction counts of the close budgets (cases that did not run are left out)."""
    by_key = {c.key: c for c in cases}
    cold: dict[str, float] = {}
    for key in ("bare", "floor", "sp_question", "pydantic_question"):
        if key in by_key:
            progress(f"instructions: {by_key[key].label}")
            cold[key] = count(by_key[key].code, env) / 1e6
    out: list[Count] = []
    bare = cold.get("bare", 0.0)
    for key, label, other, limit in (
        ("cold:floor", "cold first answer vs the floor, net", "floor", COLD_OVER_FLOOR),
        (
            "cold:pydantic",
            "cold first answer vs the pydantic mirror, net",
            "pydantic_question",
            COLD_OVER_PYDANTIC,
        ),
    ):
        if "sp_question" in cold and other in cold:
            out.append(Count(key, label, cold["sp_question"] - bare, cold[other] - bare, limit))
    read = f"open({data_path!r}, 'rb').read()"
    warm: dict[str, float] = {}
    for mode in ("bundled", "strict"):
        progress(f"instructions: warm {mode} path")
        one, three = (count(WARM.format(read=read, mode=mode, calls=n), env) / 1e6 for n in (1, 3))
        warm[mode] = (three - one) / 2
    out.append(
        Count(
            "warm:strict",
            "warm strict loads vs the bundled path, one more call",
            warm["strict"],
            warm["bundled"],
            STRICT_OVER_BUNDLED,
        )
    )
    return out


def render(counts: list[Count]) -> list[str]:
    return [
        table(
            "Instructions (callgrind, millions; the same in every run): the close budgets",
            ["budget", "ours", "theirs", "ratio", "limit", "in instructions"],
            [
                [
                    c.label,
                    f"{c.ours:.1f}",
                    f"{c.theirs:.1f}",
                    f"{c.ratio:.3f}×",
                    f"{c.limit:g}×",
                    c.verdict,
                ]
                for c in counts
            ],
        )
    ]


def unavailable() -> list[str]:
    """The report's line when callgrind cannot be run here."""
    why = (
        "valgrind is not installed (Debian: apt install valgrind)"
        if os.name == "posix"
        else "callgrind runs on Linux and macOS only"
    )
    return [f"\nInstructions: not counted ({why})"]
