"""Where a value stands: argument, payload key, assignment, comparison, docstring, and the name it is bound to."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator, Sequence

import libcst as cst

from migrator.facts import (
    PROVIDER_DEEPSEEK,
    ROLE_MODEL,
    ROLE_OTHER,
    ROLE_PROSE,
    ROLE_REFERENCE,
)
from migrator.python_analysis.state import (
    _CollectorState,
    _Placement,
)
from migrator.python_analysis.syntax import (
    _ENUM_BASES,
    _FIELD_DECORATORS,
    _KEY_LOOKUPS,
    _MODEL_BASES,
    Owner,
    _class_is,
    _decorated_with,
    _dotted,
    _enclosing_class,
    _enclosing_function,
    _is_self_attribute,
    _owner_name,
    _owning_class,
    _source,
    _string_value,
)

MODEL_LIST_MEMBER = "member of a list of models"
# typer's Option and Argument take the default first: Option("deepseek-chat", "--model").
_OPTION_CALLS = frozenset({"Option", "Argument"})


class _PlacementFinder(_CollectorState):
    """Where a value stands: the role of the expression (model, knowledge, prose) and what it reaches."""

    def _place(self, node: cst.CSTNode, parent_index: int | None = None) -> _Placement:
        """Say what the expression does, looking through ``a or b``, ``a if c else b`` and ``.value``.

        ``parent_index`` is where the node's parent sits on the stack; by
        default the top, as seen from ``visit_*`` before the node is pushed.
        """
        child: cst.CSTNode = node
        index = len(self.stack) - 1 if parent_index is None else parent_index
        chosen = False
        while index >= 0:
            parent = self.stack[index]
            choice = isinstance(parent, cst.BooleanOperation) or (
                isinstance(parent, cst.IfExp) and child is not parent.test
            )
            if not choice and not (
                isinstance(parent, cst.Attribute) and parent.attr.value == "value" and child is parent.value
            ):
                break
            chosen = chosen or choice
            child, index = parent, index - 1
        if self._in_example(index):
            return _Placement(ROLE_OTHER, "documentation example")
        placement = self._place_at(child, index)
        return replace(placement, conditional=chosen) if chosen else placement

    def _in_example(self, index: int) -> bool:
        """Inside ``example=``, ``json_schema_extra={...}`` or ``schema_extra = {...}``: API documentation."""
        keys = self.vocab.example_keys
        for node in reversed(self.stack[: index + 1]):
            if isinstance(node, cst.Arg) and node.keyword is not None and node.keyword.value in keys:
                return True
            if isinstance(node, cst.DictElement) and _string_value(node.key) in keys:
                return True
            if isinstance(node, (cst.Assign, cst.AnnAssign)):
                target = node.targets[0].target if isinstance(node, cst.Assign) else node.target
                return isinstance(target, cst.Name) and target.value in keys
            if isinstance(node, cst.BaseStatement):
                return False
        return False

    def _place_at(self, child: cst.CSTNode, index: int) -> _Placement:
        """What an expression does, given that its parent is at ``index`` on the stack."""
        if index < 0:
            return _Placement(ROLE_OTHER, "expression")
        parent = self.stack[index]
        above = self.stack[:index]

        if isinstance(parent, cst.Arg) and above and isinstance(above[-1], cst.Call):
            return self._argument(parent, above[-1], above[:-1])
        if isinstance(parent, cst.DictElement):
            if child is parent.value:
                return self._dict_value(parent, above)
            return _Placement(ROLE_REFERENCE, "dictionary key")
        if isinstance(parent, (cst.Assign, cst.AnnAssign)) and child is parent.value:
            target = parent.targets[0].target if isinstance(parent, cst.Assign) else parent.target
            base = target.value if isinstance(target, cst.Subscript) else None
            if isinstance(base, cst.Name) and (
                re.search(self.vocab.data_name_pattern, base.value) or re.search(self.vocab.data_builder_pattern, base.value)
            ):  # fake_completion["model"] = ...: test data
                return _Placement(ROLE_OTHER, f"item of {base.value} (named as data)")
            context = self._assignment(parent, above)
            if self._names_foreign_host(parent):
                return _Placement(ROLE_OTHER, f"{context}, named for another host")
            return _Placement(ROLE_MODEL, context, owner=self._owner_of(parent, above))
        if isinstance(parent, cst.Param) and child is parent.default:
            function = _enclosing_function(above)
            name = function.name.value if function is not None else ""
            stand_in = _owning_class(above[:-1]) if name == "__init__" else None
            if stand_in is not None and re.search(self.vocab.data_builder_pattern, stand_in.name.value):
                return _Placement(ROLE_OTHER, f"default of parameter `{parent.name.value}` of {stand_in.name.value} (a stand-in)")
            if re.search(self.vocab.data_builder_pattern, name):
                return _Placement(ROLE_OTHER, f"default of parameter `{parent.name.value}` of {name}() (test data)")
            if re.search(self.vocab.lookup_name_pattern, name):
                return _Placement(ROLE_REFERENCE, f"default of parameter `{parent.name.value}` of {name}()")
            return _Placement(ROLE_MODEL, f"default of parameter `{parent.name.value}`", owner=parent)
        if isinstance(parent, cst.Return):
            function = _enclosing_function(above)
            if function is not None and re.search(self.vocab.lookup_name_pattern, function.name.value):
                return _Placement(ROLE_REFERENCE, f"value returned by {function.name.value}()")  # pricing_key()
            return _Placement(ROLE_MODEL, "return value", owner=function)
        if isinstance(parent, cst.Lambda) and child is parent.body:
            return _Placement(ROLE_MODEL, "lambda result")
        if isinstance(parent, (cst.Comparison, cst.ComparisonTarget)):
            return _Placement(ROLE_REFERENCE, "comparison")
        if isinstance(parent, (cst.MatchValue, cst.MatchSingleton)):
            return _Placement(ROLE_REFERENCE, "match case")
        if isinstance(parent, cst.Index):
            return _Placement(ROLE_REFERENCE, "subscript")
        if isinstance(parent, cst.Element):
            unpacked = self._unpacked_assignment(parent, above)
            if unpacked is not None:
                return unpacked
            container = type(above[-1]).__name__.lower() if above else "collection"
            holder = above[-2] if len(above) > 1 else None
            if isinstance(above[-1] if above else None, (cst.List, cst.Tuple)):
                listed = self._list_of_models(above[-1], holder, above[:-1])
                if listed is not None:
                    return listed
            looked_up = len(above) > 1 and isinstance(above[-2], (cst.Index, cst.Comparison, cst.ComparisonTarget))
            if isinstance(above[-1] if above else None, cst.Tuple) and not looked_up and self._names_model(child) and any(
                self._names_host(element.value) for element in above[-1].elements  # type: ignore[union-attr]
                if element is not parent
            ):  # ("https://api.deepseek.com", "KEY", "deepseek-chat"), ("deepseek", "deepseek-chat"): where and what
                return _Placement(ROLE_MODEL, "model beside its host in a tuple", owner=self._tuple_owner(above))
            return _Placement(ROLE_REFERENCE, f"{container} member")
        if isinstance(parent, cst.Expr):
            return _Placement(ROLE_PROSE, "docstring or bare string")
        return _Placement(ROLE_OTHER, type(parent).__name__)

    def _list_of_models(
        self, sequence: cst.List | cst.Tuple, holder: cst.CSTNode | None, above: Sequence[cst.CSTNode]
    ) -> _Placement | None:
        """A list named for models tried in turn: assigned (``FALLBACK_CHAIN = [...]``) or passed (``chain=[...]``)."""
        if isinstance(holder, (cst.Assign, cst.AnnAssign)) and holder.value is sequence:
            owner = self._owner_of(holder, above[:-1])
            if owner is not None and self._is_model_list_name(_owner_name(owner)):
                # MODELS_TO_EVAL = [...]: a list of models; the sites pass decides by how it is used
                return _Placement(ROLE_REFERENCE, MODEL_LIST_MEMBER, owner=owner)
        if isinstance(sequence, cst.Tuple) and isinstance(holder, cst.Element):
            owner = self._tuple_owner(above)
            if owner is not None and self._is_model_list_name(_owner_name(owner)) and len(sequence.elements) == 2:
                # MODEL_CHOICES = [("DeepSeek-V3", "deepseek-chat"), ...]: (label, model) pairs
                return _Placement(ROLE_REFERENCE, MODEL_LIST_MEMBER, owner=owner)
        call = above[-2] if len(above) > 1 else None
        if (
            isinstance(holder, cst.Arg) and holder.keyword is not None and isinstance(call, cst.Call)
            and re.search(self.vocab.model_list_name_pattern, holder.keyword.value)
            and not re.search(self.vocab.lookup_name_pattern, (_dotted(call.func) or ("",))[-1])
        ):
            return _Placement(ROLE_MODEL, f"member of `{holder.keyword.value}` of {'.'.join(_dotted(call.func))}()", call=call)
        return None

    def _names_host(self, value: cst.BaseExpression) -> bool:
        """A URL, or a provider's name (``"deepseek"``, ``"openrouter"``)."""
        text = _string_value(value)
        return text is not None and ("://" in text or self.catalog.provider_verdict(text) is not None)

    def _tuple_owner(self, above: Sequence[cst.CSTNode]) -> Owner | None:
        """The name of the list or tuple of endpoint tuples this one stands in, if assigned."""
        for depth in range(len(above) - 1, -1, -1):
            node = above[depth]
            if isinstance(node, (cst.Assign, cst.AnnAssign)):
                return self._owner_of(node, above[:depth])
            if not isinstance(node, (cst.List, cst.Tuple, cst.Element)):
                return None
        return None

    def _is_model_list_name(self, name: str) -> bool:
        return self._is_model_name(name) or bool(re.search(self.vocab.model_list_name_pattern, name))

    def _unpacked_assignment(self, element: cst.Element, above: Sequence[cst.CSTNode]) -> _Placement | None:
        """``FAST, SLOW = "deepseek-chat", "deepseek-reasoner"``: each value has its own name."""
        if len(above) < 2 or not isinstance(above[-1], (cst.Tuple, cst.List)):
            return None
        values, statement = above[-1], above[-2]
        if not isinstance(statement, cst.Assign) or statement.value is not values:
            return None
        target = statement.targets[0].target
        if not isinstance(target, (cst.Tuple, cst.List)) or len(target.elements) != len(values.elements):
            return None
        position = next(i for i, item in enumerate(values.elements) if item is element)
        name = target.elements[position].value
        owner_class = _owning_class(above[:-1])
        if isinstance(name, cst.Name):
            owner: Owner | None = (owner_class, name.value) if owner_class is not None else name
        else:
            owner = None
        return _Placement(ROLE_MODEL, f"assignment to {_source(name)}", owner=owner)

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
            return _Placement(ROLE_OTHER, f"`{keyword}` of a {segments[-1]} (data about a reply)")
        if keyword in ("value", "initial", "default") and self._exact_id(arg.value) and any(
            item.keyword is not None and item.keyword.value in ("label", "name", "title", "help")
            and self._is_model_name((_string_value(item.value) or "").lower().replace(" ", "_"))
            for item in call.args
        ):  # gr.Dropdown(choices, value="deepseek-chat", label="Model"): the widget's initial model
            return _Placement(ROLE_MODEL, f"initial value of {callee}() labelled for a model", owner=self._assignment_owner(above))
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
            _string_value(positional[position - 1].value) in self.vocab.model_keywords
            or re.search(self.vocab.model_keyword_pattern, ".".join(segments[:-1]))
        ):
            return _Placement(ROLE_MODEL, f"fallback of {callee}()", owner=self._assignment_owner(above))
        if position == 0 and self._is_model_argument(arg, call):
            return _Placement(ROLE_MODEL, f"model argument of {callee}()", call=call)
        if position >= 1 and segments and segments[-1] == "partial" and self._exact_id(arg.value) and any(
            self._is_model_name(name) for name in self._parameter_names(positional[0].value, position - 1)
        ):  # partial(_chat, "deepseek-chat"): the bound argument of the module's own function
            return _Placement(ROLE_MODEL, f"argument bound by {callee}()", call=call)
        if position >= 0 and self._wrapper_model(arg.value, call, positional, position):
            return _Placement(ROLE_MODEL, f"model argument of {callee}()", call=call)
        if position >= 0 and self._exact_id(arg.value):  # get_capabilities("deepseek-chat")
            return _Placement(ROLE_REFERENCE, f"argument of {callee}()")
        return _Placement(ROLE_OTHER, f"argument of {callee}()")

    def _catalogue_record(self, mapping: cst.Dict) -> bool:
        keys = {_string_value(element.key) for element in mapping.elements if isinstance(element, cst.DictElement)}
        return bool(keys & self.vocab.catalogue_keys)

    def _result_record(self, mapping: cst.Dict) -> bool:
        keys = {_string_value(element.key) for element in mapping.elements if isinstance(element, cst.DictElement)}
        return bool(keys & self.vocab.result_keys)

    def _names_model(self, value: cst.BaseExpression) -> bool:
        """A retired ID, bare or with a provider prefix."""
        text = _string_value(value)
        return text is not None and self.catalog.split_model_string(text) is not None

    def _exact_id(self, value: cst.BaseExpression) -> bool:
        text = _string_value(value)
        split = self.catalog.split_model_string(text) if text is not None else None
        return split is not None and split[0] == ""

    def _names_foreign_host(self, node: cst.Assign | cst.AnnAssign) -> bool:
        """``GROQ_DEEPSEEK_CHAT = ...``, ``OpenRouterDeepSeek = ...``: the name says another host."""
        target = node.targets[0].target if isinstance(node, cst.Assign) else node.target
        name = target.value if isinstance(target, cst.Name) else (
            target.attr.value if isinstance(target, cst.Attribute) else ""
        )
        tokens = {token.lower() for token in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", name)}
        return bool(tokens & self.vocab.foreign_name_tokens)

    def _option_for_model(self, call: cst.Call, above: Sequence[cst.CSTNode]) -> bool:
        """``model: str = typer.Option("deepseek-chat", help="Model to use")``: an option that picks a model."""
        parameter = above[-1] if above and isinstance(above[-1], cst.Param) else None
        if parameter is not None and self._is_model_name(parameter.name.value):
            return True
        texts = [_string_value(arg.value) or "" for arg in call.args if arg.keyword is not None and arg.keyword.value == "help"]
        texts += [_string_value(arg.value) or "" for arg in call.args[1:] if arg.keyword is None]
        return any(self._is_model_name(text.lstrip("-").replace("-", "_")) for text in texts)

    def _provider_qualified(self, value: cst.BaseExpression) -> bool:
        """``"deepseek:deepseek-chat"``, ``"deepseek/deepseek-chat"``: names the DeepSeek API by itself."""
        text = _string_value(value)
        split = self.catalog.split_model_string(text) if text is not None else None
        return split is not None and split[0] in self.catalog.deepseek_prefixes

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

    def _is_model_name(self, name: str) -> bool:
        return name in self.vocab.model_keywords or bool(re.search(self.vocab.model_keyword_pattern, name))

    def _parameter_names(self, func: cst.BaseExpression, position: int) -> Iterator[str]:
        """The name of the parameter at ``position`` of a function or class this module defines."""
        if not isinstance(func, cst.Name):
            return
        for assignment in self._assignments(func):
            node = assignment.node
            if isinstance(node, cst.FunctionDef):
                names = [param.name.value for param in node.params.params]
            elif isinstance(node, cst.ClassDef):
                names = _init_parameters(node)
            else:
                continue
            if position < len(names):
                yield names[position]

    def _dict_value(self, element: cst.DictElement, above: Sequence[cst.CSTNode]) -> _Placement:
        key = _string_value(element.key)
        mapping = above[-1] if above and isinstance(above[-1], cst.Dict) else None
        if mapping is not None:
            holder = above[-2] if len(above) > 1 else None
            if isinstance(holder, cst.Arg) and holder.keyword and holder.keyword.value in self.vocab.metadata_keywords:
                return _Placement(ROLE_OTHER, f"value in `{holder.keyword.value}`")
            if self._place(mapping, len(above) - 2).context == "comparison":
                return _Placement(ROLE_REFERENCE, "value of a compared dictionary")
        owner = self._assignment_owner(above[:-1]) if mapping is not None else None
        named = self._data_name(above)
        if named:  # EXAMPLE_RECORD = {"model": ...}, sample_results = [{...}]
            return _Placement(ROLE_OTHER, f"value in {named} (named as data)")
        if key in self.vocab.model_keywords and mapping is not None and self._catalogue_record(mapping):
            return _Placement(ROLE_OTHER, f"value of key {key!r} in a model listing record")
        if mapping is not None and self._result_record(mapping):
            return _Placement(ROLE_OTHER, f"value of key {key!r} in a result record")
        if key in self.vocab.model_keywords and mapping is not None:
            owner = self._assignment_owner(above[:-1], through_calls=False)
            return _Placement(ROLE_MODEL, f"payload key {key!r}", payload=mapping, owner=owner)
        return _Placement(ROLE_MODEL, "dictionary value" if key is None else f"value of key {key!r}", owner=owner)

    def _data_name(self, above: Sequence[cst.CSTNode]) -> str:
        """The data name (``EXAMPLE_RECORD``, ``expected_results``) a literal holding this value is assigned to."""
        for depth in range(len(above) - 1, -1, -1):
            node = above[depth]
            if isinstance(node, (cst.Assign, cst.AnnAssign)):
                owner = self._owner_of(node, above[:depth])
                name = _owner_name(owner) if owner is not None else ""
                return name if name and re.search(self.vocab.data_name_pattern, name) else ""
            if not isinstance(node, (cst.Dict, cst.DictElement, cst.List, cst.Tuple, cst.Element)):
                return ""
        return ""

    def _assignment(self, node: cst.Assign | cst.AnnAssign, above: Sequence[cst.CSTNode]) -> str:
        target = node.targets[0].target if isinstance(node, cst.Assign) else node.target
        name = _source(target)
        owner = _owning_class(above)
        if owner is not None:
            qualified = f"{owner.name.value}.{name}"
            if _class_is(owner, _ENUM_BASES):
                return f"enum member {qualified}"
            if isinstance(node, cst.AnnAssign) and (
                _class_is(owner, _MODEL_BASES) or _decorated_with(owner, _FIELD_DECORATORS)
            ):
                return f"field default {qualified}"
            return f"class attribute {qualified}"
        if len(above) >= 2 and isinstance(above[-2], cst.Module):
            return f"module constant {name}"
        return f"assignment to {name}"

    def _owner_of(self, node: cst.Assign | cst.AnnAssign, above: Sequence[cst.CSTNode]) -> Owner | None:
        """The name a value is bound to, in the form name resolution will find it."""
        target = node.targets[0].target if isinstance(node, cst.Assign) else node.target
        owner_class = _owning_class(above)
        if isinstance(target, cst.Name):
            return (owner_class, target.value) if owner_class is not None else target
        if _is_self_attribute(target):
            enclosing = _enclosing_class(above)
            return (enclosing, target.attr.value) if enclosing is not None else None  # type: ignore[attr-defined]
        return None

    def _assignment_owner(self, above: Sequence[cst.CSTNode], through_calls: bool = True) -> Owner | None:
        """Owner of the assignment whose value holds the call or dict at the top of ``above``.

        A dict literal passed to a call is not bound to the call's result
        (``response = requests.post(URL, json={...})``): ``through_calls``
        False stops there.
        """
        passable = (cst.Dict, cst.DictElement, cst.BooleanOperation, cst.IfExp)
        if through_calls:
            passable += (cst.Arg, cst.Call)
        for depth in range(len(above) - 1, -1, -1):
            node = above[depth]
            if isinstance(node, (cst.Assign, cst.AnnAssign)):
                return self._owner_of(node, above[:depth])
            if isinstance(node, cst.Return):
                return _enclosing_function(above[:depth])  # a builder function's result
            if not isinstance(node, passable):
                return None
        return None

    def _assigned_name(self, above: Sequence[cst.CSTNode]) -> str:
        for depth in range(len(above) - 1, -1, -1):
            node = above[depth]
            if isinstance(node, (cst.Assign, cst.AnnAssign)):
                return " " + self._assignment(node, above[:depth]).split(" ")[-1]
            if isinstance(node, cst.BaseStatement):
                break
        return ""

    def _is_model_argument(self, arg: cst.Arg, call: cst.Call) -> bool:
        """``model=`` (or a keyword named like one), or the first argument of a model factory."""
        if arg.keyword is not None:
            name = arg.keyword.value
            return name in self.vocab.model_keywords or bool(re.search(self.vocab.model_keyword_pattern, name))
        return bool(call.args) and call.args[0] is arg and self._matches(call.func, self.positional_model_calls)


def _init_parameters(node: cst.ClassDef) -> list[str]:
    """What a class takes positionally: its ``__init__`` parameters after ``self``, else its annotated fields."""
    if not isinstance(node.body, cst.IndentedBlock):
        return []
    fields: list[str] = []
    for statement in node.body.body:
        if isinstance(statement, cst.FunctionDef) and statement.name.value == "__init__":
            return [param.name.value for param in statement.params.params][1:]
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                fields.append(small.target.value)
    return fields
