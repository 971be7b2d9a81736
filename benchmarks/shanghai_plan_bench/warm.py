"""Warm, in process: every way of loading the same bytes, and the parts of a load.

* ``floor``: the plain-cattrs way (``json.loads``, then a default ``cattrs.Converter()``
  with only a ``date`` hook structuring into ``Plan``): the budgets' yardstick;
* ``sp.loads``: a user's good file, with every check and path-precise errors ready
  (decode, parse refusing duplicate keys, the one converter, the integrity checks);
* the parts, and the peers' own loads.

``sp.load()`` itself is cached, so it is not timed warm (its first call is in the cold
part).  Private names are looked up by name; a part whose name has changed is left out.
"""

import json
from collections.abc import Callable, Sequence
from typing import Any

from . import peers
from .common import US, Timing, fmt, internal, ratio, table

LABELS = {
    "json.loads": "json.loads(bytes): the baseline",
    "floor": "floor: json.loads + plain cattrs Converter → Plan",
    "sp.loads": "sp.loads(bytes): every check, paths ready",
    "structure": "  the converter alone (pre-parsed data)",
    "integrity only": "  integrity checks alone (_integrity.check)",
    "index build": "  index build alone (first question on a plan)",
    "msgspec": "msgspec mirror: json.Decoder(Plan).decode(bytes)",
    "pydantic": "pydantic mirror: Plan.model_validate_json(bytes)",
}


def load_paths(raw: bytes, mirrors: Sequence[peers.Mirror]) -> dict[str, Callable[[], object]]:
    """The ways of loading ``raw`` (and its parts) that the warm and scaling parts time."""
    import shanghai_plan as sp
    from shanghai_plan.model import Plan

    limit = max(len(raw), 16 * 2**20)  # the grown plans are larger than loads' default limit
    data = json.loads(raw)
    plan = sp.loads(raw, max_bytes=limit)
    paths: dict[str, Callable[[], object]] = {
        "json.loads": lambda: json.loads(raw),
        "sp.loads": lambda: sp.loads(raw, max_bytes=limit),
    }
    floor = floor_converter()
    paths["floor"] = lambda: floor.structure(json.loads(raw), Plan)
    parts: dict[str, tuple[str, str, Callable[[Any], Callable[[], object]]]] = {
        "structure": ("shanghai_plan._converter", "structure", lambda f: lambda: f(data, Plan)),
        "integrity only": ("shanghai_plan._integrity", "check", lambda f: lambda: f(plan)),
        "index build": ("shanghai_plan._index", "_build", lambda f: lambda: f(plan)),
    }
    for key, (module, name, make) in parts.items():
        found = internal(module, name)
        if found is not None:
            paths[key] = make(found)
    for m in mirrors:
        paths[m.library] = lambda decode=m.decode: decode(raw)  # type: ignore[misc]
    return paths


def floor_converter() -> Any:
    """The floor's converter: cattrs' default, with only a ``date`` hook."""
    import datetime

    import cattrs

    conv = cattrs.Converter()
    conv.register_structure_hook(datetime.date, lambda v, _: datetime.date.fromisoformat(v))
    return conv


def render(warm: dict[str, Timing], size_bytes: int, records: int) -> list[str]:
    base = warm["json.loads"].median
    return [
        table(
            f"Warm, in process: the bundled plan ({size_bytes:,} bytes, {records:,} "
            "records), µs per call",
            ["way", "median", "best", "×json.loads", "×floor"],
            [
                [
                    LABELS.get(k, k),
                    fmt(t.median * US, 0),
                    fmt(t.best * US, 0),
                    ratio(t.median, base),
                    ratio(t.median, warm["floor"].median) if "floor" in warm else "—",
                ]
                for k, t in warm.items()
            ],
        )
    ]
