"""The scorecard: one row per target — did the plan deliver, on what evidence, what is missing.

:func:`scorecard` turns each target's :class:`~shanghai_plan.Progress` into a flat, typed
:class:`ScorecardRow` (the same row the ``scorecard`` table, the CLI and the docs page show).
The judgement itself lives in :mod:`shanghai_plan.analysis`.
"""

import math
from collections import Counter
from collections.abc import Iterable

from attrs import field, frozen

from . import _format
from ._args import check_bool, check_plan, check_tolerance
from ._index import index_for
from .analysis import (
    DEFAULT_TOLERANCE,
    EvidenceKind,
    Lean,
    LeanRule,
    Progress,
    Status,
    progress,
    verdict_text,
)
from .loading import load
from .model import Comparator, Confidence, Document, Plan, TargetKind, Unit
from .queries import document_id

__all__ = ["Scorecard", "ScorecardRow", "scorecard", "tally"]


@frozen(kw_only=True)
class ScorecardRow:
    """One target's verdict, flattened for a table."""

    target_id: str
    """The target judged."""
    document_id: str
    """The document that sets it (the plan's own id for the plan's targets)."""
    statement: str = field(repr=False)
    """The target in our own words."""
    kind: TargetKind
    """Quantitative or qualitative."""
    deadline: int | None
    """The deadline year."""
    status: Status
    """How it turned out (``no_data`` reads "not settled")."""
    lean: Lean = Lean.NONE
    """Which way the evidence points when it does not settle the target."""
    verdict: str = ""
    """The status and lean as people read them: ``"met"``, ``"not settled — leans met"``."""
    evidence: EvidenceKind
    """The kind of evidence the status rests on."""
    measure: str | None
    """The id of the indicator whose figures judge it (``None`` when none does)."""
    goal: float | None = field(default=None, repr=_format.short)
    """The figure to reach (a multiple already applied to the baseline)."""
    unit: Unit | None = None
    """The unit of ``goal`` and ``figure``."""
    goal_comparator: Comparator | None = None
    """How the figure must relate to ``goal`` (the target's comparator: ``more_than`` for
    "more than 1.2 million")."""
    figure: float | None = field(default=None, repr=_format.short)
    """The figure set against the goal (see
    :attr:`~shanghai_plan.analysis.Progress.figure`), or the figure the deciding finding
    gives."""
    figure_comparator: Comparator | None = None
    """How the real value relates to ``figure`` when it is one reported figure (a bound)."""
    figure_year: int | None = None
    """The year of ``figure``."""
    confidence: Confidence | None = None
    """How strong the evidence is: the weakest record it rests on."""
    why: str = field(default="", repr=False)
    """The reason, in one line."""
    main_caveat: str | None = field(default=None, repr=False)
    """The caveat that matters most, in one line: the first sentence of the first of
    ``caveats`` that is not context, at most 160 characters (``None`` when there is none)."""
    lean_rule: LeanRule | None = None
    """The rule the lean follows (``None`` without a lean)."""
    lean_note: str | None = field(default=None, repr=False)
    """How the lean was reached, or why a target not settled cannot lean."""
    caveats: tuple[str, ...] = field(default=(), repr=False)
    """What a reader should know, in full, the one that matters most first (disputed and noted
    records, disagreeing findings, partial years, later figures, then context)."""
    missing: str | None = field(default=None, repr=False)
    """What figure or finding would settle it (or confirm a verdict resting on an earlier
    year)."""
    other_measures: tuple[str, ...] = field(default=(), repr=False)
    """The verdicts on the target's other measures, ``"indicator-id: status — why"``."""
    rests_on: tuple[str, ...] = field(default=(), repr=False)
    """The ids of the observations and findings the status rests on."""
    gap_ids: tuple[str, ...] = field(default=(), repr=False)
    """The ids of the gaps recorded for this target or its indicators."""
    lean_rests_on: tuple[str, ...] = field(default=(), repr=False)
    """The ids of the observations and findings the lean rests on."""

    def _repr_html_(self) -> str:
        from .display import html  # imported only when a notebook shows the record

        return html(self)


class Scorecard(tuple[ScorecardRow, ...]):
    """The rows :func:`scorecard` returns: a plain tuple that a notebook shows as a table."""

    __slots__ = ()

    @property
    def tally(self) -> str:
        """The headline, qualified: see :func:`tally`."""
        return tally(self)

    def _repr_html_(self) -> str:
        from .display import table_html  # the renderer is imported only when a notebook asks

        return f"<p><b>{tally(self)}</b></p>{table_html(self)}"


def tally(rows: Iterable[ScorecardRow], *, whose: str = "the plan's") -> str:
    """The headline answer, qualified — the one text every view shows: settled verdicts split
    by confidence (weak evidence: weak sources only, or a contradicted claim — see
    :mod:`shanghai_plan.analysis`), the rest by lean.

    >>> import shanghai_plan as sp
    >>> sp.tally(sp.scorecard()).startswith("Of the plan's 18 targets: ")
    True
    """
    rows = list(rows)
    status = Counter(r.status for r in rows)
    weak = Counter(r.status for r in rows if r.confidence is Confidence.WEAK)
    parts = []
    for s in (Status.MET, Status.NOT_MET, Status.ON_TRACK, Status.OFF_TRACK):
        if status[s] or s in (Status.MET, Status.NOT_MET):
            only = f" ({weak[s]} of them on weak evidence)" if weak[s] else ""
            parts.append(f"{status[s]} {verdict_text(s)}{only}")
    open_rows = [r for r in rows if r.status is Status.NO_DATA]
    lean = Counter(r.lean for r in open_rows)
    leaning = [
        f"{lean[x]} {word}"
        for x, word in (
            (Lean.LEANS_MET, "leaning met"),
            (Lean.LEANS_NOT_MET, "leaning not met"),
            (Lean.NONE, "with no lean"),
        )
        if lean[x]
    ]
    some = lean[Lean.LEANS_MET] or lean[Lean.LEANS_NOT_MET]
    split = f" ({', '.join(leaning)})" if some else ""
    parts.append(f"{len(open_rows)} {verdict_text(Status.NO_DATA)}{split}")
    return f"Of {whose} {len(rows)} targets: {', '.join(parts)}."


def _row(r: Progress) -> ScorecardRow:
    t = r.target
    return ScorecardRow(
        target_id=t.id,
        document_id=t.document_id,
        statement=t.statement,
        kind=t.kind,
        deadline=t.year,
        status=r.status,
        lean=r.lean,
        verdict=r.verdict,
        evidence=r.evidence,
        measure=r.measure,
        goal=r.goal,
        unit=r.unit,
        goal_comparator=None if t.quantity is None else t.quantity.comparator,
        figure=r.figure,
        figure_comparator=r.figure_comparator,
        figure_year=r.figure_year,
        confidence=r.confidence,
        why=r.explanation,
        main_caveat=r.main_caveat,
        lean_rule=r.lean_rule,
        lean_note=r.lean_note,
        caveats=r.caveats,
        missing=r.missing,
        other_measures=tuple(f"{a.measure}: {a.verdict} — {a.explanation}" for a in r.alternatives),
        rests_on=(*(o.id for o in r.rests_on), *(f.id for f in r.findings)),
        lean_rests_on=tuple(x.id for x in r.lean_rests_on),
        gap_ids=tuple(g.id for g in r.gaps),
    )


def scorecard(
    *,
    document: str | Document | Plan | None = None,
    all_documents: bool = False,
    tolerance: float = DEFAULT_TOLERANCE,
    plan: Plan | None = None,
) -> Scorecard:
    """One row per target of the plan (``document=`` — an id, a
    :class:`~shanghai_plan.Document` or the plan — for a related document's targets,
    ``all_documents=True`` for every document's), in the data's order: a
    :class:`Scorecard`, a tuple that a notebook displays as a table.

    >>> import shanghai_plan as sp
    >>> rows = sp.scorecard()
    >>> len(rows) == len(sp.targets())
    True
    """
    p = check_plan(plan) or load()  # the bundled plan unless one is given
    check_bool(all_documents, "all_documents")  # before the memo: 1 == True as a key
    if document is not None:  # an id in the memo key, whatever names the document
        document = document_id(document, p)
    if not (tolerance.__class__ is float and 0 <= tolerance < math.inf):
        tolerance = check_tolerance(tolerance)
    memo = index_for(p).memo
    key = ("scorecard", document, all_documents, tolerance)
    found = memo.get(key)
    if found is None:
        every = progress(
            document=document, all_documents=all_documents, tolerance=tolerance, plan=p
        )
        found = memo[key] = Scorecard(_row(r) for r in every)
    return found  # type: ignore[return-value]
