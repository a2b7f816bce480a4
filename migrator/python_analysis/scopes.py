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
    scope_provider,
)
from libcst.metadata.expression_context_provider import ExpressionContextVisitor
from libcst.metadata.scope_provider import Scope, ScopeVisitor

from migrator.python_analysis.walk import Dispatching, Walking, walk

_UNSET: Any = object()


class _ExpressionContextWalker(Walking, ExpressionContextVisitor):
    """libcst's visitor, its own descents walked without copies."""


# ``ScopeVisitor.on_leave`` as this module knows it: it records each node's scope and counts assignments.
_KNOWN_ON_LEAVE = (
    "provider", "set_metadata", "scope", "isinstance", "_ASSIGNMENT_LIKE_NODES", "_assignment_count", "super", "on_leave",
)


def _with_subclasses(classes: tuple[type, ...]) -> frozenset[type]:
    found, waiting = set(), list(classes)
    while waiting:
        current = waiting.pop()
        if current not in found:
            found.add(current)
            waiting.extend(current.__subclasses__())
    return frozenset(found)


class _ScopeWalker(Walking, ScopeVisitor):
    """libcst's visitor, its own descents walked without copies.

    Its ``on_leave`` tests every node against a tuple of 18 node classes,
    each an ABC check: a tenth of a hit file's analysis. Here the test is
    one set lookup of the node's class (the classes and their subclasses),
    as long as libcst's method is the one this module knows.
    """

    _assignment_like = _with_subclasses(scope_provider._ASSIGNMENT_LIKE_NODES)
    _known_leave = ScopeVisitor.on_leave.__code__.co_names == _KNOWN_ON_LEAVE

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if not self._known_leave:
            ScopeVisitor.on_leave(self, original_node)
            return
        self.provider.set_metadata(original_node, self.scope)
        if type(original_node) in self._assignment_like:
            self.scope._assignment_count += 1
        Dispatching.on_leave(self, original_node)


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
