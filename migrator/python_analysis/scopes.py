"""libcst's scope metadata, computed with one walk per visitor instead of three.

libcst's ``ScopeProvider`` and the ``ExpressionContextProvider`` it depends
on are batchable providers whose only method is ``visit_Module``: resolving
them walks the whole module once to reach that method, which then walks it
again with the real visitor (and lists the provider's methods with
``inspect.getmembers`` for every file). Here each is a plain provider that
runs libcst's own visitor (``ExpressionContextVisitor``, ``ScopeVisitor``)
on the module directly: the same metadata, two walks instead of four. It
was about a quarter of a hit file's analysis.
"""

from __future__ import annotations

from typing import Any, Optional

import libcst as cst
from libcst.metadata import (
    BaseMetadataProvider,
    ExpressionContext,
    ExpressionContextProvider,
)
from libcst.metadata.expression_context_provider import ExpressionContextVisitor
from libcst.metadata.scope_provider import Scope, ScopeVisitor

from migrator.python_analysis.walk import Walking, walk

_UNSET: Any = object()


class _ExpressionContextWalker(Walking, ExpressionContextVisitor):
    """libcst's visitor, its own descents walked without copies."""


class _ScopeWalker(Walking, ScopeVisitor):
    """libcst's visitor, its own descents walked without copies."""


class ExpressionContexts(BaseMetadataProvider[ExpressionContext]):
    """Load, store and del contexts: what ``ExpressionContextProvider`` provides."""

    def _gen_impl(self, module: cst.Module) -> None:
        walk(module, _ExpressionContextWalker(self, ExpressionContext.LOAD))  # type: ignore[arg-type]


class Scopes(BaseMetadataProvider[Optional[Scope]]):
    """The scope of each name, assignment and access: what ``ScopeProvider`` provides."""

    METADATA_DEPENDENCIES = (ExpressionContexts,)

    def _gen_impl(self, module: cst.Module) -> None:
        visitor = _ScopeWalker(self)  # type: ignore[arg-type]
        walk(module, visitor)
        visitor.infer_accesses()

    def get_metadata(self, key: Any, node: cst.CSTNode, default: Any = _UNSET) -> Any:
        """The scope visitor asks for libcst's expression contexts: ours are those."""
        if key is ExpressionContextProvider:
            key = ExpressionContexts
        if default is _UNSET:
            return super().get_metadata(key, node)
        return super().get_metadata(key, node, default)
