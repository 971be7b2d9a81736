"""Write ``src/shanghai_plan/rows.py``: one ``TypedDict`` per table, from the table definitions.

The tables (``shanghai_plan.tables.TABLES``) are defined once; this script derives the typed
rows that ``to_records(kind)`` returns from them, so that type checkers know each row's keys
and value types.  ``tests/test_rows.py`` fails while the module is stale.

    python scripts/gen_rows.py          # rewrite the module
    python scripts/gen_rows.py --check  # exit 1 if it is stale
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from shanghai_plan.tables import TABLES  # noqa: E402

TARGET = ROOT / "src" / "shanghai_plan" / "rows.py"
_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


def class_name(table: str) -> str:
    """``"industries"`` → ``"IndustriesRecord"``."""
    return "".join(part.capitalize() for part in table.split("_")) + "Record"


def render() -> str:
    names = [class_name(t.name) for t in TABLES]
    lines = [
        '"""Typed rows: what ``to_records(kind)`` returns, one ``TypedDict`` per table.',
        "",
        "Generated from :data:`shanghai_plan.tables.TABLES` by ``scripts/gen_rows.py``: do not",
        "edit. A key is typed ``X | None`` unless the column is never empty; joined lists are",
        'strings (``"; "``), closed vocabularies their plain string values.',
        '"""',
        "",
        "from typing import TypedDict",
        "",
        "__all__ = [",
        *(f'    "{n}",' for n in sorted(names)),
        "]",
    ]
    for t, name in zip(TABLES, names, strict=True):
        lines += [
            "",
            "",
            f"class {name}(TypedDict):",
            f'    """A row of the ``{t.name}`` table."""',
            "",
        ]
        for c in t.columns:
            kind = _TYPES[c.type]
            lines.append(f"    {c.name}: {kind}" + ("" if c.required else " | None"))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "docs"))
    from _pagegen import main  # the generators' one write-or-check command line

    sys.exit(main(TARGET, render, sys.argv[1:]))
