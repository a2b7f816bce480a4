"""Names from other modules (or this one) that stand for a retired ID, found during the walk.

The project index (``migrator.project_analysis``) says which spellings
name a definition (``MODEL``, ``Model.FAST``, ``settings.answer_model``)
and which callables have a retired default. The collector records each
spelling as a reference site, so that the usual placement (a request's
model, a comparison, a value handed on) applies to it, and records every
other use of the watched names as opaque: a reader the analysis cannot
follow.
"""

from __future__ import annotations

import libcst as cst

from migrator.facts import KIND_REFERENCE, DefaultCall, OpaqueUse
from migrator.python_analysis.state import _CollectorState
from migrator.python_analysis.syntax import _dotted

_IMPORTS = (cst.Import, cst.ImportFrom, cst.ImportAlias, cst.Global, cst.Nonlocal)


class _ProjectNames(_CollectorState):
    """Reference sites, opaque uses and calls that rely on a default, for the project index."""

    def _reference_text(self, node: cst.BaseExpression) -> str | None:
        """``a.b.c`` or ``get()``-rooted chains as the index spells them; None for anything else."""
        if isinstance(node, cst.Name):
            return node.value
        if isinstance(node, cst.Attribute):
            inner = self._reference_text(node.value)
            return f"{inner}.{node.attr.value}" if inner is not None else None
        if isinstance(node, cst.Call) and not node.args:
            inner = self._reference_text(node.func)
            return f"{inner}()" if inner is not None else None
        return None

    def _project_expression(self, node: cst.Name | cst.Attribute) -> None:
        names = self.names
        if names is None or node in self.explained:
            return
        parent = self.parents.get(node)
        if isinstance(node, cst.Name) and not self._is_read(node, parent):
            return
        if any(isinstance(item, _IMPORTS) for item in (parent, self.parents.get(parent), *self.stack[-3:])):
            return  # import statements name modules and definitions, they do not read them
        if any(isinstance(item, cst.Annotation) for item in self.stack):
            return  # a type annotation reads nothing at run time
        text = self._reference_text(node)
        scoped = self._scoped() if names.scoped else {}
        key = (scoped.get(text) or names.references.get(text)) if text is not None else None
        if key is not None and text not in scoped:
            bound = self._bound_as_indexed(node)
            if bound == "no":
                return  # a parameter or local of the same name: another variable
            if bound == "mixed":
                self._explain(node)
                self._opaque(node, (key,), f"{text} may also stand for another value bound to the same name here")
                return
        if key is not None and text in scoped and isinstance(node, cst.Name) and not self._the_parameter(node, key):
            return  # a nested function's parameter or a comprehension variable of the same name: another binding
        if key is not None and self._is_store(node):
            self._explain(node)
            binding = self._defines(names.defined_on) or (text in scoped and self._binding(node, scoped, key))
            if not binding:  # model = model or DEFAULT; MODEL = MODEL.upper(): later reads see another value
                self._opaque(node, (key,), f"{text} is assigned")
            return
        if key is not None and self._binding_value(node, scoped, key):
            self._explain(node)
            return  # self.model_id = model_id: the binding itself, its reads are followed
        if key is not None:
            self._explain(node)
            self._add(node, KIND_REFERENCE, text or "", (names.legacy[key],), "")  # type: ignore[arg-type]
            self.reference_keys[node] = key
            return
        if text is not None and text in names.calls and not self._called(node):
            # pool.submit(summarize, ...), class Thinker(Chat): callers the index cannot see
            subclassed = isinstance(parent, cst.Arg) and isinstance(self.parents.get(parent), cst.ClassDef)
            self._opaque(node, names.calls[text], f"{text} is {'subclassed' if subclassed else 'handed on, not called'}")
            return
        word = node.value if isinstance(node, cst.Name) else node.attr.value
        if self._inside_enum_reads_itself(node) or self._remade_inside_class(node):
            return
        if isinstance(node, cst.Name) and word in names.holders:
            grand = self.parents.get(parent)
            if isinstance(parent, cst.Arg) and isinstance(grand, cst.ClassDef):
                self._opaque(node, names.holders[word], f"{word} is subclassed")
                return
            members = [key for key in names.holders[word] if key in names.enums]
            if members and isinstance(parent, cst.Call) and parent.func is node and parent.args:
                self._opaque(node, tuple(members), f"{word}(...) looks a member up by its value")
                return
            if self._holder_reads_attribute(node) or self._is_store(node) or self._instance_made(node):
                return
            self._opaque(node, names.holders[word], f"{word} is handed on or used whole")
        elif word in names.leaves:
            if self._is_store(node) and self._defines(names.defined_on):
                return  # the definition itself
            keys = self._same_object(node, names.leaves[word])
            if not keys:
                return
            what = "assigned" if self._is_store(node) else "read where the analysis cannot tell what it holds"
            self._opaque(node, keys, f"{text or word} is {what}")

    def _remade_inside_class(self, node: cst.Name | cst.Attribute) -> bool:
        """``type(x)(model)``, ``x.__class__(...)``, or ``cls(...)`` in a class whose constructor default the
        index follows: a new instance made with a value the callers' count does not see."""
        assert self.names is not None
        built = tuple(key for key in self.names.classes if key in self.names.parameters)  # constructor defaults
        if not built:
            return False
        owner = next((item for item in reversed(self.stack) if isinstance(item, cst.ClassDef)), None)
        parent = self.parents.get(node)
        called = isinstance(parent, cst.Call) and parent.func is node
        grand = self.parents.get(parent)
        remade = called and (
            (isinstance(node, cst.Name) and node.value == "cls" and owner is not None)
            or (isinstance(node, cst.Attribute) and node.attr.value == "__class__")
            or (isinstance(node, cst.Name) and node.value == "type" and isinstance(grand, cst.Call) and grand.func is parent)
        )
        if not remade:
            return False
        in_own_class = isinstance(node, cst.Name) and node.value == "cls" and owner is not None
        # cls(...) makes the enclosing class; type(x)(...) and x.__class__(...) may make any of them.
        keys = tuple(key for key in built if self.names.classes[key] == owner.name.value) if in_own_class else built  # type: ignore[union-attr]
        if keys:
            self._opaque(node, keys, "an instance is made again from its class (type(x)(...), x.__class__(...), cls(...))")
        return bool(keys)

    def _subclassed(self, node: cst.ClassDef) -> None:
        """``class Planner(base.Agent)``: a subclass of a class whose members or constructor default the index follows."""
        assert self.names is not None
        for base in node.bases:
            text = self._reference_text(base.value)
            if text is None:
                continue
            keys = (*self.names.classes_spelled.get(text, ()), *self.names.calls.get(text, ()))
            if keys:
                self._opaque(base.value, tuple(dict.fromkeys(keys)), f"{text} is subclassed by {node.name.value}")

    def _inside_enum_reads_itself(self, node: cst.Name | cst.Attribute) -> bool:
        """In an Enum the index follows: ``cls(value)`` looks a member up, ``self.value`` reads the one at hand."""
        assert self.names is not None
        owner = next((item for item in reversed(self.stack) if isinstance(item, cst.ClassDef)), None)
        if owner is None:
            return False
        members = tuple(key for key in self.names.enums if self.names.classes.get(key) == owner.name.value)
        if not members:
            return False
        parent = self.parents.get(node)
        looked_up = isinstance(node, cst.Name) and node.value == "cls" and isinstance(parent, cst.Call) and parent.func is node
        read = (
            isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value in ("self", "cls")
            and node.attr.value in ("value", "_value_", "name", "_value2member_map_", "__members__")
        )
        if looked_up or read:
            self._opaque(node, members, f"{owner.name.value} reads or looks up its members' values")
            return True
        return False

    def _bound_as_indexed(self, node: cst.BaseExpression) -> str:
        """Is the spelling's first name bound where the index says ("yes"), somewhere else ("no"), or both ("mixed")?"""
        assert self.names is not None
        root = node
        while isinstance(root, (cst.Attribute, cst.Call)):
            root = root.value if isinstance(root, cst.Attribute) else root.func
        if not isinstance(root, cst.Name):
            return "no"
        found = self._assignments(root)
        if not found:
            return "yes" if self.names.star else "no"  # names a star import brings are not in the scope analysis
        ours = []
        for assignment in found:
            place = assignment.node
            if isinstance(place, (cst.FunctionDef, cst.ClassDef)) and place.decorators:
                place = place.decorators[0]
            try:
                line = self._span(place).line
            except KeyError:
                line = 0
            ours.append(line in self.names.binding_lines and not isinstance(assignment.node, (cst.Param, cst.Lambda)))
        return "yes" if all(ours) else ("no" if not any(ours) else "mixed")

    def _is_read(self, node: cst.Name, parent: cst.CSTNode | None) -> bool:
        """Is the name an expression (not an attribute's name, a keyword, a parameter's or definition's own name)?"""
        if isinstance(parent, cst.Attribute) and parent.attr is node:
            return False
        if isinstance(parent, cst.Arg) and parent.keyword is node:
            return False
        if isinstance(parent, (cst.Param, cst.FunctionDef, cst.ClassDef)) and parent.name is node:
            return False
        return True

    def _the_parameter(self, node: cst.Name, key: str) -> bool:
        """Does the name read the parameter of the function whose default the index follows?

        Its only binding must be a parameter of the function the definition's scope names: a nested
        function's own parameter, or a comprehension variable, is another binding of the same name.
        """
        assert self.names is not None
        found = self._assignments(node)
        params = [item.node for item in found if isinstance(item.node, cst.Param)]
        if len(params) != 1 or len(found) != 1:
            return False
        function = self.parents.get(self.parents.get(params[0]))
        expected = {scope.rsplit(".", 1)[-1] for scope, table in self.names.scoped.items() if table.get(node.value) == key}
        return isinstance(function, cst.FunctionDef) and function.name.value in expected

    def _called(self, node: cst.CSTNode) -> bool:
        parent = self.parents.get(node)
        return isinstance(parent, cst.Call) and parent.func is node

    def _scoped(self) -> dict[str, str]:
        """The spellings of this file's defaults that hold inside the function or class being walked."""
        assert self.names is not None
        current = ".".join(item.name.value for item in self.stack if isinstance(item, (cst.FunctionDef, cst.ClassDef)))
        found = self.scope_cache.get(current)
        if found is None:
            found = {}
            for scope, table in self.names.scoped.items():
                # A function's parameter, or a class's self.x, in that scope and the functions it nests
                # (a nested name is checked against the binding it reads: _the_parameter).
                if current == scope or current.startswith(scope + "."):
                    found.update(table)
            self.scope_cache[current] = found
        return found

    def _binding(self, node: cst.CSTNode, scoped: dict[str, str], key: str) -> bool:
        """``self.model_id = model_id``: the store that puts the parameter where the methods read it."""
        target = self.parents.get(node)
        assign = self.parents.get(target)
        return (
            isinstance(assign, cst.Assign) and isinstance(assign.value, cst.Name) and scoped.get(assign.value.value) == key
        )

    def _binding_value(self, node: cst.CSTNode, scoped: dict[str, str], key: str) -> bool:
        """The parameter as the value of ``self.model_id = model_id``."""
        assign = self.parents.get(node)
        return (
            isinstance(assign, cst.Assign) and assign.value is node and len(assign.targets) == 1
            and scoped.get(self._reference_text(assign.targets[0].target) or "") == key  # type: ignore[arg-type]
        )

    def _instance_made(self, node: cst.Name) -> bool:
        """``settings = Settings()`` / ``cfg = get_settings()``: the instance is bound to a name the index follows."""
        call = self.parents.get(node)
        statement = self.parents.get(call)
        return (
            isinstance(call, cst.Call) and call.func is node
            and isinstance(statement, (cst.Assign, cst.AnnAssign)) and statement.value is call
        )

    def _same_object(self, node: cst.Name | cst.Attribute, keys: tuple[str, ...]) -> tuple[str, ...]:
        """The definitions a use may touch: ``self.model`` in a class that neither is nor extends the
        definition's class is another object's attribute."""
        assert self.names is not None
        if not (isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self"):
            return keys
        owner = next((item for item in reversed(self.stack) if isinstance(item, cst.ClassDef)), None)
        if owner is None:
            return keys
        bases = {(_dotted(base.value) or ("",))[-1] for base in owner.bases}
        return tuple(
            key for key in keys
            if key not in self.names.classes or self.names.classes[key] in (owner.name.value, *bases)
        )

    def _holder_reads_attribute(self, node: cst.Name) -> bool:
        """``settings.x`` / ``get_settings().x``: the holder only reaches an attribute (judged by its own name)."""
        parent = self.parents.get(node)
        if isinstance(parent, cst.Call) and parent.func is node and not parent.args:
            node, parent = parent, self.parents.get(parent)  # type: ignore[assignment]
        return isinstance(parent, cst.Attribute) and parent.value is node

    def _is_store(self, node: cst.CSTNode) -> bool:
        parent = self.parents.get(node)
        if isinstance(parent, cst.AssignTarget) and parent.target is node:
            return True
        if isinstance(parent, (cst.AnnAssign, cst.AugAssign)) and parent.target is node:
            return True
        return isinstance(parent, cst.For) and parent.target is node

    def _defines(self, lines: frozenset[int]) -> bool:
        """Is the statement being walked one of this file's definitions?"""
        statement = next((item for item in reversed(self.stack) if isinstance(item, cst.SimpleStatementLine)), None)
        if statement is None:
            return False
        span = self._span(statement)
        return any(span.line <= line <= span.end_line for line in lines)

    def _explain(self, node: cst.CSTNode) -> None:
        """The reference and the names inside it are accounted for."""
        while node is not None:
            self.explained.add(node)
            if isinstance(node, cst.Attribute):
                node = node.value
            elif isinstance(node, cst.Call):
                node = node.func
            else:
                break

    def _opaque(self, node: cst.CSTNode, keys: tuple[str, ...], what: str) -> None:
        span = self._span(node)
        for key in keys:
            self.opaque_uses.append(OpaqueUse(key, span, what))

    def _default_call(self, node: cst.Call) -> None:
        """A call of a callable with a retired default: does it pass the parameter or rely on the default?"""
        names = self.names
        text = self._reference_text(node.func) if names is not None else None
        if names is None or text is None or text not in names.calls:
            return
        positional = [arg for arg in node.args if arg.keyword is None and not arg.star]
        keywords = {arg.keyword.value: arg for arg in node.args if arg.keyword is not None}
        starred = any(arg.star for arg in node.args)
        for key in names.calls[text]:
            parameter, position = names.parameters[key]
            arg = keywords.get(parameter)
            if arg is None and position is not None and position < len(positional):
                arg = positional[position]
            if arg is None and position is None and positional:
                passed, value = True, "positional arguments"  # where they land is not known
            elif arg is None and starred:
                passed, value = True, "**/* arguments"
            elif arg is None:
                passed, value = False, ""
            else:
                passed, value = True, self.module.code_for_node(arg.value)
            self.default_calls.append(DefaultCall(
                key, self._span(node), text, passed, value[:80], names.where.get(key, ""), names.legacy.get(key, "")
            ))
