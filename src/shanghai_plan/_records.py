"""Generic traversal of the record tree (used by the integrity checks and the indices)."""

from collections.abc import Iterator
from typing import Any, get_args, get_origin

import attrs

__all__ = ["records", "walk"]

# For each record class, the fields that can hold records: (name, True for a tuple).
# Worked out once per class from the annotations, so a walk never inspects a string,
# a number or a tuple of ids.
_PLANS: dict[type, tuple[tuple[str, bool], ...]] = {}
_REVERSED: dict[type, tuple[tuple[str, bool], ...]] = {}


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
    pop, push, extend = stack.pop, stack.append, stack.extend
    plans = _REVERSED
    while stack:
        rec, where = pop()
        yield rec, where
        cls = rec.__class__
        fields = plans.get(cls)
        if fields is None:
            fields = plans[cls] = tuple(reversed(_plan(cls)))
        # Children are pushed last field first, last item first, so that they come off
        # the stack in document order.
        for name, many in fields:
            value = getattr(rec, name)
            if value is None:
                continue
            if many:
                extend([(value[i], f"{where}.{name}[{i}]") for i in range(len(value) - 1, -1, -1)])
            else:
                push((value, f"{where}.{name}"))


def records(obj: object) -> Iterator[object]:
    """Every attrs record reachable from ``obj``, depth first, in the order of :func:`walk`,
    without their paths (for callers that do not need them: building paths is most of the
    cost of a walk)."""
    if not attrs.has(type(obj)):
        return
    stack: list[object] = [obj]
    pop, push, extend = stack.pop, stack.append, stack.extend
    plans = _REVERSED
    while stack:
        rec = pop()
        yield rec
        cls = rec.__class__
        fields = plans.get(cls)
        if fields is None:
            fields = plans[cls] = tuple(reversed(_plan(cls)))
        for name, many in fields:
            value = getattr(rec, name)
            if value is None:
                continue
            if many:
                extend(value[::-1])
            else:
                push(value)
