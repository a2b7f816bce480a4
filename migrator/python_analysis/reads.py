"""How a name or value is read once the module is walked: compared, looked up, shown as text, or handed on.

A value that is only compared or looked up is knowledge (DSM003); one that is
only printed is no request at all. Also here: where a request's model field is
read from (``cfg["model"]`` with ``cfg = MODELS["fast"]``), and whether a name
is mapped from itself before it is sent (``model = LABELS[model]``). These
judgements need every read of a name, so they run in site resolution, after
the walk.
"""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import FunctionScope, GlobalScope

from migrator.python_analysis.names import _decorator_name
from migrator.python_analysis.requests import _RequestDescriber
from migrator.python_analysis.scopes import Scopes
from migrator.python_analysis.state import _Placement
from migrator.python_analysis.syntax import (
    _MAX_DEPTH,
    Owner,
    _dotted,
    _is_self_attribute,
    _nodes_in,
    _string_value,
)

# Prose calls that write to a file or a pipe, whose text a program may read back.
_WRITE_CALLS = frozenset({"write", "writelines"})
# Calls that only turn what they are given into text on its way to print or logging.
_TEXT_CALLS = frozenset({"str", "repr", "format", "join", "upper", "lower", "strip", "title", "capitalize"})
# Builtins that return a copy of the list they are given: reading the copy is reading the list.
_COPIES = frozenset({"list", "tuple", "sorted", "set", "frozenset"})


# Decorators that leave a function's signature alone; any other may read its defaults (FastAPI, Typer, tools).
_PLAIN_DECORATORS = frozenset({"staticmethod", "classmethod", "abstractmethod", "override"})
# Names through which code reads a function's defaults or a frame's locals without naming them.
_INTROSPECTION = frozenset({
    "locals", "vars", "signature", "getfullargspec", "getargvalues", "currentframe", "_getframe", "f_locals",
    "__defaults__", "__kwdefaults__", "partial", "exec", "eval",
})


def _literal_text(expression: cst.BaseExpression) -> bool:
    """A string literal, or a tuple, list or set of them (``model in ("a", "b")``)."""
    if isinstance(expression, (cst.Tuple, cst.List, cst.Set)):
        return bool(expression.elements) and all(_literal_text(element.value) for element in expression.elements)
    return _string_value(expression) is not None


# A field read from something this module cannot follow (a parameter, ``self``): it may be any catalogue's.
UNKNOWN_SOURCE = "?"


class _ReadJudge(_RequestDescriber):
    """Reads of names and parameters: knowledge, text, or something that may send the value."""

    def _known_reads(self) -> set[cst.Name]:
        """The names read as a comparison operand or a lookup key."""
        reads: set[cst.Name] = set()
        for expression, _context, _mapping in self.known_by_name:
            while isinstance(expression, cst.Attribute) and expression.attr.value == "value":
                expression = expression.value
            if isinstance(expression, cst.Name):
                reads.add(expression)
        return reads

    def _binding_reads(self, name: cst.Name) -> list[cst.CSTNode] | None:
        """Where the binding ``name`` makes (an assignment target, a loop variable) is read; None when its scope is
        unknown."""
        try:
            scope = self.get_metadata(Scopes, name)
        except KeyError:
            return None
        if scope is None:
            return None
        return [
            access.node
            for assignment in scope.assignments[name.value]
            if getattr(assignment, "node", None) is name
            for access in assignment.references
        ]

    def _scope_of(self, owner: object) -> object:
        """The scope a name is bound in (None when it is not a name, or its scope is unknown)."""
        try:
            return self.get_metadata(Scopes, owner) if isinstance(owner, cst.Name) else None
        except KeyError:
            return None

    def _only_known(self, owner: Owner | None, known_reads: set[cst.Name]) -> bool:
        """A module constant not named for a model, a local, or a parameter's default (``_param_default_only_compared``),
        whose reads compare or look it up (and at most print it).

        ``key = "deepseek-reasoner"`` read as ``results[key]`` and in
        ``f"{key} failed"`` names an entry, it selects nothing. A local
        named ``model`` counts too: no other module can read it.
        """
        if isinstance(owner, cst.Param):
            return self._param_default_only_compared(owner)
        scope = self._scope_of(owner)
        if not isinstance(owner, cst.Name) or not isinstance(scope, (GlobalScope, FunctionScope)):
            return False
        model_named = self._is_model_list_name(owner.value)
        if model_named and not isinstance(scope, FunctionScope):
            return False  # MODEL = "deepseek-chat" at module level: other modules may import and send it
        reads = self._binding_reads(owner) or []
        known = [read for read in reads if read in known_reads]
        if not model_named:
            return bool(known) and all(read in known_reads or self._shown(read) for read in reads)
        # A local named for a model: only text for people counts as shown (an f-string may build a body or a
        # command line), and a function that reads its locals() may send any of them.
        function = next((node for node in self._ancestors(owner)[::-1] if isinstance(node, cst.FunctionDef)), None)
        if function is None or any(
            isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value in ("locals", "vars")
            for node in _nodes_in(function.body)
        ):
            return False
        tested = [read for read in reads if self._truth_tested(read)]  # if bad_model: raise ...
        return bool(known or tested) and all(
            read in known_reads or read in tested or self._in_prose_call(read, writes=False)
            or self._in_text_for_people(read) or self._in_metadata(read)
            for read in reads
        )

    def _param_default_only_compared(self, param: cst.Param) -> bool:
        """``def send(self, prompt, model="deepseek-chat")`` whose body only compares the parameter (``"search" in
        model.lower()``), tests it or prints it: the default never leaves the function, so it selects nothing.
        A lookup (``candidates.index(start)``) may pick what is sent, so it does not count here."""
        function = self.parents.get(self.parents.get(param))
        if not isinstance(function, cst.FunctionDef) or self._introspected(function):
            return False
        reads = self._parameter_reads(function, param)
        compared = [read for read in reads if self._compared(read)]
        return bool(compared) and all(
            read in compared or self._truth_tested(read) or self._in_prose_call(read, writes=False)
            or self._in_text_for_people(read)
            for read in reads
        )

    def _introspected(self, function: cst.FunctionDef) -> bool:
        """May code read the function's defaults or locals without naming the parameter? A decorator (FastAPI,
        Typer, a tool wrapper binding the signature), ``locals()``, a frame or signature read anywhere here."""
        if any(_decorator_name(decorator) not in _PLAIN_DECORATORS for decorator in function.decorators):
            return True
        if self.introspects is None:
            self.introspects = any(
                isinstance(node, cst.Name) and node.value in _INTROSPECTION for node in _nodes_in(self.module)
            )
        return self.introspects

    def _compared(self, read: cst.CSTNode) -> bool:
        """An operand of a comparison with literal text only, as it is or as text made from it (``"search" in
        model.lower()``). Compared with anything else (``LLMConfig.name == model``, ``entry["id"] == model``),
        the match may pick a record whose name is then sent."""
        node, parent = read, self.parents.get(read)
        while (
            isinstance(parent, cst.Attribute) and parent.value is node and parent.attr.value in _TEXT_CALLS
            and isinstance(self.parents.get(parent), cst.Call)
        ):
            node = self.parents.get(parent)
            parent = self.parents.get(node)
        if isinstance(parent, cst.ComparisonTarget):
            parent = self.parents.get(parent)
        if not isinstance(parent, cst.Comparison):
            return False
        operands = [parent.left, *(target.comparator for target in parent.comparisons)]
        return all(operand is node or _literal_text(operand) for operand in operands)

    def _truth_tested(self, read: cst.CSTNode) -> bool:
        """``if model:``, ``while model``, ``not model``, ``a if model else b``: only whether it is set is read."""
        parent = self.parents.get(read)
        if isinstance(parent, (cst.If, cst.While, cst.IfExp)):
            return parent.test is read
        return isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not)

    def _in_text_for_people(self, read: cst.CSTNode) -> bool:
        """Formatted into an f-string that is a message: raised, or a ``message=``-like keyword (``text-keywords``)."""
        current = self.parents.get(read)
        if not isinstance(current, cst.FormattedStringExpression):
            return False
        while current is not None and not isinstance(current, cst.FormattedString):
            current = self.parents.get(current)
        holder = self.parents.get(current) if current is not None else None
        if isinstance(holder, cst.Arg):
            if holder.keyword is not None:
                return holder.keyword.value in self.vocab.text_keywords
            call = self.parents.get(holder)
            return isinstance(call, cst.Call) and any(isinstance(node, cst.Raise) for node in self._ancestors(call))
        return False

    def _in_metadata(self, read: cst.CSTNode) -> bool:
        """A value of a dict handed as metadata (``tags={"model": model}``): it describes, it is not sent."""
        element = self.parents.get(read)
        mapping = self.parents.get(element) if isinstance(element, cst.DictElement) and element.value is read else None
        holder = self.parents.get(mapping) if isinstance(mapping, cst.Dict) else None
        return (
            isinstance(holder, cst.Arg) and holder.keyword is not None
            and holder.keyword.value in self.vocab.metadata_keywords
        )

    def _only_describes_a_model(self, owner: object) -> bool:
        """A dict bound to a function's local name that it only hands to such an argument (``model_info=info``).

        A module's name may be imported and sent elsewhere (``model=MODEL_INFO["name"]``), so only locals count.
        """
        if not isinstance(owner, cst.Name) or not isinstance(self._scope_of(owner), FunctionScope):
            return False
        reads = self._binding_reads(owner) or []
        return bool(reads) and all(
            isinstance(holder, cst.Arg) and holder.value is read and self._describes_a_model(holder)
            for read in reads for holder in (self.parents.get(read),)
        )

    def _shown(self, read: cst.CSTNode) -> bool:
        """Formatted into an f-string or handed to print or logging: text, never a request."""
        return isinstance(self.parents.get(read), cst.FormattedStringExpression) or self._in_prose_call(read)

    def _knowledge_read(self, read: cst.CSTNode, known_reads: set[cst.Name]) -> bool:
        """A read that cannot send a member: compared, looked up, offered as choices, described, or turned into text."""
        if read in known_reads:
            return True
        parent = self.parents.get(read)
        if isinstance(parent, (cst.Comparison, cst.ComparisonTarget, cst.FormattedStringExpression)):
            return True  # if model in SUPPORTED_MODELS; f"known models: {MODELS}"
        copy = self._copy_of(read)
        if copy is not None:  # return self.MODELS.copy(), sorted(MODELS): what the copy is read for
            read, parent = copy, self.parents.get(copy)
        if isinstance(parent, cst.Return):  # def list_models(self): return self.MODELS
            function = next((node for node in self._ancestors(read)[::-1] if isinstance(node, cst.FunctionDef)), None)
            return function is not None and re.search(self.vocab.listing_name_pattern, function.name.value) is not None
        if isinstance(parent, cst.DictElement) and parent.value is read:
            key = _string_value(parent.key) or ""  # {"supported_models": MODELS}, but {"fallbacks": MODELS} is tried
            return not re.search(self.vocab.model_list_name_pattern, key)
        call = self.parents.get(parent) if isinstance(parent, cst.Arg) else None
        if isinstance(call, cst.Call):
            name = (_dotted(call.func) or ("",))[-1]
            if parent.keyword is not None and parent.keyword.value in self.vocab.choice_keywords:  # type: ignore[union-attr]
                return True  # parser.add_argument("--model", choices=MODELS), DropdownInput(options=MODELS)
            if name == "join" or re.search(self.vocab.lookup_name_pattern, name) and not (
                name in self._sender_names() or re.search(self.vocab.sending_call_pattern, name)
            ):
                return True  # ", ".join(MODELS); cheapest_model(MODELS); not profile_latency(), which sends
        return self._in_prose_call(read)

    def _copy_of(self, read: cst.CSTNode) -> cst.Call | None:
        """``MODELS.copy()``, ``list(MODELS)``, ``sorted(MODELS)``: a call that only copies the list read."""
        parent = self.parents.get(read)
        if isinstance(parent, cst.Attribute) and parent.value is read and parent.attr.value == "copy":
            call = self.parents.get(parent)
            return call if isinstance(call, cst.Call) and call.func is parent and not call.args else None
        call = self.parents.get(parent) if isinstance(parent, cst.Arg) else None
        if isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value in _COPIES and len(call.args) == 1:
            return call
        return None

    def _stored(self, node: cst.CSTNode) -> bool:
        parent = self.parents.get(node)
        return isinstance(parent, cst.AssignTarget) or (
            isinstance(parent, (cst.AnnAssign, cst.AugAssign)) and parent.target is node
        )

    def _only_compared_parameter(self, placement: _Placement, known_reads: set[cst.Name]) -> bool:
        """``plugins_using("deepseek-reasoner")`` whose ``model`` parameter is only compared in the body."""
        call = placement.call
        if call is None or not isinstance(call.func, cst.Name) or placement.context.startswith("keyword"):
            return False
        functions = [found.node for found in self._assignments(call.func) if isinstance(found.node, cst.FunctionDef)]
        if len(functions) != 1:
            return False
        positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
        return any(
            self._param_only_known(functions[0], index, known_reads)
            for index, arg in enumerate(positional)
            if self._names_model(arg.value) and index < len(functions[0].params.params)
        )

    def _param_only_known(self, function: cst.FunctionDef, index: int, known_reads: set[cst.Name]) -> bool:
        """Every read of the parameter in the function compares it or looks it up."""
        reads = self._parameter_reads(function, function.params.params[index])
        return bool(reads) and all(read in known_reads for read in reads)

    def _param_only_shown(self, param: cst.Param) -> bool:
        """Is every read of the parameter inside text handed to ``print`` or logging?"""
        function = self.parents.get(self.parents.get(param))
        if not isinstance(function, cst.FunctionDef):
            return False
        reads = self._parameter_reads(function, param)
        return bool(reads) and all(self._in_prose_call(read) for read in reads)

    def _parameter_reads(self, function: cst.FunctionDef, param: cst.Param) -> list[cst.CSTNode]:
        """Where the function's body reads the parameter (empty when its scope is unknown)."""
        try:
            scope = self.get_metadata(Scopes, function.body)
        except KeyError:
            return []
        if scope is None:
            return []
        return [
            access.node
            for assignment in scope.assignments[param.name.value]
            if getattr(assignment, "node", None) in (param, param.name)
            for access in assignment.references
        ]

    def _in_prose_call(self, node: cst.CSTNode, writes: bool = True) -> bool:
        """Inside text handed to ``print`` or logging; a call in between (``print(ask(model))``) may send it.

        ``writes`` False: a file or pipe ``write`` is not text for people
        (``env_file.write(f"DEEPSEEK_MODEL={model}")`` is read back).
        """
        current = self.parents.get(node)
        while current is not None and not isinstance(current, cst.BaseStatement):
            if isinstance(current, cst.Call):
                name = (_dotted(current.func) or ("",))[-1]
                if name in self.vocab.prose_calls:
                    return writes or name not in _WRITE_CALLS
                if name not in _TEXT_CALLS:
                    return False
            current = self.parents.get(current)
        return False

    def _read_from(self, expression: cst.BaseExpression) -> set[str]:
        """The names a field read is taken from: ``cfg["model"]`` with ``cfg = MODELS["fast"]`` -> {cfg, MODELS};
        ``spec.id`` in ``for _, spec in REGISTRY.items()`` -> {spec, REGISTRY, items}. UNKNOWN_SOURCE joins
        them when the chain ends where this module cannot see (a parameter, ``self``)."""
        names: set[str] = set()
        base = expression.value if isinstance(expression, (cst.Attribute, cst.Subscript)) else None
        for _ in range(_MAX_DEPTH * 2):
            if isinstance(base, (cst.Attribute, cst.Subscript)):
                base = base.value
                continue
            if isinstance(base, cst.Call):  # REGISTRY.get(tier), json.load(...): what the call is made of
                names.update(node.value for node in _nodes_in(base) if isinstance(node, cst.Name))
                break
            if not isinstance(base, cst.Name) or base.value in names:
                break
            names.add(base.value)
            value = self._value_of(base)
            if value is None:
                value = next((iterated for iterated, target in self.iterations
                              if any(isinstance(n, cst.Name) and n.value == base.value for n in _nodes_in(target))), None)
            if value is None:
                names.add(UNKNOWN_SOURCE)  # a parameter, self, a global set elsewhere
            base = value
        return names

    def _remapped(self, owner: Owner | None) -> bool:
        """Is the name bound again to a value computed from itself (``model = LABELS[model]``,
        ``self.model = API_IDS[self.model]``)?"""
        if isinstance(owner, tuple):  # a class or instance attribute: its latest value in the class
            value = self.self_attributes.get(owner)  # type: ignore[arg-type]
            return value is not None and any(
                isinstance(node, cst.Attribute) and node.attr.value == owner[1] and _is_self_attribute(node)
                for node in _nodes_in(value)
            )
        if not isinstance(owner, cst.Name):
            return False
        return any(
            isinstance(node, cst.Name) and node.value == owner.value and node is not owner
            for assignment in self._assignments(owner)
            if assignment.node is not owner
            for value in (self.assigned.get(assignment.node),) if value is not None
            for node in _nodes_in(value)
        )


def _subscript_key(expression: cst.BaseExpression) -> str | None:
    """``cfg["model"]`` -> "model"."""
    if isinstance(expression, cst.Subscript) and len(expression.slice) == 1:
        index = expression.slice[0].slice
        return _string_value(index.value) if isinstance(index, cst.Index) else None
    return None
