"""Documentation that is generated from the model must be current and complete."""

import importlib.util
import pathlib
from enum import Enum
from types import ModuleType

import attrs

from shanghai_plan import model
from shanghai_plan.schema import field_docs

DOCS = pathlib.Path(__file__).resolve().parents[1] / "docs"


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, DOCS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_data_dictionary_is_current() -> None:
    gen = load_script("gen_data_dictionary")
    assert gen.PAGE.read_text(encoding="utf-8") == gen.render(), (
        "run: python docs/gen_data_dictionary.py"
    )


def test_every_field_and_enum_value_is_documented() -> None:
    missing = []
    for name, obj in vars(model).items():
        if not (isinstance(obj, type) and obj.__module__ == model.__name__) or name.startswith("_"):
            continue
        assert obj.__doc__, name
        docs = field_docs(obj)
        if issubclass(obj, Enum):
            missing += [f"{name}.{m.name}" for m in obj if m.name not in docs]
        else:
            missing += [f"{name}.{a.name}" for a in attrs.fields(obj) if a.name not in docs]
    assert missing == []
