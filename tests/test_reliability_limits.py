"""Hostile and careless input within the size cap (issue 22): bounded time and memory,
a capped list of problems, no stack overflow, nothing unprintable in a message, and no
blocking on a file that is not a regular file.

Each fast test is built from a reproduction in the reliability probe, at a size that runs
in about a second; the slow group (``-m slow``) runs the worst case of each kind at the
16 MiB cap in a child process with a time limit and an address-space limit, so that a
regression fails instead of hanging the suite or the machine.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest

import shanghai_plan as sp
from shanghai_plan import loading


def _refused(text: str | bytes) -> sp.PlanDataError:
    with pytest.raises(sp.PlanDataError) as info:
        sp.loads(text)
    return info.value


def test_duplicate_keys_are_reported_in_linear_time() -> None:
    # D1: 16,000 objects with a duplicated key (218 KiB) took about 30 s.
    text = '{"x": [' + ",".join('{"a":1,"a":1}' for _ in range(16000)) + "]}"
    start = time.perf_counter()
    error = _refused(text)
    assert time.perf_counter() - start < 5
    assert len(error.errors) == loading.MAX_PROBLEMS
    assert error.errors[0].path == "$.x[0].a"
    assert error.errors[99].path == "$.x[99].a"
    # every duplicate counted: 16,000, the unknown key "x" and the 7 missing keys
    assert len(error.errors) + error.more == 16000 + 1 + 7
    assert error.complete
    assert f"and {16008 - 20} more (.errors keeps the first 100)" in str(error)


def test_a_key_given_three_times_is_one_problem() -> None:
    error = _refused('{"a": 1, "a": 2, "a": 3, "b": {"c": 1, "c": 1}}')
    dups = sorted(p.path for p in error.errors if "duplicate key" in p.message)
    assert dups == ["$.a", "$.b.c"]


def test_a_file_of_many_broken_records_keeps_a_capped_list() -> None:
    # D2: a million empty records collected 5 million problems and 8 GiB.
    for item in ("{}", "1", '"x"', "[]"):
        text = '{"targets": [' + ",".join([item] * 200_000) + "]}"
        start = time.perf_counter()
        error = _refused(text)
        assert time.perf_counter() - start < 10, item
        assert len(error.errors) == loading.MAX_PROBLEMS, item
        assert not error.complete, item  # structuring stopped at the limit
        assert "at least" in str(error)
        assert "checking stopped there" in str(error)


def test_many_unknown_keys_are_counted_exactly() -> None:
    text = "{" + ",".join(f'"k{i}": 0' for i in range(50_000)) + "}"
    error = _refused(text)
    assert len(error.errors) == loading.MAX_PROBLEMS
    assert len(error.errors) + error.more == 50_000 + 7  # unknown keys + missing keys
    assert error.complete


def test_a_few_problems_are_all_kept() -> None:
    error = _refused("{}")
    assert (len(error.errors), error.more, error.complete) == (7, 0, True)
    assert "more" not in str(error)


def test_the_capped_error_pickles_with_its_counts() -> None:
    error = sp.PlanDataError([sp.DataProblem("$", "x")], "f.json", more=5, complete=False)
    again = pickle.loads(pickle.dumps(error))
    assert (again.errors, again.source, again.more, again.complete) == (
        error.errors,
        "f.json",
        5,
        False,
    )
    assert str(again) == str(error)


_DEEP = """
import sys
import shanghai_plan as sp
sys.setrecursionlimit(200_000)  # notebooks and some libraries do this
for text in ("[" * 100_000 + "]" * 100_000, '{"a":' * 100_000 + "1" + "}" * 100_000,
             '{"a": "x", "b": ' + "[" * 100_000):
    try:
        sp.loads(text)
    except sp.PlanDataError as exc:
        assert "nested too deeply" in str(exc), exc
    else:
        raise AssertionError("accepted")
print("ok")
"""


def test_deep_nesting_is_refused_even_with_a_raised_recursion_limit() -> None:
    # D3: the C decoder overflowed the stack (SIGSEGV) with the limit at 200,000.
    done = subprocess.run(
        [sys.executable, "-c", _DEEP], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_nesting_at_the_parse_limit_is_parsed_and_one_deeper_is_not() -> None:
    at_limit = '{"a": ' + "[" * (loading.MAX_JSON_DEPTH - 1) + "]" * (loading.MAX_JSON_DEPTH - 1)
    error = _refused(at_limit + "}")
    assert "$.a: unknown key" in str(error)
    beyond = '{"a": ' + "[" * loading.MAX_JSON_DEPTH + "]" * loading.MAX_JSON_DEPTH + "}"
    error = _refused(beyond)
    assert [p.path for p in error.errors] == ["$"]
    assert f"column {6 + loading.MAX_JSON_DEPTH}" in str(error)


@pytest.mark.parametrize(
    "key",
    [
        "\x1b[2J\x1b[31mALL GOOD\x1b[0m",
        "\x1b]8;;https://evil.example\x07x",
        "a\u202eb",
        "\x00",
        "\ud800",
    ],
)
def test_nothing_unprintable_reaches_the_message(key: str) -> None:
    # S3: keys reached validate's output (and logs) raw.
    import json

    error = _refused(json.dumps({key: 1}))
    assert any(key not in p.path and "unknown key" in p.message for p in error.errors)
    message = str(error)
    message.encode("utf-8")
    assert all(line.isprintable() for line in message.splitlines()), message


def test_the_source_name_is_escaped_too() -> None:
    with pytest.raises(sp.PlanDataError) as info:
        sp.loads("{}", source="evil\x1b[2J.json")
    assert str(info.value).startswith("evil\\x1b[2J.json: ")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_load_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.json"
    os.mkfifo(fifo)
    code = f"import shanghai_plan as sp\ntry: sp.load({str(fifo)!r})\nexcept OSError as e: print(e)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "not a regular file" in done.stdout, done.stderr


def test_load_refuses_a_directory_and_a_device(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        sp.load(tmp_path)
    if os.path.exists("/dev/zero"):
        with pytest.raises(OSError, match="not a regular file"):
            sp.load("/dev/zero")


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("16M", TypeError),
        (1.5, TypeError),
        (True, TypeError),
        (float("nan"), TypeError),
        (-1, ValueError),
    ],
)
def test_max_bytes_is_checked_as_the_argument_policy_says(value: object, error: type) -> None:
    with pytest.raises(error, match="max_bytes"):
        sp.loads("{}", max_bytes=value)  # type: ignore[arg-type]
    with pytest.raises(error, match="max_bytes"):
        sp.load("no-such-file.json", max_bytes=value)  # type: ignore[arg-type]


def test_an_int_path_is_refused_before_anything_is_opened() -> None:
    with pytest.raises(TypeError, match="path"):
        sp.load(0)  # type: ignore[arg-type]
    os.fstat(0)  # standard input is still open


# The worst case of each kind at the size cap, each in a child process.
_WORST = """
import resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))
import shanghai_plan as sp
CAP = sp.DEFAULT_MAX_BYTES

def fill(head, unit, last, tail):
    return head + unit * ((CAP - len(head) - len(last) - len(tail)) // len(unit)) + last + tail

KINDS = {
    "duplicate-keys": lambda: fill('{"x": [', '{"a":1,"a":1},', "{}", "]}"),
    "duplicate-key-at-the-end": lambda: fill('{"x": [', '{"a":1,"b":1},', '{"a":1,"a":1}', "]}"),
    "empty-records": lambda: fill('{"targets": [', "{},", "{}", "]}"),
    "wrong-type-items": lambda: fill('{"targets": [', "1,", "1", "]}"),
    "unknown-keys": lambda: fill("{", '"k":0,', '"z":0', "}"),
    "deep-arrays": lambda: "[" * (CAP // 2) + "]" * (CAP // 2),
    "deep-objects": lambda: fill("", '{"a":', "1", ""),
    "escaped-quotes": lambda: fill('["', '\\\\"', "", '"]'),
    "unclosed-string": lambda: fill('["', '\\\\"[', "", ""),
}
sys.setrecursionlimit(200_000)
text = KINDS[sys.argv[1]]()
assert len(text.encode()) <= CAP
start = time.perf_counter()
try:
    sp.loads(text)
except sp.PlanDataError as exc:
    assert len(exc.errors) <= 100, len(exc.errors)
    print(round(time.perf_counter() - start, 1))
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "kind",
    [
        "duplicate-keys",
        "duplicate-key-at-the-end",
        "empty-records",
        "wrong-type-items",
        "unknown-keys",
        "deep-arrays",
        "deep-objects",
        "escaped-quotes",
        "unclosed-string",
    ],
)
def test_worst_case_at_the_size_cap_is_bounded(kind: str) -> None:
    # Measured on the 2-core machine, loaded: at most about 10 s and 700 MiB.
    if sys.platform == "win32":
        pytest.skip("resource limits are POSIX")
    done = subprocess.run(
        [sys.executable, "-c", _WORST, kind], capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip(), "refused with a PlanDataError"
