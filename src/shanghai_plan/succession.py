"""What came next: the later promises that continue a target.

A later document's target names the earlier targets it continues (``Target.continues``);
where none was found, a :class:`~shanghai_plan.Gap` with ``no_successor`` says what was
searched.  :func:`successors` puts the two together, so that "none found" is an answer of
its own and never an empty tuple that reads like "not looked".

A promise on a changed scope (whole-economy instead of industrial labour productivity,
core instead of broad digital economy, intelligent terminals instead of display) is not a
successor: the gap names it instead.
"""

from __future__ import annotations

from typing import Literal

from attrs import field, frozen

from ._args import check_plan, wrong_type
from ._index import index_for
from .loading import load
from .model import Document, Gap, Plan, Target, _Vocabulary
from .queries import target as _target

__all__ = ["Successor", "SuccessorStatus", "Successors", "successors"]


class SuccessorStatus(_Vocabulary):
    """Whether later promises continuing a target were found, looked for in vain, or not
    looked for."""

    FOUND = "found"
    """At least one later target continues it (``Successors.found``)."""
    NONE_FOUND = "none_found"
    """None was found; ``Successors.gaps`` says what was searched."""
    NOT_LOOKED = "not_looked"
    """The data records neither a successor nor a search for one."""


@frozen(kw_only=True)
class Successor:
    """One later promise that continues the target asked about."""

    target: Target
    """The later target (its ``statement``, ``year``, ``quantity``, ``citations``)."""
    document: Document | Plan
    """The document that sets it."""

    @property
    def stage(self) -> Literal["draft", "adopted"]:
        """``"draft"`` when its wording was read only in a draft text
        (``Target.draft``), else ``"adopted"``."""
        return "draft" if self.target.draft else "adopted"


@frozen(kw_only=True)
class Successors:
    """The answer of :func:`successors`: what was promised next for one target."""

    of: Target
    """The target asked about."""
    status: SuccessorStatus
    """Found, none found, or not looked for."""
    found: tuple[Successor, ...] = ()
    """The later promises that continue it, in the data's order (empty unless ``FOUND``)."""
    gaps: tuple[Gap, ...] = field(default=(), repr=False)
    """The no-successor gaps that name it: what was searched, and the promises on a changed
    scope that are not its successors."""


def successors(target: str | Target, *, plan: Plan | None = None) -> Successors:
    """What was promised next for ``target`` (a :class:`~shanghai_plan.Target` or its id).

    The later targets that continue it, each with its document and whether its wording
    is a draft's or the adopted text's; or, when none was found, the gaps that say what was
    searched (status ``none_found``); or status ``not_looked`` when the data records
    neither.

    >>> import shanghai_plan as sp
    >>> nxt = sp.successors("tgt-sh-outline-labour-productivity-360k")
    >>> nxt.status, [(s.target.id, s.target.year, s.stage) for s in nxt.found]
    (SuccessorStatus.FOUND, [('tgt-sh15-labour-productivity-520k', 2030, 'draft')])
    >>> sp.successors("tgt-smart-sensors-80bn").status
    SuccessorStatus.NONE_FOUND

    Raises :class:`TypeError` for a ``target`` that is neither a Target nor a str, and
    :class:`~shanghai_plan.NotFoundError` for an id (or a Target) the plan does not hold.
    """
    p = check_plan(plan) or load()
    if isinstance(target, Target):
        tid = target.id
    elif isinstance(target, str):
        tid = target
    else:
        raise wrong_type("target", "a Target or str", target)
    asked = _target(tid, plan=p)
    documents: dict[str, Document | Plan] = {d.id: d for d in p.related_documents}
    documents[p.id] = p
    found = tuple(
        Successor(target=t, document=documents[t.document_id])
        for t in p.targets
        if tid in t.continues
    )
    gaps = tuple(g for g in index_for(p).gaps_by_record.get(tid, ()) if g.no_successor)
    if found:
        status = SuccessorStatus.FOUND
    elif gaps:
        status = SuccessorStatus.NONE_FOUND
    else:
        status = SuccessorStatus.NOT_LOOKED
    return Successors(of=asked, status=status, found=found, gaps=gaps)
