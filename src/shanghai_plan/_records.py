"""Generic traversal of the record tree (used by the integrity checks and the indices)."""

from collections.abc import Iterator
from typing import Any, get_args, get_origin

import attrs

__all__ = ["walk"]

# For each record class, the fields that can hold records: (name, True for a tuple).
# Worked out once per class from the annotations, so a walk never inspects a string,
# a number or a tuple of ids.
_PLANS: dict[type, tuple[tuple[str, bool], ...]] = {}


def _holds_records(t: Any) -> bool:
    if attrs.has(t):
        return True
    return any(_holds_records(a) for a in get_args(t) if a is not Ellipsis)


def _plan(cls: type) -> tuple[tuple[str, bool], ...]:
    found = _PLANS.get(cls)
    if found is None:
        found = tuple(
            (a.name, get_origin(a.type) is tuple)
            for a in attrs.fields(cls)
            if _holds_records(a.type)
        )
        _PLANS[cls] = found
    return found


def walk(obj: object, path: str = "$") -> Iterator[tuple[object, str]]:
    """Yield every attrs record reachable from ``obj``, depth first, with its JSON path."""
    if not attrs.has(type(obj)):
        return
    stack: list[tuple[object, str]] = [(obj, path)]
    pop, push = stack.pop, stack.append
    while stack:
        rec, where = pop()
        yield rec, where
        children: list[tuple[object, str]] = []
        for name, many in _plan(type(rec)):
            value = getattr(rec, name)
            if value is None:
                continue
            if many:
                children.extend((item, f"{where}.{name}[{i}]") for i, item in enumerate(value))
            else:
                children.append((value, f"{where}.{name}"))
        for child in reversed(children):  # keep document order
            push(child)
