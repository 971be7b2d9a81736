"""Questions on the loaded (cached) plan: µs per call after the first call.

Functions the package does not have yet (``scorecard``, ``series``, arriving from other
work) are left out with a "not available yet" line, and their budgets report n/a; they
are measured as soon as the package has them.
"""

from collections.abc import Callable
from typing import Any

from .common import US, Timing, fmt, table

LOOKUP_US = 5.0
SERIES_US = 20.0


def questions() -> tuple[dict[str, tuple[Callable[[], object], float | None]], list[str]]:
    """The questions, each with its budget in µs (None: timed, not budgeted), and a note
    for each function that is not there yet."""
    import shanghai_plan as sp

    qs: dict[str, tuple[Callable[[], object], float | None]] = {
        'sp.industry("AI")': (lambda: sp.industry("AI"), LOOKUP_US),
        'sp.targets(industry="integrated-circuits")': (
            lambda: sp.targets(industry="integrated-circuits"),
            LOOKUP_US,
        ),
        'sp.search("EDA")': (lambda: sp.search("EDA"), LOOKUP_US),
        "sp.key_industries()": (sp.key_industries, LOOKUP_US),
        "sp.load() (cached)": (sp.load, None),
    }
    missing: list[str] = []
    for name in ("progress", "scorecard"):
        fn: Any = getattr(sp, name, None)
        if fn is None:
            missing.append(f"sp.{name}() not available yet: not measured")
        else:
            qs[f"sp.{name}()"] = (fn, LOOKUP_US)
    series: Any = getattr(sp, "series", None)
    if series is None:
        missing.append("sp.series() not available yet: not measured")
    else:
        # The first indicator with the most observations: the longest series there is.
        plan = sp.load()
        indicator = max(plan.indicators, key=lambda i: len(i.observations))
        qs[f'sp.series("{indicator.id}")'] = (lambda: series(indicator.id), SERIES_US)
    return qs, missing


def render(
    timings: dict[str, Timing], budgets: dict[str, float | None], notes: list[str]
) -> list[str]:
    rows = [
        [
            q,
            fmt(t.median * US, 2),
            fmt(t.best * US, 2),
            "" if budgets.get(q) is None else f"≤ {budgets[q]:g}",
        ]
        for q, t in timings.items()
    ]
    text = table(
        "Questions on the loaded (cached) plan, µs per call after the first",
        ["question", "median", "best", "budget"],
        rows,
    )
    return [text + "".join(f"\n  ({n})" for n in notes)]
