"""Rewrite the bundled plan file in canonical form (the form the round-trip test expects).

Run after editing ``src/shanghai_plan/data/plan.json`` by hand:

    python scripts/format_data.py

It also regenerates the bundled JSON Schema (``data/plan.schema.json``) from the model.

The file is validated first (a broken file is reported, never rewritten); then it is
written back as the converter unstructures it: keys holding default values are dropped,
whole-number floats are written as integers, two-space indentation, UTF-8 without
escapes, a final newline.
"""

import json
import sys
from pathlib import Path

import shanghai_plan as sp
from shanghai_plan._converter import unstructure

DATA = Path(__file__).resolve().parents[1] / "src" / "shanghai_plan" / "data" / "plan.json"
SCHEMA = DATA.with_name("plan.schema.json")


def canonical_text(plan: sp.Plan) -> str:
    return json.dumps(unstructure(plan), ensure_ascii=False, indent=2) + "\n"


def schema_text() -> str:
    from shanghai_plan.schema import generate

    return json.dumps(generate(), ensure_ascii=False, indent=2) + "\n"


def _write(path: Path, text: str) -> None:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        print(f"{path} is already current")
    else:
        path.write_text(text, encoding="utf-8")
        print(f"rewrote {path}")


def main() -> int:
    try:
        plan = sp.load(DATA)
    except sp.PlanDataError as exc:
        print(exc, file=sys.stderr)
        return 1
    _write(DATA, canonical_text(plan))
    _write(SCHEMA, schema_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
