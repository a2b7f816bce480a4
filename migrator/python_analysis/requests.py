"""Request description: SDK calls and raw HTTP bodies that can reach DeepSeek, with their settings."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable, Iterator

import libcst as cst

from migrator.facts import (
    PROVIDER_DEEPSEEK,
    PROVIDER_FOREIGN,
    PROVIDER_UNKNOWN,
    RequestContext,
    RequestSite,
    Setting,
    SiteHandles,
)
from migrator.python_analysis.placement import (
    _PlacementFinder,
)
from migrator.python_analysis.providers import (
    _combine,
    _ProviderJudge,
)
from migrator.python_analysis.syntax import (
    Owner,
    _dotted,
    _is_encode,
    _owner_name,
    _pushed_indents,
    _quote_of,
    _string_value,
)


class _RequestDescriber(_ProviderJudge, _PlacementFinder):
    """Request description: which calls and HTTP bodies are requests, their shape, settings and provider."""

    def _posted(self) -> dict[Owner, list[tuple[str, int]]]:
        """Where each name that is posted as a raw HTTP body goes (memoized).

        Only the body of a real HTTP call counts (``session.post(url,
        json=payload)``, ``data=json.dumps(payload)``): a dict registered
        with a mock (``requests_mock``, ``respx``) or handed to any other
        call is data, not a request.
        """
        if self.posted is None:
            self.posted = {}
            for expression, call in self.payload_arguments:
                if not self._is_http_call(call):
                    continue
                posting = (self._posting_verdict(call), self._span(call).line)
                for owner in self._owners(self._serialized(expression)):
                    self.posted.setdefault(owner, []).append(posting)
        return self.posted

    def _body_verdicts(self, payload: cst.Dict, owner: Owner | None) -> list[tuple[str, int]] | None:
        """Where a dict literal is posted as an HTTP body, or None when no post is shown.

        A dict bound to a name that says it is data (``expected_body``,
        ``mock_response``) is never a body, wherever it goes.
        """
        if owner is not None and not isinstance(owner, cst.FunctionDef) and self.data_name.search(_owner_name(owner)):
            return None
        verdicts = self._posted().get(owner, []) if owner is not None else []
        holder = self.parents.get(payload)
        call = self.parents.get(holder) if holder is not None else None
        if isinstance(holder, cst.Arg) and isinstance(call, cst.Call) and self._matches(call.func, self.serializer_calls):
            wrapped: cst.CSTNode = call
            if isinstance(self.parents.get(call), cst.Attribute) and _is_encode(self.parents.get(self.parents[call])):
                wrapped = self.parents[self.parents[call]]  # json.dumps(...).encode()
            holder = self.parents.get(wrapped)
            call = self.parents.get(holder) if holder is not None else None
        if (
            isinstance(holder, cst.Arg)
            and isinstance(call, cst.Call)
            and holder.keyword is not None
            and holder.keyword.value in self.vocab.payload_keywords
            and self._is_http_call(call)
        ):
            verdicts = [*verdicts, (self._posting_verdict(call), self._span(call).line)]
        return verdicts or None

    def _body_request(self, payload: cst.Dict, owner: Owner | None) -> RequestContext | None:
        """The request a dict literal is the body of, or None when no post is shown."""
        verdicts = self._body_verdicts(payload, owner)
        if verdicts is None:
            return None
        request = self._payload_request(payload, _combine([verdict for verdict, _ in verdicts]))
        if self._changed is None:
            self._changed = {found: at for expression, at in self.body_changes for found in self._owners(expression)}
        at = self._changed.get(owner) if owner is not None else None
        changed = self._span(at).line if at is not None else 0
        foreign = [line for verdict, line in verdicts if verdict == PROVIDER_FOREIGN]
        return replace(
            request, line=min(line for _, line in verdicts), model_changed_at=changed,
            also_foreign=foreign[0] if foreign and request.provider == PROVIDER_DEEPSEEK else 0,
        )

    def _resolve_requests(self) -> Iterator[RequestSite]:
        """Every SDK request and raw payload that can reach DeepSeek, with its settings."""
        for call in self.candidate_calls:
            request = self._request(call)
            if request.shape is None:
                continue
            model_arg = next((arg for arg in call.args if self._is_model_argument(arg, call)), None)
            site = self._request_site(call, request, model_arg.value if model_arg else None, self._call_settings(call))
            if site is not None:
                yield site
        for mapping, owner in self.payloads.items():
            request = self._body_request(mapping, owner)
            if request is None or self._is_unpacked(mapping, owner):
                continue
            model_element = next(
                (e for e in mapping.elements if isinstance(e, cst.DictElement) and _string_value(e.key) in self.vocab.model_keywords),
                None,
            )
            settings = tuple(_dict_settings(mapping, ()))
            site = self._request_site(mapping, request, model_element.value if model_element else None, settings)
            if site is not None:
                yield site

    def _request_site(
        self,
        node: cst.Call | cst.Dict,
        request: RequestContext,
        model_value: cst.BaseExpression | None,
        settings: Iterable[tuple[tuple[str, ...], cst.CSTNode, object, bool]],
    ) -> RequestSite | None:
        text = self._string_through(model_value, 0) if model_value is not None else None
        legacy = self.catalog.split_model_string(text) if text is not None else None
        current = self.catalog.split_current_model(text) if text is not None and legacy is None else None
        retired = legacy is not None
        model = legacy[1] if legacy else (current[1] if current else None)
        if request.provider == PROVIDER_FOREIGN or (model is None and request.provider != PROVIDER_DEEPSEEK):
            return None
        resolved = tuple(Setting(path, self._span(where), value, literal) for path, where, value, literal in settings)
        return RequestSite(
            span=self._span(node),
            request=request,
            model=model,
            model_span=self._span(model_value) if model_value is not None else None,
            retired=retired,
            settings=resolved,
            opaque=_has_double_star(node),
            model_direct=_string_value(model_value) is not None if model_value is not None else False,
            handles=self._handles(model_value, node),
        )

    def _call_settings(self, call: cst.Call) -> Iterator[tuple[tuple[str, ...], cst.CSTNode, object, bool]]:
        """Keyword arguments and their literal dict contents; a dict bound to a name in this
        module is read through the name (``extra_body=EXTRA``), so what it lacks is known."""
        for arg in call.args:
            if arg.keyword is None:
                continue
            path = (arg.keyword.value,)
            yield from _value_settings(path, arg, arg.value)
            if isinstance(arg.value, cst.Name):
                bound = self._value_of(arg.value)
                if isinstance(bound, cst.Dict):
                    yield from _dict_settings(bound, path)

    def _request(self, call: cst.Call) -> RequestContext:
        """The request a call makes (computed once per call)."""
        if call not in self.requests:
            self.requests[call] = self._describe_request(call)
        return self.requests[call]

    def _describe_request(self, call: cst.Call) -> RequestContext:
        segments = _dotted(call.func)
        path = tuple(segment for segment in segments if segment not in self.vocab.transparent_attributes)
        candidates = [path, *(tuple(name.split(".")) for name in self._qualified_names(call.func))]
        matches = [
            (len(pattern), shape)
            for shape in self.vocab.requests
            if shape.kind == "call"
            for pattern in shape.calls
            for candidate in candidates
            if len(candidate) >= len(pattern) and candidate[-len(pattern):] == pattern
        ]
        shape = max(matches, key=lambda item: item[0])[1] if matches else None
        keywords = tuple(item.keyword.value for item in call.args if item.keyword is not None)
        uses_tools = any(name in self.vocab.tool_keywords for name in keywords)
        provider = self._call_provider(call, 0)
        return RequestContext(
            callee=".".join(segments),
            shape=shape.name if shape else None,
            api=shape.api if shape else None,
            uses_tools=uses_tools,
            loop=self._loop_kind(call, uses_tools),
            requires_thinking=shape.requires_thinking if shape else None,
            provider=provider,
            gateway=self._gateway_host(call, 0) if provider == PROVIDER_UNKNOWN else "",
            routed_provider=self._routed_name(call) if provider == PROVIDER_DEEPSEEK else "",
            origin=self._origin(call.func),
            toggle=shape.toggle if shape else None,
            line=self._span(call).line,
            column=self._span(call).column,
        )

    def _payload_request(self, payload: cst.Dict, provider: str) -> RequestContext:
        keys = tuple(
            name
            for item in payload.elements
            if isinstance(item, cst.DictElement)
            for name in [_string_value(item.key)]
            if name is not None
        )
        shape = self.vocab.payload_shape()
        uses_tools = any(name in self.vocab.tool_keywords for name in keys)
        return RequestContext(
            body=True,
            callee="payload",
            shape=shape.name if shape else None,
            api=shape.api if shape else None,
            uses_tools=uses_tools,
            loop=self._loop_kind(payload, uses_tools),
            provider=provider,
            toggle=shape.toggle if shape else None,
            line=self._span(payload).line,
            column=self._span(payload).column,
        )

    def _loop_kind(self, node: cst.CSTNode, uses_tools: bool) -> str:
        """"agent-loop", "loop" or "": the innermost loop of the request's own function, and what it does."""
        for ancestor in reversed(self._ancestors(node)):
            if isinstance(ancestor, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
                return ""
            if isinstance(ancestor, (cst.For, cst.While)):
                feedback = self.catalog.tier_hints.tool_feedback
                if uses_tools and feedback and re.search(feedback, self.module.code_for_node(ancestor)):
                    return "agent-loop"
                return "loop"
        return ""

    def _is_unpacked(self, mapping: cst.Dict, owner: Owner | None) -> bool:
        """Is this dict (or the name it is bound to) spread into a call with ``**``?"""
        parent = self.parents.get(mapping)
        if isinstance(parent, cst.Arg) and parent.star == "**":
            return True
        return owner is not None and owner in self.unpacked

    @property
    def unpacked(self) -> set[Owner]:
        if self._unpacked is None:
            self._unpacked = {owner for expression in self.star_arguments for owner in self._owners(expression)}
        return self._unpacked

    def _handles(self, node: cst.CSTNode | None, request_node: cst.CSTNode | None) -> SiteHandles:
        """The nodes a codemod needs, with spans, block indentation and the usable quote."""
        anchor = request_node if request_node is not None else node
        chain = self._ancestors(anchor) if anchor is not None else []
        indents = _pushed_indents(chain, anchor, self.module.default_indent)
        enclosing = next((item for item in reversed(chain) if isinstance(item, cst.FormattedString)), None)
        if enclosing is not None:
            quote = "'" if '"' in enclosing.start else '"'
        else:
            quote = _quote_of(node)
        return SiteHandles(
            module=self.module,
            node=node,
            request_node=request_node,
            request_span=self._span(request_node) if request_node is not None else None,
            node_span=self._span(node) if node is not None else None,
            indents=indents,
            quote=quote,
            text=self.text,
        )


_NOT_LITERAL = object()


def _literal_value(expression: cst.BaseExpression) -> object:
    """A literal's Python value (str, bool, None, int, float), else _NOT_LITERAL."""
    text = _string_value(expression)
    if text is not None:
        return text
    if isinstance(expression, cst.Name) and expression.value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[expression.value]
    if isinstance(expression, (cst.Integer, cst.Float)):
        return expression.evaluated_value
    return _NOT_LITERAL


def _dict_settings(
    mapping: cst.Dict, prefix: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], cst.CSTNode, object, bool]]:
    for element in mapping.elements:
        if isinstance(element, cst.DictElement):
            key = _string_value(element.key)
            if key is not None:
                yield from _value_settings((*prefix, key), element, element.value)


def _value_settings(
    path: tuple[str, ...], where: cst.CSTNode, value: cst.BaseExpression
) -> Iterator[tuple[tuple[str, ...], cst.CSTNode, object, bool]]:
    """A setting, and the keys of a literal dict inside it (three levels at most)."""
    literal = _literal_value(value)
    yield path, where, None if literal is _NOT_LITERAL else literal, literal is not _NOT_LITERAL
    if isinstance(value, cst.Dict) and len(path) < 4:
        yield from _dict_settings(value, path)


def _has_double_star(node: cst.Call | cst.Dict) -> bool:
    if isinstance(node, cst.Call):
        return any(arg.star == "**" for arg in node.args)
    return any(isinstance(element, cst.StarredDictElement) for element in node.elements)
