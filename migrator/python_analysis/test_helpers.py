"""Helpers and fixtures of a test module: the tests that use them decide what their model IDs are.

``def _provider(**kw): return DeepSeekProvider(model="deepseek-chat", **kw)``,
or a ``@pytest.fixture`` that builds the same, serves the tests that call
the helper or take the fixture. When each of those tests runs on doubles
or sends nothing, the ID is their test input; when one of them asserts it
back, it is echoed like a test's own input. A helper no test uses, or one
a test that may send uses, is judged as before: module code.
"""

from __future__ import annotations

import libcst as cst

from migrator.python_analysis.stand_ins import _StandInJudge
from migrator.python_analysis.syntax import _TEST_CLASS, _TEST_FUNCTION, _dotted, _nodes_in


class _TestHelpers(_StandInJudge):
    """The module's tests, and which of them use a helper or fixture."""

    def _tests(self) -> list[cst.FunctionDef]:
        """The module's tests: ``test_*`` functions, and such methods of ``Test*`` classes."""
        found = []
        for statement in self.module.body:
            if isinstance(statement, cst.FunctionDef) and _TEST_FUNCTION.match(statement.name.value):
                found.append(statement)
            elif isinstance(statement, cst.ClassDef) and _test_class(statement):
                found.extend(
                    item for item in statement.body.body
                    if isinstance(item, cst.FunctionDef) and _TEST_FUNCTION.match(item.name.value)
                )
        return found

    def _helper_of(self, node: cst.CSTNode) -> cst.FunctionDef | None:
        """The module-level function, or the method of a test class, that ``node`` is in, when it is not a test."""
        function: cst.FunctionDef | None = None
        current = self.parents.get(node)
        while current is not None:
            if isinstance(current, cst.FunctionDef):
                function = current
            elif isinstance(current, cst.ClassDef):
                if not _test_class(current):
                    return None  # a class of the module's own (a fake client): not a helper of tests
                break
            elif isinstance(current, cst.Module):
                break
            current = self.parents.get(current)
        if function is None or _TEST_FUNCTION.match(function.name.value):
            return None
        return function

    def _tests_using(self, helper: cst.FunctionDef) -> list[cst.FunctionDef]:
        """The tests that call ``helper`` (``_provider()``, ``self._provider()``) or take it as a fixture."""
        if helper not in self.helper_users:
            name = helper.name.value
            fixture = any(_dotted(_decorator_callee(item))[-1:] == ("fixture",) for item in helper.decorators)
            self.helper_users[helper] = [
                test for test in self._tests()
                if (
                    any(param.name.value == name for param in test.params.params) if fixture
                    else any(
                        isinstance(inner, cst.Call) and _dotted(inner.func) in ((name,), ("self", name))
                        for inner in _nodes_in(test.body)
                    )
                )
            ]
        return self.helper_users[helper]


def _test_class(node: cst.ClassDef) -> bool:
    """pytest's ``Test*`` classes, and unittest's ``TestCase`` classes whatever their name."""
    return bool(_TEST_CLASS.match(node.name.value)) or any(
        (_dotted(base.value) or ("",))[-1].endswith("TestCase") for base in node.bases
    )


def _decorator_callee(decorator: cst.Decorator) -> cst.BaseExpression:
    """``pytest.fixture`` of ``@pytest.fixture`` and of ``@pytest.fixture(scope="module")``."""
    return decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
