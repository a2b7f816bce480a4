"""One libcst pass per Python file: every expression that names a retired model, and its role.

The pass does not decide what is a finding. For each site it records the
role the expression plays (it selects a model, it is knowledge about the ID,
it is prose), the request it reaches and where that request goes. Names are
resolved through libcst's scope metadata, so ``MODEL = "deepseek-chat"``
used in ``ChatOpenAI(model=MODEL, base_url=OPENROUTER)`` is known to go to
OpenRouter. Checks read these facts; nothing here prints or reports.

The package follows the pass's concerns: ``gate`` (what CPython says first,
and the cost bound), ``syntax`` (context-free node questions), ``state``
(what the walk records), ``names`` (name resolution), ``providers`` (where a
request goes), ``values`` (what a value or name says by itself), ``owners``
(the names values are bound to), ``arguments`` (what an argument does for
its call), ``placement`` (where a value stands), ``requests`` (request
description), ``forwarding`` (where the module's own functions and classes
send a model they are handed), ``sites`` (resolution once the module is walked) and
``collector`` (the visitor itself). Each layer is a class the next one
extends, so the collector is one object with one set of facts.
"""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING

import libcst as cst

from migrator.catalog import Catalog
from migrator.facts import KIND_REFERENCE, PythonFacts
from migrator.python_analysis.collector import _Collector
from migrator.python_analysis.gate import (
    MAX_BRACKET_WEIGHT,
    MAX_SYNTAX_DEPTH,
    MAX_SYNTAX_NODES,
    PythonParseError,
    PythonTooCostly,
    PythonTooDeep,
    _cpython_syntax_error,
)
from migrator.python_analysis.metadata import module_metadata
from migrator.python_analysis.positions import StatementPositions
from migrator.python_analysis.prefilter import code_could_name
from migrator.python_analysis.walk import walk
from migrator.textscan import LineIndex

if TYPE_CHECKING:
    from migrator.project_analysis.bindings import FileNames
    from migrator.project_analysis.imported_strings import ImportedStrings

__all__ = [
    "MAX_BRACKET_WEIGHT",
    "MAX_SYNTAX_DEPTH",
    "MAX_SYNTAX_NODES",
    "PythonParseError",
    "PythonTooCostly",
    "PythonTooDeep",
    "analyze_python",
    "could_name_retired_id",
]


def analyze_python(
    source: str,
    catalog: Catalog,
    names: FileNames | None = None,
    imported_strings: ImportedStrings | None = None,
    tree: ast.Module | None = None,
) -> PythonFacts:
    """Parse ``source`` once and classify every retired-ID site in it.

    ``names`` (from the project index) adds the spellings of definitions
    made elsewhere: their uses come back as ``references``.
    ``imported_strings`` reads the URL or provider an imported name stands
    for in its own module. ``tree``, the source's ``ast`` when the caller
    has it, lets a file that mentions the IDs only in comments and
    docstrings skip the libcst pass.
    """
    if not names and not could_name_retired_id(source, catalog):
        return PythonFacts(sites=())
    if not names and tree is not None and not code_could_name(tree, lambda text: could_name_retired_id(text, catalog)):
        return PythonFacts(sites=())
    cpython_error = _cpython_syntax_error(source, tree)  # raises PythonTooDeep / PythonTooCostly
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as exc:
        raise cpython_error or PythonParseError(exc.message, exc.raw_line, exc.raw_column + 1) from None
    except UnicodeError as exc:  # text decoded with surrogateescape (API callers)
        raise PythonParseError(f"not valid Unicode text: {exc.reason}", 1, 1) from None
    except cst.CSTLogicError as exc:  # libcst's own validation of what it parsed (""x"" strings)
        raise cpython_error or PythonParseError(f"libcst cannot read it: {exc}", 1, 1) from None
    collector = _Collector(catalog, module, LineIndex(source), names or None, imported_strings)
    try:
        positions = StatementPositions(module, tree, collector.text, collector.parents) if tree is not None else None
        collector.metadata = module_metadata(module, positions)
        walk(module, collector)
    except SyntaxError as exc:  # a literal libcst parsed but Python cannot evaluate
        raise cpython_error or PythonParseError(exc.msg, exc.lineno or 1, exc.offset or 1) from None
    sites = tuple(site for site in collector.sites if site.kind != KIND_REFERENCE)
    return PythonFacts(
        sites=sites,
        requests=tuple(collector.request_sites),
        drops=tuple(collector.drops),
        references=tuple(site for site in collector.sites if site.kind == KIND_REFERENCE),
        opaque=tuple(collector.opaque_uses),
        default_calls=tuple(collector.default_calls),
    )


def could_name_retired_id(source: str, catalog: Catalog) -> bool:
    """A cheap text test: can this source hold any site at all?

    True when it spells a retired ID or a symbol for one, or when the part
    of an ID before its last "-" is followed by something that builds or
    matches a string at run time ({, %, quote, (, [, +). Files that only
    mention DeepSeek in imports or class names are not parsed.
    """
    if any(word in source for word in catalog.gate_words()):
        return True
    if any(name.rsplit(".", 1)[-1] in source for name in catalog.python.symbols):
        return True
    stems = {legacy_id[: legacy_id.rfind("-") + 1] for legacy_id in catalog.legacy if "-" in legacy_id}
    return any(re.search(re.escape(stem) + r"""["'{%(\[+]""", source) for stem in stems if len(stem) >= 4)
