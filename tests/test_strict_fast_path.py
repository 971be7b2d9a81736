"""Strict, then detailed: ``loads`` first tries a fast strict path (no per-error
bookkeeping) and takes the detailed path only when the fast one refuses the input.

What is proven here, over the malformed corpus, the bundled file, the corpus' base plan,
hand-picked traps and Hypothesis-generated plans and mutations:

* the fast path never accepts an input the detailed path rejects, and accepts every
  input the detailed path accepts;
* where both accept, they build equal objects with exactly the same types throughout;
* where the detailed path rejects, ``loads`` raises exactly the detailed path's
  ``PlanDataError`` (the same problems, paths and messages, in the same order).
"""

import json
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import shanghai_plan as sp
from shanghai_plan import _converter, loading
from shanghai_plan.loading import DEFAULT_MAX_BYTES, read_bundled_bytes
from tests.mutations import base_document, build_input, bundled_cases, load_cases
from tests.strategies import bundled_text, mutations, plans

HAND = load_cases()
CASES = HAND + bundled_cases()
HAND_NAMES = {c["name"] for c in HAND}

QUICK = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def shape(obj: object) -> object:
    """Every value of a record tree with its exact type, for comparing two builds."""
    if attrs.has(type(obj)):
        return (
            type(obj),
            tuple((a.name, shape(getattr(obj, a.name))) for a in attrs.fields(type(obj))),
        )
    if isinstance(obj, tuple):
        return tuple(shape(x) for x in obj)
    return (type(obj), obj)


def detailed(data: str | bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> sp.Plan | sp.PlanDataError:
    """The detailed path alone: what ``loads`` did before it had a fast path."""
    try:
        text = loading._decode(data, "<string>", max_bytes)
        with loading._gc_paused():
            parsed, problems = loading._parse(text, "<string>")
            return loading._build(parsed, "<string>", problems)
    except sp.PlanDataError as exc:
        return exc


def fast(data: str | bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> sp.Plan | None:
    """The fast path alone: a plan, or None when it refuses the input."""
    try:
        text = loading._decode(data, "<string>", max_bytes)
    except sp.PlanDataError:
        return None
    with loading._gc_paused():
        return loading._build_fast(text)


def assert_paths_agree(data: str | bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> bool:
    """Assert that the fast path, the detailed path and ``loads`` agree on ``data``;
    return whether it was accepted."""
    slow = detailed(data, max_bytes)
    quick = fast(data, max_bytes)
    if isinstance(slow, sp.PlanDataError):
        assert quick is None, f"the fast path accepted what the detailed path rejects: {slow}"
        with pytest.raises(sp.PlanDataError) as info:
            sp.loads(data, max_bytes=max_bytes)
        assert info.value.errors == slow.errors
        assert str(info.value) == str(slow)
        return False
    assert quick is not None, "the fast path refused what the detailed path accepts"
    assert quick == slow
    assert shape(quick) == shape(slow)
    assert shape(sp.loads(data, max_bytes=max_bytes)) == shape(slow)
    return True


# ------------------------------------------------------------------ the corpus


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_malformed_case_is_refused_by_the_fast_path_with_the_same_errors(
    case: dict[str, Any],
) -> None:
    data = build_input(case)
    max_bytes = case.get("max_bytes", DEFAULT_MAX_BYTES)
    assert not assert_paths_agree(data, max_bytes)
    if case["name"] not in HAND_NAMES:  # the mutations of the bundled file: bytes only
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    assert not assert_paths_agree(text, max_bytes)


# ------------------------------------------------------------------ good files


def test_bundled_file_same_plan_both_ways() -> None:
    raw = read_bundled_bytes()
    assert assert_paths_agree(raw)
    assert assert_paths_agree(raw.decode("utf-8"))
    assert shape(fast(raw)) == shape(loading._build_bundled())


def test_corpus_base_plan_same_plan_both_ways() -> None:
    assert assert_paths_agree(json.dumps(base_document(), ensure_ascii=False))
    assert assert_paths_agree(json.dumps(base_document()))  # \u escapes


def test_a_good_file_never_reaches_the_detailed_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "_build", lambda *a: pytest.fail("detailed path taken"))
    assert sp.loads(read_bundled_bytes()) == sp.load()


def test_a_bad_file_is_reported_by_the_detailed_path() -> None:
    doc = base_document()
    doc["industries"][0]["colour"] = "red"
    with pytest.raises(sp.PlanDataError, match=r"\$\.industries\[0\]\.colour: unknown key"):
        sp.loads(json.dumps(doc))


@QUICK
@given(plans())
def test_generated_plan_same_plan_both_ways(plan: sp.Plan) -> None:
    text = json.dumps(_converter.unstructure(plan), ensure_ascii=False, indent=2)
    assert assert_paths_agree(text)
    assert shape(fast(text)) == shape(plan)


# ------------------------------------------------------------------ mutations


@QUICK
@given(st.data())
def test_mutated_generated_plan_both_ways_agree(data: st.DataObject) -> None:
    plan = data.draw(plans())
    doc = data.draw(mutations(json.dumps(_converter.unstructure(plan), ensure_ascii=False)))
    assert_paths_agree(json.dumps(doc, ensure_ascii=False))


@settings(QUICK, max_examples=12)
@given(mutations(bundled_text()))
def test_mutated_bundled_file_both_ways_agree(doc: Any) -> None:
    assert_paths_agree(json.dumps(doc, ensure_ascii=True))


# --------------------------------------------------------------------- traps


def _base_with(path: list[str | int], raw: str) -> str:
    """The corpus' base plan with the JSON text ``raw`` at ``path``."""
    doc = base_document()
    node: Any = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = "@@here@@"
    return json.dumps(doc, ensure_ascii=False).replace('"@@here@@"', raw)


TRAPS = {
    "bool for an int": (["period", "start_year"], "true"),
    "float for an int": (["period", "start_year"], "2021.0"),
    "string for an int": (["period", "start_year"], '"2021"'),
    "int for a string": (["id"], "7"),
    "string for an array": (["industries", 0, "aliases"], '"abc"'),
    "object for an array": (["industries", 0, "aliases"], '{"a": 1}'),
    "null for a required value": (["id"], "null"),
    "lone surrogate": (["id"], '"\\ud800"'),
    "NaN": (["period", "start_year"], "NaN"),
    "Infinity for a number": (["period", "start_year"], "Infinity"),
    "2**53": (["period", "start_year"], str(2**53)),
    "an integer too long to read": (["period", "start_year"], "9" * 5000),
    "a date with a time": (["data_as_of"], '"2026-11-28T00:00:00"'),
    "a date that is not a calendar date": (["data_as_of"], '"2026-02-30"'),
    "an enum value in the wrong case": (["industries", 0, "tier"], '"Leading"'),
    "an unknown source": (["titles", 0, "citations", 0, "source_id"], '"nowhere"'),
    "a year out of range": (["period", "start_year"], "1800"),
    "a schema version not read here": (["schema_version"], "2"),
    "deep nesting": (["id"], "[" * 100_000 + "]" * 100_000),
}


@pytest.mark.parametrize("trap", TRAPS, ids=list(TRAPS))
def test_trap_is_refused_by_both_paths(trap: str) -> None:
    path, raw = TRAPS[trap]
    assert not assert_paths_agree(_base_with(path, raw))


def test_extra_and_duplicate_keys_are_refused_by_both_paths() -> None:
    text = json.dumps(base_document(), ensure_ascii=False)
    assert not assert_paths_agree(text.replace('"id": ', '"colour": 1, "id": ', 1))
    assert not assert_paths_agree(text.replace('"id": ', '"id": "p2", "id": ', 1))


def test_fast_converter_uses_the_detailed_converters_leaf_hooks() -> None:
    import datetime as dt

    slow, quick = _converter._converter(), _converter._fast_converter()
    for type_ in (str, int, float, bool, dt.date):
        assert quick.get_structure_hook(type_) is slow.get_structure_hook(type_)


def test_size_limit_counts_the_utf8_bytes_of_text() -> None:
    text = json.dumps(base_document(), ensure_ascii=False)
    size = len(text.encode("utf-8"))
    assert len(text) < size - 1  # Chinese names: fewer characters than bytes
    with pytest.raises(sp.PlanDataError, match="larger than the limit"):
        sp.loads(text, max_bytes=size - 1)
    assert sp.loads(text, max_bytes=size) == sp.loads(text.encode("utf-8"), max_bytes=size)


def test_strings_are_checked_for_lone_surrogates_however_they_arrive() -> None:
    # Bytes decoded from UTF-8 cannot hold a lone surrogate, so the fast path checks
    # strings one by one only when the text has a \u escape or did not come as bytes.
    text = json.dumps(base_document(), ensure_ascii=False)
    raw_surrogate = text.replace('"summary": "', '"summary": "\ud800', 1)  # str only
    escaped = text.replace('"summary": "', '"summary": "\\ud800', 1)
    harmless_escape = text.replace('"summary": "', '"summary": "caf\\u00e9 ', 1)
    assert text not in (raw_surrogate, escaped, harmless_escape)
    assert not assert_paths_agree(raw_surrogate)
    assert not assert_paths_agree(escaped)
    assert not assert_paths_agree(escaped.encode("utf-8"))
    assert assert_paths_agree(harmless_escape)
    assert assert_paths_agree(harmless_escape.encode("utf-8"))
    assert sp.loads(harmless_escape.encode("utf-8")).summary.startswith("café ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"plain"', False),
        ('"caf\\u00e9"', True),
        ('"a \\\\u00e9"', False),  # an escaped backslash, then the letters "u00e9"
        ('"a \\\\\\u00e9"', True),  # an escaped backslash, then an escape
        ('"\\"\\n\\t\\/"', False),
        ('["\\n", "\\\\", "\\ud800"]', True),
        ('"ends with \\\\"', False),
    ],
)
def test_u_escapes_are_found_by_stepping_over_escapes(text: str, expected: bool) -> None:
    assert json.loads(text) is not None  # valid JSON, as the fast path has parsed it
    assert loading._has_u_escape(text) is expected
    assert loading._has_u_escape(text) is ("\\u" in text.replace("\\\\", "//"))


def test_a_lone_surrogate_after_an_escaped_backslash_is_found_in_bytes() -> None:
    text = json.dumps(base_document(), ensure_ascii=False)
    tricky = text.replace('"summary": "', '"summary": "\\\\\\ud800', 1)  # \\ then \ud800
    harmless = text.replace('"summary": "', '"summary": "\\\\ud800', 1)  # \\ then "ud800"
    assert not assert_paths_agree(tricky.encode("utf-8"))
    assert assert_paths_agree(harmless.encode("utf-8"))
    assert sp.loads(harmless.encode("utf-8")).summary.startswith("\\ud800")
