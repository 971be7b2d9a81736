"""Hand-checked figures from the outcome sheets on industrial investment, value added and counts.

Each test names the sheet (``/work/shared/sources/…``) and the fact line it was checked against.
Values are in base units (亿元 × 1e8 → yuan).
"""

import math

import shanghai_plan as sp
from tests.bundled import CONFLICTS, FINDINGS, GAPS, OBSERVATIONS, TARGETS, confidences

_obs = OBSERVATIONS.__getitem__
_confidence = confidences
_finding = FINDINGS.__getitem__
_gap = GAPS.__getitem__
_conflict = CONFLICTS.__getitem__


def test_industrial_investment_growth_2022() -> None:  # outcomes-supplement-2.md G1 [V1]: +0.6%
    o = _obs("obs-industrial-investment-growth-2022")
    assert (o.year, o.value, o.coverage, o.comparator) == (2022, 0.6, None, sp.Comparator.EXACTLY)
    assert _confidence(o) == {sp.Confidence.SECONDARY}


def test_industrial_investment_growth_2024() -> None:  # supplement-2 G5 [V6]; aggregates F11 [T10]
    o = _obs("obs-industrial-investment-growth-2024")
    assert (o.year, o.value, o.coverage) == (2024, 11.1, None)
    assert sp.Confidence.SECONDARY in _confidence(o)


def test_industrial_investment_growth_2023_h1() -> None:  # supplement-2 G3 [V5]: H1 2023 +34.3%
    o = _obs("obs-industrial-investment-growth-2023-h1")
    assert (o.year, o.value, o.coverage) == (2023, 34.3, "H1")


def test_industrial_investment_level_2024() -> None:  # aggregates F11 [T10, weak]: >2,000亿
    o = _obs("obs-industrial-investment-2024")
    assert (o.year, o.value, o.comparator) == (2024, 200_000_000_000, sp.Comparator.MORE_THAN)
    assert o.coverage is None
    assert _confidence(o) == {sp.Confidence.WEAK}


def test_industrial_investment_level_2017() -> None:  # aggregates 1c note [T46, primary]: 1,032亿
    o = _obs("obs-industrial-investment-2017")
    assert (o.year, o.value) == (2017, 103_200_000_000)
    assert _confidence(o) == {sp.Confidence.PRIMARY}


def test_industrial_investment_2023_lower_bound_recomputed() -> None:  # aggregates 1c (derived)
    o = _obs("obs-industrial-investment-2023-lower-bound")
    level, growth = (_obs(i).value for i in o.derived_from)
    assert o.basis is sp.Basis.DERIVED
    assert o.comparator is sp.Comparator.MORE_THAN
    assert o.value <= level / (1 + growth / 100) < o.value * 1.001


def test_industrial_investment_2025_lower_bound_recomputed() -> None:  # aggregates 1c (derived)
    o = _obs("obs-industrial-investment-2025-lower-bound")
    level, growth = (_obs(i).value for i in o.derived_from)
    assert math.isclose(o.value, level * (1 + growth / 100))
    assert (o.year, o.value) == (2025, 240_000_000_000)


def test_secondary_va_2022() -> None:  # outcomes-aggregates.md F3 [T36]: 11,458.43亿
    o = _obs("obs-secondary-va-2022")
    assert (o.year, o.value) == (2022, 1_145_843_000_000)
    assert _confidence(o) == {sp.Confidence.SECONDARY}


def test_secondary_va_2024_exact() -> None:  # supplement-2 G15 / G5 [V6]: 11,637.57亿
    o = _obs("obs-secondary-va-2024-exact")
    assert (o.year, o.value) == (2024, 1_163_757_000_000)


def test_secondary_va_2025_exact_primary() -> None:  # supplement-2 G16 [V7, primary]: 11,650.62亿
    o = _obs("obs-secondary-va-2025-exact")
    assert (o.year, o.value) == (2025, 1_165_062_000_000)
    assert sp.Confidence.PRIMARY in _confidence(o)


def test_iva_share_2024_bound_recomputed() -> None:  # supplement-2 G15: ≤21.6% (derived)
    o = _obs("obs-iva-share-2024-upper-bound-exact")
    secondary, gdp = (_obs(i).value for i in o.derived_from)
    assert o.comparator is sp.Comparator.LESS_THAN
    assert o.value == math.ceil(10_000 * secondary / gdp) / 100 == 21.59


def test_iva_2023_bound() -> None:  # supplement-2 G14 [V11]: secondary VA 11,612.97亿 bounds IVA
    o = _obs("obs-iva-2023-upper-bound")
    assert (o.year, o.value, o.comparator) == (2023, 1_161_297_000_000, sp.Comparator.LESS_THAN)


def test_gdp_2020_revised() -> None:  # supplement-2 G17 [V8, primary]: 4兆1600億元
    o = _obs("obs-gdp-2020-revised")
    assert (o.year, o.value) == (2020, 4_160_000_000_000)
    assert _confidence(o) == {sp.Confidence.PRIMARY}


def test_fai_growth_2024_outturn() -> None:  # supplement-2 G5 [V6] and K1: +4.8%
    o = _obs("obs-fai-growth-2024-stats")
    assert (o.year, o.value, o.coverage) == (2024, 4.8, None)


def test_above_size_output_2022_q1q3() -> None:  # outcomes-aggregates.md F8 [T34]: 2.89 tn
    o = _obs("obs-above-size-output-2022-q1q3")
    assert (o.year, o.value, o.coverage) == (2022, 2_890_000_000_000, "Q1–Q3")


def test_projects_signed_2021_event() -> None:  # supplement-2 G18 [V26]: 216 signed, one event
    o = _obs("obs-major-industrial-projects-signed-2021-04")
    assert (o.year, o.value) == (2021, 216)
    assert o.coverage is not None  # one event, never a full-year count


def test_major_works_2023_primary() -> None:  # outcomes-plan-targets.md T3-04 [R58, primary]: 191
    o = _obs("obs-municipal-major-works-2023-sheitc")
    assert (o.year, o.value) == (2023, 191)
    assert sp.Confidence.PRIMARY in _confidence(o)  # the list's own mirror (secondary) agrees


def test_labour_productivity_2025() -> None:  # supplement-2 G33 [V8]: >420,000 yuan/person
    o = _obs("obs-labour-productivity-2025")
    assert (o.year, o.value, o.comparator) == (2025, 420_000, sp.Comparator.MORE_THAN)


def test_robot_density_key_industries_2021() -> None:  # supplement-2 G27 [V16, V15]: 383
    o = _obs("obs-robot-density-key-2021")
    assert (o.year, o.value) == (2021, 383)


def test_finding_drc_outline_claim() -> None:  # supplement-2 1.5; aggregates F16 [T1]
    f = _finding("find-drc-2026-outline-targets-on-schedule")  # one record for three sheets
    assert (f.kind, f.bearing, f.year, f.stated) == (
        sp.FindingKind.OFFICIAL_CLAIM,
        sp.Bearing.CONTEXT,
        2025,
        "2026-02-03",
    )
    assert all(t.startswith("tgt-sh-outline-") for t in f.target_ids)


def test_finding_h1_2025_investment() -> None:  # supplement-2 G7 [V14] and K6: scope unclear
    f = _finding("find-h1-2025-industrial-investment-97bn")
    assert f.quantity is not None
    assert f.quantity.value == 97_300_000_000
    assert f.bearing is sp.Bearing.CONTEXT
    assert "tgt-industrial-investment-850bn" in f.target_ids


def test_conflict_fai_2024_prefers_outturn() -> None:  # supplement-2 K1
    c = _conflict("conflict-fai-growth-2024")
    assert c.preferred_side_id == "conflict-fai-growth-2024-a"
    assert {r for s in c.sides for r in s.record_ids} == {
        "obs-fai-growth-2024-stats",
        "obs-fai-growth-2024",
    }


def test_conflict_gdp_2020_both_stand() -> None:  # supplement-2 K3
    c = _conflict("conflict-gdp-2020-base")
    assert c.preferred_side_id is None
    assert {s.quantity.value for s in c.sides if s.quantity} == {3.87e12, 4.16e12}


def test_gap_investment_levels() -> None:  # supplement-2 G10 and §5; plan-targets §5
    g = _gap("gap-industrial-investment-levels")
    assert set(g.years) == {2021, 2022, 2023, 2025}
    assert "tgt-industrial-investment-850bn" in g.record_ids


def test_gap_core_components() -> None:  # plan-targets T2 table; supplement-2 §5
    g = _gap("gap-core-component-breakthroughs-count")
    assert g.record_ids == (
        "tgt-core-component-breakthroughs-300",
        "ind-core-component-breakthroughs",
    )
    assert g.years == (2021, 2022, 2023, 2024, 2025)


def test_outline_labour_productivity_measure() -> None:  # supplement-2 G33: whole-economy measure
    t = TARGETS["tgt-sh-outline-labour-productivity-360k"]
    assert t.indicator_id == "ind-labour-productivity"
