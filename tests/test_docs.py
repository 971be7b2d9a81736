"""Documentation that is generated from the model must be current and complete."""

import importlib.util
import os
import pathlib
import re
import subprocess
import sys
from enum import Enum
from types import ModuleType

import attrs
import pytest

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


def test_sources_page_is_current() -> None:
    gen = load_script("gen_sources")
    assert gen.PAGE.read_text(encoding="utf-8") == gen.render(), "run: python docs/gen_sources.py"


def test_promised_next_page_is_current() -> None:
    gen = load_script("gen_promised_next")
    assert gen.PAGE.read_text(encoding="utf-8") == gen.render(), (
        "run: python docs/gen_promised_next.py"
    )


def test_promised_next_page_answers_for_every_target_of_the_plan() -> None:
    import shanghai_plan as sp

    text = (DOCS / "promised-next.md").read_text(encoding="utf-8")
    own = text.split("## Other documents' targets")[0]
    for t in sp.targets():
        (row,) = [line for line in own.splitlines() if f"`{t.id}`" in line.split(" | ")[0]]
        nxt = sp.successors(t)
        if nxt.status is sp.SuccessorStatus.FOUND:
            assert all(f"`{s.target.id}`" in row for s in nxt.found), t.id
            assert all(f", {s.stage};" in row for s in nxt.found), t.id
        else:
            assert nxt.status is sp.SuccessorStatus.NONE_FOUND, t.id
            assert "**none found**" in row, t.id
            assert all(f"(#{g.id})" in row and f"({g.id})=" in text for g in nxt.gaps), t.id
        assert f"**{sp.progress(t).verdict}**" in row, t.id


def test_data_dictionary_is_current() -> None:
    gen = load_script("gen_data_dictionary")
    assert gen.PAGE.read_text(encoding="utf-8") == gen.render(), (
        "run: python docs/gen_data_dictionary.py"
    )


def test_scorecard_page_is_current_and_its_charts_exist() -> None:
    """The Markdown is compared byte for byte; it carries a digest of what each chart shows
    (data and drawing code), so stale charts make a stale page.  PNG bytes are not compared
    (they differ across matplotlib versions and fonts); each referenced image must exist and
    be a PNG."""
    gen = load_script("gen_scorecard")
    text = gen.render()
    assert gen.PAGE.read_text(encoding="utf-8") == text, "run: python docs/gen_scorecard.py"
    images = gen.referenced_images(text)
    assert images
    for image in images:
        assert image.is_file(), f"{image} missing: run python docs/gen_scorecard.py"
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", image
    on_disk = set((DOCS / "_static" / "charts").glob("*.png"))
    assert on_disk == set(images), "charts no page shows: run python docs/gen_scorecard.py"


def test_scorecard_page_shows_every_target_once_with_its_status() -> None:
    import shanghai_plan as sp

    text = (DOCS / "scorecard.md").read_text(encoding="utf-8")
    own, _, revision = text.partition("## Another document")
    assert revision, "the 2023 revision has its own, labelled section"
    doc = "doc-sh-am-action-2023-2025"
    for rows, part in ((sp.scorecard(), own), (sp.scorecard(document=doc), revision)):
        table = [line for line in part.splitlines() if line.startswith("| ") and "`" in line]
        assert len(table) == len(rows)
        for r, line in zip(rows, table, strict=True):
            assert f"`{r.target_id}`" in line
            assert f"**{r.verdict}**" in line  # "not settled — leans met", never "no data"
            assert (r.main_caveat is None) or r.main_caveat.split()[0] in line
    for t in (*sp.targets(), *sp.targets(document=doc)):
        has_figures = t.indicator_id is not None and len(sp.series(t, partial=True)) > 0
        assert (f"_static/charts/{t.id}.png" in text) == has_figures, t.id
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    readme = (ROOT_DIR / "README.md").read_text(encoding="utf-8")
    assert "(scorecard.md)" in index.split("```")[0]  # linked before anything else
    assert "(docs/scorecard.md)" in readme.split("## ")[0]


ROOT_DIR = DOCS.parent


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


# ----------------------------------------------------------- executed examples

ROOT = DOCS.parent
PAGES = [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.M | re.S)


def blocks(lang: str) -> list[tuple[str, int, str]]:
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for m in FENCE.finditer(text):
            if m.group(1) == lang:
                line = text[: m.start()].count("\n") + 1
                found.append((str(page.relative_to(ROOT)), line, m.group(2)))
    return found


CONSOLE = blocks("console")
PYTHON = blocks("python")


def test_examples_exist() -> None:
    assert len(CONSOLE) >= 5
    assert PYTHON


@pytest.mark.parametrize(("page", "line", "body"), CONSOLE, ids=[f"{p}:{n}" for p, n, _ in CONSOLE])
def test_console_examples_print_what_they_show(page: str, line: int, body: str) -> None:
    env = {
        **os.environ,
        "PATH": f"{pathlib.Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    chunks = re.split(r"^\$ ", body, flags=re.M)[1:]
    assert chunks, f"{page}:{line} has no '$ ' command"
    for chunk in chunks:
        command, _, expected = chunk.partition("\n")
        status = 0
        m = re.search(r"^\[exit (\d+)\]\n?\Z", expected, re.M)
        if m:
            status = int(m.group(1))
            expected = expected[: m.start()]
        out = subprocess.run(
            ["bash", "-o", "pipefail", "-c", command],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=ROOT,
            check=False,
        )
        assert out.returncode == status, (command, out.stderr)
        assert (out.stdout + out.stderr).rstrip("\n") == expected.rstrip("\n"), command


@pytest.mark.parametrize(("page", "line", "body"), PYTHON, ids=[f"{p}:{n}" for p, n, _ in PYTHON])
def test_python_examples_run(page: str, line: int, body: str) -> None:
    exec(compile(body, f"{page}:{line}", "exec"), {"__name__": "example"})


@pytest.mark.slow  # mypy once per example: .ci/run runs it
@pytest.mark.parametrize(("page", "line", "body"), PYTHON, ids=[f"{p}:{n}" for p, n, _ in PYTHON])
def test_python_examples_type_check(
    page: str, line: int, body: str, tmp_path: pathlib.Path
) -> None:
    f = tmp_path / "example.py"
    f.write_text(body, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(f)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout


def test_changes_page_is_current() -> None:
    gen = load_script("gen_changes")
    assert gen.PAGE.read_text(encoding="utf-8") == gen.render(), "run: python docs/gen_changes.py"
