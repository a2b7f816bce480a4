"""The names values are bound to: assignments, class attributes, the functions that build them."""

from __future__ import annotations

import re
from typing import Sequence

import libcst as cst

from migrator.class_kinds import ENUM_BASES as _ENUM_BASES
from migrator.class_kinds import FIELD_DECORATORS as _FIELD_DECORATORS
from migrator.class_kinds import MODEL_BASES as _MODEL_BASES
from migrator.python_analysis.syntax import (
    _TEST_CLASS,
    _TEXT_PIECES,
    Owner,
    _class_is,
    _decorated_with,
    _dotted,
    _enclosing_class,
    _enclosing_function,
    _is_self_attribute,
    _owner_name,
    _owning_class,
    _source,
)
from migrator.python_analysis.values import _ValueTests


class _OwnerFinder(_ValueTests):
    """The name a value is bound to: assignments, class attributes, builder functions, data names."""

    def _data_name(self, above: Sequence[cst.CSTNode]) -> str:
        """The data name (``EXAMPLE_RECORD``, ``expected_results``) a literal holding this value is assigned to."""
        for depth in range(len(above) - 1, -1, -1):
            node = above[depth]
            if isinstance(node, (cst.Assign, cst.AnnAssign)):
                owner = self._owner_of(node, above[:depth])
                name = _owner_name(owner) if owner is not None else ""
                return name if name and re.search(self.vocab.data_name_pattern, name) else ""
            if isinstance(node, cst.Return):  # @pytest.fixture def mock_config(): return {...}
                function = next((n for n in reversed(above[:depth]) if isinstance(n, cst.FunctionDef)), None)
                return f"{function.name.value}()" if function is not None and self._test_data_function(function, above) else ""
            if not isinstance(node, (cst.Dict, cst.DictElement, cst.List, cst.Tuple, cst.Element)):
                return ""
        return ""

    def _test_data_function(self, function: cst.FunctionDef, above: Sequence[cst.CSTNode]) -> bool:
        """A function named as data (``mock_config``) that is a pytest fixture or a method of a test class."""
        if not re.search(self.vocab.data_name_pattern, function.name.value):
            return False
        fixture = any(
            (_dotted(decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator) or ("",))[-1]
            == "fixture"
            for decorator in function.decorators
        )
        owner = _owning_class(above[: above.index(function)] if function in above else above)
        return fixture or (owner is not None and _TEST_CLASS.match(owner.name.value) is not None)

    def _assignment(self, node: cst.Assign | cst.AnnAssign, above: Sequence[cst.CSTNode]) -> str:
        target = node.targets[0].target if isinstance(node, cst.Assign) else node.target
        name = _source(target)
        owner = _owning_class(above)
        if owner is not None:
            qualified = f"{owner.name.value}.{name}"
            if _class_is(owner, _ENUM_BASES):
                return f"enum member {qualified}"
            if isinstance(node, cst.AnnAssign) and (
                _class_is(owner, _MODEL_BASES) or _decorated_with(owner, _FIELD_DECORATORS)
            ):
                return f"field default {qualified}"
            return f"class attribute {qualified}"
        if len(above) >= 2 and isinstance(above[-2], cst.Module):
            return f"module constant {name}"
        return f"assignment to {name}"

    def _owner_of(self, node: cst.Assign | cst.AnnAssign, above: Sequence[cst.CSTNode]) -> Owner | None:
        """The name a value is bound to, in the form name resolution will find it."""
        target = node.targets[0].target if isinstance(node, cst.Assign) else node.target
        owner_class = _owning_class(above)
        if isinstance(target, cst.Name):
            return (owner_class, target.value) if owner_class is not None else target
        if _is_self_attribute(target):
            enclosing = _enclosing_class(above)
            return (enclosing, target.attr.value) if enclosing is not None else None  # type: ignore[attr-defined]
        return None

    def _assignment_owner(self, above: Sequence[cst.CSTNode], through_calls: bool = True) -> Owner | None:
        """Owner of the assignment whose value holds the call or dict at the top of ``above``.

        A dict literal passed to a call is not bound to the call's result
        (``response = requests.post(URL, json={...})``): ``through_calls``
        False stops there.
        """
        passable = (cst.Dict, cst.DictElement, cst.BooleanOperation, cst.IfExp)
        if through_calls:
            passable += (cst.Arg, cst.Call)
        for depth in range(len(above) - 1, -1, -1):
            node = above[depth]
            if isinstance(node, (cst.Assign, cst.AnnAssign)):
                return self._owner_of(node, above[:depth])
            if through_calls and _text_piece(node, above[depth - 1] if depth else None):
                continue  # MODELS = os.getenv("MODELS", "deepseek-chat,deepseek-v4-pro").split(","): pieces of it
            if isinstance(node, cst.Return):
                return _enclosing_function(above[:depth])  # a builder function's result
            if not isinstance(node, passable):
                return None
        return None

    def _assigned_name(self, above: Sequence[cst.CSTNode]) -> str:
        for depth in range(len(above) - 1, -1, -1):
            node = above[depth]
            if isinstance(node, (cst.Assign, cst.AnnAssign)):
                return " " + self._assignment(node, above[:depth]).split(" ")[-1]
            if isinstance(node, cst.BaseStatement):
                break
        return ""

    def _tuple_owner(self, above: Sequence[cst.CSTNode]) -> Owner | None:
        """The name of the list or tuple of endpoint tuples this one stands in, if assigned."""
        for depth in range(len(above) - 1, -1, -1):
            node = above[depth]
            if isinstance(node, (cst.Assign, cst.AnnAssign)):
                return self._owner_of(node, above[:depth])
            if not isinstance(node, (cst.List, cst.Tuple, cst.Element)):
                return None
        return None


def _text_piece(node: cst.CSTNode, holder: cst.CSTNode | None) -> bool:
    """``<text>.split(",")``, ``.strip()``, and an item of what a value holds: a piece of that value.

    Reached from the value below, never from a subscript's index (whose
    ``SubscriptElement`` stops the climb first).
    """
    if isinstance(node, cst.Attribute):
        return node.attr.value in _TEXT_PIECES and isinstance(holder, cst.Call) and holder.func is node
    return isinstance(node, cst.Subscript)
