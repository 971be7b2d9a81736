"""Building malformed plan files: JSON paths, the corpus format, and mutations of the
bundled file generated from the model (tests/test_reliability_corpus.py runs them).

A case is a dict in the format of ``tests/malformed/cases.json`` (see its ``about``).
Generated cases use ``"base": "bundled"``: the bundled plan as shipped, so they follow
the data as it grows.  Each generated case changes one thing and names the one problem
the loader must report, with its exact JSON path.
"""

import copy
import datetime as dt
import functools
import json
import re
import types
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import attrs

import shanghai_plan as sp
from shanghai_plan._records import walk
from shanghai_plan.loading import read_bundled_bytes

HERE = Path(__file__).resolve().parent
CASES_FILE = HERE / "malformed" / "cases.json"
BASE_FILE = HERE / "malformed" / "base.json"

GENERATED_TOTAL = 100
"""About this many generated cases in all, shared evenly between the categories and
spread evenly over the file within each, so the corpus stays fast (each case loads the
whole bundled file once) however large the bundled data grows."""

# --------------------------------------------------------------------------- paths

_STEP = re.compile(r"\.([^.\[]*)|\[(\d+)\]")


def parse_path(path: str) -> list[str | int]:
    """``"$.targets[0].quantity"`` -> ``["targets", 0, "quantity"]``."""
    assert path.startswith("$"), path
    steps: list[str | int] = []
    pos = 1
    while pos < len(path):
        m = _STEP.match(path, pos)
        assert m is not None, f"bad path {path!r} at {pos}"
        steps.append(m.group(1) if m.group(2) is None else int(m.group(2)))
        pos = m.end()
    return steps


def _parent(doc: Any, path: str) -> tuple[Any, str | int]:
    steps = parse_path(path)
    assert steps, "cannot replace the root"
    target = doc
    for step in steps[:-1]:
        target = target[step]
    return target, steps[-1]


def get_at(doc: Any, path: str) -> Any:
    target = doc
    for step in parse_path(path):
        target = target[step]
    return target


def set_at(doc: Any, path: str, value: Any) -> None:
    parent, last = _parent(doc, path)
    parent[last] = value


def delete_at(doc: Any, path: str) -> None:
    parent, last = _parent(doc, path)
    del parent[last]


# ------------------------------------------------------------------------- inputs


def load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads(CASES_FILE.read_text(encoding="utf-8"))["cases"]
    return cases


def base_document() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(BASE_FILE.read_text(encoding="utf-8"))
    return doc


@functools.cache
def _bundled_text() -> str:
    return read_bundled_bytes().decode("utf-8")


def bundled_document() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(_bundled_text())
    return doc


def _text(spec: str | dict[str, Any]) -> str:
    if isinstance(spec, str):
        return spec
    return "".join(piece * count for piece, count in spec["pieces"])


def build_input(case: dict[str, Any]) -> bytes:
    """The bytes of the file a case describes."""
    if "text" in case:
        return _text(case["text"]).encode("utf-8")
    if "bytes" in case:
        return bytes(case["bytes"].encode("latin-1"))
    doc = bundled_document() if case["base"] == "bundled" else base_document()
    for path in case.get("delete", []):
        delete_at(doc, path)
    for path, value in case.get("set", {}).items():
        set_at(doc, path, copy.deepcopy(value))
    raws: dict[str, str] = {}
    for i, (path, raw) in enumerate(case.get("raw", {}).items()):
        marker = f"@@raw{i}@@"
        set_at(doc, path, marker)
        raws[json.dumps(marker)] = _text(raw)
    for i, (path, raw) in enumerate(case.get("raw_keys", {}).items()):
        marker = f"@@rawkey{i}@@"
        get_at(doc, path)[marker] = 0
        raws[f"{json.dumps(marker)}: 0"] = _text(raw)
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    for marker, raw in raws.items():
        assert text.count(marker) == 1, marker
        text = text.replace(marker, raw)
    data = text.encode("utf-8")
    if "bytes_replace" in case:
        old, new = (part.encode("latin-1") for part in case["bytes_replace"])
        assert old in data, case["name"]
        data = data.replace(old, new, 1)
    if "truncate_at" in case:
        data = data[: case["truncate_at"]]
    return case.get("prefix", "").encode("latin-1") + data


# -------------------------------------------------------------- model-typed walk


def strip_optional(type_: Any) -> Any:
    """``X | None`` -> ``X``."""
    if get_origin(type_) in (Union, types.UnionType):
        args = [a for a in get_args(type_) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return type_


def tuple_element(type_: Any) -> Any | None:
    """``tuple[X, ...]`` -> ``X``; anything else -> ``None``."""
    if get_origin(type_) is tuple:
        return get_args(type_)[0]
    return None


def typed_objects(value: Any, cls: type, path: str = "$") -> Iterator[tuple[Any, type, str]]:
    """Every JSON object in ``value`` (the raw form of ``cls``) with its class and path."""
    yield value, cls, path
    for a in attrs.fields(cls):
        if a.name not in value:
            continue
        t = strip_optional(a.type)
        v = value[a.name]
        elem = tuple_element(t)
        if attrs.has(t) and v is not None:
            yield from typed_objects(v, t, f"{path}.{a.name}")
        elif elem is not None and attrs.has(elem):
            for i, item in enumerate(v):
                yield from typed_objects(item, elem, f"{path}.{a.name}[{i}]")


def wrong_value(type_: Any) -> tuple[Any, str]:
    """A JSON value of the wrong type for ``type_`` and the message the loader gives."""
    t = strip_optional(type_)
    if t is str:
        return 7, "expected a string, got number 7"
    if t is bool:
        return 1, "expected true or false, got number 1"
    if t is int:
        return "1", "expected an integer, got string '1'"
    if t is float:
        return "1", "expected a number, got string '1'"
    if t is dt.date:
        return "2021/01/01", "expected a date as YYYY-MM-DD"
    if isinstance(t, type) and issubclass(t, Enum):
        return "not-a-member", "expected one of"
    if tuple_element(t) is not None:
        return {}, "expected an array, got object {}"
    assert attrs.has(t), t
    return [], "expected an object, got array []"


# ------------------------------------------------------ mutations of the bundled file


def _case(category: str, path: str, expect: list[list[str]], **ops: Any) -> dict[str, Any]:
    return {"name": f"bundled-{category}-{path}", "base": "bundled", **ops, "expect": expect}


def _spread(items: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    if len(items) <= count:
        return items
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def _referenced_ids(plan: sp.Plan) -> set[str]:
    refs: set[str] = {plan.id}
    for rec, _ in walk(plan):
        for c in getattr(rec, "citations", ()):
            refs.add(c.source_id)
        refs.update(getattr(rec, "industry_ids", ()))
        refs.update(getattr(rec, "derived_from", ()))
        refs.update(getattr(rec, "record_ids", ()))
        for name in ("document_id", "indicator_id", "preferred_side_id"):
            value = getattr(rec, name, None)
            if isinstance(value, str):
                refs.add(value)
    return refs


def bundled_cases() -> list[dict[str, Any]]:
    """One-change mutations of the bundled file, each with the one problem it must raise."""
    raw = bundled_document()
    plan = sp.loads(_bundled_text())
    by_category: dict[str, list[dict[str, Any]]] = {}

    def add(category: str, case: dict[str, Any]) -> None:
        by_category.setdefault(category, []).append(case)

    # -- structure: missing, unknown and wrongly typed keys, wrong array elements
    for obj, cls, path in typed_objects(raw, sp.Plan):
        add(
            "unknown-key",
            _case(
                "unknown-key",
                path,
                [[f"{path}.zz_unknown", "unknown key"]],
                set={f"{path}.zz_unknown": 0},
            ),
        )
        first_key = next(iter(obj))
        add(
            "duplicate-key",
            _case(
                "duplicate-key",
                path,
                [[f"{path}.{first_key}", "duplicate key"]],
                raw_keys={
                    path: f"{json.dumps(first_key)}: "
                    f"{json.dumps(obj[first_key], ensure_ascii=False)}"
                },
            ),
        )
        for a in attrs.fields(cls):
            if a.name not in obj:
                continue
            where = f"{path}.{a.name}"
            if a.default is attrs.NOTHING:
                add(
                    "missing",
                    _case("missing", where, [[where, "required key is missing"]], delete=[where]),
                )
            value, message = wrong_value(a.type)
            add("wrong-type", _case("wrong-type", where, [[where, message]], set={where: value}))
            elem = tuple_element(strip_optional(a.type))
            if elem is not None and obj[a.name]:
                value, message = wrong_value(elem)
                add(
                    "wrong-element",
                    _case(
                        "wrong-element",
                        f"{where}[0]",
                        [[f"{where}[0]", message]],
                        set={f"{where}[0]": value},
                    ),
                )
            if strip_optional(a.type) is str and obj[a.name]:
                add(
                    "lone-surrogate",
                    _case(
                        "lone-surrogate",
                        where,
                        [[where, "lone surrogate"]],
                        raw={where: '"x\\udfff"'},
                    ),
                )
            if strip_optional(a.type) is float:
                add(
                    "non-finite",
                    _case(
                        "non-finite",
                        where,
                        [[where, "expected a finite number"]],
                        raw={where: "-1e999"},
                    ),
                )
                add(
                    "too-large",
                    _case(
                        "too-large", where, [[where, "number too large"]], set={where: 2**53 + 1}
                    ),
                )

    # -- cross-record checks
    referenced = _referenced_ids(plan)
    first_id = plan.id
    for rec, path in walk(plan):
        if isinstance(rec, sp.Citation):
            add(
                "dangling-source",
                _case(
                    "dangling-source",
                    path,
                    [[f"{path}.source_id", "unknown source 'no-such-source'"]],
                    set={f"{path}.source_id": "no-such-source"},
                ),
            )
            add(
                "empty-locator",
                _case(
                    "empty-locator",
                    path,
                    [[f"{path}.locator", "text must not be blank"]],
                    set={f"{path}.locator": " \t "},
                ),
            )
        if getattr(rec, "citations", ()):
            add(
                "no-citations",
                _case(
                    "no-citations",
                    path,
                    [[f"{path}.citations", "must cite at least one source"]],
                    set={f"{path}.citations": []},
                ),
            )
        for i, _ in enumerate(getattr(rec, "industry_ids", ())):
            where = f"{path}.industry_ids[{i}]"
            add(
                "dangling-industry",
                _case(
                    "dangling-industry",
                    where,
                    [[where, "unknown industry 'no-such-industry'"]],
                    set={where: "no-such-industry"},
                ),
            )
        rid = getattr(rec, "id", None)
        if isinstance(rid, str) and rid not in referenced and path != "$":
            add(
                "duplicate-id",
                _case(
                    "duplicate-id",
                    path,
                    [[f"{path}.id", f"duplicate id {first_id!r} (first used at $)"]],
                    set={f"{path}.id": first_id},
                ),
            )
            add(
                "empty-id",
                _case(
                    "empty-id",
                    path,
                    [[f"{path}.id", "text must not be blank"]],
                    set={f"{path}.id": "  "},
                ),
            )
        for name, bad in (
            ("year", 2101),
            ("end_year", 2101),
            ("start_year", 1948),
            ("baseline_year", 1948),
        ):
            if isinstance(getattr(rec, name, None), int):
                where = f"{path}.{name}"
                add(
                    "year-range",
                    _case(
                        "year-range", where, [[where, f"year {bad} is outside"]], set={where: bad}
                    ),
                )
        if isinstance(rec, sp.Event):
            add(
                "date-range",
                _case(
                    "date-range",
                    path,
                    [[f"{path}.date", "is outside 1949–2100"]],
                    set={f"{path}.date": "1948-12-31"},
                ),
            )
            add(
                "bad-date",
                _case(
                    "bad-date",
                    path,
                    [[f"{path}.date", "not a calendar date"]],
                    set={f"{path}.date": "2021-02-30"},
                ),
            )
        if isinstance(getattr(rec, "language", None), str):
            add(
                "bad-language",
                _case(
                    "bad-language",
                    path,
                    [[f"{path}.language", "ISO 639-1"]],
                    set={f"{path}.language": "english"},
                ),
            )
        if isinstance(rec, sp.Source):
            add(
                "bad-url",
                _case(
                    "bad-url",
                    path,
                    [[f"{path}.url", "expected an http(s) URL"]],
                    set={f"{path}.url": "ftp://" + rec.url.split("://", 1)[-1]},
                ),
            )
            if rec.published is not None:
                add(
                    "bad-published",
                    _case(
                        "bad-published",
                        path,
                        [[f"{path}.published", "not a calendar date"]],
                        set={f"{path}.published": "2021-13"},
                    ),
                )
        if isinstance(rec, sp.Target):
            add(
                "dangling-document",
                _case(
                    "dangling-document",
                    path,
                    [[f"{path}.document_id", "unknown document"]],
                    set={f"{path}.document_id": "no-such-document"},
                ),
            )
            if rec.indicator_id is not None:
                add(
                    "dangling-indicator",
                    _case(
                        "dangling-indicator",
                        path,
                        [[f"{path}.indicator_id", "unknown indicator"]],
                        set={f"{path}.indicator_id": "no-such-indicator"},
                    ),
                )
            flipped = "qualitative" if rec.kind is sp.TargetKind.QUANTITATIVE else "quantitative"
            add(
                "kind-flip",
                _case(
                    "kind-flip",
                    path,
                    [[f"{path}.quantity", "a quantitative target has a quantity"]],
                    set={f"{path}.kind": flipped},
                ),
            )
        if isinstance(rec, sp.Quantity) and rec.unit not in (
            sp.Unit.PERCENT,
            sp.Unit.PERCENTAGE_POINTS,
        ):
            add(
                "negative",
                _case("negative", path, [[f"{path}.value", "negative"]], set={f"{path}.value": -1}),
            )
        if isinstance(rec, sp.Indicator):
            for i, _obs in enumerate(rec.observations):
                where = f"{path}.observations[{i}].value"
                if rec.measure is sp.Measure.SHARE:
                    add(
                        "negative",
                        _case("negative", where, [[where, "a share must lie"]], set={where: 101}),
                    )
                elif rec.unit not in (sp.Unit.PERCENT, sp.Unit.PERCENTAGE_POINTS):
                    add(
                        "negative", _case("negative", where, [[where, "negative"]], set={where: -1})
                    )
        if isinstance(rec, sp.Observation):
            for i, _ in enumerate(rec.derived_from):
                where = f"{path}.derived_from[{i}]"
                add(
                    "dangling-observation",
                    _case(
                        "dangling-observation",
                        where,
                        [[where, "unknown observation"]],
                        set={where: "no-such-observation"},
                    ),
                )
        if isinstance(rec, sp.ConflictSide):
            for i, _ in enumerate(rec.record_ids):
                where = f"{path}.record_ids[{i}]"
                add(
                    "dangling-record",
                    _case(
                        "dangling-record",
                        where,
                        [[where, "unknown record"]],
                        set={where: "no-such-record"},
                    ),
                )
    add(
        "schema-version",
        _case(
            "schema-version",
            "$",
            [["$.schema_version", "unsupported schema_version 2"]],
            set={"$.schema_version": 2},
        ),
    )
    add(
        "data-as-of",
        _case(
            "data-as-of",
            "$",
            [["$.data_as_of", "is outside 1949–2100"]],
            set={"$.data_as_of": "2101-01-01"},
        ),
    )
    per_category = -(-GENERATED_TOTAL // len(by_category))
    return [case for cases in by_category.values() for case in _spread(cases, per_category)]
