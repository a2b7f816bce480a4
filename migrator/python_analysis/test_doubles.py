"""Whether test code runs against doubles: patched clients, HTTP mocks, fake classes, stubbed modules.

A test that builds doubles hands its model IDs to the project's code as
test input: whatever that code sends goes to a double. A ``test_*``
function (or a method of a ``Test*`` class named so) is judged by what it,
its decorators, its class and the module's fixtures it take show; when
they show nothing, and for any other code of a test module (fixtures,
helpers, constants), by what the whole module shows. The checks decide what that means for a finding, and
only in files the project's layout says are tests.

Signs of a live test win: a mark such as ``@pytest.mark.integration``
(``live-test-marks``), or an API key read from the environment
(``os.getenv("DEEPSEEK_API_KEY")``, often in a ``skipif``).
"""

from __future__ import annotations

import re
from typing import Iterator

import libcst as cst

from migrator.python_analysis.stand_ins import _StandInJudge
from migrator.python_analysis.syntax import _TEST_FUNCTION, _dotted, _string_value

# Calls that build a double whatever they are handed.
_MOCK_BUILDERS = frozenset({"Mock", "MagicMock", "AsyncMock", "NonCallableMock", "create_autospec"})
_DOUBLE_NAME = re.compile(r"^_*(Mock|Fake|Stub|Dummy)[A-Z_]")
_KEY_VARIABLE = re.compile(r"API_?KEY$", re.IGNORECASE)


class _ModuleDoubles(_StandInJudge):
    """Which test code runs against doubles, and which shows a live test."""

    def _doubled(self, node: cst.CSTNode) -> str:
        """Why the test code around ``node`` runs against doubles ("" when it builds none or shows a live test)."""
        test = self._test_function(node)
        scope = test if test is not None and _TEST_FUNCTION.match(test.name.value) else None
        if scope not in self.doubles:
            self.doubles[scope] = self._function_doubles(scope) if scope is not None else self._module_doubles()
        return self.doubles[scope]

    def _module_doubles(self) -> str:
        return _verdict(self._signs(self.module))

    def _function_doubles(self, test: cst.FunctionDef) -> str:
        """The test's own body and decorators, its class's decorators, and the module's fixtures it takes."""
        parts: list[cst.CSTNode] = [test]
        owner = self.parents.get(self.parents.get(test))  # FunctionDef -> IndentedBlock -> ClassDef
        if isinstance(owner, cst.ClassDef):
            parts.extend(owner.decorators)
        fixtures = {param.name.value for param in test.params.params}
        parts.extend(
            statement for statement in self.module.body
            if isinstance(statement, cst.FunctionDef) and statement.name.value in fixtures
        )
        signs = [sign for part in parts for sign in self._signs(part)]
        if not signs:  # a test that shows neither: what the module shows
            return self._module_doubles()
        return _verdict(iter(signs))

    def _signs(self, root: cst.CSTNode) -> Iterator[tuple[bool, str]]:
        """(live, why) for every node under ``root`` that shows a live test or a double."""
        for node in _nodes(root):
            if self._live_sign(node):
                yield True, ""
            else:
                reason = self._double_sign(node)
                if reason:
                    yield False, reason

    def _double_sign(self, node: cst.CSTNode) -> str:
        if isinstance(node, cst.ClassDef) and _DOUBLE_NAME.match(node.name.value):
            return f"the tests use the double {node.name.value}"
        if isinstance(node, cst.Decorator):
            return self._patch_reason(node.decorator) or self._http_mock(node.decorator) or ""
        if isinstance(node, cst.Param) and node.name.value in self.vocab.http_mock_fixtures:
            return f"the tests use the {node.name.value} fixture"
        if isinstance(node, cst.Assign) and any(
            isinstance(target.target, cst.Subscript) and _dotted(target.target.value) == ("sys", "modules")
            for target in node.targets
        ):
            return "the tests replace a module in sys.modules"
        if not isinstance(node, cst.Call):
            return ""
        segments = _dotted(node.func) or ("",)
        if segments[-1] in _MOCK_BUILDERS:
            return f"the tests build mocks ({segments[-1]})"
        if _DOUBLE_NAME.match(segments[-1]):
            return f"the tests use the double {segments[-1]}"
        if segments[-1] in ("setitem", "dict") and node.args and _dotted(node.args[0].value) == ("sys", "modules"):
            return "the tests replace a module in sys.modules"
        return self._patch_reason(node) or self._http_mock(node) or ""

    def _live_sign(self, node: cst.CSTNode) -> bool:
        """``@pytest.mark.integration``, or an API key read from the environment."""
        if isinstance(node, cst.Attribute) and node.attr.value in self.vocab.live_test_marks:
            return _dotted(node.value)[-1:] == ("mark",)
        if isinstance(node, cst.Call):
            segments = _dotted(node.func)
            if segments[-1:] == ("getenv",) or segments[-2:] == ("environ", "get"):
                name = _string_value(node.args[0].value) if node.args else None
                return name is not None and _KEY_VARIABLE.search(name) is not None
        if isinstance(node, cst.Subscript) and _dotted(node.value)[-1:] == ("environ",) and len(node.slice) == 1:
            index = node.slice[0].slice
            name = _string_value(index.value) if isinstance(index, cst.Index) else None
            stored = isinstance(self.parents.get(node), cst.AssignTarget)
            return not stored and name is not None and _KEY_VARIABLE.search(name) is not None
        return False


def _verdict(signs: Iterator[tuple[bool, str]]) -> str:
    """The first double's reason, unless a live sign shows up anywhere."""
    reason = ""
    for live, why in signs:
        if live:
            return ""
        reason = reason or why
    return reason


def _nodes(root: cst.CSTNode) -> Iterator[cst.CSTNode]:
    pending = [root]
    while pending:
        node = pending.pop()
        yield node
        pending.extend(node.children)
