"""Lists a function of the module picks a model from: ``find_first(["deepseek-reasoner"])``.

A list literal handed to a function that loops over it and returns the
member it accepts (``for model in preferences: if model in allowed: return
model``) is a list of candidates. When the caller uses the pick as a model
(returns it, sends it, names it for a model), each member may be sent.
"""

from __future__ import annotations

from typing import Sequence

import libcst as cst

from migrator.python_analysis.arguments import _ArgumentPlacer
from migrator.python_analysis.syntax import _enclosing_function, _nodes_in


class _PickFinder(_ArgumentPlacer):
    """Whether a list argument is a list of candidates a module function picks from, and the pick a model."""

    def _picker(self, call: cst.Call, arg: cst.Arg) -> str:
        """The name of this module's function that loops over the list given at ``arg`` and returns a member."""
        positional = [item for item in call.args if item.keyword is None and not item.star]
        if arg.keyword is not None or arg not in positional or not isinstance(call.func, cst.Name):
            return ""
        position = positional.index(arg)
        for assignment in self._assignments(call.func):
            function = assignment.node
            if not isinstance(function, cst.FunctionDef) or position >= len(function.params.params):
                continue
            parameter = function.params.params[position].name.value
            for loop in _nodes_in(function.body):
                if not (isinstance(loop, cst.For) and isinstance(loop.iter, cst.Name) and loop.iter.value == parameter
                        and isinstance(loop.target, cst.Name)):
                    continue
                if any(
                    isinstance(node, cst.If) and _accepts(node.test, loop.target.value) and any(
                        isinstance(inner, cst.Return) and isinstance(inner.value, cst.Name)
                        and inner.value.value == loop.target.value for inner in _nodes_in(node.body)
                    )
                    for node in _nodes_in(loop.body)
                ):  # for model in preferences: if model in allowed: return model
                    return function.name.value
        return ""

    def _pick_used(self, call: cst.Call, above: Sequence[cst.CSTNode]) -> bool:
        """Is the pick a model: returned (directly or through the name it is assigned to), a request's model
        argument, or assigned to a name for a model (``MODEL = find_first(...)``)? A validator's pick
        (``bad = first_retired(...)``, ``assert first_unknown(...) == ...``) is none of these."""
        for depth in range(len(above) - 1, -1, -1):
            node = above[depth]
            if isinstance(node, cst.Return):
                return True
            if isinstance(node, cst.Arg):
                outer = above[depth - 1] if depth > 0 else None
                return isinstance(outer, cst.Call) and self._is_model_argument(node, outer)
            if isinstance(node, (cst.Assign, cst.AnnAssign)):
                target = node.targets[0].target if isinstance(node, cst.Assign) else node.target
                if not isinstance(target, cst.Name):
                    return False
                if self._is_model_name(target.value.lower()):
                    return True  # MODEL = find_first(...): judged as any binding (only compared: knowledge)
                function = _enclosing_function(above[:depth])
                return function is not None and any(
                    isinstance(inner, cst.Return) and inner.value is not None and any(
                        isinstance(name, cst.Name) and name.value == target.value for name in _nodes_in(inner.value)
                    )
                    for inner in _nodes_in(function.body)
                )
            if not isinstance(node, (cst.BooleanOperation, cst.IfExp)):
                return False
        return False


def _accepts(test: cst.BaseExpression, name: str) -> bool:
    """The ``if`` that returns the loop variable tests it, and not for rejection: ``model in allowed``,
    ``model in allowed and model not in banned``, ``client.supports(model)``; not ``name not in KNOWN`` or
    ``not known(name)`` (a validator returning what fails)."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return False
    if (
        isinstance(test, cst.Comparison) and isinstance(test.left, cst.Name) and test.left.value == name
        and any(isinstance(target.operator, cst.NotIn) for target in test.comparisons)
    ):
        return False
    return any(isinstance(node, cst.Name) and node.value == name for node in _nodes_in(test))
