"""What a test gives its clients and its environment: test keys and base URLs that send nothing to DeepSeek.

``LLM(model="deepseek-chat", api_key="sk-test")`` in a ``test_*`` function,
or ``monkeypatch.setenv("DEEPSEEK_API_KEY", "test")``: DeepSeek would refuse
the key, so the request sends nothing. ``os.environ["DEEPSEEK_MOCK_URL"] =
"http://localhost:8000/v1"``: the requests go to a local server.
"""

from __future__ import annotations

import re

import libcst as cst

from migrator.facts import PROVIDER_DEEPSEEK, PROVIDER_FOREIGN
from migrator.python_analysis.names import _decorator_name
from migrator.python_analysis.requests import _RequestDescriber
from migrator.python_analysis.syntax import _TEST_FUNCTION, _calls_in, _dotted, _nodes_in, _string_value


class _TestSettings(_RequestDescriber):
    """Test keys and base URLs a test function gives its clients, directly or through the environment."""

    def _test_key_reason(self, call: cst.Call) -> str | None:
        """A test function whose client gets a key that is not a live one: DeepSeek would refuse every request.

        The key may sit on the request's own call or its client's constructor;
        when neither passes one, on another call of the same test
        (``generate(req, api_key="sk-test")``) or in the environment the test
        sets (``monkeypatch.setenv("DEEPSEEK_API_KEY", "test-key")``). In a
        test, a literal key that does not look live (the pack's
        ``live-key-pattern``) is a test key; outside tests, placeholders such
        as ``"sk-xxx"`` are a demo's request once the key is filled in.
        """
        test = self._test_function(call)
        client = self._client_of(call.func, 0)
        own = [candidate for candidate in (call, client) if candidate is not None and _passes_key(candidate)]
        if test is None and not (own and self._in_test_support(call)):
            return None
        if own:
            keys = [self._test_key(candidate) for candidate in own]
            key = next((found for found in keys if found is not None), None)
        else:
            if test not in self.test_keys:
                found_keys = [self._test_key(inner) for inner in _calls_in(test)] + [self._environment_key(test)]
                self.test_keys[test] = next((found for found in found_keys if found is not None), None)
            key = self.test_keys[test]
        return f"in a test whose client gets the test key {key!r} (nothing reaches DeepSeek)" if key else None

    def _test_key(self, call: cst.Call) -> str | None:
        """The test key a call passes (``api_key="sk-test"``, or a name bound to one), if any."""
        for arg in call.args:
            if not _is_key_keyword(arg):
                continue
            value = self._value_of(arg.value) if isinstance(arg.value, cst.Name) else arg.value
            value = self._unwrapped_key(value) if value is not None else None
            text = _string_value(value) if value is not None else None
            if text is not None and self._not_live(text):
                return text
        return None

    def _in_test_support(self, node: cst.CSTNode) -> bool:
        """Inside a ``@pytest.fixture``, or a module-level function only tests call (``def _provider(handler):
        return DeepSeekProvider(api_key="test", ...)``): an object built there with a test key sends nothing to
        DeepSeek, whoever uses it. A function nothing calls, or one other code calls or hands on, is not a test's."""
        function = next((item for item in self._ancestors(node) if isinstance(item, cst.FunctionDef)), None)
        if function is None:
            return False
        if _is_fixture(function):
            return True
        if self.parents.get(function) is not self.module:
            return False
        if function not in self.test_helpers:
            self.test_helpers[function] = self._only_tests_call(function)
        return self.test_helpers[function]

    def _only_tests_call(self, function: cst.FunctionDef) -> bool:
        """Is every other use of the function's name a call of it in a test function or a fixture (and is there one)?"""
        name = function.name.value
        calls = 0
        for node in _nodes_in(self.module):
            if not isinstance(node, cst.Name) or node.value != name or node is function.name:
                continue
            call = self.parents.get(node)
            if not (isinstance(call, cst.Call) and call.func is node):
                return False
            test = self._test_function(call)
            if test is None or _TEST_FUNCTION.match(test.name.value) is None:
                fixture = next((item for item in self._ancestors(call) if isinstance(item, cst.FunctionDef)), None)
                if fixture is None or not _is_fixture(fixture):
                    return False
            calls += 1
        return calls > 0

    def _unwrapped_key(self, value: cst.BaseExpression) -> cst.BaseExpression:
        """The key inside a wrapper that only hides it (``SecretStr("test_key")``, the pack's ``secret-wrappers``)."""
        if (
            isinstance(value, cst.Call) and len(value.args) == 1 and value.args[0].keyword is None
            and not value.args[0].star and ".".join(_dotted(value.func) or ()) in self.vocab.secret_wrappers
        ):
            return value.args[0].value
        return value

    def _environment_key(self, test: cst.FunctionDef) -> str | None:
        """An API key the test puts in the environment that is not a live one."""
        return next(
            (value for name, value in _environment_settings(test)
             if name.upper().endswith("API_KEY") and self._not_live(value)),
            None,
        )

    def _environment_url(self, test: cst.FunctionDef) -> str | None:
        """A DeepSeek or SDK base URL the test points at another server (``DEEPSEEK_MOCK_URL=http://localhost:8000``).

        Only a variable named for DeepSeek and for a URL, or one the SDKs
        read (``base-url-env-vars``); a tracing or cache host
        (``LANGFUSE_HOST``, ``REDIS_URL``) says nothing about the requests.
        """
        verdicts = {}
        for name, value in _environment_settings(test):
            upper = name.upper()
            named = "DEEPSEEK" in upper and re.search(r"(URL|BASE|ENDPOINT)$", upper) is not None
            if named or upper in self.vocab.base_url_env_vars:
                verdicts[value] = self.catalog.url_verdict(value)
        if PROVIDER_DEEPSEEK in verdicts.values():
            return None  # it also points a variable at DeepSeek: which one the code reads, the test does not show
        return next((value for value, verdict in verdicts.items() if verdict == PROVIDER_FOREIGN), None)

    def _base_url_given(self, call: cst.Call) -> bool:
        """Does the call, or its client's constructor, pass a base URL of its own?"""
        client = self._client_of(call.func, 0)
        return any(
            arg.keyword is not None and arg.keyword.value in self.vocab.base_url_keywords
            for candidate in (call, client) if candidate is not None for arg in candidate.args
        )

    def _environment_stand_in(self, node: cst.CSTNode, call: cst.Call | None) -> str | None:
        """In a test that points the requests' base URL at another server, unless the request names DeepSeek's own."""
        test = self._test_function(node)
        url = self._environment_url(test) if test is not None else None
        if url is None or call is not None and (
            self._request(call).provider == PROVIDER_DEEPSEEK or self._base_url_given(call)
        ):
            return None  # OpenAI(base_url=...): the SDK reads no base URL from the environment then
        return f"in a test that points the environment at {url} (nothing reaches DeepSeek)"

    def _not_live(self, key: str) -> bool:
        return re.fullmatch(self.vocab.live_key_pattern, key) is None


def _is_fixture(function: cst.FunctionDef) -> bool:
    return any(_decorator_name(decorator) == "fixture" for decorator in function.decorators)


def _is_key_keyword(arg: cst.Arg) -> bool:
    keyword = arg.keyword.value.lower() if arg.keyword is not None else ""
    return keyword.endswith("api_key") or keyword == "key"


def _passes_key(call: cst.Call) -> bool:
    return any(_is_key_keyword(arg) for arg in call.args)


def _environment_settings(test: cst.FunctionDef) -> list[tuple[str, str]]:
    """(name, value) of what a test puts in the environment: ``monkeypatch.setenv``, ``patch.dict``, ``os.environ[...] =``."""
    settings: list[tuple[str, str]] = []
    for call in _calls_in(test):
        segments = _dotted(call.func) or ()
        values = [arg.value for arg in call.args]
        if segments[-1:] == ("setenv",) and len(values) >= 2:
            pairs = [(values[0], values[1])]
        elif segments[-1:] == ("dict",) and len(values) >= 2 and isinstance(values[1], cst.Dict):
            pairs = [(item.key, item.value) for item in values[1].elements if isinstance(item, cst.DictElement)]
        else:
            continue
        settings.extend((name, value) for name, value in ((_string_value(n), _string_value(v)) for n, v in pairs)
                        if name is not None and value is not None)
    for assignment in _top_level_assignments(test.body):
        target = assignment.targets[0].target if assignment.targets else None
        index = target.slice[0].slice if isinstance(target, cst.Subscript) and len(target.slice) == 1 else None
        name = _string_value(index.value) if isinstance(index, cst.Index) else None
        value = _string_value(assignment.value)
        if name is not None and value is not None:
            settings.append((name, value))  # os.environ["DEEPSEEK_API_KEY"] = "test"
    return settings


def _top_level_assignments(body: cst.BaseSuite) -> list[cst.Assign]:
    statements = body.body if isinstance(body, cst.IndentedBlock) else ()
    return [
        small
        for statement in statements
        if isinstance(statement, cst.SimpleStatementLine)
        for small in statement.body
        if isinstance(small, cst.Assign)
    ]
