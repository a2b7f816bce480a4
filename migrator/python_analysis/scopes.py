"""libcst's scope metadata, computed in one walk of libcst's own scope visitor.

libcst's ``ScopeProvider`` and the ``ExpressionContextProvider`` it depends
on are batchable providers whose only method is ``visit_Module``: resolving
them walks the whole module once to reach that method, which then walks it
again with the real visitor (and lists the provider's methods with
``inspect.getmembers`` for every file). Here the scope visitor
(``ScopeVisitor``) runs on the module directly, and the one thing it asks of
expression contexts, whether a name it meets is stored to, is answered by
that same walk: the names in the targets of the statements and expressions
that store (``StoreTargets``). The same metadata, one walk instead of four.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

import libcst as cst
from libcst.metadata import BaseMetadataProvider, ExpressionContext, ExpressionContextProvider, scope_provider
from libcst.metadata.scope_provider import Scope, ScopeVisitor

from migrator.python_analysis.walk import Dispatching, Walking, children, walk

_UNSET: Any = object()


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


class StoreTargets:
    """The names libcst's ``ExpressionContextProvider`` marks STORE, found where the scope walk meets their statement.

    That provider walks the module with a context that starts as LOAD and
    becomes STORE in the target of an assignment (``=``, annotated,
    augmented, ``:=``), a ``for`` loop or comprehension, an ``as`` name, and
    the name of a function, class or parameter; an attribute or a subscript
    gives its value and slice LOAD again, and a ``del`` gives DEL. The scope
    visitor treats LOAD, DEL and no context alike, so only STORE is kept:
    when the walk enters one of those nodes, the names in its target are
    collected (``enter``), before the visitor meets them. A function's or
    class's type parameters and the modules parsed from string annotations,
    which that provider never visits, mark nothing.
    """

    def __init__(self) -> None:
        self.names: set[cst.Name] = set()
        self._unvisited: set[cst.CSTNode] = set()  # a function's or class's type parameters (that provider skips them)
        self._outside = 0  # inside those, or inside a string annotation's module
        self._modules = 0

    def enter(self, node: cst.CSTNode) -> None:
        kind = type(node)
        if kind is cst.Module:
            self._modules += 1
            self._outside += self._modules > 1
        elif kind is cst.TypeParameters:
            self._outside += node in self._unvisited
        if self._outside:
            return
        if (kind is cst.FunctionDef or kind is cst.ClassDef) and node.type_parameters is not None:
            self._unvisited.add(node.type_parameters)
        targets = _TARGETS.get(kind)
        if targets is not None:
            for target in targets(node):
                self._mark(target)

    def leave(self, node: cst.CSTNode) -> None:
        kind = type(node)
        if kind is cst.Module:
            self._outside -= self._modules > 1
            self._modules -= 1
        elif kind is cst.TypeParameters:
            self._outside -= node in self._unvisited

    def _mark(self, target: cst.CSTNode) -> None:
        """The names a STORE context reaches below ``target``: a target holds expressions, never a statement."""
        pending = [target]
        while pending:
            node = pending.pop()
            kind = type(node)
            if kind is cst.Name:
                self.names.add(node)
            elif kind is not cst.Attribute and kind is not cst.Subscript:  # their value and slice are loaded
                pending.extend(children(node))


def _comprehension_target(node: cst.BaseComp) -> list[cst.CSTNode]:
    return [node.for_in.target]  # the scope visitor visits it without entering the CompFor


_TARGETS: dict[type, Callable[[Any], list[cst.CSTNode]]] = {
    cst.Assign: lambda node: list(node.targets),
    cst.AnnAssign: lambda node: [node.target],
    cst.AugAssign: lambda node: [node.target],
    cst.NamedExpr: lambda node: [node.target],
    cst.AsName: lambda node: [node.name],
    cst.CompFor: lambda node: [node.target],
    cst.For: lambda node: [node.target],
    cst.FunctionDef: lambda node: [node.name],
    cst.ClassDef: lambda node: [node.name],
    cst.Param: lambda node: [node.name],
    cst.ListComp: _comprehension_target,
    cst.SetComp: _comprehension_target,
    cst.DictComp: _comprehension_target,
    cst.GeneratorExp: _comprehension_target,
}


class _ScopeWalker(Walking, ScopeVisitor):
    """libcst's visitor, its own descents walked without copies.

    Its ``on_leave`` tests every node against a tuple of 18 node classes,
    each an ABC check: a tenth of a hit file's analysis. Here the test is
    one set lookup of the node's class (the classes and their subclasses),
    as long as libcst's method is the one this module knows.
    """

    _assignment_like = _with_subclasses(scope_provider._ASSIGNMENT_LIKE_NODES)
    _known_leave = ScopeVisitor.on_leave.__code__.co_names == _KNOWN_ON_LEAVE

    def __init__(self, provider: "Scopes") -> None:
        super().__init__(provider)  # type: ignore[arg-type]
        self.stores = provider.stores

    def entering(self, node: cst.CSTNode) -> None:
        self.stores.enter(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.stores.leave(original_node)
        if not self._known_leave:
            ScopeVisitor.on_leave(self, original_node)
            return
        self.provider.set_metadata(original_node, self.scope)
        if type(original_node) in self._assignment_like:
            self.scope._assignment_count += 1
        Dispatching.on_leave(self, original_node)


class Scopes(BaseMetadataProvider[Optional[Scope]]):
    """The scope of each name, assignment and access: what ``ScopeProvider`` provides."""

    def __init__(self) -> None:
        super().__init__()
        self.stores = StoreTargets()

    def _gen_impl(self, module: cst.Module) -> None:
        visitor = _ScopeWalker(self)
        walk(module, visitor)
        visitor.infer_accesses()

    def get_metadata(self, key: Any, node: cst.CSTNode, default: Any = _UNSET) -> Any:
        """The scope visitor asks for libcst's expression contexts: STORE for the names the walk found stored to,
        no context (which it takes as LOAD does) for any other."""
        if key is ExpressionContextProvider:
            return ExpressionContext.STORE if node in self.stores.names else (None if default is _UNSET else default)
        if default is _UNSET:
            return super().get_metadata(key, node)
        return super().get_metadata(key, node, default)
