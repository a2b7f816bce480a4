"""The metadata the collector reads (positions and scopes), resolved without libcst's ``MetadataWrapper``.

The wrapper resolves providers level by level of their dependencies and,
at every level, walks the whole module for the batchable providers of that
level, even when there are none: two walks of nothing for our three
providers. They depend on each other in one known order, so this module
runs them in that order and hands each its dependencies' results.
"""

from __future__ import annotations

from typing import Any, Mapping

import libcst as cst

from migrator.python_analysis.positions import Positions
from migrator.python_analysis.scopes import Scopes


def module_metadata(
    module: cst.Module, positions: Mapping[cst.CSTNode, Any] | None = None
) -> dict[type, Mapping[cst.CSTNode, Any]]:
    """Positions and scopes of every node, as ``MetadataWrapper.resolve_many`` would give them.

    ``positions``, when given, answers for ``Positions`` (``StatementPositions`` computes them on demand).
    """
    results: dict[type, Mapping[cst.CSTNode, Any]] = {} if positions is None else {Positions: positions}
    for provider_class in (Scopes,) if positions is not None else (Positions, Scopes):
        provider = provider_class()
        provider.metadata = {key: results[key] for key in provider_class.METADATA_DEPENDENCIES}
        provider._gen_impl(module)
        results[provider_class] = provider._computed
    return results
