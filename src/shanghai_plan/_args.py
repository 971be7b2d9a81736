"""The argument policy: one set of checks used by every public function.

* A wrong type raises :class:`TypeError` naming the parameter and the type given
  (``year must be an int, not str '2025'``).  ``bool`` is not accepted where an int or a
  number is meant, and a str is never split into characters.
* An enum-valued argument takes the member or its value, case-insensitively, with spaces
  or hyphens for underscores (``"WEAK"``, ``"weak"``, ``Confidence.WEAK``; ``"not met"``);
  anything else raises :class:`~shanghai_plan.InvalidChoiceError` (a ``ValueError``)
  listing the valid values.  A member of another vocabulary is a ``TypeError``.
* A kind of table (``to_records(kind)``) is one of a fixed set of strings, compared the
  same way, with the look-ups' plural rule (``"target"`` is ``"targets"``).
* ``year`` is an int; ``tolerance`` a finite, non-negative number; ``plan`` a
  :class:`~shanghai_plan.Plan` or ``None``.
* A path is a non-empty ``str`` or :class:`os.PathLike`: never an int, which ``open()``
  would take for a file descriptor of the process (``write_csv(kind, 1)`` would write to
  standard output and then close it).

Each check returns the value in its canonical form, so a function starts with
``year = check_year(year)`` and can then trust it.
"""

from __future__ import annotations

import math
import os
import reprlib
from collections.abc import Sequence
from enum import Enum
from typing import TypeVar

from ._index import singular
from .errors import InvalidChoiceError
from .model import Plan

__all__ = [
    "check_bool",
    "check_choice",
    "check_int",
    "check_literal",
    "check_path",
    "check_plan",
    "check_str",
    "check_tolerance",
    "check_year",
    "wrong_type",
]

E = TypeVar("E", bound=Enum)

_repr = reprlib.Repr()
_repr.maxstring = 40
_repr.maxother = 40


def wrong_type(parameter: str, expected: str, value: object) -> TypeError:
    """The TypeError for ``value`` given where ``expected`` was wanted."""
    return TypeError(
        f"{parameter} must be {expected}, not {type(value).__name__} {_repr.repr(value)}"
    )


def check_str(value: object, parameter: str) -> str:
    """``value`` if it is a str (an enum member counts as its string)."""
    if not isinstance(value, str):
        raise wrong_type(parameter, "a str", value)
    return value


def check_bool(value: object, parameter: str) -> bool:
    """``value`` if it is a bool."""
    if not isinstance(value, bool):
        raise wrong_type(parameter, "a bool", value)
    return value


def check_year(value: object, parameter: str = "year") -> int:
    """``value`` if it is an int (not a bool, not a str)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise wrong_type(parameter, "an int", value)
    return value


def check_tolerance(value: object, parameter: str = "tolerance") -> float:
    """``value`` if it is a finite, non-negative int or float."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise wrong_type(parameter, "a number", value)
    try:
        number = float(value)  # an int beyond the float range overflows
    except OverflowError:
        number = math.inf
    if not math.isfinite(number) or number < 0:
        raise ValueError(f"{parameter} must be a finite number >= 0, not {_repr.repr(value)}")
    return number


def check_int(value: object, parameter: str, low: int, high: int | None = None) -> int:
    """``value`` if it is an int (not a bool) from ``low`` to ``high`` (no upper bound when
    ``high`` is ``None``)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise wrong_type(parameter, "an int", value)
    if value < low or (high is not None and value > high):
        bounds = f">= {low}" if high is None else f"from {low} to {high}"
        raise ValueError(f"{parameter} must be an int {bounds}, not {_repr.repr(value)}")
    return value


def check_path(value: object, parameter: str) -> str | os.PathLike[str]:
    """``value`` if it is a non-empty str or :class:`os.PathLike` naming a str path.

    An int or a bool is refused before anything is opened: ``open()`` would take it for a
    file descriptor and close the process's standard input, output or error afterwards.
    """
    if not isinstance(value, (str, os.PathLike)):
        raise wrong_type(parameter, "a str or os.PathLike", value)
    text = os.fspath(value)
    if not isinstance(text, str):
        raise wrong_type(parameter, "a str or os.PathLike of str", value)
    if not text:
        raise ValueError(f"{parameter} must not be empty")
    return value


def check_plan(value: object) -> Plan | None:
    """``value`` if it is a :class:`~shanghai_plan.Plan` or ``None`` (the bundled plan)."""
    if value is not None and not isinstance(value, Plan):
        raise wrong_type("plan", "a Plan or None", value)
    return value


def _fold(value: str) -> str:
    return "_".join(value.strip().casefold().replace("-", " ").split())


def check_choice(value: object, vocabulary: type[E], parameter: str) -> E:
    """The member of ``vocabulary`` that ``value`` is or names (by value or name, any case)."""
    if isinstance(value, vocabulary):
        return value
    if isinstance(value, Enum) or not isinstance(value, str):
        raise wrong_type(parameter, f"a {vocabulary.__name__} or str", value)
    folded = _fold(value)
    for member in vocabulary:
        if folded in (_fold(str(member.value)), member.name.casefold()):
            return member
    raise InvalidChoiceError(parameter, value, [str(m.value) for m in vocabulary])


def check_literal(value: object, choices: Sequence[str], parameter: str) -> str:
    """The one of ``choices`` that ``value`` names (any case; ``"target"`` names
    ``"targets"`` by the look-ups' plural rule)."""
    if not isinstance(value, str):
        raise wrong_type(parameter, "a str", value)
    folded = singular(_fold(value))
    for choice in choices:
        if singular(_fold(choice)) == folded:
            return choice
    raise InvalidChoiceError(parameter, value, list(choices))
