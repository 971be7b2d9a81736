"""The budgets (issue 14), each a ratio or a bound measured within one run.

:data:`BUDGETS` names every budget in the order the report prints them; the docs page
and its test use these names.  :func:`check` turns one run's numbers into verdicts: PASS,
FAIL, or n/a when what it needs was not measured (a peer not installed, a function the
package does not have yet).
"""

from collections.abc import Sequence

from . import questions as q
from .common import US, Budget, Timing
from .scaling import Size, growth

IMPORT_OVER_ATTRS_MS = 5.0
COLD_OVER_FLOOR = 1.15
COLD_OVER_PYDANTIC = 0.6
BUNDLED_OVER_JSON = 4.0
STRICT_OVER_BUNDLED = 1.3
GROWTH_OVER_JSON = 1.3

QUESTION_KEYS = {
    "lookup:industry": 'sp.industry("AI")',
    "lookup:targets": 'sp.targets(industry="integrated-circuits")',
    "lookup:search": 'sp.search("EDA")',
    "lookup:key_industries": "sp.key_industries()",
    "lookup:progress": "sp.progress()",
    "lookup:scorecard": "sp.scorecard()",
}

BUDGETS: dict[str, str] = {
    "import": f"import shanghai_plan ≤ import attrs + {IMPORT_OVER_ATTRS_MS:g} ms",
    "cold:floor": (
        f"cold import + load() + first answer ≤ {COLD_OVER_FLOOR:g}× the unavoidable work (net)"
    ),
    "cold:pydantic": (
        f"cold import + load() + first answer ≤ {COLD_OVER_PYDANTIC:g}× the pydantic mirror (net)"
    ),
    "warm:bundled": f"warm bundled load ≤ {BUNDLED_OVER_JSON:g}× json.loads",
    "warm:strict": f"warm strict loads of a good file ≤ {STRICT_OVER_BUNDLED:g}× the bundled path",
    **{key: f"{label} ≤ {q.LOOKUP_US:g} µs" for key, label in QUESTION_KEYS.items()},
    "series": f"sp.series(indicator) ≤ {q.SERIES_US:g} µs",
    "growth:bundled": (
        f"bundled load: cost per record at 100× ≤ {GROWTH_OVER_JSON:g}× json.loads' own growth"
    ),
    "growth:strict": (
        f"strict loads: cost per record at 100× ≤ {GROWTH_OVER_JSON:g}× json.loads' own growth"
    ),
}


def check(
    cold: dict[str, float], sizes: Sequence[Size], questions: dict[str, Timing]
) -> list[Budget]:
    """Every budget of :data:`BUDGETS`, in order, judged on one run's numbers.

    ``cold`` holds the median wall times (ms) of the cold cases, ``sizes`` the warm
    timings of every size (1× first), ``questions`` the question timings.
    """
    out: dict[str, Budget] = {}

    def put(key: str, ok: bool | None, detail: str) -> None:
        out[key] = Budget(key, BUDGETS[key], ok, detail)

    if "sp_import" in cold and "import_attrs" in cold:
        over = cold["sp_import"] - cold["import_attrs"]
        detail = f"{cold['sp_import']:.1f} vs {cold['import_attrs']:.1f} ms: {over:+.1f} ms"
        put("import", over <= IMPORT_OVER_ATTRS_MS, detail)
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
    json_us = warm["json.loads"].median * US
    if "sp.load path" in warm:
        bundled_us = warm["sp.load path"].median * US
        r = bundled_us / json_us
        put(
            "warm:bundled",
            r <= BUNDLED_OVER_JSON,
            f"{bundled_us:,.0f} vs {json_us:,.0f} µs: {r:.2f}×",
        )
        strict_us = warm["sp.loads"].median * US
        r = strict_us / bundled_us
        put(
            "warm:strict",
            r <= STRICT_OVER_BUNDLED,
            f"{strict_us:,.0f} vs {bundled_us:,.0f} µs: {r:.2f}× "
            f"({strict_us / json_us:.2f}× json.loads)",
        )
    else:
        put("warm:bundled", None, "not measured (the library's bundled path was not found)")
        put("warm:strict", None, "not measured (the library's bundled path was not found)")

    for key, label in QUESTION_KEYS.items():
        if label in questions:
            us = questions[label].median * US
            put(key, us <= q.LOOKUP_US, f"{us:,.2f} µs")
        else:
            put(key, None, f"not available yet ({label.split('(')[0]} is not in the package)")
    series = [k for k in questions if k.startswith("sp.series(")]
    if series:
        us = questions[series[0]].median * US
        put("series", us <= q.SERIES_US, f"{series[0]}: {us:,.2f} µs")
    else:
        put("series", None, "not available yet (sp.series is not in the package)")

    base_growth = growth(sizes, "json.loads")
    for key, way in (("growth:bundled", "sp.load path"), ("growth:strict", "sp.loads")):
        grew = growth(sizes, way)
        if grew is None or base_growth is None:
            put(key, None, "not measured (see --scales)")
            continue
        r = grew / base_growth
        detail = (
            f"per record at {sizes[-1].factor}× {grew:.2f}× its 1× cost, "
            f"json.loads {base_growth:.2f}×: {r:.2f}×"
        )
        put(key, r <= GROWTH_OVER_JSON, detail)
    return [out[key] for key in BUDGETS]


def render(budgets: Sequence[Budget]) -> list[str]:
    lines = ["\nBudgets (issue 14)"]
    lines += [f"  {b.verdict:<4}  {b.name}: {b.detail}" for b in budgets]
    return ["\n".join(lines)]
