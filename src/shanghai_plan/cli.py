"""The ``shanghai-plan`` command (also ``python -m shanghai_plan``)."""

import argparse
import sys
from collections.abc import Sequence

from . import queries
from .errors import ShanghaiPlanError
from .loading import load
from .model import EventKind, Plan, TargetKind

__all__ = ["main"]


def _summary(plan: Plan) -> str:
    lines = [plan.title("zh"), plan.title("en")]
    facts = [f"period {plan.period}"]
    if plan.document_number:
        facts.append(plan.document_number)
    issued = plan.event(EventKind.ISSUED)
    published = plan.event(EventKind.PUBLISHED)
    if issued:
        facts.append(f"issued {issued.date.isoformat()}")
    if published:
        facts.append(f"published {published.date.isoformat()}")
    lines.append(" · ".join(facts))
    if plan.issuer:
        lines.append(f"Issuer: {plan.issuer.name_en} ({plan.issuer.name_zh})")
    for title, inds in (
        ("Leading industries (先导产业)", queries.leading_industries(plan=plan)),
        ("Key industries (重点产业)", queries.key_industries(plan=plan)),
    ):
        lines += ["", f"{title}: {len(inds)}"]
        lines += [f"  {i.name_en} ({i.name_zh})" for i in inds]
    own = queries.targets(plan=plan)
    lines += ["", f"Targets: {len(own)}"]
    for t in own:
        when = f"by {t.year}" if t.year else "no deadline"
        figure = f" [{t.quantity}]" if t.kind is TargetKind.QUANTITATIVE and t.quantity else ""
        lines.append(f"  {t.id} ({when}){figure}: {t.statement}")
    lines += ["", f"Sources: {len(plan.sources)}"]
    for s in plan.sources:
        lines.append(f"  [{s.confidence.value}] {s.publisher}: {s.title} <{s.url}>")
    lines += ["", f"Data version {plan.data_version}, checked up to {plan.data_as_of.isoformat()}."]
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shanghai-plan",
        description=(
            "Shanghai's 14th Five-Year Plan for advanced manufacturing (2021–2025) as data."
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("summary", help="a short readable summary of the plan (the default)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        plan = load()
        if args.command in (None, "summary"):
            print(_summary(plan))
    except ShanghaiPlanError as exc:
        print(f"shanghai-plan: error: {exc}", file=sys.stderr)
        return 1
    return 0
