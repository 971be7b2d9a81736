"""Pinned facts from the seed article (Global Times, 2021-07-14) and the plan's notice."""

import datetime

import pytest

import shanghai_plan as sp

GT = "globaltimes-2021-07-14"


def test_document_metadata(plan: sp.Plan) -> None:
    assert plan.document_number == "沪府办发〔2021〕12号"
    assert plan.issuer is not None
    assert plan.issuer.name_zh == "上海市人民政府办公厅"
    assert plan.issuer.name_en == "General Office of the Shanghai Municipal People's Government"
    assert (plan.period.start_year, plan.period.end_year) == (2021, 2025)
    en = [t for t in plan.titles if t.language == "en"]
    assert en
    assert all(t.kind is sp.TitleKind.TRANSLATION for t in en)


def test_issue_and_publication_dates_each_cited(plan: sp.Plan) -> None:
    issued = plan.event(sp.EventKind.ISSUED)
    published = plan.event(sp.EventKind.PUBLISHED)
    assert issued is not None
    assert issued.date == datetime.date(2021, 7, 5)
    assert published is not None
    assert published.date == datetime.date(2021, 7, 14)
    assert issued.citations
    assert published.citations
    assert any(c.source_id == GT for c in published.citations)


def test_three_leading_and_six_key_industries() -> None:
    assert [(i.name_zh, i.name_en) for i in sp.leading_industries()] == [
        ("集成电路", "Integrated circuits"),
        ("生物医药", "Biomedicine"),
        ("人工智能", "Artificial intelligence"),
    ]
    assert [i.name_zh for i in sp.key_industries()] == [
        "电子信息",
        "生命健康",
        "汽车",
        "高端装备",
        "先进材料",
        "时尚消费品",
    ]


@pytest.mark.parametrize(
    ("alias", "industry_id"),
    [
        ("AI", "artificial-intelligence"),
        ("life health", "life-health"),
        ("autos", "automobiles"),
        ("fashion consumer goods", "fashion-consumer-goods"),
    ],
)
def test_seed_english_names_resolve(alias: str, industry_id: str) -> None:
    assert sp.industry(alias).id == industry_id


def test_three_nanometre_target() -> None:
    t = sp.target("tgt-chip-design-3nm")
    assert t.kind is sp.TargetKind.QUANTITATIVE
    assert t.industry_ids == ("integrated-circuits",)
    assert t.quantity is not None
    assert (t.quantity.value, t.quantity.unit, t.quantity.comparator) == (
        3.0,
        sp.Unit.NANOMETRES,
        sp.Comparator.AT_MOST,
    )
    assert any(c.source_id == GT for c in t.citations)


def test_eda_and_lead_targets() -> None:
    eda = sp.target("tgt-national-eda-platform")
    assert eda.kind is sp.TargetKind.QUALITATIVE
    assert eda.quantity is None
    assert "EDA" in eda.statement
    lead = sp.target("tgt-lead-key-high-end-fields")
    assert lead.year == 2025


def test_context(plan: sp.Plan) -> None:
    assert plan.context is not None
    terms = {c.term_zh for c in plan.context.national_policy}
    assert {"实体经济", "制造强国", "双循环"} <= terms
    assert len(plan.context.challenges) >= 3
    driver_text = " ".join(c.text for c in plan.context.drivers)
    for word in ("restructuring", "re-industrialisation", "COVID-19", "critical period"):
        assert word in driver_text
    (cluster_def,) = [
        d for d in plan.context.definitions if d.term_en == "advanced manufacturing clusters"
    ]
    assert any(c.source_id == GT for c in cluster_def.citations)


def test_seed_sources(plan: sp.Plan) -> None:
    gt = sp.source(GT)
    assert gt.publisher == "Global Times"
    assert gt.published_date == datetime.date(2021, 7, 14)
    assert gt.confidence is sp.Confidence.SECONDARY
    reprint = sp.source("egov-plan-reprint")
    assert reprint.confidence is sp.Confidence.PRIMARY
    assert reprint.mirror
    assert reprint.original_outlet
