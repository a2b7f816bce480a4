"""What an argument does for its call: selects the model, is looked up, is a default, is text or test data."""

from __future__ import annotations

import re
from typing import Iterator, Sequence

import libcst as cst

from migrator.facts import (
    PROVIDER_DEEPSEEK,
    ROLE_MODEL,
    ROLE_OTHER,
    ROLE_PROSE,
    ROLE_REFERENCE,
)
from migrator.python_analysis.names import _decorator_name
from migrator.python_analysis.owners import _OwnerFinder
from migrator.python_analysis.state import (
    _Placement,
)
from migrator.python_analysis.syntax import (
    _KEY_LOOKUPS,
    _TEST_CLASS,
    _TEST_FUNCTION,
    _calls_in,
    _dotted,
    _in_assertion,
    _is_label,
    _method,
    _nodes_in,
    _own_nodes,
    _string_value,
    _target_names,
)

# typer's Option and Argument take the default first: Option("deepseek-chat", "--model").
# Methods of the built-in dict, list and str: PRICES.get(m) is no call of a class of this module named get.
_BUILTIN_METHODS = frozenset({
    "get", "items", "keys", "values", "update", "pop", "setdefault", "copy", "append", "extend", "insert",
    "remove", "format", "join", "split", "strip", "lower", "upper", "replace", "startswith", "endswith",
})
_OPTION_CALLS = frozenset({"Option", "Argument"})


class _ArgumentPlacer(_OwnerFinder):
    """What an argument does for its call: the model, a lookup key, a default, text, test data."""

    def _setting_default(self, call: cst.Call, positional: Sequence[cst.Arg], segments: Sequence[str]) -> bool:
        """Is the call a settings reader given a model setting's key first (``env.str("DEEPSEEK_MODEL", default)``)?"""
        if not segments or any(item.star for item in call.args) or not re.search(self.vocab.setting_read_pattern, segments[-1]):
            return False
        return _setting_key(_string_value(positional[0].value) or "")

    def _named_for_a_model(self, call: cst.Call) -> bool:
        """Is what the call answers bound to a model's name, given as a model keyword, or returned by a
        function named for one (``model_value = ...``, ``Client(model=...)``, ``def resolve_model(): return ...``)?
        The name must end in the model's word: ``model_event`` or ``record_model_switch`` are not models."""
        parent = self.parents.get(call)
        if isinstance(parent, cst.Assign) and parent.value is call:
            return any(_names_a_model(name) for target in parent.targets for name in _target_names(target.target))
        if isinstance(parent, cst.AnnAssign) and parent.value is call:
            return any(_names_a_model(name) for name in _target_names(parent.target))
        if isinstance(parent, cst.Arg) and parent.keyword is not None:
            return _names_a_model(parent.keyword.value)
        if isinstance(parent, cst.Return):
            function = next((node for node in reversed(self._ancestors(call)) if isinstance(node, cst.FunctionDef)), None)
            return function is not None and _names_a_model(function.name.value)
        return False

    def _argument(self, arg: cst.Arg, call: cst.Call, above: Sequence[cst.CSTNode]) -> _Placement:
        segments = _dotted(call.func)
        callee = ".".join(segments)
        keyword = arg.keyword.value if arg.keyword else None
        positional = [item for item in call.args if item.keyword is None and not item.star]
        position = next((i for i, item in enumerate(positional) if item is arg), -1)

        if self._matches(call.func, self.env_default_calls) and (keyword == "default" or position == 1):
            return _Placement(ROLE_MODEL, f"default of {callee}()", owner=self._assignment_owner(above))
        if self._matches(call.func, self.field_calls) and (keyword == "default" or position == 0):
            target = self._assigned_name(above)
            return _Placement(ROLE_MODEL, f"field default{target}", owner=self._assignment_owner(above))
        if segments and segments[-1] in self.vocab.reference_methods and keyword is None:
            return _Placement(ROLE_REFERENCE, f"argument of .{segments[-1]}()")
        if segments and segments[-1] in self.vocab.mock_assertions:
            return _Placement(ROLE_REFERENCE, f"mock assertion .{segments[-1]}()")
        if keyword is None and segments and (
            segments[-1] in _KEY_LOOKUPS and position == 0 or segments[-1] == "getattr" and position == 1
        ):
            return _Placement(ROLE_REFERENCE, "lookup key")
        if self._matches(call.func, self.regex_calls) and (position == 0 or keyword == "pattern"):
            return _Placement(ROLE_REFERENCE, "regular expression")
        if segments and segments[-1] in self.vocab.prose_calls:
            if any(other.keyword is not None and other.keyword.value == "file" for other in call.args):
                return _Placement(ROLE_OTHER, f"text {callee}() writes to a file")  # a value others may read back
            return _Placement(ROLE_PROSE, f"text passed to {callee}()")
        if segments and re.search(self.vocab.data_builder_pattern, segments[-1]):
            return _Placement(ROLE_OTHER, f"argument of {callee}() (builds test or expected data)")
        if segments and re.search(self.vocab.lookup_name_pattern, segments[-1]) and self._names_model(arg.value):
            return _Placement(ROLE_REFERENCE, f"argument of {callee}()")
        if position == 0 and segments and segments[-1] in _OPTION_CALLS and self._option_for_model(call, above):
            return _Placement(ROLE_MODEL, f"default of option {callee}()", owner=self._assignment_owner(above))
        if keyword == "default" and any(
            self._is_model_name((_string_value(item.value) or "").lstrip("-").replace("-", "_")) for item in positional
        ):  # parser.add_argument("--model", default=...), click.option("--model", default=...)
            option = next(_string_value(item.value) for item in positional if _string_value(item.value))
            return _Placement(ROLE_MODEL, f"default of option {option}", owner=self._assignment_owner(above))
        if keyword is not None and segments and re.search(self.vocab.response_class_pattern, segments[-1]) and not any(
            item.keyword is not None and item.keyword.value in self.vocab.connection_keywords for item in call.args
        ):
            if _in_assertion(reversed(above)):  # assert result == snapshot([ModelResponse(model_name=...)]): what a test expects
                return _Placement(ROLE_REFERENCE, f"`{keyword}` of a {segments[-1]} an assertion expects")
            return _Placement(ROLE_OTHER, f"`{keyword}` of a {segments[-1]} (data about a reply)")
        given = {item.keyword.value for item in call.args if item.keyword is not None}
        if (
            keyword is not None
            and (
                self._names_model(arg.value) and self._describes_model(given) and self._describing_call(segments)
                or self._exact_id(arg.value) and keyword in self.vocab.catalogue_name_keywords
                and re.search(self.vocab.catalogue_class_pattern, segments[-1] if segments else "")
            )
            and not given & (self.vocab.connection_keywords | self.vocab.base_url_keywords)
        ):  # ModelInfo(id="deepseek-chat", context_length=64000): an entry of a model catalogue, not a client
            return _Placement(ROLE_REFERENCE, f"`{keyword}` of a model catalogue entry {'.'.join(segments)}()")
        if (
            position == 0 and self._exact_id(arg.value) and segments
            and re.search(self.vocab.catalogue_class_pattern, segments[-1])
            and not given & (self.vocab.connection_keywords | self.vocab.base_url_keywords)
            and segments[-1] not in self._sender_names()
        ):  # ModelInfo('deepseek-chat', _('Good at conversation'), ModelTypeConst.LLM): an entry named first
            # (unless a class of this module whose methods make requests: ModelSpec(...).complete() sends it)
            return _Placement(ROLE_REFERENCE, f"name of a model catalogue entry {callee}()")
        if keyword in ("value", "initial", "default") and self._exact_id(arg.value) and any(
            item.keyword is not None and item.keyword.value in ("label", "name", "title", "help")
            and self._is_model_name((_string_value(item.value) or "").lower().replace(" ", "_"))
            for item in call.args
        ):  # gr.Dropdown(choices, value="deepseek-chat", label="Model"): the widget's initial model
            return _Placement(ROLE_MODEL, f"initial value of {callee}() labelled for a model", owner=self._assignment_owner(above))
        if keyword is not None and segments == ("dict",) and self._exact_id(arg.value) and (
            keyword not in self.vocab.record_label_keywords
        ) and any(
            item.keyword is not None and item.keyword.value in self.vocab.base_url_keywords
            and self.catalog.url_verdict(_string_value(item.value) or "") == PROVIDER_DEEPSEEK
            for item in call.args
        ):  # dict(type=OpenAISDK, path="deepseek-reasoner", openai_api_base="https://api.deepseek.com/v1")
            return _Placement(ROLE_MODEL, f"keyword `{keyword}` of a record that names DeepSeek's API",
                              owner=self._assignment_owner(above))
        if keyword is not None:
            if self._is_model_argument(arg, call) or self._provider_qualified(arg.value):
                return _Placement(ROLE_MODEL, f"keyword `{keyword}` of {callee}()", call=call)
            if self._exact_id(arg.value) and segments and re.search(self.vocab.wrapper_name_pattern, segments[-1]):
                # router.complete(question, force="deepseek-chat"): an exact ID handed to a model wrapper
                return _Placement(ROLE_MODEL, f"keyword `{keyword}` of {callee}()", call=call)
            return _Placement(ROLE_OTHER, f"keyword `{keyword}` of {callee}()")
        if segments and (
            segments[-1] in _KEY_LOOKUPS and position == 1 or segments[-1] == "getattr" and position == 2
        ) and (
            self._is_model_name(_string_value(positional[position - 1].value) or "")  # cfg.get("deepseek_model", ...)
            or re.search(self.vocab.model_keyword_pattern, ".".join(segments[:-1]))
        ):
            outer = self._place(call, len(above) - 2)  # where the .get() result itself stands
            if outer.role == ROLE_PROSE or "data about a reply" in outer.context:
                # CompletionResponse(model=cfg.get("model", "deepseek-chat")): the fallback is the reply's data too
                return _Placement(outer.role, f"fallback of {callee}() in {outer.context}")
            return _Placement(ROLE_MODEL, f"fallback of {callee}()", owner=self._assignment_owner(above))
        if position == 0 and self._is_model_argument(arg, call):
            return _Placement(ROLE_MODEL, f"model argument of {callee}()", call=call)
        if position >= 1 and segments and segments[-1] == "partial" and self._exact_id(arg.value) and any(
            self._is_model_name(name) for name in self._parameter_names(positional[0].value, position - 1)
        ):  # partial(_chat, "deepseek-chat"): the bound argument of the module's own function
            return _Placement(ROLE_MODEL, f"argument bound by {callee}()", call=call)
        if position >= 0 and self._wrapper_model(arg.value, call, positional, position):
            return _Placement(ROLE_MODEL, f"model argument of {callee}()", call=call)
        if position >= 1 and position == len(positional) - 1 and self._exact_id(arg.value) and any(
            re.fullmatch(r"[A-Z][A-Z0-9_]*", key) and _setting_key(key)
            for item in positional[:position] for key in (_string_value(item.value) or "",)
        ) and self._named_for_a_model(call):
            # model_value = pick(model, "LLM_MODEL", "DEEPSEEK_MODEL", "deepseek-chat"): the last resort after
            # model settings, when what the call answers is named for a model
            return _Placement(ROLE_MODEL, f"default after the model settings of {callee}()", owner=self._assignment_owner(above))
        if position == 1 and self._setting_default(call, positional, segments) and self._exact_id(arg.value):
            # _get_str("DEEPSEEK_MODEL", "deepseek-chat"), settings.value("model", ...): a model setting's default
            return _Placement(ROLE_MODEL, f"default of setting {_string_value(positional[0].value)!r} in {callee}()",
                              owner=self._assignment_owner(above))
        senders = self._own_senders(arg.value, call, position) if position >= 0 else ()
        if senders:  # helper.go("x", "deepseek-chat"), whose body sends that parameter: its requests' providers decide
            return _Placement(ROLE_MODEL, f"model argument of {callee}()", call=call, sent_by=senders)
        if position >= 0 and self._exact_id(arg.value):  # get_capabilities("deepseek-chat")
            return _Placement(ROLE_REFERENCE, f"argument of {callee}()")
        return _Placement(ROLE_OTHER, f"argument of {callee}()")

    def _option_for_model(self, call: cst.Call, above: Sequence[cst.CSTNode]) -> bool:
        """``model: str = typer.Option("deepseek-chat", help="Model to use")``: an option that picks a model."""
        parameter = above[-1] if above and isinstance(above[-1], cst.Param) else None
        if parameter is not None and self._is_model_name(parameter.name.value):
            return True
        texts = [_string_value(arg.value) or "" for arg in call.args if arg.keyword is not None and arg.keyword.value == "help"]
        texts += [_string_value(arg.value) or "" for arg in call.args[1:] if arg.keyword is None]
        return any(self._is_model_name(text.lstrip("-").replace("-", "_")) for text in texts)

    def _wrapper_model(
        self, value: cst.BaseExpression, call: cst.Call, positional: Sequence[cst.Arg], position: int
    ) -> bool:
        """Does a positional model ID select the model of the project's own wrapper?

        Yes when it is provider-qualified, when the callee's name says
        DeepSeek or talking to a model (``build_llm``, ``ChatClient``: the
        pack's ``wrapper-name-pattern``), when another argument says DeepSeek
        (``LLM("deepseek", "deepseek-chat")``), or when the callee is defined
        in this module with a model-like parameter at that position
        (``make_client(model)``, a class's ``__init__`` or fields).
        """
        declared = list(self._parameter_names(call.func, position))
        if declared and not any(self._is_model_name(name) for name in declared):
            return False  # ModelSpec("deepseek-chat", ...) whose first field is `name`: a registry entry
        if self._provider_qualified(value):
            return True
        text = _string_value(value)
        if text is None or self.catalog.split_model_string(text) is None:
            return False
        callee = _dotted(call.func)
        if any("deepseek" in segment.lower() for segment in callee):
            return True
        if callee and re.search(self.vocab.wrapper_name_pattern, callee[-1]):
            return True
        for other in call.args:
            other_text = _string_value(other.value) if other is not positional[position] else None
            if other_text is not None and self.catalog.provider_verdict(other_text) == PROVIDER_DEEPSEEK:
                return True
        return any(self._is_model_name(name) for name in declared)

    def _in_test_code(self, node: cst.CSTNode) -> bool:
        """Inside a ``test_*`` function or a ``Test*`` class, whose helpers the test-input rules judge."""
        return any(
            isinstance(item, cst.FunctionDef) and _TEST_FUNCTION.match(item.name.value)
            or isinstance(item, cst.ClassDef) and _TEST_CLASS.match(item.name.value)
            for item in self._ancestors(node)
        )

    def _own_senders(self, value: cst.BaseExpression, call: cst.Call, position: int) -> tuple[cst.Call, ...]:
        """The SDK requests of this module's own function or method that send, as their model, the parameter an
        exact ID fills at ``position`` (``def go(self, q, which): client.chat.completions.create(model=which)``).

        Only one definition may answer the call, the parameter must never be bound again in its body (a slug
        rewritten or mapped first is another value), and test code keeps its own rules.
        """
        if not self._exact_id(value) or self._in_test_code(call) or any(arg.star for arg in call.args):
            return ()
        callables = list(self._own_callables(call.func))
        if len(callables) != 1:
            return ()
        function, shift = callables[0]
        params = [*function.params.posonly_params, *function.params.params][shift:]
        if position >= len(params) or self._rebound(function, params[position]):
            return ()
        return self._requests_sending(function, params[position].name.value)

    def _rebound(self, function: cst.FunctionDef, parameter: cst.Param) -> bool:
        """Is the parameter's name bound again anywhere in the function (or shadowed in a nested scope)?"""
        return any(
            [found.node for found in self._assignments(node)] != [parameter]
            for node in _nodes_in(function.body)
            if isinstance(node, cst.Name) and node.value == parameter.name.value and not _is_label(node, self.parents)
        )

    def _sends_parameter(self, function: cst.FunctionDef, parameter: str) -> bool:
        """Does the function's own body hand the parameter, as a model keyword, to an SDK's request
        (``client.chat.completions.create(model=model)`` inside ``is_api_key_valid``)? Token counters, ORM
        queries, metrics labels and loggers take ``model=`` too, and send nothing."""
        return bool(self._requests_sending(function, parameter))

    def _requests_sending(self, function: cst.FunctionDef, parameter: str) -> tuple[cst.Call, ...]:
        """The SDK requests in the function's own body that take the parameter as their model keyword (every one:
        a DeepSeek request with a fallback to OpenRouter may still go to DeepSeek)."""
        return tuple(
            node for node in _own_nodes(function.body)
            if isinstance(node, cst.Call) and (_dotted(node.func) or ("",))[-1] in self.request_names and any(
                arg.keyword is not None and arg.keyword.value in self.vocab.model_keywords
                and isinstance(arg.value, cst.Name) and arg.value.value == parameter
                for arg in node.args
            )
        )

    def _own_callables(self, func: cst.BaseExpression) -> Iterator[tuple[cst.FunctionDef, int]]:
        """The definitions a call of ``func`` runs, with how many leading parameters it does not pass (``self``):
        a function of this module, a method on ``self``, or a method of an instance of this module's class
        (``h = Helper()``; ``h.go(...)``, ``Helper().go(...)``)."""
        for function in self._functions_of(func):
            static = any(_decorator_name(item) == "staticmethod" for item in function.decorators)
            yield function, 1 if isinstance(func, cst.Attribute) and not static else 0
        if not isinstance(func, cst.Attribute) or _dotted(func.value) == ("self",):
            return
        built = func.value.func if isinstance(func.value, cst.Call) else func.value  # Helper().go or h.go
        if not isinstance(built, cst.Name):
            return
        owners = list(self._classes_of(built))
        # Bot.compare(bot, ...) passes self itself; Bot().compare(...) and bot.compare(...) do not
        on_class = isinstance(func.value, cst.Name) and any(
            isinstance(found.node, cst.ClassDef) for found in self._assignments(func.value)
        )
        method = _method(owners[0], func.attr.value) if len(owners) == 1 else None  # backend = A(); = B(): not one
        if method is not None:
            kinds = {_decorator_name(item) for item in method.decorators}
            yield method, 0 if "staticmethod" in kinds or on_class and "classmethod" not in kinds else 1

    def _describing_call(self, segments: Sequence[str]) -> bool:
        """A call that may build a catalogue entry: not a request, not a class the pack knows as a client,
        not code of this module that makes requests, and named for describing a model or not for talking to one."""
        name = segments[-1] if segments else ""
        if name in self.request_names or name in self.vocab.deepseek_callables or name in self.vocab.foreign_callables:
            return False
        if name in self._sender_names():  # class DeepSeekProvider: ... self.client.chat.completions.create(...)
            return False
        return bool(re.search(self.vocab.catalogue_class_pattern, name)) or not re.search(self.vocab.wrapper_name_pattern, name)

    def _sender_names(self) -> frozenset[str]:
        """Names of the module's functions, methods, classes and lambdas (``probe = lambda m: ...``) whose body calls
        a request or an HTTP method (``requests.post``), directly or through another of them (``_post(body)``,
        ``pinger.ping(m)``, ``super().ping(m)``). Decorators (``@app.post``) are not the body.

        A method called on an imported object, or on a name bound to what an imported callable returns
        (``logger = logging.getLogger()``; ``logger.log(...)``), is that library's, not this module's.
        """
        if self.sender_names is None:
            bodies: dict[str, list[cst.CSTNode]] = {}
            decorators: dict[str, list[cst.CSTNode]] = {}
            external = _imported_names(self.module)
            for node in _nodes_in(self.module):
                if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
                    bodies.setdefault(node.name.value, []).append(node.body)
                    decorators.setdefault(node.name.value, []).extend(node.decorators)
                elif isinstance(node, cst.Assign) and isinstance(node.targets[0].target, cst.Name):
                    name = node.targets[0].target.value
                    if isinstance(node.value, cst.Lambda):
                        bodies.setdefault(name, []).append(node.value.body)
                    elif isinstance(node.value, cst.Call) and (_dotted(node.value.func) or ("",))[0] in external:
                        external.add(name)  # logger = logging.getLogger(__name__)
            last = {name: {(_dotted(call.func) or ("",))[-1] for body in found for call in _calls_in(body)}
                    for name, found in bodies.items()}
            # @for_each_model(0.2) of this module may send for the function it wraps; @app.post only routes
            local = {
                name: {_local_callee(call, external) for body in found + decorators.get(name, [])
                       for call in _calls_in(body)} - {""}
                for name, found in bodies.items()
            }
            senders = {name for name, calls in last.items() if calls & (self.request_names | self.vocab.http_calls)}
            growing = True
            while growing:  # a function that calls one of this module's senders sends too
                more = {name for name, calls in local.items() if name not in senders and calls & senders}
                senders |= more
                growing = bool(more)
            self.sender_names = frozenset(senders)
        return self.sender_names

    def _is_model_argument(self, arg: cst.Arg, call: cst.Call) -> bool:
        """``model=`` (or a keyword named like one), or the first argument of a model factory."""
        if arg.keyword is not None:
            name = arg.keyword.value
            return name in self.vocab.model_keywords or bool(re.search(self.vocab.model_keyword_pattern, name))
        return bool(call.args) and call.args[0] is arg and self._matches(call.func, self.positional_model_calls)


def _setting_key(key: str) -> bool:
    """``DEEPSEEK_MODEL``, ``model``, ``llm.default_model``: a key a setting is read by, whose last word is the model's."""
    if not re.fullmatch(r"[A-Z][A-Z0-9_]*|[a-z][a-z0-9_.]*", key):
        return False  # "Active model", "Model": text for people
    return re.split(r"[._]", key.lower())[-1] in ("model", "llm")


def _local_callee(call: cst.Call, external: set[str]) -> str:
    """The name a call may reach in this module: ``_post(...)``, ``self._post(...)``, ``pinger.ping(...)``,
    ``super().ping(...)``; none for a method of an imported object (``logger.log(...)``, ``requests.Session``)."""
    func = call.func
    if isinstance(func, cst.Name):
        return func.value
    if not isinstance(func, cst.Attribute):
        return ""
    receiver = _dotted(func.value)
    if receiver and receiver[0] in external:
        return ""
    if func.attr.value in _BUILTIN_METHODS and not (receiver and receiver[0] in ("self", "cls", "super")):
        return ""  # PRICES.get(m), config.get("key"): a dict's method, not this module's Api.get
    return func.attr.value


def _imported_names(module: cst.Module) -> set[str]:
    """The names the module's top-level imports bind (an import inside a function binds only there)."""
    names: set[str] = set()
    for statement in module.body:
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            if isinstance(small, (cst.Import, cst.ImportFrom)) and not isinstance(small.names, cst.ImportStar):
                names.update(_bound_name(alias) for alias in small.names)
    return names


def _bound_name(alias: cst.ImportAlias) -> str:
    """The name an import binds: ``import a.b`` binds ``a``, ``from m import x as y`` binds ``y``."""
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    return (_dotted(alias.name) or ("",))[0]


def _names_a_model(name: str) -> bool:
    """``model``, ``llm_model``, ``default_model``, ``model_name``, ``model_value``, ``resolve_model``."""
    return re.search(r"(?:^|_)(?:model|llm)(?:_(?:name|id|value))?$", name.lower()) is not None
