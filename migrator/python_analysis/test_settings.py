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
from migrator.python_analysis.requests import _RequestDescriber
from migrator.python_analysis.syntax import _calls_in, _dotted, _string_value


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
        if test is None:
            return None
        client = self._client_of(call.func, 0)
        own = [candidate for candidate in (call, client) if candidate is not None and _passes_key(candidate)]
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
            text = _string_value(value) if value is not None else None
            if text is not None and self._not_live(text):
                return text
        return None

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
