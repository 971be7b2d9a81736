"""Small hand-made plans for tests of the helpers and the analysis."""

import json
from collections.abc import Callable
from typing import Any

import shanghai_plan as sp

CITE = [{"source_id": "src", "locator": "p. 1"}]


def minimal() -> dict[str, Any]:
    """The smallest valid plan file: one source, one industry, no targets."""
    return {
        "schema_version": 1,
        "data_version": "test",
        "data_as_of": "2026-11-28",
        "id": "p",
        "titles": [{"text": "Test plan", "language": "en", "kind": "official", "citations": CITE}],
        "period": {"start_year": 2021, "end_year": 2025},
        "industries": [
            {
                "id": "ind",
                "name_en": "Widgets",
                "name_zh": "小部件",
                "tier": "leading",
                "citations": CITE,
            }
        ],
        "sources": [
            {
                "id": "src",
                "title": "A source",
                "publisher": "Us",
                "url": "https://example.org",
                "language": "en",
                "kind": "official",
                "confidence": "primary",
            }
        ],
        "citations": CITE,
    }


def with_target(
    observations: list[tuple[Any, ...]],
    *,
    value: float,
    comparator: str = "at_least",
    unit: str = "yuan",
    year: int = 2025,
    baseline_year: int | None = None,
    start_year: int | None = None,
    aggregation: str | None = None,
    measure: str = "gross_output",
    data_as_of: str = "2026-11-28",
    amend: Callable[[dict[str, Any]], None] | None = None,
) -> sp.Plan:
    """A plan with one quantitative target measured by one indicator.

    Each observation is ``(year, value)``, optionally followed by its coverage (or None)
    and its comparator; they get the ids ``o0``, ``o1`` … in order.  ``amend`` may change
    the plan file (add notes, conflicts, findings) before it is loaded.
    """
    data = minimal()
    data["data_as_of"] = data_as_of
    obs = []
    for i, o in enumerate(observations):
        rec: dict[str, Any] = {"id": f"o{i}", "year": o[0], "value": o[1], "citations": CITE}
        if len(o) >= 3 and o[2] is not None:
            rec["coverage"] = o[2]
        if len(o) >= 4:
            rec["comparator"] = o[3]
        obs.append(rec)
    data["indicators"] = [
        {
            "id": "m",
            "name_en": "Widget output",
            "unit": "percent" if measure == "growth_rate" else "yuan",
            "measure": measure,
            "observations": obs,
            "citations": CITE,
        }
    ]
    t: dict[str, Any] = {
        "id": "t",
        "document_id": "p",
        "kind": "quantitative",
        "statement": "Make more widgets.",
        "industry_ids": ["ind"],
        "year": year,
        "indicator_id": "m",
        "quantity": {"value": value, "unit": unit, "comparator": comparator},
        "citations": CITE,
    }
    if baseline_year is not None:
        t["baseline_year"] = baseline_year
    if start_year is not None:
        t["start_year"] = start_year
    if aggregation is not None:
        t["aggregation"] = aggregation
    data["targets"] = [t]
    if amend is not None:
        amend(data)
    return sp.loads(json.dumps(data))
