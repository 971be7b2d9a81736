"""The public surface: ``__all__`` is complete, documented and importable."""

import inspect
import subprocess
import sys
from typing import Any

import pytest

import shanghai_plan as sp


def test_all_names_exist_and_are_documented() -> None:
    for name in sp.__all__:
        obj = getattr(sp, name)
        if name in {"__version__", "DATA_VERSION", "DATA_AS_OF", "DEFAULT_MAX_BYTES"}:
            continue
        assert inspect.getdoc(obj), f"{name} has no docstring"


def test_all_is_sorted_and_unique() -> None:
    assert len(set(sp.__all__)) == len(sp.__all__)


def test_public_functions_are_exported() -> None:
    public = {
        n
        for n, v in vars(sp).items()
        if not n.startswith("_") and (inspect.isfunction(v) or inspect.isclass(v))
    }
    assert public <= set(sp.__all__), public - set(sp.__all__)


def test_version() -> None:
    from importlib.metadata import version

    assert sp.__version__ == version("shanghai-plan")


def test_lazy_names_are_the_real_objects() -> None:
    import importlib

    specials = {"__version__", "DATA_VERSION", "DATA_AS_OF"}
    assert set(sp._HOME) == set(sp.__all__) - specials
    for name, home in sp._HOME.items():
        module = importlib.import_module(f"shanghai_plan.{home}")
        assert getattr(sp, name) is getattr(module, name), name
        assert name in getattr(module, "__all__", [name]), f"{name} not public in {home}"


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        sp.nope  # type: ignore[attr-defined]  # noqa: B018


def test_notebook_display_is_installed_with_the_first_name() -> None:
    code = "import shanghai_plan as sp\nprint(hasattr(sp.Plan, '_repr_html_'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def _namespace_script() -> "object":
    import importlib.util
    import pathlib

    path = pathlib.Path(__file__).resolve().parents[1] / "scripts" / "gen_namespace.py"
    spec = importlib.util.spec_from_file_location("gen_namespace", path)
    assert spec is not None
    assert spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_public_names_are_written_once() -> None:
    # __all__ and the lazy table are generated from the TYPE_CHECKING imports
    import pathlib

    gen: Any = _namespace_script()
    text = pathlib.Path(sp.__file__).read_text(encoding="utf-8")
    assert gen.render(text) == text, "run: python scripts/gen_namespace.py"
    home, other = gen.public_names(text)
    assert home == sp._HOME
    assert set(sp.__all__) == {*home, *other}
    assert set(other) == {"__version__", "DATA_VERSION", "DATA_AS_OF"}


def test_generated_block_goes_stale_when_a_name_is_added() -> None:
    gen: Any = _namespace_script()
    import pathlib

    text = pathlib.Path(sp.__file__).read_text(encoding="utf-8")
    added = text.replace(
        "        industries_of,\n", "        industries_of,\n        nonsense,\n", 1
    )
    assert added != text
    assert gen.render(added) != added  # the test above would fail
    assert '"nonsense": "queries"' in gen.render(added)
    dropped = text.replace("        industries_of,\n", "", 1)
    assert '"industries_of"' not in gen.block(dropped)


def test_dir_shows_the_public_names_only() -> None:
    names = dir(sp)
    assert set(sp.__all__) <= set(names)
    assert "TYPE_CHECKING" not in names
    assert not [n for n in names if n.startswith("_") and not n.startswith("__")]
    assert "__version__" in names
    assert "__name__" in names
