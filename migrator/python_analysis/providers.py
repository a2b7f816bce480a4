"""Provider verdicts: DeepSeek, another provider, or unknown, from base URLs, provider arguments and clients."""

from __future__ import annotations

from typing import Sequence
from urllib.parse import urlsplit

import libcst as cst

from migrator.facts import (
    PROVIDER_DEEPSEEK,
    PROVIDER_FOREIGN,
    PROVIDER_UNKNOWN,
)
from migrator.python_analysis.names import (
    _NameResolver,
)
from migrator.python_analysis.syntax import (
    _MAX_DEPTH,
    _call_default,
    _dotted,
    _enclosing_class,
    _is_encode,
    _is_self_attribute,
    _string_value,
)


class _ProviderJudge(_NameResolver):
    """Provider verdicts: where a call, client or HTTP post sends its request."""

    def _posting_verdict(self, call: cst.Call) -> str:
        """Where a raw HTTP call posts: its URL argument, else its client."""
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in self.vocab.url_keywords:
                return self._url_verdict(arg.value, 0)
        positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
        if len(positional) > 1 and (_string_value(positional[0].value) or "").isalpha():
            positional = positional[1:]  # requests.request("POST", URL, ...)
        if positional:
            verdict = self._url_verdict(positional[0].value, 0)
            if verdict != PROVIDER_UNKNOWN:
                return verdict
        return self._call_provider(call, 0)

    def _call_provider(self, call: cst.Call, depth: int) -> str:
        """Where a call's request goes: base URL, provider argument, class, then client."""
        if depth > _MAX_DEPTH:
            return PROVIDER_UNKNOWN
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in self.vocab.base_url_keywords:
                verdict = self._url_verdict(arg.value, depth + 1)
                if verdict != PROVIDER_UNKNOWN:
                    return verdict
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in self.vocab.provider_keywords:
                verdict = self._provider_value(arg.value, depth + 1)
                if verdict != PROVIDER_UNKNOWN:
                    return verdict
        segments = _dotted(call.func)
        if segments and (segments[-1] in self.vocab.foreign_callables or segments[0] in self.vocab.foreign_modules):
            return PROVIDER_FOREIGN  # ChatOllama(...), ollama.chat(...)
        if segments and segments[-1] in self.vocab.deepseek_callables:
            return PROVIDER_DEEPSEEK
        client = self._client_of(call.func, depth + 1)
        return self._call_provider(client, depth + 1) if client is not None else PROVIDER_UNKNOWN

    def _gateway_host(self, call: cst.Call, depth: int) -> str:
        """The host of a call's (or its client's) written base URL, when it is a relay named for DeepSeek: a gateway.

        ``OpenAI(base_url="https://deepseek.relay.example/v1")`` may forward
        ``deepseek-chat`` to DeepSeek, so the site stays a finding; but
        whether that host knows the successor ID, the code cannot show.
        """
        if depth > _MAX_DEPTH:
            return ""
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in self.vocab.base_url_keywords:
                url = self._written_url(arg.value, depth + 1)
                try:
                    host = urlsplit(url).hostname or "" if url else ""
                except ValueError:
                    return ""
                return host if host and self.catalog.host_verdict(host) == PROVIDER_UNKNOWN else ""
        client = self._client_of(call.func, depth + 1)
        return self._gateway_host(client, depth + 1) if client is not None else ""

    def _written_url(self, expression: cst.BaseExpression, depth: int) -> str:
        """A URL written as a literal, a name bound to one, or an environment default."""
        if depth > _MAX_DEPTH:
            return ""
        text = _string_value(expression)
        if text is None and isinstance(expression, cst.FormattedString) and expression.parts:
            first = expression.parts[0]  # f"http://{HOST}:3000/v1": no host written; f"https://relay.io/{v}": one
            text = first.value if isinstance(first, cst.FormattedStringText) else None
        if text is None and isinstance(expression, cst.Call) and self._matches(expression.func, self.env_default_calls):
            default = _call_default(expression)
            return self._written_url(default, depth + 1) if default is not None else ""
        if text is None and isinstance(expression, (cst.Name, cst.Attribute)) and not _is_self_attribute(expression):
            text = self._imported_string(expression)  # from .config import API_URL
        if text is None and isinstance(expression, cst.BinaryOperation) and isinstance(expression.operator, cst.Add):
            return self._written_url(expression.left, depth + 1)  # RELAY + "/v1": the host is on the left
        if text is None and isinstance(expression, cst.Name):
            value = self._value_of(expression)
            return self._written_url(value, depth + 1) if value is not None else ""
        return text if text is not None and "://" in text else ""

    def _client_of(self, func: cst.BaseExpression, depth: int) -> cst.Call | None:
        """The constructor call of the object a method is called on, when the module shows it."""
        expression = func.value if isinstance(func, cst.Attribute) else None
        while expression is not None and depth <= _MAX_DEPTH:
            if isinstance(expression, cst.Call):
                inner = expression.func
                name = inner.attr.value if isinstance(inner, cst.Attribute) else None
                if name in self.vocab.transparent_attributes and isinstance(inner, cst.Attribute):
                    if any(arg.keyword and arg.keyword.value in self.vocab.base_url_keywords for arg in expression.args):
                        return expression  # client.with_options(base_url=...): that URL wins
                    expression = inner.value
                    continue
                return expression
            if _is_self_attribute(expression):
                owner = _enclosing_class(self._ancestors(expression))
                attribute = expression.attr.value  # type: ignore[attr-defined]
                # self.client = OpenAI(...) in __init__, or client = OpenAI(...) in the body, here or in a base
                value = self._inherited_attribute(owner, attribute, 0) if owner is not None else None
                return value if isinstance(value, cst.Call) else None
            if isinstance(expression, cst.Attribute) and isinstance(expression.value, cst.Name):
                for owner_class in self._classes_of(expression.value):  # Bot.client
                    value = self._inherited_attribute(owner_class, expression.attr.value, 0)
                    if isinstance(value, cst.Call):
                        return value
            if isinstance(expression, cst.Attribute):
                expression = expression.value
                continue
            if isinstance(expression, cst.Name):
                value = self._value_of(expression)
                if isinstance(value, cst.Call):
                    return value
                expression, depth = value, depth + 1
                continue
            return None
        return None

    def _url_verdict(self, expression: cst.BaseExpression, depth: int, partial: bool = False) -> str:
        """Where a base URL expression points; ``partial`` when it is only the head of a longer URL."""
        if depth > _MAX_DEPTH:
            return PROVIDER_UNKNOWN
        text = _string_value(expression)
        if text is not None:
            return self.catalog.url_verdict(text, partial)
        if isinstance(expression, cst.FormattedString) and expression.parts:
            first = expression.parts[0]
            if isinstance(first, cst.FormattedStringText):
                return self.catalog.url_verdict(first.value, partial=True)
            return self._url_verdict(first.expression, depth + 1, partial=True)
        if isinstance(expression, cst.BinaryOperation) and isinstance(expression.operator, cst.Add):
            return self._url_verdict(expression.left, depth + 1, partial=True)
        if isinstance(expression, cst.Call) and self._matches(expression.func, self.env_default_calls):
            default = _call_default(expression)
            if default is None:
                return _named_verdict(expression)
            # os.getenv("DEEPSEEK_BASE_URL", "https://relay.example.io/v1"): a setting named for DeepSeek
            named = _named_verdict(expression) == PROVIDER_DEEPSEEK
            return self._url_verdict(default, depth + 1, partial or named)
        if isinstance(expression, (cst.Name, cst.Attribute)) and not _is_self_attribute(expression):
            imported = self._imported_string(expression)
            if imported is not None:  # from .config import API_URL
                return self.catalog.url_verdict(imported, partial)
        if isinstance(expression, cst.Name):
            value = self._value_of(expression)
            if value is None:
                return _named_verdict(expression)
            # DEEPSEEK_BASE_URL = os.getenv("LLM_BASE_URL", "http://relay.corp/v1"): a name the project gave DeepSeek,
            # for a default the environment may replace (a plain literal is what runs)
            named = _named_verdict(expression) == PROVIDER_DEEPSEEK and isinstance(value, cst.Call) and self._matches(
                value.func, self.env_default_calls)
            return self._url_verdict(value, depth + 1, partial or named)
        if _is_self_attribute(expression):  # self.url, set in the constructor
            owner = _enclosing_class(self._ancestors(expression))
            value = self.self_attributes.get((owner, expression.attr.value)) if owner else None  # type: ignore[attr-defined]
            return self._url_verdict(value, depth + 1, partial) if value is not None else _named_verdict(expression)
        return _named_verdict(expression)

    def _provider_value(self, expression: cst.BaseExpression, depth: int) -> str:
        if isinstance(expression, cst.Call):
            return self._call_provider(expression, depth + 1)
        if isinstance(expression, cst.Name) and depth <= _MAX_DEPTH:
            value = self._value_of(expression)
            if isinstance(value, cst.Call):  # provider = OpenRouterProvider(...): where that provider goes
                return self._call_provider(value, depth + 1)
        name = self._provider_name(expression, depth)
        if name is None:
            return PROVIDER_UNKNOWN
        return self._routed_provider(name, self.catalog.provider_verdict(name) or PROVIDER_UNKNOWN)

    def _provider_name(self, expression: cst.BaseExpression, depth: int) -> str | None:
        """The provider a value names: a literal, an imported constant, an Enum member's name, a name's value."""
        text = _string_value(expression)
        if text is not None:
            return text
        imported = self._imported_string(expression) if isinstance(expression, (cst.Name, cst.Attribute)) else None
        if imported is not None:  # from .config import PROVIDER
            return imported
        if isinstance(expression, cst.Attribute):
            return expression.attr.value
        if isinstance(expression, cst.Name) and depth <= _MAX_DEPTH:
            value = self._value_of(expression)
            return self._provider_name(value, depth + 1) if value is not None else None
        return None

    def _routed_provider(self, name: str, verdict: str) -> str:
        """``model_platform="openai"`` in a module that sets ``OPENAI_BASE_URL`` to DeepSeek's API: DeepSeek.

        A provider name that only routes (the pack's routed prefixes without
        their separator) goes where the environment's base URL points.
        """
        if verdict != PROVIDER_FOREIGN or not self._routed_to_deepseek(name):
            return verdict
        return PROVIDER_DEEPSEEK

    def _routed_to_deepseek(self, name: str) -> bool:
        """Is ``name`` a routed provider ("openai") that this module's environment sends to DeepSeek?"""
        if name.lower() not in {prefix.rstrip("/:") for prefix in self.catalog.routed_prefixes}:
            return False
        routes = self._environment_routes()
        return bool(routes) and all(route == PROVIDER_DEEPSEEK for route in routes)

    def _routed_name(self, call: cst.Call) -> str:
        """The routed provider name a call gives (``model_platform="openai"``), when the environment sends it to DeepSeek."""
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in self.vocab.provider_keywords:
                name = self._provider_name(arg.value, 0)
                if name is not None and self._routed_to_deepseek(name):
                    return name
        return ""

    def _environment_routes(self) -> list[str]:
        """Verdicts of the base URLs this module puts in the environment (``os.environ[...] =``, ``setdefault``, ``putenv``)."""
        if not self.env_routes_read:
            self.env_routes_read = True
            for node in self.parents:
                key, value = _environment_setting(node)
                if key is not None and value is not None and key in self.vocab.base_url_env_vars:
                    self.env_routes.append(self._url_verdict(value, 0))
        return self.env_routes

    def _is_http_call(self, call: cst.Call) -> bool:
        """An HTTP client's request method, on a client that is not a mock."""
        segments = _dotted(call.func)
        if not segments or segments[-1] not in self.vocab.http_calls:
            return False
        client = self._client_of(call.func, 0)
        receiver = [*segments[:-1], *(_dotted(client.func) if client is not None else ())]
        if client is not None:  # httpx.Client(transport=httpx.MockTransport(handler))
            receiver += [segment for arg in client.args for segment in _dotted(arg.value)]
        return not any(self.mock_name.search(segment) for segment in receiver)

    def _serialized(self, expression: cst.BaseExpression) -> cst.BaseExpression:
        """``json.dumps(payload).encode()`` -> ``payload``: what a serialized body was made from."""
        if _is_encode(expression):
            expression = expression.func.value  # type: ignore[attr-defined]
        if isinstance(expression, cst.Call) and self._matches(expression.func, self.serializer_calls) and expression.args:
            return expression.args[0].value
        return expression


def _combine(verdicts: Sequence[str]) -> str:
    """DeepSeek if any use goes there; foreign only if every use goes elsewhere."""
    if PROVIDER_DEEPSEEK in verdicts:
        return PROVIDER_DEEPSEEK
    if verdicts and all(verdict == PROVIDER_FOREIGN for verdict in verdicts):
        return PROVIDER_FOREIGN
    return PROVIDER_UNKNOWN


def _named_verdict(expression: cst.BaseExpression) -> str:
    """A base URL whose value the module does not show, but whose name says DeepSeek.

    ``base_url=settings.DEEPSEEK_BASE_URL`` or ``os.getenv("DEEPSEEK_API_BASE")``:
    the project names the setting for the API it points at.
    """
    if isinstance(expression, cst.Call):  # os.getenv("DEEPSEEK_API_BASE")
        first = expression.args[0].value if expression.args else None
        name = _string_value(first) if first is not None else None
    elif isinstance(expression, cst.Subscript):  # os.environ["DEEPSEEK_API_BASE"]
        index = expression.slice[0].slice if len(expression.slice) == 1 else None
        name = _string_value(index.value) if isinstance(index, cst.Index) else None
    else:
        name = ".".join(_dotted(expression) or ())
    return PROVIDER_DEEPSEEK if name and "deepseek" in name.lower() else PROVIDER_UNKNOWN


def _environment_setting(node: cst.CSTNode) -> tuple[str | None, cst.BaseExpression | None]:
    """``os.environ["K"] = v``, ``os.environ.setdefault("K", v)``, ``os.putenv("K", v)``: the key and value set."""
    if isinstance(node, cst.Assign) and len(node.targets) == 1:
        target = node.targets[0].target
        if isinstance(target, cst.Subscript) and _dotted(target.value) in (("os", "environ"), ("environ",)) and len(target.slice) == 1:
            index = target.slice[0].slice
            return (_string_value(index.value) if isinstance(index, cst.Index) else None), node.value
    if isinstance(node, cst.Call) and _dotted(node.func) in (("os", "environ", "setdefault"), ("os", "putenv")):
        positional = [arg.value for arg in node.args if arg.keyword is None]
        if len(positional) == 2:
            return _string_value(positional[0]), positional[1]
    return None, None
