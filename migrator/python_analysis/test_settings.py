"""What a test gives its clients and its environment: test keys and base URLs that send nothing to DeepSeek.

``LLM(model="deepseek-chat", api_key="sk-test")`` (or ``SecretStr("sk-test")``)
in a ``test_*`` function, or ``monkeypatch.setenv("DEEPSEEK_API_KEY", "test")``:
DeepSeek would refuse the key, so the request sends nothing.
``os.environ["DEEPSEEK_MOCK_URL"] = "http://localhost:8000/v1"``: the requests
go to a local server.

A test key must be certain: a name also bound to an environment read, a key
set again after the client is built, a test marked live, or one that module
code runs (a demo script's ``test_connection()``) is a request whose
placeholder the user fills in. Fixtures and module-level helpers are not
tests: two reviews found them serving live tests elsewhere.
"""

from __future__ import annotations

import re

import libcst as cst

from migrator.facts import PROVIDER_DEEPSEEK, PROVIDER_FOREIGN
from migrator.python_analysis.requests import _RequestDescriber
from migrator.python_analysis.syntax import _calls_in, _dotted, _nodes_in, _string_value
from migrator.python_analysis.walk import children


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
        if test is None or self._run_as_a_script(test) or self._marked_live(test):
            return None  # a test that __main__ runs, or one marked live, is run once its placeholder key is filled in
        client = self._client_of(call.func, 0)
        own = [candidate for candidate in (call, client) if candidate is not None and self._passes_key(candidate)]
        if own:
            if any(self._key_set_after(candidate) for candidate in own):
                return None  # client.api_key = os.environ[...] after building it: the request may be live
            keys = [self._test_key(candidate) for candidate in own]
            key = next((found for found in keys if found is not None), None)
        else:
            if test not in self.test_keys:
                found_keys = [self._test_key(inner) for inner in _calls_in(test)] + [self._environment_key(test)]
                self.test_keys[test] = next((found for found in found_keys if found is not None), None)
            key = self.test_keys[test]
        return f"in a test whose client gets the test key {key!r} (nothing reaches DeepSeek)" if key else None

    def _test_key(self, call: cst.Call) -> str | None:
        """The test key a call passes (``api_key="sk-test"``, or a name every binding of which is one), if any.

        Every key the call passes must be a test key: ``key="deepseek"`` beside
        ``api_key=os.environ[...]`` is not, and neither is a name the code binds
        to an environment read anywhere (``except KeyError: API_KEY = "not-set"``).
        """
        found = None
        for arg in call.args:
            if not self._is_key_keyword(arg):
                continue
            text = self._literal_key(arg.value)
            if text is None or not self._not_live(text):
                return None
            found = found or text
        return found

    def _literal_key(self, value: cst.BaseExpression) -> str | None:
        """The literal a key argument holds: inside a secret wrapper, or what every binding of a name holds."""
        if not isinstance(value, cst.Name):
            return _string_value(self._unwrapped_key(value))
        texts = []
        for assignment in self._assignments(value):
            bound = self.assigned.get(assignment.node) if isinstance(assignment.node, cst.Name) else None
            text = _string_value(self._unwrapped_key(bound)) if bound is not None else None
            if text is None:
                return None
            texts.append(text)
        return next((text for text in texts if not self._not_live(text)), texts[-1] if texts else None)

    def _marked_live(self, test: cst.FunctionDef) -> bool:
        """A live mark (``@pytest.mark.integration``, the pack's ``live-test-marks``) on the test, its class or the
        module (``pytestmark``): the test runs against the real API once its placeholder key is filled in."""
        owner = self.parents.get(self.parents.get(test))
        parts: list[cst.CSTNode] = [*test.decorators, *(owner.decorators if isinstance(owner, cst.ClassDef) else ())]
        if self.module_marked_live is None:
            self.module_marked_live = any(self._names_a_live_mark(statement) for statement in self.module.body
                                          if not isinstance(statement, (cst.FunctionDef, cst.ClassDef)))
        return self.module_marked_live or any(self._names_a_live_mark(part) for part in parts)

    def _names_a_live_mark(self, root: cst.CSTNode) -> bool:
        return any(
            isinstance(node, cst.Attribute) and node.attr.value in self.vocab.live_test_marks
            and (_dotted(node.value) or ())[-1:] == ("mark",)
            for node in _nodes_in(root)
        )

    def _run_as_a_script(self, function: cst.FunctionDef) -> bool:
        """Does code outside any function reach ``function`` by name, directly or through the module's functions it
        reaches (``if __name__ == "__main__": asyncio.run(main())``, ``button.click(fn=test_connection)``)? Then
        it is a demo the user runs once the key is filled in, not a test."""
        if self.script_reach is None:
            functions = {
                statement.name.value: statement for statement in self.module.body if isinstance(statement, cst.FunctionDef)
            }
            pending = [statement for statement in self.module.body if not isinstance(statement, (cst.FunctionDef, cst.ClassDef))]
            reached: set[str] = set()
            while pending:
                for name in _names_read(pending.pop()):
                    if name not in reached:
                        reached.add(name)
                        if name in functions:
                            pending.append(functions[name].body)
            self.script_reach = frozenset(reached)
        return function.name.value in self.script_reach

    def _key_set_after(self, built: cst.CSTNode) -> bool:
        """Does the function around ``built`` also set a key on something (``client.api_key = ...``,
        ``config["api_key"] = ...``, ``setattr(llm, "api_key", ...)``) or hand one over that is not a literal
        (``llm.model_copy(update={"api_key": SecretStr(os.environ[...])})``)? The key the request uses may be another."""
        function = next((item for item in self._ancestors(built) if isinstance(item, cst.FunctionDef)), None)
        if function is None:
            return False
        for node in _nodes_in(function.body):
            if isinstance(node, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign)):
                target = node.target
                if isinstance(target, cst.Attribute) and _is_key_name(target.attr.value):
                    return True
                if isinstance(target, cst.Subscript) and len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index):
                    if _is_key_name(_string_value(target.slice[0].slice.value) or ""):
                        return True
            elif isinstance(node, cst.Call) and (_dotted(node.func) or ())[-1:] == ("setattr",) and len(node.args) >= 2:
                if _is_key_name(_string_value(node.args[1].value) or ""):
                    return True
            elif isinstance(node, cst.Arg) and node.keyword is not None and _is_key_name(node.keyword.value):
                if self._literal_key(node.value) is None:  # llm.model_copy(update=...), cfg.update(api_key=env)
                    return True
            elif isinstance(node, cst.DictElement) and _is_key_name(_string_value(node.key) or ""):
                if self._literal_key(node.value) is None:  # model_copy(update={"api_key": SecretStr(env)})
                    return True
        return False

    def _is_key_keyword(self, arg: cst.Arg) -> bool:
        """``api_key=``, ``key=``: the model API's key (the pack's ``api-key-keywords``), not ``tavily_api_key=``."""
        return arg.keyword is not None and arg.keyword.value.lower() in self.vocab.api_key_keywords

    def _passes_key(self, call: cst.Call) -> bool:
        return any(self._is_key_keyword(arg) for arg in call.args)

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
        """A key DeepSeek refuses: not live-looking, not empty, and no reference to the environment a loader
        expands (``"${DEEPSEEK_API_KEY}"``, LiteLLM's ``"os.environ/DEEPSEEK_API_KEY"``)."""
        return (
            key != "" and re.fullmatch(self.vocab.live_key_pattern, key) is None
            and re.search(self.vocab.key_reference_pattern, key) is None
        )


def _names_read(root: cst.CSTNode) -> set[str]:
    """The plain names ``root`` reads or hands on, not an attribute's own name (``pytest.main`` reads ``pytest``)."""
    found = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if isinstance(node, cst.Name):
            found.add(node.value)
        pending.extend([node.value] if isinstance(node, cst.Attribute) else children(node))
    return found


def _is_key_name(name: str) -> bool:
    """Any API key's name (``api_key``, ``tavily_api_key``, ``key``): setting one may change what a client sends."""
    lowered = name.lower()
    return lowered.endswith("api_key") or lowered == "key"


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
