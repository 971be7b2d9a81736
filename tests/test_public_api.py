"""The public surface: ``__all__`` is complete, documented and importable."""

import inspect

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
