"""The JSON Schema of a plan file, generated from the model (never written by hand).

:func:`generate` walks the attrs classes of :mod:`shanghai_plan.model` and emits a JSON
Schema (draft 2020-12): one ``$defs`` entry per class, ``additionalProperties: false``,
required keys for fields without defaults, enums by value, dates as ``YYYY-MM-DD``
strings, tuples as arrays.  Descriptions come from the class docstrings and the
attribute docstrings in the model's source.  A copy ships in the package as
``data/plan.schema.json`` (:func:`bundled`); a test fails when it is stale.

Regenerate the bundled copy with ``python scripts/format_data.py``.

Why not ``msgspec.json.schema``: it reads the same attrs classes and agrees with this
generator on every type, nullability, array, enum and required key (a test checks that,
with msgspec as a test dependency), but it cannot produce what makes this schema worth
shipping.  It takes descriptions only from ``Annotated[..., Meta(description=...)]``, so
the field docstrings would have to be written a second time inside the model's
annotations, and the model would import msgspec at run time (the runtime dependencies
are attrs and cattrs); it emits ``additionalProperties: false`` only for msgspec Structs
with ``forbid_unknown_fields``, not for attrs classes, so the converter's refusal of
unknown keys would be lost; it gives dates ``format: date`` without the strict
``YYYY-MM-DD`` pattern (``format`` is not asserted by default in draft 2020-12); and it
sorts enum values instead of keeping their declared order.  Patching all of that onto
its output would take a walk of the same size as this one.
"""

import ast
import datetime as dt
import inspect
import itertools
import types
from enum import Enum
from typing import Any, Union, get_args, get_origin

import attrs

from . import model
from .model import Plan

__all__ = ["SCHEMA_ID", "SCHEMA_RESOURCE", "bundled", "field_docs", "generate"]

SCHEMA_RESOURCE = "data/plan.schema.json"
SCHEMA_ID = "https://shanghai-plan.invalid/schema/plan-1.json"


def field_docs(cls: type) -> dict[str, str]:
    """The docstrings written under each attribute of ``cls`` in the model's source."""
    try:
        tree = ast.parse(inspect.getsource(cls))
    except (OSError, TypeError):  # pragma: no cover - source not available
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for prev, node in itertools.pairwise(body):
        target: ast.expr
        if isinstance(prev, ast.AnnAssign):
            target = prev.target
        elif isinstance(prev, ast.Assign) and len(prev.targets) == 1:
            target = prev.targets[0]  # enum members
        else:
            continue
        if (
            isinstance(target, ast.Name)
            and isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            docs[target.id] = inspect.cleandoc(node.value.value)
    return docs


def _doc(obj: Any) -> str:
    return inspect.cleandoc(obj.__doc__ or "").split("\n\n")[0].replace("\n", " ")


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def type_schema(self, t: Any) -> dict[str, Any]:
        origin = get_origin(t)
        if origin in (Union, types.UnionType):
            args = get_args(t)
            non_null = [a for a in args if a is not type(None)]
            inner = [self.type_schema(a) for a in non_null]
            if len(non_null) < len(args):
                inner.append({"type": "null"})
            return {"anyOf": inner}
        if origin is tuple:
            (item, _ellipsis) = get_args(t)
            return {"type": "array", "items": self.type_schema(item)}
        if t is str:
            return {"type": "string"}
        if t is bool:
            return {"type": "boolean"}
        if t is int:
            return {"type": "integer"}
        if t is float:
            return {"type": "number"}
        if t is dt.date:
            return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
        if isinstance(t, type) and issubclass(t, Enum):
            self.defs.setdefault(
                t.__name__,
                {"description": _doc(t), "enum": [m.value for m in t]},
            )
            return {"$ref": f"#/$defs/{t.__name__}"}
        if attrs.has(t):
            self.add_class(t)
            return {"$ref": f"#/$defs/{t.__name__}"}
        raise TypeError(f"no JSON Schema for {t!r}")  # pragma: no cover - model bug

    def add_class(self, cls: type) -> dict[str, Any]:
        if cls.__name__ in self.defs:
            return self.defs[cls.__name__]  # type: ignore[no-any-return]
        entry: dict[str, Any] = {"type": "object", "description": _doc(cls)}
        self.defs[cls.__name__] = entry
        docs = field_docs(cls)
        props: dict[str, Any] = {}
        required: list[str] = []
        for a in attrs.fields(cls):
            prop = self.type_schema(a.type)
            if a.name in docs:
                prop = {**prop, "description": docs[a.name].replace("\n", " ")}
            if a.default is attrs.NOTHING:
                required.append(a.name)
            props[a.name] = prop
        entry["properties"] = props
        entry["required"] = required
        entry["additionalProperties"] = False
        return entry


def generate() -> dict[str, Any]:
    """The JSON Schema of a plan file, built from the model classes."""
    b = _Builder()
    root = b.add_class(Plan)
    del b.defs[Plan.__name__]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"shanghai_plan plan file (schema_version 1, model {model.__name__})",
        **root,
        "$defs": dict(sorted(b.defs.items())),
    }


def bundled() -> dict[str, Any]:
    """The JSON Schema shipped in the package (``data/plan.schema.json``)."""
    import json
    from importlib.resources import files

    text = files(__package__).joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")
    result: dict[str, Any] = json.loads(text)
    return result
