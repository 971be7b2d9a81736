"""The command line, run for real in a subprocess."""

import csv
import io
import json
import os
import pathlib
import subprocess
import sys
from collections.abc import Callable

import pytest

import shanghai_plan as sp
from shanghai_plan import _format


def run(*args: str, columns: int | None = None) -> subprocess.CompletedProcess[str]:
    """The command with its output piped; ``columns`` sets ``$COLUMNS`` (else it is unset)."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns is not None:
        env["COLUMNS"] = str(columns)
    return subprocess.run(
        [sys.executable, "-m", "shanghai_plan", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )


def ok(*args: str, columns: int | None = None) -> str:
    out = run(*args, columns=columns)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    return out.stdout


def out(cli: "Run", *args: str, columns: int | None = None) -> str:
    """Standard output of a successful in-process run."""
    status, stdout, stderr = cli(*args, columns=columns)
    assert status == 0, stderr
    assert stderr == ""
    return stdout


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """The command in this process (no interpreter start-up): ``cli(*args, columns=None)``
    returns the exit status, standard output and standard error; ``$COLUMNS`` is set to
    ``columns`` or unset, and standard output is not a terminal."""
    from shanghai_plan.cli import main

    def call(*args: str, columns: int | None = None) -> tuple[int, str, str]:
        if columns is None:
            monkeypatch.delenv("COLUMNS", raising=False)
        else:
            monkeypatch.setenv("COLUMNS", str(columns))
        status = main(list(args))
        out = capsys.readouterr()
        return status, out.out, out.err

    return call


def test_summary_is_the_default() -> None:
    text = ok()
    assert text == ok("summary")
    plan = sp.load()
    assert plan.title("zh") in text
    assert "沪府办发〔2021〕12号" in text
    assert "2021–2025" in text
    assert "Leading industries (先导产业): 3" in text
    assert "Key industries (重点产业): 6" in text
    for ind in plan.industries:
        assert f"{ind.name_en} ({ind.name_zh})" in text
    assert f"Targets: {len(sp.targets())} (" in text
    assert f"Sources: {len(plan.sources)} (" in text


def test_summary_fits_one_screen_and_ends_with_the_qualified_outcome() -> None:
    from shanghai_plan._terminal import display_width

    for lang in ("en", "zh"):
        text = ok("--lang", lang).rstrip("\n")
        lines = text.splitlines()
        assert len(lines) <= 24
        assert max(display_width(line) for line in lines) <= 100
        # the answer is wrapped, never clipped, and comes before the pointer to more
        *_, answer, more = text.split("\n\n")
        assert " ".join(answer.split()) == sp.tally(sp.scorecard())
        assert more.startswith("More: ")
        assert "\n" not in more


def test_scorecard_command_every_format() -> None:
    from shanghai_plan._terminal import display_width

    rows = sp.scorecard()
    text = ok("scorecard").rstrip("\n")
    assert max(display_width(line) for line in text.splitlines()) <= 100  # piped: 100 columns
    tally, table = text.split("\n\n", 1)
    assert " ".join(tally.split()) == sp.tally(rows)  # the qualified answer first, wrapped
    head, _, *lines = table.splitlines()
    # the figure has a column when the widest row leaves room for it, else its own line
    assert head.split() in (
        ["target", "verdict", "(confidence)", "figure"],
        ["target", "verdict", "(confidence)"],
    )
    under = head.split()[-1] != "figure"
    starts = [line for line in lines if not line.startswith(" ")]
    assert [line.split()[0] for line in starts] == [r.target_id for r in rows]
    blocks = table.split("\n" + "tgt-")[1:]  # one block per target: its line, then under it
    for block, r in zip(blocks, rows, strict=True):
        flat = " ".join(block.split())
        first = block.splitlines()[0]
        assert f" {r.verdict}" in first  # "not settled — leans met": the lean on every row
        assert (f"({r.confidence})" in first) is (r.confidence is not None)
        if r.figure is not None:
            assert r.figure_year is not None
            shown = f"{_format.figure(r.figure, r.unit, r.figure_comparator)} in {r.figure_year}"
            assert (f"figure: {shown}" in flat) if under else (shown in first)
        assert f"why: {' '.join(r.why.split())}" in flat  # wrapped, never clipped
        if r.main_caveat is not None:
            assert f"main caveat: {' '.join(r.main_caveat.split())}" in flat
        elif r.missing:
            assert f"missing: {' '.join(r.missing.split())}" in flat
    # one scorecard CSV: the command's is the export's, columns and rows
    assert ok("scorecard", "--format", "csv") == sp.to_csv("scorecard")
    assert json.loads(ok("scorecard", "--format", "json")) == json.loads(
        json.dumps(sp.to_records("scorecard"))
    )
    header = ok("scorecard", "--format", "csv").splitlines()[0]
    assert header == ok("export", "scorecard").splitlines()[0]
    assert header.split(",")[:3] == ["target_id", "document_id", "is_plan_target"]
    every = list(csv.DictReader(io.StringIO(ok("scorecard", "--all-documents", "--format", "csv"))))
    assert len(every) == len(sp.scorecard(all_documents=True))
    doc = "doc-sh-am-action-2023-2025"
    tally, table = ok("scorecard", "--document", doc).rstrip("\n").split("\n\n", 1)
    assert " ".join(tally.split()) == sp.tally(sp.scorecard(document=doc), whose="this document's")
    assert table.count(f"    document: {doc}\n") + table.endswith(doc) == len(
        sp.scorecard(document=doc)
    )


def test_version_names_code_and_data() -> None:
    out = ok("--version").strip()
    plan = sp.load()
    assert out == (
        f"shanghai-plan {sp.__version__} (data {plan.data_version}, "
        f"checked up to {plan.data_as_of.isoformat()})"
    )


def test_export_plan_as_csv_is_an_error() -> None:
    out = run("export", "plan", "--format", "csv")
    assert out.returncode == 2
    assert out.stdout == ""
    assert "whole plan as JSON" in out.stderr
    assert json.loads(ok("export", "plan", "--format", "json"))["id"] == sp.load().id
    assert ok("export", "targets").startswith("id,")


def test_summary_in_chinese_first() -> None:
    text = ok("--lang", "zh")
    assert text.splitlines()[0] == sp.load().title("zh")
    assert "集成电路 (Integrated circuits)" in text


def test_industries_table_and_lang() -> None:
    en = ok("industries", "--tier", "leading").splitlines()
    assert en[0].split() == ["id", "name_en", "tier", "aliases"]
    assert len(en) == 2 + 3
    zh = ok("--lang", "zh", "industries")
    assert zh == ok("industries", "--lang", "zh")
    assert "时尚消费品" in zh


def test_targets_filters_and_formats() -> None:
    rows = json.loads(ok("targets", "--industry", "集成电路", "--format", "json"))
    assert {r["id"] for r in rows} == {t.id for t in sp.targets(industry="集成电路")}
    table = ok("targets", "--year", "2025", "--kind", "qualitative")
    for t in sp.targets(year=2025, kind="qualitative"):
        assert t.id in table
    csv_rows = list(csv.DictReader(io.StringIO(ok("targets", "--format", "csv"))))
    assert [r["id"] for r in csv_rows] == [t.id for t in sp.targets()]


def test_show_any_record() -> None:
    text = ok("show", "tgt-chip-design-3nm")
    assert "Target tgt-chip-design-3nm" in text
    assert "Global Times" in text
    data = json.loads(ok("show", "artificial-intelligence", "--format", "json"))
    assert data["name_zh"] == "人工智能"


def test_search_prints_hits() -> None:
    assert "ctx-dual-circulation" in ok("search", "双循环")
    assert json.loads(ok("search", "zzzz", "--format", "json")) == []


def test_progress_and_sources() -> None:
    rows = json.loads(ok("progress", "--format", "json"))
    assert [r["target_id"] for r in rows] == [p.target_id for p in sp.progress()]
    assert {r["status"] for r in rows} <= {s.value for s in sp.Status}
    for r, p in zip(rows, sp.progress(), strict=True):  # the verdict's own figure and year
        assert (r["figure"], r["figure_year"]) == (p.figure, p.figure_year)
        assert r["figure_comparator"] == (p.figure_comparator and p.figure_comparator.value)
    srcs = json.loads(ok("sources", "--confidence", "primary", "--format", "json"))
    assert {r["id"] for r in srcs} == {s.id for s in sp.sources("primary")}


@pytest.mark.parametrize("kind", sp.RECORD_KINDS)
def test_export_every_kind(kind: str) -> None:
    assert json.loads(ok("export", kind, "--format", "json")) == json.loads(
        json.dumps(sp.to_records(kind))  # type: ignore[arg-type]
    )
    assert ok("export", kind) == sp.to_csv(kind)  # type: ignore[arg-type]


def test_export_plan_to_file_round_trips(tmp_path: pathlib.Path) -> None:
    f = tmp_path / "plan.json"
    assert ok("export", "plan", "-o", str(f)) == ""
    assert sp.load(f) == sp.load()
    assert "valid plan 'sh-am-14fyp'" in ok("validate", str(f))


def test_validate_reports_json_paths(tmp_path: pathlib.Path) -> None:
    data = json.loads(sp.dumps())
    data["targets"][0]["year"] = "2025"
    data["industries"][0]["colour"] = "red"
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(data), encoding="utf-8")
    out = run("validate", str(f))
    assert out.returncode == 1
    assert out.stdout == ""
    assert "$.targets[0].year: expected an integer" in out.stderr
    assert "$.industries[0].colour: unknown key" in out.stderr
    small = run("validate", str(f), "--max-bytes", "10")
    assert "larger than the limit of 10 bytes" in small.stderr


def test_errors_go_to_stderr_with_nonzero_exit() -> None:
    bad = run("targets", "--industry", "artifical inteligence")
    assert bad.returncode == 1
    assert bad.stdout == ""
    assert "no industry matches 'artifical inteligence'; did you mean" in bad.stderr
    missing = run("show", "tgt-chip-design")
    assert missing.returncode == 1
    assert "tgt-chip-design-3nm" in missing.stderr
    nofile = run("validate", "/nonexistent/plan.json")
    assert nofile.returncode == 1
    assert "No such file" in nofile.stderr
    usage = run("frobnicate")
    assert usage.returncode == 2
    assert "invalid choice" in usage.stderr


@pytest.mark.parametrize(
    "command",
    [
        "summary",
        "industries",
        "targets",
        "show",
        "search",
        "progress",
        "sources",
        "export",
        "validate",
    ],
)
def test_help_on_every_subcommand(command: str) -> None:
    text = ok(command, "--help")
    assert text.startswith(f"usage: shanghai-plan {command}")


def test_console_script_is_installed() -> None:
    exe = pathlib.Path(sys.executable).with_name("shanghai-plan")
    out = subprocess.run([str(exe), "industries"], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert "integrated-circuits" in out.stdout


@pytest.mark.parametrize("command", ["export observations", "scorecard", ""])
def test_pipe_closed_early_is_quiet(command: str) -> None:
    cmd = f"{sys.executable} -m shanghai_plan {command} | head -c 10"
    out = subprocess.run(cmd, shell=True, capture_output=True, text=True, check=False)
    assert out.stderr == ""


def test_export_datapackage_writes_a_zip(tmp_path: pathlib.Path) -> None:
    import zipfile

    out = tmp_path / "out.zip"
    assert ok("export", "--datapackage", str(out)) == f"wrote {out}\n"
    with zipfile.ZipFile(out) as z:
        assert {"datapackage.json", "scorecard.csv", "README.md", "CITATION.cff"} <= set(
            z.namelist()
        )


def test_short_version_flag() -> None:
    assert ok("-V") == ok("--version")


def test_show_a_target_reads_as_text_with_its_verdict(cli: Run) -> None:
    p = sp.progress("tgt-industrial-investment-850bn")
    plan = sp.load()
    text = out(cli, "show", p.target_id)
    flat = " ".join(text.split())
    assert text.startswith(f"Target {p.target_id}\n")
    assert '{"' not in text
    assert '["' not in text
    assert f"statement: {' '.join(p.target.statement.split())}" in flat  # whole, not cut
    assert p.target.quantity is not None
    q = p.target.quantity
    assert f"quantity: {_format.figure(q.value, q.unit, q.comparator)}" in flat
    for c in p.target.citations:  # every source: title — locator [confidence]
        src = next(s for s in plan.sources if s.id == c.source_id)
        shown = f"{src.title} ({src.publisher}) — {c.locator} [{src.confidence.value}]"
        assert " ".join(shown.split()) in flat
    assert p.confidence is not None
    assert p.figure is not None
    assert f"verdict: {p.verdict} (confidence: {p.confidence.value})" in flat
    figure = _format.figure(p.figure, p.unit, p.figure_comparator)
    # not settled: the figure found is not called the deciding one, and a sum says so
    assert f"figure found (not enough to settle it): {figure} in 2025, a sum over the years" in flat
    assert "deciding figure" not in flat
    assert p.main_caveat is not None
    # the main caveat right under the verdict, before the figure
    assert flat.index("main caveat: ") < flat.index("figure found")
    assert f"main caveat: {' '.join(p.main_caveat.split())}" in flat
    assert f"shanghai-plan progress {p.target_id}" in flat


def test_show_an_observation_in_its_indicators_unit(cli: Run) -> None:
    ind = sp.indicator("ind-industrial-investment-cumulative")
    o = ind.observations[0]
    text = " ".join(out(cli, "show", o.id).split())
    assert f"value: {_format.number(o.value)}" in text
    assert f"figure: {_format.figure(o.value, ind.unit, o.comparator)} ({ind.id}: " in text
    assert f"year: {o.year}" in text
    assert f"{o.year}" in out(cli, "show", ind.id)
    assert _format.figure(o.value, ind.unit, o.comparator) in " ".join(
        out(cli, "show", ind.id).split()
    )


def test_progress_of_one_target_in_full(cli: Run) -> None:
    for target_id in ("tgt-leading-three-double", "tgt-industrial-investment-850bn"):
        p = sp.progress(target_id)
        flat = " ".join(out(cli, "progress", target_id).split())
        assert f"verdict: {p.verdict}" in flat
        assert p.figure is not None
        figure = _format.figure(p.figure, p.unit, p.figure_comparator)
        when = _format.when(p.figure_year, p.target.aggregation)
        settled = p.status in (sp.Status.MET, sp.Status.NOT_MET)
        label = "deciding figure" if settled else "figure found (not enough to settle it)"
        assert f"{label}: {figure} in {when}" in flat
        for caveat in p.caveats:
            assert " ".join(caveat.split()) in flat
        if p.missing:
            assert f"what would settle it: {' '.join(p.missing.split())}" in flat
        if p.lean_note:
            assert " ".join(p.lean_note.split()) in flat
        # the latest observation, where it is not the deciding figure, is labelled as such
        latest = p.latest
        if latest is not None and (latest.year, latest.value) != (p.figure_year, p.figure):
            assert "latest observation (not the figure above): " in flat
            assert f"in {latest.year} — {latest.id}" in flat
    one = json.loads(out(cli, "progress", "tgt-nev-output-1-2m", "--format", "json"))
    assert [r["target_id"] for r in one] == ["tgt-nev-output-1-2m"]
    status, _, stderr = cli("progress", "tgt-nev-output")
    assert status == 1
    assert "did you mean" in stderr
    assert "tgt-nev-output-1-2m" in stderr


def test_progress_table_shows_the_deciding_figure_formatted(cli: Run) -> None:
    text = out(cli, "progress", columns=400)
    head, _, *lines = text.splitlines()
    assert head.split("  ")[0:1] == ["target"]
    for token in ("verdict", "confidence", "figure", "goal", "share of goal"):
        assert token in head
    for word in ("latest", "no data", "no_data"):
        assert word not in text
    for line, p in zip(lines, sp.progress(), strict=True):
        assert line.startswith(p.target_id + " ")
        assert f"  {p.verdict}" in line
        if p.confidence is not None:
            assert f"  {p.confidence.value}" in line
        if p.figure is not None:
            shown = _format.figure(p.figure, p.unit, p.figure_comparator)
            assert f"  {shown} in {_format.when(p.figure_year, p.target.aggregation)}" in line
        if p.share_of_goal is not None:  # with the figure's bound: a lower bound's share is one
            share = f"{_format.number(p.share_of_goal, digits=3)} %"
            assert share in line
            if p.figure_comparator is sp.Comparator.MORE_THAN:
                assert f"> {share}" in line
            if p.figure_year is not None and p.target.year and p.figure_year < p.target.year:
                assert f"(the {p.figure_year} figure; the goal is for {p.target.year})" in line
    assert "every target of the plan" in ok("progress", "--help")


@pytest.mark.parametrize("columns", [60, 100])
def test_tables_fit_columns_and_keep_ids(cli: Run, columns: int) -> None:
    from shanghai_plan._terminal import display_width

    for command in (["targets"], ["progress"], ["search", "chips"], ["sources"], ["industries"]):
        text = out(cli, *command, columns=columns)
        for line in text.splitlines():  # only a word longer than the width (a URL) sticks out
            assert display_width(line) <= columns or len(line.split()) == 1, (command, line)
    starts = [line.split()[0] for line in out(cli, "targets", columns=columns).splitlines()[2:]]
    assert [s for s in starts if s.startswith("tgt-")] == [t.id for t in sp.targets()]


def test_tables_piped_without_columns_keep_every_character(cli: Run) -> None:
    text = out(cli, "targets")
    for t in sp.targets():
        line = next(line for line in text.splitlines() if line.startswith(t.id + " "))
        assert f"  {' '.join(t.statement.split())}  " in line + "  "  # whole, not cut
        assert line.endswith(", ".join(t.industry_ids))
    assert "COLUMNS" in ok("--help")


def test_a_key_with_nothing_close_says_where_to_look(cli: Run) -> None:
    for args, hint in (
        (("show", "nope"), "(shanghai-plan search nope looks in names and text)"),
        (("progress", "nope"), "(shanghai-plan search nope looks in names and text)"),
        (("targets", "--industry", "zzz"), "(shanghai-plan industries lists them)"),
    ):
        status, _, stderr = cli(*args)
        assert status == 1
        assert stderr.rstrip("\n").endswith(hint), stderr
    # with suggestions, they are the hint
    close = cli("show", "tgt-nev-outptu-1-2m")[2]
    assert "did you mean 'tgt-nev-output-1-2m'" in close
    assert "search" not in close


def test_progress_of_one_target_takes_no_document(cli: Run) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli("progress", "tgt-nev-output-1-2m", "--all-documents")
    assert exit_.value.code == 2
