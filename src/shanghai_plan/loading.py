"""Reading plan files: the bundled plan (cached) and a user's own files (validated).

The bundled JSON is read only through ``importlib.resources.files()``, never through a
path string, so the package works from a wheel, a zip or a frozen application.  Nothing
here runs at import time.

A user's plan file (:func:`load` with a path, :func:`loads`) passes three stages of
checks.  Each stage reports the problems it finds, each with its JSON path, in one
:class:`~shanghai_plan.PlanDataError` (at most :data:`MAX_PROBLEMS` of them kept, the
rest counted); a later stage runs only when the earlier ones let
it (types must be right before references can be followed):

1. the text: at most ``max_bytes`` (:data:`DEFAULT_MAX_BYTES` unless told otherwise),
   UTF-8 without a byte order mark, one JSON value without NaN or Infinity, not nested
   deeper than :data:`MAX_JSON_DEPTH` (checked before parsing).  These are reported at
   ``$`` with a line and column where there is one.  A key given twice in one object is
   reported at its path, and checking goes on;
2. the shape: an object at the top, every required key present, no unknown key, every
   value of its declared type with no coercion, enum values spelled exactly, dates as
   ``YYYY-MM-DD`` calendar dates, numbers finite and below 2**53 in magnitude, text valid
   Unicode (no lone surrogates), never blank, and without control, format or separator
   characters (a line feed and a tab excepted);
3. the content: ids unique lowercase ASCII slugs, every reference (source, industry, indicator,
   document, target, observation, conflict side, record) resolves (a target continues
   only targets due before it), years and dates within
   1949–2100, no negative amount where the unit forbids one, shares within 0–100,
   ``schema_version`` 1, and the other cross-record rules of ``_integrity``.

The bundled plan is structured by the same converter (stage 2); it skips the content
checks and the parser's duplicate-key check at run time because the test suite runs every
stage over exactly the bytes that ship (see ``_build_bundled``).

Nothing else escapes from :func:`load` and :func:`loads` (apart from :class:`OSError`
when a file cannot be read and :class:`TypeError` for an argument that is not text), and
no partly built plan is ever returned.  Plan files are only ever parsed as JSON: nothing
in them is evaluated, imported or unpickled.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import gc
import itertools
import os
import stat
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

from ._args import check_int, check_path, check_str
from .errors import DataProblem, PlanDataError
from .model import Plan

if TYPE_CHECKING:
    import re

__all__ = [
    "BUNDLED_RESOURCE",
    "DEFAULT_MAX_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_NESTING",
    "MAX_PROBLEMS",
    "load",
    "loads",
    "read_bundled_bytes",
]

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


def load(path: str | os.PathLike[str] | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Plan:
    """Load a plan.

    With no argument, return the bundled plan; it is built once and the same object is
    returned on every call (it is deeply immutable, so sharing it is safe).  With a
    ``path``, read and validate that file.

    Raises :class:`~shanghai_plan.PlanDataError` naming every problem with its JSON path
    (see the module documentation for what is checked), and :class:`OSError` when the file
    cannot be read or is not a regular file (a directory, a FIFO, a device: refused
    without blocking).  ``max_bytes`` caps the size of the file (16 MiB by default); it
    is an int >= 0 (:class:`TypeError` or :class:`ValueError` naming it otherwise), and
    ``path`` a non-empty str or :class:`os.PathLike`, never a file descriptor.
    """
    max_bytes = check_int(max_bytes, "max_bytes", 0)
    if path is None:
        return _load_bundled()
    path = check_path(path, "path")  # an int is not a file descriptor here
    with _open_regular(path) as fh:
        # One byte more than allowed is enough to tell that the file is too big.
        data = _read_at_most(fh, max_bytes + 1)
    return loads(data, source=os.fspath(path), max_bytes=max_bytes)


def _open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """``path`` opened for reading, or :class:`OSError` when it is not a regular file.

    Opened without blocking, then checked on the open file (no race with a rename): a
    FIFO with no writer would otherwise block :func:`open` for ever, and a directory or a
    device is no plan file.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory, not a plan file", path)
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "not a regular file (a FIFO, socket or device)", path)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def _read_at_most(fh: BinaryIO, limit: int) -> bytes:
    # In chunks: read(limit) would allocate ``limit`` bytes up front, which fails for a
    # large limit ("no limit") and wastes memory for the default one.
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = fh.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def loads(
    text: str | bytes, *, source: str = "<string>", max_bytes: int = DEFAULT_MAX_BYTES
) -> Plan:
    """Parse and validate a plan from JSON text (``str``, or UTF-8 ``bytes``).

    Raises :class:`~shanghai_plan.PlanDataError` naming every problem with its JSON path
    (see the module documentation for what is checked); ``source`` is used in the
    message.  ``max_bytes`` caps the size of the UTF-8 text (16 MiB by default).
    """
    max_bytes = check_int(max_bytes, "max_bytes", 0)
    source = check_str(source, "source")
    with _gc_paused():
        decoded, raw = _decode(text, source, max_bytes)
        data, problems, more = _parse(decoded, raw, source)
        return _build(data, source, problems, more)


def _load_bundled() -> Plan:
    global _bundled
    plan = _bundled
    if plan is not None:
        return plan
    with _lock:  # built once even when many threads ask at the same moment
        if _bundled is None:
            _bundled = _build_bundled()
        return _bundled


def _build_bundled() -> Plan:
    """The bundled plan, structured by the one converter without the content checks.

    The test suite runs every check of :func:`loads` (the text, the shape and the
    content) over exactly the bytes that ship (``tests/test_data_integrity.py``, run
    in the source tree and against the installed wheel), so at run time the bytes are
    parsed as they are and structured by the converter, which still refuses any value
    of the wrong type or an unknown key.  Should that fail (a damaged installation),
    the bytes go through :func:`loads`, which names every problem with its path.
    """
    import json

    from . import _converter

    raw = read_bundled_bytes()
    try:
        with _gc_paused():
            return _converter.structure(json.loads(raw), Plan)
    except Exception:  # loads() below says what is wrong
        pass
    return loads(raw, source=f"shanghai_plan/{BUNDLED_RESOURCE}")


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a plan.

    A plan is thousands of new objects and no reference cycles; without the pause the
    collector runs again and again over the growing tree, and loading grows faster than
    the file (measured: 1.7× the time per record at 100× the bundled size, 1.1× with it).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


MAX_NESTING = 9
"""The deepest nesting of arrays and objects in a valid plan file.

``$.related_documents[0].events[0].participants[0].citations[0]`` is nine levels deep.
Anything deeper is rejected by the converter with its JSON path (a container where a
string or number belongs), up to :data:`MAX_JSON_DEPTH`.
"""

MAX_PROBLEMS = 100
"""The most problems one :class:`~shanghai_plan.PlanDataError` keeps in ``errors``.

Problems found beyond it are only counted (``PlanDataError.more``), and structuring stops
going through the file's arrays once it is reached (``PlanDataError.complete`` is then
``False``): a 3 MB file of empty records would otherwise collect millions of problems
and gigabytes of memory, for a message that shows 20 of them.
"""

MAX_JSON_DEPTH = 64
"""The deepest nesting of arrays and objects that is parsed at all.

Text nested deeper is refused before it reaches the JSON parser, with the line and column
of the first bracket too deep, so that no input can exhaust the C stack however high the
caller has raised ``sys.setrecursionlimit``.  A valid plan nests :data:`MAX_NESTING`
levels; up to this depth a container where it does not belong is reported at its path.
"""


def _decode(text: str | bytes, source: str, max_bytes: int) -> tuple[str, bytes | None]:
    """``text`` as a ``str``, with its UTF-8 bytes when it came as bytes; or
    :class:`PlanDataError` when it is too large, starts with a byte order mark or is not
    UTF-8 (:class:`TypeError` when it is not text at all)."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        raw = bytes(text)
        if len(raw) > max_bytes:
            raise PlanDataError([DataProblem("$", _too_big(len(raw), max_bytes))], source)
        if raw.startswith(b"\xef\xbb\xbf"):
            raise PlanDataError(
                [DataProblem("$", "file starts with a UTF-8 byte order mark")], source
            )
        try:
            return raw.decode("utf-8"), raw
        except UnicodeDecodeError as exc:
            msg = f"not valid UTF-8 at byte {exc.start}: {exc.reason}"
            raise PlanDataError([DataProblem("$", msg)], source) from None
    if isinstance(text, str):
        # A character is at most 4 bytes of UTF-8: count the bytes only when that bound
        # could exceed the limit.
        if len(text) > max_bytes // 4:
            size = len(text.encode("utf-8", "surrogatepass"))
            if size > max_bytes:
                raise PlanDataError([DataProblem("$", _too_big(size, max_bytes))], source)
        if text.startswith("\ufeff"):
            raise PlanDataError([DataProblem("$", "text starts with a byte order mark")], source)
        return text, None
    raise TypeError(f"loads() takes str or bytes, not {type(text).__name__}")


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _parse(text: str, raw: bytes | None, source: str) -> tuple[Any, list[DataProblem], int]:
    """Parse ``text`` (``raw``: its UTF-8 bytes, when the caller has them); return the
    data, the problems that parsing alone finds (duplicate keys, at most
    :data:`MAX_PROBLEMS`) and how many more of them there were, or raise
    :class:`PlanDataError` when there is no data to go on."""
    import json

    from ._converter import parse_int

    # Before parsing: never rely on the stack.
    where = _too_deep_at(text, MAX_JSON_DEPTH, raw)
    if where is not None:
        line = text.count("\n", 0, where) + 1
        column = where - text.rfind("\n", 0, where)
        msg = (
            f"JSON nested too deeply at line {line} column {column} "
            f"(a plan file nests at most {MAX_NESTING} levels; nothing deeper than "
            f"{MAX_JSON_DEPTH} is parsed)"
        )
        raise PlanDataError([DataProblem("$", msg)], source)
    duplicates: list[tuple[dict[str, Any], str]] = []  # the first MAX_PROBLEMS
    counted = [0]  # every duplicated key, once per object

    def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):  # json.loads would silently keep the last value
            seen: set[str] = set()
            twice: set[str] = set()
            for key, _ in pairs:
                if key in seen and key not in twice:
                    twice.add(key)
                    counted[0] += 1
                    if len(duplicates) < MAX_PROBLEMS:
                        duplicates.append((obj, key))
                seen.add(key)
        return obj

    try:
        data = json.loads(
            text,
            parse_constant=_no_constants,
            parse_int=parse_int,
            object_pairs_hook=no_duplicate_keys,
        )
    except json.JSONDecodeError as exc:
        msg = f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        raise PlanDataError([DataProblem("$", msg)], source) from None
    except ValueError as exc:  # NaN / Infinity
        raise PlanDataError([DataProblem("$", str(exc))], source) from None
    return data, _duplicate_key_problems(data, duplicates), counted[0] - len(duplicates)


@functools.cache
def _brackets() -> re.Pattern[str]:
    """A JSON string (skipped whole, even when it is never closed: the parser stops there
    too) or a bracket.  Compiled on first use; each match moves forward, so a scan is
    linear in the text."""
    import re

    return re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\Z)|[\[\]{}]', re.DOTALL)


_NOT_BRACKETS_OR_QUOTES = bytes(b for b in range(256) if b not in b'[]{}"')


@functools.cache
def _escapes() -> re.Pattern[bytes]:
    """A backslash and the byte after it (compiled on first use)."""
    import re

    return re.compile(rb"\\.", re.DOTALL)


_STEP = [0] * 256
_STEP[ord("[")] = _STEP[ord("{")] = 1
_STEP[ord("]")] = _STEP[ord("}")] = -1


def _too_deep_at(text: str, limit: int, raw: bytes | None = None) -> int | None:
    """The offset in ``text`` of the first ``[`` or ``{`` nested deeper than ``limit``,
    if any (``raw``: the text's UTF-8 bytes, when the caller has them)."""
    if raw is None:
        raw = text.encode("utf-8", "surrogatepass")
    if raw.count(b"[") + raw.count(b"{") <= limit:  # the common small case: no scan
        return None
    # The depth first, in C.  Escapes (a backslash and the byte after it), then every byte
    # but quotes and brackets are deleted (no byte of a multi-byte UTF-8 character is
    # ASCII); every second piece between the quotes left is inside a string (a string
    # never closed runs to the end, as the parser stops there too).  A running sum over
    # the brackets outside strings gives the depth: a few milliseconds for a plan file.
    # Only a file found too deep is scanned again, match by match, for the place to report.
    quotes_and_brackets = _escapes().sub(b"", raw).translate(None, _NOT_BRACKETS_OR_QUOTES)
    brackets = b"".join(quotes_and_brackets.split(b'"')[::2])
    if max(itertools.accumulate(map(_STEP.__getitem__, brackets)), default=0) <= limit:
        return None
    depth = 0
    # Strings are skipped whole (brackets inside them are not nesting), as the parser does.
    for match in _brackets().finditer(text):
        char = match.group()
        if char == "[" or char == "{":
            depth += 1
            if depth > limit:
                return match.start()
        elif char == "]" or char == "}":
            depth -= 1
    return None


def _containers(values: Any, path: str) -> Iterator[tuple[Any, str]]:
    """The objects and arrays among the values of a dict or a list, with their paths."""
    from ._converter import path_key

    if values.__class__ is dict:
        for key, value in values.items():
            if value.__class__ is dict or value.__class__ is list:
                yield value, f"{path}.{path_key(key)}"
    else:
        for index, value in enumerate(values):
            if value.__class__ is dict or value.__class__ is list:
                yield value, f"{path}[{index}]"


def _duplicate_key_problems(
    data: Any, duplicates: list[tuple[dict[str, Any], str]]
) -> list[DataProblem]:
    from ._converter import path_key

    if not duplicates:
        return []
    # The paths of the objects that hold a duplicate key, found by walking the data in
    # the order of the file and stopping once all are known (there are at most
    # MAX_PROBLEMS of them); iterative, as the data may be nested deeper than Python
    # recurses.
    wanted = {id(obj) for obj, _ in duplicates}
    paths: dict[int, str] = {}
    # One lazy iterator per open container: no path is built for a value the walk does
    # not reach, nor for any number or string.
    stack: list[Iterator[tuple[Any, str]]] = [iter([(data, "$")])]
    while stack and wanted:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
            continue
        value, path = item
        if id(value) in wanted:
            paths[id(value)] = path
            wanted.discard(id(value))
        stack.append(_containers(value, path))
    # A dict keeps the first of equal problems in order, in linear time (a key given three
    # times is one problem).
    problems: dict[DataProblem, None] = {}
    for obj, key in duplicates:
        problem = DataProblem(
            f"{paths[id(obj)]}.{path_key(key)}",
            f"duplicate key {key!r}: the key appears more than once in the same object",
        )
        problems[problem] = None
    return list(problems)


def _too_big(size: int, limit: int) -> str:
    return (
        f"file is larger than the limit of {limit:,} bytes (got at least {size:,}); "
        "pass max_bytes= to raise it"
    )


def _build(data: Any, source: str, problems: list[DataProblem], more: int) -> Plan:
    """The plan in ``data``, or :class:`PlanDataError` with ``problems`` (``more`` of them
    not kept) and every problem of the shape, else of the content, up to the limit."""
    from cattrs.errors import BaseValidationError

    from . import _converter, _integrity

    if data.__class__ is not dict:
        problems = [*problems, DataProblem("$", "expected a JSON object at the top level")]
        raise PlanDataError(problems, source, more)
    found: Iterator[DataProblem]
    with _converter.budgeted(MAX_PROBLEMS - len(problems)) as budget:
        try:
            plan = _converter.structure(data, Plan)
        except (BaseValidationError, TypeError, ValueError) as exc:
            found = _converter.iter_problems(exc)
        except RecursionError:
            found = iter([DataProblem("$", "JSON nested too deeply")])
        else:
            found = _integrity.problems(plan)
    problems.extend(itertools.islice(found, MAX_PROBLEMS - len(problems)))
    more += sum(1 for _ in found)  # counted, not kept
    if problems or more:
        raise PlanDataError(problems, source, more, complete=not budget.stopped) from None
    return plan
