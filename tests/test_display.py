"""Notebook display: HTML parsed back, short reprs, and a real notebook executed."""

from html.parser import HTMLParser

import pytest

import shanghai_plan as sp
from shanghai_plan.display import html


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs)["href"] or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(markup: str) -> Collect:
    c = Collect()
    c.feed(markup)
    c.close()
    return c


def test_plan_html(plan: sp.Plan) -> None:
    page = parse(plan._repr_html_())  # type: ignore[attr-defined]
    text = " ".join(page.text)
    for ind in plan.industries:
        assert ind.name_zh in text
        assert ind.name_en in text
    assert plan.title("zh") in text
    assert page.tags.count("table") == 2
    assert set(page.links) <= {s.url for s in plan.sources}
    assert page.links


def test_industry_and_target_html() -> None:
    ind = parse(html(sp.industry("AI")))
    assert "人工智能" in " ".join(ind.text)
    assert "Artificial intelligence" in " ".join(ind.text)
    t = sp.target("tgt-chip-design-3nm")
    page = parse(t._repr_html_())  # type: ignore[attr-defined]
    assert "≤ 3 nm" in page.text
    assert sp.source(t.citations[0]).url in page.links


def test_progress_html() -> None:
    results = sp.progress()
    for r in results:
        page = parse(r._repr_html_())  # type: ignore[attr-defined]
        assert r.status.value.replace("_", " ") in page.text
        for o in r.rests_on:
            for c in o.citations:
                assert sp.source(c).url in page.links


def test_html_escapes_text() -> None:
    ind = sp.Industry(
        id="x", name_en="<script>", name_zh="甲", tier=sp.IndustryTier.KEY, citations=()
    )
    assert "<script>" not in html(ind)
    assert "&lt;script&gt;" in html(ind)
    with pytest.raises(TypeError):
        html("nope")  # type: ignore[arg-type]


def test_reprs_are_short(plan: sp.Plan) -> None:
    for obj in (plan, *plan.industries, *plan.targets, *sp.progress()):
        text = repr(obj)
        assert "\n" not in text
        assert len(text) < 300, text


def test_real_notebook_renders() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    cells = [
        "import shanghai_plan as sp\nplan = sp.load()\nplan",
        "sp.industry('AI')",
        "sp.target('tgt-chip-design-3nm')",
        "[r.status.value for r in sp.progress()]",
        "sp.to_dataframe('industries').shape",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nbclient.NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    outputs = [cell.outputs for cell in nb.cells]
    assert all(not any(o.output_type == "error" for o in out) for out in outputs)
    plan_out = outputs[0][0]["data"]
    assert "text/html" in plan_out
    assert "集成电路" in plan_out["text/html"]
    assert "text/html" in outputs[1][0]["data"]
    assert "≤ 3 nm" in outputs[2][0]["data"]["text/html"]
    assert outputs[4][0]["data"]["text/plain"] == f"({len(sp.industries())}, 10)"
