"""Properties of the loader under arbitrary input (Hypothesis).

* a valid plan built from the model survives the trip to JSON text and back unchanged;
* any mutation of the bundled file (structural, or of its bytes) and any JSON or bytes
  at all either load to a valid plan or raise PlanDataError, never anything else.

Example counts are modest so the suite stays fast; set SHANGHAI_PLAN_FUZZ_SCALE (e.g.
10) to multiply them for a longer run.
"""

import ast
import json
import os
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import shanghai_plan as sp
from shanghai_plan import _integrity, model
from shanghai_plan._converter import unstructure
from tests.strategies import bundled_text, json_values, mutations, plans

SCALE = float(os.environ.get("SHANGHAI_PLAN_FUZZ_SCALE", "1"))


def fuzz(examples: int) -> settings:
    """Settings for one property: ``examples`` (times the scale), no deadline."""
    return settings(
        max_examples=max(1, int(examples * SCALE)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def load_or_reject(data: str | bytes) -> sp.Plan | None:
    """Load ``data``; PlanDataError is an allowed outcome, any other exception is a bug."""
    error: sp.PlanDataError | None = None
    try:
        plan = sp.loads(data)
    except sp.PlanDataError as exc:
        error = exc
    if error is None:
        assert type(plan) is sp.Plan
        return plan
    assert error.errors
    for problem in error.errors:
        assert problem.path.startswith("$"), problem
        assert problem.message.strip(), problem
    return None


def assert_round_trips(plan: sp.Plan) -> None:
    """A loaded plan survives the trip back to JSON text and in again."""
    text = json.dumps(unstructure(plan), ensure_ascii=False)
    assert sp.loads(text) == plan


# ------------------------------------------------------------ valid plans round-trip


@pytest.mark.slow  # a long property run: .ci/run runs it
@fuzz(120)
@given(plans())
def test_valid_plan_round_trips_unchanged(plan: sp.Plan) -> None:
    assert _integrity.check(plan) == []  # the strategy builds valid plans only
    data = unstructure(plan)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"  # the bundled file's form
    again = sp.loads(text)
    assert again == plan
    assert again is not plan
    assert hash(again) == hash(plan)
    assert unstructure(again) == data  # nothing added, dropped or re-spelt
    assert sp.loads(text.encode("utf-8")) == plan
    assert sp.loads(json.dumps(data)) == plan  # \u-escaped text too


# --------------------------------------------------------------- mutations and noise


@pytest.mark.slow  # a long property run: .ci/run runs it
@fuzz(40)
@given(mutations(bundled_text()))
def test_mutated_bundled_file_loads_or_raises_plan_data_error(doc: Any) -> None:
    # Each example loads the whole bundled file (340 kB), hence fewer examples; the same
    # mutations run 100 times on small generated plans below, which can hold every kind
    # of record.  A plan that loads has passed every check of the loader, so it is valid
    # by definition; the round trip of such plans is shown below too.
    load_or_reject(json.dumps(doc, ensure_ascii=True))


@pytest.mark.slow  # a long property run: .ci/run runs it
@fuzz(100)
@given(st.data())
def test_mutated_generated_plan_loads_or_raises_plan_data_error(data: st.DataObject) -> None:
    plan = data.draw(plans())
    text = json.dumps(unstructure(plan), ensure_ascii=False)
    doc = data.draw(mutations(text))
    loaded = load_or_reject(json.dumps(doc, ensure_ascii=True))
    if loaded is not None:
        assert_round_trips(loaded)


_BYTE_OPS = st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"])


@fuzz(60)
@given(st.data())
def test_byte_mutations_of_bundled_file_load_or_raise_plan_data_error(
    data: st.DataObject,
) -> None:
    raw = bytearray(bundled_text().encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(raw) - 1))
        op = data.draw(_BYTE_OPS)
        if op == "flip":
            raw[at] ^= 1 << data.draw(st.integers(0, 7))
        elif op == "insert":
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=4))
        elif op == "delete":
            del raw[at : at + data.draw(st.integers(1, 8))]
        elif op == "truncate":
            del raw[at:]
        else:
            raw[at:at] = raw[at : at + data.draw(st.integers(1, 64))]
        if not raw:
            break
    load_or_reject(bytes(raw))


@fuzz(200)
@given(json_values)
def test_any_json_value_is_rejected_cleanly(value: Any) -> None:
    assert load_or_reject(json.dumps(value)) is None


@fuzz(200)
@given(st.binary(max_size=64) | st.text(max_size=64))
def test_any_bytes_or_text_are_rejected_cleanly(data: bytes | str) -> None:
    assert load_or_reject(data) is None


@pytest.mark.parametrize("limit", [0, 1, 2, 100])
def test_size_limit_is_exact(limit: int) -> None:
    text = "{" + " " * max(0, limit - 2) + "}" if limit >= 2 else "{}"
    encoded = text.encode()
    if len(encoded) <= limit:
        with pytest.raises(sp.PlanDataError) as info:
            sp.loads(encoded, max_bytes=limit)
        assert "larger than the limit" not in str(info.value)
    with pytest.raises(sp.PlanDataError, match="larger than the limit"):
        sp.loads(encoded, max_bytes=len(encoded) - 1)


def test_strategy_sets_every_field_of_the_model() -> None:
    # A field added to the model must be generated too, or the round trip never sees it.
    source = (Path(__file__).parent / "strategies.py").read_text(encoding="utf-8")
    given_fields: dict[str, set[str]] = {}
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        target = node.func
        if isinstance(target, ast.Attribute) and target.attr == "builds" and node.args:
            target = node.args[0]  # st.builds(sp.Citation, source_id=..., ...)
        if (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id == "sp"
        ):
            names = given_fields.setdefault(target.attr, set())
            names.update(k.arg for k in node.keywords if k.arg)
    record_classes = {
        name: cls
        for name, cls in vars(model).items()
        if isinstance(cls, type) and attrs.has(cls) and cls.__module__ == model.__name__
    }
    assert len(record_classes) >= 20
    for name, cls in record_classes.items():
        fields = {a.name for a in attrs.fields(cls)}
        assert given_fields.get(name) == fields, (name, fields - given_fields.get(name, set()))


def _nesting_as_the_parser_sees_it(text: str, limit: int) -> tuple[int | None, bool]:
    """The offset of the first bracket nested deeper than ``limit``, walking ``text`` one
    character at a time as a JSON parser does (brackets inside strings do not nest, a
    backslash in a string escapes the next character, a string never closed runs on), and
    whether the walk got there without meeting a backslash outside a string (where a
    parser stops: nothing after it is parsed)."""
    depth = 0
    in_string = escaped = False
    for offset, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "\\":
            return None, False
        elif char in "[{":
            depth += 1
            if depth > limit:
                return offset, True
        elif char in "]}":
            depth -= 1
    return None, True


@fuzz(300)
@given(st.text(alphabet='[]{}"\\ a:é字', max_size=200), st.integers(1, 6), st.booleans())
def test_depth_limit_counts_nesting_as_the_parser_does(
    text: str, limit: int, as_bytes: bool
) -> None:
    """The depth check before parsing (in C, over the bytes) finds the first bracket too
    deep that a parser would reach, strings and escapes included."""
    from shanghai_plan.loading import _too_deep_at

    found = _too_deep_at(text, limit, text.encode() if as_bytes else None)
    expected, clean = _nesting_as_the_parser_sees_it(text, limit)
    if clean:  # past a stray backslash nothing is parsed: a deep bracket there is harmless
        assert found == expected
