"""What changed between data releases: :func:`changes`.

Each data release records what changed since the previous one, as data that ships with the
package (``data/changes.json``): the records added, changed (with the fields that changed)
and removed, and every verdict that changed, with the reason.  The file is written by
``scripts/gen_changes.py``, which compares a release's plan file with the previous one from
the repository's history and refuses to write a verdict change without a reason; a test
fails when the bundled data has no entry, or when its entry no longer matches the file.

The record diff is computed on the JSON: a record is an object with an ``id``; a changed
record lists its keys whose values differ (a nested record counts by its id, so a new
observation changes its indicator's ``observations``, and the observation is listed as
added).  Verdict changes are the targets in both releases whose status or confidence
changed, as :func:`~shanghai_plan.scorecard` gives them on each file with the code of the
release; a new target's verdict is in the scorecard, its record among the added.
"""

import datetime as dt
import functools

from attrs import field, frozen

from ._args import check_str
from .analysis import Lean, Status
from .errors import InvalidChoiceError, PlanDataError
from .model import Confidence, _Vocabulary

__all__ = ["CHANGES_RESOURCE", "ChangeKind", "RecordChange", "Release", "VerdictChange", "changes"]

CHANGES_RESOURCE = "data/changes.json"
"""Where the record of changes lives inside the package."""


class ChangeKind(_Vocabulary):
    """What happened to a record between two releases."""

    ADDED = "added"
    """New in this release."""
    CHANGED = "changed"
    """In both releases, with some field changed (``RecordChange.fields``)."""
    REMOVED = "removed"
    """In the previous release only."""


@frozen(kw_only=True)
class RecordChange:
    """One record added, changed or removed."""

    id: str
    """The record's id (in the release that has it)."""
    kind: str
    """The kind of record (``"observation"``, ``"target"`` …, as in the ``records`` table)."""
    change: ChangeKind
    """Added, changed or removed."""
    fields: tuple[str, ...] = ()
    """For a changed record, the fields whose values changed."""


@frozen(kw_only=True)
class VerdictChange:
    """A target whose verdict changed between two releases, and why."""

    target_id: str
    """The target."""
    document_id: str
    """The document that sets it (the plan's own id for the plan's targets)."""
    status_before: Status
    """Its status in the previous release."""
    status_after: Status
    """Its status in this release."""
    confidence_before: Confidence | None = None
    """The confidence of the previous verdict (``None`` when nothing settled it)."""
    confidence_after: Confidence | None = None
    """The confidence of this release's verdict."""
    lean_before: Lean = Lean.NONE
    """Which way the previous verdict leaned, when it did not settle the target."""
    lean_after: Lean = Lean.NONE
    """Which way this release's verdict leans, when it does not settle the target."""
    reason: str = field(repr=False)
    """Why it changed, in words (written by hand; never empty)."""


@frozen(kw_only=True)
class Release:
    """What one data release changed since the previous one."""

    version: str
    """The data version of the release (``DATA_VERSION``)."""
    previous: str
    """The data version it is compared with."""
    previous_sha256: str = field(repr=False)
    """The SHA-256 of the previous release's ``plan.json`` as compared, so that the exact
    file can be found again in the repository's history."""
    date: dt.date
    """The date the release's data was checked up to (``DATA_AS_OF``)."""
    records: tuple[RecordChange, ...] = field(default=(), repr=False)
    """Every record added, changed or removed, by kind then id."""
    verdicts: tuple[VerdictChange, ...] = field(default=(), repr=False)
    """Every verdict that changed, with the reason."""

    @property
    def added(self) -> tuple[RecordChange, ...]:
        """The records new in this release."""
        return tuple(r for r in self.records if r.change is ChangeKind.ADDED)

    @property
    def changed(self) -> tuple[RecordChange, ...]:
        """The records in both releases with a field changed."""
        return tuple(r for r in self.records if r.change is ChangeKind.CHANGED)

    @property
    def removed(self) -> tuple[RecordChange, ...]:
        """The records of the previous release that are gone."""
        return tuple(r for r in self.records if r.change is ChangeKind.REMOVED)


def changes(since: str | None = None) -> tuple[Release, ...]:
    """What changed in the bundled data's releases, oldest first.

    With ``since`` (a data version, ``"2026.5"``), only the releases after it: what a user
    of that version would find changed.  ``since`` equal to the bundled version gives
    ``()``.  Raises :class:`~shanghai_plan.InvalidChoiceError` (a ``ValueError``) for a
    version the record does not know, listing those it does.

    >>> import shanghai_plan as sp
    >>> latest = sp.changes()[-1]
    >>> latest.version == sp.DATA_VERSION
    True
    """
    releases = _releases()
    if since is None:
        return releases
    since = check_str(since, "since")
    known = [r.previous for r in releases[:1]] + [r.version for r in releases]
    if since not in known:
        raise InvalidChoiceError("since", since, known)
    return releases[known.index(since) :]


@functools.cache
def _releases() -> tuple[Release, ...]:
    """The shipped record of changes, read and structured once."""
    from importlib.resources import files

    return parse(files(__package__).joinpath(CHANGES_RESOURCE).read_text(encoding="utf-8"))


def parse(text: str, source: str = CHANGES_RESOURCE) -> tuple[Release, ...]:
    """Releases from the JSON text of a record of changes, structured by the package's
    converter (strict: an unknown key or a wrong type is an error).

    Raises :class:`~shanghai_plan.PlanDataError` naming every problem with its JSON path.
    """
    import json

    from cattrs.errors import BaseValidationError

    from . import _converter

    try:
        return _converter.structure(json.loads(text), tuple[Release, ...])
    except (BaseValidationError, TypeError, ValueError) as exc:
        raise PlanDataError(_converter.problems_from_exception(exc), source) from None
