"""The command line, run for real in a subprocess."""

import subprocess
import sys

import shanghai_plan as sp


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shanghai_plan", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_summary_is_the_default() -> None:
    out = run()
    assert out.returncode == 0, out.stderr
    assert out.stdout == run("summary").stdout
    text = out.stdout
    plan = sp.load()
    assert plan.title("zh") in text
    assert "沪府办发〔2021〕12号" in text
    assert "2021–2025" in text
    assert "Leading industries (先导产业): 3" in text
    assert "Key industries (重点产业): 6" in text
    for ind in plan.industries:
        assert f"{ind.name_en} ({ind.name_zh})" in text
    for t in sp.targets():
        assert t.id in text
    for s in plan.sources:
        assert s.url in text


def test_unknown_command_fails_on_stderr() -> None:
    out = run("frobnicate")
    assert out.returncode == 2
    assert "invalid choice" in out.stderr
    assert out.stdout == ""
