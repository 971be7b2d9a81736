"""Shared pieces of the page generators: the command line, table cells, status badges and
the one wording of the confidence rule."""

import sys
from collections.abc import Callable
from pathlib import Path

import shanghai_plan as sp

CONFIDENCE_RULE = (
    "each figure or finding counts as strong as the best source it cites (a figure worked "
    "out from others no stronger than the weakest of them), and a verdict as strong as the "
    "weakest of them it rests on"
)
"""The confidence rule as :mod:`shanghai_plan.analysis` states it."""


def main(page: Path, render: Callable[[], str], argv: list[str]) -> int:
    """Rewrite ``page`` with ``render()``; with ``--check``, exit 1 if it is stale instead."""
    text = render()
    if "--check" in argv:
        if not page.exists() or page.read_text(encoding="utf-8") != text:
            print(f"{page} is stale: run python {sys.argv[0]}", file=sys.stderr)
            return 1
        return 0
    page.write_text(text, encoding="utf-8")
    print(f"wrote {page}")
    return 0


def cell(text: object) -> str:
    """Text for one Markdown table cell."""
    if text is None or text == "":
        return "—"
    return " ".join(str(text).split()).replace("|", "\\|")


def badge(r: sp.Progress | sp.ScorecardRow) -> str:
    """The verdict as a coloured badge (``docs/_assets/badges.css``; plain text where the
    Markdown is read without the stylesheet)."""
    kind = str(r.lean) if r.lean is not sp.Lean.NONE else str(r.status)
    return f'<span class="sp-badge sp-{kind.replace("_", "-")}">{r.verdict}</span>'
