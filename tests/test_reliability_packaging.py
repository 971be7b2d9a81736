"""What ships: the data and its recorded digest, py.typed, no code run from data, and
(opt-in, SHANGHAI_PLAN_WHEEL_TEST=1) the whole suite run against an installed wheel.

The fingerprint design: ``data/plan.json.crc32`` (CRC-32, size, name) is committed next
to the data and ships inside the package; ``scripts/format_data.py`` rewrites it, and the
loader trusts the bundled bytes only when they match it.  A test compares it with the
data the package actually reads, so editing plan.json without running the script fails
the suite.  An installed wheel also records the file's SHA-256 in its ``RECORD``
(standard package metadata); when the package runs from a wheel, the RECORD hash and the
data must agree.
"""

import ast
import base64
import contextlib
import hashlib
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
import zlib
from importlib import metadata, resources
from pathlib import Path

import pytest

import shanghai_plan as sp
from shanghai_plan.loading import read_bundled_bytes

PACKAGE_DIR = Path(sp.__file__).resolve().parent
EXPECT_INSTALLED = os.environ.get("SHANGHAI_PLAN_EXPECT_INSTALLED")
"""Set by the wheel test for the run inside the fresh venv: the site-packages directory
the package must be imported from."""


def recorded_digest() -> str:
    text = resources.files("shanghai_plan").joinpath("data/plan.json.crc32").read_text("ascii")
    crc, size, name = text.split()
    assert name == "plan.json"
    assert text == f"{crc} {size}  plan.json\n"
    assert len(crc) == 8
    assert int(crc, 16) >= 0
    assert int(size) > 0
    return f"{crc} {size}"


# ------------------------------------------------------------------ data and digest


def test_bundled_data_matches_its_recorded_digest() -> None:
    raw = read_bundled_bytes()
    actual = f"{zlib.crc32(raw):08x} {len(raw)}"  # computed here, not by the loader
    assert actual == recorded_digest(), (
        "plan.json changed but its recorded fingerprint did not: run python scripts/format_data.py"
    )


def test_loader_fingerprint_is_the_recorded_one() -> None:
    from shanghai_plan import loading

    assert loading._digest(read_bundled_bytes()) == loading._release_digest()
    assert loading._release_digest() == recorded_digest()
    assert loading._digest(read_bundled_bytes() + b" ") != loading._release_digest()


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
    for name in ("py.typed", "data/plan.json", "data/plan.json.crc32"):
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


_COMPILES_THE_MODEL = ("_converter.py", "_compiled")
"""The one function allowed to call ``compile`` and ``exec``: it compiles the fast strict
converter's class hooks, written from the model's classes (as attrs writes ``__init__``
and cattrs its own hooks); the next test proves no data ever reaches it."""


def test_no_code_runs_from_data() -> None:
    """No eval, no pickle, marshal, shelve or YAML anywhere in the package, and exec and
    compile only where the model's own hooks are compiled: plan files are read as JSON
    and structured field by field, nothing else."""
    found = []
    files = sorted(PACKAGE_DIR.rglob("*.py"))
    assert len(files) > 5
    allowed = 0
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        functions = {
            id(inner): node.name
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef)
            for inner in ast.walk(node)
        }
        for node in ast.walk(tree):
            where = f"{path.name}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                if node.func.id in {"exec", "compile"} and (
                    (path.name, functions.get(id(node))) == _COMPILES_THE_MODEL
                ):
                    allowed += 1
                elif node.func.id in _FORBIDDEN_CALLS:
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
    assert allowed == 2, "the model's hooks are no longer compiled where this test looks"


def test_what_is_compiled_comes_from_the_model_never_from_a_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from shanghai_plan import _converter

    compiled: list[str] = []
    real = _converter._compiled

    def spy(lines: list[str], ns: dict[str, object], name: str) -> object:
        compiled.append("\n".join(lines))
        return real(lines, ns, name)

    def sources_for(data: bytes | str) -> set[str]:
        compiled.clear()
        for cached in (_converter._fast_converter, _converter._text_array):
            cached.cache_clear()
        monkeypatch.setattr(_converter, "_compiled", spy)
        with contextlib.suppress(sp.PlanDataError):
            sp.loads(data)
        monkeypatch.setattr(_converter, "_compiled", real)
        return set(compiled)

    from tests.mutations import base_document

    hostile = base_document()
    payload = "__import__('os').system('echo owned')"
    hostile["industries"][0][payload] = payload  # an unknown key and its value
    hostile["industries"][0]["name_en"] = f"'); {payload} #"
    hostile["summary"] = f'""" + {payload} + """'
    bundled = sources_for(read_bundled_bytes())
    # As UTF-8 bytes without \u escapes, like the bundled file: the same variant of hooks.
    from_hostile = sources_for(json.dumps(hostile, ensure_ascii=False).encode("utf-8"))
    assert len(bundled) > 10  # a hook for each record class the plan holds
    assert from_hostile <= bundled  # the same classes, the same code, whatever the data
    assert not any("os" in re.findall(r"\w+", source) for source in from_hostile | bundled)
    for cached in (_converter._fast_converter, _converter._text_array):
        cached.cache_clear()  # the next test compiles its own


def test_a_pickle_or_yaml_file_is_not_a_plan() -> None:
    with pytest.raises(sp.PlanDataError, match=r"not valid UTF-8|invalid JSON"):
        sp.loads(pickle.dumps(sp.load()))
    with pytest.raises(sp.PlanDataError, match="invalid JSON at line 1 column 1"):
        sp.loads("!!python/object/apply:os.system ['true']\n")


# ------------------------------------------------------------------------ the wheel

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    out = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, f"{args}\n{out.stdout[-4000:]}\n{out.stderr[-4000:]}"
    return out.stdout


def _pytest_ini() -> str:
    """The repository's pytest settings, for the copy of the suite."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    options = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]
    lines = ["[pytest]"]
    for key, value in options["ini_options"].items():
        if isinstance(value, list):
            lines.append(f"{key} =\n" + "".join(f"    {v}\n" for v in value).rstrip("\n"))
        elif isinstance(value, bool):
            lines.append(f"{key} = {str(value).lower()}")
        else:
            lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n"


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
    assert names == {"attrs", "cattrs", "importlib-resources"}
    # the test and docs tools stay in extras
    assert {"frictionless>=5.18", "duckdb>=1.1"} <= set(project["optional-dependencies"]["test"])


@pytest.mark.skipif(
    os.environ.get("SHANGHAI_PLAN_WHEEL_TEST") != "1",
    reason="builds and installs a wheel (slow); set SHANGHAI_PLAN_WHEEL_TEST=1",
)
def test_wheel_installs_and_passes_the_suite(tmp_path: Path) -> None:
    assert (ROOT / "pyproject.toml").is_file(), "run from the source tree"
    source_package = ROOT / "src" / "shanghai_plan"

    # 1. Build the wheel (the hatchling backend comes from the package index).
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, ROOT)
    (wheel,) = dist.glob("shanghai_plan-*.whl")

    # 2. Everything in the package directory ships (code, data, digest, py.typed, schema).
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        (record_name,) = (n for n in names if n.endswith(".dist-info/RECORD"))
        record = zf.read(record_name).decode()
        shipped_data = zf.read("shanghai_plan/data/plan.json")
    wanted = {
        "shanghai_plan/" + p.relative_to(source_package).as_posix()
        for p in source_package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }
    assert wanted <= names, sorted(wanted - names)
    for name in ("py.typed", "data/plan.json", "data/plan.json.crc32"):
        assert f"shanghai_plan/{name}" in names
    assert shipped_data == (source_package / "data" / "plan.json").read_bytes()
    with zipfile.ZipFile(wheel) as zf:
        (metadata_name,) = (n for n in names if n.endswith(".dist-info/METADATA"))
        wheel_metadata = zf.read(metadata_name).decode()
    assert _runtime_requirements(wheel_metadata) == {"attrs", "cattrs", "importlib-resources"}
    b64 = base64.urlsafe_b64encode(hashlib.sha256(shipped_data).digest()).rstrip(b"=").decode()
    assert f"shanghai_plan/data/plan.json,sha256={b64}," in record

    # 3. A fresh virtual environment with the wheel and the test extra, nothing else.
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    _run(python, "-m", "pip", "install", "-q", f"{wheel}[test]")
    site = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    site_packages = Path(site.strip()).resolve()

    # 4. The suite, copied away from the source tree.
    suite = tmp_path / "suite"
    ignore = shutil.ignore_patterns("__pycache__", ".hypothesis", "_build", "results")
    shutil.copytree(ROOT / "tests", suite / "tests", ignore=ignore)
    # page generators, the namespace and rows generators, the benchmark's smoke run
    for folder in ("docs", "scripts", "benchmarks"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, suite / folder, ignore=ignore)
    shutil.copy(ROOT / "README.md", suite / "README.md")
    shutil.copy(ROOT / "CITATION.cff", suite / "CITATION.cff")  # tests/test_licence.py
    (suite / "pytest.ini").write_text(_pytest_ini(), encoding="utf-8")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "SHANGHAI_PLAN_WHEEL_TEST", "VIRTUAL_ENV"}
    }
    env["SHANGHAI_PLAN_EXPECT_INSTALLED"] = str(site_packages)
    where = _run(
        python, "-c", "import shanghai_plan; print(shanghai_plan.__file__)", cwd=suite, env=env
    )
    assert Path(where.strip()).resolve().is_relative_to(site_packages), where

    report = tmp_path / "report.xml"
    _run(
        python,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        f"--junitxml={report}",
        cwd=suite,
        env=env,
    )

    # 5. The run really used the installed package and really checked its metadata.
    cases = {c.get("name"): c for c in ET.parse(report).getroot().iter("testcase")}
    assert len(cases) > 100
    for name in (
        "test_import_resolves_to_the_installed_package",
        "test_installed_record_hash_matches_the_data",
        "test_bundled_data_matches_its_recorded_digest",
        "test_no_code_runs_from_data",
    ):
        assert name in cases, name
        assert not list(cases[name]), f"{name} did not pass: {[e.tag for e in cases[name]]}"
