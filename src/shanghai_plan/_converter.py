"""The package's one private cattrs converter, built lazily on first use.

It structures every plan file, the bundled one included, and unstructures records for
export; nobody else in the package structures or unstructures by hand, and nothing here
generates code (cattrs generates each class's hook, as it does for any attrs class).
It is strict where cattrs is lax by default: unknown keys are errors, strings are not
numbers, numbers are not strings, ``true`` is not ``1``, a string is not a tuple of
characters, dates are ``YYYY-MM-DD`` and nothing else, and enum values must be spelled
exactly.  Its validation errors become :class:`~shanghai_plan.errors.PlanDataError`
problems that carry JSON paths (``$.targets[2].quantity.value``).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import math
import re
import reprlib
import types
from collections.abc import Iterator
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar, Union, get_args, get_origin

import attrs

from .errors import DataProblem, printable
from .model import _Vocabulary

if TYPE_CHECKING:
    from cattrs import Converter

__all__ = [
    "MAX_MAGNITUDE",
    "OversizedInt",
    "budgeted",
    "count_problems",
    "iter_problems",
    "parse_int",
    "path_key",
    "problems_from_exception",
    "structure",
    "unstructure",
]

T = TypeVar("T")


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)

MAX_MAGNITUDE = 2**53
"""Numbers (quantity and observation values) must stay below this in magnitude.

The model stores them as floats, which hold every integer only up to 2**53; a larger
integer would be silently rounded on load.  No figure in a regional plan comes near it
(China's annual GDP is about 1.3e14 yuan), so anything larger is a typo, not data.
"""

# Containers are described through reprlib so that a deeply nested or huge value can
# neither overflow the stack nor build a huge string just to be cut to 60 characters.
_CONTAINER_REPR = reprlib.Repr()
_CONTAINER_REPR.maxlevel = 3
_CONTAINER_REPR.maxstring = 60
_CONTAINER_REPR.maxother = 60


class OversizedInt:
    """An integer literal too long for ``int()`` (see ``sys.get_int_max_str_digits``).

    The JSON parser keeps such a literal as this marker, so the converter can report it
    at its JSON path instead of the parser failing with no location.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"{self.text[:20]}...({len(self.text.lstrip('-'))} digits)"


def parse_int(text: str) -> int | OversizedInt:
    """``parse_int`` for :func:`json.loads`: an int, or :class:`OversizedInt` when too long."""
    try:
        return int(text)
    except ValueError:
        return OversizedInt(text)


def _describe(value: object) -> str:
    text = _CONTAINER_REPR.repr(value) if isinstance(value, (list, dict)) else repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{_json_type(value)} {text}"


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float, OversizedInt)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
"""Unicode categories no text in a plan may hold: control characters (C0, DEL, C1),
format characters (bidirectional overrides and isolates, zero-width spaces and joiners,
the byte order mark, soft hyphens) and line or paragraph separators.  A line feed and a
tab are the exceptions: prose may run over lines."""


def _structure_str(value: object, _: type) -> str:
    if value.__class__ is not str:
        raise TypeError(f"expected a string, got {_describe(value)}")
    # Printable text holds no surrogate and no control, format or separator character:
    # only text that is not (a line feed, a no-break space, rare) is looked at closely.
    if not value.isprintable():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:  # a lone surrogate such as "\\ud800"
            bad = value[exc.start]
            raise ValueError(
                f"not valid Unicode text: lone surrogate {bad!r} at character {exc.start}"
            ) from None
        _check_characters(value)
    if not value.strip():
        raise ValueError("text must not be blank (leave an optional field out instead)")
    return value


def _check_characters(value: str) -> None:
    import unicodedata

    for index, char in enumerate(value):
        if char in "\n\t":
            continue
        if unicodedata.category(char) in _REFUSED_CATEGORIES:
            raise ValueError(
                f"text holds the invisible or control character {char!r} at character "
                f"{index} (U+{ord(char):04X}, {unicodedata.name(char, 'unnamed')})"
            )


def _too_large(value: object) -> ValueError:
    return ValueError(
        f"number too large: the magnitude must stay below 2**53 ({MAX_MAGNITUDE:,}), "
        f"got {_describe(value)}"
    )


def _structure_int(value: object, _: type) -> int:
    if value.__class__ is OversizedInt:
        raise _too_large(value)
    if value.__class__ is not int:
        raise TypeError(f"expected an integer, got {_describe(value)}")
    return value


def _structure_float(value: object, _: type) -> float:
    if value.__class__ is OversizedInt:
        raise _too_large(value)
    if value.__class__ is not int and value.__class__ is not float:
        raise TypeError(f"expected a number, got {_describe(value)}")
    if value.__class__ is int and abs(value) >= MAX_MAGNITUDE:  # before float() rounds it
        raise _too_large(value)
    result = float(value)
    if not math.isfinite(result):
        raise ValueError(f"expected a finite number, got {value!r}")
    if abs(result) >= MAX_MAGNITUDE:
        raise _too_large(value)
    return result


def _structure_bool(value: object, _: type) -> bool:
    if value.__class__ is not bool:
        raise TypeError(f"expected true or false, got {_describe(value)}")
    return value


def _structure_date(value: object, _: type) -> dt.date:
    if value.__class__ is not str or not _DATE.fullmatch(value):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {_describe(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"not a calendar date: {value!r}") from None


def _unstructure_float(value: float) -> float | int:
    # 8.5e11 is written as 850000000000, as a person would write it in the file.
    if value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _unstructure_vocabulary(member: _Vocabulary) -> str:
    return str.__str__(member)


def _structure_vocabulary(value: object, cls: type[_Vocabulary]) -> Enum:
    return _enum_hook(cls)(value, cls)  # type: ignore[no-any-return]


@functools.cache
def _enum_hook(enum_type: type[Enum]) -> Any:
    by_value: dict[object, Enum] = {member.value: member for member in enum_type}
    allowed = ", ".join(repr(v) for v in by_value)

    def structure_enum(value: object, _: type) -> Enum:
        try:
            return by_value[value]
        except (KeyError, TypeError):
            raise ValueError(f"expected one of {allowed}; got {_describe(value)}") from None

    return structure_enum


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


class _Budget:
    """How many more problems structuring may collect before it stops (see
    :func:`budgeted`); one per call, so that threads do not share it."""

    __slots__ = ("left", "stopped")

    def __init__(self, left: int) -> None:
        self.left = left
        self.stopped = False


_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "shanghai_plan_budget", default=None
)


@contextlib.contextmanager
def budgeted(limit: int) -> Iterator[_Budget]:
    """Within this block, :func:`structure` stops going through an array once ``limit``
    problems have been found; ``.stopped`` then says that the rest went unchecked."""
    budget = _Budget(limit)
    token = _budget.set(budget)
    try:
        yield budget
    finally:
        _budget.reset(token)


def count_problems(exc: BaseException) -> int:
    """How many problems :func:`problems_from_exception` makes of ``exc``."""
    from cattrs.errors import BaseValidationError, ForbiddenExtraKeysError

    if isinstance(exc, ForbiddenExtraKeysError):
        return len(exc.extra_fields)
    if isinstance(exc, BaseValidationError):
        return sum(count_problems(sub) for sub in exc.exceptions)
    return 1


def _tuple_hook(type_: Any, converter: Converter) -> Any:
    """``tuple[X, ...]``: a JSON array only (cattrs would take a string for a tuple of
    characters), each item by ``X``'s hook, every bad item named by its index as cattrs'
    own list hook does, and no further once the problem budget is spent."""
    from cattrs.errors import IterableValidationError, IterableValidationNote

    element = get_args(type_)[0]
    hook = converter.get_structure_hook(element)

    def structure_tuple(value: object, _: type) -> tuple[Any, ...]:
        if value.__class__ is not list:
            raise TypeError(f"expected an array, got {_describe(value)}")
        budget = _budget.get()
        out: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                out.append(hook(item, element))
            except Exception as exc:  # collected, then raised as one group with indexes
                note = IterableValidationNote(
                    f"Structuring {type_} @ index {index}", index, element
                )
                # as cattrs' own list hook does (add_note is Python 3.11+)
                setattr(exc, "__notes__", [*getattr(exc, "__notes__", []), note])  # noqa: B010
                errors.append(exc)
                if budget is not None:
                    budget.left -= count_problems(exc)
                    if budget.left <= 0:
                        budget.stopped = True
                        break
        if errors:
            raise IterableValidationError(f"While structuring {type_!r}", errors, type_)
        return tuple(out)

    return structure_tuple


def _class_hook(cls: Any, converter: Converter) -> Any:
    from cattrs.gen import make_dict_structure_fn

    inner: Any = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )

    def structure_object(value: object, _: type) -> Any:
        if value.__class__ is not dict:
            raise TypeError(f"expected an object, got {_describe(value)}")
        return inner(value, cls)

    return structure_object


@functools.cache
def _converter() -> Converter:
    """The converter: every problem is collected with its JSON path."""
    # The base Converter: every hook the JSON shape needs is registered below, so the
    # preconf.json module is not needed.
    from cattrs import Converter

    conv = Converter(forbid_extra_keys=True, omit_if_default=True)
    # Primitives first: hooks for simpler types must be registered before factories.
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, Enum), _enum_hook
    )
    # The vocabularies are str subclasses; cattrs would take them for str without this.
    conv.register_structure_hook(_Vocabulary, _structure_vocabulary)
    conv.register_structure_hook_factory(_is_optional, _optional_hook)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook)
    conv.register_structure_hook_factory(attrs.has, _class_hook)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(float, _unstructure_float)
    conv.register_unstructure_hook(_Vocabulary, _unstructure_vocabulary)
    conv.register_unstructure_hook_factory(_is_homogeneous_tuple, _tuple_unstructure)
    return conv


def _is_optional(type_: Any) -> bool:
    args = get_args(type_)
    return len(args) == 2 and type(None) in args and get_origin(type_) in (types.UnionType, Union)


def _optional_hook(type_: Any, converter: Converter) -> Any:
    """``X | None``: None, or the value by ``X``'s hook, looked up once."""
    inner = next(a for a in get_args(type_) if a is not type(None))
    hook = converter.get_structure_hook(inner)

    def structure_optional(value: object, _: type) -> Any:
        return None if value is None else hook(value, inner)

    return structure_optional


def _tuple_unstructure(type_: Any, converter: Converter) -> Any:
    element = get_args(type_)[0]
    hook = converter.get_unstructure_hook(element)
    return lambda value: [hook(item) for item in value]


def structure(data: object, cls: type[T]) -> T:
    """Structure JSON-shaped ``data`` into ``cls``.

    Raises the converter's validation exceptions; see :func:`problems_from_exception`.
    """
    return _converter().structure(data, cls)


def unstructure(obj: object) -> Any:
    """Turn a record back into JSON-shaped data (dicts, lists, strings, numbers)."""
    return _converter().unstructure(obj)


def path_key(key: str) -> str:
    """``key`` as written in a JSON path: every character that is not printable (a control
    character, a bidirectional override, a lone surrogate from a ``\\ud800`` escape) is
    written as its escape, so that the path, and the error, can be printed safely."""
    return printable(key)


def problems_from_exception(exc: BaseException, path: str = "$") -> list[DataProblem]:
    """Flatten a cattrs validation exception into problems with JSON paths."""
    return list(iter_problems(exc, path))


def iter_problems(exc: BaseException, path: str = "$") -> Iterator[DataProblem]:
    """The problems of :func:`problems_from_exception`, one at a time (a caller keeps as
    many as it reports)."""
    from cattrs.errors import (
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
    )

    if isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            yield DataProblem(f"{path}.{path_key(key)}", "unknown key")
    elif isinstance(exc, IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            yield from iter_problems(sub, f"{path}[{note.index!r}]")
        for sub in without:
            yield from iter_problems(sub, path)
    elif isinstance(exc, ClassValidationError):
        with_class_notes, without = exc.group_exceptions()
        for sub, class_note in with_class_notes:
            yield from iter_problems(sub, f"{path}.{class_note.name}")
        for sub in without:
            yield from iter_problems(sub, path)
    elif isinstance(exc, KeyError):
        yield DataProblem(path, "required key is missing")
    elif isinstance(exc, (TypeError, ValueError)):
        yield DataProblem(path, str(exc))
    else:  # pragma: no cover - a hook raising something unexpected
        yield DataProblem(path, f"{type(exc).__name__}: {exc}")
