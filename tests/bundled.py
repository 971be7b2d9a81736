"""The bundled plan's records by id, for the hand-checked data tests (one place, not one per
test file)."""

import shanghai_plan as sp

PLAN = sp.load()
OBSERVATIONS = {o.id: o for i in PLAN.indicators for o in i.observations}
INDICATORS = {i.id: i for i in PLAN.indicators}
INDICATOR_OF = {o.id: i.id for i in PLAN.indicators for o in i.observations}
SOURCES = {s.id: s for s in PLAN.sources}
FINDINGS = {f.id: f for f in PLAN.findings}
GAPS = {g.id: g for g in PLAN.gaps}
CONFLICTS = {c.id: c for c in PLAN.conflicts}
TARGETS = {t.id: t for t in PLAN.targets}

_ORDER = (sp.Confidence.PRIMARY, sp.Confidence.SECONDARY, sp.Confidence.WEAK)


def confidences(record: sp.Observation | sp.Finding) -> set[sp.Confidence]:
    """The confidence of every source the record cites."""
    return {SOURCES[c.source_id].confidence for c in record.citations}


def best_confidence(record: sp.Observation | sp.Finding) -> sp.Confidence:
    """A record is as strong as the best source that gives it."""
    return min(confidences(record), key=_ORDER.index)
