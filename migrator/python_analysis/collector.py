"""The visitor: one walk over the module records every candidate site; resolution happens when it leaves."""

from __future__ import annotations

import re

import libcst as cst

from migrator.facts import (
    KIND_CONDITIONAL,
    KIND_REGEX,
    KIND_SYMBOL,
    REGEX_NOT_RUN,
    REGEX_RUN,
    ROLE_MODEL,
    ROLE_REFERENCE,
    DropSite,
)
from migrator.python_analysis.project_names import _ProjectNames
from migrator.python_analysis.state import (
    _Placement,
)
from migrator.python_analysis.strings import _StringSites
from migrator.python_analysis.syntax import (
    _ASSISTANT_ROLE,
    _KEY_LOOKUPS,
    _ROLE_KEY,
    _TOOL_CALLS_KEY,
    _dotted,
    _enclosing_class,
    _enclosing_function,
    _evaluated,
    _flatten_concatenation,
    _format_parts,
    _is_self_attribute,
    _owning_class,
    _source,
    _string_parts,
    _string_value,
)


class _Collector(_StringSites, _ProjectNames):
    """The walk: visits every node once, records candidate sites, requests and names used as knowledge."""

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._remember_assignment(target.target, node.value)
            subscript = target.target
            if isinstance(subscript, cst.Subscript) and any(
                isinstance(item.slice, cst.Index) and _string_value(item.slice.value) in self.vocab.model_keywords
                for item in subscript.slice
            ):
                self.body_changes.append((subscript.value, self._statement()))
                if isinstance(node.value, cst.Attribute):  # args["model"] = self.info.api_model_name
                    self.sent_attributes.add(node.value.attr.value)
            rebuilt = target.target
            if isinstance(rebuilt, cst.Name) and isinstance(node.value, cst.Dict) and any(
                isinstance(item, cst.StarredDictElement) and isinstance(item.value, cst.Name) and item.value.value == rebuilt.value
                for item in node.value.elements
            ):  # payload = {**payload, "model": ...}: the body posted is another dict
                self.body_changes.append((rebuilt, self._statement()))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.operator, cst.BitOrAssign):  # payload |= {"model": ...}
            self.body_changes.append((node.target, self._statement()))

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._remember_assignment(node.target, node.value)

    def _remember_assignment(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if isinstance(target, (cst.Tuple, cst.List)) and isinstance(value, (cst.Tuple, cst.List)):
            if len(target.elements) == len(value.elements):
                for name, item in zip(target.elements, value.elements):
                    self._remember_assignment(name.value, item.value)
            return
        if isinstance(target, cst.Name):
            self.assigned[target] = value
            owner = _owning_class(self.stack)
            if owner is not None:
                self.class_level[target] = owner
        elif _is_self_attribute(target):
            owner = _enclosing_class(self.stack)
            if owner is not None:
                self.self_attributes[(owner, target.attr.value)] = value  # type: ignore[attr-defined]

    def visit_Arg(self, node: cst.Arg) -> None:
        call = self.stack[-1] if self.stack else None
        if not isinstance(call, cst.Call):
            return
        keyword = node.keyword.value if node.keyword else None
        if node.star == "**":
            self.star_arguments.append(node.value)
        if self._is_model_argument(node, call):
            self.model_arguments.append((node.value, call))
        if keyword in self.vocab.payload_keywords:
            self.payload_arguments.append((node.value, call))

    def visit_DictElement(self, node: cst.DictElement) -> None:
        """``{"model": MODEL}``: the constant reaches whatever the payload is posted to."""
        mapping = self.stack[-1] if self.stack else None
        if isinstance(mapping, cst.Dict):
            self._known_by_name(node.key, "dictionary key", mapping)
            if _string_value(node.key) == _ROLE_KEY and _string_value(node.value) == _ASSISTANT_ROLE:
                self._assistant_turn(mapping)
        if isinstance(mapping, cst.Dict) and _string_value(node.key) in self.vocab.model_keywords:
            self.payloads.setdefault(mapping, self._assignment_owner(self.stack[:-1], through_calls=False))
            if not isinstance(node.value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
                self.payload_models.append(
                    (node.value, mapping, self._assignment_owner(self.stack[:-1], through_calls=False))
                )

    def visit_Return(self, node: cst.Return) -> None:
        function = _enclosing_function(self.stack)
        if function is not None and node.value is not None:
            self.returns.setdefault(function, []).append(node.value)

    def visit_For(self, node: cst.For) -> None:
        self.iterations.append((node.iter, node.target))

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self.iterations.append((node.iter, node.target))

    def visit_Comparison(self, node: cst.Comparison) -> None:
        for operand in (node.left, *(target.comparator for target in node.comparisons)):
            self._known_by_name(operand, "comparison")

    def visit_Match(self, node: cst.Match) -> None:
        self._known_by_name(node.subject, "match subject")

    def visit_Subscript(self, node: cst.Subscript) -> None:
        for element in node.slice:
            if isinstance(element.slice, cst.Index):
                self._known_by_name(element.slice.value, "lookup key")

    def _known_by_name(self, expression: cst.BaseExpression, context: str, mapping: cst.Dict | None = None) -> None:
        if isinstance(expression, (cst.Name, cst.Attribute)):
            self.known_by_name.append((expression, context, mapping))
        elif isinstance(expression, (cst.Tuple, cst.List, cst.Set)):
            for element in expression.elements:
                self._known_by_name(element.value, context, mapping)

    def _assistant_turn(self, mapping: cst.Dict) -> None:
        """``{"role": "assistant", "content": ...}`` rebuilt by hand keeps only what it names."""
        keys = [_string_value(e.key) if isinstance(e, cst.DictElement) else None for e in mapping.elements]
        in_loop = any(isinstance(node, (cst.For, cst.While)) for node in self.stack)
        if not in_loop and _TOOL_CALLS_KEY not in keys:
            return  # a few-shot example written by hand, not a reply put back into the history
        if None not in keys and self.catalog.reasoning_field not in keys:
            self.drops.append(DropSite(self._span(mapping), "an assistant message rebuilt without it"))

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._remember_assignment(node.asname.name, node.item)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._remember_assignment(node.target, node.value)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if node in self.skip or not any(word in node.value for word in self.words):
            return
        value = _evaluated(node)
        if not isinstance(value, str):
            return
        if value == self.catalog.reasoning_field:
            how = self._drop_of_reasoning(node)
            if how is not None:
                self.drops.append(DropSite(self._span(node), how))
            return
        if self._literal(node, value):
            return
        matched, run = self._regex_matches(node, value)
        if matched:
            context = REGEX_RUN if run else REGEX_NOT_RUN
            self._add(node, KIND_REGEX, value, matched, "", _Placement(ROLE_REFERENCE, context))
        elif "{" in value and not self._formatted_here(node):
            self._name_template(node, [value.split("{", 1)[0], None])  # "deepseek-chat-{suffix}" in a pattern list
        elif not self._qualified_name(node, value) and not self._model_list_text(node, value):
            self._compared_mention(node, value)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if self.names is not None:
            self._subclassed(node)

    def visit_Name(self, node: cst.Name) -> None:
        if self.names is not None:
            self._project_expression(node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if self.names is not None:
            self._project_expression(node)
            if node in self.explained:
                return
        segments = _dotted(node)
        for parts, legacy_id in self.symbols:
            if segments[-len(parts):] == parts:
                self._add(node, KIND_SYMBOL, ".".join(segments), (legacy_id,), "")
                return

    def visit_IfExp(self, node: cst.IfExp) -> None:
        """``"deepseek-reasoner" if think else "deepseek-chat"``: the thinking switch as a model name."""
        branches = [_string_value(node.body), _string_value(node.orelse)]
        splits = [self.catalog.split_model_string(value) if value else None for value in branches]
        if None in splits or splits[0] == splits[1]:
            return
        placement = self._place(node)
        if placement.role != ROLE_MODEL:
            return
        self.skip.update((node.body, node.orelse))
        legacy_ids = tuple(split[1] for split in splits if split)
        self._add(node, KIND_CONDITIONAL, _source(node), legacy_ids, splits[0][0] if splits[0] else "", placement)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        parts: list[str | None] = []
        for part in node.parts:
            parts.append(part.value if isinstance(part, cst.FormattedStringText) else None)
        if None not in parts:  # f"deepseek-chat": a literal in disguise
            self._literal(node, "".join(part or "" for part in parts))
        else:
            self._template(node, parts)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        if isinstance(self.stack[-1] if self.stack else None, cst.ConcatenatedString):
            return  # the outermost one speaks for the whole
        value = _string_value(node)
        if value is not None and self._literal(node, value):
            self.skip.update(_string_parts(node))

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        parent = self.stack[-1] if self.stack else None
        if isinstance(node.operator, cst.Add):
            if isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.Add):
                return  # the outermost ``+`` of a chain speaks for it
            self._template(node, list(_flatten_concatenation(node)))
        elif isinstance(node.operator, cst.Modulo):
            template = _string_value(node.left)
            if template is not None:
                values = node.right.elements if isinstance(node.right, cst.Tuple) else [cst.Element(node.right)]
                fillers = [_string_value(element.value) for element in values]
                pieces = re.split(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdrif]", template)
                parts: list[str | None] = [pieces[0]]
                for index, piece in enumerate(pieces[1:]):
                    parts += [fillers[index] if index < len(fillers) else None, piece]
                self._template(node, parts)

    def visit_Call(self, node: cst.Call) -> None:
        if self.names is not None:
            self._default_call(node)
        segments = _dotted(node.func)
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in ("update", "setdefault"):
            self.body_changes.append((node.func.value, node))
        elif segments and not (
            segments[-1] in self.vocab.http_calls or segments[-1] in self.vocab.prose_calls
            or self._matches(node.func, self.serializer_calls)
        ):  # tweak(payload): a function that receives a body may change it before it is posted
            for arg in node.args:
                if isinstance(arg.value, cst.Name) and arg.star == "":
                    self.body_changes.append((arg.value, node))
        if segments and segments[-1] in _KEY_LOOKUPS and node.args and node.args[0].keyword is None:
            self._known_by_name(node.args[0].value, "lookup key")
        if segments and segments[-1] in self.vocab.reference_methods and node.args and node.args[0].keyword is None:
            self._known_by_name(node.args[0].value, f"argument of .{segments[-1]}()")  # name.startswith(THINKING_MODELS)
        if segments and segments[-1] in self.request_names:
            self.candidate_calls.append(node)
        func = node.func
        if not isinstance(func, cst.Attribute):
            return
        template = _string_value(func.value)
        if template is None:
            return
        if func.attr.value == "format":
            self._template(node, _format_parts(template, node.args))
        elif func.attr.value == "join" and node.args and isinstance(node.args[0].value, (cst.List, cst.Tuple)):
            items = [_string_value(element.value) for element in node.args[0].value.elements]
            parts: list[str | None] = []
            for index, item in enumerate(items):
                if index:
                    parts.append(template)
                parts.append(item)
            self._template(node, parts)

    def leave_Module(self, original_node: cst.Module) -> None:
        self.walked = True
        # Metadata is only available during the visit, so resolution happens here.
        self.sites = list(self._resolve_sites())
        self.request_sites = list(self._resolve_requests())
