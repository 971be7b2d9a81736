"""The exceptions shanghai_plan raises.

``ShanghaiPlanError`` is the root.  ``PlanDataError`` (also a ``ValueError``) means a plan
file is malformed; its ``errors`` name every problem with its JSON path.
``NotFoundError`` (also a ``LookupError``) means a key matched nothing; it names close
matches of the same kind.  ``InvalidChoiceError`` (also a ``ValueError``) means an
argument is not one of the values it can take; it lists them.  An argument of the wrong
type raises the built-in ``TypeError``, naming the parameter and the type given.
"""

from __future__ import annotations

from attrs import frozen

__all__ = [
    "DataProblem",
    "InvalidChoiceError",
    "MissingDependencyError",
    "NotFoundError",
    "PlanDataError",
    "ShanghaiPlanError",
]


class ShanghaiPlanError(Exception):
    """Base class of every exception raised on purpose by shanghai_plan."""


@frozen
class DataProblem:
    """One problem in a plan file: where it is (a JSON path such as
    ``$.targets[2].quantity.value``) and what is wrong.  Immutable, compared and hashed
    by value, like the records."""

    path: str
    """The JSON path of the value at fault (``$`` for the whole file)."""
    message: str
    """What is wrong, in words."""

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class PlanDataError(ShanghaiPlanError, ValueError):
    """A plan file (bundled or a user's own) is not valid.

    ``errors`` lists every problem found, each with its JSON path; ``source`` names the
    file or ``"<string>"``.  No partially built plan is ever returned.
    """

    def __init__(self, errors: tuple[DataProblem, ...] | list[DataProblem], source: str) -> None:
        self.errors: tuple[DataProblem, ...] = tuple(errors)
        self.source = source
        count = len(self.errors)
        head = f"{source}: {count} problem{'s' if count != 1 else ''} in plan data"
        shown = [f"  {p}" for p in self.errors[:20]]
        if count > 20:
            shown.append(f"  … and {count - 20} more (see .errors)")
        super().__init__("\n".join([head, *shown]))

    def __reduce__(self) -> tuple[type[PlanDataError], tuple[tuple[DataProblem, ...], str]]:
        return (type(self), (self.errors, self.source))


class NotFoundError(ShanghaiPlanError, LookupError):
    """A look-up key matched nothing.  ``key`` is what was asked for, ``kind`` what kind of
    record was looked for, and ``suggestions`` the closest existing keys."""

    def __init__(self, kind: str, key: str, suggestions: tuple[str, ...] | list[str] = ()) -> None:
        self.kind = kind
        self.key = key
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        message = f"no {kind} matches {key!r}"
        if self.suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message)

    def __str__(self) -> str:  # LookupError would otherwise quote like KeyError; keep it plain
        return str(self.args[0])

    def __reduce__(self) -> tuple[type[NotFoundError], tuple[str, str, tuple[str, ...]]]:
        return (type(self), (self.kind, self.key, self.suggestions))


class InvalidChoiceError(ShanghaiPlanError, ValueError):
    """An argument is not one of the values it can take (``kind="numeric"``).

    ``parameter`` names the argument, ``value`` is what was given and ``choices`` the
    values it accepts (compared case-insensitively).
    """

    def __init__(self, parameter: str, value: str, choices: tuple[str, ...] | list[str]) -> None:
        self.parameter = parameter
        self.value = value
        self.choices: tuple[str, ...] = tuple(choices)
        shown = ", ".join(repr(c) for c in self.choices)
        super().__init__(f"{parameter} must be one of {shown}; got {value!r}")

    def __reduce__(self) -> tuple[type[InvalidChoiceError], tuple[str, str, tuple[str, ...]]]:
        return (type(self), (self.parameter, self.value, self.choices))


class MissingDependencyError(ShanghaiPlanError, ImportError):
    """An optional feature needs a package that is not installed; the message names the
    extra to install (e.g. ``pip install 'shanghai-plan[pandas]'``)."""

    def __init__(self, feature: str, package: str, extra: str) -> None:
        self.feature = feature
        self.package = package
        self.extra = extra
        super().__init__(
            f"{feature} needs {package}, which is not installed; "
            f"install it with: pip install 'shanghai-plan[{extra}]'",
            name=package,
        )
