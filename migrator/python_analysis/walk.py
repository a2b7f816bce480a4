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
        for name in fields:
            if hooks:
                visitor.on_visit_attribute(node, name)
            value = getattr(node, name)
            if isinstance(value, cst.CSTNode):
                _walk(value, visitor, hooks)
            elif isinstance(value, (list, tuple)):
                for item in value:
                    _walk(item, visitor, hooks)
            if hooks:
                visitor.on_leave_attribute(node, name)
    visitor.on_leave(node)
