"""What ships: the data, py.typed and every package file, no code run from data.

The wheel is tested the way attrs tests its own: ``.ci/run`` builds it, installs it (not
editable) into the CI environment and runs the one test suite against it; with
``SHANGHAI_PLAN_EXPECT_INSTALLED`` set to that environment's site-packages, the tests
below that need an installed wheel run instead of skipping.  The src layout keeps the
source tree's package off ``sys.path``, so every test then exercises the installed copy.
"""

import ast
import base64
import hashlib
import os
import pickle
import re
from importlib import metadata, resources
from pathlib import Path

import pytest

import shanghai_plan as sp
from shanghai_plan.loading import read_bundled_bytes

PACKAGE_DIR = Path(sp.__file__).resolve().parent
EXPECT_INSTALLED = os.environ.get("SHANGHAI_PLAN_EXPECT_INSTALLED")
"""Set by the wheel test for the run inside the fresh venv: the site-packages directory
the package must be imported from."""


# ------------------------------------------------------------------ what ships


def test_installed_record_hash_matches_the_data() -> None:
    dist = metadata.distribution("shanghai-plan")
    entry = next(
        (f for f in dist.files or () if f.as_posix() == "shanghai_plan/data/plan.json"), None
    )
    if entry is None:
        if EXPECT_INSTALLED:
            pytest.fail("an installed wheel must list data/plan.json in its RECORD")
        pytest.skip("editable install: RECORD lists no package files")
    assert entry.hash is not None
    assert entry.hash.mode == "sha256"
    from_record = base64.urlsafe_b64decode(entry.hash.value + "=" * (-len(entry.hash.value) % 4))
    assert from_record.hex() == hashlib.sha256(read_bundled_bytes()).hexdigest()
    assert Path(str(entry.locate())).resolve() == PACKAGE_DIR / "data" / "plan.json"


def test_package_ships_data_and_type_marker() -> None:
    root = resources.files("shanghai_plan")
    for name in ("py.typed", "data/plan.json", "data/plan.schema.json"):
        assert root.joinpath(name).is_file(), name
    assert sp.load().sources


def test_import_resolves_to_the_installed_package() -> None:
    if not EXPECT_INSTALLED:
        pytest.skip("only in the wheel test's fresh environment")
    assert PACKAGE_DIR.is_relative_to(Path(EXPECT_INSTALLED).resolve()), PACKAGE_DIR
    assert "site-packages" in PACKAGE_DIR.parts


# --------------------------------------------------------------- no code from data

_FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "execfile"}
_FORBIDDEN_MODULES = {
    "pickle",
    "marshal",
    "shelve",
    "yaml",
    "dill",
    "cloudpickle",
    "jsonpickle",
    "runpy",
}
_FORBIDDEN_ATTRIBUTES = {"import_module", "load", "loads", "unsafe_load", "full_load"}


def test_no_code_runs_from_data() -> None:
    """No eval, exec or compile, no pickle, marshal, shelve or YAML anywhere in the
    package: plan files are read as JSON and structured by cattrs, nothing else."""
    found = []
    files = sorted(PACKAGE_DIR.rglob("*.py"))
    assert len(files) > 5
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            where = f"{path.name}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                if node.func.id in _FORBIDDEN_CALLS:
                    found.append(f"{where} calls {node.func.id}()")
            elif isinstance(node, ast.Import):
                found += [
                    f"{where} imports {a.name}"
                    for a in node.names
                    if a.name.split(".")[0] in _FORBIDDEN_MODULES
                ]
            elif isinstance(node, ast.ImportFrom) and node.module:
                if node.module.split(".")[0] in _FORBIDDEN_MODULES:
                    found.append(f"{where} imports from {node.module}")
            elif (
                isinstance(node, ast.Attribute)
                and node.attr in _FORBIDDEN_ATTRIBUTES
                and isinstance(node.value, ast.Name)
                and node.value.id in {*_FORBIDDEN_MODULES, "importlib"}
            ):
                found.append(f"{where} uses {node.value.id}.{node.attr}")
    assert not found, found


def test_a_pickle_or_yaml_file_is_not_a_plan() -> None:
    with pytest.raises(sp.PlanDataError, match=r"not valid UTF-8|invalid JSON"):
        sp.loads(pickle.dumps(sp.load()))
    with pytest.raises(sp.PlanDataError, match="invalid JSON at line 1 column 1"):
        sp.loads("!!python/object/apply:os.system ['true']\n")


# ------------------------------------------------------------------------ the wheel

ROOT = Path(__file__).resolve().parents[1]


def _runtime_requirements(metadata: str) -> set[str]:
    """The names a plain ``pip install`` pulls: Requires-Dist lines without an extra."""
    found = set()
    for line in metadata.splitlines():
        if line.startswith("Requires-Dist:") and "extra ==" not in line:
            found.add(re.split(r"[\s<>=!~;\[]", line.split(":", 1)[1].strip(), maxsplit=1)[0])
    return found


def test_runtime_dependencies_are_attrs_and_cattrs() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip("no source tree here: the wheel test checks the wheel's METADATA instead")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    names = {re.split(r"[\s<>=!~;\[]", d, maxsplit=1)[0] for d in project["dependencies"]}
    assert names == {"attrs", "cattrs"}
    # the test and docs tools stay in extras
    assert {"frictionless>=5.18", "duckdb>=1.1"} <= set(project["optional-dependencies"]["test"])


def test_the_installed_wheel_ships_every_package_file() -> None:
    """Code, data, schema and py.typed: every file of the source package is in the
    installed wheel's RECORD, and a plain install pulls only attrs and cattrs."""
    if not EXPECT_INSTALLED:
        pytest.skip("only against an installed wheel (.ci/run)")
    dist = metadata.distribution("shanghai-plan")
    installed = {f.as_posix() for f in dist.files or ()}
    source_package = ROOT / "src" / "shanghai_plan"
    if not source_package.is_dir():
        pytest.skip("no source tree to compare with")
    wanted = {
        "shanghai_plan/" + p.relative_to(source_package).as_posix()
        for p in source_package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }
    assert wanted <= installed, sorted(wanted - installed)
    assert read_bundled_bytes() == (source_package / "data" / "plan.json").read_bytes()
    assert _runtime_requirements(dist.read_text("METADATA") or "") == {"attrs", "cattrs"}
