"""Hand-checked figures, findings, gaps and conflicts, asserted against the bundled data.

From the outcome-aggregates sheet (§1d, §2c–§2e) and the deeper plan-text sheet.

Sheets: ``outcomes-aggregates.md`` (lines F16–F39, conflicts K1–K8) and ``plan-text-deeper.md``
(lines A1–C8, NF1–NF10).  Values are in base units (yuan, vehicles, percent as percent).
"""

import datetime as dt

import shanghai_plan as sp
from tests.bundled import (
    CONFLICTS,
    FINDINGS,
    GAPS,
    INDICATOR_OF,
    INDICATORS,
    OBSERVATIONS,
    best_confidence,
)

_obs = OBSERVATIONS.__getitem__
_indicator_of = INDICATOR_OF.__getitem__
_finding = FINDINGS.__getitem__
_gap = GAPS.__getitem__
_conflict = CONFLICTS.__getitem__


def _confidence(oid: str) -> sp.Confidence:
    """A figure is as strong as the best source that gives it."""
    return best_confidence(_obs(oid))


def test_sei_share_2025_drc_45() -> None:  # outcomes-aggregates F16, [T1] primary
    o = _obs("obs-sei-share-2025")
    assert (o.year, o.value, o.comparator, o.coverage) == (2025, 45, sp.Comparator.EXACTLY, None)
    assert _indicator_of(o.id) == "ind-sei-output-share"
    assert _confidence(o.id) is sp.Confidence.PRIMARY


def test_sei_share_2023_stcsm_43_9() -> None:  # outcomes-aggregates §1d SEI row, [T47] primary
    o = _obs("obs-sei-share-2023")
    assert (o.year, o.value, o.comparator) == (2023, 43.9, sp.Comparator.EXACTLY)
    assert _confidence(o.id) is sp.Confidence.PRIMARY


def test_sei_share_2022_gong_zheng_about_42() -> None:  # outcomes-aggregates F17, [T9] secondary
    o = _obs("obs-sei-share-2022-gwr")
    assert (o.year, o.value, o.comparator) == (2022, 42, sp.Comparator.ABOUT)
    assert _confidence(o.id) is sp.Confidence.SECONDARY


def test_leading_three_2023_1_6tn() -> None:  # outcomes-aggregates F18, [T17] secondary
    o = _obs("obs-leading-three-scale-2023")
    assert (o.year, o.value, o.comparator) == (2023, 1_600_000_000_000, sp.Comparator.EXACTLY)
    assert _indicator_of(o.id) == "ind-leading-three-scale"


def test_rd_share_2025_drc_about_4_5() -> None:  # outcomes-aggregates F16, [T1] primary
    o = _obs("obs-rd-share-2025")
    assert (o.year, o.value, o.comparator) == (2025, 4.5, sp.Comparator.ABOUT)
    assert _confidence(o.id) is sp.Confidence.PRIMARY


def test_gdp_growth_2025_drc_5_4() -> None:  # outcomes-aggregates F16, [T1] primary
    o = _obs("obs-gdp-growth-2025")
    assert (o.year, o.value, _indicator_of(o.id)) == (2025, 5.4, "ind-gdp-growth")


def test_leading_three_growth_2025_jan_oct() -> None:  # outcomes-aggregates F32, [T22] secondary
    o = _obs("obs-leading-three-growth-2025-jan-oct")
    assert (o.year, o.value, o.coverage) == (2025, 7.6, "Jan–Oct")
    assert _confidence(o.id) is sp.Confidence.SECONDARY


def test_sei_output_growth_2025_jan_oct() -> None:  # outcomes-aggregates F32, [T22] secondary
    o = _obs("obs-sei-output-growth-2025-jan-oct")
    assert (o.year, o.value, o.coverage) == (2025, 7.2, "Jan–Oct")


def test_auto_cluster_2024_1_1tn() -> None:  # outcomes-aggregates F19, [T15] secondary
    # a size on a measure nobody states: an official claim, not a figure (audit D2, data 2026.6)
    assert "obs-auto-scale-2024-cluster" not in OBSERVATIONS
    f = FINDINGS["find-auto-cluster-scale-2024"]
    assert f.kind is sp.FindingKind.OFFICIAL_CLAIM
    assert f.quantity is not None
    # "1.1 trillion" is a rounded figure (audit): about
    assert (f.year, f.quantity.value, f.quantity.comparator) == (
        2024,
        1_100_000_000_000,
        sp.Comparator.ABOUT,
    )
    assert f.measures is not None
    assert "no source states" in f.measures
    assert "tgt-auto-trillion-scale" in f.target_ids
    assert best_confidence(f) is sp.Confidence.SECONDARY
    assert not INDICATORS["ind-auto-industry-scale"].observations


def test_electronics_cluster_2024_1_2tn() -> None:  # outcomes-aggregates F19, [T15] secondary
    # the same announcement as the auto cluster, on the same unstated measure: a claim (2026.6)
    assert "obs-electronic-info-cluster-scale-2024" not in OBSERVATIONS
    f = FINDINGS["find-ei-cluster-scale-2024"]
    assert f.kind is sp.FindingKind.OFFICIAL_CLAIM
    assert f.quantity is not None
    assert (f.year, f.quantity.value) == (2024, 1_200_000_000_000)
    assert f.bearing is sp.Bearing.CONTEXT


def test_nev_plates_2024_nearly_280k() -> None:  # outcomes-aggregates F19, [T15] secondary
    # "nearly 280,000" is the exact 278,000 rounded: one record citing both (data 2026.6)
    o = _obs("obs-nev-registrations-2024")
    assert (o.year, o.value, o.comparator) == (2024, 278_000, sp.Comparator.EXACTLY)
    assert "shine-2025-03-25-trillion-clusters" in {c.source_id for c in o.citations}


def test_biomed_mfg_output_2024() -> None:  # outcomes-aggregates F20, [T18] weak (2,011.67亿)
    o = _obs("obs-biomed-mfg-output-2024")
    assert (o.year, o.value) == (2024, 201_167_000_000)
    assert _confidence(o.id) is sp.Confidence.WEAK


def test_robot_density_key_industries_is_2021_data() -> None:  # aggregates F22; supp-2 K4
    # 383 was published in January 2022 as 2021 data; the 2023 repost repeats it, no 2022 value
    [o] = sp.observations("ind-robot-density-key-industries")
    assert (o.id, o.year, o.value) == ("obs-robot-density-key-2021", 2021, 383)
    assert "sheitc-2023-01-robot-density-repost" in {c.source_id for c in o.citations}


def test_specialised_smes_sept_2021() -> None:  # plan-text-deeper C2, [PF-S30] weak
    o = _obs("obs-specialised-smes-2021-09")
    assert (o.year, o.value, o.coverage) == (2021, 3005, "as of September 2021")
    assert _confidence(o.id) is sp.Confidence.WEAK


def test_little_giants_sept_2021() -> None:  # plan-text-deeper C2, [PF-S30] weak
    o = _obs("obs-little-giants-national-2021-09")
    assert (o.year, o.value, o.coverage) == (2021, 262, "as of September 2021")


def test_high_end_equipment_output_2020() -> None:  # plan-text-deeper B3, [D7] secondary
    o = _obs("obs-high-end-equipment-output-2020")
    assert (o.year, o.value) == (2020, 580_000_000_000)
    assert _confidence(o.id) is sp.Confidence.SECONDARY


def test_finding_four_trillion_clusters_meets_two() -> None:  # outcomes-aggregates F19, [T15]
    f = _finding("find-trillion-clusters-2024-count")
    assert (f.kind, f.bearing, f.year) == (sp.FindingKind.OFFICIAL_CLAIM, sp.Bearing.MET, 2024)
    assert f.target_ids == ("tgt-trillion-level-clusters-2",)
    assert f.quantity is not None
    assert f.quantity.value == 4


def test_finding_named_four_only_progress() -> None:  # outcomes-aggregates F19/K3: no life & health
    f = _finding("find-trillion-clusters-2024-named-four")
    assert (f.bearing, f.target_ids) == (sp.Bearing.PROGRESS, ("tgt-2023-trillion-clusters-4",))


def test_finding_mid_term_evaluation() -> None:  # outcomes-aggregates F26, [T8] weak
    f = _finding("find-midterm-2023-leading-three")
    assert (f.kind, f.bearing, f.stated) == (
        sp.FindingKind.EVALUATION,
        sp.Bearing.PROGRESS,
        "2023-11-22",
    )
    assert "tgt-leading-three-double" in f.target_ids


def test_finding_gu_jun_claim_and_conflict() -> None:  # outcomes-aggregates F29, [T30] weak
    f = _finding("find-gu-jun-2026-growth-targets-met")
    assert (f.bearing, f.target_ids) == (sp.Bearing.MET, ("tgt-sh-outline-gdp-growth-5",))
    c = _conflict("conflict-outline-gdp-growth-claim")
    assert c.preferred_side_id is None
    assert "find-gu-jun-2026-growth-targets-met" in c.sides[0].record_ids


def test_conflict_robot_density_scopes() -> None:  # outcomes-aggregates K8
    # recorded once (by the aggregates sheet's reading); the two scopes are kept apart
    c = _conflict("conflict-robot-density-scopes")
    assert [s.record_ids for s in c.sides] == [
        ("obs-robot-density-2022",),
        ("obs-robot-density-key-2021",),
    ]


def test_gap_indicator_table_and_robot_years() -> None:  # plan-text-deeper A1/NF1; aggregates §5
    assert _gap("gap-indicator-table-18").record_ids == ("sh-am-14fyp",)
    assert _gap("gap-robot-density-2023-2025").years == (2023, 2024, 2025)


def test_successor_proposal_document() -> None:  # outcomes-aggregates F33, [T21]/[T23]
    d = sp.load().related_documents
    doc = next(x for x in d if x.id == "doc-sh-15fyp-proposal")
    assert doc.relation is sp.Relation.SUCCEEDS
    assert doc.period is not None
    assert str(doc.period) == "2026–2030"
    assert [(e.kind, e.date) for e in doc.events] == [(sp.EventKind.ADOPTED, dt.date(2025, 12, 22))]
