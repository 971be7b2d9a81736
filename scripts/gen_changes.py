"""Write the bundled data's record of changes (``src/shanghai_plan/data/changes.json``).

    python scripts/gen_changes.py                     # the release before, found in git
    python scripts/gen_changes.py --previous REV      # a git revision (commit, tag, branch)
    python scripts/gen_changes.py --previous FILE     # or a plan file
    python scripts/gen_changes.py --check             # exit 1 if the entry is stale

Compares the bundled plan file (the release) with the previous release's file and writes
the release's entry — added, changed and removed records, and the verdicts that changed —
replacing an entry of the same version.  Without ``--previous``, the previous release is
the newest commit whose ``plan.json`` has another ``data_version``
(:func:`previous_release`).

Records are the JSON objects with an ``id``, their kinds those of the ``records`` table;
a changed record lists its keys whose values differ, nested records counted by their ids
(:func:`record_diff`).  Verdicts are ``scorecard(all_documents=True)`` on both files with
this code; a verdict changed when a target in both has another status, lean or
confidence.

On success it also sets ``CITATION.cff``'s ``version`` and ``date-released`` to the
release's; then run ``python docs/gen_changes.py`` for the docs page.

Every verdict change needs a reason, written by hand in ``scripts/changes-reasons.json``
(``{"2026.6": {"tgt-…": "why"}}``).  A missing reason stops the script before anything is
written: it adds a ``"TODO: …"`` placeholder for each to that file, to be replaced by the
reason; a placeholder or a reason for a verdict that did not change also stops it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import shanghai_plan as sp
from shanghai_plan.loading import read_bundled_bytes

ROOT = Path(__file__).resolve().parents[1]
PLAN_PATH = "src/shanghai_plan/data/plan.json"
CHANGES = ROOT / "src" / "shanghai_plan" / "data" / "changes.json"
REASONS = Path(__file__).with_name("changes-reasons.json")
CITATION = ROOT / "CITATION.cff"
TODO = "TODO"


# ------------------------------------------------------------------ the records


def _records(node: Any) -> Iterator[dict[str, Any]]:
    """Every object with an ``id`` in the JSON, outermost first."""
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            yield node
        for value in node.values():
            yield from _records(value)
    elif isinstance(node, list):
        for value in node:
            yield from _records(value)


def _shallow(node: Any) -> Any:
    """``node`` with every nested record replaced by its id."""
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            return {"$id": node["id"]}
        return {k: _shallow(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_shallow(v) for v in node]
    return node


def _fields(record: dict[str, Any]) -> dict[str, Any]:
    return {k: _shallow(v) for k, v in record.items()}


def record_diff(
    old: dict[str, Any], new: dict[str, Any], kinds: dict[str, str]
) -> list[dict[str, Any]]:
    """The records added, changed (with the keys that differ) and removed from ``old`` to
    ``new`` (two plan files as JSON), sorted by kind then id; ``kinds`` names each id's
    kind (the ``records`` tables of both plans)."""
    before = {r["id"]: _fields(r) for r in _records(old)}
    after = {r["id"]: _fields(r) for r in _records(new)}
    out: list[dict[str, Any]] = []
    for rid in before.keys() | after.keys():
        entry: dict[str, Any] = {"id": rid, "kind": kinds[rid]}
        if rid not in before:
            entry["change"] = "added"
        elif rid not in after:
            entry["change"] = "removed"
        else:
            a, b = before[rid], after[rid]
            differ = sorted(k for k in a.keys() | b.keys() if a.get(k, None) != b.get(k, None))
            if not differ:
                continue
            entry |= {"change": "changed", "fields": differ}
        out.append(entry)
    return sorted(out, key=lambda e: (e["kind"], e["id"]))


# ------------------------------------------------------------------ the verdicts


def verdict_changes(old: sp.Plan, new: sp.Plan) -> list[dict[str, Any]]:
    """The targets in both plans whose status, lean or confidence differs, without
    reasons."""
    before = {r.target_id: r for r in sp.scorecard(plan=old, all_documents=True)}
    out = []
    for r in sp.scorecard(plan=new, all_documents=True):
        b = before.get(r.target_id)
        if b is None or (b.status, b.lean, b.confidence) == (r.status, r.lean, r.confidence):
            continue
        out.append(
            {
                "target_id": r.target_id,
                "document_id": r.document_id,
                "status_before": b.status.value,
                "status_after": r.status.value,
                "confidence_before": b.confidence and b.confidence.value,
                "confidence_after": r.confidence and r.confidence.value,
                # a lean is written only where there is one (the file's defaults are none)
                **({"lean_before": b.lean.value} if b.lean is not sp.Lean.NONE else {}),
                **({"lean_after": r.lean.value} if r.lean is not sp.Lean.NONE else {}),
            }
        )
    return out


def _describe(v: dict[str, Any]) -> str:
    return (
        f"{sp.verdict_text(v['status_before'], v.get('lean_before'))} "
        f"({v['confidence_before']}) -> "
        f"{sp.verdict_text(v['status_after'], v.get('lean_after'))} ({v['confidence_after']})"
    )


# ------------------------------------------------------------------ the releases


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _history() -> Iterator[tuple[str, str]]:
    """(commit, plan.json text) for every commit that changed the file, newest first; nothing
    without git or history."""
    try:
        commits = _git("log", "--format=%H", "--", PLAN_PATH).split()
        for commit in commits:
            yield commit, _git("show", f"{commit}:{PLAN_PATH}")
    except (OSError, subprocess.CalledProcessError):
        return


def previous_release(version: str) -> str | None:
    """A guess at the previous release: the newest commit whose ``plan.json`` has a data
    version other than ``version``.  Wrong when data was committed under the old version
    before the version was raised: pass ``--previous`` then."""
    for commit, text in _history():
        if json.loads(text).get("data_version") != version:
            return commit
    return None


def find_in_history(digest: str) -> str | None:
    """The text of the ``plan.json`` in the repository's history whose SHA-256 is
    ``digest`` (a release entry's ``previous_sha256``), or ``None``."""
    return next((text for _, text in _history() if sha256(text) == digest), None)


def read_previous(ref: str) -> str:
    """The text of a plan file given as a path or a git revision."""
    path = Path(ref)
    if path.is_file():
        return path.read_text(encoding="utf-8")
    return _git("show", f"{ref}:{PLAN_PATH}")


def previous_text(ref: str | None, version: str, releases: list[dict[str, Any]]) -> str | None:
    """The previous release's plan file: ``ref`` (a path or a git revision) when given; else
    the file this release's entry was made from (by its digest); else the newest commit with
    another data version (:func:`previous_release`)."""
    if ref is not None:
        return read_previous(ref)
    made = next((r for r in releases if r["version"] == version), None)
    if made is not None:
        return find_in_history(made["previous_sha256"])
    commit = previous_release(version)
    if commit is None:
        return None
    print(f"comparing with {commit} (the newest commit with another data version)")
    return read_previous(commit)


def entry(old_text: str, new_text: str) -> dict[str, Any]:
    """The release entry of ``new_text`` against ``old_text``, verdict reasons not yet in."""
    old_plan, new_plan = sp.loads(old_text), sp.loads(new_text)
    kinds = {r["id"]: r["kind"] for r in sp.to_records("records", plan=old_plan)}
    kinds |= {r["id"]: r["kind"] for r in sp.to_records("records", plan=new_plan)}
    return {
        "version": new_plan.data_version,
        "previous": old_plan.data_version,
        "previous_sha256": sha256(old_text),
        "date": new_plan.data_as_of.isoformat(),
        "records": record_diff(json.loads(old_text), json.loads(new_text), kinds),
        "verdicts": verdict_changes(old_plan, new_plan),
    }


def with_reasons(release: dict[str, Any], reasons: dict[str, dict[str, str]]) -> list[str]:
    """Put the hand-written reasons into ``release``'s verdicts; return what is wrong (a
    verdict without a reason or with a placeholder, a reason for a verdict that did not
    change).  Adds a placeholder to ``reasons`` for each missing one."""
    given = reasons.setdefault(release["version"], {})
    problems = []
    changed = {v["target_id"] for v in release["verdicts"]}
    for v in release["verdicts"]:
        reason = given.get(v["target_id"], "").strip()
        if not reason or reason.startswith(TODO):
            problems.append(f"{v['target_id']}: {_describe(v)}: no reason")
            given.setdefault(v["target_id"], f"{TODO}: why {_describe(v)}")
        v["reason"] = reason
    for tid in sorted(given.keys() - changed):
        problems.append(f"{tid}: a reason is given, but its verdict did not change")
    return problems


def merged(releases: list[dict[str, Any]], release: dict[str, Any]) -> list[dict[str, Any]]:
    """``releases`` with ``release`` in place of the entry of its version, or appended."""
    kept = [r for r in releases if r["version"] != release["version"]]
    return [*kept, release]


def cite_release(text: str, version: str, date: str) -> str:
    """``CITATION.cff``'s text naming the data release: its top-level ``version`` and
    ``date-released`` (the software's own version, indented under ``references``, stays)."""
    text = re.sub(r'^version: ".*"$', f'version: "{version}"', text, count=1, flags=re.M)
    return re.sub(r'^date-released: ".*"$', f'date-released: "{date}"', text, count=1, flags=re.M)


def dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--previous", help="a git revision or a plan file (default: from git)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the entry is stale")
    args = parser.parse_args(argv)
    new_text = read_bundled_bytes().decode("utf-8")
    version = json.loads(new_text)["data_version"]
    releases = json.loads(CHANGES.read_text(encoding="utf-8")) if CHANGES.exists() else []
    old_text = previous_text(args.previous, version, releases)
    if old_text is None:
        print(
            "the previous release's plan.json was not found in git: pass --previous",
            file=sys.stderr,
        )
        return 2
    release = entry(old_text, new_text)
    reasons: dict[str, dict[str, str]] = (
        json.loads(REASONS.read_text(encoding="utf-8")) if REASONS.exists() else {}
    )
    problems = with_reasons(release, reasons)
    text = dump(merged(releases, release))
    if args.check:
        if problems or not CHANGES.exists() or CHANGES.read_text(encoding="utf-8") != text:
            print(f"{CHANGES} is stale: run python scripts/gen_changes.py", file=sys.stderr)
            return 1
        return 0
    if problems:
        REASONS.write_text(dump(reasons), encoding="utf-8")
        print(
            f"not written: every verdict change needs a reason in {REASONS} "
            f"(placeholders added):\n  " + "\n  ".join(problems),
            file=sys.stderr,
        )
        return 1
    CHANGES.write_text(text, encoding="utf-8")
    n = release
    print(
        f"wrote {CHANGES}: data {n['version']} since {n['previous']}: "
        f"{len(n['records'])} records, {len(n['verdicts'])} verdicts changed"
    )
    if CITATION.exists():
        cff = CITATION.read_text(encoding="utf-8")
        CITATION.write_text(cite_release(cff, n["version"], n["date"]), encoding="utf-8")
        print(f"{CITATION} names data {n['version']} of {n['date']}")
    print("now run: python docs/gen_changes.py")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
