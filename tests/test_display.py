"""Notebook display: HTML parsed back, short reprs, and a real notebook executed."""

from html.parser import HTMLParser

import pytest

import shanghai_plan as sp
from shanghai_plan import _format
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
        assert r.verdict in page.text  # "not settled — leans met", never "no data"
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


@pytest.mark.slow  # starts a notebook kernel: .ci/run runs it
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


class Cells(HTMLParser):
    """Every table cell's inline style and text."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[str, str]] = []
        self._open: list[str] | None = None
        self._style = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("td", "th"):
            self._open, self._style = [], dict(attrs).get("style") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._open is not None:
            self.cells.append((self._style, "".join(self._open).strip()))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


def cells(markup: str) -> list[tuple[str, str]]:
    c = Cells()
    c.feed(markup)
    c.close()
    return c.cells


def every_record(plan: sp.Plan) -> list[object]:
    found: list[object] = [
        plan,
        *plan.industries,
        *sp.targets(all_documents=True),
        *plan.sources,
        *plan.indicators,
        *plan.conflicts,
        *plan.findings,
        *plan.gaps,
        *sp.progress(all_documents=True),
        *sp.scorecard(all_documents=True),
        sp.series("ind-gross-industrial-output", partial=True),
    ]
    return found


def test_every_record_kind_has_html_with_aligned_cells(plan: sp.Plan) -> None:
    kinds = set()
    for obj in every_record(plan):
        markup = obj._repr_html_()  # type: ignore[attr-defined]
        kinds.add(type(obj).__name__)
        found = cells(markup)
        assert found, type(obj)
        for style, text in found:
            # an inline alignment on every cell: the notebook's CSS cannot right-align text
            assert "text-align:left" in style or "text-align:right" in style, (obj, text)
            if "text-align:right" in style:
                assert text == "—" or any(ch.isdigit() for ch in text), text
        assert "e+" not in markup.replace("Source", "")
    assert {"Source", "Indicator", "ScorecardRow", "Progress", "Series"} <= kinds


def test_indicator_html_shows_its_series() -> None:
    ind = sp.indicator("ind-software-revenue")
    text = [t for _, t in cells(html(ind))]
    s = sp.series(ind, partial=True)
    for year in s.years:
        assert str(year) in text
    assert "sources disagree" in " ".join(text)  # its 2021 figures differ
    shown = {_format.figure(o.value, s.unit, o.comparator) for p in s for o in p.figures}
    assert shown <= set(text)


def test_scorecard_is_a_tuple_that_shows_as_a_table() -> None:
    rows = sp.scorecard()
    assert isinstance(rows, tuple)
    assert isinstance(rows, sp.Scorecard)
    markup = rows._repr_html_()
    text = " ".join(t for _, t in cells(markup))
    assert rows.tally in parse(markup).text  # the qualified answer above the table
    for r in rows:  # every row carries its verdict (with the lean) and its main caveat
        assert r.target_id in text
        assert r.verdict in text
        assert (r.main_caveat or "—") in text
    assert markup.count("<tr>") == len(rows) + 1


def test_show_tables_one_kind_of_record(plan: sp.Plan) -> None:
    table = sp.show(sp.targets())
    assert repr(table) == f"<Table: {len(sp.targets())} × Target>"
    assert table._repr_html_().count("<tr>") == len(sp.targets()) + 1
    for records in (plan.industries, plan.sources, plan.indicators, sp.progress()):
        assert sp.show(records)._repr_html_().count("<tr>") == len(records) + 1
    with pytest.raises(TypeError, match="mixture"):
        sp.show([plan.industries[0], plan.targets[0]])
    with pytest.raises(TypeError, match="no table display"):
        sp.show(["a"])
