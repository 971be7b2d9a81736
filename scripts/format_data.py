"""Rewrite the bundled plan file in canonical form (the form the round-trip test expects).

Run after editing ``src/shanghai_plan/data/plan.json`` by hand:

    python scripts/format_data.py

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


def canonical_text(plan: sp.Plan) -> str:
    return json.dumps(unstructure(plan), ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    try:
        plan = sp.load(DATA)
    except sp.PlanDataError as exc:
        print(exc, file=sys.stderr)
        return 1
    text = canonical_text(plan)
    if DATA.read_text(encoding="utf-8") != text:
        DATA.write_text(text, encoding="utf-8")
        print(f"rewrote {DATA}")
    else:
        print(f"{DATA} is already canonical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
