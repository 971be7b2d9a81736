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
        assert f"](targets/{t.id}.md)" in row, t.id  # the target's own page


def test_data_dictionary_is_current() -> None:
    gen = load_script("gen_data_dictionary")
    assert gen.PAGE.read_text(encoding="utf-8") == gen.render(), (
        "run: python docs/gen_data_dictionary.py"
    )


def test_scorecard_pages_are_current_and_their_charts_exist() -> None:
    """The Markdown is compared byte for byte; the revision's page carries a digest of what
    each chart shows (data and drawing code), so stale charts make a stale page.  PNG bytes
    are not compared (they differ across matplotlib versions and fonts); each referenced
    image must exist and be a PNG, and no chart lies there unshown."""
    gen = load_script("gen_scorecard")
    assert gen.PAGE.read_text(encoding="utf-8") == gen.render(), "run: python docs/gen_scorecard.py"
    text = gen.render_revision()
    assert gen.REVISION_PAGE.read_text(encoding="utf-8") == text, (
        "run: python docs/gen_scorecard.py"
    )
    images = gen.referenced_images(gen.REVISION_PAGE, text)
    assert images
    for image in images:
        assert image.is_file(), f"{image} missing: run python docs/gen_scorecard.py"
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", image
    on_disk = {p.resolve() for p in (DOCS / "_static" / "charts").iterdir()}
    assert on_disk == set(images), "charts no page shows: run python docs/gen_scorecard.py"


def test_target_pages_are_current_and_their_charts_exist() -> None:
    """One page per target of the plan, each current; a chart (PNG and the same as SVG)
    exactly for the targets whose indicator has figures, and nothing else in the folder."""
    import shanghai_plan as sp

    gen = load_script("gen_targets")
    pages = gen.pages()
    assert sorted(p.name for p in pages) == sorted(f"{t.id}.md" for t in sp.targets())
    for path, text in pages.items():
        assert path.read_text(encoding="utf-8") == text, f"{path}: run python docs/gen_targets.py"
    assert set(gen.FOLDER.glob("*.md")) == set(pages), "run python docs/gen_targets.py"
    wanted = set()
    for path, text in pages.items():
        for image in gen.referenced_images(path, text):
            wanted |= {image, image.with_suffix(".svg")}
    for image in wanted:
        assert image.is_file(), f"{image} missing: run python docs/gen_targets.py"
    assert all(i.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for i in wanted if i.suffix == ".png")
    assert all(b"<svg" in i.read_bytes()[:2000] for i in wanted if i.suffix == ".svg")
    assert {p.resolve() for p in gen.CHARTS.iterdir()} == wanted
    charted = {i.stem for i in wanted}
    for t in sp.targets():  # every target sp.plot can draw has its chart on its page
        if t.id not in charted:
            with pytest.raises(ValueError, match=r"no figures|no indicator"):
                sp.plot(t)  # refused before anything is drawn


def test_target_page_shows_the_target_verdict_caveats_figures_and_citation() -> None:
    """What a reader comes for, in the order of the page, from the library's own answers."""
    import shanghai_plan as sp

    for t in sp.targets():
        text = (DOCS / "targets" / f"{t.id}.md").read_text(encoding="utf-8")
        r = sp.progress(t)
        order = ["## The target", "## The verdict", "## Caveats", "## Figures", "## Findings"]
        order += ["## What would settle it", "## What came next", "## Cite this"]
        assert [text.index(h) for h in order] == sorted(text.index(h) for h in order), t.id
        head, _, rest = text.partition("## The verdict")
        for zh in (t.term_zh, t.quantity and t.quantity.wording):
            assert not zh or zh in head, (t.id, zh)
        verdict, _, rest = rest.partition("## Caveats")
        assert f">{r.verdict}</span>" in verdict, t.id
        assert r.confidence is None or f"**{r.confidence}**" in verdict, t.id
        assert not r.lean_note or " ".join(r.lean_note.split()) in verdict, t.id
        caveats, _, rest = rest.partition("## ")
        if r.main_caveat:
            assert caveats.index(r.main_caveat) < caveats.index("All caveats"), t.id
        assert all(" ".join(c.split()) in caveats for c in r.caveats), t.id
        for iid in (t.indicator_id, *t.alternative_indicator_ids):
            for o in sp.observations(iid) if iid else ():
                assert f"`{o.id}`" in rest, (t.id, o.id)
                assert all(sp.source(c).url in rest for c in o.citations), (t.id, o.id)
        for f in (*r.findings, *sp.findings(t)):
            assert f"`{f.id}`" in rest, (t.id, f.id)
        nxt = sp.successors(t)
        came_next = rest.partition("## What came next")[2].partition("## Cite this")[0]
        assert all(f"`{s.target.id}`" in came_next for s in nxt.found), t.id
        assert (nxt.status is sp.SuccessorStatus.NONE_FOUND) == ("**None found.**" in came_next)
        assert sp.cite(r) in text, t.id
        assert sp.cite(r, style="markdown") in text, t.id


def test_confidence_is_defined_once_in_the_same_words() -> None:
    """The scorecard, every target page and the conventions state the confidence rule as
    the analysis module does (a record as strong as its best source, a verdict as its
    weakest record) — in the same words, never "the weakest source"."""
    gen = load_script("_pagegen")
    rule = gen.CONFIDENCE_RULE
    pages = [DOCS / "scorecard.md", DOCS / "conventions.md", *(DOCS / "targets").glob("*.md")]
    for page in pages:
        text = " ".join(page.read_text(encoding="utf-8").split())
        assert (rule in text) or ("*Confidence:* none (no evidence settles it)" in text), page.name
        assert "weakest source a verdict" not in text, page.name
        assert "weakest source the verdict" not in text, page.name


def test_scorecard_page_is_an_index_of_the_target_pages() -> None:
    import shanghai_plan as sp

    text = (DOCS / "scorecard.md").read_text(encoding="utf-8")
    assert sp.tally(sp.scorecard()) in text
    assert "Did Shanghai hit its targets?" in text.split("\n\n")[1]  # the lead: for search
    table = [line for line in text.splitlines() if line.startswith("| <span")]
    rows = sp.scorecard()
    assert len(table) == len(rows)
    for r, line in zip(rows, table, strict=True):
        assert line.count(" | ") == 4, line  # five columns: the page fits one screen
        assert f">{r.verdict}</span>" in line  # "not settled — leans met", never "no data"
        assert f"](targets/{r.target_id}.md)" in line
        assert (r.main_caveat or r.missing or "—").split()[0] in line
    revision = (DOCS / "revision-2023.md").read_text(encoding="utf-8")
    doc = "doc-sh-am-action-2023-2025"
    assert all(f"`{r.target_id}`" in revision for r in sp.scorecard(document=doc))
    toc = text.partition("```{toctree}")[2]  # the pages under this one in the contents
    assert all(f"targets/{r.target_id}\n" in toc for r in rows)
    assert "revision-2023" in toc
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
    # The project's mypy cache (the one .ci/run's own mypy step fills): the standard
    # library's and attrs' types are read from it instead of being checked again.
    cache = ROOT / ".mypy_cache"
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), str(f)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout


def test_changes_page_is_current() -> None:
    gen = load_script("gen_changes")
    assert gen.PAGE.read_text(encoding="utf-8") == gen.render(), "run: python docs/gen_changes.py"
