"""Helpers: look-ups, targets, search, sources — on the bundled plan and on any Plan."""

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import shanghai_plan as sp
from shanghai_plan._index import normalize
from shanghai_plan.queries import _query_key, _synonyms


def test_leading_and_key_are_disjoint_parts_of_all() -> None:
    leading, key, every = sp.leading_industries(), sp.key_industries(), sp.industries()
    assert set(leading) <= set(every)
    assert set(key) <= set(every)
    assert not set(leading) & set(key)
    assert all(i.tier is sp.IndustryTier.LEADING for i in leading)
    assert sp.industries(sp.IndustryTier.KEY) == key


def test_lookup_of_every_key_returns_its_industry(plan: sp.Plan) -> None:
    for ind in plan.industries:
        for key in (ind.id, ind.name_en, ind.name_zh, *(a.name for a in ind.aliases)):
            assert sp.industry(key) is ind
            assert sp.industry(f"  {key.upper()}  ") is ind


def test_plural_s_is_ignored() -> None:
    assert sp.industry("IC") is sp.industry("ICs") is sp.industry("integrated-circuits")
    assert sp.industry("auto") is sp.industry("automobiles")
    with pytest.raises(sp.NotFoundError):
        sp.industry("s")


def test_lookup_variants() -> None:
    ai = sp.industry("artificial-intelligence")
    for key in (
        "AI",
        "ai",
        "Artificial  Intelligence",
        "artificial_intelligence",
        "人工智能",
        "ＡＩ",
    ):
        assert sp.industry(key) is ai


def test_not_found_names_close_matches() -> None:
    with pytest.raises(sp.NotFoundError) as info:
        sp.industry("artifical inteligence")
    err = info.value
    assert isinstance(err, LookupError)
    assert err.key == "artifical inteligence"
    assert (
        "artificial-intelligence" in err.suggestions or "Artificial intelligence" in err.suggestions
    )
    assert "did you mean" in str(err)
    with pytest.raises(sp.NotFoundError, match="no industry matches 'steel'"):
        sp.industry("steel")


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        # the official term for NEVs (新能源汽车) is a focus area of the automobile industry
        ("new energy vehicles", "automobiles"),
        ("New-energy vehicles", "automobiles"),
        ("drugs", "biomedicine"),
        # software and information services: a focus area of electronic information, and
        # the industry the software-revenue target names
        ("software", "electronic-information"),
    ],
)
def test_plain_words_find_their_industry(key: str, expected: str) -> None:
    assert sp.industry(key).id == expected
    if key == "software":
        assert sp.target("tgt-software-revenue-1-5tn").industry_ids == (expected,)


@pytest.mark.parametrize(
    ("typo", "meant"),
    [("artifical", "artificial-intelligence"), ("biomedcine", "biomedicine")],
)
def test_a_one_word_typo_is_suggested(typo: str, meant: str) -> None:
    with pytest.raises(sp.NotFoundError) as info:
        sp.industry(typo)
    assert info.value.suggestions[0] == meant
    assert f"did you mean '{meant}'" in str(info.value)
    with pytest.raises(sp.NotFoundError) as far:  # a word that is near nothing
        sp.industry("steel")
    assert far.value.suggestions == ()


def test_lookup_rejects_non_strings() -> None:
    with pytest.raises(TypeError):
        sp.industry(3)  # type: ignore[arg-type]


def test_targets_filters(plan: sp.Plan) -> None:
    own = sp.targets()
    assert own
    assert all(t.document_id == plan.id for t in own)
    ic = sp.targets(industry="集成电路")
    assert {"tgt-chip-design-3nm", "tgt-national-eda-platform"} <= {t.id for t in ic}
    assert all("integrated-circuits" in t.industry_ids for t in ic)
    assert sp.targets(industry=sp.industry("集成电路")) == ic
    assert all(t.year == 2025 for t in sp.targets(year=2025))
    quant = sp.targets(kind="quantitative")
    assert quant == sp.targets(kind=sp.TargetKind.QUANTITATIVE)
    assert all(t.quantity is not None for t in quant)
    assert sp.targets(year=1990) == ()
    with pytest.raises(sp.NotFoundError):
        sp.targets(industry="steel")
    with pytest.raises(sp.InvalidChoiceError, match="'quantitative', 'qualitative'"):
        sp.targets(kind="numeric")  # type: ignore[arg-type]


def test_targets_by_document(plan: sp.Plan) -> None:
    assert sp.targets(document=plan.id) == sp.targets()
    every = sp.targets(all_documents=True)
    assert set(sp.targets()) <= set(every)
    assert len(every) == len(plan.targets)
    with pytest.raises(sp.NotFoundError):
        sp.targets(document="doc-nope")
    with pytest.raises(ValueError, match="either"):
        sp.targets(document=plan.id, all_documents=True)


def test_document_of_every_target_is_found(plan: sp.Plan) -> None:
    """``sp.document(t.document_id)`` answers for every target: the plan itself for its own."""
    assert sp.document(plan.id) is plan
    assert sp.document(plan.id, default=None) is plan
    for t in sp.targets(all_documents=True):
        assert sp.document(t.document_id).id == t.document_id
    assert plan.name == plan.title("en")
    with pytest.raises(sp.NotFoundError):
        sp.document("sh-am-14fyp-nope")


@pytest.mark.parametrize(
    "view",
    [
        sp.targets,
        sp.progress,
        sp.scorecard,
        lambda **kw: sp.to_records("scorecard", **kw),
        lambda **kw: sp.to_records("progress", **kw),
    ],
)
def test_document_parameter_takes_an_id_a_document_or_the_plan(view: Any, plan: sp.Plan) -> None:
    doc = sp.document("doc-sh-am-action-2023-2025")
    assert view(document=doc) == view(document=doc.id) != view()
    assert view(document=plan) == view(document=plan.id) == view()
    with pytest.raises(TypeError, match=r"^document must be a document id, a Document or the Plan"):
        view(document=["doc-sh-am-action-2023-2025"])
    with pytest.raises(sp.NotFoundError, match="doc-sh-am-action-2023-2025"):
        view(document="doc-sh-am-action-2023-2024")


def test_target_lookup() -> None:
    with pytest.raises(sp.NotFoundError, match="tgt-chip-design-3nm"):
        sp.target("tgt-chip-design")
    with pytest.raises(sp.NotFoundError):
        sp.target("integrated-circuits")  # exists, but is an industry


def test_search_english_and_chinese() -> None:
    hits = sp.search("EDA")
    assert "tgt-national-eda-platform" in [h.id for h in hits]
    assert next(h.id for h in sp.search("人工智能")) == "artificial-intelligence"
    assert "ctx-dual-circulation" in [h.id for h in sp.search("dual circulation")]
    assert "ctx-dual-circulation" in [h.id for h in sp.search("双循环")]
    assert sp.search("zzzz-not-there") == ()
    assert sp.search("   ") == ()  # nothing to look for finds nothing


def test_search_hits_point_at_matching_records() -> None:
    hits = sp.search("industries")
    assert hits
    for hit in hits:
        assert "industr" in normalize(hit.text)
        value = getattr(hit.record, hit.field)
        if isinstance(value, str):
            assert value == hit.text
        else:  # aliases, focus areas, titles: the text is one of the items' names
            names = {
                getattr(v, a, None) for v in value for a in ("name", "name_en", "name_zh", "text")
            }
            assert hit.text in names
    chips = sp.search("芯片")
    assert [(h.id, h.field, h.text) for h in chips][:1] == [
        ("integrated-circuits", "focus_areas", "芯片设计")
    ]


def test_sources_and_citations(plan: sp.Plan) -> None:
    for rec_source in plan.sources:
        assert sp.source(rec_source.id) is rec_source
    t = sp.target("tgt-chip-design-3nm")
    assert sp.source(t.citations[0]).id == t.citations[0].source_id
    assert sp.cited_sources(t) == tuple(dict.fromkeys(sp.source(c) for c in t.citations))
    assert set(sp.sources("primary")) | set(sp.sources("secondary")) | set(
        sp.sources(sp.Confidence.WEAK)
    ) == set(plan.sources)
    with pytest.raises(sp.NotFoundError, match="no source matches"):
        sp.source("global-times")


def test_same_questions_on_any_plan(raw: dict[str, Any]) -> None:
    raw["industries"] = [i for i in raw["industries"] if i["id"] != "biomedicine"]
    for key in ("targets", "indicators"):
        for rec in raw.get(key, []):
            if "industry_ids" in rec:
                rec["industry_ids"] = [x for x in rec["industry_ids"] if x != "biomedicine"]
    raw = json.loads(json.dumps(raw).replace('"biomedicine"', '"integrated-circuits"'))
    mine = sp.loads(json.dumps(raw))
    assert [i.id for i in sp.leading_industries(plan=mine)] == [
        "integrated-circuits",
        "artificial-intelligence",
    ]
    assert len(sp.leading_industries()) == 3  # the bundled plan is untouched
    with pytest.raises(sp.NotFoundError):
        sp.industry("biomedicine", plan=mine)


def test_record_lookup(plan: sp.Plan) -> None:
    assert sp.record("integrated-circuits") is sp.industry("集成电路")
    assert sp.record(plan.sources[0].id) is plan.sources[0]


@given(st.text(max_size=30))
def test_lookup_either_finds_or_raises_not_found(key: str) -> None:
    keys: dict[str, sp.Industry] = {}
    for i in sp.industries():
        for k in (i.id, i.name_en, i.name_zh, *(a.name for a in i.aliases)):
            keys.setdefault(normalize(k), i)  # first claim wins, as in the index
    norm = normalize(key)
    expected = keys.get(norm)
    if expected is None and len(norm) >= 2:  # the documented plural-s rule
        expected = keys.get(norm[:-1] if norm.endswith("s") else norm + "s")
    if expected is None and _query_key(key) in _synonyms():  # the search help's words
        assert isinstance(sp.industry(key), sp.Industry)
    elif expected is None:
        with pytest.raises(sp.NotFoundError) as info:
            sp.industry(key)
        assert info.value.key == key
    else:
        assert sp.industry(key) is expected


@given(
    st.sampled_from([None, 2021, 2023, 2025, 2035]),
    st.sampled_from([None, "quantitative", "qualitative"]),
)
def test_target_filters_compose(year: int | None, kind: Any) -> None:
    result = sp.targets(year=year, kind=kind)
    assert result == sp.targets(year=year, kind=kind)  # deterministic
    assert set(result) == set(sp.targets(year=year)) & set(sp.targets(kind=kind))
    order = [t.id for t in sp.targets()]
    assert [t.id for t in result] == [i for i in order if i in {t.id for t in result}]


def test_index_builds_only_what_a_question_needs(raw: dict[str, Any]) -> None:
    import gc
    import weakref

    from shanghai_plan import _index

    mine = sp.loads(json.dumps(raw))
    assert mine == sp.load()
    idx = _index.index_for(mine)
    assert idx is not _index.index_for(sp.load())  # by identity: an equal plan is another plan
    assert _index.index_for(mine) is idx
    assert sp.key_industries(plan=mine) == tuple(
        i for i in mine.industries if i.tier is sp.IndustryTier.KEY
    )
    built = set(vars(idx))
    assert {"by_tier", "industry_by_key"} <= built
    assert "record_by_id" not in built  # the record walk waits for a question that needs it
    assert sp.record(mine.targets[0].id, plan=mine) is mine.targets[0]
    assert "record_by_id" in vars(idx)
    assert sp.record(mine.id, plan=mine) is mine  # the plan asked about, not the index's copy
    assert sp.record(mine.id, sp.Plan, plan=mine) is mine
    full = _index._build(mine)  # everything at once equals what the questions built
    for name in _index._GROUPS:
        assert getattr(full, name) == getattr(idx, name), name
    # the index does not keep its plan alive, whatever was asked and kept in its memo:
    # the cache lets both go together
    sp.scorecard(plan=mine)
    sp.search("chips", plan=mine)
    sp.series(mine.indicators[0].id, plan=mine)
    ref = weakref.ref(mine)
    del mine, idx, full
    gc.collect()
    assert ref() is None
