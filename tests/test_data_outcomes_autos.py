"""Hand-checked figures on autos, NEVs and electronic information (issue 10).

Each value was checked by hand against the line of the fact sheet named in the comment
(``/work/shared/sources/outcomes-plan-targets.md`` §2 T5/T6 and
``outcomes-supplement.md`` §2 items 1, 2, 5, 6): base units, year, coverage, comparator
and the confidence of the source.
"""

import shanghai_plan as sp
from tests.bundled import (
    CONFLICTS,
    FINDINGS,
    GAPS,
    INDICATOR_OF,
    OBSERVATIONS,
    PLAN,
    SOURCES,
    TARGETS,
    confidences,
)

_obs = OBSERVATIONS.__getitem__


def _confidences(oid: str) -> set[sp.Confidence]:
    return confidences(_obs(oid))


# ------------------------------------------------------------------ NEV output (units)


def test_nev_2021_secondary_source() -> None:  # supplement F1-01 [U1]: 632,000 in 2021
    o = _obs("obs-nev-production-2021")
    assert INDICATOR_OF[o.id] == "ind-nev-production"
    assert (o.year, o.value, o.comparator, o.coverage) == (
        2021,
        632_000,
        sp.Comparator.EXACTLY,
        None,
    )
    assert sp.Confidence.SECONDARY in _confidences(o.id)  # the weak copies agree with it


def test_nev_2022_secondary_source() -> None:  # supplement F1-01 [U1]: 988,600 in 2022
    o = _obs("obs-nev-production-2022")
    assert (o.year, o.value, o.coverage) == (2022, 988_600, None)
    assert sp.Confidence.SECONDARY in _confidences(o.id)  # the weak copies agree with it


def test_nev_2023_h1() -> None:  # supplement F1-01 [U1]: H1 2023 611,500, +65.7 %
    o = _obs("obs-nev-production-2023-h1")
    assert (o.year, o.value, o.coverage) == (2023, 611_500, "H1")
    g = _obs("obs-nev-production-growth-2023-h1")
    assert (INDICATOR_OF[g.id], g.year, g.value, g.coverage) == (
        "ind-nev-production-growth",
        2023,
        65.7,
        "H1",
    )


def test_nev_2023_h1_national_share() -> None:  # supplement F1-01 [U1]: about 16 % of national
    o = _obs("obs-nev-national-share-2023-h1")
    assert (o.year, o.value, o.comparator, o.coverage) == (
        2023,
        16,
        sp.Comparator.ABOUT,
        "H1",
    )


def test_nev_2023_full_year_weak() -> None:  # supplement F1-02/F1-03 [U2][U3]: 128.68万辆
    o = _obs("obs-nev-production-2023")
    assert (o.year, o.value, o.coverage) == (2023, 1_286_800, None)
    assert _confidences(o.id) == {sp.Confidence.WEAK}


def test_nev_growth_2023_reported() -> None:  # supplement F1-03 [U3] +34.4 %; F1-02 [U2] ~35 %
    a = _obs("obs-nev-production-growth-2023-bkwk")
    b = _obs("obs-nev-production-growth-2023-autochina")
    assert (a.year, a.value, a.comparator) == (2023, 34.4, sp.Comparator.EXACTLY)
    assert (b.year, b.value, b.comparator) == (2023, 35, sp.Comparator.ABOUT)
    assert _confidences(a.id) == _confidences(b.id) == {sp.Confidence.WEAK}


def test_nev_growth_2023_derived_recomputes() -> None:  # supplement K1: 1,286,800 / 988,600
    o = _obs("obs-nev-production-growth-2023-derived")
    assert o.basis is sp.Basis.DERIVED
    assert o.derived_from == ("obs-nev-production-2023", "obs-nev-production-2022")
    level_2023, level_2022 = (_obs(i).value for i in o.derived_from)
    assert round((level_2023 / level_2022 - 1) * 100, 1) == o.value == 30.2


# ------------------------------------------------------------ NEV and auto output value


def test_nev_output_value_2020_jan_oct() -> None:  # supplement F1-07 [U9]: 463亿, 增长1.6倍
    o = _obs("obs-nev-output-value-2020-jan-oct")
    assert (INDICATOR_OF[o.id], o.year, o.value, o.coverage) == (
        "ind-nev-output-value",
        2020,
        46_300_000_000,
        "Jan–Oct",
    )
    assert _confidences(o.id) == {sp.Confidence.PRIMARY}
    g = _obs("obs-nev-output-value-growth-2020-jan-oct")
    assert (g.year, g.value, g.coverage) == (2020, 160, "Jan–Oct")


def test_nev_output_value_growth_2023_full_year() -> None:  # plan-targets T5-04 [O11]: +32.1 %
    o = _obs("obs-nev-output-value-growth-2023")
    assert (INDICATOR_OF[o.id], o.year, o.value, o.coverage) == (
        "ind-nev-output-value-growth",
        2023,
        32.1,
        None,
    )
    assert sp.Confidence.SECONDARY in _confidences(o.id)  # the weak copies agree with it


def test_auto_output_value_2020_jan_oct() -> None:  # supplement F1-07 [U9]: 5,270亿, +4 %
    o = _obs("obs-auto-output-value-2020-jan-oct")
    assert (INDICATOR_OF[o.id], o.year, o.value, o.coverage) == (
        "ind-auto-output-value",
        2020,
        527_000_000_000,
        "Jan–Oct",
    )
    g = _obs("obs-auto-output-growth-2020-jan-oct")
    assert (g.year, g.value, g.coverage) == (2020, 4, "Jan–Oct")


def test_sei_2020_jan_oct() -> None:  # supplement F1-07 [U9]: SEI 10,932亿 (+8 %), 39.6 %
    assert _obs("obs-sei-output-2020-jan-oct").value == 1_093_200_000_000
    assert _obs("obs-sei-share-2020-jan-oct").value == 39.6
    assert _obs("obs-sei-output-growth-2020-jan-oct").value == 8
    for oid in ("obs-sei-output-2020-jan-oct", "obs-sei-share-2020-jan-oct"):
        assert _obs(oid).coverage == "Jan–Oct"


def test_auto_revenue_2023_weak() -> None:  # supplement F1-03/F5-01 [U3]: 9,603.01亿, +9.4 %
    o = _obs("obs-auto-revenue-2023")
    assert (INDICATOR_OF[o.id], o.year, o.value) == ("ind-auto-revenue", 2023, 960_301_000_000)
    assert _confidences(o.id) == {sp.Confidence.WEAK}
    assert _obs("obs-auto-revenue-growth-2023").value == 9.4
    measures = {i.id: i.measure for i in PLAN.indicators}
    assert measures["ind-auto-revenue"] is sp.Measure.REVENUE


def test_nev_share_of_auto_value_derived() -> None:  # plan-facts B13 / O18, our division
    for oid, expected in (
        ("obs-nev-share-auto-value-2020-derived", 9.9),
        ("obs-nev-share-auto-value-2020-jan-oct-derived", 8.8),
        ("obs-nev-share-auto-value-2023-jan-nov-derived", 50.6),
    ):
        o = _obs(oid)
        nev, auto = (_obs(i).value for i in o.derived_from)
        assert o.basis is sp.Basis.DERIVED
        assert round(nev / auto * 100, 1) == o.value == expected
    assert _obs("obs-nev-share-auto-value-2023-jan-nov-derived").coverage == "Jan–Nov"


# ------------------------------------------------------------------ electronic information


def test_miit_software_business_revenue_h1_2023() -> None:  # plan-targets T6-03 [R63]: 4,507亿
    o = _obs("obs-software-business-revenue-miit-2023-h1")
    assert (INDICATOR_OF[o.id], o.year, o.value, o.coverage) == (
        "ind-software-business-revenue-miit",
        2023,
        450_700_000_000,
        "H1",
    )
    assert _obs("obs-software-business-revenue-miit-growth-2023-h1").value == 20.2
    # a different scope from the target's indicator
    assert INDICATOR_OF[o.id] != TARGETS["tgt-software-revenue-1-5tn"].indicator_id


def test_stats_bureau_software_growth_jan_nov_2025() -> None:  # plan-targets T6 2025 row [O24]
    o = _obs("obs-sits-revenue-growth-2025-jan-nov")
    assert (o.year, o.value, o.coverage) == (2025, 24.2, "Jan–Nov")
    # China Daily Hong Kong gives the same figure (outcomes-2026-figures.md T-SIS, [F18] secondary)
    assert _confidences(o.id) == {sp.Confidence.WEAK, sp.Confidence.SECONDARY}


def test_electronics_manufacturing_growth_2025() -> None:  # plan-targets T6 2025 row [R23]: +7.7 %
    o = _obs("obs-electronics-mfg-output-growth-2025")
    assert (o.year, o.value, o.coverage) == (2025, 7.7, None)
    assert sp.Confidence.SECONDARY in _confidences(o.id)  # the weak copies agree with it


def test_jinshan_display_growth_2021() -> None:  # supplement F6-04 [U24]: Jan–Sep 2021 +41 %
    o = _obs("obs-jinshan-display-output-growth-2021-q1q3")
    assert (o.year, o.value, o.coverage) == (2021, 41, "Q1–Q3")
    geography = {i.id: i.geography for i in PLAN.indicators}
    assert geography[INDICATOR_OF[o.id]] != "Shanghai"  # park level, not the city


# ------------------------------------------------------- findings, gaps, conflicts, targets


def test_auto_trillion_cluster_finding() -> None:  # plan-targets T5 2025 row, T4-04 [R10]
    f = FINDINGS["find-auto-trillion-cluster-2025"]
    assert (f.year, f.bearing, f.target_ids) == (2025, sp.Bearing.MET, ("tgt-auto-trillion-scale",))
    assert {SOURCES[c.source_id].confidence for c in f.citations} == {sp.Confidence.WEAK}


def test_software_cluster_finding_is_progress_only() -> None:  # plan-targets T6 2025 row [R10]
    f = FINDINGS["find-sis-trillion-cluster-2025"]
    assert (f.bearing, f.target_ids) == (sp.Bearing.PROGRESS, ("tgt-software-revenue-1-5tn",))
    assert f.quantity is not None
    assert f.quantity.value == 1_000_000_000_000


def test_nev_gap_2024_2025() -> None:  # plan-targets §5 / supplement §5: NEV output 2024, 2025
    g = GAPS["gap-nev-production-2024-2025"]
    assert g.years == (2024, 2025)
    assert {"ind-nev-production", "tgt-nev-output-1-2m"} <= set(g.record_ids)


def test_display_and_sensor_gaps() -> None:  # supplement §5: no city-level display or sensor data
    assert GAPS["gap-new-display-scale"].years == (2021, 2022, 2023, 2024, 2025)
    assert "tgt-smart-sensors-80bn" in GAPS["gap-smart-sensor-scale"].record_ids


def test_nev_growth_conflict_keeps_both_sides() -> None:  # supplement K1
    c = CONFLICTS["conflict-nev-growth-2023"]
    assert c.preferred_side_id is None
    assert len(c.sides) == 2
    ids = {r for s in c.sides for r in s.record_ids}
    assert {"obs-nev-production-growth-2023-bkwk", "obs-nev-production-growth-2023-derived"} <= ids


def test_auto_trillion_measures() -> None:  # plan-targets K5, T5-06
    t = TARGETS["tgt-auto-trillion-scale"]
    assert t.indicator_id == "ind-auto-industry-scale"
    assert t.alternative_indicator_ids == ("ind-auto-output-value", "ind-auto-revenue")
    assert t.measure_note is not None
    assert "万亿级产业规模" in t.measure_note
    assert CONFLICTS["conflict-auto-trillion-measures"].preferred_side_id is None


def test_nev_scale_target_measures() -> None:  # plan-targets T5-05, Q9: 规模 vs 产值
    t = TARGETS["tgt-nev-scale-350bn"]
    assert t.indicator_id == "ind-nev-industry-scale"
    assert t.alternative_indicator_ids == ("ind-nev-output-value",)
    plan_target = TARGETS["tgt-nev-plan-output-value-350bn"]
    assert (plan_target.document_id, plan_target.indicator_id) == (
        "doc-sh-nev-plan-2021",
        "ind-nev-output-value",
    )
    assert plan_target.quantity is not None
    assert plan_target.quantity.comparator is sp.Comparator.MORE_THAN
