"""Reading plan files: the bundled plan (cached) and a user's own files (validated).

The bundled JSON is read only through ``importlib.resources.files()``, never through a
path string, so the package works from a wheel, a zip or a frozen application.  Nothing
here runs at import time.
"""

import os
import threading
from typing import Any

from .errors import DataProblem, PlanDataError
from .model import Plan

__all__ = ["BUNDLED_RESOURCE", "DEFAULT_MAX_BYTES", "load", "loads", "read_bundled_bytes"]

BUNDLED_RESOURCE = "data/plan.json"
"""Where the bundled plan lives inside the package."""

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
"""Largest plan file :func:`load` and :func:`loads` accept unless told otherwise (16 MiB)."""

_lock = threading.Lock()
_bundled: Plan | None = None


def read_bundled_bytes() -> bytes:
    """The raw bytes of the bundled plan file."""
    from importlib.resources import files

    return files(__package__).joinpath(BUNDLED_RESOURCE).read_bytes()


def load(
    path: "str | os.PathLike[str] | None" = None, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Plan:
    """Load a plan.

    With no argument, return the bundled plan; it is built once and the same object is
    returned on every call (it is deeply immutable, so sharing it is safe).  With a
    ``path``, read and validate that file.

    Raises :class:`~shanghai_plan.PlanDataError` naming every problem with its JSON path,
    and :class:`OSError` when the file cannot be read.
    """
    if path is None:
        return _load_bundled()
    with open(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    return loads(data, source=os.fspath(path), max_bytes=max_bytes)


def loads(
    text: str | bytes, *, source: str = "<string>", max_bytes: int = DEFAULT_MAX_BYTES
) -> Plan:
    """Parse and validate a plan from JSON text (``str``, or UTF-8 ``bytes``).

    Raises :class:`~shanghai_plan.PlanDataError` naming every problem with its JSON path;
    ``source`` is used in the message.
    """
    data = _parse(text, source, max_bytes)
    return _build(data, source)


def _load_bundled() -> Plan:
    global _bundled
    plan = _bundled
    if plan is not None:
        return plan
    with _lock:  # built once even when many threads ask at the same moment
        if _bundled is None:
            _bundled = loads(read_bundled_bytes(), source=f"shanghai_plan/{BUNDLED_RESOURCE}")
        return _bundled


def _parse(text: str | bytes, source: str, max_bytes: int) -> Any:
    import json

    if isinstance(text, (bytes, bytearray, memoryview)):
        raw = bytes(text)
        if len(raw) > max_bytes:
            raise PlanDataError([DataProblem("$", _too_big(len(raw), max_bytes))], source)
        if raw.startswith(b"\xef\xbb\xbf"):
            raise PlanDataError(
                [DataProblem("$", "file starts with a UTF-8 byte order mark")], source
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            msg = f"not valid UTF-8 at byte {exc.start}: {exc.reason}"
            raise PlanDataError([DataProblem("$", msg)], source) from None
    elif isinstance(text, str):
        if len(text) > max_bytes:  # cheap upper bound first, exact count only when needed
            size = len(text.encode("utf-8", "surrogatepass"))
            if size > max_bytes:
                raise PlanDataError([DataProblem("$", _too_big(size, max_bytes))], source)
        if text.startswith("\ufeff"):
            raise PlanDataError([DataProblem("$", "text starts with a byte order mark")], source)
    else:
        raise TypeError(f"loads() takes str or bytes, not {type(text).__name__}")

    def no_constants(name: str) -> Any:
        raise ValueError(f"{name} is not valid JSON")

    try:
        return json.loads(text, parse_constant=no_constants)
    except json.JSONDecodeError as exc:
        msg = f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        raise PlanDataError([DataProblem("$", msg)], source) from None
    except ValueError as exc:  # NaN / Infinity
        raise PlanDataError([DataProblem("$", str(exc))], source) from None
    except RecursionError:
        raise PlanDataError([DataProblem("$", "JSON nested too deeply")], source) from None


def _too_big(size: int, limit: int) -> str:
    return (
        f"file is larger than the limit of {limit:,} bytes (got at least {size:,}); "
        "pass max_bytes= to raise it"
    )


def _build(data: Any, source: str) -> Plan:
    from cattrs.errors import BaseValidationError

    from . import _converter, _integrity

    if data.__class__ is not dict:
        raise PlanDataError([DataProblem("$", "expected a JSON object at the top level")], source)
    try:
        plan = _converter.structure(data, Plan)
    except BaseValidationError as exc:
        raise PlanDataError(_converter.problems_from_exception(exc), source) from None
    except (TypeError, ValueError) as exc:
        raise PlanDataError(_converter.problems_from_exception(exc), source) from None
    except RecursionError:
        raise PlanDataError([DataProblem("$", "JSON nested too deeply")], source) from None
    problems = _integrity.check(plan)
    if problems:
        raise PlanDataError(problems, source)
    return plan
