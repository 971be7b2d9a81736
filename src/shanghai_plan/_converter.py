"""The package's private cattrs converters, each built lazily on first use.

Nobody else in the package structures or unstructures by hand.  The detailed converter
(:func:`structure`, :func:`unstructure`) is strict where cattrs is lax by default:
unknown keys are errors, strings are not numbers, numbers are not strings, ``true`` is
not ``1``, a string is not a tuple of characters, dates are ``YYYY-MM-DD`` and nothing
else, and enum values must be spelled exactly.  Its validation errors become
:class:`~shanghai_plan.errors.PlanDataError` problems that carry JSON paths
(``$.targets[2].quantity.value``).  Two more share its rules or its model:

* the fast strict converter (:func:`structure_fast`) makes the same checks without the
  bookkeeping of where a problem is: a first attempt at a user's file;
* the lean converter (:func:`structure_trusted`) makes no checks: only for the bundled
  file when its bytes are the released ones.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import reprlib
import types
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar, Union, get_args, get_origin

import attrs

from .errors import DataProblem
from .model import _Vocabulary

if TYPE_CHECKING:
    from cattrs import BaseConverter, Converter

__all__ = [
    "MAX_MAGNITUDE",
    "OversizedInt",
    "parse_int",
    "path_key",
    "problems_from_exception",
    "structure",
    "structure_fast",
    "structure_trusted",
    "unstructure",
]

T = TypeVar("T")


@functools.cache
def _date_pattern() -> re.Pattern[str]:
    # compiled on first use: the bundled file's lean converter never needs it
    return re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


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


def _structure_str(value: object, _: type) -> str:
    if value.__class__ is not str:
        raise TypeError(f"expected a string, got {_describe(value)}")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:  # a lone surrogate such as "\\ud800"
            bad = value[exc.start]
            raise ValueError(
                f"not valid Unicode text: lone surrogate {bad!r} at character {exc.start}"
            ) from None
    return value


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
    if value.__class__ is not str or not _date_pattern().fullmatch(value):
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
def _by_value(enum_type: type[Enum], allow_none: bool = False) -> dict[object, object]:
    """The members of ``enum_type`` by their JSON value (and ``None`` to itself)."""
    found: dict[object, object] = {member.value: member for member in enum_type}
    if allow_none:
        found[None] = None
    return found


def _enum_hook(enum_type: type[Enum]) -> Any:
    by_value = _by_value(enum_type)
    allowed = ", ".join(repr(v) for v in by_value)

    def structure_enum(value: object, _: type) -> object:
        try:
            return by_value[value]
        except (KeyError, TypeError):
            raise ValueError(f"expected one of {allowed}; got {_describe(value)}") from None

    return structure_enum


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(type_: Any, converter: Converter) -> Any:
    element = get_args(type_)[0]
    from cattrs.errors import IterableValidationError, IterableValidationNote

    def structure_tuple(value: object, _: type) -> tuple[Any, ...]:
        if value.__class__ is not list:
            raise TypeError(f"expected an array, got {_describe(value)}")
        hook = converter.get_structure_hook(element)
        out: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                out.append(hook(item, element))
            except Exception as exc:  # collected and re-raised as a group with paths
                note = IterableValidationNote(
                    f"Structuring {type_} @ index {index}", index, element
                )
                setattr(exc, "__notes__", [*getattr(exc, "__notes__", []), note])  # noqa: B010
                errors.append(exc)
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


def _register_strict(conv: BaseConverter) -> None:
    """The strict leaf hooks, shared by the detailed and the fast converter."""
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


@functools.cache
def _converter() -> Converter:
    """The detailed converter: every problem is collected with its JSON path."""
    # The base Converter: every hook the JSON shape needs is registered below, so the
    # preconf.json module (and its import cost) is not needed.
    from cattrs import Converter

    conv = Converter(forbid_extra_keys=True, omit_if_default=True)
    _register_strict(conv)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(float, _unstructure_float)
    conv.register_unstructure_hook(_Vocabulary, _unstructure_vocabulary)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook)
    conv.register_unstructure_hook_factory(_is_homogeneous_tuple, _tuple_unstructure)
    conv.register_structure_hook_factory(attrs.has, _class_hook)
    return conv


@functools.cache
def _fast_converter(check_text: bool = True) -> BaseConverter:
    """The same strict checks as :func:`_converter`, without per-error bookkeeping.

    For data parsed by ``json.loads`` (see :func:`structure_fast`).  Exact types,
    unknown and missing keys refused, enums, dates, arrays only for tuples, numbers
    below 2**53: the leaf hooks are the detailed converter's own
    (:func:`_register_strict`), and the class hook
    (:func:`_strict_class_hook`) makes the same checks inline.  What it leaves out is
    the work of naming every problem (cattrs' detailed validation, a ``try`` per
    element): it stops at the first problem with an exception that says nothing about
    where.  So it is only ever a first attempt: ``loads`` falls back to the detailed
    converter when it raises, and the caller sees the detailed converter's errors
    (tests prove that both accept exactly the same inputs and build the same objects).

    With ``check_text=False`` strings are not checked for lone surrogates: only for text
    that cannot hold one (decoded from UTF-8 bytes, with no ``\\u`` escape anywhere).
    """
    from cattrs import BaseConverter

    conv = BaseConverter(detailed_validation=False)
    _register_strict(conv)
    conv.register_structure_hook_factory(_is_optional, _optional_hook)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _fast_tuple_hook)
    conv.register_structure_hook_factory(
        attrs.has, lambda cls, c: _strict_class_hook(cls, c, check_text)
    )
    return conv


def _strict_class_hook(cls: Any, converter: BaseConverter, check_text: bool) -> Any:
    """The fast strict converter's class hook: a function written for ``cls``.

    Like attrs' ``__init__`` and cattrs' own hooks, it is generated as source and
    compiled, once per class and converter: one line reads each field, one test checks
    the class of every string, integer and boolean, and the record is built by a call
    that names its keywords (the keys of a parsed JSON object are not the interned
    names that Python matches keywords by, so ``cls(**obj)`` would compare text).

    Takes a JSON object as a dict (copied, so that each field's key can be taken out
    of it, and whatever is left is a key that is not a field); a missing required key
    raises ``KeyError``.  Strings, integers and booleans are checked by their exact
    class (``None`` only where the type allows it), enum values through a dict, arrays
    of strings or integers by their items' classes, and the rest (floats, dates, nested
    records) goes through the converter's hooks.  An array of records made only of text
    (citations) is built by one more generated function, without a hook call per
    record.  The code is kept short: compiling it is most of what a first strict load
    costs on top of a later one (about 23 M instructions, 8-10 ms, for this model).
    """
    fields = [a for a in attrs.fields(cls) if a.init]
    ns: dict[str, Any] = {
        "_cls": cls,
        "_str": _structure_str,
        "_scalars": _scalars,
        "_array": _array,
        "_optional": _optional,
        "_absent": _ABSENT,
    }
    lines = [
        "def structure(value, _):",
        "    if value.__class__ is not dict:",
        "        raise TypeError('expected an object')",
        "    kw = value.copy()",
    ]
    wrong: list[str] = []  # tests that a value is of the wrong class
    texts: list[str] = []  # checks that a string is valid Unicode
    fill: list[str] = []  # defaults put in after the tests, which they might not pass
    for i, a in enumerate(fields):
        v, key = f"v{i}", repr(a.name)
        inner, allow_none, element = _shape(a.type)
        missing = None if a.default is attrs.NOTHING else _default(cls, a, f"d{i}", ns)
        if inner in (str, int, bool):
            ns[f"k{i}"] = inner
            test = f"{v}.__class__ is not k{i}" + (f" and {v} is not None" if allow_none else "")
            text = f"{v} is None or _str({v}, str)" if allow_none else f"_str({v}, str)"
            default = attrs.NOTHING if missing is None else ns.get(missing, attrs.NOTHING)
            if missing is None:
                lines.append(f"    {v} = kw.pop({key})")
            elif default.__class__ is inner or (default is None and allow_none):
                lines.append(f"    {v} = kw.pop({key}, {missing})")
            else:  # a factory, or a default that would not pass the test
                lines.append(f"    {v} = kw.pop({key}, _absent)")
                test, text = f"{v} is not _absent and {test}", f"{v} is _absent or {text}"
                fill += [f"    if {v} is _absent:", f"        {v} = {missing}"]
            wrong.append(f"({test})")
            if check_text and inner is str:
                texts.append(text)
            continue
        if isinstance(inner, type) and issubclass(inner, Enum):
            ns[f"e{i}"] = _by_value(inner, allow_none)
            made = f"e{i}[kw.pop({key})]"
        elif element in (str, int):
            ns[f"o{i}"] = frozenset({element})
            made = f"_scalars(kw.pop({key}), o{i}, {check_text and element is str})"
        elif element is not None and _is_text_record(element):
            ns[f"a{i}"] = _text_array(element, check_text)
            made = f"a{i}(kw.pop({key}))"
        else:  # records, floats, dates, anything else: through their hooks
            records = element is not None and attrs.has(element)
            ns[f"t{i}"] = target = element if records else inner
            ns[f"h{i}"] = _resolved_later(ns, f"h{i}", converter, target)
            if records:  # an array of records: each by its class's hook
                made = f"_array(kw.pop({key}), h{i}, t{i})"
            elif allow_none:
                made = f"_optional(kw.pop({key}), h{i}, t{i})"
            else:
                made = f"h{i}(kw.pop({key}), t{i})"
        if missing is None:
            lines.append(f"    {v} = {made}")
        else:
            lines.append(f"    {v} = {made} if {key} in kw else {missing}")
    # Every field's key has been taken out: whatever is left is not a field.
    lines += ["    if kw:", "        raise ValueError('a key that is not a field')"]
    if wrong:
        lines += [
            f"    if {' or '.join(wrong)}:",
            "        raise TypeError('a value of the wrong type')",
        ]
    lines += [f"    {text}" for text in texts]
    lines += fill
    call = ", ".join(f"{a.alias}=v{i}" for i, a in enumerate(fields))
    lines.append(f"    return _cls({call})")
    return _compiled(lines, ns, f"strict {cls.__qualname__}")


_ABSENT = object()
"""What a generated hook reads for a key the file leaves out, where the field's default
must not be tested as if the file had given it."""


def _default(cls: Any, field: Any, name: str, ns: dict[str, Any]) -> str:
    """The expression for ``field``'s default in a generated hook: ``name``, or ``name()``
    for a factory, with ``ns[name]`` set to the default or the factory."""
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        if default.takes_self:
            raise NotImplementedError(
                f"{cls.__name__}.{field.name}: a default that takes self is not supported"
            )
        ns[name] = default.factory
        return f"{name}()"
    ns[name] = default
    return name


def _scalars(value: Any, only: frozenset[type], check_text: bool) -> tuple[Any, ...]:
    """An array of strings or of integers (exactly those classes) as a tuple."""
    if value.__class__ is not list or not only.issuperset(map(type, value)):
        raise TypeError("expected an array of one kind of value")
    if check_text:
        for item in value:
            _structure_str(item, str)
    return tuple(value)


def _array(value: Any, hook: Any, type_: Any) -> tuple[Any, ...]:
    """An array as a tuple, each item by ``hook`` (records, floats, dates)."""
    if value.__class__ is not list:
        raise TypeError("expected an array")
    return tuple([hook(item, type_) for item in value])


def _optional(value: Any, hook: Any, type_: Any) -> Any:
    """``None``, or the value by the hook of its type."""
    return None if value is None else hook(value, type_)


def _resolved_later(ns: dict[str, Any], name: str, converter: BaseConverter, type_: Any) -> Any:
    """A stand-in for the hook of ``type_`` that looks it up on first use and puts it in
    its place in ``ns`` (classes nest, so their hooks cannot all be made up front)."""

    def first_use(value: object, t: Any) -> Any:
        hook = ns[name] = converter.get_structure_hook(type_)
        return hook(value, t)

    return first_use


@functools.cache
def _text_array(cls: Any, check_text: bool) -> Any:
    """A generated function that checks and builds an array of ``cls`` records, whose
    fields are all required strings (see :func:`_is_text_record`)."""
    fields = attrs.fields(cls)
    values = [f"s{j}" for j in range(len(fields))]
    wrong = " or ".join(f"{s}.__class__ is not str" for s in values)
    call = ", ".join(f"{a.alias}={s}" for a, s in zip(fields, values, strict=True))
    lines = [
        "def array(value):",
        "    if value.__class__ is not list:",
        "        raise TypeError('expected an array')",
        "    out = []",
        "    for item in value:",
        # as many keys as fields, and every field's key there: no key that is not one
        f"        if item.__class__ is not dict or len(item) != {len(fields)}:",
        "            raise TypeError('expected an object with a key for every field')",
        *(f"        {s} = item[{a.name!r}]" for a, s in zip(fields, values, strict=True)),
        f"        if {wrong}:",
        "            raise TypeError('expected a string')",
        *(f"        _str({s}, str)" for s in values if check_text),
        f"        out.append(_cls({call}))",
        "    return tuple(out)",
    ]
    ns = {"_cls": cls, "_str": _structure_str}
    return _compiled(lines, ns, f"strict array of {cls.__qualname__}")


def _compiled(lines: list[str], ns: dict[str, Any], name: str) -> Any:
    """The function that ``lines`` define (``def <function>(...)``, first line), compiled
    with ``ns`` as its globals; ``name`` says in a traceback where it came from."""
    exec(compile("\n".join(lines), f"<shanghai_plan {name}>", "exec"), ns)
    return ns[lines[0][4:].partition("(")[0]]


def _is_text_record(cls: Any) -> bool:
    """Whether ``cls`` is an attrs class of required strings only (no default, no
    converter, no validator), so that checking its values' classes and calling
    ``cls(**obj)`` is all its hook would do."""
    return attrs.has(cls) and all(
        a.type is str and a.default is attrs.NOTHING and not a.converter and not a.validator
        for a in attrs.fields(cls)
    )


def _is_optional(type_: Any) -> bool:
    args = get_args(type_)
    return len(args) == 2 and type(None) in args and get_origin(type_) in (types.UnionType, Union)


def _optional_hook(type_: Any, converter: BaseConverter) -> Any:
    """``X | None``: None, or the value by ``X``'s hook, looked up once (cattrs' own
    optional hook looks it up again on every value)."""
    inner = next(a for a in get_args(type_) if a is not type(None))
    hook = converter.get_structure_hook(inner)

    def structure_optional(value: object, _: type) -> Any:
        return None if value is None else hook(value, inner)

    return structure_optional


def _fast_tuple_hook(type_: Any, converter: BaseConverter) -> Any:
    element = get_args(type_)[0]
    hook = converter.get_structure_hook(element)

    def structure_tuple(value: object, _: type) -> tuple[Any, ...]:
        return _array(value, hook, element)

    return structure_tuple


def _tuple_unstructure(type_: Any, converter: Converter) -> Any:
    element = get_args(type_)[0]
    hook = converter.get_unstructure_hook(element)
    return lambda value: [hook(item) for item in value]


@functools.cache
def _trusted_converter() -> BaseConverter:
    """A lean converter for the bundled file only: no per-field error bookkeeping, no
    strictness hooks.  Used when the file's bytes match the digest recorded at release
    (so the strict checks have already passed on exactly these bytes in the test suite);
    anything else goes through the strict converter.  A ``BaseConverter``: every hook it
    needs is registered here, and it is created in a quarter of the time."""
    from cattrs import BaseConverter
    from cattrs.cols import homogenous_tuple_structure_factory

    conv = BaseConverter(detailed_validation=False)
    conv.register_structure_hook(dt.date, lambda value, _: dt.date.fromisoformat(value))
    # By value from a dict (the strict hook): cheaper than calling the enum class.
    conv.register_structure_hook(_Vocabulary, _structure_vocabulary)
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, Enum), _enum_hook
    )
    conv.register_structure_hook_factory(_is_optional, _optional_hook)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, homogenous_tuple_structure_factory)
    # cattrs dispatches on the root class; the record classes nested in it are found by
    # the same factory directly (a dispatch costs about 0.15 M instructions a class,
    # most of a cold start's hook building for two dozen classes).
    hooks: dict[type, Any] = {}

    def record_hook(cls: Any) -> Any:
        hook = hooks.get(cls)
        if hook is None:
            hook = hooks[cls] = _plain_class_hook(cls, conv, record_hook)
        return hook

    conv.register_structure_hook_factory(attrs.has, lambda cls, _: record_hook(cls))
    return conv


def _plain_class_hook(cls: Any, converter: BaseConverter, record_hook: Any) -> Any:
    """A class hook for digest-verified data that is not generated code.

    cattrs compiles a structuring function per class, which is the right trade for files
    loaded again and again, but costs about 10 ms for this model the first time; the
    bundled plan is structured once per process, so its lean converter uses this plain
    hook instead.  Per record it copies the JSON object (the keys are the class's own:
    the bytes passed the strict checks) and converts only the fields that need it, each
    kind of field in a loop of its own so that no field pays for a test it does not
    need: enum values through a dict (``None`` maps to itself), JSON integers in float
    fields to floats, arrays to tuples, nested records through their own hooks (made
    by ``record_hook`` once, on first use, as classes nest), dates parsed.  Strings,
    integers and booleans pass as they are, and a record made only of them (a citation)
    is built straight from its object, without a hook call.
    """
    names = [(a.name, a.type) for a in attrs.fields(cls)]
    ready: list[_Steps] = []  # filled on first use

    def structure_plain(value: dict[str, Any], _: type) -> Any:
        if not ready:
            ready.append(_steps(names, converter, record_hook))
        enums, floats, plain_tuples, simple_tuples, record_tuples, others = ready[0]
        kw = value.copy()
        for n, by_value in enums:
            if n in kw:
                kw[n] = by_value[kw[n]]
        for n in floats:
            if n in kw and kw[n].__class__ is int:
                kw[n] = float(kw[n])
        for n in plain_tuples:
            if n in kw:
                kw[n] = tuple(kw[n])
        # Loops rather than comprehensions: a comprehension is a call of its own.
        for n, t in simple_tuples:  # records of text and numbers only: built directly
            if n in kw:
                out = []
                for item in kw[n]:
                    out.append(t(**item))
                kw[n] = tuple(out)
        for n, hook, t in record_tuples:
            if n in kw:
                out = []
                for item in kw[n]:
                    out.append(hook(item, t))
                kw[n] = tuple(out)
        for n, hook, t in others:
            if n in kw and kw[n] is not None:
                kw[n] = hook(kw[n], t)
        return cls(**kw)

    return structure_plain


_Steps = tuple[
    list[tuple[str, dict[object, object]]],
    list[str],
    list[str],
    list[tuple[str, Any]],
    list[tuple[str, Any, Any]],
    list[tuple[str, Any, Any]],
]


def _steps(names: list[tuple[str, Any]], converter: BaseConverter, record_hook: Any) -> _Steps:
    """How :func:`_plain_class_hook` converts each field of a class, by kind of field
    (``record_hook`` gives the hook of a record class, the converter that of anything
    else)."""
    enums: list[tuple[str, dict[object, object]]] = []
    floats: list[str] = []
    plain_tuples: list[str] = []
    simple_tuples: list[tuple[str, Any]] = []
    record_tuples: list[tuple[str, Any, Any]] = []
    others: list[tuple[str, Any, Any]] = []
    for n, t in names:
        inner, _, element = _shape(t)
        if inner in (str, int, bool):
            continue  # JSON already holds the value as the model does
        if inner is float:
            floats.append(n)
        elif isinstance(inner, type) and issubclass(inner, Enum):
            enums.append((n, _by_value(inner, allow_none=True)))
        elif element in (str, int):
            plain_tuples.append(n)
        elif element is not None and _is_simple(element):
            simple_tuples.append((n, element))
        elif element is not None and attrs.has(element):
            record_tuples.append((n, record_hook(element), element))
        else:  # a nested record, a date: its own hook (None stays None)
            hook = record_hook(inner) if attrs.has(inner) else converter.get_structure_hook(inner)
            others.append((n, hook, inner))
    return enums, floats, plain_tuples, simple_tuples, record_tuples, others


@functools.cache
def _is_simple(cls: Any) -> bool:
    """Whether records of ``cls`` are built from their JSON objects as they are: an attrs
    class whose fields are all text, integers or booleans (a citation, say), with no
    converter and no validator, so ``cls(**obj)`` is all its hook would do."""
    return attrs.has(cls) and all(
        _shape(a.type)[0] in (str, int, bool) and a.converter is None and a.validator is None
        for a in attrs.fields(cls)
    )


_NONE = type(None)
_CLASS_KINDS = (type, type(Enum))  # the metaclasses of plain classes and of enums


def _shape(type_: Any) -> tuple[Any, bool, Any]:
    """``type_`` read once: the type without ``| None``, whether ``None`` is allowed, and
    the element type when it is ``tuple[X, ...]`` (else None).  A class is answered
    without asking ``typing`` (the hooks read every field of the model on first use)."""
    if type(type_) in _CLASS_KINDS:
        return type_, False, None
    origin, args = get_origin(type_), get_args(type_)
    if origin in (types.UnionType, Union) and len(args) == 2 and _NONE in args:
        inner, _, element = _shape(args[0] if args[1] is _NONE else args[1])
        return inner, True, element
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return type_, False, args[0]
    return type_, False, None


def structure_trusted(data: object, cls: type[T]) -> T:
    """Structure the digest-verified bundled data (see :func:`_trusted_converter`)."""
    return _trusted_converter().structure(data, cls)


def structure_fast(data: object, cls: type[T], *, check_text: bool = True) -> T:
    """Structure ``data`` with the fast strict converter (see :func:`_fast_converter`).

    ``data`` is what ``json.loads`` makes of the text; a key given twice in one object
    must be refused while parsing (``loading._unique_keys``), as a dict keeps only the
    last.  ``data`` is not changed.  Raises some exception on the first problem,
    without saying where: call :func:`structure` to find out.
    """
    return _fast_converter(check_text).structure(data, cls)


def structure(data: object, cls: type[T]) -> T:
    """Structure JSON-shaped ``data`` into ``cls``.

    Raises the converter's validation exceptions; see :func:`problems_from_exception`.
    """
    return _converter().structure(data, cls)


def unstructure(obj: object) -> Any:
    """Turn a record back into JSON-shaped data (dicts, lists, strings, numbers)."""
    return _converter().unstructure(obj)


def path_key(key: str) -> str:
    """``key`` as written in a JSON path: a lone surrogate (from a ``\\ud800`` escape in a
    key) is written as its escape, so that the path, and the error, can be printed."""
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        return key.encode("utf-8", "backslashreplace").decode("utf-8")
    return key


def problems_from_exception(exc: BaseException, path: str = "$") -> list[DataProblem]:
    """Flatten a cattrs validation exception into problems with JSON paths."""
    from cattrs.errors import (
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
    )

    problems: list[DataProblem] = []
    if isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            problems.append(DataProblem(f"{path}.{path_key(key)}", "unknown key"))
    elif isinstance(exc, IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            problems.extend(problems_from_exception(sub, f"{path}[{note.index!r}]"))
        for sub in without:
            problems.extend(problems_from_exception(sub, path))
    elif isinstance(exc, ClassValidationError):
        with_class_notes, without = exc.group_exceptions()
        for sub, class_note in with_class_notes:
            problems.extend(problems_from_exception(sub, f"{path}.{class_note.name}"))
        for sub in without:
            problems.extend(problems_from_exception(sub, path))
    elif isinstance(exc, KeyError):
        problems.append(DataProblem(path, "required key is missing"))
    elif isinstance(exc, (TypeError, ValueError)):
        problems.append(DataProblem(path, str(exc)))
    else:  # pragma: no cover - a hook raising something unexpected
        problems.append(DataProblem(path, f"{type(exc).__name__}: {exc}"))
    return problems
