"""One way to write a number for a reader (notebook display, command line, explanations, charts).

* :func:`number` — a bare figure: ``1,286,800``, ``12.4``, ``0.35``; never ``1.2e+06``.
* :func:`amount` — a figure with its unit: ``1,200,000 vehicles``, ``850 billion yuan``,
  ``1.5 trillion yuan``, ``12.4 %``, ``×2``.
* :func:`figure` — a figure with its bound: ``> 1,200,000 vehicles``, ``≈ ×2``, ``300``
  (also ``str(Quantity)``).
* :func:`short` — a float for a record's ``repr``: ``38.1345``, ``1200000`` (six significant
  figures, no separators, so the repr of a verdict does not show ``38.13450041759494``).
* :func:`scale` — the divisor and word for an axis or a column of figures in one unit
  (``(1e9, "billion")`` for yuan in the hundreds of billions), so ticks read ``850``
  under a label that says "billion yuan".

Imports nothing from the package but the model's :class:`~shanghai_plan.Unit` names.
"""

import math

__all__ = ["amount", "figure", "number", "scale", "short", "unit_label"]

_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_LABELS = {
    "yuan": "yuan",
    "percent": "%",
    "percentage_points": "percentage points",
    "multiple": "×",
    "count": "",
    "vehicles": "vehicles",
    "nanometres": "nm",
    "yuan_per_person": "yuan per person",
    "per_10k_people": "per 10,000 people",
    "units_per_10k_workers": "units per 10,000 workers",
}
# Units whose large figures read better in words (850 billion yuan) than in digits.
_WORDED = {"yuan", "yuan_per_person"}


def _unit_value(unit: object) -> str | None:
    if unit is None:
        return None
    return str(getattr(unit, "value", unit))


def number(value: float, *, digits: int = 6) -> str:
    """A figure with thousands separators and no exponent: ``1,286,800``, ``12.4``."""
    if not math.isfinite(value):
        return str(value)
    if float(value).is_integer() and abs(value) < 1e18:
        return f"{int(value):,}"
    if abs(value) >= 10 ** (digits - 1):
        return f"{value:,.0f}"
    if abs(value) < 1e-4:
        return f"{value:.{digits}f}".rstrip("0").rstrip(".")
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(value))))
    return f"{value:,.{decimals}f}".rstrip("0").rstrip(".")


def unit_label(unit: object) -> str:
    """How a unit is written after a figure (``"vehicles"``, ``"%"``, ``""`` for a count)."""
    u = _unit_value(unit)
    if u is None:
        return ""
    return _LABELS.get(u, u.replace("_", " "))


def amount(value: float, unit: object = None, *, digits: int = 5) -> str:
    """A figure with its unit, as a reader writes it: ``850 billion yuan``, ``12.4 %``
    (``digits`` significant figures for a worded amount or a percentage, at most four for
    the latter: 1.4032 trillion, or 1.4 with 3)."""
    u = _unit_value(unit)
    if u == "multiple":
        return f"×{number(value, digits=4)}"
    if u in ("percent", "percentage_points"):
        return f"{number(value, digits=min(digits, 4))} {unit_label(unit)}"
    label = unit_label(unit)
    if u in _WORDED:
        for size, word in _WORDS:
            if abs(value) >= size:
                return f"{number(value / size, digits=digits)} {word} {label}"
    text = number(value)
    return f"{text} {label}" if label else text


def figure(value: float, unit: object = None, comparator: object = None) -> str:
    """A figure with its bound and unit: ``> 1,200,000 vehicles``, ``≈ 850 billion yuan``
    (an exact figure has no sign)."""
    symbol = str(getattr(comparator, "symbol", "") or "")
    shown = amount(value, unit)
    return shown if symbol in ("", "=") else f"{symbol} {shown}"


_KINDS = {"cumulative": "a sum over the years", "per_year": "an average a year"}
"""What a verdict's figure is when it is no one year's level, by the target's aggregation."""
_FINDING_EVIDENCE = {"official_claim", "evaluation", "report"}
"""The kinds of evidence whose figure a finding states (``EvidenceKind`` values)."""


def when(year: int | None, aggregation: object = None, *, evidence: object = None) -> str:
    """When a verdict's figure is from, as every view writes it: ``2024``, or for a sum or
    an average over the years ``2025, a sum over the years``.  A figure a finding states
    (``evidence`` an official claim, an evaluation or a report) is as the finding states
    it, with no such words."""
    finding = str(getattr(evidence, "value", evidence)) in _FINDING_EVIDENCE
    kind = None if finding else _KINDS.get(str(getattr(aggregation, "value", aggregation)))
    return ", ".join(str(x) for x in (year, kind) if x is not None)


def share(
    value: float,
    comparator: object = None,
    *,
    figure_year: int | None = None,
    deadline: int | None = None,
) -> str:
    """A share of the goal, with the figure's bound (a lower bound's share is one too) and,
    when the figure is from before the deadline, which year's figure it is
    (``> 72.9 %``, ``84 % (the 2021 figure; the goal is for 2025)``)."""
    symbol = str(getattr(comparator, "symbol", "") or "")
    shown = f"{number(value, digits=3)} %"
    if symbol not in ("", "="):
        shown = f"{symbol} {shown}"
    if figure_year is not None and deadline is not None and figure_year < deadline:
        shown += f" (the {figure_year} figure; the goal is for {deadline})"
    return shown


def short(value: float | None) -> str:
    """A float for a ``repr``: six significant figures, no separators (``38.1345``,
    ``1200000``, ``None``)."""
    if value is None or not math.isfinite(value):
        return repr(value)
    rounded = float(f"{value:.6g}")
    return repr(int(rounded)) if rounded.is_integer() and abs(rounded) < 1e18 else repr(rounded)


def scale(values: "list[float] | tuple[float, ...]", unit: object = None) -> tuple[float, str]:
    """The divisor and word for showing ``values`` of ``unit`` in one column or axis:
    ``(1e9, "billion")`` for yuan in billions, ``(1.0, "")`` for anything else."""
    if _unit_value(unit) not in _WORDED or not values:
        return 1.0, ""
    top = max(abs(v) for v in values)
    for size, word in _WORDS:
        if top >= size:
            return size, word
    return 1.0, ""
