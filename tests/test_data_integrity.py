"""Whole-file checks on the bundled data: citations, units, derived values, conflicts, counts."""

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import attrs
import pytest

import shanghai_plan as sp
from shanghai_plan import Citation, Indicator, Observation, Target

PLAN = sp.load()
SOURCES = {s.id: s for s in PLAN.sources}
OBSERVATIONS = {o.id: o for i in PLAN.indicators for o in i.observations}
INDICATOR_OF = {o.id: i for i in PLAN.indicators for o in i.observations}
INDICATORS = {i.id: i for i in PLAN.indicators}


def _records(obj: Any, path: str = "$") -> Iterator[tuple[Any, str]]:
    """Every attrs record reachable from ``obj`` with its JSON path."""
    if attrs.has(type(obj)):
        yield obj, path
        for a in attrs.fields(type(obj)):
            value = getattr(obj, a.name)
            if isinstance(value, tuple):
                for i, item in enumerate(value):
                    yield from _records(item, f"{path}.{a.name}[{i}]")
            else:
                yield from _records(value, f"{path}.{a.name}")


RECORDS = list(_records(PLAN))
CITING = [(rec, path) for rec, path in RECORDS if hasattr(rec, "citations")]
CITATIONS: list[Citation] = [c for rec, _ in CITING for c in rec.citations]


def _source_ids(rec: object) -> set[str]:
    return {c.source_id for c in getattr(rec, "citations", ())}


# ------------------------------------------------------------ every check, on what ships


def test_the_shipped_bytes_pass_every_check_a_users_file_gets() -> None:
    """``load()`` skips the duplicate-key and integrity checks at run time
    (``loading._build_bundled``); this test is what allows it.  It runs every check of
    ``loads`` over exactly the bytes the package reads (in the source tree, and in CI
    from the installed wheel), and the plan built is the one ``load()`` returns."""
    from shanghai_plan import _integrity
    from shanghai_plan.loading import read_bundled_bytes

    checked = sp.loads(read_bundled_bytes())
    assert checked == PLAN
    assert _integrity.check(PLAN) == []


# ------------------------------------------------------------------ versions and counts


def test_data_version() -> None:
    assert PLAN.data_version == "2026.6"
    assert PLAN.data_as_of.isoformat() == "2026-12-07"


def test_counts() -> None:
    own = [t for t in PLAN.targets if t.document_id == PLAN.id]
    assert len(PLAN.targets) == 104
    assert len(own) == 18
    assert len(PLAN.targets) - len(own) == 86
    assert len(PLAN.indicators) == 136
    assert len(OBSERVATIONS) == 336
    assert Counter(o.basis.value for o in OBSERVATIONS.values()) == {"reported": 318, "derived": 18}
    assert len(PLAN.related_documents) == 29
    assert len(PLAN.sources) == 285
    assert Counter(s.confidence.value for s in PLAN.sources) == {
        "primary": 35,
        "secondary": 165,
        "weak": 85,
    }
    assert len(PLAN.conflicts) == 39
    assert len(PLAN.goals) == 17
    assert Counter(g.kind.value for g in PLAN.goals) == {
        "main_line": 3,
        "goal": 5,
        "outlook": 4,
        "measure": 5,
    }
    assert len(PLAN.industries) == 9
    assert len(PLAN.findings) == 49
    assert Counter(f.kind.value for f in PLAN.findings) == {
        "report": 26,
        "official_claim": 17,
        "evaluation": 6,
    }
    assert len(PLAN.gaps) == 73


def test_observations_are_in_year_order() -> None:
    """``Indicator.observations`` reads as a series (2023 H1 never after 2025): the bundled
    file keeps them in year order, so the order a reader sees is the data's own."""
    for ind in PLAN.indicators:
        years = [o.year for o in ind.observations]
        assert years == sorted(years), f"{ind.id}: {years}"


def test_ids_are_unique() -> None:
    ids = [rec.id for rec, _ in RECORDS if isinstance(getattr(rec, "id", None), str)]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert duplicates == []


# ---------------------------------------------------------------------------- sources


def test_every_record_cites_a_source() -> None:
    empty = [path for rec, path in CITING if not rec.citations]
    assert empty == []


def test_every_citation_resolves_and_has_a_locator() -> None:
    assert all(c.source_id in SOURCES for c in CITATIONS)
    assert all(c.locator.strip() for c in CITATIONS)


def test_every_source_is_cited() -> None:
    # a source read for a gap and found not to give it (``Gap.checked``) counts as used
    cited = {c.source_id for c in CITATIONS} | {c.source_id for g in PLAN.gaps for c in g.checked}
    assert set(SOURCES) - cited == set()


def test_source_fields() -> None:
    for s in PLAN.sources:
        assert s.url.startswith(("http://", "https://")), s.id
        assert s.title.strip(), s.id
        assert s.publisher.strip(), s.id
        assert s.language in {"zh", "en", "de", "ja", "it", "pt"}, s.id
        if s.original_outlet is not None:
            assert s.original_outlet.strip(), s.id


@pytest.mark.parametrize(
    ("source_id", "confidence"),
    [
        ("egov-plan-reprint", "primary"),
        ("globaltimes-2021-07-14", "secondary"),
        ("chinanews-2021-09-09-3plus6-mirror", "weak"),
        ("jingke-2023-04-25-repost", "weak"),
        ("songjiang-gov-2022-01-13-am-plan", "primary"),
        ("sheitc-en-2023-06-15-action-plan", "primary"),
        ("shanghai-gov-de-2025-01-30-gdp", "primary"),
        ("21jingji-2022-09-14-sheitc-briefing-repost", "secondary"),
        ("redplanx-2024-12-28-nev-output", "weak"),
        ("sh-gov-2026-01-09-2026-28-plan", "weak"),
    ],
)
def test_source_confidence(source_id: str, confidence: str) -> None:
    assert SOURCES[source_id].confidence.value == confidence


def test_weak_only_targets_say_so() -> None:
    for t in PLAN.targets:
        levels = {SOURCES[s].confidence.value for s in _source_ids(t)}
        if levels == {"weak"}:
            assert t.notes is not None, t.id
            assert "weak" in t.notes.lower(), t.id


# ----------------------------------------------------------------- units and magnitudes

YUAN_MEASURES = {"industry_scale", "gross_output", "value_added", "revenue", "gdp", "investment"}


def test_yuan_magnitudes() -> None:
    for ind in PLAN.indicators:
        if ind.unit.value == "yuan" and ind.measure.value in YUAN_MEASURES:
            for o in ind.observations:
                assert o.value >= 1e8, (ind.id, o.id)
    for t in PLAN.targets:
        if t.quantity is not None and t.quantity.unit.value == "yuan":
            assert t.quantity.value >= 1e8, t.id


def test_percent_indicators() -> None:
    for ind in PLAN.indicators:
        if ind.measure.value in {"share", "growth_rate"}:
            assert ind.unit.value == "percent", ind.id
        if ind.measure.value == "share":
            assert all(0 <= o.value <= 100 for o in ind.observations), ind.id
        if ind.measure.value == "growth_rate":
            assert all(-100 < o.value < 1000 for o in ind.observations), ind.id


def test_percent_targets_are_percent() -> None:
    for t in PLAN.targets:
        if t.quantity is not None and t.quantity.unit.value == "percent":
            assert 0 < t.quantity.value <= 100, t.id


def test_vehicle_counts_are_whole_and_plausible() -> None:
    for ind in PLAN.indicators:
        if ind.unit.value == "vehicles":
            for o in ind.observations:
                assert o.value == int(o.value), o.id
                assert 1e4 <= o.value <= 5e7, o.id


def test_years_are_in_range() -> None:
    for o in OBSERVATIONS.values():
        assert 2015 <= o.year <= 2025, o.id
    for t in PLAN.targets:
        for year in (t.year, t.start_year, t.baseline_year):
            assert year is None or 1949 <= year <= 2100, t.id
        if t.year is not None and t.baseline_year is not None:
            assert t.year >= t.baseline_year, t.id
        if t.year is not None and t.start_year is not None:
            assert t.year >= t.start_year, t.id
    own = [t for t in PLAN.targets if t.document_id == PLAN.id]
    assert all(t.year is not None and 2021 <= t.year <= 2025 for t in own)


def test_target_units_match_their_indicator() -> None:
    for t in PLAN.targets:
        if t.indicator_id is None:
            continue
        assert t.indicator_id in INDICATORS, t.id
        if t.quantity is not None and t.quantity.unit.value != "multiple":
            assert t.quantity.unit is INDICATORS[t.indicator_id].unit, t.id


def test_quantitative_targets_have_quantities() -> None:
    for t in PLAN.targets:
        assert (t.kind.value == "quantitative") == (t.quantity is not None), t.id


# -------------------------------------------------------------------- derived values


def _v(obs_id: str) -> float:
    return OBSERVATIONS[obs_id].value


# Each derived observation: its inputs, the arithmetic redone here, and the stored result
# (pinned literally as well).
DERIVED: dict[str, tuple[tuple[str, ...], Callable[[], float], float]] = {
    "obs-ic-scale-2019-derived": (
        ("obs-ic-scale-2020", "obs-ic-scale-growth-2020"),
        lambda: (
            round(_v("obs-ic-scale-2020") / (1 + _v("obs-ic-scale-growth-2020") / 100) / 1e8) * 1e8
        ),
        171.1e9,
    ),
    "obs-iva-share-2021-exact-gdp": (
        ("obs-iva-2021", "obs-gdp-2021-exact"),
        lambda: round(_v("obs-iva-2021") / _v("obs-gdp-2021-exact") * 100, 2),
        24.85,
    ),
    # industrial value added is part of secondary-industry value added: an upper bound
    **{
        f"obs-iva-{year}-upper-bound{suffix}": (
            (f"obs-secondary-va-{year}{suffix}",),
            lambda year=year, suffix=suffix: _v(f"obs-secondary-va-{year}{suffix}"),
            pinned,
        )
        for year, suffix, pinned in (
            (2022, "", 1145.843e9),
            (2023, "", 1161.297e9),
            (2024, "-exact", 1163.757e9),
            (2025, "-exact", 1165.062e9),
        )
    },
    **{
        f"obs-iva-share-{year}-upper-bound{suffix}": (
            (secondary, gdp),
            lambda secondary=secondary, gdp=gdp: (
                math.ceil(_v(secondary) / _v(gdp) * 100 * 100) / 100
            ),
            pinned,
        )
        for year, suffix, secondary, gdp, pinned in (
            (2022, "", "obs-secondary-va-2022", "obs-gdp-2022", 25.67),
            (2023, "", "obs-secondary-va-2023", "obs-gdp-2023-exact", 24.60),
            (2024, "-exact", "obs-secondary-va-2024-exact", "obs-gdp-2024", 21.59),
        )
    },
    "obs-leading-three-scale-2019": (
        ("obs-ic-scale-2019-wu", "obs-ai-scale-2019", "obs-biomed-scale-2019"),
        lambda: _v("obs-ic-scale-2019-wu") + _v("obs-ai-scale-2019") + _v("obs-biomed-scale-2019"),
        701.6e9,
    ),
    "obs-above-size-output-growth-2024-derived": (
        ("obs-above-size-output-growth-2025",),
        lambda: round(_v("obs-above-size-output-growth-2025") - 3.9, 1),  # "3.9 points faster"
        0.7,
    ),
    "obs-nev-production-growth-2023-derived": (
        ("obs-nev-production-2023", "obs-nev-production-2022"),
        lambda: round((_v("obs-nev-production-2023") / _v("obs-nev-production-2022") - 1) * 100, 1),
        30.2,
    ),
    "obs-industrial-investment-2023-lower-bound": (
        ("obs-industrial-investment-2024", "obs-industrial-investment-growth-2024"),
        lambda: (
            math.floor(
                _v("obs-industrial-investment-2024")
                / (1 + _v("obs-industrial-investment-growth-2024") / 100)
                / 1e10
            )
            * 1e10
        ),  # rounded down, so the lower bound stays valid
        180e9,
    ),
    "obs-industrial-investment-2025-lower-bound": (
        ("obs-industrial-investment-2024", "obs-industrial-investment-growth-2025"),
        lambda: (
            _v("obs-industrial-investment-2024")
            * (1 + _v("obs-industrial-investment-growth-2025") / 100)
        ),
        240e9,
    ),
    **{
        oid: (
            (nev, auto),
            lambda nev=nev, auto=auto: round(_v(nev) / _v(auto) * 100, 1),
            pinned,
        )
        for oid, nev, auto, pinned in (
            (
                "obs-nev-share-auto-value-2020-derived",
                "obs-nev-output-value-2020",
                "obs-auto-output-value-2020",
                9.9,
            ),
            (
                "obs-nev-share-auto-value-2020-jan-oct-derived",
                "obs-nev-output-value-2020-jan-oct",
                "obs-auto-output-value-2020-jan-oct",
                8.8,
            ),
            (
                "obs-nev-share-auto-value-2023-jan-nov-derived",
                "obs-nev-output-value-2023-jan-nov",
                "obs-auto-output-value-2023-jan-nov",
                50.6,
            ),
        )
    },
    "obs-iva-share-2025-upper-bound": (
        ("obs-secondary-va-2025-exact", "obs-gdp-2025"),
        lambda: math.ceil(_v("obs-secondary-va-2025-exact") / _v("obs-gdp-2025") * 100 * 100) / 100,
        20.55,
    ),
}


def test_every_derived_observation_is_checked_here() -> None:
    derived = {o.id for o in OBSERVATIONS.values() if o.basis.value == "derived"}
    assert derived == set(DERIVED)


@pytest.mark.parametrize("obs_id", sorted(DERIVED))
def test_derived_observation_recomputes(obs_id: str) -> None:
    inputs, compute, pinned = DERIVED[obs_id]
    obs = OBSERVATIONS[obs_id]
    assert obs.basis.value == "derived"
    assert tuple(obs.derived_from) == inputs
    assert all(OBSERVATIONS[i].basis.value == "reported" for i in inputs)
    assert obs.method is not None
    assert obs.method.strip()
    assert obs.value == pytest.approx(compute(), rel=1e-12)
    assert obs.value == pytest.approx(pinned, rel=1e-12)
    # an input of a distant year would make the arithmetic meaningless (a level is carried
    # one year forward or back by that year's growth)
    assert {OBSERVATIONS[i].year for i in inputs} <= {obs.year - 1, obs.year, obs.year + 1}
    # a bound derived from a bound points the same way
    if any(OBSERVATIONS[i].comparator.value == "more_than" for i in inputs):
        assert obs.comparator.value == "more_than"


def test_bounds_are_marked_as_bounds() -> None:
    for obs_id in DERIVED:
        if "upper-bound" in obs_id:
            assert OBSERVATIONS[obs_id].comparator.value == "less_than", obs_id
        if "lower-bound" in obs_id:
            assert OBSERVATIONS[obs_id].comparator.value == "more_than", obs_id


def test_derived_ic_baseline_agrees_with_reported_2019() -> None:
    reported = sp.record("obs-ic-scale-2019-wu")
    derived = sp.record("obs-ic-scale-2019-derived")
    assert isinstance(reported, Observation)
    assert isinstance(derived, Observation)
    # both above the association's "more than 170 billion", within 0.5 % of each other
    assert derived.value > 170e9
    assert reported.value > 170e9
    assert abs(derived.value / reported.value - 1) < 0.005


def test_reported_observations_have_no_inputs() -> None:
    for o in OBSERVATIONS.values():
        if o.basis.value == "reported":
            assert o.derived_from == (), o.id
            assert o.method is None, o.id


# -------------------------------------------------------------------------- conflicts


def test_conflicts_have_independently_cited_sides() -> None:
    for conflict in PLAN.conflicts:
        assert len(conflict.sides) >= 2, conflict.id
        side_sources = [_source_ids(s) for s in conflict.sides]
        assert all(side_sources), conflict.id
        for i, a in enumerate(side_sources):
            for b in side_sources[i + 1 :]:
                assert a.isdisjoint(b), conflict.id
        assert conflict.resolution.strip(), conflict.id
        if conflict.preferred_side_id is not None:
            assert conflict.preferred_side_id in {s.id for s in conflict.sides}, conflict.id


def test_conflict_records_resolve() -> None:
    for conflict in PLAN.conflicts:
        for s in conflict.sides:
            for rid in s.record_ids:
                sp.record(rid)  # raises NotFoundError when dangling


# ------------------------------------------------------------ documents must not be mixed


def test_2023_cluster_tiers_belong_to_the_2023_plan() -> None:
    revision = "doc-sh-am-action-2023-2025"
    four = sp.target("tgt-2023-trillion-clusters-4")
    two = sp.target("tgt-2023-500bn-clusters-2")
    assert four.document_id == two.document_id == revision
    assert set(four.industry_ids) == {
        "electronic-information",
        "life-health",
        "automobiles",
        "high-end-equipment",
    }
    assert set(two.industry_ids) == {"advanced-materials", "fashion-consumer-goods"}
    own = sp.targets()  # the plan's own targets only
    assert four not in own
    assert two not in own
    tiers = {
        t.indicator_id: t.quantity.value if t.quantity else None
        for t in own
        if t.indicator_id in {"ind-clusters-trillion-level", "ind-clusters-500bn-level"}
    }
    assert tiers == {"ind-clusters-trillion-level": 2, "ind-clusters-500bn-level": 4}
    # the 2021 plan never says which clusters are in which tier
    for t in own:
        if t.indicator_id in tiers:
            assert t.industry_ids == ()
    assert {t.id for t in sp.targets(document=revision)} >= {four.id, two.id}


def test_sister_plan_six_are_not_this_plans_six() -> None:
    ours = {i.name_en.lower() for i in sp.key_industries()}
    sister = {
        "new-energy vehicles",
        "high-end equipment",
        "aerospace",
        "information and communications",
        "new materials",
        "emerging digital industries",
    }
    assert ours != sister
    assert len(ours & sister) == 1  # only "high-end equipment" is shared by name
    for name in ("aerospace", "emerging digital industries", "information and communications"):
        with pytest.raises(sp.NotFoundError):
            sp.industry(name)
    # not an industry of this plan, but a focus area of its automobile industry: the look-up
    # (the search help's word for the official term) leads there, not to an industry of its own
    nev = sp.industry("new-energy vehicles")
    assert nev.id == "automobiles"
    assert "new-energy vehicles" in {f.name_en.lower() for f in nev.focus_areas}
    assert "new-energy vehicles" not in ours
    docs = {d.id: d for d in PLAN.related_documents}
    assert docs["doc-sh-sei-14fyp"].relation.value == "sibling"
    nine_x = sp.record("def-sei-9-plus-x")
    assert isinstance(nine_x, sp.Definition)
    assert "aerospace" in nine_x.meaning
    for t in sp.targets(document="doc-sh-sei-14fyp"):
        assert set(t.industry_ids) <= {
            "integrated-circuits",
            "biomedicine",
            "artificial-intelligence",
        }


def test_every_related_document_target_points_at_a_document() -> None:
    doc_ids = {d.id for d in PLAN.related_documents} | {PLAN.id}
    assert {t.document_id for t in PLAN.targets} <= doc_ids
    with_targets = {t.document_id for t in PLAN.targets}
    assert "doc-sh-am-action-2023-2025" in with_targets
    assert "doc-sh-sei-14fyp" in with_targets


def test_relations() -> None:
    relations = Counter(d.relation.value for d in PLAN.related_documents)
    assert relations == {
        "answers": 1,
        "based_on": 1,
        "sibling": 1,
        "related": 12,
        "revises": 1,
        "succeeds": 4,
        "cites": 1,
        "context": 8,
    }


def test_indicator_observation_types() -> None:
    for ind in PLAN.indicators:
        assert isinstance(ind, Indicator)
        for o in ind.observations:
            assert INDICATOR_OF[o.id] is ind
    for t in PLAN.targets:
        assert isinstance(t, Target)


def test_a_figure_is_recorded_once_with_all_its_sources() -> None:
    # two sources giving the same figure for the same year are one observation with two
    # citations; two observations of one year must differ (sources that disagree, or scopes)
    for ind in PLAN.indicators:
        seen: dict[tuple[object, ...], str] = {}
        for o in ind.observations:
            if o.basis.value == "derived":
                continue
            key = (o.year, o.value, o.comparator, o.coverage)
            assert key not in seen, (o.id, seen.get(key))
            seen[key] = o.id


# ------------------------------------------------- what users read (data 2026.6, audit §6)

# Fields that hold ids, addresses or dates, not prose a user reads.
_NOT_PROSE = {
    "id",
    "source_id",
    "url",
    "document_id",
    "indicator_id",
    "preferred_side_id",
    "published",
    "stated",
    "language",
}
# Names that look like sheet-local ids but are public names (a chip, an airliner, a site).
_PUBLIC_NAMES = re.compile(r"XRING O1|C919|\(C114\)")
_ARTEFACTS = {
    "a fact-sheet file": re.compile(r"\b[\w-]+\.md\b"),
    "a fact sheet": re.compile(r"\bfact[- ]?sheets?\b|\bsheets?\b", re.IGNORECASE),
    # the sheets number their sections (§5, §1d); a source's own sections (§一(一)) may be cited
    "a sheet section": re.compile(r"§\s?\d"),
    "a sheet's short name": re.compile(r"\b(?:OPT|PTD|OA|OS[12]|PF|CF)\b"),
    # T1, K6, R34, PF Q15, NF4, TC-01 …; quarters and halves (Q1–Q4, H1, H2) are ordinary words
    "a sheet-local id": re.compile(
        r"\b(?!Q[1-4]\b|H[12]\b)(?:[A-Z]{1,3}|N3)\d{1,3}(?:-\d{1,2})?[a-z]?\b"
    ),
}


def _prose(obj: Any, path: str = "$") -> Iterator[tuple[str, str]]:
    """Every text a user can read in the plan, with its path: each string field of each
    record, found generically through ``attrs.fields`` (so a new field is covered too)."""
    for a in attrs.fields(type(obj)):
        value = getattr(obj, a.name)
        here = f"{path}.{a.name}"
        if attrs.has(type(value)):
            yield from _prose(value, here)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if attrs.has(type(item)):
                    yield from _prose(item, f"{here}[{i}]")
        elif isinstance(value, str) and a.name not in _NOT_PROSE:
            yield here, value


PROSE = list(_prose(PLAN))


def test_prose_walk_reaches_every_kind_of_text() -> None:
    fields = {path.rsplit(".", 1)[1] for path, _ in PROSE}
    assert {"statement", "notes", "searched", "resolution", "claim", "title", "method"} <= fields
    assert len(PROSE) > 2000


@pytest.mark.parametrize("what", sorted(_ARTEFACTS))
def test_no_research_artefacts_in_user_facing_text(what: str) -> None:
    pattern = _ARTEFACTS[what]
    leaks = [
        (path, m.group(0))
        for path, text in PROSE
        for m in [pattern.search(_PUBLIC_NAMES.sub("", text))]
        if m
    ]
    assert leaks == [], f"{what} in user-facing text"


def test_the_artefact_patterns_catch_what_they_are_for() -> None:
    samples = {
        "a fact-sheet file": "see outcomes-plan-targets.md",
        "a fact sheet": "The sheet gives no title",
        "a sheet section": "§5 lists the queries",
        "a sheet's short name": "PF Q15",
        "a sheet-local id": "(fact K6; R34, TC-01)",
    }
    for what, text in samples.items():
        assert _ARTEFACTS[what].search(text), what
    ordinary = "Q1–Q3 2025, H1 2024, XRING O1, the C919, 5G modules"
    assert not any(p.search(_PUBLIC_NAMES.sub("", ordinary)) for p in _ARTEFACTS.values())


_RECORD_ID = re.compile(r"\s*(?:obs|find|tgt|ind|conflict|gap|doc|def|ctx|goal)-[a-z0-9-]+")


def test_explanations_do_not_open_with_a_record_id() -> None:
    # a method may name its inputs (it is a formula); prose says what a record is in words
    opening = [
        path for path, text in PROSE if _RECORD_ID.match(text) and not path.endswith(".method")
    ]
    assert opening == []


def test_each_record_cites_a_source_once() -> None:
    # one citation per source, with the passages combined in its locator (audit D14)
    repeated = [
        path
        for rec, path in CITING
        if len({c.source_id for c in rec.citations}) != len(rec.citations)
    ]
    assert repeated == []


def test_an_indicator_that_says_no_figure_has_none() -> None:
    stale = [
        i.id
        for i in PLAN.indicators
        if i.description
        and re.search(r"\bno (?:figure|outcome|count)\b", i.description, re.IGNORECASE)
        and i.observations
    ]
    assert stale == []


def _last_digit(value: float) -> Decimal:
    """The place value of the last significant digit of ``value`` as written (1.16e12 → 1e10)."""
    return Decimal(1).scaleb(Decimal(repr(value)).normalize().as_tuple().exponent)


def _within_rounding(a: float, b: float) -> bool:
    """True when one of two different values is the other rounded to its own precision."""
    coarse = max(_last_digit(a), _last_digit(b))
    return a != b and abs(Decimal(repr(a)) - Decimal(repr(b))) <= coarse / 2


def test_within_rounding() -> None:
    assert _within_rounding(1.16e12, 1163.757e9)
    assert _within_rounding(4.72e12, 4721.866e9)
    assert _within_rounding(24.9, 24.85)
    assert _within_rounding(1.26e12, 1.3e12)  # but "more than 1.3 tn" is not 1.26 tn: see below
    assert not _within_rounding(1026, 1032)
    assert not _within_rounding(5.0, 5.0)


def _consistent(a: Observation, b: Observation) -> bool:
    """True when each figure satisfies the other's comparator (``> 4.72 tn`` and 4,721.9 bn)."""
    ok = {
        "more_than": lambda v, bound: v > bound,
        "at_least": lambda v, bound: v >= bound,
        "less_than": lambda v, bound: v < bound,
        "at_most": lambda v, bound: v <= bound,
    }
    return all(
        x.comparator.value not in ok or ok[x.comparator.value](y.value, x.value)
        for x, y in ((a, b), (b, a))
    )


def _opposed_in_a_conflict() -> set[frozenset[str]]:
    """Pairs of records that a conflict keeps on different sides (it says why they differ)."""
    pairs: set[frozenset[str]] = set()
    for c in PLAN.conflicts:
        for s, t in itertools.combinations(c.sides, 2):
            pairs |= {frozenset((x, y)) for x in s.record_ids for y in t.record_ids}
    return pairs


def test_rounded_and_exact_versions_of_a_figure_are_one_record() -> None:
    # "disagreeing figures settle nothing" must not fire on a rounding: a rounded report of an
    # exact figure is a citation of the exact record, not a second observation (audit §6.4)
    opposed = _opposed_in_a_conflict()
    pairs = [
        (a.id, b.id)
        for ind in PLAN.indicators
        for a, b in itertools.combinations(ind.observations, 2)
        if (a.year, a.coverage, a.basis) == (b.year, b.coverage, b.basis)
        and _within_rounding(a.value, b.value)
        and _consistent(a, b)
        and frozenset((a.id, b.id)) not in opposed
    ]
    assert pairs == []


# A quantitative target left without an indicator although one with its unit and subject
# has figures up to its deadline (audit D5).  Each exception says why the link is wrong.
NOT_LINKED = {
    "tgt-national-patents-12": "national target; ind-high-value-patents counts Shanghai's patents",
}
_STOP = {"the", "a", "an", "of", "and", "in", "by", "to", "for", "or", "on", "with", "at", "its"}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9][a-z0-9,&-]*", text.lower().replace("'", ""))) - _STOP


def _unlinked() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for t in PLAN.targets:
        if t.quantity is None or t.indicator_id is not None or t.year is None:
            continue
        deadline = t.year
        for ind in PLAN.indicators:
            in_plan_years = [
                o
                for o in ind.observations
                if o.coverage is None and deadline - 5 <= o.year <= deadline
            ]
            same_subject = _words(ind.name_en) <= _words(t.statement)
            if ind.unit is t.quantity.unit and in_plan_years and same_subject:
                found.setdefault(t.id, []).append(ind.id)
    return found


def test_quantitative_targets_with_figures_have_their_indicator() -> None:
    assert {t: i for t, i in _unlinked().items() if t not in NOT_LINKED} == {}


def test_unlinked_exceptions_are_still_needed() -> None:
    assert set(NOT_LINKED) <= set(_unlinked())


def test_the_outline_patents_target_is_linked() -> None:
    t = next(t for t in PLAN.targets if t.id == "tgt-sh-outline-patents-30")
    assert t.indicator_id == "ind-high-value-patents"
    # unlinked, the check above would flag it
    unlinked = attrs.evolve(t, indicator_id=None)
    ind = INDICATORS["ind-high-value-patents"]
    assert unlinked.quantity is not None
    assert ind.unit is unlinked.quantity.unit
    assert _words(ind.name_en) <= _words(unlinked.statement)
