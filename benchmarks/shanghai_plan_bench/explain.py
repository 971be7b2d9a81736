"""Where the time goes (``--explain``): ``python -X importtime`` of ``import shanghai_plan``
(medians by module) and a cProfile of the first ``load()`` + ``key_industries()``."""

import re
import statistics
import subprocess
import sys

from .common import progress, table

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
    progress("explain: -X importtime and a profile of the first load")
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
