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
        "sp.search('cars')",
        "sp.show(sp.search('cars')[:3])",
        "sp.scorecard()",
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
    hits = sp.search("cars")
    assert outputs[5][0]["data"]["text/html"].count("<tr>") == len(hits) + 1
    assert outputs[6][0]["data"]["text/html"].count("<tr>") == 3 + 1
    assert sp.scorecard().tally in outputs[7][0]["data"]["text/html"]
    for out in outputs:  # the status reads "not settled" wherever a reader sees it
        for o in out:
            assert "no data" not in o.get("data", {}).get("text/html", "")


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


def rows_of(markup: str) -> dict[str, str]:
    """Each table row's markup, by the record id in its first ``<code>``."""
    found = {}
    for row in markup.split("<tr>")[1:]:
        if "<code>" in row:
            found[row.split("<code>", 1)[1].split("</code>", 1)[0]] = row
    return found


def test_search_hits_show_as_a_table() -> None:
    hits = sp.search("cars")
    assert isinstance(hits, tuple)
    assert isinstance(hits, sp.SearchHits)
    markup = hits._repr_html_()
    rows = rows_of(markup)
    assert list(rows) == [h.id for h in hits]  # one row per hit, best first
    nev = rows["ind-nev-production"]
    assert "New-energy vehicle production" in nev  # the record's name, not a repr
    assert "via “new energy vehicle”" in nev  # and how it matched
    assert "SearchHit(" not in markup
    assert sp.show(hits[:3])._repr_html_().count("<tr>") == 3 + 1
    assert sp.search("zzzz-nothing") == ()
    assert sp.search("zzzz-nothing")._repr_html_()  # an empty result still displays


def test_plan_card_shows_each_targets_status(plan: sp.Plan) -> None:
    rows = rows_of(plan._repr_html_())  # type: ignore[attr-defined]
    card = sp.scorecard()
    for r in card:
        shown = parse(rows[r.target_id]).text
        assert r.verdict in shown  # the one wording, lean included
        assert r.confidence is None or f"confidence: {r.confidence.value}" in shown


def test_every_view_shows_the_verdicts_own_figure() -> None:
    """The progress card, the scorecard row card and both tables give a verdict the same
    figure, bound and year: the ones the scorecard row carries."""
    card = {r.target_id: r for r in sp.scorecard()}
    progress_table = rows_of(sp.show(sp.progress())._repr_html_())
    scorecard_table = rows_of(sp.scorecard()._repr_html_())
    for p in sp.progress():
        r = card[p.target_id]
        assert (r.figure, r.figure_comparator, r.figure_year) == (
            p.figure,
            p.figure_comparator,
            p.figure_year,
        )
        shown = "—" if p.figure is None else _format.figure(p.figure, p.unit, p.figure_comparator)
        year = "—" if p.figure_year is None else str(p.figure_year)
        for markup in (
            progress_table[p.target_id],
            scorecard_table[p.target_id],
            html(p),
            html(r),
        ):
            text = parse(markup).text
            assert shown in text, (p.target_id, markup)
            assert year in text
            assert "no data" not in markup
    bound = [p for p in sp.progress() if p.figure_comparator not in (None, sp.Comparator.EXACTLY)]
    assert bound  # the bound sign is shown where a verdict has one ("> 2 trillion yuan")
