"""Shared command line of the page generators (``gen_data_dictionary``, ``gen_sources``)."""

import sys
from collections.abc import Callable
from pathlib import Path


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
