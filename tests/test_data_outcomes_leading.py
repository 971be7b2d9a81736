"""Hand-checked figures from the outcome sheets: three leading industries, clusters, 3 nm, EDA,
medical devices (fragment d1-leading).

Each test names the sheet (in shared/sources/) and the line it was checked against.
"""

import pytest

import shanghai_plan as sp
from tests.bundled import (
    CONFLICTS,
    FINDINGS,
    GAPS,
    OBSERVATIONS,
    PLAN,
    SOURCES,
    TARGETS,
    confidences,
)
from tests.bundled import INDICATOR_OF as IND_OF

OBS = OBSERVATIONS
_obs = OBSERVATIONS.__getitem__


def _confidences(o: sp.Observation) -> set[str]:
    return {c.value for c in confidences(o)}


# --------------------------------------------------------------- 2019 baselines (T1-01)


def test_ic_scale_2019() -> None:  # outcomes-plan-targets.md T1-01, [R1]: IC 1,706亿
    o = _obs("obs-ic-scale-2019-wu")
    assert IND_OF[o.id] == "ind-ic-industry-scale"
    assert (o.year, o.value, o.comparator) == (2019, 170_600_000_000, sp.Comparator.EXACTLY)
    assert _confidences(o) == {"secondary"}


def test_ai_scale_2019_about() -> None:  # outcomes-plan-targets.md T1-01, [R1]: AI 约1,477亿
    o = _obs("obs-ai-scale-2019")
    assert IND_OF[o.id] == "ind-ai-industry-scale"
    assert (o.year, o.value, o.comparator) == (2019, 147_700_000_000, sp.Comparator.ABOUT)


def test_biomed_scale_2019() -> None:  # outcomes-plan-targets.md T1-01, [R1]: biomed 3,833亿
    o = _obs("obs-biomed-scale-2019")
    assert IND_OF[o.id] == "ind-biomed-industry-scale"
    assert (o.year, o.value) == (2019, 383_300_000_000)


def test_biomed_mfg_output_2019() -> None:  # outcomes-plan-targets.md T1-01, [R1]: 1,320亿
    o = _obs("obs-biomed-mfg-output-2019")
    assert IND_OF[o.id] == "ind-biomed-mfg-output"
    assert (o.year, o.value) == (2019, 132_000_000_000)


def test_leading_three_base_2019_derived() -> None:  # outcomes-plan-targets.md T1-04 (derived)
    o = _obs("obs-leading-three-scale-2019")
    assert IND_OF[o.id] == "ind-leading-three-scale"
    assert o.basis is sp.Basis.DERIVED
    assert o.derived_from == ("obs-ic-scale-2019-wu", "obs-ai-scale-2019", "obs-biomed-scale-2019")
    total = sum(_obs(i).value for i in o.derived_from)
    assert o.value == pytest.approx(total, rel=1e-12)
    assert (o.year, o.value, o.comparator) == (2019, 701_600_000_000, sp.Comparator.ABOUT)


def test_ic_national_share_2019_two_versions() -> None:  # T1-01 [R1] ≈22%; T1-02 [R2] 20%
    a = _obs("obs-ic-national-share-2019-scale")
    b = _obs("obs-ic-national-share-2019-revenue")
    assert (a.year, a.value, a.comparator) == (2019, 22, sp.Comparator.ABOUT)
    assert (b.year, b.value, b.comparator) == (2019, 20, sp.Comparator.EXACTLY)


# ----------------------------------------------------------- IC revenue, kept apart


def test_ic_revenue_2019() -> None:  # outcomes-plan-targets.md T1-02, [R2] Shine: 170.6 bn
    o = _obs("obs-ic-revenue-2019")
    assert IND_OF[o.id] == "ind-ic-revenue"
    assert (o.year, o.value) == (2019, 170_600_000_000)


def test_ic_revenue_2025_above_480bn() -> None:  # outcomes-plan-targets.md T1-15, [R21]/[R22]
    o = _obs("obs-ic-revenue-2025")
    assert IND_OF[o.id] == "ind-ic-revenue"
    assert (o.year, o.value, o.comparator) == (2025, 480_000_000_000, sp.Comparator.MORE_THAN)
    assert _confidences(o) == {"weak"}
    ind = next(i for i in PLAN.indicators if i.id == "ind-ic-revenue")
    assert ind.measure is sp.Measure.REVENUE


# -------------------------------------------------------------- AI and biomedicine


def test_ai_scale_2025_q1q3() -> None:  # outcomes-plan-targets.md T1-23, [R8]: 4,354.92亿
    o = _obs("obs-ai-scale-2025-q1q3")
    assert (o.year, o.value, o.coverage) == (2025, 435_492_000_000, "Q1–Q3")
    assert _confidences(o) == {"secondary"}


def test_ai_scale_growth_2025_q1q3() -> None:  # outcomes-plan-targets.md T1-23, [R8]: +39.6%
    o = _obs("obs-ai-scale-growth-2025-q1q3")
    assert (o.year, o.value, o.coverage) == (2025, 39.6, "Q1–Q3")


def test_ai_above_size_output_2022() -> None:  # outcomes-supplement.md F4-01, [U10]: 3,821亿
    o = _obs("obs-ai-above-size-output-2022")
    assert IND_OF[o.id] == "ind-ai-above-size-output"
    assert (o.year, o.value) == (2022, 382_100_000_000)
    firms = (_obs("obs-ai-above-size-firms-2018"), _obs("obs-ai-above-size-firms-2022"))
    assert [(f.year, f.value) for f in firms] == [(2018, 183), (2022, 348)]


def test_ai_above_size_scale_2021_partial() -> None:  # outcomes-supplement.md F4-03, [U12]
    o = _obs("obs-ai-above-size-scale-2021-jan-sep")
    assert (o.year, o.value, o.comparator) == (2021, 200_000_000_000, sp.Comparator.MORE_THAN)
    assert o.coverage == "Jan–Sep"


def test_biomed_scale_stcsm_2023() -> None:  # outcomes-plan-targets.md T1-18, [R12]: 933.7 bn
    o = _obs("obs-biomed-scale-stcsm-2023")
    assert IND_OF[o.id] == "ind-biomed-industry-scale-stcsm"
    assert (o.year, o.value) == (2023, 933_700_000_000)
    assert _obs("obs-biomed-scale-growth-stcsm-2023").value == 4.9


def test_biomed_mfg_output_2024_weak() -> None:  # outcomes-plan-targets.md T1-19, [R10]: 2,011.67亿
    o = _obs("obs-biomed-mfg-output-2024")
    assert (o.year, o.value) == (2024, 201_167_000_000)
    assert _confidences(o) == {"weak"}


def test_biomed_output_growth_2021() -> None:  # outcomes-plan-targets.md T1-20, [R13]/[R14]: +12%
    o = _obs("obs-biomed-output-growth-2021")
    assert (o.year, o.value) == (2021, 12)


def test_leading_three_growth_2025_jan_oct() -> None:  # outcomes-plan-targets.md T1-13, [R4]
    o = _obs("obs-leading-three-growth-2025-jan-oct")
    assert IND_OF[o.id] == "ind-leading-three-output-growth"
    assert (o.year, o.value, o.coverage) == (2025, 7.6, "Jan–Oct")


# ---------------------------------------------------------- clusters, devices, Pudong


def test_six_key_output_2021() -> None:  # outcomes-plan-targets.md T4-01, [R28]: above 2.87 tn
    o = _obs("obs-six-key-output-2021")
    assert (o.year, o.value, o.comparator) == (2021, 2_870_000_000_000, sp.Comparator.MORE_THAN)


def test_trillion_clusters_2025_count_weak() -> None:  # outcomes-plan-targets.md T4-04, [R10]
    o = _obs("obs-clusters-trillion-level-2025")
    assert IND_OF[o.id] == "ind-clusters-trillion-level"
    assert (o.year, o.value) == (2025, 4)
    assert _confidences(o) == {"weak"}


def test_medical_devices_output_2024() -> None:  # outcomes-supplement.md F7-01, [U17]: 55.51 bn
    o = _obs("obs-medical-devices-mfg-output-2024")
    assert IND_OF[o.id] == "ind-medical-devices-mfg-output"
    assert (o.year, o.value) == (2024, 55_510_000_000)
    assert "primary" in _confidences(o)
    share = _obs("obs-medical-devices-share-2024")
    assert share.value == 27.6
    # F7-03 (derived): 555.1 ÷ 2,011.67 = 27.6 %, so the figure is 2024's
    assert round(o.value / _obs("obs-biomed-mfg-output-2024").value * 100, 1) == share.value


def test_pudong_ic_mfg_output_2022() -> None:  # outcomes-supplement.md F3-01, [U29]
    o = _obs("obs-pudong-ic-mfg-output-2022")
    assert (o.year, o.value, o.comparator) == (2022, 100_000_000_000, sp.Comparator.MORE_THAN)
    assert _obs("obs-pudong-ic-mfg-output-growth-2022").value == 24.9
    ind = next(i for i in PLAN.indicators if i.id == "ind-pudong-ic-mfg-output")
    assert ind.geography != "Shanghai"


# --------------------------------------------------------- findings, gaps, conflicts


def test_eda_centre_went_to_nanjing() -> None:  # outcomes-plan-targets.md T7-06, [R36]
    f = FINDINGS["find-eda-centre-nanjing"]
    # where the centre went is an absence: it points against the target but cannot show that
    # no Shanghai platform exists (audit D1), so the verdict stays open and leans not met
    assert f.bearing is sp.Bearing.ABSENT
    assert f.target_ids == ("tgt-national-eda-platform",)
    assert (f.year, f.stated) == (2022, "2023-02-07")


def test_sheitc_four_trillion_clusters() -> None:  # outcomes-plan-targets.md T4-05, [R31]
    f = FINDINGS["find-sheitc-2026-four-trillion-clusters"]
    assert f.kind is sp.FindingKind.OFFICIAL_CLAIM
    # 做强四大万亿级产业集群 names a tier of clusters; it does not say four reached 1 trillion
    assert f.bearing is sp.Bearing.CONTEXT
    assert f.target_ids == ("tgt-trillion-level-clusters-2",)
    assert f.year == 2025
    assert {SOURCES[c.source_id].confidence.value for c in f.citations} == {"primary"}


def test_3nm_findings_do_not_judge() -> None:  # outcomes-plan-targets.md T7-03..05, K7
    for fid in ("find-xiaomi-3nm-tapeout-beijing", "find-xring-o1-launch"):
        f = FINDINGS[fid]
        assert f.bearing is sp.Bearing.CONTEXT
        assert f.target_ids == ("tgt-chip-design-3nm",)
    node = next(i for i in PLAN.indicators if i.id == "ind-chip-design-node")
    assert node.observations == ()  # no Shanghai-attributed node was found
    assert CONFLICTS["conflict-3nm-attribution"].preferred_side_id is None


def test_gwr_2026_claim_is_progress_not_doubling() -> None:  # outcomes-plan-targets.md T1-09
    f = FINDINGS["find-gwr-2026-leading-three-above-2tn"]
    assert f.bearing is sp.Bearing.PROGRESS
    assert f.quantity is not None
    assert (f.quantity.value, f.quantity.comparator) == (2e12, sp.Comparator.MORE_THAN)


def test_gaps_of_the_leading_industries() -> None:  # outcomes-plan-targets.md §5
    assert GAPS["gap-ic-scale-2022-2025"].years == (2022, 2023, 2024, 2025)
    assert "tgt-500bn-level-clusters-4" in GAPS["gap-500bn-clusters"].record_ids
    assert GAPS["gap-high-end-medical-devices"].record_ids[0] == "tgt-high-end-medical-devices-60bn"


def test_medical_device_label_conflict_prefers_primary() -> None:  # outcomes-supplement.md K5
    c = CONFLICTS["conflict-medical-devices-label"]
    assert c.preferred_side_id == "conflict-medical-devices-label-a"


def test_doubling_target_measures() -> None:  # brief: measure_note and alternative measures
    t = TARGETS["tgt-leading-three-double"]
    assert t.indicator_id == "ind-leading-three-scale"
    assert "ind-leading-three-output-growth-14fyp" in t.alternative_indicator_ids
    assert t.measure_note
