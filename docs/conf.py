"""Sphinx configuration: MyST Markdown pages, furo theme, API reference from docstrings.

Built strictly in CI: ``sphinx-build -W -n --keep-going -b html docs docs/_build/html``
(warnings, broken cross-references and missing pages fail the build).
"""

import shanghai_plan

project = "shanghai_plan"
author = "shanghai_plan developers"
copyright = "2026, shanghai_plan developers"
release = shanghai_plan.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"shanghai_plan {release}"
# the verdict badges of the scorecard and the target pages (docs/_pagegen.py: badge)
html_static_path = ["_assets"]
html_css_files = ["badges.css"]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": False}

# No network here, so no intersphinx: references to the standard library and to optional
# third-party types cannot resolve and are not errors of ours.
nitpick_ignore_regex = [
    (
        "py:class",
        r"(datetime|os|enum|typing|collections\.abc|pandas|attr|cattrs|threading|pathlib)\..*",
    ),
    ("py:class", r"(str|int|float|bool|bytes|object|type|None|NoneType|tuple|list|dict)"),
    ("py:class", r"(Any|Literal|Callable|Iterator|Iterable|Sequence|T)"),
    ("py:class", r"(ValueError|LookupError|ImportError|Exception|TypeError|OSError)"),
    ("py:class", r"(shanghai_plan\.export\.)?(RecordKind|Row)"),
    ("py:class", r"(shanghai_plan\.queries\.)?(SearchRecord|T|R|_Missing)"),
    ("py:class", r"pandas\.DataFrame|DataFrame"),
    ("py:class", r"(matplotlib\.[\w.]+\.)?(Axes|Figure)"),
    ("py:obj", r"(shanghai_plan\.\w+\.)?(T|__all__)"),
    ("py:class", r"shanghai_plan\.model\._Vocabulary"),
    ("py:exc", r"(ValueError|LookupError|ImportError|OSError|TypeError)"),
]


def _resolve_reexports(app, env, node, contnode):  # type: ignore[no-untyped-def]
    """Let ``shanghai_plan.Name`` (the public, re-exported spelling used in docstrings)
    resolve to where ``Name`` is defined and documented (``shanghai_plan.errors.Name``)."""
    target = node.get("reftarget", "")
    if node.get("refdomain") != "py" or not target.startswith("shanghai_plan."):
        return None
    name = target.split(".", 1)[1]
    obj = getattr(shanghai_plan, name, None)
    module = getattr(obj, "__module__", None)
    if "." in name or module is None or module == "shanghai_plan":
        return None
    node["reftarget"] = f"{module}.{name}"
    domain = env.get_domain("py")
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], node["reftarget"], node, contnode
    )


def setup(app):  # type: ignore[no-untyped-def]
    app.connect("missing-reference", _resolve_reexports)
