"""Where a value stands: argument, payload key, assignment, comparison, docstring, collection member."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

import libcst as cst

from migrator.facts import (
    OFFERED_LISTING,
    ROLE_MODEL,
    ROLE_OTHER,
    ROLE_PROSE,
    ROLE_REFERENCE,
)
from migrator.python_analysis.picks import _PickFinder
from migrator.python_analysis.state import (
    _Placement,
)
from migrator.python_analysis.syntax import (
    _DOUBLE_CLASS,
    Owner,
    _calls_in,
    _dotted,
    _enclosing_class,
    _enclosing_function,
    _own_nodes,
    _owner_name,
    _owning_class,
    _source,
    _string_value,
)

MODEL_LIST_MEMBER = "member of a list of models"
_MOCK_ANSWERS = frozenset({"return_value", "side_effect"})
# A class named as a test double: Mock, Mocked, Fake, Stub or Dummy as a word (not Stubborn, not Mockingbird).
LOOP_ITEM = "item a loop iterates over"
CHOICE_ITEM = "option of a widget whose pick is assigned"
HOST_TUPLE = "model beside its host in a tuple"
HOST_KEY = "model beside its host in a dictionary key"
PICKED = "member of a list that"


# How people name the expression a value stands in, when it stands in no call, dict or assignment.
_EXPRESSION_WORDS = {
    "Attribute": "an attribute or method is read from it",
    "Subscript": "indexed",
    "BinaryOperation": "part of an arithmetic or string operation",
    "UnaryOperation": "part of an operation",
    "FormattedStringExpression": "formatted into a string",
    "Return": "returned",
    "Yield": "yielded",
    "Await": "awaited",
    "Lambda": "returned by a lambda",
}


class _PlacementFinder(_PickFinder):
    """Where a value stands: the role of the expression (model, knowledge, prose) and what it reaches."""

    def _place(self, node: cst.CSTNode, parent_index: int | None = None) -> _Placement:
        """Say what the expression does, looking through ``a or b``, ``a if c else b``, ``str(a)`` and ``.value``.

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
            if index > 0 and _is_str_of(parent, self.stack[index - 1]):
                child, index = self.stack[index - 1], index - 2  # str(entry.get("model") or "deepseek-chat")
                continue
            if not choice and not (
                isinstance(parent, cst.Attribute) and parent.attr.value == "value" and child is parent.value
            ):
                break
            chosen = chosen or choice
            child, index = parent, index - 1
        if self._in_example(index):
            return _Placement(ROLE_OTHER, "documentation example")
        if self._in_mock_return(index):
            return _Placement(ROLE_OTHER, "what a mock returns (response data)")
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

    def _in_mock_return(self, index: int) -> bool:
        """Inside ``mock.json.return_value = {...}`` or ``Mock(return_value=...)``: what a double answers with."""
        for node in reversed(self.stack[: index + 1]):
            if isinstance(node, cst.Arg) and node.keyword is not None and node.keyword.value in _MOCK_ANSWERS:
                return True
            if isinstance(node, cst.Assign):
                target = node.targets[0].target
                return isinstance(target, cst.Attribute) and target.attr.value in _MOCK_ANSWERS
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
            if stand_in is not None and re.search(self.vocab.response_class_pattern, stand_in.name.value) and not any(
                (_dotted(call.func) or ("",))[-1] in self.request_names for call in _calls_in(stand_in)
            ):
                # class ReasoningResponse: def __init__(self, content, model="deepseek-reasoner"): data about a reply
                return _Placement(ROLE_OTHER, f"default of parameter `{parent.name.value}` of {stand_in.name.value} (data about a reply)")
            if re.search(self.vocab.data_builder_pattern, name):
                return _Placement(ROLE_OTHER, f"default of parameter `{parent.name.value}` of {name}() (test data)")
            if re.search(self.vocab.lookup_name_pattern, name) and not (
                function is not None and self._sends_parameter(function, parent.name.value)
            ):  # def is_api_key_valid(key, model="deepseek-chat") that makes a 1-token request with it: a default sent
                return _Placement(ROLE_REFERENCE, f"default of parameter `{parent.name.value}` of {name}()")
            return _Placement(ROLE_MODEL, f"default of parameter `{parent.name.value}`", owner=parent)
        if isinstance(parent, cst.Return):
            function = _enclosing_function(above)
            if function is not None and function.name.value in self.vocab.label_functions:
                return _Placement(ROLE_OTHER, f"label returned by {function.name.value}()")  # LangChain's _llm_type
            if function is not None and re.search(self.vocab.lookup_name_pattern, function.name.value):
                return _Placement(ROLE_REFERENCE, f"value returned by {function.name.value}()")  # pricing_key()
            stand_in = _enclosing_class(above)
            if function is not None and stand_in is not None and _DOUBLE_CLASS.search(stand_in.name.value):
                # class TestProviderMocked: def model_name(self): return "deepseek-chat": the double's data
                return _Placement(ROLE_OTHER, f"value returned by {stand_in.name.value}.{function.name.value}() (a stand-in)")
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
                if isinstance(holder, (cst.For, cst.CompFor)) and holder.iter is above[-1] and isinstance(holder.target, cst.Name):
                    # for model in ("deepseek-chat", ...): each item is what the loop variable holds
                    return _Placement(ROLE_REFERENCE, LOOP_ITEM, owner=holder.target)
                widget = above[-3] if len(above) > 2 and isinstance(above[-3], cst.Call) else None
                if isinstance(holder, cst.Arg) and (
                    holder.keyword is not None and holder.keyword.value in self.vocab.choice_keywords
                    or holder.keyword is None and widget is not None
                    and (_dotted(widget.func) or ("",))[-1] in self.vocab.choice_widgets
                ):  # options=[...], or st.selectbox("Model", [...]): the widget's options
                    picked = self._assignment_owner(above[:-1])
                    if picked is not None:
                        # model = st.selectbox("Model", options=["deepseek-chat"]): each option is what the pick may hold
                        return _Placement(ROLE_REFERENCE, CHOICE_ITEM, owner=picked)
            if len(above) > 1 and isinstance(above[-2], cst.DictElement) and above[-2].key is above[-1]:
                # PRICES = {("deepseek", "deepseek-chat"): (0.27, 1.10)}: the pair names an entry (unless a loop
                # unpacks the keys and sends them: the sites pass decides)
                hosted = isinstance(above[-1], cst.Tuple) and self._names_model(child) and any(
                    self._names_host(element.value) for element in above[-1].elements if element is not parent
                )
                return _Placement(
                    ROLE_REFERENCE, HOST_KEY if hosted else "part of a dictionary key",
                    owner=self._assignment_owner(above[:-2]) if hosted else None,
                )
            looked_up = len(above) > 1 and isinstance(above[-2], (cst.Index, cst.Comparison, cst.ComparisonTarget))
            if isinstance(above[-1] if above else None, cst.Tuple) and not looked_up and self._names_model(child) and any(
                self._names_host(element.value) for element in above[-1].elements  # type: ignore[union-attr]
                if element is not parent
            ):  # ("https://api.deepseek.com", "KEY", "deepseek-chat"), ("deepseek", "deepseek-chat"): where and what
                return _Placement(ROLE_MODEL, HOST_TUPLE, owner=self._tuple_owner(above))
            return _Placement(ROLE_REFERENCE, f"{container} member")
        if isinstance(parent, cst.Expr):
            return _Placement(ROLE_PROSE, "docstring or bare string")
        return _Placement(ROLE_OTHER, _EXPRESSION_WORDS.get(type(parent).__name__, "part of an expression"))

    def _list_of_models(
        self, sequence: cst.List | cst.Tuple, holder: cst.CSTNode | None, above: Sequence[cst.CSTNode]
    ) -> _Placement | None:
        """A list named for models tried in turn: assigned (``FALLBACK_CHAIN = [...]``) or passed (``chain=[...]``)."""
        if isinstance(holder, (cst.Assign, cst.AnnAssign)) and holder.value is sequence:
            owner = self._owner_of(holder, above[:-1])
            if owner is not None and self._is_model_list_name(_owner_name(owner)) and self._names_foreign_host(holder, above[:-1]):
                # COMETAPI_MODELS = [...], or class OpenRouterLLM: _support_models = [...] in a class that sends nothing itself
                # COMETAPI_MODELS = [...]: the models another host serves under these names
                return _Placement(ROLE_OTHER, f"member of {_owner_name(owner)} (named for another host)")
            if owner is not None and self._is_model_list_name(_owner_name(owner)):
                # MODELS_TO_EVAL = [...]: a list of models; the sites pass decides by how it is used
                return _Placement(ROLE_REFERENCE, MODEL_LIST_MEMBER, owner=owner)
        if isinstance(sequence, cst.Tuple) and isinstance(holder, cst.Element):
            owner = self._tuple_owner(above)
            if owner is not None and self._is_model_list_name(_owner_name(owner)) and len(sequence.elements) == 2:
                # MODEL_CHOICES = [("DeepSeek-V3", "deepseek-chat"), ...]: (label, model) pairs
                return _Placement(ROLE_REFERENCE, MODEL_LIST_MEMBER, owner=owner)
        call = above[-2] if len(above) > 1 else None
        picker = self._picker(call, holder) if isinstance(holder, cst.Arg) and isinstance(call, cst.Call) else ""
        if picker and self._pick_used(call, above[:-2]):
            # preferred = find_first(["deepseek-reasoner"]); return preferred or allowed[0]: the pick is the model
            return _Placement(ROLE_MODEL, f"{PICKED} {picker}() picks from and returns", owner=self._assignment_owner(above[:-1]))
        if (
            isinstance(holder, cst.Arg) and holder.keyword is not None and isinstance(call, cst.Call)
            and re.search(self.vocab.model_list_name_pattern, holder.keyword.value)
            and not re.search(self.vocab.lookup_name_pattern, (_dotted(call.func) or ("",))[-1])
        ):
            return _Placement(ROLE_MODEL, f"member of `{holder.keyword.value}` of {'.'.join(_dotted(call.func))}()", call=call)
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

    def _builds_reply(self, call: cst.Call) -> bool:
        """``JsonResponse(...)``, ``jsonify(...)``: a web handler's reply, data about what was done, not a request."""
        name = (_dotted(call.func) or ("",))[-1]
        return name in self.vocab.reply_calls and name not in self._sender_names()

    def _describes_a_model(self, holder: cst.CSTNode | None) -> bool:
        """An argument a library client only reads as a description of the model (AutoGen's ``model_info=``):
        ``model-description-arguments``, by the class's last name and the keyword."""
        call = self.parents.get(holder) if isinstance(holder, cst.Arg) and holder.keyword is not None else None
        if not isinstance(call, cst.Call):
            return False
        callee = (_dotted(call.func) or ("",))[-1]
        return f"{callee}.{holder.keyword.value}" in self.vocab.model_description_arguments  # type: ignore[union-attr]

    def _dict_value(self, element: cst.DictElement, above: Sequence[cst.CSTNode]) -> _Placement:
        key = _string_value(element.key)
        mapping = above[-1] if above and isinstance(above[-1], cst.Dict) else None
        if mapping is not None:
            holder = above[-2] if len(above) > 1 else None
            if isinstance(holder, cst.Arg) and holder.keyword and holder.keyword.value in self.vocab.metadata_keywords:
                return _Placement(ROLE_OTHER, f"value in `{holder.keyword.value}`")
            if self._describes_a_model(holder):  # OpenAIChatCompletionClient(model_info={"name": ...}): never sent
                return _Placement(ROLE_OTHER, f"value in `{holder.keyword.value}`, a description of the model")  # type: ignore[union-attr]
            call = above[-3] if len(above) > 2 else None
            if isinstance(holder, cst.Arg) and isinstance(call, cst.Call) and self._builds_reply(call):
                # return JsonResponse({"ok": True, "model": "deepseek-reasoner"}): what this code answers with
                return _Placement(ROLE_OTHER, f"value in the reply {'.'.join(_dotted(call.func))}() builds")
            if self._place(mapping, len(above) - 2).context == "comparison":
                return _Placement(ROLE_REFERENCE, "value of a compared dictionary")
        owner = self._assignment_owner(above[:-1]) if mapping is not None else None
        named = self._data_name(above)
        if named:  # EXAMPLE_RECORD = {"model": ...}, sample_results = [{...}]
            return _Placement(ROLE_OTHER, f"value in {named} (named as data)", owner=owner)
        if key in self.vocab.catalogue_name_keywords and mapping is not None and not self._listing_record(mapping):
            offering = self._offered_by(mapping, listed=True)
            if offering:  # def list_models(self): models = [{"id": "deepseek-chat", "name": "Chat"}]; return models
                return _Placement(ROLE_REFERENCE, f"value of key {key!r} {OFFERED_LISTING} {offering}() returns")
        if key in self.vocab.model_keywords and mapping is not None and self._listing_record(mapping):
            offering = self._offered_by(mapping)
            if offering:  # def list_models(self): return [{"id": "deepseek-chat", "owned_by": ...}]: what users may pick
                return _Placement(ROLE_REFERENCE, f"value of key {key!r} {OFFERED_LISTING} {offering}() returns")
            return _Placement(ROLE_OTHER, f"value of key {key!r} in a model listing record")
        if (
            (key in self.vocab.model_keywords or key in self.vocab.catalogue_name_keywords)
            and mapping is not None and self._catalogue_record(mapping)
        ):  # {"name": "deepseek-chat", "context_length": 65536}: what the code knows about a model
            return _Placement(ROLE_REFERENCE, f"value of key {key!r} in a model catalogue entry")
        if key in self.vocab.catalogue_name_keywords and mapping is not None and self._beside_sent_model(mapping, key):
            # {"id": "deepseek-reasoner", "litellm_model_id": "deepseek/deepseek-reasoner"}: the id names the entry
            return _Placement(ROLE_REFERENCE, f"value of key {key!r} naming an entry whose model is another key")
        if mapping is not None and self._result_record(mapping):
            return _Placement(ROLE_OTHER, f"value of key {key!r} in a result record")
        assertion = _asserted_operand(above)
        if assertion:  # self.assertEqual(status, {"model_name": "deepseek-chat", ...}): what the test expects
            return _Placement(ROLE_REFERENCE, f"value of key {key!r} in a record {assertion} compares")
        if key in self.vocab.model_keywords and mapping is not None:
            owner = self._assignment_owner(above[:-1], through_calls=False)
            return _Placement(ROLE_MODEL, f"payload key {key!r}", payload=mapping, owner=owner)
        return _Placement(ROLE_MODEL, "dictionary value" if key is None else f"value of key {key!r}", owner=owner)

    def _offered_by(self, mapping: cst.Dict, listed: bool = False) -> str:
        """The function named for listing the models on offer (``list_models``) whose ``return [...]`` holds this
        record ("" when none does): a listing it builds itself, not a reply it got. With ``listed``, the record
        must be an item of the returned list (a lone ``{"name": ...}`` a ``get_model()`` returns is a setting)."""
        node: cst.CSTNode | None = self.parents.get(mapping)
        in_list = False
        while isinstance(node, (cst.Element, cst.List, cst.Tuple)):
            in_list = in_list or isinstance(node, (cst.List, cst.Tuple))
            node = self.parents.get(node)
        if listed and not in_list:
            return ""
        returned = isinstance(node, cst.Return)
        ancestors = self._ancestors(node) if node is not None else []
        function = next((item for item in ancestors[::-1] if isinstance(item, cst.FunctionDef)), None)
        if isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            # models = [{...}, ...] and then return models, in the same function (the walk has not reached it yet);
            # a nested function's return of its own local of that name does not count
            name = node.targets[0].target.value
            returned = function is not None and any(
                isinstance(item, cst.Return) and isinstance(item.value, cst.Name) and item.value.value == name
                for item in _own_nodes(function.body)
            )
        if not returned:
            return ""
        if function is None or not re.search(self.vocab.listing_name_pattern, function.name.value):
            return ""
        if any(isinstance(item, cst.ClassDef) and _DOUBLE_CLASS.search(item.name.value) for item in ancestors):
            return ""  # FakeClient.list_models(): what a double answers with
        return function.name.value  # in a test module (a conftest's InMemoryClient), the check says nothing


def _is_str_of(argument: cst.CSTNode, call: cst.CSTNode) -> bool:
    """Is ``argument`` the only argument of ``str(...)``, which hands a string on unchanged?"""
    return (
        isinstance(argument, cst.Arg) and isinstance(call, cst.Call) and isinstance(call.func, cst.Name)
        and call.func.value == "str" and len(call.args) == 1 and argument.keyword is None and not argument.star
    )


_OPERAND_HOLDERS = (
    cst.Dict, cst.DictElement, cst.List, cst.Tuple, cst.Set, cst.Element, cst.Comparison, cst.ComparisonTarget, cst.Arg,
)


def _asserted_operand(above: Sequence[cst.CSTNode]) -> str:
    """The assertion a literal is an operand of (``assert body == {...}``, ``self.assertEqual(status, {...})``),
    through containers and comparisons only; "" when a call in between takes it as input
    (``assert client.create(**{...})``)."""
    child: cst.CSTNode | None = None
    for node in reversed(above):
        if isinstance(node, _OPERAND_HOLDERS):
            child = node
            continue
        if isinstance(node, cst.Assert):
            return "an assertion" if child is node.test else ""  # its message is text for people
        if isinstance(node, cst.Call):
            # unittest's comparisons and mock's call assertions; not a project's own assert_* or assertX helper
            # (it may post what it is given), nor assertRaises, which calls with it
            name = (_dotted(node.func) or ("",))[-1]
            return f"{name}()" if isinstance(node.func, cst.Attribute) and name in _COMPARING_ASSERTIONS else ""
        return ""
    return ""


_COMPARING_ASSERTIONS = frozenset({
    "assertEqual", "assertEquals", "assertNotEqual", "assertDictEqual", "assertListEqual", "assertTupleEqual",
    "assertSequenceEqual", "assertCountEqual", "assertIn", "assertNotIn", "assertIs", "assertIsNot",
    "assertDictContainsSubset", "assert_called_with", "assert_called_once_with", "assert_any_call",
    "assert_awaited_with", "assert_awaited_once_with", "assert_any_await",
})
