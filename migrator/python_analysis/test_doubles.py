"""Whether test code runs against doubles: patched clients, HTTP mocks, fake classes, stubbed modules.

A test that builds doubles hands its model IDs to the project's code as
test input: whatever that code sends goes to a double. A server the test
starts on this machine and points a model API's client at is one too. A ``test_*``
function (or a method of a ``Test*`` class named so) is judged by what it,
its decorators, its class's decorators, the patches its class's set-up
starts, and the fixtures it takes (of its class or of the module) show. Other
code of a test module (fixtures, helpers, ``setUp``, constants) serves its
tests, so it counts as doubled only when every test of the module builds
doubles of its own. The checks decide what that means for a finding, and
only in files the project's layout says are tests.

A sign of a live test anywhere in the module wins: a mark such as
``@pytest.mark.integration`` (``live-test-marks``), or a key read from the
environment (``os.getenv("DEEPSEEK_API_KEY")``, ``"DEEPSEEK_API_KEY" in
os.environ``: ``live-key-variable-pattern``).
"""

from __future__ import annotations

import re
from typing import Iterator

import libcst as cst

from migrator.python_analysis.stand_ins import _StandInJudge
from migrator.python_analysis.state import LIVE_SIGN_NODES
from migrator.python_analysis.syntax import (
    _DOUBLE_CLASS,
    _TEST_CLASS,
    _TEST_FUNCTION,
    _calls_in,
    _dotted,
    _nodes_in,
    _string_value,
    _target_names,
)
from migrator.python_analysis.walk import children

# What unittest and pytest run before each test of a class.
_SET_UPS = frozenset({"setUp", "asyncSetUp", "setup_method", "setup"})
# ... and what they run once for the class, or after each test (where a tear-down reads set-up's key back).
_CLASS_SET_UPS = frozenset({"setUpClass", "setup_class", "asyncSetUpClass"})
_CLASS_SET_UPS_AND_TEAR_DOWNS = _CLASS_SET_UPS | {"tearDown", "asyncTearDown", "teardown_method", "teardown"}
# Addresses a server the test starts listens on: this machine's loopback, or all of its interfaces ("", "0.0.0.0").
_OWN_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "", "0.0.0.0"})


class _ModuleDoubles(_StandInJudge):
    """Which test code runs against doubles, and whether the module shows a live test."""

    def _doubled(self, node: cst.CSTNode) -> str:
        """Why the test code around ``node`` runs against doubles ("" when it does not, or a live test is near)."""
        if self._module_live():
            return ""
        test = self._test_function(node)
        if test is not None and _TEST_FUNCTION.match(test.name.value):
            return self._own_doubles(test)
        if self.module_doubles is None:
            tests = self._tests()
            reasons = [self._own_doubles(test) for test in tests]
            self.module_doubles = reasons[0] if tests and all(reasons) else ""
        return self.module_doubles

    def _module_live(self) -> bool:
        if self.module_live is None:
            # Every live sign spells a mark's name, ``getenv`` or ``environ``: a module that spells none has none.
            words = (*self.vocab.live_test_marks, "getenv", "environ")
            # The walk gathered the nodes a sign can be; asked during the walk, every node is looked at.
            nodes = self.sign_candidates if self.walked else _nodes_in(self.module)
            self.module_live = any(word in self.text.text for word in words) and any(self._live_sign(node) for node in nodes)
        return self.module_live

    def _tests(self) -> list[cst.FunctionDef]:
        """The module's tests: ``test_*`` functions, and such methods of ``Test*`` classes."""
        found = []
        for statement in self.module.body:
            if isinstance(statement, cst.FunctionDef) and _TEST_FUNCTION.match(statement.name.value):
                found.append(statement)
            elif isinstance(statement, cst.ClassDef) and (
                _TEST_CLASS.match(statement.name.value)
                or any((_dotted(base.value) or ("",))[-1].endswith("TestCase") for base in statement.bases)
            ):  # pytest's Test* classes, and unittest's TestCase classes whatever their name
                found.extend(
                    item for item in statement.body.body
                    if isinstance(item, cst.FunctionDef) and _TEST_FUNCTION.match(item.name.value)
                )
        return found

    def _own_doubles(self, test: cst.FunctionDef) -> str:
        """The first double the test, its decorators, its class's decorators or the fixtures it takes build."""
        if test not in self.test_doubles:
            parts: list[cst.CSTNode] = [test]
            fixtures = {param.name.value for param in test.params.params}
            owner = self.parents.get(self.parents.get(test))  # FunctionDef -> IndentedBlock -> ClassDef
            if isinstance(owner, cst.ClassDef):
                parts.extend(owner.decorators)
                parts.extend(  # the class's own fixtures the test takes
                    item for item in owner.body.body
                    if isinstance(item, cst.FunctionDef) and item.name.value in fixtures
                )
            parts.extend(
                statement for statement in self.module.body
                if isinstance(statement, cst.FunctionDef) and statement.name.value in fixtures
            )
            found = next((reason for part in parts for reason in self._double_signs(part)), "")
            if not found and isinstance(owner, cst.ClassDef):
                found = self._set_up_patches(owner)
            self.test_doubles[test] = found
        return self.test_doubles[test]

    def _set_up_patches(self, owner: cst.ClassDef) -> str:
        """A patch or HTTP mock the class's set-up starts before each of its tests (``patch(...).start()`` in ``setUp``),
        or a server on a loopback address it starts, there or once for the class (``setUpClass``).

        Only those count: set-up runs for every test unasked, and a
        ``MagicMock()`` there is as often a callback as a client.
        """
        for item in owner.body.body:
            if isinstance(item, cst.FunctionDef) and item.name.value in _SET_UPS:
                for call in _calls_in(item):
                    reason = self._patch_reason(call) or self._http_mock(call) or self._local_server(call)
                    if reason:
                        return reason
            elif isinstance(item, cst.FunctionDef) and item.name.value in _CLASS_SET_UPS:
                for call in _calls_in(item):  # a server started once for the class serves each of its tests
                    reason = self._local_server(call)
                    if reason:
                        return reason
        return ""

    def _double_signs(self, root: cst.CSTNode) -> Iterator[str]:
        for node in _nodes_in(root):
            reason = self._double_sign(node)
            if reason:
                yield reason

    def _double_sign(self, node: cst.CSTNode) -> str:
        if isinstance(node, cst.ClassDef) and _DOUBLE_CLASS.search(node.name.value):
            return f"the test uses the double {node.name.value}"
        if isinstance(node, cst.Decorator):
            return self._patch_reason(node.decorator) or self._http_mock(node.decorator) or ""
        if isinstance(node, cst.Param) and node.name.value in self.vocab.http_mock_fixtures:
            return f"the test uses the {node.name.value} fixture"
        if isinstance(node, cst.Assign) and any(
            isinstance(target.target, cst.Subscript) and _dotted(target.target.value) == ("sys", "modules")
            for target in node.targets
        ):
            return "the test replaces a module in sys.modules"
        if not isinstance(node, cst.Call):
            return ""
        name = (_dotted(node.func) or ("",))[-1]
        if name in self.vocab.mock_builders:
            return f"the test builds mocks ({name})"
        if _DOUBLE_CLASS.search(name):
            return f"the test uses the double {name}"
        if name in ("setitem", "dict") and node.args and _dotted(node.args[0].value) == ("sys", "modules"):
            return "the test replaces a module in sys.modules"
        return self._patch_reason(node) or self._http_mock(node) or self._local_server(node)

    def _local_server(self, call: cst.Call) -> str:
        """``HTTPServer(("127.0.0.1", 0), Handler)``: a server the test runs itself, on this machine, when the same
        function points a client at a URL it builds (``base_url=f"http://{host}:{port}"``). A server for something
        else (a webhook target, fixture pages) is no double of the model's API."""
        name = (_dotted(call.func) or ("",))[-1]
        address = call.args[0].value if call.args and call.args[0].keyword is None else None
        host = _string_value(address.elements[0].value) if isinstance(address, cst.Tuple) and address.elements else None
        if name not in self.vocab.local_servers or host not in _OWN_HOSTS:
            return ""
        function = next((item for item in self._ancestors(call)[::-1] if isinstance(item, cst.FunctionDef)), None)
        if function is None:
            return ""
        hosts = {  # host, port = server.server_address
            name for item in _nodes_in(function) if isinstance(item, cst.Assign)
            and _dotted(item.value)[-1:] == ("server_address",)
            for target in item.targets for name in _target_names(target.target)
        }
        if not any(
            arg.keyword is not None and arg.keyword.value in self.vocab.base_url_keywords and _built_url(arg.value, hosts)
            and re.search(self.vocab.model_client_pattern, (_dotted(inner.func) or ("",))[-1])
            for inner in _calls_in(function) for arg in inner.args
        ):
            return ""  # a webhook target or page server: no client of the model's API points at it
        return f"the test runs its own server ({name} on {host or 'this machine'}) and points its client there"

    def _live_sign(self, node: cst.CSTNode) -> bool:
        """``@pytest.mark.integration``, or a key read from the environment."""
        if type(node) not in LIVE_SIGN_NODES:  # asked of every node of the module: one cheap test first
            return False
        if isinstance(node, cst.Attribute) and node.attr.value in self.vocab.live_test_marks:
            return _dotted(node.value)[-1:] == ("mark",)
        if isinstance(node, cst.Call):  # os.getenv("DEEPSEEK_API_KEY"), os.environ.get(...)
            segments = _dotted(node.func)
            if segments[-1:] == ("getenv",) or segments[-2:] == ("environ", "get"):
                return bool(node.args) and self._key_variable(node.args[0].value)
        if isinstance(node, cst.Comparison) and any(  # "DEEPSEEK_API_KEY" in os.environ
            isinstance(target.operator, (cst.In, cst.NotIn)) and _dotted(target.comparator)[-1:] == ("environ",)
            for target in node.comparisons
        ):
            return self._key_variable(node.left)
        if isinstance(node, cst.Subscript) and _dotted(node.value)[-1:] == ("environ",) and len(node.slice) == 1:
            index = node.slice[0].slice  # os.environ["DEEPSEEK_API_KEY"], read (not set)
            stored = isinstance(self.parents.get(node), cst.AssignTarget)
            return not stored and isinstance(index, cst.Index) and self._key_variable(index.value)
        return False

    def _key_variable(self, expression: cst.BaseExpression) -> bool:
        """An API key's variable, unless the code around the read sets it to a made-up value itself."""
        name = _string_value(expression)
        return (
            name is not None and re.search(self.vocab.live_key_variable_pattern, name) is not None
            and name not in self._fake_keys_around(expression)
        )

    def _fake_keys_around(self, node: cst.CSTNode) -> frozenset[str]:
        """Key variables set to a literal (``os.environ["DEEPSEEK_API_KEY"] = "mock-key"``,
        ``monkeypatch.setenv(...)``, ``patch.dict(os.environ, {...})``) where a read of them reads a fake:
        the module's top level, the function the read is in (its decorators too), and the set-up of that
        function's class (a tear-down's ``if "DEEPSEEK_API_KEY" in os.environ`` reads set-up's key back).
        A key a sibling test sets does not make this test's read a fake's."""
        function = next((item for item in self._ancestors(node)[::-1] if isinstance(item, cst.FunctionDef)), None)
        scopes: list[cst.CSTNode] = [self.module]
        if function is not None:
            scopes.append(function)
            owner = self.parents.get(self.parents.get(function))  # FunctionDef -> IndentedBlock -> ClassDef
            if isinstance(owner, cst.ClassDef):
                scopes.extend(
                    item for item in owner.body.body
                    if isinstance(item, cst.FunctionDef) and item.name.value in _SET_UPS | _CLASS_SET_UPS_AND_TEAR_DOWNS
                )
        for scope in scopes:
            if scope not in self.fake_keys:
                roots = (
                    [statement for statement in self.module.body if not isinstance(statement, (cst.FunctionDef, cst.ClassDef))]
                    if scope is self.module else [scope]
                )
                self.fake_keys[scope] = frozenset(key for root in roots for key in _keys_set_in(root))
        return frozenset().union(*(self.fake_keys[scope] for scope in scopes))


def _keys_set_in(root: cst.CSTNode) -> Iterator[str]:
    """The key variables ``root`` sets to a literal outside a branch: ``if KEY not in os.environ: os.environ[KEY] =
    "sk-placeholder"`` keeps a real key in place, as ``setdefault`` does."""
    for node in _unconditional_nodes(root):
        if isinstance(node, cst.Assign) and isinstance(node.value, (cst.SimpleString, cst.ConcatenatedString)):
            for target in node.targets:
                if isinstance(target.target, cst.Subscript) and _dotted(target.target.value)[-1:] == ("environ",):
                    index = target.target.slice[0].slice if len(target.target.slice) == 1 else None
                    key = _string_value(index.value) if isinstance(index, cst.Index) else None
                    if key:
                        yield key
        elif isinstance(node, cst.Call):
            yield from _literal_settings(node)


def _unconditional_nodes(root: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """The nodes of ``root`` outside the branches of an ``if``, a conditional expression, ``and``/``or``, or an
    ``except`` (a ``try`` body, its ``finally`` and loop bodies run; walked without recursion: a deeply nested
    file must not exhaust the stack)."""
    conditional = (cst.If, cst.IfExp, cst.BooleanOperation, cst.ExceptHandler, cst.ExceptStarHandler)
    pending = [] if isinstance(root, conditional) else [root]
    while pending:
        node = pending.pop()
        yield node
        pending.extend(child for child in children(node) if not isinstance(child, conditional))


def _literal_settings(call: cst.Call) -> Iterator[str]:
    """The variables ``monkeypatch.setenv("K", "v")`` or ``patch.dict(os.environ, {"K": "v"})`` set to a literal
    (not ``os.environ.setdefault``, which leaves a real key in place)."""
    segments = _dotted(call.func)
    arguments = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
    if segments[-1:] == ("setenv",) and len(arguments) >= 2:
        key = _string_value(arguments[0])
        if key and _string_value(arguments[1]) is not None:
            yield key
    elif segments[-1:] == ("dict",) and len(arguments) >= 2 and isinstance(arguments[1], cst.Dict):
        target = arguments[0]
        if _dotted(target)[-1:] == ("environ",) or _string_value(target) == "os.environ":
            for element in arguments[1].elements:
                if isinstance(element, cst.DictElement) and _string_value(element.value) is not None:
                    key = _string_value(element.key)
                    if key:
                        yield key


def _built_url(expression: cst.BaseExpression, hosts: set[str]) -> bool:
    """``f"http://127.0.0.1:{port}/v1"``, or ``f"http://{host}:{port}"`` whose host is the server's address: a URL
    of the server the test started."""
    if not isinstance(expression, cst.FormattedString) or len(expression.parts) < 2:
        return False
    first, second = expression.parts[0], expression.parts[1]
    text = first.value if isinstance(first, cst.FormattedStringText) else ""
    if re.fullmatch(r"https?://(127\.0\.0\.1|localhost|\[::1\]):", text):
        return isinstance(second, cst.FormattedStringExpression)
    return bool(re.fullmatch(r"https?://", text)) and isinstance(second, cst.FormattedStringExpression) and (
        isinstance(second.expression, cst.Name) and second.expression.value in hosts
    )
