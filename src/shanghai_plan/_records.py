"""Generic traversal of the record tree (used by the integrity checks and the indices)."""

from __future__ import annotations

import functools
import operator
import types
from collections.abc import Iterator
from itertools import chain
from typing import Any, Union, get_args, get_origin

import attrs

__all__ = ["NOT_NONE", "by_class", "records", "walk"]

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


# For each record class, its fields that hold records of one class: (getter, True for a
# tuple, the class held), or None when some field holds records in another way.
_LINKS: dict[type, tuple[tuple[Any, bool, type], ...] | None] = {}
_ORDERS: dict[type, tuple[type, ...] | None] = {}


def _links(cls: type) -> tuple[tuple[Any, bool, type], ...] | None:
    if cls in _LINKS:
        return _LINKS[cls]
    links: list[tuple[Any, bool, type]] = []
    for a in attrs.fields(cls):
        if not _holds_records(a.type):
            continue
        origin, args = get_origin(a.type), get_args(a.type)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis and attrs.has(args[0]):
            links.append((operator.attrgetter(a.name), True, args[0]))
        elif attrs.has(a.type):
            links.append((operator.attrgetter(a.name), False, a.type))
        elif origin in (types.UnionType, Union) and len(args) == 2 and type(None) in args:
            inner = args[0] if args[1] is type(None) else args[1]
            if not attrs.has(inner):
                break
            links.append((operator.attrgetter(a.name), False, inner))
        else:
            break
    else:
        _LINKS[cls] = tuple(links)
        return _LINKS[cls]
    _LINKS[cls] = None
    return None


def _order(root: type) -> tuple[type, ...] | None:
    """The record classes reachable from ``root``, each after every class that holds it
    (None when a field holds records in a way :func:`_links` does not follow, or when a
    class can hold itself)."""
    if root in _ORDERS:
        return _ORDERS[root]
    done: list[type] = []
    state: dict[type, bool] = {}  # False while being visited, True when done

    def visit(cls: type) -> bool:
        if cls in state:
            return state[cls]  # a class met again while visited: a cycle
        state[cls] = False
        links = _links(cls)
        if links is None or not all(visit(child) for _, _, child in links):
            return False
        state[cls] = True
        done.append(cls)
        return True

    order = tuple(reversed(done)) if visit(root) else None
    _ORDERS[root] = order
    return order


NOT_NONE = functools.partial(operator.is_not, None)
"""A predicate for ``filter``: true for anything but None (a call in C, not a lambda)."""


def by_class(obj: object) -> dict[type, list[object]]:
    """Every attrs record reachable from ``obj``, grouped by class (no order within a
    group is promised).

    Follows the fields' declared types a class at a time, so the work per record is done
    by ``map`` and ``chain`` rather than by a Python loop; a model that this cannot
    follow (a field holding records of several classes, a class that holds itself) is
    walked record by record instead.
    """
    root = type(obj)
    if not attrs.has(root):
        return {}
    order = _order(root)
    if order is None:
        found: dict[type, list[object]] = {}
        for rec in records(obj):
            found.setdefault(rec.__class__, []).append(rec)
        return found
    groups: dict[type, list[object]] = {cls: [] for cls in order}
    groups[root].append(obj)
    for cls in order:
        recs = groups[cls]
        if not recs:
            continue
        for get, many, child in _LINKS[cls] or ():
            values = map(get, recs)
            groups[child].extend(chain.from_iterable(values) if many else filter(NOT_NONE, values))
    return groups
