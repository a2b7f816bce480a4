"""Site resolution, once the whole module is walked: requests reached, comparisons and collisions."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator

import libcst as cst

from migrator.class_kinds import ENUM_BASES as _ENUM_BASES
from migrator.facts import (
    MODEL_LIST_TEXT,
    OFFERED_LISTING,
    PROVIDER_FOREIGN,
    PROVIDER_UNKNOWN,
    ROLE_MODEL,
    ROLE_OTHER,
    ROLE_REFERENCE,
    ModelSite,
    RequestContext,
    Sibling,
    Use,
)
from migrator.python_analysis.forwarding import _ForwardedModels
from migrator.python_analysis.inert_tests import _InertTests
from migrator.python_analysis.model_lists import _ModelLists
from migrator.python_analysis.names import _decorator_name
from migrator.python_analysis.placement import CHOICE_ITEM, HOST_KEY, HOST_TUPLE, LOOP_ITEM, MODEL_LIST_MEMBER
from migrator.python_analysis.providers import (
    _combine,
)
from migrator.python_analysis.reads import _subscript_key
from migrator.python_analysis.state import (
    _Pending,
)
from migrator.python_analysis.syntax import (
    _ASSERTION_CALL,
    Owner,
    _dotted,
    _enum_values,
    _in_assertion,
    _own_nodes,
    _source,
    _string_value,
)

_MAX_NAME_DEPTH = 2  # model = pick; pick = cfg["id"]: names followed back to the field a request sends
_PROPERTIES = frozenset({"property", "cached_property"})


class _SiteResolver(_ModelLists, _InertTests, _ForwardedModels):
    """Site resolution: each recorded site with the requests it reaches, its uses and its siblings."""

    def _resolve_sites(self) -> Iterator[ModelSite]:
        """Attach requests and providers, now that every name in the module is known."""
        reached: dict[Owner, list[RequestContext]] = {}
        reached_calls: dict[Owner, list[cst.Call]] = {}
        # Fields a request here sends as its model, with the names they are read from:
        # body["model"] = info.api_model_name, create(model=spec.id), create(model=cfg["model"])
        sent: dict[str, set[str]] = {name: set() for name in self.sent_attributes}
        sent_not_elsewhere: set[str] = set()  # fields a request that may go to DeepSeek sends
        for expression, call in self.model_arguments:
            request = self._request(call)
            for owner in self._owners(expression):
                reached.setdefault(owner, []).append(request)
                reached_calls.setdefault(owner, []).append(call)
            if request.shape is not None:
                for field, sources in self._fields_sent(expression, 0):
                    sent.setdefault(field, set()).update(sources)
                    if request.provider != PROVIDER_FOREIGN:
                        sent_not_elsewhere.add(field)
        for expression, mapping, mapping_owner in self.payload_models:
            payload_request = self._body_request(mapping, mapping_owner)
            if payload_request is None:
                continue  # data that only looks like a request
            for owner in self._owners(expression):
                reached.setdefault(owner, []).append(payload_request)
            for field, sources in self._fields_sent(expression, 0):  # body = {"model": models[0]["id"]}; post(json=body)
                sent.setdefault(field, set()).update(sources)
                if payload_request.provider != PROVIDER_FOREIGN:
                    sent_not_elsewhere.add(field)

        uses, siblings = self._uses_by_owner()
        known_reads = self._known_reads()
        for item in self.pending:
            placement = item.placement
            picked_for: list[RequestContext] = []  # the requests a member picked by index reaches
            if placement.role == ROLE_MODEL and placement.context.startswith("value of key") and (
                self._only_describes_a_model(placement.owner)
            ):  # model_info = {"name": "deepseek-chat", "vision": False}; OpenAIChatCompletionClient(model_info=model_info)
                placement = replace(placement, role=ROLE_OTHER, context=f"{placement.context} in a description of the model")
            if placement.context == LOOP_ITEM and placement.owner in reached:
                placement = replace(placement, role=ROLE_MODEL)  # the loop variable is a request's model
            elif placement.context == CHOICE_ITEM:
                # the widget's pick is a request's model: each option may be sent; else the options are knowledge.
                # A pick mapped to other values first (model = LABELS[model]) is knowledge.
                picked = placement.owner in reached and not self._remapped(placement.owner)
                placement = replace(
                    placement, role=ROLE_MODEL if picked else ROLE_REFERENCE,
                    context=f"option of a widget{', whose pick a request sends' if picked else ''}",
                )
            if placement.context == MODEL_LIST_TEXT and placement.owner in reached:
                # MODELS = "deepseek-chat,deepseek-v4-pro"; create(model=MODELS.split(",")[0]): a piece of it is sent
                placement = replace(placement, role=ROLE_MODEL, context=f"{MODEL_LIST_TEXT}, split and sent by a request here")
            if OFFERED_LISTING in placement.context and self._key_sent(item.node, sent_not_elsewhere):
                # def list_models(): return [{"id": "deepseek-chat", ...}] and create(model=models[0]["id"]) here
                placement = replace(placement, role=ROLE_MODEL, context=f"{placement.context}, whose key a request here sends")
            elif placement.role == ROLE_REFERENCE and self._catalogue_field_sent(item.node, placement, sent):
                # DeepSeekModelInfo(api_model_name="deepseek-chat") and args["model"] = info.api_model_name
                placement = replace(placement, role=ROLE_MODEL, context=f"{placement.context}, whose field a request here sends")
            if placement.context == MODEL_LIST_MEMBER and placement.owner not in uses:
                if self._iterated_into_knowledge(placement.owner, known_reads):
                    # any(name.startswith(p) for p in THINKING_MODELS): each member is only compared
                    placement = replace(placement, context=f"{MODEL_LIST_MEMBER}, each only compared")
                elif self._tried_in_turn(placement.owner) or self._list_read(placement.owner, known_reads):
                    # FALLBACK_CHAIN = [...], or MODELS read here (indexed, iterated, handed on): each member may be sent
                    placement = replace(placement, role=ROLE_MODEL)
                else:
                    # available_models = [...], read nowhere in this file but to compare or offer choices: a catalogue
                    placement = replace(placement, context=f"{MODEL_LIST_MEMBER} offered for choice, which nothing in this file sends")
            elif placement.context == MODEL_LIST_MEMBER:
                picked_for = self._indexed(placement.owner, reached, fixed_only=not self._tried_in_turn(placement.owner))
                if picked_for:
                    # if i + 1 < len(candidates): model = candidates[i + 1]; if model not in self.supported_models:
                    # model = self.supported_models[0]: compared, and a member is still picked for a request here
                    placement = replace(placement, role=ROLE_MODEL, context=f"{MODEL_LIST_MEMBER} picked by index for a request here")
            if (
                placement.role == ROLE_MODEL and placement.call is None and placement.payload is None
                and placement.owner not in reached and self._only_known(placement.owner, known_reads)
            ):  # BASELINE = "deepseek-chat", read only as scores.get(BASELINE): knowledge
                lines = ", ".join(str(line) for line in self._read_lines(placement.owner, uses))
                where = "" if not lines else f" on line {lines}" if "," not in lines else f" on lines {lines}"
                placement = replace(
                    placement, role=ROLE_REFERENCE, context=f"{placement.context}, only compared or looked up{where}"
                )
            if (
                placement.context.endswith("(named as data)") and placement.owner not in reached
                and self._asserted_against(placement.owner, known_reads)
            ):  # expected = {"model": "deepseek-chat", ...}; assert actual == expected: what the test checks
                placement = replace(placement, role=ROLE_REFERENCE, context=f"{placement.context}, which an assertion compares")
            if (
                placement.context == HOST_TUPLE and placement.owner not in reached
                and self._column_only_known(item.node, placement.owner, known_reads)
            ):  # for provider, model, tokens in cases: calculate_cost(provider, model, tokens)
                placement = replace(placement, role=ROLE_REFERENCE, context=f"{HOST_TUPLE}, a column a loop only looks up")
            if placement.context == HOST_KEY and self._keys_picked(placement.owner):
                # for (base_url, model), params in ROUTES.items(), min(PRICES, key=...): a key may be sent
                placement = replace(placement, role=ROLE_MODEL, context=f"{HOST_KEY} that code may pick")
            request: RequestContext | None = None
            provider = PROVIDER_UNKNOWN
            if placement.call is not None:
                request = self._request(placement.call)
                provider = request.provider
                if placement.sent_by and provider == PROVIDER_UNKNOWN:
                    # helper.go("x", "deepseek-chat"): where go()'s own requests send it, as if it were written there
                    provider = _combine([self._request(sender).provider for sender in placement.sent_by])
                if placement.role == ROLE_MODEL and provider == PROVIDER_UNKNOWN and request.shape is None and (
                    self._forwarded_provider(placement.call, item.node) == PROVIDER_FOREIGN
                ):  # DeepSeekModel("deepseek-chat") of this module, whose requests all go to SambaNova
                    provider = PROVIDER_FOREIGN
                    placement = replace(placement, context=f"{placement.context}, which sends it only to another provider")
            elif placement.payload is not None:
                request = self._body_request(placement.payload, placement.owner)
                provider = request.provider if request is not None else PROVIDER_UNKNOWN
            elif picked_for or (placement.owner is not None and placement.owner in reached):
                requests = picked_for or reached[placement.owner]
                provider = _combine([request.provider for request in requests])
                request = next((r for r in requests if r.provider != PROVIDER_FOREIGN), requests[0])
            if provider == PROVIDER_UNKNOWN and (request is None or request.provider == PROVIDER_UNKNOWN):
                provider = self._settings_provider(item.node)
            if provider == PROVIDER_UNKNOWN and (request is None or request.provider == PROVIDER_UNKNOWN):
                provider = self._neighbour_provider(item.node)
            if provider == PROVIDER_UNKNOWN and request is None and isinstance(placement.owner, tuple):
                provider = self._class_provider(placement.owner[0])
            if (
                placement.role == ROLE_MODEL and isinstance(placement.owner, cst.Param)
                and placement.owner not in reached and self._param_only_shown(placement.owner)
            ):  # def chat(model="deepseek-chat"): print(f"model: {model}"), never sent
                placement = replace(placement, role=ROLE_OTHER, context=f"{placement.context}, only printed or logged")
            if placement.role == ROLE_MODEL and self._only_compared_parameter(placement, known_reads):
                placement = replace(placement, role=ROLE_REFERENCE, context=f"{placement.context}, whose parameter is only compared")
            # A test that sends nothing: judged before a patch or an expected error makes the ID test input
            # (a selection, or an ID handed to a call that is not a request: plugin.resolve("deepseek-chat")).
            inert = self._inert(item.node, placement.call if placement.role == ROLE_MODEL else None) if (
                placement.role in (ROLE_MODEL, ROLE_REFERENCE)
            ) else ""
            stand_in = self._site_stand_in(item.node, placement, reached, reached_calls)
            if stand_in is not None:  # with patch("app.OpenAI"): Reasoner(model_id=...): test input
                placement = replace(placement, role=ROLE_OTHER, context=f"{placement.context}, {stand_in}")
            if placement.role == ROLE_MODEL and request is None and self._record_named(item.node):
                # EXAMPLE_RECORD = {"model": ...}, DEMO_ROWS = [{...}]: never posted, so an example, not a body
                placement = replace(placement, role=ROLE_OTHER, context=f"{placement.context} in a literal named as an example")
            if not (placement.role == ROLE_MODEL or stand_in is not None):
                inert = ""  # knowledge stays knowledge, an example stays an example
            echoed = (placement.role == ROLE_MODEL or stand_in is not None) and self._echoed(
                item.node, item.value, item.legacy_ids, placement.call)
            request_node = placement.call if placement.call is not None else (placement.payload if request else None)
            if placement.payload is not None and self._is_unpacked(placement.payload, placement.owner):
                # **params into an SDK call: its keys are keyword arguments, not an HTTP body.
                request = replace(request, toggle=None) if request is not None else None
                request_node = None
            yield ModelSite(
                span=self._span(item.node),
                kind=item.kind,
                value=item.value,
                legacy_ids=item.legacy_ids,
                prefix=item.prefix,
                routed=item.prefix in self.catalog.routed_prefixes,
                role=placement.role,
                context=placement.context,
                request=request,
                provider=provider,
                function=item.function,
                statement_line=item.statement_line or self._span(item.node).line,
                conditional=placement.conditional,
                uses=tuple(uses.get(placement.owner, ())) if placement.owner is not None and placement.payload is None else (),
                siblings=self._siblings(item, siblings),
                definition=self.reference_keys.get(item.node, ""),
                doubled=self._doubled(item.node) if placement.role == ROLE_MODEL and not self._written_request(
                    placement.owner, reached) else "",
                inert=inert,
                pinned=bool(inert) and (echoed or self._checks_what_it_stored(item.node, placement.call)),
                echoed=echoed,
                asserted=placement.role == ROLE_MODEL and placement.call is not None and _in_assertion(
                    self._ancestors(placement.call)[::-1]),
                handles=self._handles(item.node, request_node),
            )

    def _fields_sent(self, expression: cst.BaseExpression, depth: int) -> Iterator[tuple[str, set[str]]]:
        """The fields a sent value is read from, with the names they are read from: ``cfg["model"]``, ``spec.id``,
        or the same through a local name and a fallback (``model = model or self.list_models()[0]["id"]``)."""
        if isinstance(expression, (cst.Attribute, cst.Subscript)):
            field = expression.attr.value if isinstance(expression, cst.Attribute) else _subscript_key(expression)
            if field is not None:
                yield field, self._read_from(expression)
            returned = self._own_property(expression) if depth < _MAX_NAME_DEPTH else None
            for statement in _own_nodes(returned.body) if returned is not None else ():
                if isinstance(statement, cst.Return) and statement.value is not None:
                    # "model": self.model_name, and model_name is a property: return MODELS[self.tier]["name"]
                    yield from self._fields_sent(statement.value, depth + 1)
        elif (
            isinstance(expression, cst.Call) and isinstance(expression.func, cst.Attribute)
            and expression.func.attr.value == "get" and expression.args
        ):  # self.list_models()[0].get("id"), cfg.get("model", "deepseek-chat")
            field = _string_value(expression.args[0].value)
            if field is not None:
                yield field, self._read_from(expression.func)
        elif isinstance(expression, cst.BooleanOperation):
            yield from self._fields_sent(expression.left, depth)
            yield from self._fields_sent(expression.right, depth)
        elif isinstance(expression, cst.IfExp):
            yield from self._fields_sent(expression.body, depth)
            yield from self._fields_sent(expression.orelse, depth)
        elif isinstance(expression, cst.Name) and depth < _MAX_NAME_DEPTH:
            for assignment in self._assignments(expression):
                target = self.parents.get(assignment.node)
                statement = self.parents.get(target) if isinstance(target, cst.AssignTarget) else target
                if isinstance(statement, (cst.Assign, cst.AnnAssign)) and statement.value is not None:
                    yield from self._fields_sent(statement.value, depth + 1)

    def _own_property(self, expression: cst.BaseExpression) -> cst.FunctionDef | None:
        """The property of this class that ``self.<name>`` reads, when the class defines one."""
        if not (isinstance(expression, cst.Attribute) and isinstance(expression.value, cst.Name)
                and expression.value.value == "self"):
            return None
        method = next((node for node in reversed(self._ancestors(expression)) if isinstance(node, cst.FunctionDef)), None)
        found = self._own_method(method, expression.attr.value) if method is not None else None
        if found is not None and any(_decorator_name(decorator) in _PROPERTIES for decorator in found.decorators):
            return found
        return None

    def _asserted_against(self, owner: Owner | None, known_reads: set[cst.Name]) -> bool:
        """Is the literal bound to ``owner`` compared in an assertion, and read nowhere but in assertions?"""
        if not isinstance(owner, cst.Name):
            return False
        reads = self._binding_reads(owner) or []
        return bool(reads) and all(_in_assertion(self._ancestors(read)[::-1]) for read in reads) and any(
            read in known_reads or _assertion_argument(read, self.parents) or _asserted_item(read, self.parents)
            for read in reads
        )

    def _record_named(self, node: cst.CSTNode) -> bool:
        """Is the value inside a dict or list literal assigned to a name like ``EXAMPLE_RECORD`` or ``demo_rows``?"""
        current = self.parents.get(node)
        inside = False
        while isinstance(current, (cst.DictElement, cst.Dict, cst.Element, cst.List, cst.Tuple)):
            inside = inside or isinstance(current, (cst.Dict, cst.List, cst.Tuple))
            current = self.parents.get(current)
        if not inside or not isinstance(current, (cst.Assign, cst.AnnAssign)):
            return False
        target = current.targets[0].target if isinstance(current, cst.Assign) else current.target
        name = target.value if isinstance(target, cst.Name) else (target.attr.value if isinstance(target, cst.Attribute) else "")
        return bool(name) and re.search(self.vocab.record_name_pattern, name) is not None

    def _written_request(self, owner: Owner | None, reached: dict[Owner, list[RequestContext]]) -> bool:
        """Does any request that reads the name send it through an SDK call or a posted body written here?"""
        return owner is not None and any(request.shape is not None or request.body for request in reached.get(owner, ()))

    def _settings_provider(self, node: cst.CSTNode) -> str:
        """Where a value in a settings dict goes, by a sibling key (``"BASE_URL": ...``, ``"provider": ...``)."""
        element = self.parents.get(node)
        mapping = self.parents.get(element) if isinstance(element, cst.DictElement) else None
        if not isinstance(mapping, cst.Dict):
            return PROVIDER_UNKNOWN
        key = element.key  # type: ignore[union-attr]
        named = _string_value(key) or (_dotted(key) or ("",))[-1]
        if named and self._names_another_host(named):  # {Provider.OPENROUTER: "deepseek/..."}, {"ollama": "deepseek-chat"}
            return PROVIDER_FOREIGN
        for element in mapping.elements:
            key = (_string_value(element.key) or "").lower() if isinstance(element, cst.DictElement) else ""
            if key in self.vocab.base_url_keywords:
                verdict = self._url_verdict(element.value, 0)  # type: ignore[union-attr]
            elif key in self.vocab.provider_keywords:
                verdict = self._provider_value(element.value, 0)  # type: ignore[union-attr]
            else:
                continue
            if verdict != PROVIDER_UNKNOWN:
                return verdict
        return PROVIDER_UNKNOWN

    def _neighbour_provider(self, node: cst.CSTNode) -> str:
        """Where a value goes by the URL or provider name written beside it in the same call or tuple.

        ``Target("ds", "deepseek-chat", "http://localhost:8000/v1")`` and
        ``("https://openrouter.ai/api/v1", "deepseek/deepseek-chat")`` name
        their host next to the model.
        """
        holder = self.parents.get(node)
        container = self.parents.get(holder)
        if isinstance(holder, cst.Arg) and isinstance(container, cst.Call):
            neighbours = [arg.value for arg in container.args if arg is not holder]
        elif isinstance(holder, cst.Element) and isinstance(container, cst.Tuple):
            neighbours = [element.value for element in container.elements if element is not holder]
        else:
            return PROVIDER_UNKNOWN
        verdicts = []
        for value in neighbours:
            text = _string_value(value)
            if isinstance(value, cst.Call) or (text is not None and "://" in text):
                verdicts.append(self._url_verdict(value, 0))
            elif text is not None:
                verdicts.append(self.catalog.provider_verdict(text) or PROVIDER_UNKNOWN)
        known = [verdict for verdict in verdicts if verdict != PROVIDER_UNKNOWN]
        return known[0] if known and all(verdict == known[0] for verdict in known) else PROVIDER_UNKNOWN

    def _class_provider(self, owner: cst.CSTNode) -> str:
        """``model = "deepseek-chat"`` beside ``base_url = "http://localhost:11434/v1"`` in a class (or its bases)."""
        if not isinstance(owner, cst.ClassDef):
            return PROVIDER_UNKNOWN
        for name in self.vocab.base_url_keywords:
            value = self._inherited_attribute(owner, name, 0)
            if value is not None:
                verdict = self._url_verdict(value, 0)
                if verdict != PROVIDER_UNKNOWN:
                    return verdict
        return PROVIDER_UNKNOWN

    def _read_lines(self, owner: Owner | None, uses: dict[Owner, list[Use]]) -> list[int]:
        """The lines where a value's owner is compared or looked up: a parameter's own reads, else its uses."""
        if isinstance(owner, cst.Param):
            function = self.parents.get(self.parents.get(owner))
            if isinstance(function, cst.FunctionDef):
                return sorted({self._span(read).line for read in self._parameter_reads(function, owner)})
        return [use.line for use in uses.get(owner, ())] if owner is not None else []

    def _uses_by_owner(self) -> tuple[dict[Owner, list[Use]], dict[Owner, list[Sibling]]]:
        """Where each name is compared or used as a key, and the other keys of the dicts it keys."""
        uses: dict[Owner, list[Use]] = {}
        siblings: dict[Owner, list[Sibling]] = {}
        for expression, context, mapping in self.known_by_name:
            owners = list(self._owners(expression))
            at = self._span(expression) if owners else None
            for owner in owners:
                uses.setdefault(owner, []).append(Use(at.line, context, at.column))  # type: ignore[union-attr]
            if mapping is None or not owners:
                continue
            for element in mapping.elements:
                if isinstance(element, cst.DictElement) and element.key is not expression:
                    value = self._string_through(element.key, 0)
                    if value is not None:
                        for owner in owners:
                            siblings.setdefault(owner, []).append(Sibling(_source(element.key), value))
        return uses, siblings

    def _siblings(self, item: _Pending, by_owner: dict[Owner, list[Sibling]]) -> tuple[Sibling, ...]:
        """Values that must stay distinct from this one: its Enum's other members, its dicts' other keys."""
        owner = item.placement.owner
        found = list(by_owner.get(owner, ())) if owner is not None else []
        found.extend(self._functional_enum_siblings(item.node))
        if isinstance(owner, tuple) and isinstance(owner[0], cst.ClassDef) and self._is_enum(owner[0], 0):
            found.extend(
                Sibling(f"{owner[0].name.value}.{name}", value)
                for name, value in _enum_values(owner[0]).items()
                if name != owner[1]
            )
        return tuple(dict.fromkeys(found))

    def _functional_enum_siblings(self, node: cst.CSTNode) -> Iterator[Sibling]:
        """``Enum("Model", {"CHAT": "deepseek-chat", ...})``: the other members' values."""
        element = self.parents.get(node)
        mapping = self.parents.get(element) if isinstance(element, cst.DictElement) else None
        arg = self.parents.get(mapping) if isinstance(mapping, cst.Dict) else None
        call = self.parents.get(arg) if isinstance(arg, cst.Arg) else None
        if not isinstance(call, cst.Call) or (_dotted(call.func) or ("",))[-1] not in _ENUM_BASES:
            return
        for other in mapping.elements:  # type: ignore[union-attr]
            value = _string_value(other.value) if isinstance(other, cst.DictElement) and other is not element else None
            if value is not None:
                yield Sibling(_source(other.key), value)  # type: ignore[union-attr]


def _assertion_argument(read: cst.CSTNode, parents: dict[cst.CSTNode, cst.CSTNode]) -> bool:
    """``self.assertEqual(actual, expected)``: the name is an argument of an assertion method."""
    holder = parents.get(read)
    call = parents.get(holder) if isinstance(holder, cst.Arg) and holder.value is read else None
    return isinstance(call, cst.Call) and bool(_ASSERTION_CALL.search((_dotted(call.func) or ("",))[-1]))


def _asserted_item(read: cst.CSTNode, parents: dict[cst.CSTNode, cst.CSTNode]) -> bool:
    """``assert expected["model"] == "deepseek-chat"``: an item of the name, picked by a literal key, is compared
    (or handed to an assertion method); ``expected[key]`` may be any item, and does not count."""
    item = parents.get(read)
    if not isinstance(item, cst.Subscript) or item.value is not read or len(item.slice) != 1:
        return False
    index = item.slice[0].slice
    if not isinstance(index, cst.Index) or not isinstance(index.value, (cst.SimpleString, cst.Integer)):
        return False
    holder = parents.get(item)
    compared = isinstance(holder, cst.Comparison) or (isinstance(holder, cst.ComparisonTarget) and holder.comparator is item)
    return compared or _assertion_argument(item, parents)
