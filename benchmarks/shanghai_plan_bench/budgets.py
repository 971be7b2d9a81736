"""The budgets (issue 21), each a ratio or a bound measured within one run.

The yardstick is the plain-cattrs way of doing the same job (the "floor", see
:mod:`.cold` and :mod:`.warm`), which grows with the data as the library does.
:data:`BUDGETS` names every budget in the order the report prints them.  :func:`check`
turns one run's numbers into verdicts: PASS, FAIL, or n/a when what it needs was not
measured (a peer not installed).
"""

from collections.abc import Sequence

from . import questions as q
from .common import US, Budget, Timing
from .scaling import Size, growth

COLD_OVER_FLOOR = 1.10
COLD_OVER_PYDANTIC = 0.85
USER_FILE_OVER_FLOOR = 1.75
GROWTH_OVER_FLOOR = 1.3

QUESTION_KEYS = {
    "lookup:industry": 'sp.industry("AI")',
    "lookup:targets": 'sp.targets(industry="integrated-circuits")',
    "lookup:search": 'sp.search("EDA")',
    "lookup:key_industries": "sp.key_industries()",
    "lookup:progress": "sp.progress()",
    "lookup:scorecard": "sp.scorecard()",
}

BUDGETS: dict[str, str] = {
    "import": "import shanghai_plan ≤ import attrs (cattrs and json not imported)",
    "cold:floor": f"cold import + load() + first answer ≤ {COLD_OVER_FLOOR:g}× the floor (net)",
    "cold:pydantic": (
        f"cold import + load() + first answer ≤ {COLD_OVER_PYDANTIC:g}× the pydantic mirror (net)"
    ),
    "warm:user": (
        f"warm sp.loads of a good file ≤ {USER_FILE_OVER_FLOOR:g}× the floor's parse and structure"
    ),
    **{key: f"{label} ≤ {q.LOOKUP_US:g} µs" for key, label in QUESTION_KEYS.items()},
    "series": f"sp.series(indicator) ≤ {q.SERIES_US:g} µs",
    "growth:user": (
        f"sp.loads: cost per record at the largest size ≤ {GROWTH_OVER_FLOOR:g}× the floor's "
        "own growth"
    ),
}


def check(
    cold: dict[str, float],
    sizes: Sequence[Size],
    questions: dict[str, Timing],
    import_leaks: Sequence[str] = (),
) -> list[Budget]:
    """Every budget of :data:`BUDGETS`, in order, judged on one run's numbers.

    ``cold`` holds the median wall times (ms) of the cold cases, ``sizes`` the warm
    timings of every size (1× first), ``questions`` the question timings and
    ``import_leaks`` the modules among cattrs and json that ``import shanghai_plan``
    brought in.
    """
    out: dict[str, Budget] = {}

    def put(key: str, ok: bool | None, detail: str) -> None:
        out[key] = Budget(key, BUDGETS[key], ok, detail)

    if "sp_import" in cold and "import_attrs" in cold:
        detail = f"{cold['sp_import']:.1f} vs {cold['import_attrs']:.1f} ms"
        if import_leaks:
            detail += f"; but it imports {', '.join(import_leaks)}"
        put("import", cold["sp_import"] <= cold["import_attrs"] and not import_leaks, detail)
    else:
        put("import", None, "not measured")

    bare = cold.get("bare", 0.0)
    for key, other, limit in (
        ("cold:floor", "floor", COLD_OVER_FLOOR),
        ("cold:pydantic", "pydantic_question", COLD_OVER_PYDANTIC),
    ):
        if "sp_question" in cold and other in cold:
            ours, theirs = cold["sp_question"] - bare, cold[other] - bare
            detail = (
                f"{ours:.1f} vs {theirs:.1f} ms net: {ours / theirs:.2f}× (with the interpreter: "
                f"{cold['sp_question']:.1f} vs {cold[other]:.1f} ms, "
                f"{cold['sp_question'] / cold[other]:.2f}×)"
            )
            put(key, ours / theirs <= limit, detail)
        else:
            put(key, None, f"not measured ({other} did not run)")

    warm = sizes[0].timings
    user_us, floor_us = warm["sp.loads"].median * US, warm["floor"].median * US
    r = user_us / floor_us
    put("warm:user", r <= USER_FILE_OVER_FLOOR, f"{user_us:,.0f} vs {floor_us:,.0f} µs: {r:.2f}×")

    for key, label in QUESTION_KEYS.items():
        if label in questions:
            us = questions[label].median * US
            put(key, us <= q.LOOKUP_US, f"{us:,.2f} µs")
        else:
            put(key, None, f"not available ({label.split('(')[0]} is not in the package)")
    series = [k for k in questions if k.startswith("sp.series(")]
    if series:
        us = questions[series[0]].median * US
        put("series", us <= q.SERIES_US, f"{series[0]}: {us:,.2f} µs")
    else:
        put("series", None, "not available (sp.series is not in the package)")

    base, grew = growth(sizes, "floor"), growth(sizes, "sp.loads")
    if grew is None or base is None:
        put("growth:user", None, "not measured (see --scales)")
    else:
        r = grew / base
        detail = (
            f"per record at {sizes[-1].factor}× {grew:.2f}× its 1× cost, "
            f"the floor {base:.2f}×: {r:.2f}×"
        )
        put("growth:user", r <= GROWTH_OVER_FLOOR, detail)
    return [out[key] for key in BUDGETS]


def render(budgets: Sequence[Budget]) -> list[str]:
    lines = ["\nBudgets (issue 21)"]
    lines += [f"  {b.verdict:<4}  {b.name}: {b.detail}" for b in budgets]
    return ["\n".join(lines)]
