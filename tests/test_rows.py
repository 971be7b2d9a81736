"""Typed rows: one TypedDict per table, generated from the table definitions and true to them."""

import types
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

import pytest

import shanghai_plan as sp
from shanghai_plan import rows, tables

ROOT = Path(__file__).resolve().parent.parent


def test_the_generated_module_is_current() -> None:
    # compared with the module as installed, so that the wheel's copy is checked too
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_rows", ROOT / "scripts" / "gen_rows.py")
    assert spec is not None
    assert spec.loader is not None
    gen: Any = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    shipped = Path(rows.__file__).read_text(encoding="utf-8")
    assert gen.render() == shipped, "run: python scripts/gen_rows.py"


def _allowed(hint: Any) -> tuple[type, ...]:
    if get_origin(hint) in (Union, types.UnionType):
        return tuple(a for a in get_args(hint))
    return (hint,)


@pytest.mark.parametrize("kind", sp.RECORD_KINDS)
def test_every_row_has_exactly_the_typed_keys_and_types(kind: str) -> None:
    typed = getattr(rows, "".join(p.capitalize() for p in kind.split("_")) + "Record")
    hints = get_type_hints(typed)
    assert list(hints) == [c.name for c in tables.table(kind).columns]
    found = (
        sp.to_records(kind, all_documents=True)
        if tables.table(kind).per_document
        else (sp.to_records(kind))
    )
    assert found
    for row in found:
        assert list(row) == list(hints), kind
        for key, value in row.items():
            allowed = _allowed(hints[key])
            # an int is a float for a number column (JSON and CSV draw no line between them)
            ok = isinstance(value, allowed) or (float in allowed and type(value) is int)
            assert ok, (kind, key, value)
            assert not (type(value) is bool and bool not in allowed), (kind, key, value)
