"""Issue 12: look-ups, search and arguments a user can rely on.

Every case the issue names is reproduced here on the bundled data, then the rules behind
them (ranking, word boundaries, plurals, synonyms, suggestions, the argument policy).
"""

import json
import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import shanghai_plan as sp
from shanghai_plan._index import words
from shanghai_plan._synonyms import SYNONYMS
from shanghai_plan.queries import _synonyms


def ids(text: str) -> list[str]:
    return [h.id for h in sp.search(text)]


# ------------------------------------------------------ the issue's search cases


def test_car_finds_automobiles_first_not_care_or_carry() -> None:
    hits = sp.search("car")
    assert hits[0].id == "automobiles"
    assert "integrated-circuits" not in ids("car")  # it matched "care", "carry"
    for h in hits:  # every hit is about vehicles, through the data's own words
        assert h.via is not None
        assert f" {' '.join(words(h.via))} " in f" {' '.join(words(h.text))} "


def test_ev_is_a_word_not_part_of_development() -> None:
    hits = sp.search("EV")
    assert len(hits) < 67
    assert not [h for h in hits if "development" in h.text.casefold() and h.via is None]
    top = ids("EV")[:4]
    assert "automobiles" in top
    assert {"tgt-nev-output-1-2m", "tgt-nev-scale-350bn"} <= set(ids("EV"))


@pytest.mark.parametrize(
    ("query", "industry_id"),
    [
        ("semiconductors", "integrated-circuits"),
        ("chips", "integrated-circuits"),
        ("芯片", "integrated-circuits"),
        ("cars", "automobiles"),
        ("electric vehicle", "automobiles"),
        ("NEV", "automobiles"),
        ("biotech", "biomedicine"),
        ("pharma", "biomedicine"),
    ],
)
def test_everyday_words_find_the_industry(query: str, industry_id: str) -> None:
    assert sp.search(query), query
    assert sp.industry(query).id == industry_id
    industries = [h.id for h in sp.search(query) if h.kind == "industry"]
    assert industries[0] == industry_id


def test_vehicle_words_reach_the_nev_targets() -> None:
    for query in ("cars", "EV", "NEV", "electric vehicles", "新能源车"):
        assert {"tgt-nev-output-1-2m", "tgt-nev-scale-350bn"} <= set(ids(query)), query


def test_no_absurd_suggestions() -> None:
    for key, absurd in (("semiconductor plants", "fashion products"), ("carz", "health care")):
        with pytest.raises(sp.NotFoundError) as info:
            sp.industry(key)
        assert absurd not in info.value.suggestions
    with pytest.raises(sp.NotFoundError) as info:
        sp.industry("steel")
    assert info.value.suggestions == ()
    with pytest.raises(sp.NotFoundError) as info:
        sp.industry("artifical inteligence")
    assert info.value.suggestions[0] == "artificial-intelligence"


# ---------------------------------------------------------------- ranking rules


def test_names_rank_before_descriptions() -> None:
    hits = sp.search("AI")
    assert hits[0].id == "artificial-intelligence"
    assert hits[0].rank == 0
    assert hits[0].field == "aliases"
    ranks = [h.rank for h in hits]
    assert ranks == sorted(ranks)
    name_fields = {"id", "name_en", "name_zh", "aliases", "focus_areas", "term_en", "term_zh"}
    assert all(h.field in name_fields | {"titles", "document_number"} for h in hits if h.rank < 3)


def test_words_match_on_boundaries_with_plurals() -> None:
    assert words("New-energy vehicles, ICs; industries") == (
        "new",
        "energy",
        "vehicle",
        "ic",
        "industry",
    )
    assert ids("vehicle") == ids("vehicles") == ids("Vehicles")
    assert ids("industr") == []  # a fragment is not a word
    hits = sp.search("new energy vehicles")
    assert hits[0].id == "automobiles"
    assert hits[0].rank == 0  # the focus area is called exactly that


def test_chinese_is_matched_by_characters() -> None:
    hits = sp.search("集成电路")
    assert hits[0].id == "integrated-circuits"
    assert hits[0].rank == 0
    assert "ctx-dual-circulation" in ids("循环")  # part of 双循环: characters, not words
    assert ids("集成 电路") == ids("集成电路")


def test_acronyms_keep_their_capitals() -> None:
    # "IT" the acronym, not the pronoun "it"
    assert len(sp.search("IT")) < len(sp.search("it"))
    # names with the acronym first, then the industry the acronym stands for
    top = [h.id for h in sp.search("IT")]
    assert "electronic-information" in top[:3]
    assert all("it" in h.id.split("-") for h in sp.search("IT") if h.rank == 1)
    assert ids("AI") == ids("ai")


def test_synonym_hits_come_after_direct_hits_of_the_same_field_kind() -> None:
    hits = sp.search("chips")
    direct = [h for h in hits if h.via is None]
    assert direct
    assert all(h.rank in (0, 1, 3) for h in direct)
    assert all(h.rank in (2, 4) for h in hits if h.via is not None)


def test_synonym_table_is_ours_and_uses_the_data_words(plan: sp.Plan) -> None:
    from shanghai_plan._converter import unstructure

    text = json.dumps(unstructure(plan), ensure_ascii=False)
    for key, terms in SYNONYMS.items():
        assert terms, key
        for term in terms:
            assert sp.search(term), (key, term)  # every term occurs in the data
        assert " ".join(words(key)) == key or not key.isascii(), key  # keys as compared
    # the sources' aliases are untouched: no synonym became an alias
    aliases = {a.name.casefold() for i in plan.industries for a in i.aliases}
    assert not aliases & {"chips", "cars", "biotech", "ev", "nev", "芯片"}
    assert "chips" not in text.casefold().split('"')


def test_synonyms_do_not_change_what_data_keys_find(plan: sp.Plan) -> None:
    for ind in plan.industries:
        for key in (ind.id, ind.name_en, ind.name_zh, *(a.name for a in ind.aliases)):
            assert sp.industry(key) is ind
    from shanghai_plan.queries import _industry_by_data_key

    for key, terms in _synonyms().items():
        # where a synonym key is also a data key, both lead to the same industry
        by_data = _industry_by_data_key(key, plan)
        by_terms = next(
            (i for i in (_industry_by_data_key(t, plan) for t in terms) if i is not None), None
        )
        assert by_data is None or by_terms is None or by_data is by_terms, key
        assert sp.industry(key, default=None) is (by_data or by_terms), key


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_string_searches_without_error_and_in_a_fixed_order(text: str) -> None:
    hits = sp.search(text)
    assert hits == sp.search(text)
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
    assert len({h.id for h in hits}) == len(hits)  # one hit per record
    found = sp.industry(text, default=None)
    if found is None:  # the only error it raises is NotFoundError, about industries
        with pytest.raises(sp.NotFoundError) as info:
            sp.industry(text)
        assert info.value.kind == "industry"
        assert info.value.key == text
        keys = set(sp.queries.index_for(sp.load()).industry_keys.values())
        assert set(info.value.suggestions) <= keys
    else:
        assert isinstance(found, sp.Industry)


def test_long_keys_are_answered_quickly_enough_to_finish() -> None:
    # suggestions compare only keys that could be close: a huge key is not compared
    # character by character with every id (no timing: it just has to finish)
    key = "ab" * 100_000
    for call in (sp.industry, sp.target, sp.record, sp.source):
        with pytest.raises(sp.NotFoundError) as info:
            call(key)
        assert info.value.suggestions == ()
    assert sp.search(key) == ()


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["chip", "car", "AI", "EV", "biotech", "芯片", "target", "2025"]))
def test_ranking_is_deterministic_across_plans(query: str) -> None:
    again = sp.loads(sp.dumps())
    assert ids(query) == [h.id for h in sp.search(query, plan=again)]


# ------------------------------------------------------------ vocabularies


def test_status_is_its_string_in_the_issue_case() -> None:
    r = sp.progress("tgt-nev-output-1-2m")
    assert r.status == "met"
    assert str(sp.Status.MET) == "met"
    rows = {
        row["target_id"]: row["status"] for row in sp.to_records("progress", all_documents=True)
    }
    every = sp.progress(all_documents=True)
    assert {r.target_id for r in every} == set(rows)
    for r in every:
        assert r.status == rows[r.target_id]
        assert str(r.status) == rows[r.target_id]


# ------------------------------------------------------------ argument policy


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: sp.target(123), "target_id must be a str, not int 123"),
        (lambda: sp.targets(year="2025"), "year must be an int, not str '2025'"),
        (lambda: sp.targets(year=True), "year must be an int, not bool True"),
        (lambda: sp.targets(year=2025.0), "year must be an int, not float 2025.0"),
        (lambda: sp.observations("ind-vehicle-production", year="2024"), "year must be an int"),
        (lambda: sp.industry(3), "key must be a str, not int 3"),
        (lambda: sp.industry(None), "key must be a str, not NoneType None"),
        (lambda: sp.search(b"EDA"), "text must be a str, not bytes"),
        (lambda: sp.record(7), "record_id must be a str, not int"),
        (lambda: sp.source(7), "source_id must be a str, not int"),
        (lambda: sp.document(7), "document_id must be a str, not int"),
        (lambda: sp.indicator(7), "indicator_id must be a str, Target or Observation"),
        (lambda: sp.targets(industry=7), "industry must be an Industry or str, not int"),
        (lambda: sp.targets(kind=1), "kind must be a TargetKind or str, not int"),
        (lambda: sp.targets(kind=sp.Confidence.WEAK), "must be a TargetKind or str, not Conf"),
        (lambda: sp.targets(all_documents="yes"), "all_documents must be a bool"),
        (lambda: sp.sources(1), "confidence must be a Confidence or str, not int"),
        (lambda: sp.industries(plan={}), "plan must be a Plan or None, not dict"),
        (lambda: sp.progress(tolerance="5%"), "tolerance must be a number, not str"),
        (lambda: sp.progress(tolerance=True), "tolerance must be a number, not bool"),
        (lambda: sp.progress(42), "target_or_id must be a str"),
        (lambda: sp.progress(plan="x"), "plan must be a Plan or None, not str"),
        (lambda: sp.to_records(None), "kind must be a str, not NoneType"),
        (lambda: sp.to_records("targets", plan=[]), "plan must be a Plan or None, not list"),
        (lambda: sp.dumps("plan.json"), "plan must be a Plan or None, not str"),
        (lambda: sp.industries_of("tgt-chip-design-3nm"), "rec must be a Target or Indicator"),
        (lambda: sp.record("x", kind=str), "kind must be a record class"),
        (lambda: sp.findings(3), "about must be a record id or a Target"),
        (lambda: sp.findings(bearing=3), "bearing must be a Bearing or str, not int"),
        (lambda: sp.gaps(3.5), "about must be a record id or a Target"),
        (lambda: sp.scorecard(plan=1), "plan must be a Plan or None, not int"),
        (lambda: sp.scorecard(tolerance="5%"), "tolerance must be a number, not str"),
        (lambda: sp.scorecard(all_documents=1), "all_documents must be a bool, not int"),
    ],
)
def test_wrong_types_name_the_parameter_and_the_type(call: Any, message: str) -> None:
    with pytest.raises(TypeError) as info:
        call()
    assert message in str(info.value)
    assert not isinstance(info.value, sp.ShanghaiPlanError)


def test_tolerance_must_be_non_negative() -> None:
    for bad in (-0.1, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="tolerance must be a finite number >= 0"):
            sp.progress("tgt-nev-output-1-2m", tolerance=bad)
    assert sp.progress("tgt-nev-output-1-2m", tolerance=0).status == "met"


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: sp.sources("WEAK"), lambda: sp.sources(sp.Confidence.WEAK)),
        (lambda: sp.sources("Weak"), lambda: sp.sources("weak")),
        (lambda: sp.targets(kind="QUANTITATIVE"), lambda: sp.targets(kind="quantitative")),
        (lambda: sp.industries("Leading"), lambda: sp.leading_industries()),
        (lambda: sp.documents("Based-On"), lambda: sp.documents(sp.Relation.BASED_ON)),
        (lambda: sp.documents("based on"), lambda: sp.documents("based_on")),
        (lambda: sp.to_records("Industries"), lambda: sp.to_records("industries")),
    ],
)
def test_enum_arguments_take_member_or_value_in_any_case(call: Any, expected: Any) -> None:
    assert call() == expected()
    assert call()


def test_bearing_takes_member_or_value() -> None:
    # the bundled data has no findings yet, so this shows the argument is accepted
    assert sp.findings(bearing="Not Met") == sp.findings(bearing=sp.Bearing.NOT_MET)


@pytest.mark.parametrize(
    ("call", "parameter", "choices"),
    [
        (lambda: sp.sources("strong"), "confidence", ("primary", "secondary", "weak")),
        (lambda: sp.targets(kind="numeric"), "kind", ("quantitative", "qualitative")),
        (lambda: sp.industries("first"), "tier", ("leading", "key")),
        (lambda: sp.documents("parent"), "relation", tuple(r.value for r in sp.Relation)),
        (lambda: sp.to_records("tables"), "kind", sp.RECORD_KINDS),
        (lambda: sp.findings(bearing="yes"), "bearing", tuple(b.value for b in sp.Bearing)),
    ],
)
def test_unknown_values_list_the_valid_ones(call: Any, parameter: str, choices: Any) -> None:
    with pytest.raises(sp.InvalidChoiceError) as info:
        call()
    err = info.value
    assert isinstance(err, ValueError)
    assert isinstance(err, sp.ShanghaiPlanError)
    assert err.parameter == parameter
    assert err.choices == tuple(choices)
    assert str(err).startswith(f"{parameter} must be one of ")
    for choice in choices:
        assert repr(choice) in str(err)
    again = pickle.loads(pickle.dumps(err))
    assert (again.parameter, again.value, again.choices) == (err.parameter, err.value, err.choices)


# ---------------------------------------------------------------- not found


def test_target_not_found_names_targets_only() -> None:
    with pytest.raises(sp.NotFoundError) as info:
        sp.target("nope")
    assert info.value.kind == "target"
    assert str(info.value).startswith("no target matches 'nope'")
    assert info.value.suggestions == ()
    with pytest.raises(sp.NotFoundError) as info:
        sp.target("ind-nev-production")  # an indicator id: not suggested for a target
    assert all(s.startswith("tgt-") for s in info.value.suggestions)
    with pytest.raises(sp.NotFoundError) as info:
        sp.target("tgt-nev-output")
    assert info.value.suggestions
    assert all(sp.target(s).id == s for s in info.value.suggestions)


@pytest.mark.parametrize(
    ("call", "kind", "prefix"),
    [
        (lambda: sp.indicator("ind-nev-productio"), "indicator", "ind-"),
        (lambda: sp.document("doc-sh-am-action"), "document", "doc-"),
        (lambda: sp.record("obs-nev-production-2024x", sp.Observation), "observation", "obs-"),
        (lambda: sp.record("tgt-chip-design-3n", sp.Target), "target", "tgt-"),
    ],
)
def test_not_found_suggests_keys_of_the_kind_only(call: Any, kind: str, prefix: str) -> None:
    with pytest.raises(sp.NotFoundError) as info:
        call()
    assert info.value.kind == kind
    assert info.value.suggestions
    assert all(s.startswith(prefix) for s in info.value.suggestions)


def test_source_suggestions_are_sources(plan: sp.Plan) -> None:
    sid = plan.sources[0].id
    with pytest.raises(sp.NotFoundError) as info:
        sp.source(sid[:-1])
    assert info.value.kind == "source"
    assert sid in info.value.suggestions
    assert set(info.value.suggestions) <= {s.id for s in plan.sources}


def test_default_like_pycountry_get(plan: sp.Plan) -> None:
    assert sp.industry("steel", default=None) is None
    assert sp.target("nope", default=None) is None
    assert sp.record("nope", default="x") == "x"
    assert sp.record("integrated-circuits", sp.Target, default=None) is None
    assert sp.source("nope", default=None) is None
    assert sp.document("nope", default=None) is None
    assert sp.indicator("nope", default=None) is None
    assert sp.indicator(sp.target("tgt-national-eda-platform"), default=None) is None
    ai = sp.industry("AI")
    assert sp.industry("AI", default=None) is ai
    with pytest.raises(TypeError):
        sp.industry(3, default=None)  # type: ignore[call-overload]  # a wrong type still raises


def test_record_is_typed_by_kind(plan: sp.Plan) -> None:
    obs = plan.indicators[0].observations[0]
    assert sp.record(obs.id, sp.Observation) is obs
    assert sp.record(obs.id) is obs
    assert sp.record(plan.id) is plan
    with pytest.raises(sp.NotFoundError, match="no observation matches"):
        sp.record(plan.indicators[0].id, sp.Observation)


# --------------------------------------------------------- names people guess


def test_name_is_the_english_name(plan: sp.Plan) -> None:
    for ind in plan.industries:
        assert ind.name == ind.name_en
    for i in plan.indicators:
        assert i.name == i.name_en
    for d in plan.related_documents:
        assert d.name == d.title("en") == d.title()
        if any(t.language == "zh" for t in d.titles):
            assert d.title("zh")
    with pytest.raises(LookupError, match="no title in language 'fr'"):
        plan.related_documents[0].title("fr")


def test_document_title_ranks_like_plan_title(plan: sp.Plan) -> None:
    for d in plan.related_documents:
        for lang in {t.language for t in d.titles}:
            mine = [t for t in d.titles if t.language == lang]
            official = [t.text for t in mine if t.kind is sp.TitleKind.OFFICIAL]
            if official:
                assert d.title(lang) == official[0]
            assert d.title(lang) in {t.text for t in mine}


def test_industries_of_a_target_or_an_indicator(plan: sp.Plan) -> None:
    t = sp.target("tgt-2023-trillion-clusters-4")
    found = sp.industries_of(t)
    assert [i.id for i in found] == list(t.industry_ids)
    assert all(isinstance(i, sp.Industry) for i in found)
    assert sp.industries_of(sp.indicators()[0]) == tuple(
        sp.industry(i) for i in sp.indicators()[0].industry_ids
    )
    # resolved in the plan given, not always the bundled one
    raw = json.loads(sp.dumps())
    raw["industries"][3]["name_en"] = "Electronics"
    mine = sp.loads(json.dumps(raw))
    assert sp.industries_of(t, plan=mine)[0].name == "Electronics"
    assert sp.industries_of(t)[0].name == "Electronic information"


def test_an_observations_indicator_and_unit(plan: sp.Plan) -> None:
    for ind in plan.indicators:
        for obs in ind.observations:
            assert sp.indicator(obs) is ind
            assert sp.indicator(obs).unit is ind.unit
    raw = json.loads(sp.dumps())
    raw["indicators"][0]["name_en"] = "Renamed"
    mine = sp.loads(json.dumps(raw))
    obs = mine.indicators[0].observations[0]
    assert sp.indicator(obs, plan=mine).name == "Renamed"
    stranger = plan.indicators[0].observations[0]
    import attrs

    changed = attrs.evolve(stranger, value=stranger.value + 1)
    with pytest.raises(sp.NotFoundError, match="indicator of observation"):
        sp.indicator(changed)


def test_new_names_are_public() -> None:
    for name in ("InvalidChoiceError", "industries_of"):
        assert name in sp.__all__
        assert name in dir(sp)
    assert "TYPE_CHECKING" not in dir(sp)
