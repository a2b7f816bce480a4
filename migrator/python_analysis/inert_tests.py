"""Tests that send nothing: they build an object from a model ID and only inspect it.

``llm = LLM(model="deepseek-chat")`` followed by ``assert llm.model ==
"deepseek-chat"`` checks how the object stores the name; no request is made,
whatever library ``LLM`` comes from. A test counts as inert when it asserts
something, shows no sign of a live test (a live mark, an API key read from
the environment: on it, its class, or the module's top level), and nothing in
it could send:

- no call or method reference is named like a request (a word of the
  pack's ``sending-call-pattern``, or one of its SDK request calls), unless
  the name says it reshapes or builds data (``conversion-call-pattern``,
  ``data-builder-pattern``: ``transform_request``, ``request_to_openai``);
- nothing it holds is called: a local name, an attribute it set, a nested
  function, or the result of another call (``dspy.Predict(...)(...)``); a
  method of an object it holds is called only when named for reading
  (``inspection-method-pattern``: ``llm.get_context_window_size()``) or for
  reshaping data;
- nothing it built is handed to other code (``get_summary(llm, text)``, or
  ``bot.llm = llm`` on a module-level object), builtins that only look,
  copy or serialize aside;
- every function of the module it calls is inert by the same measure,
  whatever its name.

Classes are built, not run, so a constructor never counts as sending. The ID
itself must be handed to a constructor, or to a call named for reshaping,
building or looking up data: ``explain(code, model="deepseek-reasoner")``
is a function that may make the request, whatever its name.
"""

from __future__ import annotations

import re
from collections import Counter

import libcst as cst

from migrator.python_analysis.names import _decorator_name
from migrator.python_analysis.syntax import (
    _ASSERTION_CALL,
    _TEST_FUNCTION,
    _calls_in,
    _dotted,
    _in_assertion,
    _is_assertion,
    _method,
    _nodes_in,
    _string_value,
    _target_names,
)
from migrator.python_analysis.test_doubles import _ModuleDoubles

_MAX_HELPER_DEPTH = 2
# Builtins and standard functions that only look at, copy or serialize what they are given.
_INSPECTING_BUILTINS = frozenset({
    "isinstance", "issubclass", "len", "str", "repr", "type", "id", "hasattr", "getattr", "vars", "dir", "bool",
    "print", "sorted", "list", "tuple", "dict", "set", "frozenset", "iter", "next", "all", "any", "round", "abs",
    "min", "max", "sum", "int", "float", "hash", "enumerate", "zip", "reversed", "dumps", "loads", "copy", "deepcopy",
    "asdict", "astuple", "replace", "pformat",
})


class _InertTests(_ModuleDoubles):
    """Which test functions build and inspect objects without sending anything."""

    def _inert(self, node: cst.CSTNode, call: cst.Call | None) -> str:
        """Why the test around ``node`` sends nothing ("" when it may send, or ``node`` is not in a test).

        ``call`` is the call the ID is handed to as a model, if any.
        """
        test = self._test_function(node)
        if test is None or not _TEST_FUNCTION.match(test.name.value):
            return ""
        if call is not None and not self._builds_data(call):
            return ""
        if test not in self.inert_tests:
            inert = bool(_assertions(test)) and not self._live_test(test) and not self._may_send(test, 0)
            self.inert_tests[test] = "a test that only builds and inspects it (nothing is sent)" if inert else ""
        return self.inert_tests[test]

    def _builds_data(self, call: cst.Call) -> bool:
        """Is the call a constructor, or named for reading, reshaping, building or looking up data (and not for sending)?"""
        segments = _dotted(call.func)
        if not segments or isinstance(call.func, cst.Call):
            return False
        name = segments[-1]
        return name[:1].isupper() or self._reads_or_reshapes(name)

    def _live_test(self, test: cst.FunctionDef) -> bool:
        """A live mark or a key read from the environment: in the test, on it, on its class, or at the module's top level.

        (``pytestmark = pytest.mark.integration``, ``KEY = os.environ["DEEPSEEK_API_KEY"]``; another test's own
        key read does not make this one live.)
        """
        if self.top_level_live is None:  # judged once per module
            self.top_level_live = any(
                self._live_sign(inner) for statement in self.module.body
                if not isinstance(statement, (cst.FunctionDef, cst.ClassDef)) for inner in _nodes_in(statement)
            )
        parts: list[cst.CSTNode] = [test]
        owner = self.parents.get(self.parents.get(test))
        if isinstance(owner, cst.ClassDef):
            parts.extend(owner.decorators)
        return self.top_level_live or any(self._live_sign(inner) for part in parts for inner in _nodes_in(part))

    def _checks_what_it_stored(self, node: cst.CSTNode, call: cst.Call | None) -> bool:
        """Does the test around ``node`` check another value it gave the same call (``LLM(model=...,
        temperature=0.3)`` then ``assert llm.temperature == 0.3``)? The object stores what it is given, so the
        ID is not what drives the test; with ``_echoed`` this says the input is pinned. A test input neither
        echoed nor stored drives what the test checks (a default that differs for the reasoner, a warning
        only the chat model gets)."""
        asserted = self._asserted(node, call)
        given = {_literal_text(arg.value) for arg in call.args if not isinstance(arg.value, cst.Name)} if call else set()
        return any(text in asserted for text in given if text is not None)

    def _echoed(self, node: cst.CSTNode, value: str, legacy_ids: tuple[str, ...], call: cst.Call | None) -> bool:
        """Does the test around ``node`` assert the ID it gave back, as written, with another provider prefix
        (``litellm_model() == "deepseek/deepseek-chat"``), or through the name it binds it to (or ``parametrize``)?"""
        test = self._test_function(node)
        if test is None or not _TEST_FUNCTION.match(test.name.value):
            # built by a helper or fixture of the tests (_make_llm(), a fixture): what the tests using it assert
            return any(_spells(self._assertion_texts(user), value, legacy_ids) for user in self._tests_using(node))
        asserted = self._asserted(node, call)
        return _spells(asserted, value, legacy_ids) or any(name in asserted for name in self._bound_names(node, test))

    def _tests_using(self, node: cst.CSTNode) -> list[cst.FunctionDef]:
        """The tests that use the helper or fixture ``node`` is in: a module-level function they call, or take as a
        pytest fixture by name, or a method of their class they call on ``self``."""
        helper = next((item for item in self._ancestors(node)[::-1] if isinstance(item, cst.FunctionDef)), None)
        if helper is None:
            return []
        owner = self.parents.get(self.parents.get(helper))
        name = helper.name.value
        fixture = any(_decorator_name(decorator) == "fixture" for decorator in helper.decorators)
        users = []
        for test in self._tests():
            if isinstance(owner, cst.ClassDef) and self.parents.get(self.parents.get(test)) is not owner:
                continue  # another class's method or fixture of the same name
            if fixture:  # a pytest fixture, of the module or of the test's class: taken by name
                used = any(param.name.value == name for param in test.params.params)
            else:
                wanted = ("self", name) if isinstance(owner, cst.ClassDef) else (name,)
                used = any(_dotted(call.func) == wanted for call in _calls_in(test))
            if used:
                users.append(test)
        return users

    def _assertion_texts(self, test: cst.FunctionDef) -> Counter[str]:
        """The literals the assertions of a test spell (computed once per test)."""
        if test not in self.asserted_strings:
            self.asserted_strings[test] = Counter(
                text for root in _assertions(test) for inner in _nodes_in(root)
                for text in (_literal_text(inner),) if text is not None
            )
        return self.asserted_strings[test]

    def _asserted(self, node: cst.CSTNode, call: cst.Call | None) -> Counter[str]:
        """The literals the assertions of the test around ``node`` spell, less what the site's own expression spells."""
        test = self._test_function(node)
        if test is None:
            return Counter()
        # What the site's own expression spells does not echo it, even inside an assertion: assert ask("2+2?", model=...)
        own = call if call is not None else node
        inside = _in_assertion(self._ancestors(own)[::-1])
        return self._assertion_texts(test) - (
            Counter(text for inner in _nodes_in(own) for text in (_literal_text(inner),) if text is not None)
            if inside else Counter()
        )

    def _bound_names(self, node: cst.CSTNode, test: cst.FunctionDef) -> set[str]:
        """The names the test binds the value to: ``name = "deepseek-chat"``, or ``parametrize("model", [...])``."""
        current = self.parents.get(node)
        if isinstance(current, cst.Assign) and current.value is node:  # name = "deepseek-chat"
            return {name for target in current.targets for name in _target_names(target.target)}
        while current is not None and current is not test:
            if isinstance(current, cst.Decorator) and isinstance(current.decorator, cst.Call):
                arguments = current.decorator.args
                names = _string_value(arguments[0].value) if arguments else None
                if (_dotted(current.decorator.func) or ("",))[-1] == "parametrize" and names:
                    return {name.strip() for name in names.split(",")}
                return set()
            if isinstance(current, cst.BaseStatement):
                return set()
            current = self.parents.get(current)
        return set()

    def _may_send(self, function: cst.FunctionDef, depth: int) -> bool:
        """Could something in ``function`` make a request?"""
        held = _held_names(function)
        built = held - {param.name.value for param in function.params.params} | {"self"}
        for node in _nodes_in(function.body):
            if isinstance(node, cst.Arg) and isinstance(node.value, cst.Attribute) and self._sending_name(node.value.attr.value):
                return True  # map(llm.invoke, prompts): a sending method handed on, to be called
            if isinstance(node, cst.AssignTarget) and isinstance(node.target, cst.Attribute):
                owner = _dotted(node.target.value)[:1]
                if owner and owner[0] not in held:
                    return True  # bot.llm = ChatDeepSeek(...): handed to a module-level object the test does not own
            if not isinstance(node, cst.Call):
                continue
            segments = _dotted(node.func)
            if not segments or isinstance(node.func, cst.Call):
                return True  # dspy.Predict(...)(...), items[0](...): what is called cannot be told
            name = segments[-1]
            if name in held and (len(segments) == 1 or len(segments) == 2 and segments[0] in ("self", *held)):
                return True  # llm("hi"), h.llm("hi"): an object the test holds, called
            asserts = _ASSERTION_CALL.search(name) is not None
            own = self._own_method(function, name) if segments == ("self", name) else None
            if own is not None:  # self._map(cfg): the test class's own helper, judged by its body
                if depth >= _MAX_HELPER_DEPTH or self._may_send(own, depth + 1) or any(
                    isinstance(arg.value, cst.Name) and arg.value.value in built for arg in node.args
                ):  # self._describe(bot): what the test built, handed on to code that may use it to send
                    return True
                continue
            if len(segments) > 1 and segments[0] in built and not (asserts or self._reads_or_reshapes(name)):
                return True  # bot.describe("hello"): a method of an object the test built may send
            if not (name[:1].isupper() or asserts or name in _INSPECTING_BUILTINS or self._reshapes(name)) and any(
                (isinstance(arg.value, cst.Name) and arg.value.value in built) or self._builds_client(arg.value)
                for arg in node.args
            ):
                # get_summary(llm, text), score(ChatDeepSeek(...), q), score(self._make_llm(), q): what the test
                # built, handed to code that may send with it
                return True
            helper = self._module_function(name) if len(segments) == 1 else None
            if helper is not None:  # a function of this module: what its body does, not its name
                if depth >= _MAX_HELPER_DEPTH or self._may_send(helper, depth + 1):
                    return True
            elif self._sending_name(name):
                return True
        return False

    def _builds_client(self, value: cst.BaseExpression) -> bool:
        """A call that returns a model client to send with: one built here (``ChatDeepSeek(...)``:
        ``model-client-pattern``), or a helper of the test's class or a function of this module that builds one
        (``self._make_llm()``); ``Usage(...)`` or ``self._messages()`` hands on data."""
        if not isinstance(value, cst.Call):
            return False
        segments = _dotted(value.func)
        if not segments:
            return False
        if segments[-1][:1].isupper():
            return self._client_class(value)
        if len(segments) == 2 and segments[0] == "self":
            test = self._test_function(value)
            helper = self._own_method(test, segments[1]) if test is not None else None
        else:
            helper = self._module_function(segments[0]) if len(segments) == 1 else None
        return helper is not None and any(self._client_class(call) for call in _calls_in(helper))

    def _client_class(self, call: cst.Call) -> bool:
        """``ChatDeepSeek(...)``, ``OpenAI(...)``: a model API's client built (``model-client-pattern``)."""
        name = (_dotted(call.func) or ("",))[-1]
        return name[:1].isupper() and re.search(self.vocab.model_client_pattern, name) is not None

    def _sending_name(self, name: str) -> bool:
        if name[:1].isupper() or _ASSERTION_CALL.search(name):
            return False  # a class is built, not run; an assertion reads
        if name in self.request_names:
            return True  # create(), parse(): an SDK's request, whatever else the name says
        if self._reshapes(name):
            return False  # request_to_openai(), build_request(), make_response(): data reshaped or built
        return name in self.vocab.http_calls or re.search(self.vocab.sending_call_pattern, name) is not None

    def _reshapes(self, name: str) -> bool:
        """Named for reshaping or building data (``transform_request``, ``make_response``)."""
        return bool(re.search(self.vocab.conversion_call_pattern, name) or re.search(self.vocab.data_builder_pattern, name))

    def _reads_or_reshapes(self, name: str) -> bool:
        """A method named for reading what its object holds, configuring a copy of it, or reshaping data; not for sending."""
        return not self._sending_name(name) and (
            self._reshapes(name)
            or re.search(self.vocab.inspection_method_pattern, name) is not None
            or re.search(self.vocab.configuring_method_pattern, name) is not None
            or re.search(self.vocab.lookup_name_pattern, name) is not None
        )

    def _own_method(self, function: cst.FunctionDef, name: str) -> cst.FunctionDef | None:
        """``self._map(cfg)`` in a test class: the class's own helper, judged by its body like a module function."""
        owner = self.parents.get(self.parents.get(function))
        return _method(owner, name) if isinstance(owner, cst.ClassDef) else None

    def _module_function(self, name: str) -> cst.FunctionDef | None:
        if self.module_functions is None:  # asked for every call of every test: one pass over the module
            self.module_functions = {}
            for statement in self.module.body:
                if isinstance(statement, cst.FunctionDef):
                    self.module_functions.setdefault(statement.name.value, statement)
        return self.module_functions.get(name)


def _assertions(test: cst.FunctionDef) -> list[cst.CSTNode]:
    """The test's ``assert`` statements and assertion calls (``self.assertEqual``, ``mock.assert_called_with``)."""
    return [node for node in _nodes_in(test.body) if _is_assertion(node)]


def _spells(asserted: Counter[str], value: str, legacy_ids: tuple[str, ...]) -> bool:
    """Do the asserted literals spell the value, or one of its IDs bare or behind another provider prefix?"""
    return value in asserted or any(
        text.endswith((f"/{legacy_id}", f":{legacy_id}")) or text == legacy_id
        for text in asserted for legacy_id in legacy_ids
    )


def _literal_text(node: cst.CSTNode) -> str | None:
    """A string's value, a number's text, or a name (what an assertion may compare)."""
    if isinstance(node, cst.SimpleString):
        return _string_value(node)
    if isinstance(node, (cst.Integer, cst.Float, cst.Name)):
        return node.value
    return None


def _held_names(function: cst.FunctionDef) -> set[str]:
    """What a function holds: its parameters, the names and attributes it assigns, its nested functions."""
    names = {param.name.value for param in function.params.params}
    for node in _nodes_in(function.body):
        if isinstance(node, cst.AssignTarget):
            names.update(_target_names(node.target))
        elif isinstance(node, (cst.AnnAssign, cst.AugAssign)):
            names.update(_target_names(node.target))
        elif isinstance(node, cst.NamedExpr):
            names.update(_target_names(node.target))
        elif isinstance(node, (cst.AsName, cst.CompFor, cst.For)):
            names.update(_target_names(node.name if isinstance(node, cst.AsName) else node.target))
        elif isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            names.add(node.name.value)
    return names
