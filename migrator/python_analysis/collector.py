"""The visitor: one walk over the module records every candidate site; resolution happens when it leaves."""

from __future__ import annotations

import re
from typing import Sequence

import libcst as cst

from migrator.facts import (
    KIND_CONDITIONAL,
    KIND_DYNAMIC,
    KIND_LITERAL,
    KIND_REGEX,
    KIND_SYMBOL,
    REGEX_NOT_RUN,
    REGEX_RUN,
    ROLE_MODEL,
    ROLE_REFERENCE,
    DropSite,
)
from migrator.patterns import fills, mentions, regex_matches
from migrator.python_analysis.project_names import _ProjectNames
from migrator.python_analysis.sites import (
    _SiteResolver,
)
from migrator.python_analysis.state import (
    _Pending,
    _Placement,
)
from migrator.python_analysis.syntax import (
    _ASSISTANT_ROLE,
    _KEY_LOOKUPS,
    _MIN_STATIC_TEXT,
    _ROLE_KEY,
    _TOOL_CALLS_KEY,
    _dotted,
    _enclosing_class,
    _enclosing_function,
    _flatten_concatenation,
    _format_parts,
    _is_self_attribute,
    _owning_class,
    _source,
    _string_parts,
    _string_value,
)


class _Collector(_SiteResolver, _ProjectNames):
    """The walk: visits every node once, records candidate sites, requests and names used as knowledge."""

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._remember_assignment(target.target, node.value)
            subscript = target.target
            if isinstance(subscript, cst.Subscript) and any(
                isinstance(item.slice, cst.Index) and _string_value(item.slice.value) in self.vocab.model_keywords
                for item in subscript.slice
            ):
                self.body_changes.append((subscript.value, self._statement_line() or 0))
                if isinstance(node.value, cst.Attribute):  # args["model"] = self.info.api_model_name
                    self.sent_attributes.add(node.value.attr.value)
            rebuilt = target.target
            if isinstance(rebuilt, cst.Name) and isinstance(node.value, cst.Dict) and any(
                isinstance(item, cst.StarredDictElement) and isinstance(item.value, cst.Name) and item.value.value == rebuilt.value
                for item in node.value.elements
            ):  # payload = {**payload, "model": ...}: the body posted is another dict
                self.body_changes.append((rebuilt, self._statement_line() or 0))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.operator, cst.BitOrAssign):  # payload |= {"model": ...}
            self.body_changes.append((node.target, self._statement_line() or 0))

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
        value = node.evaluated_value
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
        elif not self._qualified_name(node, value):
            self._compared_mention(node, value)

    def _qualified_name(self, node: cst.SimpleString, value: str) -> bool:
        """``"deepseek::deepseek-chat"``: a registry's qualified name of the ID, a form no API takes, is knowledge."""
        qualifier, separator, name = value.rpartition("::")
        if not separator or name not in self.catalog.legacy or not re.fullmatch(r"[A-Za-z][\w.-]*", qualifier):
            return False
        self._add(node, KIND_DYNAMIC, _source(node), (name,), "", _Placement(ROLE_REFERENCE, "qualified name in a registry"))
        return True

    def _compared_mention(self, node: cst.SimpleString, value: str) -> None:
        """``assert "DEEPSEEK_MODEL=deepseek-chat" in env_text``: text expected to spell the ID is knowledge about it."""
        parent = self.stack[-1] if self.stack else None
        if not (isinstance(parent, cst.Comparison) and parent.left is node or isinstance(parent, cst.ComparisonTarget)):
            return
        for legacy_id in self.catalog.legacy:
            for match in re.finditer(re.escape(legacy_id), value):
                before, after = value[match.start() - 1:match.start()], value[match.end():match.end() + 1]
                if not re.match(r"[\w-]", before) and not re.match(r"[\w-]", after):  # not deepseek-chat-v3
                    context = "text compared with what spells it"
                    self._add(node, KIND_DYNAMIC, _source(node), (legacy_id,), "", _Placement(ROLE_REFERENCE, context))
                    return

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

    def _literal(self, node: cst.CSTNode, value: str) -> bool:
        split = self.catalog.split_model_string(value)
        if split is None:
            return False
        self._add(node, KIND_LITERAL, value, (split[1],), split[0])
        return True

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
            self.body_changes.append((node.func.value, self._span(node).line))
        elif segments and not (
            segments[-1] in self.vocab.http_calls or segments[-1] in self.vocab.prose_calls
            or self._matches(node.func, self.serializer_calls)
        ):  # tweak(payload): a function that receives a body may change it before it is posted
            for arg in node.args:
                if isinstance(arg.value, cst.Name) and arg.star == "":
                    self.body_changes.append((arg.value, self._span(node).line))
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

    def _add(
        self,
        node: cst.CSTNode,
        kind: str,
        value: str,
        legacy_ids: tuple[str, ...],
        prefix: str,
        placement: _Placement | None = None,
    ) -> None:
        self.pending.append(
            _Pending(
                node=node,
                kind=kind,
                value=value,
                legacy_ids=legacy_ids,
                prefix=prefix,
                placement=placement or self._place(node),
                function=".".join(
                    item.name.value for item in self.stack if isinstance(item, (cst.ClassDef, cst.FunctionDef))
                ),
                statement_line=self._statement_line(),
            )
        )

    def _template(self, node: cst.CSTNode, parts: Sequence[str | None]) -> None:
        """A string built at run time: does some filling of its holes spell a retired ID?"""
        if None not in parts or sum(len(part) for part in parts if part) < _MIN_STATIC_TEXT:
            return
        candidates = [
            (prefix, legacy_id)
            for legacy_id in self.catalog.legacy
            for prefix in ("", *self.catalog.deepseek_prefixes)
            if fills(parts, prefix + legacy_id)
        ]
        if not candidates:
            self._name_template(node, parts)
            return
        placement = self._place(node)
        if placement.role != ROLE_MODEL:
            return
        legacy_ids = tuple(dict.fromkeys(legacy_id for _, legacy_id in candidates))
        self._add(node, KIND_DYNAMIC, _source(node), legacy_ids, "", placement)

    def _formatted_here(self, node: cst.SimpleString) -> bool:
        """``"...{}".format(...)``: the call judges the filled-in string, not the template."""
        parent = self.stack[-1] if self.stack else None
        above = self.stack[-2] if len(self.stack) > 1 else None
        return isinstance(parent, cst.Attribute) and parent.value is node and isinstance(above, cst.Call)

    def _name_template(self, node: cst.CSTNode, parts: Sequence[str | None]) -> None:
        """``f"deepseek-chat-{suffix}"``: a name derived from a retired ID is knowledge about it."""
        head = parts[0] if parts else None
        if not head:
            return
        for legacy_id in self.catalog.legacy:
            if head.startswith(legacy_id) and len(head) > len(legacy_id) and head[len(legacy_id)] in "-_:/@.":
                self._add(node, KIND_DYNAMIC, _source(node), (legacy_id,), "", _Placement(ROLE_REFERENCE, "name template"))
                return

    def _drop_of_reasoning(self, node: cst.SimpleString) -> str | None:
        """How this mention of the reasoning field removes it from a message, if it does."""
        parent = self.stack[-1] if self.stack else None
        above = self.stack[-2] if len(self.stack) > 1 else None
        if isinstance(parent, cst.Arg) and isinstance(above, cst.Call):
            name = (_dotted(above.func) or ("",))[-1]
            if name == "pop" and above.args and above.args[0] is parent:
                return ".pop()"
        if isinstance(parent, cst.Index) and any(isinstance(item, cst.Del) for item in self.stack):
            return "del"
        for item in reversed(self.stack):
            if isinstance(item, cst.Arg) and item.keyword is not None and item.keyword.value == "exclude":
                return "exclude="
            if isinstance(item, (cst.Comparison, cst.ComparisonTarget)):
                continue
            if isinstance(item, (cst.DictComp, cst.ListComp, cst.SetComp, cst.GeneratorExp)):
                return "a comprehension that filters it out"
            if isinstance(item, cst.BaseStatement):
                break
        return None

    def _regex_matches(self, node: cst.SimpleString, value: str) -> tuple[tuple[str, ...], bool]:
        """Retired IDs a regex literal matches, when it matches none of their successors, and whether it ran.

        The file's own pattern runs only when its shape bounds backtracking
        (``patterns.regex_matches``); otherwise the IDs its text names count.
        """
        parent = self.stack[-1] if self.stack else None
        call = self.stack[-2] if len(self.stack) > 1 else None
        if not (isinstance(parent, cst.Arg) and isinstance(call, cst.Call)):
            return (), False
        if not self._matches(call.func, self.regex_calls):
            return (), False
        if not (parent is call.args[0] or (parent.keyword and parent.keyword.value == "pattern")):
            return (), False
        targets = regex_matches(value, self.catalog.targets.values())
        if targets is None:  # not run: judged by what its text names
            return tuple(legacy_id for legacy_id in self.catalog.legacy if mentions(value, legacy_id)), False
        if targets:
            return (), True
        return regex_matches(value, self.catalog.legacy) or (), True

    def leave_Module(self, original_node: cst.Module) -> None:
        # Metadata is only available during the visit, so resolution happens here.
        self.sites = list(self._resolve_sites())
        self.request_sites = list(self._resolve_requests())
