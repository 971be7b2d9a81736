"""Search help: the words people type, mapped to the words the data uses.

This table is ours, not the sources'.  An industry's ``aliases`` are names a cited
source uses and stay in the data; the words below are everyday terms ("chips", "cars",
"EV", "biotech") that no source need use, so they only steer :func:`~shanghai_plan.search`
and :func:`~shanghai_plan.industry` towards the records that use the data's own words.

Rules:

* A key is matched against the *whole* query, after the look-up normalisation (case,
  width, spacing, ``-``/``_``) and the plural rule (``cars`` → ``car``); a longer phrase
  that merely contains a key is not expanded.
* Each key lists search terms in the data's vocabulary, best first.  :func:`industry`
  takes the first term that names an industry (by id, name, alias or Chinese name);
  :func:`search` looks for every term, and ranks what it finds after what the query
  itself finds in the same kind of field.
* Keep it small and checkable: every term must occur in the bundled data (a test
  checks), and an entry must not change what a data key already finds.
"""

__all__ = ["SYNONYMS"]

_CHIPS = ("integrated circuits", "chip", "semiconductor", "集成电路")
_CARS = ("automobiles", "automotive", "auto", "new energy vehicle", "vehicle")
_NEV = ("new energy vehicle", "NEV", "automobiles", "fuel cell vehicle")
_BIO = ("biomedicine", "biopharmaceutical", "pharmaceutical", "drug", "生物医药")

SYNONYMS: dict[str, tuple[str, ...]] = {
    # integrated circuits
    "chip": _CHIPS,
    "microchip": _CHIPS,
    "semiconductor": _CHIPS,
    "semiconductor industry": _CHIPS,
    "芯片": ("集成电路", "芯片", "integrated circuits"),
    "半导体": ("集成电路", "integrated circuits", "semiconductor"),
    # automobiles and new-energy vehicles
    "car": _CARS,
    "motor vehicle": _CARS,
    "automotive": _CARS,
    "ev": _NEV,
    "nev": _NEV,
    "new energy vehicle": _NEV,  # the official term (新能源汽车), a focus area of automobiles
    "electric vehicle": _NEV,
    "electric car": _NEV,
    "new energy car": _NEV,
    "新能源车": ("新能源汽车", "汽车", "new energy vehicle"),
    "电动车": ("新能源汽车", "汽车", "new energy vehicle"),
    "电动汽车": ("新能源汽车", "汽车", "new energy vehicle"),
    # biomedicine
    "biotech": _BIO,
    "biotechnology": _BIO,
    "pharma": _BIO,
    "pharmaceutical": _BIO,
    "drug": _BIO,
    "life science": ("life sciences", "life and health", "biomedicine"),
    "医药": ("生物医药", "biomedicine"),
    # others people type
    "robot": ("robot", "high end equipment"),
    "robotic": ("robot", "high end equipment"),
    "medtech": ("medical device", "life and health"),
    "medical device": ("medical device", "life and health"),
    "it": ("information technology", "electronic information", "software"),
    # software and information services are a focus area of electronic information
    "software": ("software", "electronic information"),
}
"""Normalised, singular query → search terms in the data's words, best first."""
