"""Scaling: the bundled plan grown k× (:mod:`.scale` repeats every record array the file
has, whatever they are), warm load time and memory per record at each size.

The budget compares growth with growth: how much the cost per record of a load rises
from 1× to the largest size, divided by how much the floor's (plain cattrs) cost per
record rises over the same bytes.  A ratio of 1.0 means the library scales exactly as
plain cattrs does; CPython's allocation slows down at 100× (hundreds of MB of objects)
for everyone.
"""

import json
from collections.abc import Callable, Sequence
from typing import NamedTuple

from . import peers, scale, warm
from .common import MS, US, Timing, fmt, measure_all, memory, progress, ratio, table

WAYS = ("json.loads", "floor", "sp.loads", "msgspec", "pydantic")
"""The ways of loading shown in the scaling table (those that ran)."""


class Size(NamedTuple):
    factor: int
    bytes: int
    records: int
    timings: dict[str, Timing]
    memory: dict[str, tuple[int, int]]
    """(peak, retained) bytes of one load."""


def measure_in_process(
    raw: bytes,
    factors: Sequence[int],
    mirrors: Sequence[peers.Mirror],
    questions: dict[str, Callable[[], object]],
    repeat: int,
    min_time: float,
    max_seconds: float,
    seed: int,
) -> tuple[dict[str, Timing], list[Size]]:
    """Time the questions and every way of loading every size, all interleaved; then
    measure the memory of one load of each size."""
    for fn in questions.values():  # the first call (builds the index); a broken one fails here
        fn()
    items: dict[tuple[int, str], Callable[[], object]] = {(0, q): fn for q, fn in questions.items()}
    grown: dict[int, bytes] = {}
    paths: dict[int, dict[str, Callable[[], object]]] = {}
    for factor in factors:
        progress(f"building the {factor}× plan")
        grown[factor] = raw if factor == 1 else scale.multiply_bytes(raw, factor)
        paths[factor] = warm.load_paths(grown[factor], mirrors)
        if factor != 1:  # the parts are timed on the bundled plan only
            paths[factor] = {k: v for k, v in paths[factor].items() if k in WAYS}
        items.update({(factor, way): fn for way, fn in paths[factor].items()})
    timings = measure_all(items, repeat, min_time, max_seconds, seed)
    sizes = []
    for factor in factors:
        progress(f"memory at {factor}×")
        ways = [w for w in WAYS if w in paths[factor]]
        sizes.append(
            Size(
                factor,
                len(grown[factor]),
                scale.count_records(json.loads(grown[factor])),
                {way: t for (f, way), t in timings.items() if f == factor},
                {way: memory(paths[factor][way]) for way in ways},
            )
        )
    return {q: t for (f, q), t in timings.items() if f == 0}, sizes


def growth(sizes: Sequence[Size], way: str) -> float | None:
    """Cost per record at the largest size over the same at 1× (None if not measured)."""
    top, base = sizes[-1], sizes[0]
    if top.factor == base.factor or way not in top.timings or way not in base.timings:
        return None
    return (top.timings[way].median / top.records) / (base.timings[way].median / base.records)


def render(sizes: Sequence[Size]) -> list[str]:
    base = sizes[0]
    rows = []
    for size in sizes:
        for way in WAYS:
            if way not in size.timings:
                continue
            t = size.timings[way]
            per_record = t.median / size.records
            peak, kept = size.memory.get(way, (None, None))
            rows.append(
                [
                    f"{size.factor}× {way}",
                    f"{size.bytes / 1024:,.0f}",
                    f"{size.records:,}",
                    fmt(t.median * MS, 2),
                    fmt(per_record * US, 2),
                    f"{per_record / (base.timings[way].median / base.records):.2f}",
                    ratio(t.median, size.timings["json.loads"].median),
                    "—" if peak is None else f"{peak / 2**20:,.1f}",
                    "—" if kept is None else f"{kept / size.records:,.0f}",
                ]
            )
    return [
        table(
            "Scaling: warm load of the plan grown k× (medians); memory of one load",
            [
                "k× way",
                "KiB",
                "records",
                "ms",
                "µs/rec",
                "÷1× per rec",
                "×json",
                "peak MiB",
                "kept B/rec",
            ],
            rows,
        )
    ]
