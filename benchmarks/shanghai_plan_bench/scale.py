"""Make bigger plans from the bundled one: every record list repeated ``factor`` times.

``multiply(data, 10)`` returns a plan whose record lists (every list at the top level of
the plan, and every list inside a top-level object such as ``context``) hold ten copies
of each record: the original and nine renamed copies.  In copy ``k`` every ``id`` is
suffixed with ``-x{k}`` and every reference to such an id (keys ending in ``_id`` or
``_ids``, and ``derived_from``) is rewritten the same way, so each copy cites its own
sources, names its own industries and indicators and derives from its own observations.
References to ids outside the copied lists (the plan's own ``id``, used by
``document_id``) are left alone.  The result passes ``shanghai_plan.loads`` whenever the
original does.

Records are counted as JSON objects: each becomes exactly one model instance.

Run as a script to write a multiplied plan:
``python benchmarks/shanghai_plan_bench/scale.py 100 > big.json``.
"""

import copy
import json
import sys
from collections.abc import Iterator
from typing import Any

__all__ = ["count_records", "multiply", "multiply_bytes"]

JSON = Any


def _is_ref_key(key: str) -> bool:
    return key.endswith(("_id", "_ids")) or key == "derived_from"


def _ids(node: JSON) -> Iterator[str]:
    if isinstance(node, dict):
        rid = node.get("id")
        if isinstance(rid, str):
            yield rid
        for value in node.values():
            yield from _ids(value)
    elif isinstance(node, list):
        for item in node:
            yield from _ids(item)


def _rename(node: JSON, ids: frozenset[str], suffix: str) -> JSON:
    """A copy of ``node`` with its ids and the references to ``ids`` suffixed."""
    if isinstance(node, list):
        return [_rename(item, ids, suffix) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, JSON] = {}
    for key, value in node.items():
        if key == "id" and isinstance(value, str):
            out[key] = value + suffix
        elif _is_ref_key(key) and isinstance(value, str):
            out[key] = value + suffix if value in ids else value
        elif _is_ref_key(key) and isinstance(value, list):
            out[key] = [v + suffix if isinstance(v, str) and v in ids else v for v in value]
        else:
            out[key] = _rename(value, ids, suffix)
    return out


def _record_lists(plan: dict[str, JSON]) -> Iterator[tuple[dict[str, JSON], str]]:
    """(parent, key) of every list that :func:`multiply` repeats."""
    for key, value in plan.items():
        if isinstance(value, list):
            yield plan, key
        elif isinstance(value, dict):
            for sub, sub_value in value.items():
                if isinstance(sub_value, list):
                    yield value, sub


def multiply(data: dict[str, JSON], factor: int) -> dict[str, JSON]:
    """``data`` with every record list repeated ``factor`` times under fresh ids."""
    if factor < 1:
        raise ValueError(f"factor must be at least 1, got {factor}")
    out = copy.deepcopy(data)
    if factor == 1:
        return out
    lists = list(_record_lists(out))
    ids = frozenset(i for parent, key in lists for i in _ids(parent[key]))
    for parent, key in lists:
        original = parent[key]
        grown = list(original)
        for k in range(1, factor):
            grown += _rename(original, ids, f"-x{k}")
        parent[key] = grown
    return out


def multiply_bytes(raw: bytes, factor: int) -> bytes:
    """:func:`multiply` on JSON bytes; the result is UTF-8 JSON laid out like the input."""
    data = json.loads(raw)
    if factor == 1:
        return raw
    return json.dumps(multiply(data, factor), ensure_ascii=False, indent=2).encode()


def count_records(node: JSON) -> int:
    """The number of JSON objects in ``node`` (one model instance each)."""
    if isinstance(node, dict):
        return 1 + sum(count_records(v) for v in node.values())
    if isinstance(node, list):
        return sum(count_records(v) for v in node)
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].isdigit():
        usage = "usage: python benchmarks/shanghai_plan_bench/scale.py FACTOR > plan.json"
        print(usage, file=sys.stderr)
        return 2
    from shanghai_plan.loading import read_bundled_bytes

    sys.stdout.buffer.write(multiply_bytes(read_bundled_bytes(), int(argv[0])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
