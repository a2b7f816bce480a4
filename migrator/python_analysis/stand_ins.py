"""Test code where nothing is sent: calls under a patched client, calls expected to raise.

``with patch("app.llm.OpenAI"): Reasoner(model_id="deepseek-chat")`` builds
the project's wrapper around a mock, and ``with pytest.raises(ValueError):
Reasoner(model_id="deepseek-chat")`` checks that it refuses to start: the
model is test input either way, not a request that fails after retirement.
What counts as a transport (``OpenAI``, ``httpx.post``, ``client``) is the
pack's ``patched-transport-pattern``; patching ``time.sleep`` or
``os.environ`` stops nothing.
"""

from __future__ import annotations

import re

import libcst as cst

from migrator.python_analysis.providers import _ProviderJudge
from migrator.python_analysis.syntax import _dotted, _string_value

_PATCH_CALLS = frozenset({"patch", "setattr"})
_PATCH_OWNERS = frozenset({"mock", "unittest", "mocker", "monkeypatch", "patch"})
_RAISES_CALLS = frozenset({"raises", "assertRaises", "assertRaisesRegex"})


class _StandInJudge(_ProviderJudge):
    """Why a value at a call is test input: the call is patched away, expected to raise, or given a test key."""

    def _stand_in_reason(self, node: cst.CSTNode) -> str | None:
        """The patch or the expected error a value sits under, said for the report; None when a request may go out."""
        child = node
        current = self.parents.get(node)
        while current is not None:
            if isinstance(current, cst.With) and child is current.body:
                for item in current.items:
                    reason = self._patch_reason(item.item) or self._raises_reason(item.item) or self._http_mock(item.item)
                    if reason is not None:
                        return reason
            if isinstance(current, (cst.FunctionDef, cst.ClassDef)):
                reason = self._patched_definition(current)
                if reason is not None:
                    return reason
            child, current = current, self.parents.get(current)
        return None

    def _test_key_reason(self, call: cst.Call) -> str | None:
        """A test function that gives its client a test key (``api_key="test_key"``): DeepSeek would refuse every request.

        The key may sit on the request's own call, on its client's
        constructor, or on any other call of the same test (``generate(req,
        api_key="sk-test")``). Placeholders (``"sk-xxx"``, ``"<your key>"``)
        are not test keys: a demo that asks for a key is a request once the
        key is filled in.
        """
        test = self._test_function(call)
        if test is None:
            return None
        client = self._client_of(call.func, 0)
        key = self._test_key(client) if client is not None else None
        if key is None:
            if test not in self.test_keys:
                keys = (self._test_key(inner) for inner in _calls_in(test))
                self.test_keys[test] = next((found for found in keys if found is not None), None)
            key = self.test_keys[test]
        return f"in a test whose client gets the test key {key!r} (nothing reaches DeepSeek)" if key else None

    def _test_key(self, call: cst.Call) -> str | None:
        """The test key a call passes (``api_key="sk-test"``, or a name bound to one), if any."""
        for arg in call.args:
            keyword = arg.keyword.value.lower() if arg.keyword is not None else ""
            if not (keyword.endswith("api_key") or keyword == "key"):
                continue
            value = self._value_of(arg.value) if isinstance(arg.value, cst.Name) else arg.value
            text = _string_value(value) if value is not None else None
            if text is not None and re.fullmatch(self.vocab.test_key_pattern, text):
                return text
        return None

    def _test_function(self, node: cst.CSTNode) -> cst.FunctionDef | None:
        """The ``test_*`` function, or the method of a ``Test*`` class, that ``node`` is in."""
        current = self.parents.get(node)
        method: cst.FunctionDef | None = None
        while current is not None:
            if isinstance(current, cst.FunctionDef):
                if current.name.value.startswith("test"):
                    return current
                method = method or current
            if isinstance(current, cst.ClassDef) and current.name.value.startswith("Test"):
                return method
            current = self.parents.get(current)
        return None

    def _http_mock(self, expression: cst.BaseExpression) -> str | None:
        """``respx.mock``, ``responses.activate``, ``aioresponses()``: HTTP intercepted before it leaves."""
        target = expression.func if isinstance(expression, cst.Call) else expression
        dotted = ".".join(_dotted(target) or ())
        return f"under {dotted} (HTTP is intercepted)" if dotted and dotted in self.vocab.http_mocks else None

    def _patched_definition(self, definition: cst.FunctionDef | cst.ClassDef) -> str | None:
        """``@patch("app.OpenAI")`` on the test or its class, or ``mocker.patch(...)`` among the test's statements."""
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
            reasons = (self._patch_reason(call) for call in _top_level_calls(definition.body))
            self.patched_bodies[definition] = next((reason for reason in reasons if reason is not None), None)
        return self.patched_bodies[definition]

    def _patch_reason(self, expression: cst.BaseExpression) -> str | None:
        """``patch("app.OpenAI")``, ``patch.object(client, "create")``, ``monkeypatch.setattr(...)`` of a transport."""
        if not isinstance(expression, cst.Call):
            return None
        segments = _dotted(expression.func)
        if not segments:
            return None
        patches = segments[-1] == "patch" or (
            len(segments) >= 2 and segments[-1] in ("object", "setattr") and segments[-2] in _PATCH_OWNERS | {"patch"}
        )
        if not patches or segments[-1] == "dict":
            return None
        for target in _patch_targets(expression, segments[-1]):
            if re.search(self.vocab.patched_transport_pattern, target):
                return f"under a patched {target} (nothing is sent)"
        return None

    def _raises_reason(self, expression: cst.BaseExpression) -> str | None:
        if isinstance(expression, cst.Call):
            segments = _dotted(expression.func)
            if segments and segments[-1] in _RAISES_CALLS:
                return f"in a call expected to raise ({'.'.join(segments)})"
        return None


def _patch_targets(call: cst.Call, kind: str) -> list[str]:
    """The names a patch replaces: the last part of a dotted target, or the attribute named."""
    positional = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
    texts = [_string_value(value) for value in positional[:2]]
    if kind == "patch" and texts and texts[0]:
        return [texts[0].rsplit(".", 1)[-1]]
    if kind in ("object", "setattr"):
        if len(texts) > 1 and texts[1]:  # patch.object(client, "create"), monkeypatch.setattr(module, "OpenAI", ...)
            return [texts[1]]
        if texts and texts[0]:  # monkeypatch.setattr("app.llm.OpenAI", fake)
            return [texts[0].rsplit(".", 1)[-1]]
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


def _calls_in(node: cst.CSTNode) -> list[cst.Call]:
    """Every call inside ``node``, nested ones included."""
    found: list[cst.Call] = []
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, cst.Call):
            found.append(current)
        pending.extend(current.children)
    return found
