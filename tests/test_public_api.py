"""The public surface: ``__all__`` is complete, documented and importable."""

import inspect
import subprocess
import sys

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
