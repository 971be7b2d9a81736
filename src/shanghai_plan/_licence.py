"""The licences, written once: the compiled data is CC BY 4.0, the code MIT (and the
dataset's title and authors, which every citation gives with them).

Every place that states a licence takes it from here — the data package's ``licenses``
and description, ``DataFrame.attrs["licence"]``, :func:`shanghai_plan.cite` — and the
README, the docs and ``CITATION.cff`` say the same (``tests/test_licence.py`` checks them
all against these constants).  No licence is claimed over the plan (a public government
document) or the cited sources: they belong to their publishers.

Imports nothing.
"""

__all__ = [
    "AUTHORS",
    "CODE_LICENCE",
    "DATASET_TITLE",
    "DATA_LICENCE",
    "DATA_LICENCE_NAME",
    "DATA_LICENCE_URL",
    "LICENCE",
    "LICENCES",
]

DATASET_TITLE = (
    "shanghai_plan: Shanghai's 14th Five-Year Plan for advanced manufacturing (2021–2025) "
    "as typed, cited data"
)
"""The dataset's title, as a citation gives it (``sp.cite()``, ``CITATION.cff``)."""
AUTHORS = "shanghai_plan developers"
"""The dataset's authors, as a citation names them."""

DATA_LICENCE = "CC-BY-4.0"
"""The SPDX identifier of the compiled data's licence."""
DATA_LICENCE_NAME = "CC BY 4.0"
"""The data licence as a reader writes it."""
DATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
"""The data licence's text."""
CODE_LICENCE = "MIT"
"""The SPDX identifier of the code's licence."""

LICENCE = (
    f"The compiled data is licensed {DATA_LICENCE_NAME} ({DATA_LICENCE_URL}); the code is "
    f"{CODE_LICENCE}. The plan is a public government document; the cited sources belong to "
    "their publishers."
)
"""What the project claims about rights, in one sentence (the README's Licence section, the
docs, the data package and ``CITATION.cff`` say the same)."""

LICENCES: tuple[dict[str, str], ...] = (
    {
        "name": DATA_LICENCE,
        "path": DATA_LICENCE_URL,
        "title": "Creative Commons Attribution 4.0 International: the compiled data "
        "(selection, structure, our wording); the cited sources belong to their publishers",
    },
    {
        "name": CODE_LICENCE,
        "path": "https://opensource.org/license/mit",
        "title": "MIT License: the shanghai_plan code that compiles this package",
    },
)
"""The ``licenses`` of the data package: the compiled data first (CC BY 4.0), then the code
(MIT).  No licence is claimed over the plan or the cited sources."""
