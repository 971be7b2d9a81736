"""Generic traversal of the record tree (used by the integrity checks and the indices)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, get_args, get_origin

import attrs

__all__ = ["records", "walk"]


def _holds_records(t: Any) -> bool:
    if attrs.has(t):
        return True
    return any(_holds_records(a) for a in get_args(t) if a is not Ellipsis)


_CHILDREN: dict[type, tuple[tuple[str, bool], ...]] = {}


def _children(cls: type) -> tuple[tuple[str, bool], ...]:
    """The fields of ``cls`` that can hold records, (name, True for a tuple), last field
    first: worked out once per class, so a walk never looks into a string or a number."""
    found = _CHILDREN.get(cls)
    if found is None:
        found = _CHILDREN[cls] = tuple(
            (a.name, get_origin(a.type) is tuple)
            for a in reversed(attrs.fields(cls))
            if _holds_records(a.type)
        )
    return found


def walk(obj: object, path: str = "$", skip: tuple[type, ...] = ()) -> Iterator[tuple[object, str]]:
    """Yield every attrs record reachable from ``obj``, depth first in document order,
    with its JSON path; records of the classes in ``skip`` are neither yielded nor
    looked into."""
    if not attrs.has(type(obj)):
        return
    stack: list[tuple[object, str]] = [(obj, path)]
    while stack:  # iterative: no recursion limit to meet
        rec, where = stack.pop()
        yield rec, where
        # Children are pushed last field first, last item first, so that they come off
        # the stack in document order.
        for name, many in _children(rec.__class__):
            value = getattr(rec, name)
            if value is None:
                continue
            if many:
                items = [
                    (item, f"{where}.{name}[{i}]")
                    for i, item in enumerate(value)
                    if item.__class__ not in skip
                ]
                stack.extend(reversed(items))
            elif value.__class__ not in skip:
                stack.append((value, f"{where}.{name}"))


def records(obj: object) -> Iterator[object]:
    """Every attrs record reachable from ``obj``, in the order of :func:`walk`."""
    return (rec for rec, _ in walk(obj))
