"""Hand-checked figures and findings of data 2026.6, asserted against the bundled data.

Each value was checked by hand against the line of the fact sheet named in the comment
(``/work/shared/sources/outcomes-2026-figures.md``, ``outcomes-2026-claims.md`` and
``successors.md``; "figures:114" is line 114 of the first): base units, year, coverage,
comparator, the record kind and the confidence of the source.  The sheets and their ids stay
here, in the tests; the data cites the public pages only.
"""

import shanghai_plan as sp
from tests.bundled import (
    CONFLICTS,
    FINDINGS,
    INDICATOR_OF,
    INDICATORS,
    OBSERVATIONS,
    SOURCES,
    TARGETS,
    best_confidence,
    confidences,
)

_obs = OBSERVATIONS.__getitem__
_PRIMARY, _SECONDARY, _WEAK = sp.Confidence.PRIMARY, sp.Confidence.SECONDARY, sp.Confidence.WEAK


def _cites(record: sp.Observation | sp.Finding, url_part: str) -> bool:
    return any(url_part in SOURCES[c.source_id].url for c in record.citations)


# ------------------------------------------------------------- NEV output and vehicles


def test_nev_output_2024() -> None:  # figures:114 T-NEVU 2024, 122.5万辆 [F1 ¶2] secondary
    o = _obs("obs-nev-production-2024")
    assert INDICATOR_OF[o.id] == "ind-nev-production"
    assert (o.year, o.value, o.comparator, o.coverage) == (
        2024,
        1_225_000,
        sp.Comparator.EXACTLY,
        None,
    )
    assert best_confidence(o) is _SECONDARY
    assert _cites(o, "j.people.com.cn/n3/2025/0423")


def test_nev_output_2024_also_from_sheitc_official() -> None:  # claims:173 AU-04 [C27] weak
    o = _obs("obs-nev-production-2024")
    assert _cites(o, "xbjpep.com/html/2025-04/801390")
    assert _WEAK in confidences(o)


def test_nev_output_2025_about_weak() -> None:  # figures:119 T-NEVU 2025, 约120.5万辆 [F3][F4] weak
    o = _obs("obs-nev-production-2025")
    assert (o.year, o.value, o.comparator, o.coverage) == (
        2025,
        1_205_000,
        sp.Comparator.ABOUT,
        None,
    )
    assert confidences(o) == {_WEAK}


def test_nev_output_2025_jan_nov() -> None:  # figures:118 T-NEVU, 104.2万辆 [F5 ¶4][F6 ¶4] weak
    o = _obs("obs-nev-production-2025-jan-nov")
    assert (o.year, o.value, o.coverage) == (2025, 1_042_000, "Jan–Nov")
    assert confidences(o) == {_WEAK}


def test_nev_output_2025_q1q3_now_secondary() -> None:  # figures:117 T-NEVU, [F43 ¶3] secondary
    o = _obs("obs-nev-production-2025-q1q3")
    assert (o.year, o.value, o.coverage) == (2025, 797_000, "Q1–Q3")
    assert best_confidence(o) is _SECONDARY


def test_vehicles_2024_and_2025() -> None:  # figures:114 180.8万辆 [F1]; figures:119 182.3万辆 [F3]
    assert (_obs("obs-vehicles-2024").value, _obs("obs-vehicles-2024").coverage) == (
        1_808_000,
        None,
    )
    assert best_confidence(_obs("obs-vehicles-2024")) is _SECONDARY
    assert (_obs("obs-vehicles-2025").value, _obs("obs-vehicles-2025").coverage) == (
        1_823_000,
        None,
    )
    assert confidences(_obs("obs-vehicles-2025")) == {_WEAK}


def test_vehicles_2025_jan_nov() -> None:  # figures:118 160.11万辆 [F5][F6] weak; conflict C1 (230)
    o = _obs("obs-vehicles-2025-jan-nov")
    assert (o.year, o.value, o.coverage) == (2025, 1_601_100, "Jan–Nov")


def test_nev_share_2024_near_68() -> None:  # figures:114 NEV share "near 68%" [F1]
    o = _obs("obs-nev-share-vehicles-2024")
    assert (o.year, o.value, o.comparator) == (2024, 68, sp.Comparator.ABOUT)
    # the derived check of figures:121: 122.5 ÷ 180.8 = 67.8 %
    assert (
        round(_obs("obs-nev-production-2024").value / _obs("obs-vehicles-2024").value * 100, 1)
        == 67.8
    )


def test_nev_2024_vs_2023_kept_as_a_conflict() -> None:  # figures:232 conflict C3
    c = CONFLICTS["conflict-nev-output-2024-direction"]
    values = {s.quantity.value for s in c.sides if s.quantity is not None}
    assert values == {1_286_800, 1_225_000}
    assert c.preferred_side_id is None


def test_counting_basis_change_2025_is_weak_context() -> None:  # figures:125 [F40 ¶4] weak
    f = FINDINGS["find-vehicle-output-counting-2025"]
    assert f.bearing is sp.Bearing.CONTEXT
    assert best_confidence(f) is _WEAK
    assert "tgt-nev-output-1-2m" in f.target_ids


# ---------------------------------------------------------------------------- autos


def test_auto_output_value_2024() -> None:  # figures:135 T-AUTO 2024, 703.5 bn [F8 ¶3] secondary
    o = _obs("obs-auto-output-value-2024")
    assert INDICATOR_OF[o.id] == "ind-auto-output-value"
    assert (o.year, o.value, o.coverage) == (2024, 703_500_000_000, None)
    assert best_confidence(o) is _SECONDARY


def test_auto_output_jan_jul_2025_on_an_official_page() -> None:  # figures:136 [F9 ¶4–5] primary
    o = _obs("obs-auto-output-value-2025-jan-jul")
    assert (o.value, o.coverage) == (391_120_000_000, "Jan–Jul")
    assert best_confidence(o) is _PRIMARY


def test_auto_cluster_1_1tn_is_an_official_claim() -> None:  # figures:133 [F10 ¶1–2]; claims:108
    f = FINDINGS["find-auto-cluster-scale-2024"]
    assert f.kind is sp.FindingKind.OFFICIAL_CLAIM
    assert f.quantity is not None
    assert (f.year, f.quantity.value) == (2024, 1_100_000_000_000)
    assert _cites(f, "portuguese.xinhuanet.com/20250326")
    assert f.target_ids == ("tgt-auto-trillion-scale",)


def test_output_value_label_kept_as_a_conflict_side() -> None:  # figures:134, 233 C4; claims:433 X1
    c = CONFLICTS["conflict-auto-trillion-measures"]
    d = next(s for s in c.sides if s.id == "conflict-auto-trillion-measures-d")
    assert any("shine.cn/biz/economy/2503251862" in SOURCES[x.source_id].url for x in d.citations)
    assert c.preferred_side_id is None


# ------------------------------------------------------------- three leading industries


def test_leading_three_2023_on_the_city_portal() -> (
    None
):  # figures:169 T-LEAD 2023 [F13 ¶4] primary
    o = _obs("obs-leading-three-scale-2023")
    assert (o.year, o.value) == (2023, 1_600_000_000_000)
    assert best_confidence(o) is _PRIMARY
    assert _cites(o, "shanghai.gov.cn/nw4411/20240129")


def test_leading_three_2024_full_text() -> (
    None
):  # figures:170 T-LEAD 2024, 1.8万亿元 [F14]; claims C61
    o = _obs("obs-leading-three-scale-2024")
    assert (o.year, o.value) == (2024, 1_800_000_000_000)
    assert _cites(o, "district.ce.cn/newarea/roll/202501/20")


def test_leading_three_2025_above_2tn() -> None:  # figures:171 T-LEAD 2025 [F16 ¶3] secondary
    o = _obs("obs-leading-three-scale-2025")
    assert (o.value, o.comparator) == (2_000_000_000_000, sp.Comparator.MORE_THAN)
    assert _cites(o, "en.people.cn/n3/2026/0204")


def test_china_daily_output_label_is_a_conflict() -> None:  # figures:235 conflict C6
    c = CONFLICTS["conflict-leading-three-2024-label"]
    assert c.preferred_side_id == "conflict-leading-three-2024-label-a"
    assert all(s.quantity is not None and s.quantity.value == 1.8e12 for s in c.sides)


# ---------------------------------------------------- software and information services


def test_software_revenue_2020_base() -> None:  # figures:47 T-SIS 2020, 1.09万亿元 +12.5% [F22 ¶3]
    o = _obs("obs-software-revenue-2020")
    assert (o.year, o.value, o.coverage) == (2020, 1_090_000_000_000, None)
    assert best_confidence(o) is _SECONDARY
    g = _obs("obs-software-growth-2020-white-paper")
    assert (g.year, g.value) == (2020, 12.5)


def test_software_revenue_2021_february_figure() -> None:  # figures:48 T-SIS 2021 [F23 ¶4] weak
    o = _obs("obs-software-revenue-2021-feb-2022")
    assert (o.year, o.value) == (2021, 1_260_000_000_000)
    assert confidences(o) == {_WEAK}
    g = _obs("obs-software-growth-2021")
    assert (g.value, g.comparator) == (15, sp.Comparator.MORE_THAN)


def test_software_2021_versions_kept_apart() -> None:  # figures:236 conflict C7
    c = CONFLICTS["conflict-software-revenue-2021"]
    assert {r for s in c.sides for r in s.record_ids} >= {
        "obs-software-revenue-2021",
        "obs-software-revenue-2021-feb-2022",
    }


def test_stats_bureau_software_growth_upgraded() -> None:  # figures:59 +24.2% [F18 ¶4] secondary
    o = _obs("obs-sits-revenue-growth-2025-jan-nov")
    assert INDICATOR_OF[o.id] == "ind-software-it-services-revenue-growth"  # not the plan's scope
    assert best_confidence(o) is _SECONDARY


# ------------------------------------------------------------------ industrial investment


def test_industrial_investment_growth_2018() -> None:  # figures:149 T-INV 2018 +17.7% [F32 ¶1]
    o = _obs("obs-industrial-investment-growth-2018")
    assert (o.year, o.value, o.coverage) == (2018, 17.7, None)
    assert best_confidence(o) is _SECONDARY


def test_industrial_investment_growth_2020_h1() -> (
    None
):  # figures:150 T-INV 2020 H1 +15.0% [F30 ¶6]
    o = _obs("obs-industrial-investment-growth-2020-h1")
    assert (o.year, o.value, o.coverage) == (2020, 15.0, "H1")


# ------------------------------------------------------------------------ major projects


def test_major_works_lists_2021_2022() -> (
    None
):  # claims:82 MP-01 166 [C48]; claims:83 MP-02 173 [C46]
    assert _obs("obs-municipal-major-works-2021").value == 166
    o = _obs("obs-municipal-major-works-2022")
    assert o.value == 173
    assert best_confidence(o) is _PRIMARY


def test_advanced_manufacturing_major_works() -> None:  # claims:82–84 MP-01..03: 40, 47, 56
    ind = INDICATORS["ind-municipal-major-works-advanced-mfg"]
    assert {o.year: o.value for o in ind.observations} == {2021: 40, 2022: 47, 2023: 56}


def test_sci_tech_major_works() -> None:  # claims:82–84 MP-01..03: 科技产业类 59, 67, 77
    ind = INDICATORS["ind-municipal-major-works-leading-three"]
    assert {o.year: o.value for o in ind.observations} == {2021: 59, 2022: 67, 2023: 77}


def test_580_signed_projects_are_progress_not_a_count() -> None:  # claims:86 MP-05 [C16] primary
    f = FINDINGS["find-investment-conferences-580-projects"]
    assert f.kind is sp.FindingKind.OFFICIAL_CLAIM
    assert f.bearing is sp.Bearing.PROGRESS
    assert f.quantity is not None
    assert (f.quantity.value, f.quantity.comparator) == (580, sp.Comparator.ABOUT)
    assert best_confidence(f) is _PRIMARY


def test_major_works_2025_outturn() -> None:  # claims:88 MP-07 2,510.1亿 +5.3% [C52] secondary
    f = FINDINGS["find-major-works-2025-outturn"]
    assert "251.01 billion" in f.statement
    assert f.bearing is sp.Bearing.CONTEXT


# ----------------------------------------------------------------------- enterprise tiers


def test_april_2025_counts_primary() -> None:  # claims:265 ET-05 [C1] primary
    assert (
        _obs("obs-specialised-smes-2025-04").value,
        _obs("obs-specialised-smes-2025-04").comparator,
    ) == (
        12_000,
        sp.Comparator.MORE_THAN,
    )
    assert _obs("obs-little-giants-national-2025-04").value == 857
    assert _obs("obs-innovative-smes-2025-04").value == 22_000
    assert best_confidence(_obs("obs-little-giants-national-2025-04")) is _PRIMARY


def test_little_giants_after_the_2025_batch() -> None:  # claims:276 ET-07 1,026 [C3][C4] weak
    o = _obs("obs-little-giants-national-2025")
    assert (o.year, o.value, o.coverage) == (2025, 1026, None)
    assert confidences(o) == {_WEAK}
    c = CONFLICTS["conflict-little-giants-2025"]  # claims:442 X3: 1,026 vs 1,032
    assert {s.quantity.value for s in c.sides if s.quantity is not None} == {1026, 1032}


def test_municipal_champions_are_not_national() -> None:  # claims:271 ET-06; claims:446 X4
    o = _obs("obs-single-champions-municipal-2025-04")
    assert o.value == 129
    assert INDICATOR_OF[o.id] != TARGETS["tgt-2023-single-champions-50"].indicator_id


def test_national_champions_2023() -> None:  # claims:257 ET-02 38 (14 + 24) [C8] weak
    o = _obs("obs-single-champions-national-2023-05")
    assert (o.value, o.coverage) == (38, "as of May 2023")
    assert TARGETS["tgt-2023-single-champions-50"].indicator_id == INDICATOR_OF[o.id]


def test_mid_2023_little_giants() -> None:  # claims:258 ET-03 500 [C7]; claims:248 近700 [C10]
    assert _obs("obs-little-giants-national-2023-06").value == 500
    o = _obs("obs-little-giants-national-2023-07")
    assert (o.value, o.comparator) == (700, sp.Comparator.ABOUT)


# --------------------------------------------------------- EDA, 3 nm, auto centre, reviews


def test_cppcc_local_eda_proposal_is_context() -> None:  # claims:220 ED-01 [C43] secondary
    f = FINDINGS["find-cppcc-2024-local-eda"]
    assert (f.year, f.stated, f.bearing) == (2024, "2024-01-22", sp.Bearing.CONTEXT)
    assert best_confidence(f) is _SECONDARY


def test_xring_launch_secondary() -> None:  # claims:199 N3-01 [C36] secondary
    f = FINDINGS["find-xring-o1-launch"]
    assert best_confidence(f) is _SECONDARY
    assert _cites(f, "c114.com.cn/news/51/a1290151")


def test_auto_centre_still_being_built() -> None:  # claims:173 AU-04 [C27]; claims:184 AU-07 [C29]
    f = FINDINGS["find-auto-centre-still-being-built"]
    assert f.bearing is sp.Bearing.PROGRESS
    assert f.target_ids == ("tgt-world-class-auto-centre",)
    assert confidences(f) == {_WEAK}


def test_mayor_close_out_is_context() -> None:  # claims:321 RV-06 [C57] secondary
    f = FINDINGS["find-mayor-2026-14fyp-closed"]
    assert f.bearing is sp.Bearing.CONTEXT
    assert "圆满收官" in f.statement


# ---------------------------------------------------------------- 500-billion clusters


def test_fashion_and_materials_bases() -> (
    None
):  # claims:136 FC-04 >4,335亿 [C21]; claims:130 FC-01 2,663亿
    o = _obs("obs-fashion-consumer-goods-scale-2021")
    assert (o.value, o.comparator) == (433_500_000_000, sp.Comparator.MORE_THAN)
    assert _obs("obs-new-materials-output-2020").value == 266_300_000_000


def test_fashion_2028_goal_is_weak_context() -> None:  # claims:140 FC-05 [C22] weak
    f = FINDINGS["find-fashion-2028-goal-500bn"]
    assert f.bearing is sp.Bearing.CONTEXT
    assert confidences(f) == {_WEAK}


# ------------------------------------------------------------------------- successors


def test_two_sixes() -> None:  # successors:68 O8 and 255 K1 [N1] secondary
    c = CONFLICTS["conflict-second-six"]
    assert c.preferred_side_id == "conflict-second-six-b"
    b = next(s for s in c.sides if s.id == c.preferred_side_id)
    assert any(
        "163.com/dy/article/KLG21GDQ05568W0A" in SOURCES[x.source_id].url for x in b.citations
    )
