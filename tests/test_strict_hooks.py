"""The fast strict converter's generated class hooks, on a model made to be awkward.

The plan's own model is covered by ``test_strict_fast_path``; this model has what it
lacks, so that the code generator is held to the detailed converter's answers there too:
a private field (JSON key ``_secret``, keyword ``secret``), a factory default, an enum
member as a default, a default the field's own test would refuse, a field that is not
in ``__init__``, optional nested records, floats and dates.  For every input both
converters must agree: the fast one accepts exactly what the detailed one accepts, and
builds an equal record with the same types throughout.
"""

import datetime as dt
import json
from enum import Enum
from typing import Any

import attrs
import pytest
from cattrs.errors import BaseValidationError

from shanghai_plan import _converter, loading
from tests.test_strict_fast_path import shape


class Mood(Enum):
    CALM = "calm"
    ANGRY = "angry"


@attrs.frozen(kw_only=True)
class Note:
    source_id: str
    locator: str


@attrs.frozen(kw_only=True)
class Leaf:
    label: str
    count: int = 0


@attrs.frozen(kw_only=True)
class Odd:
    _secret: str
    tags: tuple[str, ...] = attrs.Factory(tuple)
    numbers: tuple[int, ...] = ()
    mood: Mood = Mood.CALM
    maybe_mood: Mood | None = None
    flag: bool = False
    place: str = "Shanghai"
    lax: str = None  # type: ignore[assignment]  # a default its own test would refuse
    leaf: Leaf | None = None
    leaves: tuple[Leaf, ...] = ()
    notes: tuple[Note, ...] = ()
    ratio: float | None = None
    day: dt.date | None = None
    shares: tuple[float, ...] = ()
    days: tuple[dt.date, ...] | None = None
    hidden: int = attrs.field(init=False, default=3)


FULL: dict[str, Any] = {
    "_secret": "s",
    "tags": ["a", "b"],
    "numbers": [1, 2],
    "mood": "angry",
    "maybe_mood": None,
    "flag": True,
    "place": "Pudong",
    "lax": "given",
    "leaf": {"label": "x", "count": 2},
    "leaves": [{"label": "y"}, {"label": "z", "count": 0}],
    "notes": [{"source_id": "s1", "locator": "§1"}],
    "ratio": 3,
    "day": "2025-12-31",
    "shares": [1, 2.5],
    "days": ["2021-01-01"],
}

GOOD = {
    "everything": FULL,
    "only the required key": {"_secret": "s"},
    "nulls where allowed": {"_secret": "s", "leaf": None, "ratio": None, "day": None},
    "an enum given as null where allowed": {"_secret": "s", "maybe_mood": None},
    "empty arrays": {"_secret": "s", "tags": [], "leaves": [], "notes": []},
}

BAD = {
    "the key by its keyword": {"secret": "s"},
    "a required key missing": {},
    "a field that is not in __init__": {"_secret": "s", "hidden": 4},
    "an unknown key": {"_secret": "s", "colour": "red"},
    "an int for a string": {"_secret": 1},
    "null for a required string": {"_secret": None},
    "null for a default the test refuses": {"_secret": "s", "lax": None},
    "true for an int": {"_secret": "s", "leaf": {"label": "x", "count": True}},
    "an int for a bool": {"_secret": "s", "flag": 1},
    "a string for an array": {"_secret": "s", "tags": "ab"},
    "a mixed array": {"_secret": "s", "numbers": [1, "2"]},
    "a bool in an int array": {"_secret": "s", "numbers": [1, True]},
    "null for an enum": {"_secret": "s", "mood": None},
    "an enum in the wrong case": {"_secret": "s", "mood": "Calm"},
    "an enum by its member name": {"_secret": "s", "mood": "CALM"},
    "an array for an enum": {"_secret": "s", "mood": ["calm"]},
    "an object for a record array": {"_secret": "s", "leaves": {"label": "y"}},
    "a citation without its locator": {"_secret": "s", "notes": [{"source_id": "s1"}]},
    "a citation with one key more": {
        "_secret": "s",
        "notes": [{"source_id": "s1", "locator": "§1", "page": "2"}],
    },
    "a number in a citation": {"_secret": "s", "notes": [{"source_id": "s1", "locator": 1}]},
    "a string for a float": {"_secret": "s", "ratio": "3"},
    "a date with a time": {"_secret": "s", "day": "2025-12-31T00:00"},
    "a string among floats": {"_secret": "s", "shares": [1.5, "2"]},
    "a float for an array of floats": {"_secret": "s", "shares": 1.5},
    "a date array holding a number": {"_secret": "s", "days": [2021]},
    "an array for a nested record": {"_secret": "s", "leaf": [{"label": "x"}]},
}


def parsed(text: str) -> Any:
    """``text`` parsed as the fast path parses it (a key given twice refused)."""
    return json.loads(text, object_pairs_hook=loading._unique_keys)


def detailed(doc: Any) -> Odd | None:
    try:
        return _converter.structure(doc, Odd)
    except (BaseValidationError, TypeError, ValueError):
        return None


def fast(text: str, check_text: bool = False) -> Odd | None:
    try:
        return _converter.structure_fast(parsed(text), Odd, check_text=check_text)
    except Exception:  # any failure means "not accepted here", as in loading._build_fast
        return None


@pytest.mark.parametrize("name", GOOD, ids=list(GOOD))
@pytest.mark.parametrize("check_text", [False, True])
def test_good_inputs_build_the_same_record(name: str, check_text: bool) -> None:
    doc = GOOD[name]
    slow = detailed(doc)
    assert slow is not None, "the detailed converter refuses a case meant to be good"
    quick = fast(json.dumps(doc), check_text)
    assert quick == slow
    assert shape(quick) == shape(slow)


def test_defaults_and_private_names_are_the_models() -> None:
    odd = fast(json.dumps({"_secret": "s"}))
    assert odd == Odd(secret="s")
    assert odd is not None
    assert (odd._secret, odd.tags, odd.lax, odd.mood) == ("s", (), None, Mood.CALM)
    full = fast(json.dumps(FULL))
    assert full is not None
    assert (full.mood, full.ratio, type(full.ratio)) == (Mood.ANGRY, 3.0, float)
    assert (full.day, full.leaves[0]) == (dt.date(2025, 12, 31), Leaf(label="y"))
    assert (full.notes, full.hidden) == ((Note(source_id="s1", locator="§1"),), 3)
    assert (full.shares, full.days) == ((1.0, 2.5), (dt.date(2021, 1, 1),))


@pytest.mark.parametrize("name", BAD, ids=list(BAD))
def test_bad_inputs_are_refused_by_both(name: str) -> None:
    doc = BAD[name]
    assert detailed(doc) is None, "the detailed converter accepts a case meant to be bad"
    assert fast(json.dumps(doc)) is None
    assert fast(json.dumps(doc), check_text=True) is None


def test_a_key_given_twice_is_refused_at_every_depth() -> None:
    assert fast('{"_secret": "s", "_secret": "t"}') is None
    assert fast('{"_secret": "s", "leaf": {"label": "x", "label": "y"}}') is None
    assert (
        fast('{"_secret": "s", "notes": [{"source_id": "a", "locator": "b", "locator": "c"}]}')
        is None
    )
    assert fast('{"_secret": "s", "leaf": {"label": "x"}}') is not None


def test_an_array_of_text_records_is_read_in_any_key_order() -> None:
    # Keys in any order; a repeated, unknown or missing key refused.
    in_order = fast('{"_secret": "s", "notes": [{"source_id": "a", "locator": "b"}]}')
    swapped = fast('{"_secret": "s", "notes": [{"locator": "b", "source_id": "a"}]}')
    assert in_order is not None
    assert in_order == swapped
    assert in_order.notes == (Note(source_id="a", locator="b"),)
    for notes in (
        '{"source_id": "a", "source_id": "b"}',
        '{"locator": "a", "locator": "b"}',
        '{"locator": "b", "source_id": "a", "locator": "c"}',
        '{"source_id": "a", "page": "b"}',
        '{"source_id": "a"}',
        "[]",
    ):
        assert fast(f'{{"_secret": "s", "notes": [{notes}]}}') is None, notes


def test_lone_surrogates_are_refused_only_when_text_is_checked() -> None:
    for doc in (
        {"_secret": "\ud800"},
        {"_secret": "s", "tags": ["\udfff"]},
        {"_secret": "s", "lax": "\ud800"},
        {"_secret": "s", "notes": [{"source_id": "s1", "locator": "\ud800"}]},
        {"_secret": "s", "leaf": {"label": "\ud800"}},
    ):
        text = json.dumps(doc)
        assert detailed(doc) is None
        assert fast(text, check_text=True) is None
        # Unchecked, the caller promises there is none (text decoded from UTF-8 bytes
        # with no \u escape); the record is built as it is.
        assert fast(text, check_text=False) is not None


def test_a_default_that_takes_self_is_refused_when_the_hook_is_made() -> None:
    @attrs.frozen(kw_only=True)
    class Mirror:
        a: str
        b: str = attrs.Factory(lambda self: self.a, takes_self=True)

    with pytest.raises(NotImplementedError, match=r"Mirror\.b: a default that takes self"):
        _converter._fast_converter(False).get_structure_hook(Mirror)


def test_the_fast_converter_leaves_its_input_as_it_was() -> None:
    doc = parsed(json.dumps(FULL))
    before = json.dumps(doc)
    assert _converter.structure_fast(doc, Odd, check_text=True) == detailed(FULL)
    assert json.dumps(doc) == before
    assert _converter.structure_fast(doc, Odd, check_text=True) == detailed(FULL)


def test_the_generated_code_names_its_class_in_a_traceback() -> None:
    hook = _converter._fast_converter(False).get_structure_hook(Leaf)
    with pytest.raises(KeyError) as info:
        hook({"count": 1}, Leaf)
    assert "<shanghai_plan strict Leaf>" in {str(entry.path) for entry in info.traceback}
