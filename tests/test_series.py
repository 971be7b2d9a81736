"""Time series: full years by default, disagreeing years flagged, part years on request."""

import json
import subprocess
import sys
from typing import Any

import pytest

import shanghai_plan as sp
from shanghai_plan import _format
from tests import plans


def two_sources(
    observations: list[dict[str, Any]], target: dict[str, Any] | None = None
) -> sp.Plan:
    """A plan whose indicator ``m`` has the given observations, citing ``src`` (primary)
    or ``weak`` (a weak source) by the observation's ``source`` key."""
    data = plans.minimal()
    data["sources"].append(
        {**data["sources"][0], "id": "weak", "publisher": "A forum", "confidence": "weak"}
    )
    obs = []
    for i, o in enumerate(observations):
        rec = {k: v for k, v in o.items() if k != "source"}
        rec.update(id=f"o{i}", citations=[{"source_id": o.get("source", "src"), "locator": "x"}])
        obs.append(rec)
    data["indicators"] = [
        {
            "id": "m",
            "name_en": "Widget output",
            "name_zh": "小部件产值",
            "unit": "yuan",
            "measure": "gross_output",
            "observations": obs,
            "citations": plans.CITE,
        }
    ]
    if target is not None:
        data["targets"] = [target]
    return sp.loads(json.dumps(data))


OBS = [
    {"year": 2021, "value": 10.0},
    {"year": 2020, "value": 8.0},
    {"year": 2022, "value": 12.0},
    {"year": 2022, "value": 12.5, "comparator": "about", "source": "weak"},
    {"year": 2023, "value": 14.0},
    {"year": 2023, "value": 14.0, "source": "weak"},
    {"year": 2024, "value": 5.0, "coverage": "H1"},
    {"year": 2024, "value": 11.0, "coverage": "Q1–Q3"},
    {"year": 2023, "value": 9.0, "coverage": "Q1–Q3"},
]


def test_full_years_in_order_with_disagreement_flagged() -> None:
    s = sp.series("m", plan=two_sources(OBS))
    assert s.years == (2020, 2021, 2022, 2023)
    assert s.flagged == (2022,)
    p22 = s.get(2022)
    assert p22 is not None
    assert p22.disagree
    assert p22.value is None
    assert p22.comparator is None
    assert [o.value for o in p22.figures] == [12.0, 12.5]  # both kept, neither picked
    p23 = s.get(2023)
    assert p23 is not None
    assert p23.value == 14.0
    assert not p23.disagree
    assert len(p23.figures) == 1
    assert len(p23.observations) == 2
    assert p23.confidence is sp.Confidence.PRIMARY
    assert s.values() == {2020: 8.0, 2021: 10.0, 2023: 14.0}
    assert all(not p.partial for p in s)


def test_partial_years_only_on_request_and_only_where_no_full_year() -> None:
    plan = two_sources(OBS)
    s = sp.series("m", partial=True, plan=plan)
    partial = [(p.year, p.coverage, p.value) for p in s if p.partial]
    # 2023 has a full-year figure, so its Q1–Q3 figure stays out
    assert partial == [(2024, "H1", 5.0), (2024, "Q1–Q3", 11.0)]
    assert s.values() == sp.series("m", plan=plan).values()


def test_metadata_travels() -> None:
    s = sp.series("m", plan=two_sources(OBS))
    assert (s.indicator_id, s.name_en, s.name_zh, s.unit) == (
        "m",
        "Widget output",
        "小部件产值",
        sp.Unit.YUAN,
    )


def test_accepts_indicator_target_or_id() -> None:
    t = sp.target("tgt-nev-output-1-2m")
    by_target = sp.series(t)
    assert by_target == sp.series(t.indicator_id or "") == sp.series(sp.indicator(t))
    assert sp.series(t.id) == by_target
    with pytest.raises(sp.NotFoundError):
        sp.series("ind-nope")
    with pytest.raises(sp.NotFoundError):
        sp.series(sp.target("tgt-national-eda-platform"))  # qualitative: no indicator
    with pytest.raises(TypeError, match="indicator_or_id must be an Indicator, a Target or an id"):
        sp.series(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="partial"):
        sp.series(t, partial="yes")  # type: ignore[arg-type]


def test_real_data_series_match_observations(plan: sp.Plan) -> None:
    for ind in plan.indicators:
        s = sp.series(ind)
        full = [o for o in ind.observations if o.coverage is None]
        assert sorted({o.year for o in full}) == list(s.years)
        assert [o for p in s for o in p.observations] == sorted(full, key=lambda o: o.year)
        for p in s:
            values = {(o.value, o.comparator) for o in p.observations}
            assert p.disagree == (len(values) > 1)


def test_to_pandas_series_and_frame() -> None:
    pd = pytest.importorskip("pandas")
    plan = two_sources(OBS)
    agreeing = two_sources([o for o in OBS if o.get("source") != "weak"])
    ser = sp.series("m", plan=agreeing).to_pandas()
    assert isinstance(ser, pd.Series)
    assert ser.to_dict() == {2020: 8.0, 2021: 10.0, 2022: 12.0, 2023: 14.0}
    assert ser.index.name == "year"
    assert ser.attrs["unit"] == "yuan"
    assert ser.attrs["name_en"] == "Widget output"
    assert ser.attrs["indicator_id"] == "m"
    frame = sp.series("m", plan=plan).to_pandas()
    assert isinstance(frame, pd.DataFrame)  # 2022 has two figures: one row each
    assert list(frame.loc[2022, "value"]) == [12.0, 12.5]
    assert frame.loc[2022, "disagree"].all()
    assert frame.attrs["unit"] == "yuan"


def test_to_pandas_without_pandas_names_the_extra() -> None:
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import shanghai_plan as sp\n"
        "try:\n    sp.series('ind-nev-production').to_pandas()\n"
        "except sp.MissingDependencyError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'shanghai-plan[pandas]'" in out.stdout


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (1_200_000, sp.Unit.VEHICLES, "1,200,000 vehicles"),
        (850e9, sp.Unit.YUAN, "850 billion yuan"),
        (1.5e12, sp.Unit.YUAN, "1.5 trillion yuan"),
        (3_705_300_000_000, sp.Unit.YUAN, "3.7053 trillion yuan"),
        (72.5e6, sp.Unit.YUAN, "72.5 million yuan"),
        (12.4, sp.Unit.PERCENT, "12.4 %"),
        (2, sp.Unit.MULTIPLE, "×2"),
        (300, sp.Unit.COUNT, "300"),
        (3, sp.Unit.NANOMETRES, "3 nm"),
        (1286800.0, None, "1,286,800"),
        (0.35, None, "0.35"),
    ],
)
def test_one_formatter_never_writes_an_exponent(value: float, unit: Any, shown: str) -> None:
    assert _format.amount(value, unit) == shown
    assert "e+" not in _format.number(value * 1e9)


def test_explanations_use_the_formatter() -> None:
    r = sp.progress("tgt-nev-output-1-2m")
    assert r.goal is not None
    assert _format.number(r.goal) in r.explanation
    assert "e+" not in " ".join(p.explanation for p in sp.progress(all_documents=True))


def test_a_figure_worked_out_from_a_weak_one_is_weak_in_the_series_and_the_verdict() -> None:
    """A derived figure cites a primary source (the growth rate it applies) but rests on a
    weak level: it is no stronger than that level, in the series and in a verdict on it."""
    target = {
        "id": "t",
        "document_id": "p",
        "kind": "quantitative",
        "statement": "Widget output above 11 by 2023.",
        "year": 2023,
        "quantity": {"value": 11, "unit": "yuan", "comparator": "more_than", "wording": "11"},
        "indicator_id": "m",
        "industry_ids": [],
        "citations": plans.CITE,
    }
    plan = two_sources(
        [
            {"year": 2022, "value": 10.0, "source": "weak"},
            {"year": 2023, "value": 12.0, "basis": "derived", "derived_from": ["o0"]},
            {"year": 2021, "value": 9.0},  # primary, not an input: stays primary
        ],
        target,
    )
    s = sp.series("m", plan=plan)
    confidence = {p.year: p.confidence for p in s}
    assert confidence == {
        2021: sp.Confidence.PRIMARY,
        2022: sp.Confidence.WEAK,
        2023: sp.Confidence.WEAK,  # cites a primary source, but is worked out from 2022's
    }
    p = sp.progress("t", plan=plan)
    assert p.status is sp.Status.MET
    assert p.confidence is sp.Confidence.WEAK
