"""Generic traversal of the record tree (used by the integrity checks and the indices)."""

from collections.abc import Iterator

import attrs

__all__ = ["walk"]


def walk(obj: object, path: str = "$") -> Iterator[tuple[object, str]]:
    """Yield every attrs record reachable from ``obj``, depth first, with its JSON path."""
    cls = type(obj)
    if attrs.has(cls):
        yield obj, path
        for a in attrs.fields(cls):
            value = getattr(obj, a.name)
            if isinstance(value, tuple):
                for i, item in enumerate(value):
                    yield from walk(item, f"{path}.{a.name}[{i}]")
            elif attrs.has(type(value)):
                yield from walk(value, f"{path}.{a.name}")
