"""Test code where nothing is sent: calls under a patched client or an HTTP mock, test keys, expected errors.

``with patch("app.llm.OpenAI"): Reasoner(model_id="deepseek-chat")`` builds
the project's wrapper around a mock, and ``with pytest.raises(ValueError):
Reasoner(model_id="deepseek-chat")`` checks that it refuses to start: the
model is test input either way, not a request that fails after retirement.

Only mock patches count (``patch``, ``mock.patch``, ``mocker.patch``,
``patch.object``, ``monkeypatch.setattr`` with a dotted target), and only
when the patched name is a transport: a client, an SDK call or an HTTP
function (the pack's ``patched-transport-pattern``). ``router.patch("/chat")``
is a route, ``patch("time.sleep")`` or a patched constant stops nothing. An
SDK request inside ``pytest.raises`` is still sent (a contract test that
expects DeepSeek to refuse it), so only other calls count there.
"""

from __future__ import annotations

import re

import libcst as cst

from migrator.facts import ROLE_MODEL, ROLE_REFERENCE, RequestContext
from migrator.python_analysis.scopes import Scopes
from migrator.python_analysis.state import _Placement
from migrator.python_analysis.syntax import (
    _TEST_CLASS,
    _TEST_FUNCTION,
    Owner,
    _calls_in,
    _dotted,
    _is_label,
    _nodes_in,
    _string_value,
)
from migrator.python_analysis.test_settings import _TestSettings, _top_level_assignments

_PATCH_OWNERS = frozenset({"mock", "unittest", "mocker", "monkeypatch", "patch"})
_RAISES_CALLS = frozenset({"raises", "assertRaises", "assertRaisesRegex"})
_DOTTED_PATH = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")


class _StandInJudge(_TestSettings):
    """Why a value at a call is test input: the call is patched away, intercepted, expected to raise, or keyed for tests."""

    def _stand_in_reason(self, node: cst.CSTNode, raises: bool = True) -> str | None:
        """The patch, HTTP mock or expected error a value sits under, said for the report; None when a request may go out."""
        child = node
        current = self.parents.get(node)
        while current is not None:
            if isinstance(current, cst.With) and child is current.body:
                for item in current.items:
                    reason = (
                        self._patch_reason(item.item) or self._http_mock(item.item)
                        or (self._raises_reason(item.item) if raises else None)
                    )
                    if reason is not None:
                        return reason
            if isinstance(current, cst.Decorator) and isinstance(self.parents.get(current), cst.FunctionDef):
                reason = self._parametrized_stand_in(current.decorator, self.parents.get(current), raises)  # type: ignore[arg-type]
                if reason is not None:
                    return reason
            if isinstance(current, (cst.FunctionDef, cst.ClassDef)):
                reason = self._patched_definition(current)
                if reason is not None:
                    return reason
            child, current = current, self.parents.get(current)
        return None

    def _parametrized_stand_in(self, decorator: cst.BaseExpression, test: cst.FunctionDef, raises: bool) -> str | None:
        """``@pytest.mark.parametrize("bad", [dict(model="deepseek-chat"), ...])`` on a test that hands ``bad`` only
        to calls under a patch, an HTTP mock or an expected error: each value is test input, as it would be written
        there. Each use must be an argument of a call that is not an SDK request, or merged into a dict display that
        is one (``**{**ARGS, **bad}``); a value put in a body or a named dict first may be sent, and an SDK request
        expected to fail is still sent."""
        if not (isinstance(decorator, cst.Call) and _dotted(decorator.func)[-1:] == ("parametrize",) and decorator.args):
            return None
        names = {name.strip() for name in (_string_value(decorator.args[0].value) or "").split(",") if name.strip()}
        uses = [
            node for node in _nodes_in(test.body)
            if isinstance(node, cst.Name) and node.value in names and not _is_label(node, self.parents)
        ]
        reasons = []
        for use in uses:
            value: cst.CSTNode = use
            if isinstance(self.parents.get(use), cst.StarredDictElement):  # **{**ARGS, **bad}: merged on the way in
                value = self.parents.get(self.parents.get(use))  # type: ignore[assignment]
            holder = self.parents.get(value)
            call = self.parents.get(holder) if isinstance(holder, cst.Arg) and holder.value is value else None
            if not isinstance(call, cst.Call) or self._sdk_request(call):
                return None  # put in a body, or into an SDK request: still sent, even when expected to fail
            reasons.append(self._stand_in_reason(use, raises=raises))
        if not uses or not all(reasons):
            return None
        return f"{reasons[0]}, as the parametrized {uses[0].value}"

    def _test_function(self, node: cst.CSTNode) -> cst.FunctionDef | None:
        """The ``test_*`` function, or the method of a ``Test*`` class, that ``node`` is in."""
        current = self.parents.get(node)
        method: cst.FunctionDef | None = None
        while current is not None:
            if isinstance(current, cst.FunctionDef):
                if _TEST_FUNCTION.match(current.name.value):
                    return current
                method = method or current
            if isinstance(current, cst.ClassDef) and _TEST_CLASS.match(current.name.value):
                return method
            current = self.parents.get(current)
        return None

    def _built_http_mock(self, definition: cst.FunctionDef) -> str | None:
        """``httpx.Client(transport=httpx.MockTransport(handler))`` built in the test: its HTTP never leaves."""
        for call in _calls_in(definition):
            reason = self._http_mock(call)
            if reason is not None:
                return reason
        return None

    def _http_mock(self, expression: cst.BaseExpression) -> str | None:
        """``respx.mock``, ``responses.activate``, ``aioresponses()``: HTTP intercepted before it leaves."""
        target = expression.func if isinstance(expression, cst.Call) else expression
        dotted = ".".join(_dotted(target) or ())
        return f"under {dotted} (HTTP is intercepted)" if dotted and dotted in self.vocab.http_mocks else None

    def _patched_definition(self, definition: cst.FunctionDef | cst.ClassDef) -> str | None:
        """``@patch("app.OpenAI")`` or ``@respx.mock`` on the test or its class, an HTTP mock fixture, or ``mocker.patch(...)`` in it."""
        for decorator in definition.decorators:
            reason = self._patch_reason(decorator.decorator) or self._http_mock(decorator.decorator)
            if reason is not None:
                return reason
        if isinstance(definition, cst.ClassDef):
            return None
        for param in definition.params.params:
            if param.name.value in self.vocab.http_mock_fixtures:  # def test_x(respx_mock): pytest's HTTP mock
                return f"with the {param.name.value} fixture (HTTP is intercepted)"
        if definition not in self.patched_bodies:
            reasons = [self._patch_reason(call) for call in _top_level_calls(definition.body)]
            if _TEST_FUNCTION.match(definition.name.value):
                reasons += [self._replaced_transport(statement) for statement in _top_level_assignments(definition.body)]
                reasons.append(self._built_http_mock(definition))
            self.patched_bodies[definition] = next((reason for reason in reasons if reason is not None), None)
        return self.patched_bodies[definition]

    def _replaced_transport(self, assignment: cst.Assign) -> str | None:
        """``provider._call_api = mock_call_api`` in a test: a transport replaced by a double by hand."""
        value = assignment.value
        double = isinstance(value, cst.Lambda) or (
            isinstance(value, (cst.Name, cst.Attribute, cst.Call))
            and self.mock_name.search(".".join(_dotted(value.func if isinstance(value, cst.Call) else value) or ()))
        )
        for target in assignment.targets:
            name = target.target.attr.value if isinstance(target.target, cst.Attribute) else ""
            if double and name and not name.isupper() and re.fullmatch(self.vocab.patched_transport_pattern, name):
                return f"with {name} replaced by a test double (nothing is sent)"
        return None

    def _patch_reason(self, expression: cst.BaseExpression) -> str | None:
        """``patch("app.OpenAI")``, ``patch.object(client, "create")``, ``monkeypatch.setattr(...)`` of a transport."""
        if not isinstance(expression, cst.Call):
            return None
        kind = _patch_kind(_dotted(expression.func) or ())
        if kind is None:
            return None
        for target in _patch_targets(expression, kind):
            if not target.isupper() and re.fullmatch(self.vocab.patched_transport_pattern, target):
                return f"under a patched {target} (nothing is sent)"
        return None

    def _raises_reason(self, expression: cst.BaseExpression) -> str | None:
        if isinstance(expression, cst.Call):
            segments = _dotted(expression.func)
            if segments and segments[-1] in _RAISES_CALLS:
                return f"in a call expected to raise ({'.'.join(segments)})"
        return None

    def _site_stand_in(
        self,
        node: cst.CSTNode,
        placement: _Placement,
        reached: dict[Owner, list[RequestContext]],
        reached_calls: dict[Owner, list[cst.Call]],
    ) -> str | None:
        """Why a model value in test code is only test input, or None.

        At a call: the call is patched away, expected to raise, or given a
        test key. Through a name: every request that reads it is. An ID that
        is knowledge only by default (handed to an unknown call) is test input
        under a patch or an expected error.
        """
        if placement.role == ROLE_MODEL:
            reason = self._environment_stand_in(node, placement.call) or self._mocked_client(node, placement.call)
            if reason is not None:  # os.environ["DEEPSEEK_MOCK_URL"] = "http://localhost:8000/v1/chat/completions"
                return reason
        if placement.role == ROLE_MODEL and placement.call is not None:
            call = placement.call
            reason = self._stand_in_reason(node, raises=not self._sdk_request(call)) or self._test_key_reason(call)
            in_a_test = self._test_function(node) is not None
            if reason is None and in_a_test:
                reason = self._object_refused_for_its_key(call)
            if reason is not None or in_a_test:
                return reason
        if placement.role == ROLE_REFERENCE and self._handed_to_unknown_call(node):
            return self._stand_in_reason(node)
        if (
            placement.role == ROLE_MODEL and placement.payload is None and placement.owner not in reached
            and self._test_function(node) is not None
        ):  # provider.config.model = "deepseek-chat" in a test whose transport is patched
            return self._stand_in_reason(node, raises=False)
        if (
            placement.role == ROLE_MODEL and placement.payload is not None and self._test_function(node) is not None
            and self._body_request(placement.payload, placement.owner) is None
        ):  # provider.chat_complete(Request.model_validate({"model": ...})) in a test whose transport is patched
            return self._stand_in_reason(node, raises=False)
        if placement.role == ROLE_MODEL and self._test_function(node) is None:
            helper = self._helper_reason(node)
            if helper is not None:  # def request(): return LLMRequest(model_name=...), called only under @respx.mock
                return helper
        calls = reached_calls.get(placement.owner, []) if placement.owner is not None else []
        if placement.role == ROLE_MODEL and placement.payload is None and calls and len(calls) == len(reached[placement.owner]):
            # every reader is a call (a body posted elsewhere is a request of its own), and each one is a stand-in
            reasons = [
                self._stand_in_reason(call, raises=not self._sdk_request(call)) or self._test_key_reason(call)
                for call in calls
            ]
            if all(reasons):
                return reasons[0]
        return None

    def _mocked_client(self, node: cst.CSTNode, call: cst.Call | None) -> str | None:
        """``llm = DeepSeekLLM(model="deepseek-chat")`` (or ``llm.model = "deepseek-chat"``), then
        ``llm._client = MagicMock()`` in the same function: whatever the object sends goes to the mock.

        The mock must be built there (directly or through a name bound to it)
        and set on a transport attribute (``client``, ``async_client``,
        ``session``: the pack's ``patched-transport-pattern``).
        """
        holder = call if call is not None else node
        statement = self.parents.get(holder)
        if isinstance(statement, cst.AssignTarget):
            return None
        target = statement.targets[0].target if isinstance(statement, cst.Assign) and len(statement.targets) == 1 else None
        if call is None:  # llm.model = "deepseek-chat": the object is what the attribute is set on
            name = target.value.value if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) else None
        else:  # llm = DeepSeekLLM(model="deepseek-chat")
            name = target.value if isinstance(target, cst.Name) and statement.value is call else None  # type: ignore[union-attr]
        function = next((item for item in self._ancestors(holder)[::-1] if isinstance(item, cst.FunctionDef)), None)
        if name is None or function is None:
            return None
        statements = [item for item in _nodes_in(function.body) if isinstance(item, cst.Assign)]
        if sum(isinstance(t.target, cst.Name) and t.target.value == name for item in statements for t in item.targets) > 1:
            return None  # the name is bound again: the mock may go on another object
        built = {  # names bound in the function to a mock: client = Mock()
            assigned.target.value
            for item in statements if self._builds_a_mock(item.value)
            for assigned in item.targets if isinstance(assigned.target, cst.Name)
        }
        mocked = ""
        for item in statements:
            target = item.targets[0].target if len(item.targets) == 1 else None
            if not (isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == name):
                continue
            if not re.fullmatch(self.vocab.patched_transport_pattern, target.attr.value.lstrip("_")):
                continue
            mock = self._builds_a_mock(item.value) or isinstance(item.value, cst.Name) and item.value.value in built
            if not mock or not self._always_runs(item, function):
                return None  # a real client set too, or a mock only in a branch (no key: mock)
            mocked = mocked or f"its {target.attr.value} is replaced by a mock"
        return mocked or None

    def _object_refused_for_its_key(self, call: cst.Call) -> str | None:
        """``llm = DeepSeekLLM(api_key="", model="deepseek-chat")``, then ``with pytest.raises(ValueError,
        match="API key not set"): llm.chat(...)``: an object built with an empty key, used in the test only where
        the test expects an error about its key. Nothing it sends can be accepted, whatever the model.

        Narrow on purpose: a class may replace an empty key by the
        environment's (``api_key or os.environ[...]``), and a test that expects
        another error (a rate limit, a timeout, a bad request) may send. A use
        outside such a block, or the name bound twice, keeps the finding.
        """
        statement = self.parents.get(call)
        target = statement.targets[0].target if isinstance(statement, cst.Assign) and len(statement.targets) == 1 else None
        function = next((item for item in self._ancestors(call)[::-1] if isinstance(item, cst.FunctionDef)), None)
        if not isinstance(target, cst.Name) or statement.value is not call or function is None:  # type: ignore[union-attr]
            return None
        name = (_dotted(call.func) or ("",))[-1]
        empty_key = any(
            arg.keyword is not None and re.fullmatch(r"(?i)api_?key", arg.keyword.value) and _string_value(arg.value) == ""
            for arg in call.args
        )
        if not (name[:1].isupper() and empty_key) or self._sdk_request(call):
            return None
        uses = [
            node for node in _nodes_in(function.body)
            if isinstance(node, cst.Name) and node.value == target.value and node is not target
        ]
        if not uses or not all(self._expects_an_api_key_error(use) for use in uses):
            return None
        return "its every use expects an error about the API key"

    def _expects_an_api_key_error(self, node: cst.CSTNode) -> bool:
        """Inside ``with pytest.raises(..., match="...API key...")`` or ``self.assertRaisesRegex(..., "...api_key...")``
        (outside any lambda or nested function, which may run elsewhere). A "missing key" of a JSON reply is no
        API key."""
        for item in self._ancestors(node)[::-1]:
            if isinstance(item, (cst.Lambda, cst.FunctionDef)):
                return False
            if isinstance(item, cst.With):
                for with_item in item.items:
                    expected = with_item.item
                    if not (isinstance(expected, cst.Call) and (_dotted(expected.func) or ("",))[-1] in _RAISES_CALLS):
                        continue
                    texts = [  # the message: any positional after the exception class, or match= / expected_regex=
                        _string_value(arg.value) or "" for arg in expected.args
                        if (arg.keyword is None and arg is not expected.args[0])
                        or (arg.keyword is not None and arg.keyword.value in ("match", "expected_regex"))
                    ]
                    if any(re.search(r"(?i)\bapi[ _-]?key\b", text) for text in texts):
                        return True
        return False

    def _always_runs(self, statement: cst.CSTNode, function: cst.FunctionDef) -> bool:
        """Does the statement run whenever the function does: nothing but ``with`` blocks between them?"""
        for item in self._ancestors(statement)[::-1]:
            if item is function:
                return True
            if not isinstance(item, (cst.With, cst.IndentedBlock, cst.SimpleStatementLine)):
                return False
        return False

    def _builds_a_mock(self, expression: cst.BaseExpression) -> bool:
        """``MagicMock()``, ``AsyncMock(spec=...)``: a call of one of the pack's ``mock-builders``."""
        return isinstance(expression, cst.Call) and (_dotted(expression.func) or ("",))[-1] in self.vocab.mock_builders

    def _helper_reason(self, node: cst.CSTNode) -> str | None:
        """A module-level helper that only tests call, each one patched or mocked: what it builds is test input.

        Every call must be in a test function here (so the helper is the
        tests' own, not code that other modules may call for real).
        """
        helper = next((n for n in self._ancestors(node)[::-1] if isinstance(n, cst.FunctionDef)), None)
        if helper is None or not isinstance(self.parents.get(helper), cst.Module):
            return None  # only the module's own top-level helpers
        try:
            scope = self.get_metadata(Scopes, helper)
        except KeyError:
            return None
        reads = [
            access.node
            for assignment in (scope.assignments[helper.name.value] if scope is not None else ())
            if getattr(assignment, "node", None) is helper
            for access in assignment.references
        ]
        if not reads or not all(isinstance(self.parents.get(read), cst.Call) and self._test_function(read) for read in reads):
            return None
        reasons = [self._stand_in_reason(read, raises=False) for read in reads]
        return f"built by {helper.name.value}() for tests only, {reasons[0]}" if all(reasons) else None

    def _sdk_request(self, call: cst.Call) -> bool:
        """A request shape the pack knows (``chat.completions.create``): sent even when a test expects it to fail."""
        return self._request(call).shape is not None

    def _handed_to_unknown_call(self, node: cst.CSTNode) -> bool:
        """Is the ID (or a list holding it) an argument of a call not named as a lookup, check or assertion?

        Such an ID is knowledge only by default (``register("deepseek-chat")``);
        under a patched client or an expected error it is plain test input.
        """
        holder = self.parents.get(node)
        if isinstance(holder, cst.Element):
            sequence = self.parents.get(holder)
            holder = self.parents.get(sequence) if isinstance(sequence, (cst.List, cst.Tuple)) else None
        call = self.parents.get(holder) if isinstance(holder, cst.Arg) else None
        if not isinstance(call, cst.Call):
            return False
        name = (_dotted(call.func) or ("",))[-1]
        return not (
            re.search(self.vocab.lookup_name_pattern, name)
            or name in self.vocab.mock_assertions
            or name in self.vocab.reference_methods
            or name.startswith("assert")  # self.assertEqual(kwargs["model"], "deepseek-chat"): a check of the ID
        )


def _patch_kind(segments: tuple[str, ...] | list[str]) -> str | None:
    """"patch" for ``patch``/``mock.patch``/``mocker.patch``, "object" or "setattr" for theirs; None for anything else."""
    if not segments:
        return None
    if segments[-1] == "patch" and (len(segments) == 1 or segments[-2] in _PATCH_OWNERS):
        return "patch"
    if len(segments) >= 2 and segments[-1] == "object" and segments[-2] == "patch":
        return "object"
    if len(segments) >= 2 and segments[-1] == "setattr" and segments[-2] == "monkeypatch":
        return "setattr"
    return None


def _patch_targets(call: cst.Call, kind: str) -> list[str]:
    """The names a patch replaces: the last part of a dotted target, or the attribute named."""
    positional = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
    texts = [_string_value(value) for value in positional[:2]]
    first = texts[0] if texts else None
    if kind == "patch":
        return [first.rsplit(".", 1)[-1]] if first and _DOTTED_PATH.fullmatch(first) else []
    if len(texts) > 1 and texts[1]:  # patch.object(client, "create"), monkeypatch.setattr(module, "OpenAI", ...)
        return [texts[1]]
    if kind == "setattr" and first and _DOTTED_PATH.fullmatch(first):  # monkeypatch.setattr("app.llm.OpenAI", fake)
        return [first.rsplit(".", 1)[-1]]
    return []


def _top_level_calls(body: cst.BaseSuite) -> list[cst.Call]:
    """Calls that are whole statements in a function's own body (``mocker.patch("app.OpenAI")``)."""
    calls = []
    statements = body.body if isinstance(body, cst.IndentedBlock) else ()
    for statement in statements:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            value = small.value if isinstance(small, (cst.Expr, cst.Assign)) else None
            if isinstance(value, cst.Call):
                calls.append(value)
    return calls
