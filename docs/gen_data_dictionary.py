"""Generate docs/data-dictionary.md from the model (run after changing model.py).

    python docs/gen_data_dictionary.py          # rewrite the page
    python docs/gen_data_dictionary.py --check  # exit 1 if the page is stale (used by tests)

Every class, field, type, default and allowed enum value comes from
``shanghai_plan.model`` itself; descriptions come from the docstrings written under each
field and enum member in the model's source.
"""

import inspect
import re
import sys
import types
from enum import Enum
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import attrs

from shanghai_plan import model
from shanghai_plan.schema import field_docs

PAGE = Path(__file__).with_name("data-dictionary.md")


def type_name(t: Any) -> str:
    origin = get_origin(t)
    if origin in (Union, types.UnionType):
        return " \\| ".join(type_name(a) for a in get_args(t))
    if origin is tuple:
        return f"tuple[{type_name(get_args(t)[0])}, ...]"
    if t is type(None):
        return "None"
    name = getattr(t, "__name__", repr(t))
    if attrs.has(t) or (isinstance(t, type) and issubclass(t, Enum)):
        return f"[{name}](#{name.lower()})"
    if t.__module__ == "datetime":
        return f"datetime.{name}"
    return name


def default_text(a: "attrs.Attribute[Any]") -> str:
    if a.default is attrs.NOTHING:
        return "required"
    value = a.default
    if isinstance(value, Enum):
        return f"`{value.value}`"
    return f"`{value!r}`"


def one_line(text: str) -> str:
    """Docstring text (reStructuredText) as one line of Markdown table cell."""
    text = re.sub(
        r":class:`~?(?:[\w.]+\.)?(\w+)`", lambda m: f"[{m.group(1)}](#{m.group(1).lower()})", text
    )
    text = re.sub(r":\w+:`~?([^`]+)`", r"`\1`", text)
    text = text.replace("``", "`")
    return " ".join(text.split()).replace("|", "\\|")


def classes() -> list[type]:
    found = [
        obj
        for name, obj in vars(model).items()
        if isinstance(obj, type) and obj.__module__ == model.__name__ and not name.startswith("_")
    ]
    order = inspect.getsource(model)
    return sorted(found, key=lambda c: re.search(rf"^class {c.__name__}\b", order, re.M).start())  # type: ignore[union-attr]


def render() -> str:
    lines = [
        "# Data dictionary",
        "",
        "<!-- Generated from shanghai_plan/model.py by docs/gen_data_dictionary.py: do not edit. -->",
        "",
        "Every record class and closed vocabulary of the plan file, as defined in",
        "`shanghai_plan.model`. The JSON keys of a plan file are the field names; enum",
        "values are written as the strings below. Fields marked *required* must be present;",
        "the others may be left out (the default applies). Numbers are in the base unit named",
        "by the record's `unit` (yuan, not 亿元; vehicles, not 万辆; percent as percent).",
        "",
    ]
    for cls in classes():
        doc = inspect.cleandoc(cls.__doc__ or "")
        paragraphs = [one_line(p) for p in doc.split("\n\n")]
        lines += [f"## {cls.__name__}", "", "\n\n".join(paragraphs), ""]
        if isinstance(cls, type) and issubclass(cls, Enum):
            docs = field_docs(cls)
            lines += ["| value | meaning |", "| --- | --- |"]
            for member in cls:
                lines.append(f"| `{member.value}` | {one_line(docs.get(member.name, ''))} |")
        else:
            docs = field_docs(cls)
            lines += ["| field | type | default | meaning |", "| --- | --- | --- | --- |"]
            for a in attrs.fields(cls):
                lines.append(
                    f"| `{a.name}` | {type_name(a.type)} | {default_text(a)} | "
                    f"{one_line(docs.get(a.name, ''))} |"
                )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != text:
            print(f"{PAGE} is stale: run python docs/gen_data_dictionary.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
