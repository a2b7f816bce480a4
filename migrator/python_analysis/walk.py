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
def _has_attribute_hooks(visitor_class: type) -> bool:
    """Does the visitor define ``visit_<Node>_<field>`` / ``leave_<Node>_<field>`` methods (libcst calls them)?"""
    return any(
        _ATTRIBUTE_HOOK.match(name) and not getattr(getattr(visitor_class, name), "_is_no_op", False)
        for name in dir(visitor_class)
    )


_ATTRIBUTE_HOOK = re.compile(r"(visit|leave)_[A-Z]\w*?_[a-z]\w*$")


def walk(node: cst.CSTNode, visitor: cst.CSTVisitor) -> None:
    """``node.visit(visitor)`` for a visitor that changes nothing: the same calls, in the same order, no copies."""
    _walk(node, visitor, _has_attribute_hooks(type(visitor)))


def _walk(node: cst.CSTNode, visitor: cst.CSTVisitor, hooks: bool) -> None:
    fields = child_fields(type(node))
    if fields is None:  # an order we could not read: libcst's own walk
        node.visit(visitor)
        return
    if visitor.on_visit(node):
        _walk_children(node, fields, visitor, hooks)
    visitor.on_leave(node)


def _walk_children(node: cst.CSTNode, fields: tuple[str, ...], visitor: cst.CSTVisitor, hooks: bool) -> None:
    for name in fields:
        if hooks:
            visitor.on_visit_attribute(node, name)
        value = getattr(node, name)
        if type(value) in _SEQUENCES:
            for item in value:
                _walk(item, visitor, hooks)
        elif value is not None and value is not _ABSENT:
            _walk(value, visitor, hooks)
        if hooks:
            visitor.on_leave_attribute(node, name)


class Walking(cst.CSTVisitor):
    """Mixed into a visitor of libcst's whose ``visit_*`` methods descend themselves (``node.body.visit(self)``).

    libcst's scope and expression-context visitors walk a function's or a
    class's parts in their own order that way, and each such call rebuilds
    the subtree it visits (a third of a hit file's analysis). Here every
    node the visitor enters has its children walked without copies, before
    libcst (or ``walk``) is told not to descend: the same calls, in the same
    order, for either caller.
    """

    def on_visit(self, node: cst.CSTNode) -> bool:
        if not super().on_visit(node):
            return False
        fields = child_fields(type(node))
        if fields is None:
            return True  # an order we could not read: the caller descends as it would have
        _walk_children(node, fields, self, _has_attribute_hooks(type(self)))
        return False
