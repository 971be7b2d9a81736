# pyright: strict
"""Never run: type-checked by mypy --strict and pyright (strict) in CI.

Uses the public API the way a user would, so that a wrong or missing annotation in the
library shows up as an error here before it reaches users.
"""

import datetime

import shanghai_plan as sp
from shanghai_plan import Industry, IndustryTier, Plan, Quantity, Target


def leading_names() -> list[str]:
    return [i.name_en for i in sp.leading_industries()]


def tiers(plan: Plan) -> dict[str, IndustryTier]:
    return {i.id: i.tier for i in sp.industries(plan=plan)}


def ic_targets_due(year: int) -> tuple[Target, ...]:
    ic: Industry = sp.industry("集成电路")
    return sp.targets(industry=ic, year=year, kind="quantitative")


def figure(t: Target) -> float | None:
    q: Quantity | None = t.quantity
    return None if q is None else q.value


def version_info() -> tuple[str, str, datetime.date]:
    return sp.__version__, sp.DATA_VERSION, sp.DATA_AS_OF


def own_file(path: str) -> Plan | None:
    try:
        return sp.load(path)
    except sp.PlanDataError as exc:
        for problem in exc.errors:
            print(problem.path, problem.message)
        return None


def where_from(t: Target) -> list[str]:
    return [f"{sp.source(c).publisher} ({c.locator})" for c in t.citations]


def hits(text: str) -> list[tuple[str, str]]:
    return [(h.kind, h.id) for h in sp.search(text)]


def not_found(key: str) -> tuple[str, ...]:
    try:
        sp.industry(key)
    except sp.NotFoundError as exc:
        return exc.suggestions
    return ()


def published(plan: Plan) -> datetime.date | None:
    event = plan.event(sp.EventKind.PUBLISHED)
    return None if event is None else event.date


def exports(directory: str) -> tuple[int, str, str]:
    rows: list[sp.ProgressRecord] = sp.to_records("progress", all_documents=True)
    own = sp.to_csv("targets", document=sp.load().id, excel=True)
    sp.write_csv("targets", f"{directory}/targets.csv", excel=True)
    package = sp.write_datapackage(directory)
    return len(rows), own, package.name


# ------------------------------------------------------ issue 12: names and look-ups


def status_is_a_string(t: Target) -> bool:
    status: sp.Status = sp.progress(t).status
    text: str = status  # a vocabulary member is a str
    return status == "met" and str(status) == text


def maybe_industry(key: str) -> Industry | None:
    return sp.industry(key, default=None)


def industry_or_id(key: str) -> Industry | str:
    return sp.industry(key, default=key)


def observation_value(obs_id: str) -> float:
    obs: sp.Observation = sp.record(obs_id, sp.Observation)
    return obs.value


def maybe_observation(obs_id: str) -> sp.Observation | None:
    return sp.record(obs_id, sp.Observation, default=None)


def any_record(record_id: str) -> str:
    rec = sp.record(record_id)
    return rec.id  # every kind record() returns has an id


def unit_of(obs: sp.Observation) -> sp.Unit:
    return sp.indicator(obs).unit


def industry_names(t: Target) -> list[str]:
    found: tuple[Industry, ...] = sp.industries_of(t)
    return [i.name for i in found]


def document_names(plan: Plan) -> list[tuple[str, str]]:
    return [(d.name, d.title("zh")) for d in sp.documents(plan=plan)]


def indicator_name(t: Target) -> str | None:
    found: sp.Indicator | None = sp.indicator(t, default=None)
    return None if found is None else found.name


def maybe_target(target_id: str) -> Target | None:
    return sp.target(target_id, default=None)


def maybe_source(source_id: str) -> sp.Source | None:
    return sp.source(source_id, default=None)


def maybe_document(document_id: str) -> sp.Document | sp.Plan | None:
    return sp.document(document_id, default=None)


def document_title(t: sp.Target) -> str:
    d = sp.document(t.document_id)  # the plan itself for the plan's own targets
    relation = d.relation.value if isinstance(d, sp.Document) else "the plan"
    return f"{d.name} ({relation})"


def scorecard_of(d: sp.Document | sp.Plan) -> tuple[sp.ScorecardRow, ...]:
    return sp.scorecard(document=d) + tuple(sp.scorecard(document=d.id))


def ranked(text: str) -> list[tuple[int, str | None]]:
    return [(h.rank, h.via) for h in sp.search(text)]


def weak_sources() -> int:
    return len(sp.sources("weak")) + len(sp.sources(sp.Confidence.WEAK))


def bad_choice(kind: str) -> tuple[str, ...]:
    try:
        sp.to_records("targets")
        sp.sources(sp.Confidence(kind))
    except sp.InvalidChoiceError as exc:
        return exc.choices
    return ()


# ------------------------------------------------------ issue 10: verdicts


def plan_scorecard() -> list[tuple[str, sp.Status, sp.EvidenceKind, sp.Confidence | None]]:
    rows: tuple[sp.ScorecardRow, ...] = sp.scorecard()
    return [(r.target_id, r.status, r.evidence, r.confidence) for r in rows]


def what_is_missing(target_id: str) -> list[str]:
    p: sp.Progress = sp.progress(target_id)
    found: list[str] = [p.missing] if p.missing is not None else []
    found += [g.would_settle for g in p.gaps if g.would_settle is not None]
    found += [f"{a.measure}: {a.status}" for a in p.alternatives]
    return found


def claims_for(target: Target) -> list[tuple[str, sp.Bearing, int | None]]:
    found: tuple[sp.Finding, ...] = sp.findings(target, bearing="met")
    gaps: tuple[sp.Gap, ...] = sp.gaps(target)
    return [(f.id, f.bearing, f.year) for f in found] + [
        (g.id, sp.Bearing.CONTEXT, None) for g in gaps
    ]


def yearly(indicator_id: str) -> dict[int, float]:
    s: sp.Series = sp.series(indicator_id, partial=False)
    flagged: tuple[int, ...] = s.flagged
    points: list[sp.SeriesPoint] = [p for p in s if p.year not in flagged]
    return {p.year: p.value for p in points if p.value is not None}


def chart(t: Target) -> str:
    fig, ax = sp.plot(t)
    fig.set_dpi(150)
    title: str = ax.get_title(loc="left")
    return title


def settled() -> list[str]:
    rows: sp.Scorecard = sp.scorecard()
    first: sp.ScorecardRow = rows[0]
    table = sp.show(sp.targets())
    return [first.target_id, repr(table), *(r.target_id for r in rows if r.figure is not None)]


def typed_rows() -> tuple[str, int | None, str]:
    targets: list[sp.TargetsRecord] = sp.to_records("targets")
    first = targets[0]
    card: list[sp.ScorecardRecord] = sp.to_records("scorecard", all_documents=True)
    return first["id"], first["year"], card[0]["status"]


# ------------------------------------------------------ issue 20: leans, caveats, the tally


def quotable(target_id: str) -> tuple[str, str | None, sp.Lean, sp.LeanRule | None, str | None]:
    p: sp.Progress = sp.progress(target_id)
    records: tuple[sp.Observation | sp.Finding, ...] = p.lean_rests_on
    words: str = sp.verdict_text(p.status, p.lean)
    first: str | None = records[0].id if records else None
    return words, first or p.main_caveat, p.lean, p.lean_rule, p.lean_note


def headline() -> str:
    rows: sp.Scorecard = sp.scorecard()
    text: str = sp.tally(rows, whose="the plan's")
    row: sp.ScorecardRow = rows[0]
    lean: sp.Lean = row.lean
    caveat: str | None = row.main_caveat
    ids: tuple[str, ...] = row.lean_rests_on
    card: list[sp.ScorecardRecord] = sp.to_records("scorecard")
    verdict: str | None = card[0]["verdict"]
    return f"{text} {rows.tally} {lean} {caveat} {ids} {verdict}"


def citations() -> list[str]:
    figure: str = sp.cite(sp.record("obs-nev-production-2023", sp.Observation))
    verdict: str = sp.cite(sp.progress("tgt-nev-output-1-2m"), style="markdown")
    dataset: str = sp.cite(style="bibtex")
    own: str = sp.cite("tgt-leading-three-double", plan=sp.load())
    return [figure, verdict, dataset, own]


def what_changed() -> list[tuple[str, sp.Status, sp.Status, str]]:
    releases: tuple[sp.Release, ...] = sp.changes(since="2026.4")
    added: tuple[sp.RecordChange, ...] = releases[0].added
    kinds: set[sp.ChangeKind] = {c.change for c in added}
    assert sp.ChangeKind.ADDED in kinds
    first: sp.VerdictChange = releases[0].verdicts[0]
    return [(v.target_id, v.status_before, v.status_after, v.reason) for v in (first,)]


# ------------------------------------------------------------ issue 23: what came next


def promised_next(target_id: str) -> tuple[sp.SuccessorStatus, list[tuple[str, int | None, str]]]:
    nxt: sp.Successors = sp.successors(target_id)
    found: tuple[sp.Successor, ...] = nxt.found
    later = [(s.target.statement, s.target.year, s.stage) for s in found]
    searched: list[str] = [g.searched for g in nxt.gaps]
    doc: sp.Document | sp.Plan = found[0].document if found else sp.load()
    return nxt.status, [*later, (doc.id, None, " ".join(searched))]
