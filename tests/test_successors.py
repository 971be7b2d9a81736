"""``sp.successors``: what was promised next, with "none found" and "not looked" kept apart."""

import doctest
from typing import Any

import attrs
import pytest

import shanghai_plan as sp
from shanghai_plan import succession
from tests.bundled import PLAN


def test_the_docstring_examples_run() -> None:
    result = doctest.testmod(succession, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 3
    assert result.failed == 0


def test_found_gives_the_later_target_its_document_and_stage() -> None:
    nxt = sp.successors("tgt-sh-outline-labour-productivity-360k")
    assert nxt.status is sp.SuccessorStatus.FOUND
    assert nxt.of is sp.target("tgt-sh-outline-labour-productivity-360k")
    (later,) = nxt.found
    assert later.target.id == "tgt-sh15-labour-productivity-520k"
    assert isinstance(later.document, sp.Document)
    assert later.document.id == later.target.document_id == "doc-sh-15fyp-outline"
    assert later.stage == "draft"  # the figure was read in the draft outline only
    assert nxt.gaps == ()


def test_an_adopted_successor_says_so() -> None:
    (later,) = sp.successors("tgt-sh-outline-gdp-growth-5").found
    assert later.target.id == "tgt-sh15-gdp-growth-5"
    assert later.stage == "adopted"


def test_none_found_is_an_answer_with_what_was_searched() -> None:
    nxt = sp.successors("tgt-smart-sensors-80bn")
    assert nxt.status is sp.SuccessorStatus.NONE_FOUND
    assert nxt.found == ()
    assert [g.id for g in nxt.gaps] == ["gap-successor-smart-sensors"]
    assert all(g.no_successor and g.searched and g.would_settle for g in nxt.gaps)


def test_not_looked_differs_from_none_found() -> None:
    # the same target in a plan that records no search for its successor
    bare = attrs.evolve(PLAN, gaps=tuple(g for g in PLAN.gaps if not g.no_successor))
    nxt = sp.successors("tgt-smart-sensors-80bn", plan=bare)
    assert nxt.status is sp.SuccessorStatus.NOT_LOOKED
    assert (nxt.found, nxt.gaps) == ((), ())
    # a target whose record says nothing either way, in the bundled plan
    assert sp.successors("tgt-2023-unicorns-50").status is sp.SuccessorStatus.NOT_LOOKED


def test_outcome_gaps_are_not_successor_gaps() -> None:
    # the smart-sensor target has a gap on its outcome figures too; it is not an answer here
    assert any(not g.no_successor for g in sp.gaps("tgt-smart-sensors-80bn"))
    assert all(g.no_successor for g in sp.successors("tgt-smart-sensors-80bn").gaps)
    # and the verdict's gaps leave the successor gaps out
    assert not any(g.no_successor for g in sp.progress("tgt-smart-sensors-80bn").gaps)


def test_every_target_of_the_plan_was_looked_at() -> None:
    statuses = {t.id: sp.successors(t).status for t in sp.targets()}
    assert len(statuses) == 18
    assert sp.SuccessorStatus.NOT_LOOKED not in statuses.values()
    found = {k for k, v in statuses.items() if v is sp.SuccessorStatus.FOUND}
    assert found == {
        "tgt-leading-three-double",
        "tgt-new-display-70bn",
        "tgt-high-end-medical-devices-60bn",
    }


def test_a_target_and_its_id_give_the_same_answer() -> None:
    t = sp.target("tgt-new-display-70bn")
    assert sp.successors(t) == sp.successors(t.id)


def test_status_is_its_string() -> None:
    assert sp.SuccessorStatus.NONE_FOUND == "none_found"
    assert f"{sp.SuccessorStatus.FOUND}" == "found"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: sp.successors(7), "target must be a Target or str, not int"),
        (lambda: sp.successors(None), "target must be a Target or str, not NoneType"),
        (lambda: sp.successors(["tgt-x"]), "target must be a Target or str, not list"),
        (lambda: sp.successors("tgt-chip-design-3nm", plan="x"), "plan must be a Plan or None"),
    ],
)
def test_wrong_types_name_the_parameter(call: Any, message: str) -> None:
    with pytest.raises(TypeError) as info:
        call()
    assert message in str(info.value)


def test_unknown_target_suggests_targets() -> None:
    with pytest.raises(sp.NotFoundError) as info:
        sp.successors("tgt-smart-sensors")
    assert info.value.kind == "target"
    assert "tgt-smart-sensors-80bn" in info.value.suggestions
    foreign = attrs.evolve(sp.target("tgt-smart-sensors-80bn"), id="tgt-not-in-the-plan")
    with pytest.raises(sp.NotFoundError):
        sp.successors(foreign)
