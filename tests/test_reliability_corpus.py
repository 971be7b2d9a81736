"""The malformed-input corpus: every case is rejected with PlanDataError naming every
problem at its exact JSON path, the same way through ``load(path)``, ``loads(bytes)`` and
``loads(str)``.

Hand-written cases live in tests/malformed/cases.json (inputs built on
tests/malformed/base.json, a small plan with every kind of record); mutation-based cases
are generated from the bundled file by tests/mutations.py.
"""

import hashlib
import json
import pathlib
from typing import Any

import attrs
import pytest

import shanghai_plan as sp
from shanghai_plan import _converter, loading
from shanghai_plan.loading import read_bundled_bytes
from tests.mutations import (
    base_document,
    build_input,
    bundled_cases,
    load_cases,
    strip_optional,
    tuple_element,
)

HAND = load_cases()
GENERATED = bundled_cases()


def _problems(call: Any) -> tuple[sp.DataProblem, ...]:
    with pytest.raises(sp.PlanDataError) as info:
        call()
    assert type(info.value) is sp.PlanDataError
    assert info.value.errors, "a PlanDataError names at least one problem"
    str(info.value).encode("utf-8")  # the message can always be printed
    return info.value.errors


def _assert_expected(case: dict[str, Any], errors: tuple[sp.DataProblem, ...]) -> None:
    got = sorted(p.path for p in errors)
    want = sorted(path for path, _ in case["expect"])
    assert got == want, "\n".join(str(p) for p in errors)
    remaining = list(errors)
    for path, part in case["expect"]:
        match = next((p for p in remaining if p.path == path and part in p.message), None)
        assert match is not None, (path, part, [str(p) for p in errors])
        remaining.remove(match)


_DIGESTS: dict[str, str] = {}
"""Digests of the inputs built so far (the distinctness test reuses them)."""


def _digest(case: dict[str, Any], data: bytes | None = None) -> str:
    if case["name"] not in _DIGESTS:
        data = build_input(case) if data is None else data
        extra = repr(case.get("max_bytes")).encode()
        _DIGESTS[case["name"]] = hashlib.sha256(data + extra).hexdigest()
    return _DIGESTS[case["name"]]


def _run(case: dict[str, Any], tmp_path: pathlib.Path | None) -> None:
    data = build_input(case)
    _digest(case, data)
    kwargs = {"max_bytes": case["max_bytes"]} if "max_bytes" in case else {}
    errors = _problems(lambda: sp.loads(data, **kwargs))
    _assert_expected(case, errors)
    if tmp_path is None:
        return
    # The same problems whichever way the file comes in.
    f = tmp_path / "plan.json"
    f.write_bytes(data)
    from_file = _problems(lambda: sp.load(f, **kwargs))
    if "larger than the limit" in errors[0].message:  # load() stops reading at the limit
        assert [p.path for p in from_file] == [p.path for p in errors] == ["$"]
        assert "larger than the limit" in from_file[0].message
    else:
        assert from_file == errors
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    if not text.startswith("\ufeff"):  # the BOM message names "text" rather than "file"
        assert _problems(lambda: sp.loads(text, **kwargs)) == errors


@pytest.mark.parametrize("case", HAND, ids=[c["name"] for c in HAND])
def test_hand_written_case(case: dict[str, Any], tmp_path: pathlib.Path) -> None:
    _run(case, tmp_path)


@pytest.mark.parametrize("case", GENERATED, ids=[c["name"] for c in GENERATED])
def test_bundled_mutation(case: dict[str, Any]) -> None:
    # Only through loads(bytes): each case loads the whole bundled file, and the
    # hand-written cases already show that the three ways in agree.
    _run(case, None)


def test_corpus_has_at_least_200_distinct_inputs() -> None:
    hand = {_digest(c) for c in HAND}
    generated = {_digest(c) for c in GENERATED}
    assert len(hand) == len(HAND), "two hand-written cases build the same input"
    assert len(generated) == len(GENERATED), "two generated cases build the same input"
    assert len({c["name"] for c in HAND + GENERATED}) == len(HAND) + len(GENERATED)
    assert len(hand | generated) >= 200
    assert len(hand) >= 200
    assert len(generated) >= 100


def test_every_expectation_names_paths_and_reasons() -> None:
    for case in HAND + GENERATED:
        assert case["expect"], case["name"]
        for path, part in case["expect"]:
            assert path.startswith("$"), case["name"]
            assert part.strip(), case["name"]


def test_base_of_the_corpus_is_valid_and_complete() -> None:
    # Every malformed case is one or a few changes away from a valid plan.
    plan = sp.loads(json.dumps(base_document()))
    assert plan.indicators
    assert plan.conflicts
    assert plan.related_documents
    assert plan.context is not None
    assert plan.context.definitions
    assert any(o.derived_from for i in plan.indicators for o in i.observations)
    assert any(e.participants for d in plan.related_documents for e in d.events)


def test_generated_mutations_cover_every_category() -> None:
    categories = {c["name"].split("-$")[0] for c in GENERATED}
    for needed in (
        "bundled-missing",
        "bundled-unknown-key",
        "bundled-wrong-type",
        "bundled-duplicate-key",
        "bundled-dangling-source",
        "bundled-dangling-industry",
        "bundled-duplicate-id",
        "bundled-year-range",
        "bundled-bad-date",
        "bundled-schema-version",
    ):
        assert needed in categories, sorted(categories)


# ------------------------------------------------------------------ limits and edges


def _model_depth(type_: Any) -> int:
    """How deeply arrays and objects nest in the JSON form of ``type_``."""
    t = strip_optional(type_)
    elem = tuple_element(t)
    if elem is not None:
        return 1 + _model_depth(elem)
    if attrs.has(t):
        return 1 + max((_model_depth(a.type) for a in attrs.fields(t)), default=0)
    return 0


def _json_depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((_json_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_json_depth(v) for v in value), default=0)
    return 0


def test_nesting_limit_is_the_models() -> None:
    assert _model_depth(sp.Plan) == loading.MAX_NESTING
    assert _json_depth(json.loads(read_bundled_bytes())) <= loading.MAX_NESTING
    assert _json_depth(base_document()) == loading.MAX_NESTING  # the corpus base goes deepest


def test_size_limit_default_and_bounds(tmp_path: pathlib.Path) -> None:
    assert sp.DEFAULT_MAX_BYTES == loading.DEFAULT_MAX_BYTES == 16 * 1024 * 1024
    data = read_bundled_bytes()
    assert sp.loads(data, max_bytes=len(data)) == sp.load()  # exactly at the limit is fine
    f = tmp_path / "plan.json"
    f.write_bytes(data)
    assert sp.load(f, max_bytes=len(data)) == sp.load()
    assert sp.load(f, max_bytes=2**70) == sp.load()  # "no limit" must not overflow read()
    with pytest.raises(sp.PlanDataError, match="larger than the limit"):
        sp.load(f, max_bytes=len(data) - 1)


def test_a_rejected_file_leaves_nothing_behind(tmp_path: pathlib.Path) -> None:
    bundled = sp.load()
    f = tmp_path / "bad.json"
    f.write_text('{"schema_version": 1}', encoding="utf-8")
    with pytest.raises(sp.PlanDataError) as info:
        sp.load(f)
    assert str(f) in str(info.value)
    assert not hasattr(info.value, "plan")
    assert info.value.__cause__ is None  # no chained cattrs or json traceback
    assert info.value.__suppress_context__
    assert sp.load() is bundled


def test_every_problem_is_reported_not_just_the_first() -> None:
    doc = base_document()
    for industry in doc["industries"]:
        industry["tier"] = "bogus"
    for target in doc["targets"]:
        target["year"] = "soon"
    with pytest.raises(sp.PlanDataError) as info:
        sp.loads(json.dumps(doc))
    paths = [p.path for p in info.value.errors]
    assert sorted(paths) == sorted(
        [f"$.industries[{i}].tier" for i in range(len(doc["industries"]))]
        + [f"$.targets[{i}].year" for i in range(len(doc["targets"]))]
    )
    assert "problems in plan data" in str(info.value)


def test_describing_a_deep_or_huge_value_cannot_fail() -> None:
    # The converter quotes the offending value in its message; a value nested deeper than
    # Python recurses used to turn into "RecursionError: ..." instead of a type error.
    deep: list[Any] = []
    for _ in range(100_000):
        deep = [deep]
    assert _converter._describe(deep) == "array [[[[...]]]]"
    assert _converter._describe({"a": deep}) == "object {'a': [[[...]]]}"
    huge = "x" * 10_000_000
    assert len(_converter._describe(huge)) < 80
