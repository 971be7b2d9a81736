"""Hand-checked figures from the fact sheets, pinned against the bundled data.

Every expected value below was copied by hand from ``plan-facts.md`` or
``context-facts.md`` (converted to base units: yuan, vehicles, percent as percent) and is
written literally, not read back from the JSON.  Each row also pins the year, the unit and
one source the figure must be cited to.
"""

import datetime

import pytest

import shanghai_plan as sp
from shanghai_plan import Indicator, Observation, Target

PLAN = sp.load()
_INDICATOR_OF = {o.id: i for i in PLAN.indicators for o in i.observations}


def _obs(obs_id: str) -> tuple[Observation, Indicator]:
    found = sp.record(obs_id)
    assert isinstance(found, Observation)
    return found, _INDICATOR_OF[obs_id]


def _sources(rec: Observation | Target) -> set[str]:
    return {c.source_id for c in rec.citations}


# (observation id, year, value, comparator, unit, a source it must cite, coverage)
OBSERVATIONS = [
    # plan-facts §3b: baselines from the plan text (B1–B7)
    ("obs-gross-output-2015", 2015, 3321.2e9, "exactly", "yuan", "egov-plan-reprint", None),
    ("obs-gross-output-2020", 2020, 3705.3e9, "exactly", "yuan", "egov-plan-reprint", None),
    # the press conference's "about 3.7 tn" is the plan's figure rounded: one record (data 2026.6)
    (
        "obs-gross-output-2020",
        2020,
        3705.3e9,
        "exactly",
        "yuan",
        "stcn-cs-2021-09-10-am-plan",
        None,
    ),
    (
        "obs-gross-output-growth-2016-2020",
        2020,
        2,
        "about",
        "percent",
        "egov-plan-reprint",
        "2016–2020 annual average",
    ),
    ("obs-iva-2015", 2015, 711e9, "exactly", "yuan", "egov-plan-reprint", None),
    ("obs-iva-2020", 2020, 965.7e9, "exactly", "yuan", "egov-plan-reprint", None),
    ("obs-iva-share-2020", 2020, 25, "exactly", "percent", "egov-plan-reprint", None),
    ("obs-sei-output-2015", 2015, 806.4e9, "exactly", "yuan", "guancha-2021-07-14-am-plan", None),
    ("obs-sei-output-2020", 2020, 1393.1e9, "exactly", "yuan", "guancha-2021-07-14-am-plan", None),
    ("obs-sei-share-2015", 2015, 26, "exactly", "percent", "guancha-2021-07-14-am-plan", None),
    ("obs-fortune-500-2020", 2020, 3, "exactly", "count", "egov-plan-reprint", None),
    ("obs-shanghai-brand-2020", 2020, 48, "exactly", "count", "egov-plan-reprint", None),
    ("obs-hidden-champions-2020", 2020, 500, "more_than", "count", "egov-plan-reprint", None),
    (
        "obs-industrialization-demo-bases-2020",
        2020,
        20,
        "exactly",
        "count",
        "egov-plan-reprint",
        None,
    ),
    ("obs-characteristic-parks-2020", 2020, 26, "exactly", "count", "egov-plan-reprint", None),
    # plan-facts §3b: 2020 industry figures (B9–B13)
    (
        "obs-ic-scale-2020",
        2020,
        207e9,
        "exactly",
        "yuan",
        "flanders-china-2021-09-14-projects",
        None,
    ),
    (
        "obs-ic-scale-growth-2020",
        2020,
        21,
        "exactly",
        "percent",
        "flanders-china-2021-09-14-projects",
        None,
    ),
    ("obs-biomed-scale-2020", 2020, 600e9, "more_than", "yuan", "shlingangic-2021-biopharma", None),
    (
        "obs-biomed-mfg-output-2020",
        2020,
        140e9,
        "about",
        "yuan",
        "shlingangic-2021-biopharma",
        None,
    ),
    (
        "obs-biomed-output-growth-2020",
        2020,
        2.9,
        "exactly",
        "percent",
        "shlingangic-2021-biopharma",
        None,
    ),
    (
        "obs-ai-scale-2020",
        2020,
        220e9,
        "exactly",
        "yuan",
        "flanders-china-2021-09-14-projects",
        None,
    ),
    (
        "obs-nev-production-2020",
        2020,
        238600,
        "exactly",
        "vehicles",
        "chinanews-2021-02-26-nev-plan",
        None,
    ),
    (
        "obs-auto-output-value-2020",
        2020,
        673.507e9,
        "exactly",
        "yuan",
        "chinanews-2021-02-26-nev-plan",
        None,
    ),
    (
        "obs-nev-output-value-2020",
        2020,
        66.364e9,
        "exactly",
        "yuan",
        "chinanews-2021-02-26-nev-plan",
        None,
    ),
    (
        "obs-biomed-mfg-output-2021-white-paper",
        2021,
        171.2e9,
        "exactly",
        "yuan",
        "nbd-2022-01-20-biomed-white-paper",
        None,
    ),
    # context-facts §C: GDP (C.1)
    ("obs-gdp-2020", 2020, 3.87e12, "exactly", "yuan", "xinhua-2021-01-24-gdp-repost", None),
    # the rounded 4.32 tn is the exact first release, one record (data 2026.6)
    (
        "obs-gdp-2021-exact",
        2021,
        4321.485e9,
        "exactly",
        "yuan",
        "peoplesdaily-2022-01-20-gdp",
        None,
    ),
    ("obs-gdp-2022", 2022, 4465.28e9, "exactly", "yuan", "udfspace-2022-communique-mirror", None),
    # "more than 4.72 tn" is the rounded first release 4,721.866 bn: one record (data 2026.6)
    ("obs-gdp-2023-exact", 2023, 4721.866e9, "exactly", "yuan", "chinadaily-2024-01-29-gdp", None),
    ("obs-gdp-2024", 2024, 5392.671e9, "exactly", "yuan", "shanghai-gov-de-2025-01-30-gdp", None),
    ("obs-gdp-2025", 2025, 5670.871e9, "exactly", "yuan", "xinhua-2026-01-21-grp-repost", None),
    (
        "obs-gdp-growth-2022",
        2022,
        -0.2,
        "exactly",
        "percent",
        "udfspace-2022-communique-mirror",
        None,
    ),
    ("obs-gdp-growth-2025", 2025, 5.4, "exactly", "percent", "xinhua-2026-01-21-grp-repost", None),
    # C.2 industry
    (
        "obs-iva-2021",
        2021,
        1073.9e9,
        "exactly",
        "yuan",
        "21jingji-2022-09-14-sheitc-briefing-repost",
        None,
    ),
    (
        "obs-gross-output-2021",
        2021,
        4201.4e9,
        "exactly",
        "yuan",
        "21jingji-2022-09-14-sheitc-briefing-repost",
        None,
    ),
    ("obs-iva-2022-h1", 2022, 421.7e9, "exactly", "yuan", "stats-2022-07-19-h1-table-mirror", "H1"),
    (
        "obs-iva-growth-2024",
        2024,
        2.2,
        "exactly",
        "percent",
        "shanghai-gov-de-2025-01-30-gdp",
        None,
    ),
    ("obs-iva-growth-2025", 2025, 5.0, "exactly", "percent", "xinhua-2026-01-21-grp-repost", None),
    (
        "obs-above-size-va-growth-2025",
        2025,
        5.1,
        "exactly",
        "percent",
        "chinanews-2026-01-24-mirror",
        None,
    ),
    (
        "obs-secondary-va-2024-exact",  # 1.16 tn rounded on this page; one record
        2024,
        1163.757e9,
        "exactly",
        "yuan",
        "shanghai-gov-de-2025-01-30-gdp",
        None,
    ),
    (
        "obs-secondary-va-2025-exact",  # 1.165 tn rounded on this page; one record
        2025,
        1165.062e9,
        "exactly",
        "yuan",
        "xinhua-2026-01-21-grp-repost",
        None,
    ),
    (
        "obs-tertiary-va-2025-exact",  # 4.496 tn rounded on this page; one record
        2025,
        4495.87e9,
        "exactly",
        "yuan",
        "xinhua-2026-01-21-grp-repost",
        None,
    ),
    (
        "obs-above-size-output-2025",
        2025,
        4.07e12,
        "exactly",
        "yuan",
        "chinanews-2026-01-24-mirror",
        None,
    ),
    # C.3 strategic emerging industries
    ("obs-sei-share-2021", 2021, 40.6, "exactly", "percent", "eastday-2022-06-17-figures", None),
    ("obs-sei-share-2023", 2023, 43.9, "exactly", "percent", "shine-2024-01-23-gwr", None),
    ("obs-sei-share-2024", 2024, 43.6, "exactly", "percent", "shdrc-2025-01-23-plan-report", None),
    (
        "obs-sei-share-2025-q1q3",
        2025,
        44.1,
        "exactly",
        "percent",
        "thepaper-2025-11-04-sheitc-mirror",
        "Q1–Q3",
    ),
    (
        "obs-sei-va-2022",
        2022,
        1064.119e9,
        "exactly",
        "yuan",
        "sheitc-en-2023-03-31-industry-dynamics",
        None,
    ),
    (
        "obs-sei-va-share-2022",
        2022,
        23.8,
        "exactly",
        "percent",
        "sheitc-en-2023-03-31-industry-dynamics",
        None,
    ),
    # C.4 three leading industries
    (
        "obs-leading-three-scale-2021",
        2021,
        1.27e12,
        "exactly",
        "yuan",
        "21jingji-2022-09-14-sheitc-briefing-repost",
        None,
    ),
    (
        "obs-leading-three-scale-2023",
        2023,
        1.6e12,
        "exactly",
        "yuan",
        "steelorbis-2024-04-10-yrd",
        None,
    ),
    ("obs-leading-three-scale-2024", 2024, 1.8e12, "exactly", "yuan", "shine-2025-01-15-gwr", None),
    (
        "obs-leading-three-scale-2025",
        2025,
        2e12,
        "more_than",
        "yuan",
        "xinhua-2026-01-21-grp-repost",
        None,
    ),
    (
        "obs-leading-three-growth-2022",
        2022,
        11.1,
        "exactly",
        "percent",
        "sheitc-en-2023-03-31-industry-dynamics",
        None,
    ),
    # the association's "more than 170 bn" is the 170.6 bn figure rounded: one record (data 2026.6)
    ("obs-ic-scale-2019-wu", 2019, 170.6e9, "exactly", "yuan", "chinadaily-2020-08-13-ic", None),
    (
        "obs-ic-scale-2021",
        2021,
        250e9,
        "exactly",
        "yuan",
        "21jingji-2022-09-14-sheitc-briefing-repost",
        None,
    ),
    # revenue (营收规模), not industry scale: data 2026.5 moved it to its own indicator
    ("obs-ic-revenue-2025", 2025, 480e9, "more_than", "yuan", "chinanews-2026-01-24-mirror", None),
    (
        "obs-ic-output-growth-2025",
        2025,
        15.1,
        "exactly",
        "percent",
        "kcb-zaker-2026-01-21-results",
        None,
    ),
    (
        "obs-biomed-scale-2021",
        2021,
        700e9,
        "exactly",
        "yuan",
        "21jingji-2022-09-14-sheitc-briefing-repost",
        None,
    ),
    (
        "obs-biomed-scale-stcsm-2024",
        2024,
        984.702e9,
        "exactly",
        "yuan",
        "forum-2025-10-25-biomed-stcsm",
        None,
    ),
    (
        "obs-ai-scale-2021",
        2021,
        305.6e9,
        "exactly",
        "yuan",
        "21jingji-2022-09-14-sheitc-briefing-repost",
        None,
    ),
    # C.5 automobiles and NEVs
    (
        "obs-nev-production-2023-jan-nov",
        2023,
        1.17e6,
        "exactly",
        "vehicles",
        "d1ev-2024-01-nev",
        "Jan–Nov",
    ),
    (
        "obs-nev-output-value-2023-jan-nov",
        2023,
        346.79e9,
        "exactly",
        "yuan",
        "d1ev-2024-01-nev",
        "Jan–Nov",
    ),
    (
        "obs-auto-output-value-2023-jan-nov",
        2023,
        686.03e9,
        "exactly",
        "yuan",
        "d1ev-2024-01-nev",
        "Jan–Nov",
    ),
    (
        "obs-nev-production-2025-jan-jul",
        2025,
        573000,
        "exactly",
        "vehicles",
        "peoplesdaily-2025-09-05-auto",
        "Jan–Jul",
    ),
    (
        "obs-nev-stock-2024",
        2024,
        1.51e6,
        "exactly",
        "vehicles",
        "cnevpost-2025-06-10-nev-stock",
        "end of year",
    ),
    # C.6–C.8 software, investment, headquarters
    (
        "obs-software-revenue-2021",
        2021,
        1.3e12,
        "more_than",
        "yuan",
        "21jingji-2022-09-14-sheitc-briefing-repost",
        None,
    ),
    (
        "obs-software-growth-2025-jan-may",
        2025,
        20.4,
        "exactly",
        "percent",
        "shine-cns-2025-07-07-software",
        "Jan–May",
    ),
    (
        "obs-industrial-investment-growth-2024-q1q3",
        2024,
        10.9,
        "exactly",
        "percent",
        "menafn-2024-10-30-q1q3",
        "Q1–Q3",
    ),
    (
        "obs-robot-density-2022",
        2022,
        260,
        "exactly",
        "units_per_10k_workers",
        "stdaily-2023-05-15-high-end",
        None,
    ),
    ("obs-regional-hq-2021", 2021, 831, "exactly", "count", "peoplesdaily-2022-01-20-gdp", None),
    ("obs-regional-hq-2024", 2024, 1016, "exactly", "count", "shine-2025-01-15-gwr", None),
    # A.4 national anchors
    (
        "obs-china-mfg-share-2022",
        2022,
        27.7,
        "exactly",
        "percent",
        "scio-2023-03-02-manufacturing",
        None,
    ),
    (
        "obs-china-nev-production-2024",
        2024,
        12.88e6,
        "exactly",
        "vehicles",
        "zawya-2025-01-22-china-industry",
        None,
    ),
]


@pytest.mark.parametrize(
    ("obs_id", "year", "value", "comparator", "unit", "source_id", "coverage"), OBSERVATIONS
)
def test_observation_figure(
    obs_id: str,
    year: int,
    value: float,
    comparator: str,
    unit: str,
    source_id: str,
    coverage: str | None,
) -> None:
    obs, indicator = _obs(obs_id)
    assert obs.year == year
    assert obs.value == pytest.approx(value, rel=1e-12)
    assert obs.comparator.value == comparator
    assert indicator.unit.value == unit
    assert source_id in _sources(obs)
    assert obs.coverage == coverage
    assert obs.basis.value == "reported"


# (target id, document id, value, unit, comparator, year, a source it must cite)
P = "sh-am-14fyp"
A23 = "doc-sh-am-action-2023-2025"
TARGETS = [
    # plan-facts §3a (Q2–Q14)
    ("tgt-leading-three-double", P, 2, "multiple", "about", 2025, "pudongtimes-2021-09-10-am-plan"),
    (
        "tgt-core-component-breakthroughs-300",
        P,
        300,
        "count",
        "exactly",
        2025,
        "eccn-2021-09-10-am-plan",
    ),
    ("tgt-major-projects-100", P, 100, "count", "at_least", 2025, "eccn-2021-09-10-am-plan"),
    ("tgt-industrial-investment-850bn", P, 850e9, "yuan", "about", 2025, "eccn-2021-09-10-am-plan"),
    (
        "tgt-trillion-level-clusters-2",
        P,
        2,
        "count",
        "exactly",
        2025,
        "chinanews-2021-09-09-3plus6-mirror",
    ),
    (
        "tgt-500bn-level-clusters-4",
        P,
        4,
        "count",
        "exactly",
        2025,
        "chinanews-2021-09-09-3plus6-mirror",
    ),
    (
        "tgt-auto-trillion-scale",
        P,
        1e12,
        "yuan",
        "at_least",
        2025,
        "gasgoo-2021-07-16-auto-section",
    ),
    (
        "tgt-nev-output-1-2m",
        P,
        1.2e6,
        "vehicles",
        "more_than",
        2025,
        "gasgoo-2021-07-16-auto-section",
    ),
    ("tgt-nev-scale-350bn", P, 350e9, "yuan", "more_than", 2025, "gasgoo-2021-07-16-auto-section"),
    (
        "tgt-new-display-70bn",
        P,
        70e9,
        "yuan",
        "exactly",
        2025,
        "flanders-china-2021-09-14-projects",
    ),
    (
        "tgt-smart-sensors-80bn",
        P,
        80e9,
        "yuan",
        "exactly",
        2025,
        "flanders-china-2021-09-14-projects",
    ),
    (
        "tgt-software-revenue-1-5tn",
        P,
        1.5e12,
        "yuan",
        "more_than",
        2025,
        "tdmi-2021-09-high-end-projects",
    ),
    (
        "tgt-high-end-medical-devices-60bn",
        P,
        60e9,
        "yuan",
        "exactly",
        2025,
        "tdmi-2021-09-high-end-projects",
    ),
    ("tgt-chip-design-3nm", P, 3, "nanometres", "at_most", 2025, "globaltimes-2021-07-14"),
    # context-facts B.5: the 2023–2025 action plan (revises)
    (
        "tgt-2023-iva-1-3tn",
        A23,
        1.3e12,
        "yuan",
        "more_than",
        2025,
        "sheitc-en-2023-06-15-action-plan",
    ),
    (
        "tgt-2023-iva-share-25",
        A23,
        25,
        "percent",
        "at_least",
        2025,
        "shio-chinadaily-2023-06-18-modern-manufacturing",
    ),
    (
        "tgt-2023-sei-output-share-45",
        A23,
        45,
        "percent",
        "exactly",
        2025,
        "dahecai-2023-06-15-action-plan",
    ),
    (
        "tgt-2023-leading-three-1-8tn",
        A23,
        1.8e12,
        "yuan",
        "exactly",
        2025,
        "dahecai-2023-06-15-action-plan",
    ),
    (
        "tgt-2023-trillion-clusters-4",
        A23,
        4,
        "count",
        "exactly",
        2025,
        "zhitong-2023-06-15-action-plan",
    ),
    (
        "tgt-2023-500bn-clusters-2",
        A23,
        2,
        "count",
        "exactly",
        2025,
        "grandway-2023-06-30-action-plan",
    ),
    (
        "tgt-2023-labour-productivity-500k",
        A23,
        500000,
        "yuan_per_person",
        "more_than",
        2025,
        "dahecai-2023-06-15-action-plan",
    ),
    (
        "tgt-2023-robot-density-360",
        A23,
        360,
        "units_per_10k_workers",
        "exactly",
        2025,
        "dahecai-2023-06-15-action-plan",
    ),
    (
        "tgt-2023-high-tech-enterprises-25000",
        A23,
        25000,
        "count",
        "more_than",
        2025,
        "stcn-2023-06-15-enterprise-targets",
    ),
    # other related documents
    (
        "tgt-sei-va-share-20",
        "doc-sh-sei-14fyp",
        20,
        "percent",
        "more_than",
        2025,
        "reuters-2021-07-21-sei-plan-mirror",
    ),
    (
        "tgt-sei-va-1tn",
        "doc-sh-sei-14fyp",
        1e12,
        "yuan",
        "more_than",
        2025,
        "reuters-2021-07-21-sei-plan-mirror",
    ),
    (
        "tgt-sei-high-tech-enterprises-26000",
        "doc-sh-sei-14fyp",
        26000,
        "count",
        "more_than",
        2025,
        "reuters-2021-07-21-sei-plan-mirror",
    ),
    (
        "tgt-brand-trillion-clusters-2",
        "doc-sh-brand-action-2021-2023",
        2,
        "count",
        "exactly",
        2023,
        "cnstock-2021-08-01-brand-plan",
    ),
    (
        "tgt-brand-500bn-clusters-4",
        "doc-sh-brand-action-2021-2023",
        4,
        "count",
        "exactly",
        2023,
        "cnstock-2021-08-01-brand-plan",
    ),
    (
        "tgt-national-sei-va-share-17",
        "doc-national-14fyp-outline",
        17,
        "percent",
        "more_than",
        2025,
        "jst-china-science-14fyp",
    ),
    (
        "tgt-national-patents-12",
        "doc-national-14fyp-outline",
        12,
        "per_10k_people",
        "exactly",
        2025,
        "cnipa-2021-03-17-14fyp",
    ),
    (
        "tgt-sh-outline-rd-4-5",
        "doc-sh-14fyp-outline",
        4.5,
        "percent",
        "about",
        2025,
        "shine-2021-01-24-five-year-targets",
    ),
    (
        "tgt-sh-outline-regional-hq-1000",
        "doc-sh-14fyp-outline",
        1000,
        "count",
        "exactly",
        2025,
        "shine-2021-01-24-five-year-targets",
    ),
    (
        "tgt-sh-outline-financial-turnover-2800tn",
        "doc-sh-14fyp-outline",
        2800e12,
        "yuan",
        "about",
        2025,
        "shine-2021-01-24-five-year-targets",
    ),
    (
        "tgt-new-tracks-combined-1-5tn",
        "doc-sh-new-tracks-2022",
        1.5e12,
        "yuan",
        "more_than",
        2025,
        "yicai-2022-07-08-new-tracks-repost",
    ),
    (
        "tgt-smart-terminals-700bn",
        "doc-sh-new-tracks-2022",
        700e9,
        "yuan",
        "more_than",
        2025,
        "yicai-2022-07-08-new-tracks-repost",
    ),
    (
        "tgt-digital-economy-va-3tn",
        "doc-sh-digital-economy-14fyp",
        3e12,
        "yuan",
        "about",
        2025,
        "shcia-2023-05-19-digital-capital",
    ),
    (
        "tgt-future-industries-500bn-2030",
        "doc-sh-future-industries-2022",
        500e9,
        "yuan",
        "about",
        2030,
        "chinanews-2022-11-23-future-industries",
    ),
    (
        "tgt-ei-plan-electronic-info-2-2tn",
        "doc-sh-electronic-info-14fyp",
        2.2e12,
        "yuan",
        "more_than",
        2025,
        "thepaper-2021-12-30-electronic-info-mirror",
    ),
    (
        "tgt-sh15-gdp-growth-5",
        "doc-sh-15fyp-outline",
        5,
        "percent",
        "about",
        2030,
        "yicai-2026-02-06-15fyp-draft",
    ),
]


@pytest.mark.parametrize(
    ("target_id", "document_id", "value", "unit", "comparator", "year", "source_id"), TARGETS
)
def test_target_figure(
    target_id: str,
    document_id: str,
    value: float,
    unit: str,
    comparator: str,
    year: int,
    source_id: str,
) -> None:
    t = sp.target(target_id)
    assert t.document_id == document_id
    assert t.kind.value == "quantitative"
    assert t.quantity is not None
    assert t.quantity.value == pytest.approx(value, rel=1e-12)
    assert t.quantity.unit.value == unit
    assert t.quantity.comparator.value == comparator
    assert t.year == year
    assert source_id in _sources(t)


def test_relative_and_cumulative_targets_carry_their_base() -> None:
    doubling = sp.target("tgt-leading-three-double")
    assert doubling.baseline_year == 2019
    assert doubling.indicator_id == "ind-leading-three-scale"
    assert set(doubling.industry_ids) == {
        "integrated-circuits",
        "biomedicine",
        "artificial-intelligence",
    }
    investment = sp.target("tgt-industrial-investment-850bn")
    assert (investment.start_year, investment.year) == (2021, 2025)
    assert investment.quantity is not None
    assert investment.quantity.wording == "8500亿元左右"
    projects = sp.target("tgt-major-projects-100")
    assert (projects.start_year, projects.year) == (2021, 2025)


def test_qualitative_targets() -> None:
    eda = sp.target("tgt-national-eda-platform")
    assert eda.kind.value == "qualitative"
    assert eda.quantity is None
    assert "globaltimes-2021-07-14" in _sources(eda)


def test_plan_metadata() -> None:
    assert PLAN.document_number == "沪府办发〔2021〕12号"
    assert PLAN.title("zh") == '上海市先进制造业发展"十四五"规划'
    assert PLAN.issuer is not None
    assert PLAN.issuer.name_zh == "上海市人民政府办公厅"
    assert (PLAN.period.start_year, PLAN.period.end_year) == (2021, 2025)
    dates = {e.kind.value: e.date for e in PLAN.events}
    assert dates["issued"] == datetime.date(2021, 7, 5)
    assert dates["published"] == datetime.date(2021, 7, 14)
    assert dates["press_conference"] == datetime.date(2021, 9, 9)
    assert dates["reprinted"] == datetime.date(2021, 7, 26)
    assert [t.kind.value for t in PLAN.titles if t.language == "en"] == ["translation"]


def test_press_conference_speakers() -> None:
    conference = PLAN.event(sp.EventKind.PRESS_CONFERENCE)
    assert conference is not None
    people = {p.name_zh: p for p in conference.participants}
    assert set(people) == {"吴清", "吴金城", "裘文进", "王晔", "葛平"}
    assert people["吴清"].role_zh == "市委常委、副市长"
    assert people["吴清"].name_en == "Wu Qing"
    # the other officials are known only from a weak 2023 repost, cited as such
    for name in ("裘文进", "王晔", "葛平"):
        cited = [sp.source(c).confidence.value for c in people[name].citations]
        assert cited == ["weak"]


def test_related_document_metadata() -> None:
    docs = {d.id: d for d in PLAN.related_documents}
    revision = docs["doc-sh-am-action-2023-2025"]
    assert revision.relation.value == "revises"
    assert revision.document_number == "沪府办发〔2023〕8号"
    assert {e.kind.value: e.date for e in revision.events}["issued"] == datetime.date(2023, 5, 18)
    successor = docs["doc-sh-am-2026-2028"]
    assert successor.relation.value == "succeeds"
    assert successor.document_number == "沪府办规〔2025〕20号"
    assert successor.events[0].date == datetime.date(2026, 1, 9)
    national = docs["doc-national-14fyp-outline"]
    assert national.relation.value == "answers"
    assert {e.kind.value: e.date for e in national.events}["adopted"] == datetime.date(2021, 3, 11)
    parent = docs["doc-sh-14fyp-outline"]
    assert parent.relation.value == "based_on"
    assert {e.kind.value: e.date for e in parent.events}["adopted"] == datetime.date(2021, 1, 27)
    sister = docs["doc-sh-sei-14fyp"]
    assert sister.relation.value == "sibling"
    assert sister.events[0].date == datetime.date(2021, 7, 21)
    assert docs["doc-songjiang-am-14fyp"].relation.value == "cites"
    assert docs["doc-made-in-china-2025"].relation.value == "context"


def test_indicator_system_is_recorded() -> None:
    definition = sp.record("def-indicator-system")
    assert isinstance(definition, sp.Definition)
    assert "18 indicators" in definition.meaning
    assert definition.term_zh == "经济密度、创新浓度、品牌显示度、数字化转型"


def test_goals() -> None:
    kinds = [g.kind.value for g in PLAN.goals]
    assert kinds.count("main_line") == 3
    assert {g.term_zh for g in PLAN.goals if g.kind.value == "main_line"} == {
        "强化高端产业引领功能",
        "加快产业数字化转型",
        '全力打响"上海制造"品牌',
    }
    assert all(g.year == 2035 for g in PLAN.goals if g.kind.value == "outlook")
    assert all(g.year == 2025 for g in PLAN.goals if g.kind.value == "goal")


@pytest.mark.parametrize(
    ("alias", "industry_id", "source_id"),
    [
        ("ICs", "integrated-circuits", "flanders-china-2021-09-14-projects"),
        ("biopharmaceutical", "biomedicine", "shlingangic-2021-biopharma"),
        ("information technology", "electronic-information", "flanders-china-2021-09-14-projects"),
        ("life sciences", "life-health", "pudong-gov-en-2021-11-10-am-plan"),
        ("health care", "life-health", "shanghai-gov-en-2021-07-30-four-brands"),
        ("autos", "automobiles", "globaltimes-2021-07-14"),
        ("new materials", "advanced-materials", "flanders-china-2021-09-14-projects"),
        ("consumer fashion goods", "fashion-consumer-goods", "devere-2021-09-10-am-plan"),
        ("high-end consumer goods", "fashion-consumer-goods", "pudong-gov-en-2021-11-10-am-plan"),
        ("fashion products", "fashion-consumer-goods", "shanghai-gov-en-2021-07-30-four-brands"),
    ],
)
def test_alias_is_cited_to_its_outlet(alias: str, industry_id: str, source_id: str) -> None:
    ind = sp.industry(alias)
    assert ind.id == industry_id
    (found,) = [a for a in ind.aliases if a.name == alias]
    assert source_id in {c.source_id for c in found.citations}


def test_auto_focus_areas() -> None:
    autos = sp.industry("汽车")
    names = {f.name_en for f in autos.focus_areas}
    assert {"New-energy vehicles", "Intelligent connected vehicles"} <= names
