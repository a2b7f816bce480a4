"""Tests that send nothing: they build an object from a model ID and only inspect it.

``llm = LLM(model="deepseek-chat")`` followed by ``assert llm.model ==
"deepseek-chat"`` checks how the object stores the name; no request is made,
whatever library ``LLM`` comes from. A test counts as inert when it asserts
something and none of its calls could send: no call is named like a request
(the pack's ``sending-call-pattern``, unless ``conversion-call-pattern`` says
it only reshapes data, such as ``transform_request`` or ``request_to_openai``,
or ``data-builder-pattern`` that it builds test data), no object the test
holds in a local name is called, and every function of the module it calls is
inert by the same measure, whatever its name. Classes are built, not run, so
their constructors never count as sending.
"""

from __future__ import annotations

import re

import libcst as cst

from migrator.python_analysis.stand_ins import _StandInJudge
from migrator.python_analysis.syntax import _TEST_FUNCTION, _calls_in, _dotted, _nodes_in, _string_value

_ASSERTION_CALL = re.compile(r"^_*(assert|fail)|^raises$")
_MAX_HELPER_DEPTH = 2


class _InertTests(_StandInJudge):
    """Which test functions build and inspect objects without sending anything."""

    def _inert(self, node: cst.CSTNode) -> str:
        """Why the test around ``node`` sends nothing ("" when it may send, or ``node`` is not in a test)."""
        test = self._test_function(node)
        if test is None or not _TEST_FUNCTION.match(test.name.value):
            return ""
        if test not in self.inert_tests:
            asserts = any(isinstance(inner, cst.Assert) for inner in _nodes_in(test.body)) or any(
                _ASSERTION_CALL.search((_dotted(call.func) or ("",))[-1]) for call in _calls_in(test)
            )
            sends = self._may_send(test, _local_names(test), 0)
            self.inert_tests[test] = "a test that only builds and inspects it (nothing is sent)" if asserts and not sends else ""
        return self.inert_tests[test]

    def _pinned(self, node: cst.CSTNode, value: str) -> bool:
        """Does the test around ``node`` assert the same string back (``assert llm.model == "deepseek-chat"``)?

        Then the ID is only echoed: the assertion is the knowledge. A test
        input that is not echoed drives what the test checks (a default that
        differs for the reasoner, a warning only the chat model gets).
        """
        test = self._test_function(node)
        if test is None:
            return False
        if test not in self.asserted_strings:
            self.asserted_strings[test] = {
                text
                for root in _assertions(test)
                for inner in _nodes_in(root)
                if isinstance(inner, cst.SimpleString) and inner is not node
                for text in (_string_value(inner),)
                if text is not None
            }
        return value in self.asserted_strings[test]

    def _may_send(self, function: cst.FunctionDef, local_names: set[str], depth: int) -> bool:
        """Could a call in ``function`` make a request?"""
        for call in _calls_in(function.body):
            segments = _dotted(call.func)
            if not segments:
                return True  # factory()(...), items[0](...): what is called cannot be told
            name = segments[-1]
            if len(segments) == 1 and name in local_names:
                return True  # llm("hi"): the object built from the ID, called
            helper = self._module_function(name) if len(segments) == 1 else None
            if helper is not None:  # a function of this module: what its body calls, not its name
                if depth >= _MAX_HELPER_DEPTH or self._may_send(helper, _local_names(helper), depth + 1):
                    return True
            elif self._sending_name(name):
                return True
        return False

    def _sending_name(self, name: str) -> bool:
        if name[:1].isupper() or _ASSERTION_CALL.search(name):
            return False  # a class is built, not run; an assertion reads
        if name in self.request_names:
            return True  # create(), parse(): an SDK's request, whatever else the name says
        if re.search(self.vocab.conversion_call_pattern, name) or re.search(self.vocab.data_builder_pattern, name):
            return False  # request_to_openai(), build_request(), make_response(): data reshaped or built
        return name in self.vocab.http_calls or re.search(self.vocab.sending_call_pattern, name) is not None

    def _module_function(self, name: str) -> cst.FunctionDef | None:
        for statement in self.module.body:
            if isinstance(statement, cst.FunctionDef) and statement.name.value == name:
                return statement
        return None


def _assertions(test: cst.FunctionDef) -> list[cst.CSTNode]:
    """The test's ``assert`` statements and assertion calls (``self.assertEqual``, ``mock.assert_called_with``)."""
    return [
        node for node in _nodes_in(test.body)
        if isinstance(node, cst.Assert)
        or (isinstance(node, cst.Call) and _ASSERTION_CALL.search((_dotted(node.func) or ("",))[-1]) is not None)
    ]


def _local_names(function: cst.FunctionDef) -> set[str]:
    """Names a function binds by assignment or takes as parameters."""
    names = {param.name.value for param in function.params.params}
    for node in _nodes_in(function.body):
        if isinstance(node, cst.AssignTarget) and isinstance(node.target, cst.Name):
            names.add(node.target.value)
        elif isinstance(node, (cst.AnnAssign, cst.AugAssign)) and isinstance(node.target, cst.Name):
            names.add(node.target.value)
        elif isinstance(node, cst.AsName) and isinstance(node.name, cst.Name):
            names.add(node.name.value)
    return names
