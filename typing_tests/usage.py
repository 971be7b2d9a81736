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
    rows: list[dict[str, object]] = sp.to_records("progress", all_documents=True)
    own = sp.to_csv("targets", document=sp.load().id, excel=True)
    sp.write_csv("targets", f"{directory}/targets.csv", excel=True)
    package = sp.write_datapackage(directory)
    return len(rows), own, package.name
