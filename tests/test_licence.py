"""One licence statement, the same everywhere it is stated: the compiled data CC BY 4.0,
the code MIT, the cited sources their publishers'.  And ``CITATION.cff`` names the data
version the package ships: a data release that does not update it fails here."""

import pathlib
import re

import pytest

import shanghai_plan as sp
from shanghai_plan import _licence, export
from shanghai_plan.citing import DATASET_TITLE

ROOT = pathlib.Path(__file__).parents[1]
CFF = ROOT / "CITATION.cff"


def flat(text: str) -> str:
    return " ".join(text.split())


def top_level_scalars(text: str) -> dict[str, str]:
    """``key: value`` lines at the left margin (a minimal reader for the scalars we check),
    with a ``>-`` folded block read as its joined lines."""
    found: dict[str, str] = {}
    lines = text.splitlines()
    for n, line in enumerate(lines):
        m = re.match(r"^([a-z-]+):\s*(.*)$", line)
        if not m:
            continue
        key, value = m.groups()
        if value == ">-":
            block = []
            for nxt in lines[n + 1 :]:
                if not nxt.startswith("  "):
                    break
                block.append(nxt.strip())
            value = " ".join(block)
        found[key] = value.strip().strip('"')
    return found


def test_the_statement_names_both_licences_and_the_publishers() -> None:
    assert "CC BY 4.0" in _licence.LICENCE
    assert _licence.DATA_LICENCE_URL in _licence.LICENCE
    assert "the code is MIT" in _licence.LICENCE
    assert "the cited sources belong to their publishers" in _licence.LICENCE


@pytest.mark.parametrize("page", ["README.md", "docs/index.md", "docs/howto/cite.md"])
def test_readme_and_docs_state_it(page: str) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    assert flat(_licence.LICENCE) in flat(text)
    if page == "README.md":
        assert flat(_licence.LICENCE) in flat(text.split("## Licence", 1)[1])


def test_the_data_package_and_dataframes_carry_it() -> None:
    descriptor, _ = export.datapackage()
    assert [x["name"] for x in descriptor["licenses"]] == ["CC-BY-4.0", "MIT"]
    assert descriptor["licenses"][0]["path"] == _licence.DATA_LICENCE_URL
    assert _licence.LICENCE in descriptor["description"]
    assert export._metadata("observations")["licence"] == _licence.LICENCE


def test_a_citation_carries_the_data_licence() -> None:
    assert f"Licence {_licence.DATA_LICENCE_NAME} <{_licence.DATA_LICENCE_URL}>" in sp.cite()


def test_citation_cff_names_this_data_release() -> None:
    fields = top_level_scalars(CFF.read_text(encoding="utf-8"))
    assert fields["cff-version"] == "1.2.0"
    assert fields["type"] == "dataset"
    assert fields["version"] == sp.DATA_VERSION, "a data release: update CITATION.cff"
    assert fields["date-released"] == sp.DATA_AS_OF.isoformat(), "update CITATION.cff"
    assert fields["license"] == _licence.DATA_LICENCE
    assert fields["title"] == DATASET_TITLE
    assert flat(_licence.LICENCE) in fields["message"]


def test_citation_cff_is_the_one_the_package_writes() -> None:
    # the zip's CITATION.cff (export.citation_cff) and the repository's are one text
    if not CFF.exists():
        pytest.skip("no source tree here (the wheel test)")
    assert CFF.read_text(encoding="utf-8") == export.citation_cff()


def test_citation_cff_parses_as_yaml_and_names_the_software() -> None:
    yaml = pytest.importorskip("yaml")  # PyYAML comes with the test extra (frictionless)
    data = yaml.safe_load(CFF.read_text(encoding="utf-8"))
    assert data["version"] == sp.DATA_VERSION
    assert data["date-released"] == sp.DATA_AS_OF.isoformat()
    assert data["license"] == _licence.DATA_LICENCE
    assert data["title"] == DATASET_TITLE
    assert data["authors"] == [{"name": "shanghai_plan developers"}]
    (software,) = data["references"]
    assert software["type"] == "software"
    assert software["version"] == sp.__version__
    assert software["license"] == _licence.CODE_LICENCE


def test_the_package_metadata_names_both_licences() -> None:
    pyproject = ROOT / "pyproject.toml"
    if not pyproject.exists():
        pytest.skip("no source tree here (the wheel test): its metadata is the built one")
    (expression,) = re.findall(r'^license = "([^"]+)"', pyproject.read_text("utf-8"), re.M)
    assert expression == f"{_licence.CODE_LICENCE} AND {_licence.DATA_LICENCE}"
