"""Where the project's own function or class sends the model it is handed, followed use by use.

``DeepSeekModel("deepseek-chat")``, whose ``__init__`` stores the model on
``self`` and whose only read of it is ``model=self.model_name`` in requests
through a SambaNova client, sends the ID to SambaNova, not to DeepSeek. The
verdict is another provider only when every use is proven:

- the parameter is stored whole on ``self`` (and the attribute is read
  nowhere but as below), or handed whole to a base class's ``__init__``;
- every read is the model keyword of an SDK request whose client is another
  provider's, in every binding the client has: each assignment of the name
  or of ``self.client`` anywhere in the class and its bases, each branch;
- the object does not leave the statement that builds it other than to have
  its own methods called (a name bound at a module's top level may be
  imported, so only a ``__main__`` block's counts), and ``self`` is never
  handed on.

Anything else (a dict, a helper, a fallback, a property, a decorator, a read
or store of the attribute outside the class, an imported base class, a
client passed in) leaves the verdict unknown, so the site keeps its finding.
"""

from __future__ import annotations

import libcst as cst

from migrator.facts import PROVIDER_FOREIGN, PROVIDER_UNKNOWN
from migrator.python_analysis.requests import _RequestDescriber
from migrator.python_analysis.syntax import _MAX_DEPTH, _class_attribute, _is_label, _method, _nodes_in, _string_value

# What a class may be built on and still have all its code in this module.
_PLAIN_BASES = frozenset({"object"})
# Names through which code reads an object's attributes without spelling them.
_REFLECTIVE_NAMES = frozenset({"vars", "__dict__", "asdict", "getattr", "setattr"})


class _ForwardedModels(_RequestDescriber):
    """Provider verdicts for models handed to the module's own functions and classes."""

    def _forwarded_provider(self, call: cst.Call, node: cst.CSTNode) -> str:
        """Where the callee sends the argument holding ``node``: another provider, or unknown."""
        argument = next((arg for arg in call.args if node is arg.value or node in set(_nodes_in(arg.value))), None)
        if argument is None or any(arg.star for arg in call.args) or not isinstance(call.func, cst.Name):
            return PROVIDER_UNKNOWN
        definitions = [found.node for found in self._assignments(call.func)]
        if len(definitions) != 1 or not isinstance(definitions[0], (cst.FunctionDef, cst.ClassDef)):
            return PROVIDER_UNKNOWN  # a name bound twice, or imported: the code is not all here
        defined = definitions[0]
        if defined.decorators or isinstance(self.parents.get(self.parents.get(defined)), cst.ClassDef):
            return PROVIDER_UNKNOWN
        if isinstance(defined, cst.FunctionDef):
            family: list[cst.ClassDef] = []
            function: cst.FunctionDef | None = defined
            skipped = 0
        else:
            family = self._class_family(defined, 0) or []
            function = self._initializer(family)
            skipped = 1  # self
            if not family or not self._kept_to_itself(call, family):
                return PROVIDER_UNKNOWN
        if function is None:
            return PROVIDER_UNKNOWN
        position = None if argument.keyword is not None else call.args.index(argument) + skipped
        name = _parameter_name(function, position, argument.keyword.value if argument.keyword else None)
        if name is None:
            return PROVIDER_UNKNOWN
        return PROVIDER_FOREIGN if self._parameter_goes_abroad(function, name, family, 0) else PROVIDER_UNKNOWN

    def _class_family(self, node: cst.ClassDef, depth: int) -> list[cst.ClassDef] | None:
        """The class and its bases in lookup order, when all are plain classes of this module."""
        if depth > _MAX_DEPTH or node.decorators or node.keywords:
            return None
        family = [node]
        for base in node.bases:
            if isinstance(base.value, cst.Name) and base.value.value in _PLAIN_BASES:
                continue
            found = [item.node for item in self._assignments(base.value)] if isinstance(base.value, cst.Name) else []
            if len(found) != 1 or not isinstance(found[0], cst.ClassDef):
                return None  # an imported base may read what the class stores
            inherited = self._class_family(found[0], depth + 1)
            if inherited is None:
                return None
            family.extend(item for item in inherited if item not in family)
        return family

    def _initializer(self, family: list[cst.ClassDef]) -> cst.FunctionDef | None:
        """The ``__init__`` an instance of the first class runs."""
        for owner in family:
            found = _method(owner, "__init__")
            if found is not None:
                return found
        return None

    def _parameter_goes_abroad(self, function: cst.FunctionDef, name: str, family: list[cst.ClassDef], depth: int) -> bool:
        """Does every use of parameter ``name`` send it to another provider, directly or through ``self``?"""
        if depth > _MAX_DEPTH:
            return False
        parameter = next(p for p in (*function.params.params, *function.params.kwonly_params) if p.name.value == name)
        uses = [node for node in _nodes_in(function.body) if isinstance(node, cst.Name) and node.value == name
                and not _is_label(node, self.parents)]
        if not uses:
            return False
        for use in uses:
            if [found.node for found in self._assignments(use)] != [parameter]:
                return False  # rebound, or shadowed in a nested scope
            parent = self.parents.get(use)
            if isinstance(parent, cst.Arg) and parent.value is use:
                call = self.parents.get(parent)
                if not isinstance(call, cst.Call) or any(arg.star for arg in call.args):
                    return False
                if self._sent_abroad(parent, call, family):
                    continue
                base_init = self._base_initializer(call, function, family)
                if base_init is None:
                    return False
                skipped = 1 if isinstance(call.func, cst.Attribute) and isinstance(call.func.value, cst.Name) else 0
                position = None if parent.keyword is not None else call.args.index(parent) - skipped + 1
                forwarded = _parameter_name(base_init, position, parent.keyword.value if parent.keyword else None)
                if forwarded is None or not self._parameter_goes_abroad(base_init, forwarded, family, depth + 1):
                    return False
                continue
            if isinstance(parent, cst.Assign) and parent.value is use and family and len(parent.targets) == 1:
                target = parent.targets[0].target
                if _on_self(target) and self._attribute_goes_abroad(family, target.attr.value):  # type: ignore[attr-defined]
                    continue
            return False
        return True

    def _attribute_goes_abroad(self, family: list[cst.ClassDef], attribute: str) -> bool:
        """Is ``self.<attribute>`` read only as the model of requests to another provider, and ``self`` never handed on?"""
        key = (tuple(family), attribute)
        if key not in self.abroad_attributes:
            self.abroad_attributes[key] = self._only_sent_abroad(family, attribute)
        return self.abroad_attributes[key]

    def _only_sent_abroad(self, family: list[cst.ClassDef], attribute: str) -> bool:
        """The uncached answer of ``_attribute_goes_abroad``."""
        index = self._module_index()
        if attribute in index.strings or index.reflective:
            return False  # getattr(bot, "model_name"), vars(bot): read without being spelled as an attribute
        if any(not self._self_kept(node) for owner in family for node in index.selves.get(owner, [])):
            return False  # helper(self), return self: the object goes where this module cannot follow
        uses = index.attributes.get(attribute, {})
        if None in uses:
            return False  # bot.model_name, or self.model_name in a decorator's wrapper: not followed here
        reads = 0  # another class's own attribute does not count: a subclass's methods never run on this instance
        for node in (node for owner in family for node in uses.get(owner, [])):
            parent = self.parents.get(node)
            if isinstance(parent, cst.AssignTarget):
                continue  # stored again: what is stored is followed where it comes from
            call = self.parents.get(parent) if isinstance(parent, cst.Arg) and parent.value is node else None
            if isinstance(call, cst.Call) and self._sent_abroad(parent, call, family):  # type: ignore[arg-type]
                reads += 1
                continue
            return False
        return reads > 0

    def _sent_abroad(self, argument: cst.Arg, call: cst.Call, family: list[cst.ClassDef]) -> bool:
        """Is the argument the model keyword of an SDK request whose client is another provider's in every binding?"""
        if argument.keyword is None or not self._is_model_argument(argument, call) or self._request(call).shape is None:
            return False
        if any(arg.keyword is not None and arg.keyword.value in self.vocab.base_url_keywords | self.vocab.provider_keywords
               for arg in call.args):
            return self._call_provider(call, 0) == PROVIDER_FOREIGN  # create(..., base_url=...): the call says
        receiver = self._receiver(call.func)
        if isinstance(receiver, cst.Name):
            return self._name_abroad(receiver, 0)
        if receiver is not None and _on_self(receiver) and family:
            return self._self_client_abroad(family, receiver.attr.value)  # type: ignore[attr-defined]
        return False

    def _receiver(self, func: cst.BaseExpression) -> cst.BaseExpression | None:
        """What ``client.chat.completions.create`` is called on: a name or ``self.client`` (through
        ``with_options(...)`` and the like); None for anything else (``get_client().chat...``)."""
        expression = func.value if isinstance(func, cst.Attribute) else None
        while expression is not None:
            if isinstance(expression, cst.Name) or _on_self(expression):
                return expression
            if isinstance(expression, cst.Attribute):
                expression = expression.value
            elif (
                isinstance(expression, cst.Call) and isinstance(expression.func, cst.Attribute)
                and expression.func.attr.value in self.vocab.transparent_attributes
                and not any(arg.keyword is not None and arg.keyword.value in self.vocab.base_url_keywords
                            for arg in expression.args)
            ):
                expression = expression.func.value
            else:
                return None
        return None

    def _name_abroad(self, name: cst.Name, depth: int) -> bool:
        """Is every binding of the name a client of another provider (``SAMBANOVA = OpenAI(base_url=...)``)?"""
        bindings = [found.node for found in self._assignments(name)]
        if any(isinstance(binding, cst.CSTNode) and self._at_module_level(binding) for binding in bindings):
            return False  # a module's client: importers may replace it (llm.CLIENT = ...), or a star import rebind it
        return bool(bindings) and all(
            isinstance(binding, cst.Name) and binding in self.assigned
            and self._client_abroad(self.assigned[binding], depth + 1)
            for binding in bindings
        )

    def _self_client_abroad(self, family: list[cst.ClassDef], attribute: str) -> bool:
        """Is every value the class and its bases give ``self.<attribute>`` a client of another provider?"""
        index = self._module_index()
        if any(_bound_in_a_branch(owner, attribute) for owner in family):
            return False  # class Bot: client = SAMBA; if flag: client = DEEPSEEK
        values: list[cst.BaseExpression | None] = [
            value for owner in family for value in (_class_attribute(owner, attribute),) if value is not None
        ]
        uses = index.attributes.get(attribute, {})
        if any(not self._only_read(node) for node in uses.get(None, [])):
            return False  # bot.client = OpenAI(...) elsewhere: another client may be set
        for node in (node for owner in family for node in uses.get(owner, [])):  # not another class's own client
            parent = self.parents.get(node)
            if self._only_read(node):
                continue
            statement = self.parents.get(parent) if isinstance(parent, cst.AssignTarget) else None
            # self.client: OpenAI = ..., self.client, x = ..., with ... as self.client, self.client.base_url = ...
            values.append(statement.value if isinstance(statement, cst.Assign) and len(statement.targets) == 1 else None)
        return bool(values) and all(value is not None and self._client_abroad(value, 0) for value in values)

    def _only_read(self, node: cst.Attribute) -> bool:
        """Is ``x.client`` here only read: not bound (by any statement), and no attribute of it set
        (``self.client.base_url = ...``)?"""
        child, parent = node, self.parents.get(node)
        while isinstance(parent, cst.Attribute) and parent.value is child:
            child, parent = parent, self.parents.get(parent)  # self.client.base_url = ...: an attribute of it set
        if child is not node and isinstance(parent, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign)):
            return False
        if child is node:
            return not _is_bound(node, self.parents)
        return True

    def _at_module_level(self, binding: cst.CSTNode) -> bool:
        """Is the binding a statement of the module's top level (not inside a function or class)?"""
        return not any(isinstance(item, (cst.FunctionDef, cst.ClassDef, cst.Lambda)) for item in self._ancestors(binding))

    def _client_abroad(self, value: cst.BaseExpression, depth: int) -> bool:
        """A client of another provider: its constructor says so, in each branch and through names."""
        if depth > _MAX_DEPTH:
            return False
        if isinstance(value, cst.Call):
            return self._call_provider(value, 0) == PROVIDER_FOREIGN
        if isinstance(value, cst.IfExp):
            return self._client_abroad(value.body, depth + 1) and self._client_abroad(value.orelse, depth + 1)
        if isinstance(value, cst.Name):
            return self._name_abroad(value, depth)
        return False

    def _base_initializer(
        self, call: cst.Call, function: cst.FunctionDef, family: list[cst.ClassDef]
    ) -> cst.FunctionDef | None:
        """``super().__init__(...)`` or ``Base.__init__(self, ...)`` in an ``__init__``: the base's ``__init__`` it runs."""
        func = call.func
        if not family or function.name.value != "__init__" or not isinstance(func, cst.Attribute) or func.attr.value != "__init__":
            return None
        owner = next((item for item in family if function in set(_nodes_in(item.body))), None)
        if owner is None:
            return None
        if isinstance(func.value, cst.Call) and isinstance(func.value.func, cst.Name) and func.value.func.value == "super":
            if func.value.args:
                return None
            later = family[family.index(owner) + 1:]
            return self._initializer(later) if later else None
        if isinstance(func.value, cst.Name):
            named = [item for item in family if item.name.value == func.value.value and item is not owner]
            first = call.args[0].value if call.args else None
            if len(named) == 1 and isinstance(first, cst.Name) and first.value == "self":
                return self._initializer(family[family.index(named[0]):])
        return None

    def _self_kept(self, node: cst.Name) -> bool:
        """Is this ``self`` only the object of an attribute, the method's own parameter, or handed to ``__init__``?"""
        parent = self.parents.get(node)
        if isinstance(parent, cst.Attribute) and parent.value is node or isinstance(parent, cst.Param):
            return True
        if isinstance(parent, cst.Arg) and parent.value is node:
            call = self.parents.get(parent)
            func = call.func if isinstance(call, cst.Call) else None
            return isinstance(func, cst.Attribute) and func.attr.value == "__init__" or (
                isinstance(func, cst.Name) and func.value == "super"
            )
        return False

    def _kept_to_itself(self, call: cst.Call, family: list[cst.ClassDef]) -> bool:
        """Does the object the call builds stay here, only having its own methods called?

        ``Bot(...).run(x)``; ``bot = Bot(...)`` in a function or a ``__main__``
        block, then ``bot(x)`` or ``bot.run(x)``. Not ``evaluate(bot)``,
        ``MODELS = [Bot(...)]``, ``bot.model_name``, or a module's top-level
        ``bot = Bot(...)``, which other modules may import.
        """
        parent = self.parents.get(call)
        if isinstance(parent, cst.Expr) or self._calls_its_method(call, family):
            return True
        if not (isinstance(parent, cst.Assign) and parent.value is call and len(parent.targets) == 1):
            return False
        target = parent.targets[0].target
        if not isinstance(target, cst.Name):
            return False
        function = next((item for item in self._ancestors(parent)[::-1] if isinstance(item, (cst.FunctionDef, cst.Lambda))), None)
        if function is None and not any(_is_main_block(item) for item in self._ancestors(parent)):
            return False
        for use in self._names_spelled(target.value):
            if use is target or _is_label(use, self.parents) or target not in [found.node for found in self._assignments(use)]:
                continue  # the binding itself, or another binding of the same name
            if not self._calls_its_method(use, family):
                return False
        return True

    def _calls_its_method(self, expression: cst.CSTNode, family: list[cst.ClassDef]) -> bool:
        """``bot(...)``, or ``bot.run(...)`` where ``run`` is a method of the class."""
        parent = self.parents.get(expression)
        if isinstance(parent, cst.Call) and parent.func is expression:
            return True
        if isinstance(parent, cst.Attribute) and parent.value is expression:
            called = self.parents.get(parent)
            return isinstance(called, cst.Call) and called.func is parent and any(
                _method(owner, parent.attr.value) is not None for owner in family
            )
        return False

    def _names_spelled(self, name: str) -> list[cst.Name]:
        """Every ``Name`` node of the module spelled ``name``."""
        return self._module_index().names.get(name, [])

    def _module_index(self) -> _ModuleIndex:
        """Names, attributes and strings of the module, gathered in one pass on first use."""
        if self.module_index is None:
            self.module_index = _ModuleIndex(self.parents)
        return self.module_index


class _ModuleIndex:
    """What the forwarding checks look up across a module, gathered once from the walk's parent links.

    For ``self`` and ``self.<name>`` it records the class whose method they
    are in (nested functions and lambdas keep their method's ``self``).
    """

    def __init__(self, parents: dict[cst.CSTNode, cst.CSTNode]) -> None:
        self.names: dict[str, list[cst.Name]] = {}
        # attribute name -> the class of the method each use is in (None: not a self attribute in a method) -> uses
        self.attributes: dict[str, dict[cst.ClassDef | None, list[cst.Attribute]]] = {}
        self.strings: set[str] = set()
        self.reflective = False  # vars(), __dict__, getattr(): attributes read without being spelled
        self.selves: dict[cst.ClassDef, list[cst.Name]] = {}  # each class's methods' uses of self
        self._parents = parents
        self._methods: dict[cst.CSTNode, cst.ClassDef | None] = {}
        for node in parents:  # every node below the module, each once
            if isinstance(node, cst.Name):
                self.names.setdefault(node.value, []).append(node)
                self.reflective = self.reflective or node.value in _REFLECTIVE_NAMES
                owner = self._method_class(node) if node.value == "self" else None
                if owner is not None:
                    self.selves.setdefault(owner, []).append(node)
            elif isinstance(node, cst.Attribute):
                owner = self._method_class(node) if _on_self(node) else None
                self.attributes.setdefault(node.attr.value, {}).setdefault(owner, []).append(node)
                self.reflective = self.reflective or node.attr.value == "__dict__"
            elif isinstance(node, cst.SimpleString):
                text = _string_value(node)
                if text is not None:
                    self.strings.add(text)

    def _method_class(self, node: cst.CSTNode) -> cst.ClassDef | None:
        """The class of the method ``node`` is in, through nested functions and lambdas (remembered per function)."""
        current = self._parents.get(node)
        while current is not None and not isinstance(current, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            current = self._parents.get(current)
        if current is None or isinstance(current, cst.ClassDef):
            return None
        if current not in self._methods:
            holder = self._parents.get(self._parents.get(current)) if isinstance(current, cst.FunctionDef) else None
            self._methods[current] = holder if isinstance(holder, cst.ClassDef) else self._method_class(current)
        return self._methods[current]


def _is_bound(node: cst.CSTNode, parents: dict[cst.CSTNode, cst.CSTNode]) -> bool:
    """Is the expression a target something binds: an assignment (plain, annotated, augmented, unpacked), a ``for``,
    a ``with ... as``, a deletion?"""
    child, parent = node, parents.get(node)
    while isinstance(parent, (cst.Element, cst.Tuple, cst.List, cst.StarredElement)):
        child, parent = parent, parents.get(parent)  # self.client, self.name = ...
    return (
        isinstance(parent, (cst.AssignTarget, cst.AsName, cst.Del))
        or isinstance(parent, (cst.AnnAssign, cst.AugAssign, cst.For, cst.CompFor)) and parent.target is child
    )


def _bound_in_a_branch(owner: cst.ClassDef, name: str) -> bool:
    """Does the class body bind ``name`` inside a compound statement (``if``, ``try``, ``for``...)?"""
    if not isinstance(owner.body, cst.IndentedBlock):
        return False
    return any(
        isinstance(inner, cst.Name) and inner.value == name
        for statement in owner.body.body
        if not isinstance(statement, (cst.SimpleStatementLine, cst.FunctionDef, cst.ClassDef))
        for inner in _nodes_in(statement)
    )


def _on_self(node: cst.CSTNode) -> bool:
    """``self.<name>``."""
    return isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self"


def _is_main_block(node: cst.CSTNode) -> bool:
    """``if __name__ == "__main__":``, whose names no import sees."""
    if not isinstance(node, cst.If) or not isinstance(node.test, cst.Comparison):
        return False
    sides = [node.test.left, *(target.comparator for target in node.test.comparisons)]
    return any(isinstance(side, cst.Name) and side.value == "__name__" for side in sides) and any(
        _string_value(side) == "__main__" for side in sides
    )


def _parameter_name(function: cst.FunctionDef, position: int | None, keyword: str | None) -> str | None:
    """The parameter an argument binds: by position (counting ``self``) or by keyword."""
    if keyword is not None:
        names = [p.name.value for p in (*function.params.params, *function.params.kwonly_params)]
        return keyword if keyword in names else None
    positional = [*function.params.posonly_params, *function.params.params]
    if position is None or position >= len(positional) or function.params.posonly_params:
        return None
    return positional[position].name.value
