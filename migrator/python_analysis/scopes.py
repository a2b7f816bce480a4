"""libcst's scope metadata, without the per-file cost of finding the providers' visitor methods.

A batchable provider lists its ``visit_*``/``leave_*`` methods with
``inspect.getmembers`` for every module it resolves: about 1.7 ms each for
the scope provider and the expression-context provider it depends on, which
was a sixth of the analysis of a small file. The methods belong to the
class, so they are listed once per class; the metadata is libcst's own.
"""

from __future__ import annotations

import inspect
from functools import lru_cache
from typing import Any, Mapping

import libcst as cst
from libcst.metadata import ExpressionContextProvider, ScopeProvider


@lru_cache(maxsize=None)
def _visitor_names(cls: type) -> tuple[str, ...]:
    """The names of the visitor methods a provider class defines (libcst's no-op stubs left out)."""
    return tuple(
        name
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if name.startswith(("visit_", "leave_")) and not getattr(member, "_is_no_op", False)
    )


class _ListedOnce:
    def get_visitors(self) -> Mapping[str, Any]:
        return {name: getattr(self, name) for name in _visitor_names(type(self))}


class ExpressionContexts(_ListedOnce, ExpressionContextProvider):
    """libcst's expression contexts (load, store, del), as the scope provider reads them."""


class Scopes(_ListedOnce, ScopeProvider):
    """libcst's scopes. It resolves ``ExpressionContexts`` in place of the provider it names, and reads it
    whenever the scope visitor asks for that one."""

    METADATA_DEPENDENCIES = (ExpressionContexts,)

    @classmethod
    def get_inherited_dependencies(cls) -> Any:
        return frozenset((ExpressionContexts,))

    def get_metadata(self, key: Any, node: cst.CSTNode, default: Any = inspect.Parameter.empty) -> Any:
        if key is ExpressionContextProvider:
            key = ExpressionContexts
        if default is inspect.Parameter.empty:
            return super().get_metadata(key, node)
        return super().get_metadata(key, node, default)
