"""``sp.cite()``: ready citations of a figure, a record, a verdict and the dataset, on the
bundled data."""

import json
import re
from typing import Any

import pytest

import shanghai_plan as sp
from shanghai_plan.citing import DATASET_TITLE
from tests.bundled import OBSERVATIONS, SOURCES

ENTRY = re.compile(r"@(\w+)\{([^,\s]+),\n((?:  \w+ = \{.*\},\n)+)\}")
FIELD = re.compile(r"  (\w+) = \{(.*)\},\n")


def bibtex_entries(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """(type, key, fields) of each entry; every line outside an entry is a ``%`` comment, and
    every field's braces balance (what a BibTeX reader needs)."""
    entries = []
    rest = text
    for m in ENTRY.finditer(text):
        fields = dict(FIELD.findall(m.group(3)))
        for name, value in fields.items():
            unescaped = value.replace("\\{", "").replace("\\}", "")
            depth = 0
            for ch in unescaped:
                depth += {"{": 1, "}": -1}.get(ch, 0)
                assert depth >= 0, (name, value)
            assert depth == 0, (name, value)
        entries.append((m.group(1), m.group(2), fields))
        rest = rest.replace(m.group(0), "")
    assert all(line.startswith("%") for line in rest.splitlines() if line.strip()), rest
    return entries


def test_a_figure_is_cited_with_its_unit_year_scope_sources_and_data_version() -> None:
    text = sp.cite(sp.record("obs-nev-production-2023"))
    first = text.splitlines()[0]
    assert first == (
        "New-energy vehicle production, Shanghai, 2023 (measure: production volume): "
        "1,286,800 vehicles."
    )
    obs = OBSERVATIONS["obs-nev-production-2023"]
    for c in obs.citations:
        s = SOURCES[c.source_id]
        line = next(x for x in text.splitlines() if s.url in x)
        assert s.publisher in line
        assert c.locator in line
        assert f"({s.confidence.value} source)" in line
        assert (s.published or "undated") in line
    last = text.splitlines()[-1]
    assert f"data version {sp.DATA_VERSION}" in last
    assert f"checked up to {sp.DATA_AS_OF.isoformat()}" in last
    assert "record obs-nev-production-2023" in last
    assert "CC BY 4.0" in last


def test_a_rounded_figure_is_also_given_in_full() -> None:
    text = sp.cite("obs-gdp-2025")
    assert "5,670,871,000,000 yuan" in text.splitlines()[0]


def test_a_part_year_figure_says_which_part() -> None:
    partial = next(o for o in OBSERVATIONS.values() if o.coverage)
    assert f"{partial.year}, {partial.coverage}" in sp.cite(partial).splitlines()[0]


def test_markdown_links_every_source_and_the_licence() -> None:
    text = sp.cite("obs-gdp-2025", style="markdown")
    obs = OBSERVATIONS["obs-gdp-2025"]
    for c in obs.citations:
        s = SOURCES[c.source_id]
        assert re.search(r"\[[^\]]*\]\(" + re.escape(s.url) + r"\)", text), s.id
    assert "[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/)" in text
    assert "`obs-gdp-2025`" in text


def test_markdown_escapes_brackets_in_titles(raw: dict[str, Any]) -> None:
    raw["sources"][0]["title"] = "[Draft] a_b *c* `d`"
    own = sp.loads(json.dumps(raw, ensure_ascii=False))
    src = own.sources[0]
    text = sp.cite(src, style="markdown", plan=own)
    link = text.splitlines()[2]
    assert f"]({src.url})" in link
    label = link[link.index("[") + 1 : link.index(f"]({src.url})")]
    assert re.sub(r"\\(.)", r"\1", label) == src.title


def test_the_dataset_in_bibtex() -> None:
    ((kind, key, fields),) = bibtex_entries(sp.cite(style="bibtex"))
    assert kind == "misc"
    assert key == "shanghai_plan_" + sp.DATA_VERSION.replace(".", "_")
    assert fields["version"] == sp.DATA_VERSION
    assert fields["year"] == str(sp.DATA_AS_OF.year)
    assert fields["author"] == "{shanghai\\_plan developers}"
    assert fields["title"] == "{" + DATASET_TITLE.replace("_", "\\_") + "}"
    assert f"shanghai\\_plan, data version {sp.DATA_VERSION}" in fields["note"]
    assert "url" not in fields  # no repository address is known: none is invented
    assert sp.cite(sp.load(), style="bibtex") == sp.cite(style="bibtex")


def test_a_record_in_bibtex_gives_the_dataset_and_each_source_once() -> None:
    obs = OBSERVATIONS["obs-nev-production-2023"]
    text = sp.cite(obs, style="bibtex")
    assert text.startswith("% obs-nev-production-2023: New-energy vehicle production")
    entries = bibtex_entries(text)
    keys = [key for _, key, _ in entries]
    assert len(keys) == len(set(keys))
    cited = list(dict.fromkeys(c.source_id for c in obs.citations))
    assert keys[1:] == [f"sp:{sid}" for sid in cited]
    for (_, _, fields), sid in zip(entries[1:], cited, strict=True):
        assert fields["url"] == SOURCES[sid].url
        if SOURCES[sid].published:
            assert fields["date"] == SOURCES[sid].published


def test_a_verdict_names_status_confidence_evidence_and_its_sources() -> None:
    r = sp.progress("tgt-nev-output-1-2m")
    text = sp.cite(r)
    first = text.splitlines()[0]
    assert first.startswith("Verdict on target tgt-nev-output-1-2m (")
    assert ": met, confidence secondary." in first
    assert "obs-nev-production-2024 (" in first
    assert f" Main caveat: {r.main_caveat.removesuffix('.')}." in first  # type: ignore[union-attr]
    urls = {SOURCES[c.source_id].url for o in r.rests_on for c in o.citations}
    assert urls
    assert all(u in text for u in urls)


def test_a_verdict_on_findings_cites_the_findings_sources() -> None:
    r = sp.progress("tgt-trillion-level-clusters-2")
    assert r.findings
    text = sp.cite(r)
    assert ": met, confidence" in text
    for f in r.findings:
        assert f.id in text
        assert all(SOURCES[c.source_id].url in text for c in f.citations)


def test_a_lean_is_cited_with_its_rule_and_the_records_it_rests_on() -> None:
    r = sp.progress("tgt-national-eda-platform")
    assert r.lean_rests_on
    first = sp.cite(r).splitlines()[0]
    assert ": not settled — leans not met, no evidence settles it." in first
    assert " Lean (findings): " in first
    for x in r.lean_rests_on:
        assert f"{x.id} (" in first
        assert all(SOURCES[c.source_id].url in sp.cite(r) for c in x.citations)


def test_an_unsettled_verdict_says_so_in_words() -> None:
    r = next(x for x in sp.progress() if x.status is sp.Status.NO_DATA)
    assert ": not settled, " in sp.cite(r).splitlines()[0]


def test_the_dataset() -> None:
    text = sp.cite()
    assert text == sp.cite(sp.load())
    assert DATASET_TITLE in text
    assert f"data version {sp.DATA_VERSION}" in text
    assert "the cited sources belong to their publishers" in text


def test_every_record_with_an_id_can_be_cited_with_its_own_sources() -> None:
    for row in sp.to_records("records"):
        rec = sp.record(row["id"])
        if isinstance(rec, sp.Plan):
            continue
        text = sp.cite(rec)
        assert text.splitlines()[-1].startswith("In: shanghai_plan developers"), row["id"]
        assert row["id"] in text
        cited = rec.checked if isinstance(rec, sp.Gap) else getattr(rec, "citations", ())
        for c in cited:
            assert SOURCES[c.source_id].url in text, (row["id"], c.source_id)


def test_a_users_own_plan_is_not_cited_as_the_bundled_dataset() -> None:
    own = sp.loads(
        sp.dumps().replace(f'"data_version": "{sp.DATA_VERSION}"', '"data_version": "x.1"')
    )
    text = sp.cite(own.targets[0], plan=own)
    assert "data version x.1" in text
    assert "a plan file in the shanghai_plan schema" in text
    assert "CC BY" not in text
    assert sp.cite(plan=own) == sp.cite(own)


def test_arguments_follow_the_policy() -> None:
    with pytest.raises(sp.InvalidChoiceError) as err:
        sp.cite(style="apa")  # type: ignore[arg-type]
    assert err.value.parameter == "style"
    assert sp.cite(style="BibTeX") == sp.cite(style="bibtex")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^x must be "):
        sp.cite(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^plan must be "):
        sp.cite(plan="sh-am-14fyp")  # type: ignore[arg-type]
    with pytest.raises(sp.NotFoundError):
        sp.cite("obs-nope")


def test_a_scorecard_row_cites_its_targets_verdict() -> None:
    row = next(r for r in sp.scorecard() if r.target_id == "tgt-nev-output-1-2m")
    assert sp.cite(row) == sp.cite(sp.progress("tgt-nev-output-1-2m"))
