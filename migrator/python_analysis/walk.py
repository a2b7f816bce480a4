"""Walking a libcst tree for a read-only visitor, without rebuilding it.

``CSTNode.visit`` rebuilds every node it passes (and validates the copy),
also for visitors that change nothing: a walk cost about as much as parsing
the file. ``walk`` calls the same ``on_visit``/``on_leave`` in the same
order, reading each node's children in the order libcst visits them. That
order is read once per node class from its ``_visit_and_replace_children``
(each child is visited by a ``visit_*(self, "field", ...)`` call, in source
order); a class whose order cannot be read is walked by libcst itself.
Attribute hooks (``visit_ClassDef_bases``) are called as libcst calls them,
for visitors that have any. ``tests/test_scan_speedups.py`` checks the
order against ``node.children``, and the scopes and facts this walk
produces against libcst's, on every fixture.
"""

from __future__ import annotations

import inspect
import re
from functools import lru_cache
from typing import Callable

import libcst as cst

# A visited field holds a node, a sequence of nodes, None or MaybeSentinel.DEFAULT: told apart without
# isinstance(value, CSTNode), an ABC check that cost more than the rest of the walk.
_SEQUENCES = frozenset({list, tuple})
_ABSENT = cst.MaybeSentinel.DEFAULT
_VISITED_FIELD = re.compile(r"""visit_\w+\(\s*self,\s*["'](\w+)["']""")


@lru_cache(maxsize=None)
def child_fields(node_class: type) -> tuple[str, ...] | None:
    """The fields a node class's children are visited from, in libcst's order (None: not readable)."""
    try:
        source = inspect.getsource(node_class._visit_and_replace_children)  # type: ignore[attr-defined]
    except (OSError, TypeError, AttributeError):
        return None
    fields = tuple(dict.fromkeys(_VISITED_FIELD.findall(source)))
    known = set(getattr(node_class, "__dataclass_fields__", {}))
    # Every call that hands the visitor on must be one of those read, each naming a field of the class.
    handed_on = source.count("visitor") - 1  # the parameter itself
    if not known or not set(fields) <= known or handed_on != len(_VISITED_FIELD.findall(source)):
        return None
    return fields


def children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """``node.children``, read from its fields without running a visitor (libcst's way builds one per call)."""
    fields = child_fields(type(node))
    if fields is None:
        return list(node.children)
    found: list[cst.CSTNode] = []
    for name in fields:
        value = getattr(node, name)
        if type(value) in _SEQUENCES:
            found.extend(value)
        elif value is not None and value is not _ABSENT:
            found.append(value)
    return found


@lru_cache(maxsize=None)
def _attribute_hooked(visitor_class: type) -> frozenset[str] | None:
    """The node classes (by name) whose fields libcst would hand to the visitor's ``visit_<Node>_<field>`` /
    ``leave_<Node>_<field>`` methods; None when the visitor takes every field itself (its own
    ``on_visit_attribute``). Empty for most visitors: libcst calls the two hooks for every field of every node,
    and the scope visitor has them for one field of one class."""
    generic = {getattr(base, name) for base in (cst.CSTVisitor, Dispatching) for name in _ATTRIBUTE_FIELD_CALLS}
    if any(getattr(visitor_class, name) not in generic for name in _ATTRIBUTE_FIELD_CALLS):
        return None
    return frozenset(
        found.group(2)
        for name in dir(visitor_class)
        for found in [_ATTRIBUTE_HOOK.match(name)]
        if found and not getattr(getattr(visitor_class, name), "_is_no_op", False)
    )


_ATTRIBUTE_HOOK = re.compile(r"(visit|leave)_([A-Z]\w*?)_[a-z]\w*$")
_ATTRIBUTE_FIELD_CALLS = ("on_visit_attribute", "on_leave_attribute")


def walk(node: cst.CSTNode, visitor: cst.CSTVisitor) -> None:
    """``node.visit(visitor)`` for a visitor that changes nothing: the same calls, in the same order, no copies."""
    _walk(node, visitor, _attribute_hooked(type(visitor)))


def _walk(node: cst.CSTNode, visitor: cst.CSTVisitor, hooked: frozenset[str] | None) -> None:
    fields = child_fields(type(node))
    if fields is None:  # an order we could not read: libcst's own walk
        node.visit(visitor)
        return
    if visitor.on_visit(node):
        _walk_children(node, fields, visitor, hooked)
    visitor.on_leave(node)


def _walk_children(node: cst.CSTNode, fields: tuple[str, ...], visitor: cst.CSTVisitor, hooked: frozenset[str] | None) -> None:
    """The children of ``node``, field by field, with the field hooks for the node classes ``hooked`` names (every
    class when None): the only calls of them a visitor's methods can answer."""
    hooks = hooked is None or (bool(hooked) and type(node).__name__ in hooked)
    for name in fields:
        if hooks:
            visitor.on_visit_attribute(node, name)
        value = getattr(node, name)
        if type(value) in _SEQUENCES:
            for item in value:
                _walk(item, visitor, hooked)
        elif value is not None and value is not _ABSENT:
            _walk(value, visitor, hooked)
        if hooks:
            visitor.on_leave_attribute(node, name)


_DISPATCH = ("on_visit", "on_leave", "on_visit_attribute", "on_leave_attribute")
_UNKNOWN = object()


class Dispatching(cst.CSTVisitor):
    """``CSTVisitor``'s dispatch to ``visit_<Node>``/``leave_<Node>`` methods, each looked up once per class pair.

    libcst builds the method's name and looks it up on every call, and calls
    the no-op method every visitor inherits for each node class it does not
    handle: several lookups and calls per node per visitor, about a tenth of
    a hit file's analysis. Here the method (or None, for a no-op) is kept per
    visitor class and node class. A class of libcst's between this one and
    ``CSTVisitor`` that overrides a dispatch method (``ScopeVisitor.on_leave``)
    keeps its own, unless the subclass overrides it in turn.
    """

    _libcst_dispatch: frozenset[str] = frozenset()
    # The class's methods found so far, by node class (and attribute): each class gets its own.
    _methods: dict[str, dict] = {"visit_": {}, "leave_": {}}
    # The same tables, and whether libcst's own on_visit / on_leave answer, read once per node: the checks were a
    # call and a set lookup per node per visitor.
    _visits: dict = _methods["visit_"]
    _leaves: dict = _methods["leave_"]
    _libcst_visits = _libcst_leaves = False

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls._methods = {"visit_": {}, "leave_": {}}
        cls._visits, cls._leaves = cls._methods["visit_"], cls._methods["leave_"]
        mro = cls.__mro__
        ours = mro[: mro.index(Dispatching)]
        beyond = mro[mro.index(Dispatching) + 1 : mro.index(cst.CSTVisitor)]
        cls._libcst_dispatch = frozenset(
            name for name in _DISPATCH
            if any(name in vars(base) for base in beyond) and not any(name in vars(base) for base in ours)
        )
        cls._libcst_visits = "on_visit" in cls._libcst_dispatch
        cls._libcst_leaves = "on_leave" in cls._libcst_dispatch

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self._libcst_visits:
            return super().on_visit(node)
        method = self._visits.get(type(node), _UNKNOWN)
        if method is _UNKNOWN:
            method = _hook(self._visits, type(self), "visit_", type(node))
        return method is None or method(self, node) is not False

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if self._libcst_leaves:
            super().on_leave(original_node)
            return
        method = self._leaves.get(type(original_node), _UNKNOWN)
        if method is _UNKNOWN:
            method = _hook(self._leaves, type(self), "leave_", type(original_node))
        if method is not None:
            method(self, original_node)

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        self._attribute_hook("on_visit_attribute", "visit_", node, attribute)

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        self._attribute_hook("on_leave_attribute", "leave_", original_node, attribute)

    def _attribute_hook(self, name: str, prefix: str, node: cst.CSTNode, attribute: str) -> None:
        if name in self._libcst_dispatch:
            getattr(super(), name)(node, attribute)
            return
        method = _hook(self._methods[prefix], type(self), prefix, type(node), "_" + attribute)
        if method is not None:
            method(self, node)


def _hook(table: dict, visitor_class: type, prefix: str, node_class: type, attribute: str = "") -> Callable | None:
    """The visitor class's method for the node class (and attribute), None when it has none or a no-op; kept in
    ``table``."""
    key = (node_class, attribute) if attribute else node_class
    method = table.get(key, _UNKNOWN)
    if method is _UNKNOWN:
        method = getattr(visitor_class, prefix + node_class.__name__ + attribute, None)
        if method is not None and getattr(method, "_is_no_op", False):
            method = None
        table[key] = method
    return method  # type: ignore[return-value]


class Walking(Dispatching):
    """Mixed into a visitor of libcst's whose ``visit_*`` methods descend themselves (``node.body.visit(self)``).

    libcst's scope visitor walks a function's or a class's parts in its own
    order that way, and each such call rebuilds the subtree it visits (a
    third of a hit file's analysis). Here every node the visitor enters has
    its children walked without copies, before libcst (or ``walk``) is told
    not to descend: the same calls, in the same order, for either caller.
    """

    def entering(self, node: cst.CSTNode) -> None:
        """Called as the walk enters ``node``, before the visitor's own method: a subclass's hook that costs no
        stack frame per level of nesting (an override of ``on_visit`` would cost one)."""

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.entering(node)
        if not super().on_visit(node):
            return False
        fields = child_fields(type(node))
        if fields is None:
            return True  # an order we could not read: the caller descends as it would have
        _walk_children(node, fields, self, _attribute_hooked(type(self)))
        return False
