"""Text search over a plan: :func:`search` and its result, :class:`SearchHit`.

Kept apart from :mod:`shanghai_plan.queries` (whose look-ups it shares) so that the first
question of a session, usually a look-up, does not pay for defining the search classes.
"""

import re
import unicodedata

import attrs
from attrs import field, frozen

from ._args import check_str
from ._index import has_cjk, index_for, normalize, search_forms, singular, words
from .model import ContextItem, Definition, Document, Goal, Indicator, Industry, Plan, Target
from .queries import _plan, _query_key, _synonyms

__all__ = ["SearchHit", "SearchHits", "SearchRecord", "search"]

SearchRecord = Industry | Target | Goal | ContextItem | Definition | Indicator | Document
"""The kinds of record :func:`search` can return."""


@frozen
class SearchHit:
    """One result of :func:`search`: the record, its kind, the field that matched and how."""

    record: SearchRecord = field(repr=False)
    kind: str
    """``industry``, ``target``, ``goal``, ``driver``, ``national_policy``, ``challenge``,
    ``definition``, ``indicator`` or ``document``."""
    id: str
    """The record's id."""
    field: str
    """The field that matched (``id``, ``name_en``, ``aliases``, ``statement`` …)."""
    text: str = attrs.field(repr=False)
    """The text that matched."""
    rank: int = 0
    """How good the match is, best first: 0 a name (id, name, alias, term, title) that is
    the query; 1 a name containing it; 2 a name containing a synonym of it; 3 a text
    (description, statement, notes …) containing it; 4 a text containing a synonym."""
    via: str | None = None
    """The synonym-table term that matched, when the hit came through it (see
    :func:`search`); ``None`` for a match of the query itself."""


class SearchHits(tuple[SearchHit, ...]):
    """The hits :func:`search` returns: a plain tuple that a notebook shows as a table (kind,
    id, name, what matched, how well)."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        from .display import table_html  # the renderer is imported only when a notebook asks

        return table_html(self)


def _search_fields(rec: SearchRecord) -> list[tuple[str, str | None]]:
    """The fields search looks at, names first (see ``_NAME_FIELDS``)."""
    if isinstance(rec, Industry):
        return [
            ("id", rec.id),
            ("name_en", rec.name_en),
            ("name_zh", rec.name_zh),
            *(("aliases", a.name) for a in rec.aliases),
            *(("focus_areas", f.name_en) for f in rec.focus_areas),
            *(("focus_areas", f.name_zh) for f in rec.focus_areas),
            ("description", rec.description),
        ]
    if isinstance(rec, Target):
        return [
            ("id", rec.id),
            ("term_zh", rec.term_zh),
            ("statement", rec.statement),
            ("notes", rec.notes),
        ]
    if isinstance(rec, Goal):
        return [("id", rec.id), ("term_zh", rec.term_zh), ("text", rec.text)]
    if isinstance(rec, ContextItem):
        return [
            ("id", rec.id),
            ("term_en", rec.term_en),
            ("term_zh", rec.term_zh),
            ("text", rec.text),
        ]
    if isinstance(rec, Definition):
        return [
            ("id", rec.id),
            ("term_en", rec.term_en),
            ("term_zh", rec.term_zh),
            ("meaning", rec.meaning),
        ]
    if isinstance(rec, Indicator):
        return [
            ("id", rec.id),
            ("name_en", rec.name_en),
            ("name_zh", rec.name_zh),
            ("description", rec.description),
        ]
    return [
        ("id", rec.id),
        *(("titles", t.text) for t in rec.titles),
        ("document_number", rec.document_number),
        ("summary", rec.summary),
    ]


_NAME_FIELDS = frozenset(
    {"id", "name_en", "name_zh", "aliases", "focus_areas", "term_en", "term_zh", "titles"}
    | {"document_number"}
)
"""Fields that name a record; a match there ranks before a match in a text field."""


def _searchable(p: Plan) -> list[tuple[str, SearchRecord]]:
    out: list[tuple[str, SearchRecord]] = [("industry", i) for i in p.industries]
    out += [("target", t) for t in p.targets]
    out += [("goal", g) for g in p.goals]
    if p.context is not None:
        out += [("driver", c) for c in p.context.drivers]
        out += [("national_policy", c) for c in p.context.national_policy]
        out += [("challenge", c) for c in p.context.challenges]
        out += [("definition", d) for d in p.context.definitions]
    out += [("indicator", i) for i in p.indicators]
    out += [("document", d) for d in p.related_documents]
    return out


@frozen
class _Field:
    """One field of a searchable record, in the forms search compares."""

    name: str
    value: str
    is_name: bool
    words: str  # " word word " (normalised, singular, padded) for word matching
    cased: str  # the same with the text's own capitals, for acronyms ("IT")
    chars: str  # the normalised text without spaces, for character matching


_Row = tuple[str, SearchRecord, list[_Field], str, str]
"""A searchable record: its kind, itself, its fields, and all their words and all their
characters joined (for a quick first test)."""


@frozen
class _Needle:
    """What one search looks for."""

    text: str  # as looked for: "word word" (padded when compared) or characters
    cjk: bool
    acronym: bool  # matched with its capitals, except in ids (lower-case slugs)
    via: str | None

    def _pair(self, f: _Field) -> tuple[str, str]:
        if self.cjk:
            return self.text, f.chars
        if self.acronym and f.name != "id":
            return f" {self.text} ", f.cased
        return f" {self.text.casefold()} ", f.words

    def exact(self, f: _Field) -> bool:
        needle, hay = self._pair(f)
        return needle == hay

    def found_in(self, f: _Field) -> bool:
        needle, hay = self._pair(f)
        return needle in hay


# An all-capital query of two to five letters ("EV", "IT", "EDA", "NEVs") is taken for an
# acronym and matched with its capitals, so that "IT" does not find every "it".
_ACRONYM = re.compile(r"[A-Z]{2,5}s?")


def _needle(text: str, via: str | None) -> _Needle | None:
    if has_cjk(text):
        chars = normalize(text).replace(" ", "")
        return _Needle(chars, True, False, via) if chars else None
    stripped = unicodedata.normalize("NFKC", text).strip()
    if _ACRONYM.fullmatch(stripped):
        return _Needle(singular(stripped), False, True, via)
    ws = words(text)
    return _Needle(" ".join(ws), False, False, via) if ws else None


_KEPT_QUERY = 200
"""The longest query whose results the plan's memo keeps (a longer one is searched each time)."""


def search(text: str, *, plan: Plan | None = None) -> SearchHits:
    """Records whose names or text contain ``text`` (English or Chinese), best first.

    English is matched on whole words, ignoring case, width, spacing, ``-``/``_`` and a
    simple plural (``"car"`` does not match "care"; ``"vehicles"`` matches "vehicle");
    several words must appear together, in order.  Chinese (and any text with Chinese
    characters) is matched character by character.  When the whole query is in the
    search help's synonym table (``"chips"``, ``"EV"``, ``"biotech"``, ``"芯片"`` …, see
    ``shanghai_plan._synonyms``), its terms are looked for too.

    One hit per record, for its best match; :attr:`SearchHit.rank` says how good (a name
    before a text, the query before a synonym) and results are sorted by rank, then
    kind (industries, targets, goals, context, indicators, documents), then the plan's
    order — so the same query always gives the same order.  A query with no letters or
    digits finds nothing: the result is empty, never an error.  The result is a
    :class:`SearchHits`, a tuple that a notebook shows as a table (as does
    ``sp.show(hits)`` for any selection of hits).
    """
    text = check_str(text, "text")
    p = _plan(plan)
    idx = index_for(p)
    key = ("search", text)
    kept = len(text) <= _KEPT_QUERY  # free text can be anything: keep short queries only
    found = idx.memo.get(key) if kept else None
    if found is None:
        table = idx.memo.get(("search-table",))
        if table is None:
            table = idx.memo[("search-table",)] = _search_table(p)
        found = _run_search(text, table)  # type: ignore[arg-type]
        if kept:
            idx.memo[key] = found
    return found  # type: ignore[return-value]


def _run_search(text: str, table: list[_Row]) -> SearchHits:
    first = _needle(text, None)
    if first is None:
        return SearchHits()
    needles = [first]
    for term in _synonyms().get(_query_key(text), ()):
        extra = _needle(term, term)
        if extra is not None and (extra.text, extra.acronym) != (first.text, first.acronym):
            needles.append(extra)
    # what any match must contain somewhere in a record: most records are passed over
    # with a few substring tests, and only candidates are looked at field by field
    # (an acronym's capitals are checked in the second pass)
    words_probes = {f" {n.text.casefold()} " for n in needles if not n.cjk}
    chars_probes = {n.text for n in needles if n.cjk}
    if len(words_probes) == 1 and not chars_probes:
        (only,) = words_probes
        candidates = [row for row in table if only in row[3]]
    elif len(chars_probes) == 1 and not words_probes:
        (only,) = chars_probes
        candidates = [row for row in table if only in row[4]]
    else:
        candidates = [
            row
            for row in table
            if any(p in row[3] for p in words_probes) or any(p in row[4] for p in chars_probes)
        ]
    hits: list[SearchHit] = []
    for kind, rec, fields, _, _ in candidates:
        best: tuple[int, _Field, _Needle] | None = None
        for f in fields:
            for needle in needles:
                if not needle.found_in(f):
                    continue
                synonym = needle.via is not None
                if f.is_name:
                    rank = 2 if synonym else (0 if needle.exact(f) else 1)
                else:
                    rank = 4 if synonym else 3
                if best is None or rank < best[0]:
                    best = (rank, f, needle)
        if best is not None:
            rank, f, needle = best
            hits.append(
                SearchHit(
                    record=rec,
                    kind=kind,
                    id=rec.id,
                    field=f.name,
                    text=f.value,
                    rank=rank,
                    via=needle.via,
                )
            )
    hits.sort(key=lambda h: h.rank)  # stable: kind and plan order within a rank
    return SearchHits(hits)


def _search_table(p: Plan) -> list[_Row]:
    """Every searchable record with its fields' text, normalised once per plan."""
    rows: list[_Row] = []
    for kind, rec in _searchable(p):
        fields = [
            _Field(n, v, n in _NAME_FIELDS, *search_forms(v))
            for n, v in _search_fields(rec)
            if v is not None
        ]
        all_words = "\x00".join(f.words for f in fields)
        all_chars = "\x00".join(f.chars for f in fields)
        rows.append((kind, rec, fields, all_words, all_chars))
    return rows
