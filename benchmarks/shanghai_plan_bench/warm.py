"""Warm, in process: every way of loading the same bytes, and the parts of a load.

* ``sp.load() path``: what ``sp.load()`` does with the bundled file (the release digest
  of the bytes, ``json.loads``, the lean converter), by calling the library's own
  functions for each step (``loading._digest`` and ``loading._build_trusted``);
* ``sp.loads``: a user's good file (decode, the strict fast path: parse refusing
  duplicate keys, the fast strict converter, the integrity checks);
* ``detailed path``: the same bytes through the detailed path alone (what a file with a
  problem pays, on top of the fast attempt);
* the parts, and the peers' own loads.

Private names are looked up by name; a part whose name has changed is left out.
"""

import json
from collections.abc import Callable, Sequence
from typing import Any

from . import peers
from .common import US, Timing, fmt, internal, ratio, table

LABELS = {
    "json.loads": "json.loads(bytes): the baseline",
    "sp.load path": "sp.load() path: digest, json.loads, lean structure",
    "sp.loads": "sp.loads(bytes): strict fast path, integrity",
    "detailed path": "  detailed path alone (a file with a problem)",
    "fast structure": "  fast strict structure alone (pre-parsed data)",
    "trusted structure": "  lean structure alone (pre-parsed data)",
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
    digest = internal("shanghai_plan.loading", "_digest")
    trusted = internal("shanghai_plan.loading", "_build_trusted")
    if digest is not None and trusted is not None:

        def load_path() -> object:
            # What sp.load() does with the bundled file when its digest matches (any size).
            digest(raw)
            return trusted(raw)

        paths["sp.load path"] = load_path
    parts: dict[str, tuple[str, str, Callable[[Any], Callable[[], object]]]] = {
        "detailed path": ("shanghai_plan.loading", "_parse", lambda f: lambda: _detailed(raw)),
        "fast structure": (
            "shanghai_plan._converter",
            "structure_fast",
            lambda f: lambda: f(data, Plan),
        ),
        "trusted structure": (
            "shanghai_plan._converter",
            "structure_trusted",
            lambda f: lambda: f(data, Plan),
        ),
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


def _detailed(raw: bytes) -> object:
    """The detailed path alone, as ``loads`` runs it after the fast path refused a file."""
    from shanghai_plan import loading

    text = loading._decode(raw, "<bench>", max(len(raw), 16 * 2**20))
    with loading._gc_paused():
        data, problems = loading._parse(text, "<bench>")
        return loading._build(data, "<bench>", problems)


def render(warm: dict[str, Timing], size_bytes: int, records: int) -> list[str]:
    base = warm["json.loads"].median
    return [
        table(
            f"Warm, in process: the bundled plan ({size_bytes:,} bytes, {records:,} "
            "records), µs per call",
            ["way", "median", "best", "×json.loads", "×sp.load path"],
            [
                [
                    LABELS.get(k, k),
                    fmt(t.median * US, 0),
                    fmt(t.best * US, 0),
                    ratio(t.median, base),
                    ratio(t.median, warm["sp.load path"].median) if "sp.load path" in warm else "—",
                ]
                for k, t in warm.items()
            ],
        )
    ]
