"""Plain text for a terminal: display widths (a wide character counts two), wrapping, and
tables fitted to a width.  The command line's layout, kept apart from its commands."""

import os
import shutil
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from . import _format

__all__: list[str] = []

Rows = Sequence[Mapping[str, Any]]  # plain dicts, or the typed rows of to_records()

SCREEN_WIDTH = 100
"""The summary's lines fit this many columns (a wide character counts two)."""

WIDTH_RULE = (
    "Tables fit the terminal's width: the widest text column (a statement, a name) is cut "
    "with '…', and columns that still do not fit go under their row, never cut; the id is "
    "never cut. Sent to a pipe or a file, a table is fitted only when $COLUMNS is set "
    "(COLUMNS=100 shanghai-plan targets | less), and otherwise keeps every character; text "
    "wraps at the terminal's width, or at 100 columns. --format csv or json gives the full "
    "records."
)
"""How the command fits its output to the width (the ``--help`` epilog)."""


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clip(text: str, limit: int) -> str:
    if display_width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return _format.number(value)
    return " ".join(str(value).split())  # one line per row: newlines and tabs are spaces


def terminal_width() -> int | None:
    """The width tables are fitted to: ``$COLUMNS`` when it is set, else the terminal's when
    standard output is one; ``None`` (nothing cut) when output goes to a pipe or a file
    without ``$COLUMNS``, so that ``| grep`` and ``> file`` see every character."""
    if os.environ.get("COLUMNS", "").strip().isdigit() or _isatty(sys.stdout):
        return max(40, shutil.get_terminal_size((SCREEN_WIDTH, 24)).columns)
    return None


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, OSError, ValueError):
        return False


_MIN_CUT = 20
"""A text column is never cut narrower than this."""


def table(
    rows: Rows,
    columns: Sequence[str],
    width: int | None = None,
    *,
    cut: Sequence[str] = (),
) -> str:
    """A plain-text table.  With ``width``, it is fitted to that many columns (a wide
    character counts two): first the text columns named in ``cut`` are shortened, the widest
    first, with "…"; if that is not enough, columns from the right go under their row as
    ``label: value`` lines, never cut.  The first column (the id) is never cut or moved."""
    if not rows:
        return "(nothing)"
    cells = [[cell(r.get(c)) for c in columns] for r in rows]
    natural = [
        max(display_width(c), *(display_width(row[i]) for row in cells))
        for i, c in enumerate(columns)
    ]
    shown = len(columns)
    while True:
        widths = _cut_widths(natural[:shown], columns[:shown], cut, width)
        if width is None or shown == 1 or sum(widths) + 2 * (shown - 1) <= width:
            break
        shown -= 1

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v + " " * (w - display_width(v)) for v, w in zip(values, widths, strict=True)
        ).rstrip()

    out = [line(columns[:shown]), line(["-" * w for w in widths])]
    for row in cells:
        out.append(line([clip(v, w) for v, w in zip(row, widths, strict=False)]))
        under = [f"{c}: {v}" for c, v in zip(columns[shown:], row[shown:], strict=True) if v]
        if under:
            assert width is not None
            out += wrap(" · ".join(under), width, indent="    ", then="      ")
    return "\n".join(out)


def _cut_widths(
    natural: Sequence[int], columns: Sequence[str], cut: Sequence[str], width: int | None
) -> list[int]:
    """The column widths after shortening the ``cut`` columns, the widest first, so that the
    table fits ``width`` (as far as ``_MIN_CUT`` allows)."""
    widths = list(natural)
    if width is None:
        return widths
    floors = {
        i: max(_MIN_CUT, display_width(c)) for i, c in enumerate(columns) if c in cut and i > 0
    }
    excess = sum(widths) + 2 * (len(widths) - 1) - width
    while excess > 0:
        free = [i for i, floor in floors.items() if widths[i] > floor]
        if not free:
            break
        widths[max(free, key=lambda i: widths[i])] -= 1  # the widest first, one at a time
        excess -= 1
    return widths


def wrap(text: str, width: int, *, indent: str = "", then: str = "") -> list[str]:
    """``text`` wrapped to ``width`` columns (a wide character counts two)."""
    lines: list[str] = []
    line, empty = indent, True
    for word in text.split():
        if not empty and display_width(line) + 1 + display_width(word) > width:
            lines.append(line)
            line, empty = then, True
        line += word if empty else " " + word
        empty = False
    return [*lines, line]


def wrap_items(head: str, items: Sequence[str], width: int = SCREEN_WIDTH) -> list[str]:
    """``head`` then the items joined with `` · ``, wrapped at item boundaries."""
    lines, line = [head], "  "
    for item in items:
        joined = f"{line} · {item}" if line.strip() else f"  {item}"
        if display_width(joined) > width and line.strip():
            lines.append(line)
            joined = f"  {item}"
        line = joined
    if line.strip():
        lines.append(line)
    return lines
