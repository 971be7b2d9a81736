"""The exceptions shanghai_plan raises.

``ShanghaiPlanError`` is the root.  ``PlanDataError`` (also a ``ValueError``) means a plan
file is malformed; its ``errors`` name its problems (the first 100) with their JSON paths.
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


def printable(text: str) -> str:
    """``text`` with every character that is not printable written as its Python escape
    (``\\x1b``, ``\\u202e``, ``\\x00``, a lone surrogate as ``\\ud800``), so that nothing in
    a plan file can move a terminal's cursor, colour it, reorder its text or hide a link
    when a message is printed or logged.  Printable text (Chinese included) is unchanged."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class PlanDataError(ShanghaiPlanError, ValueError):
    """A plan file (bundled or a user's own) is not valid.

    ``errors`` lists the problems found, each with its JSON path, at most
    :data:`~shanghai_plan.loading.MAX_PROBLEMS` of them; ``more`` counts the problems found
    beyond those (not kept), and ``complete`` is ``False`` when checking stopped at the
    limit, so that the file may hold more still.  ``source`` names the file or
    ``"<string>"``.  No partially built plan is ever returned.  The message escapes every
    character that is not printable, in paths and in the source name alike.
    """

    def __init__(
        self,
        errors: tuple[DataProblem, ...] | list[DataProblem],
        source: str,
        more: int = 0,
        complete: bool = True,
    ) -> None:
        self.errors: tuple[DataProblem, ...] = tuple(errors)
        self.source = source
        self.more = more
        self.complete = complete
        count = len(self.errors) + more
        at_least = "" if complete else "at least "
        plural = "s" if count != 1 else ""
        head = f"{printable(source)}: {at_least}{count} problem{plural} in plan data"
        shown = [f"  {printable(str(p))}" for p in self.errors[:20]]
        if count > 20:
            kept = (
                " (see .errors)" if not more else f" (.errors keeps the first {len(self.errors)})"
            )
            shown.append(f"  … and {at_least}{count - 20} more{kept}")
        if not complete:
            shown.append("  checking stopped there: fix these and load again to see the rest")
        super().__init__("\n".join([head, *shown]))

    def __reduce__(
        self,
    ) -> tuple[type[PlanDataError], tuple[tuple[DataProblem, ...], str, int, bool]]:
        return (type(self), (self.errors, self.source, self.more, self.complete))


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
