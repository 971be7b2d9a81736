"""Seen in a real browser: the docs scorecard page and a rendered notebook, in headless Chromium.

Checked as a reader sees them: text cells and prose computed left-aligned (JupyterLab's and
classic Jupyter's stylesheets right-align table cells), Chinese text drawn with a CJK
platform font (the font Chromium actually used, not the CSS list), every chart image
loaded.  Screenshots and the rendered notebooks are written to ``build/screenshots/`` for a
developer to open.  Skipped, with the reason, where no Chromium is installed.
"""

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import shanghai_plan as sp
from tests.browser import Browser, chromium

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "build" / "screenshots"
CJK_FONT = re.compile(r"CJK|Han Sans|Han Serif|WenQuanYi|Droid Sans Fallback|Noto Sans SC", re.I)

pytestmark = [
    pytest.mark.slow,  # a real browser: .ci/run runs these
    pytest.mark.skipif(
        chromium() is None,
        reason="no chromium on PATH: apt-get install -y chromium fonts-noto-cjk "
        "(.ci/run installs them when it runs as root)",
    ),
]

# Marks the first element whose own text has Chinese characters, and returns that text.
MARK_CJK = """(() => {
  for (const root of document.querySelectorAll(%s)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (/[\\u4e00-\\u9fff]/.test(n.textContent) && n.parentElement.offsetWidth > 0) {
        n.parentElement.setAttribute('data-cjk', '1');
        return n.textContent.trim();
      }
    }
  }
  return null;
})()"""

# Every table cell under a root: its text, computed alignment and inline style.
CELLS = """Array.from(document.querySelectorAll(%s)).map(c => [
  c.textContent.trim().slice(0, 400), getComputedStyle(c).textAlign, c.getAttribute('style') || ''
])"""


def is_figure(text: str) -> bool:
    """A cell that holds a figure, a year or nothing: those may be right-aligned."""
    return re.match(r"([—-]?$|[\d≈≥≤<>×])", text) is not None


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with Browser() as b:
        yield b


@pytest.fixture(scope="module")
def docs_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built scorecard page: CI's docs build when it is newer than every file under
    docs/, else a fresh build."""
    built = ROOT / "docs" / "_build" / "html" / "scorecard.html"
    sources = [p for p in (ROOT / "docs").rglob("*") if "_build" not in p.parts and p.is_file()]
    if built.exists() and built.stat().st_mtime >= max(p.stat().st_mtime for p in sources):
        return built
    pytest.importorskip("sphinx", reason="building the docs needs the docs extra")
    pytest.importorskip("myst_parser", reason="building the docs needs the docs extra")
    pytest.importorskip("furo", reason="building the docs needs the docs extra")
    out = tmp_path_factory.mktemp("html")
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(ROOT / "docs"), str(out)],
        check=True,
        capture_output=True,
    )
    return out / "scorecard.html"


def check_cells(b: Browser, selector: str) -> list[list[Any]]:
    cells: list[list[Any]] = b.evaluate(CELLS % repr(selector))
    assert cells, f"no table cells under {selector}"
    wrong = [c for c in cells if c[1] not in ("left", "start") and not is_figure(c[0])]
    assert wrong == [], f"text cells not left-aligned: {wrong[:5]}"
    return cells


def check_cjk(b: Browser, root: str) -> str:
    text = b.evaluate(MARK_CJK % repr(root))
    assert text, f"no Chinese text under {root}"
    fonts = b.fonts_for("[data-cjk]")
    assert any(CJK_FONT.search(f) for f in fonts), (
        f"{text!r} rendered with {fonts}: no CJK font (apt-get install fonts-noto-cjk)"
    )
    return text


# Layout within the window: every table as wide as its box at most (no clipped or scrolled
# columns), nothing wider than the window; and every verdict badge with its colour.
LAYOUT = """(() => ({
  page: document.documentElement.scrollWidth,
  window: window.innerWidth,
  tables: Array.from(document.querySelectorAll('article table')).map(t => [
    Math.round(t.getBoundingClientRect().right), t.scrollWidth, t.parentElement.clientWidth
  ]),
  badges: Array.from(document.querySelectorAll('article .sp-badge')).map(b => [
    b.textContent, getComputedStyle(b).backgroundColor, getComputedStyle(b).color
  ]),
}))()"""


def check_layout(b: Browser) -> list[list[str]]:
    """Nothing wider than the window, no table wider than its box; the badges, coloured."""
    found = b.evaluate(LAYOUT)
    assert found["page"] <= found["window"], found
    wide = [t for t in found["tables"] if t[0] > found["window"] or t[1] > t[2] + 1]
    assert wide == [], f"tables wider than the column (right edge, width, box): {wide}"
    badges: list[list[str]] = found["badges"]
    assert badges, "no verdict badge"
    plain = [x for x in badges if x[1] in ("rgba(0, 0, 0, 0)", "transparent")]
    assert plain == [], f"badges without a colour: {plain}"
    colours = {x[0]: x[1] for x in badges}
    if "met" in colours and "not settled" in colours:
        assert colours["met"] != colours["not settled"]
    return badges


def test_scorecard_page_as_a_reader_sees_it(browser: Browser, docs_html: Path) -> None:
    browser.open(docs_html)
    assert browser.evaluate("document.title").startswith("Did the plan deliver?")
    badges = check_layout(browser)
    rows = sp.scorecard()
    assert [x[0] for x in badges] == [r.verdict for r in rows]
    links = browser.evaluate(
        "Array.from(document.querySelectorAll('article td a')).map(a => a.getAttribute('href'))"
    )
    assert links == [f"targets/{r.target_id}.html" for r in rows]
    text = browser.evaluate("document.querySelector('article').innerText")
    assert sp.tally(rows) in text.replace("’", "'")  # Sphinx's smart quotes
    cells = check_cells(browser, "article td, article th")
    assert len(cells) == 5 * (len(rows) + 1)
    prose = browser.evaluate(
        "Array.from(document.querySelectorAll('article p')).map(p => getComputedStyle(p).textAlign)"
    )
    assert set(prose) <= {"left", "start"}, set(prose)
    check_cjk(browser, "article")
    browser.screenshot(SHOTS / "scorecard-page.png")
    # the 2023 revision's targets: the same compact table, and their charts
    browser.open(docs_html.with_name("revision-2023.html"))
    revision = sp.scorecard(document="doc-sh-am-action-2023-2025")
    assert [x[0] for x in check_layout(browser)][: len(revision)] == [r.verdict for r in revision]
    images = browser.evaluate(
        "Array.from(document.querySelectorAll('article img')).map(i => i.naturalWidth)"
    )
    assert images
    assert all(width > 0 for width in images), images
    browser.screenshot(SHOTS / "revision-2023-page.png")


# The SVG beside a chart, fetched as the page links it ("SVG for embedding") and parsed.
FETCH_SVG = """(() => {
  const a = Array.from(document.querySelectorAll('article a')).find(
    a => a.textContent.includes('SVG for embedding'));
  if (!a) return null;
  const x = new XMLHttpRequest();
  x.open('GET', a.href, false);
  x.send();
  const svg = new DOMParser().parseFromString(x.responseText, 'image/svg+xml');
  return svg.querySelector('parsererror') ? 'not SVG: ' + x.responseText.slice(0, 200)
    : svg.documentElement.outerHTML.slice(0, 400);
})()"""


@pytest.mark.parametrize(
    "target_id",
    [
        "tgt-nev-output-1-2m",  # a chart of many years, partial years among them
        "tgt-trillion-level-clusters-2",  # a chart of a single point
        "tgt-world-class-auto-centre",  # no figure: judged on findings, no chart
    ],
)
def test_target_page_as_a_reader_sees_it(browser: Browser, docs_html: Path, target_id: str) -> None:
    t = sp.target(target_id)
    r = sp.progress(t)
    browser.open(docs_html.parent / "targets" / f"{target_id}.html")
    assert browser.evaluate("document.title").startswith(t.statement.rstrip("."))
    badges = check_layout(browser)
    assert badges[0][0] == r.verdict
    text = browser.evaluate("document.querySelector('article').innerText")
    assert sp.cite(r).splitlines()[0] in text.replace("’", "'")
    images = browser.evaluate(
        "Array.from(document.querySelectorAll('article img')).map(i => "
        "[i.getAttribute('src'), i.complete, i.naturalWidth])"
    )
    charted = t.indicator_id is not None and len(sp.series(t, partial=True)) > 0
    assert len(images) == int(charted)
    assert all(ok and width > 0 for _, ok, width in images), images
    svg = browser.evaluate(FETCH_SVG)
    if charted:
        assert svg is not None, "no link to the SVG"
        assert "<svg" in svg, svg
    else:
        assert svg is None
    check_cells(browser, "article td, article th")
    if t.term_zh or (t.quantity and t.quantity.wording) or "沪" in text:
        check_cjk(browser, "article")
    browser.screenshot(SHOTS / f"target-{target_id}.png")


def test_docs_search_finds_the_scorecard_first(browser: Browser, docs_html: Path) -> None:
    """Sphinx's own search page, asked what readers type: the scorecard comes first."""
    search = docs_html.with_name("search.html").resolve().as_uri()
    for query in ("did shanghai hit its targets", "did shanghai hit 2025 targets"):
        browser.evaluate("window.spOldPage = true")  # to tell the old page from the new
        browser.send("Page.navigate", url=f"{search}?q={query.replace(' ', '+')}")
        hrefs: list[str] = []
        for _ in range(100):
            hrefs = browser.evaluate(
                "window.spOldPage ? [] : Array.from(document.querySelectorAll("
                "'#search-results li a')).map(a => a.getAttribute('href'))"
            )
            if hrefs:
                break
            time.sleep(0.1)
        assert hrefs, f"no result for {query!r}"
        assert hrefs[0].split("#")[0].endswith("scorecard.html"), (query, hrefs[:5])
    browser.screenshot(SHOTS / "search-did-shanghai-hit-its-targets.png", max_height=900)


@pytest.fixture(scope="module")
def notebooks() -> dict[str, Path]:
    """A notebook that shows the scorecard, an industry and an indicator, executed and
    rendered to HTML with nbconvert's JupyterLab and classic templates."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nbconvert = pytest.importorskip("nbconvert")
    pytest.importorskip("ipykernel")
    cells = [
        nbformat.v4.new_markdown_cell(
            "# Did the plan deliver?\n\nThe scorecard of 上海市先进制造业发展规划, "
            "then one industry and one indicator."
        ),
        nbformat.v4.new_code_cell("import shanghai_plan as sp\nsp.scorecard()"),
        nbformat.v4.new_code_cell("sp.industry('AI')"),
        nbformat.v4.new_code_cell("sp.indicator('ind-nev-production')"),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    found = {}
    for template in ("lab", "classic"):
        exporter = nbconvert.HTMLExporter(template_name=template)
        body, _ = exporter.from_notebook_node(nb)
        path = SHOTS / f"notebook-{template}.html"
        path.write_text(body, encoding="utf-8")
        found[template] = path
    return found


@pytest.mark.parametrize(
    ("template", "outputs", "prose"),
    [
        ("lab", ".jp-OutputArea-output", ".jp-RenderedMarkdown p"),
        ("classic", ".output_html", ".text_cell_render p"),
    ],
)
def test_notebook_as_a_reader_sees_it(
    browser: Browser, notebooks: dict[str, Path], template: str, outputs: str, prose: str
) -> None:
    browser.open(notebooks[template])
    # the notebook's own stylesheet: a plain table cell in an output, as Jupyter aligns it
    bare = browser.evaluate(
        f"(() => {{ const o = document.querySelector({outputs!r}); const t = "
        "document.createElement('table'); t.innerHTML = '<tr><td>x</td></tr>'; "
        "o.appendChild(t); const a = getComputedStyle(t.querySelector('td')).textAlign; "
        "t.remove(); return a; })()"
    )
    cells = check_cells(browser, f"{outputs} td, {outputs} th")
    assert any(not is_figure(c[0]) for c in cells)
    text = " ".join(c[0] for c in cells)
    for r in sp.scorecard():
        assert r.target_id in text
    aligned = browser.evaluate(
        f"Array.from(document.querySelectorAll({prose!r})).map(p => getComputedStyle(p).textAlign)"
    )
    assert aligned, f"no prose under {prose}"
    assert set(aligned) <= {"left", "start"}, (aligned, f"plain cells align {bare}")
    check_cjk(browser, outputs)
    browser.screenshot(SHOTS / f"notebook-{template}.png")
