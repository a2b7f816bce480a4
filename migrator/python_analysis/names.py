"""Name resolution: the assignments, parameters, classes and functions an expression refers to."""

from __future__ import annotations

from typing import Iterator, Sequence

import libcst as cst
from libcst.metadata import QualifiedNameSource

from migrator.class_kinds import ENUM_BASES as _ENUM_BASES
from migrator.python_analysis.scopes import Scopes
from migrator.python_analysis.state import (
    _CollectorState,
)
from migrator.python_analysis.syntax import (
    _MAX_DEPTH,
    _TEXT_PIECES,
    Owner,
    _call_default,
    _class_attribute,
    _class_is,
    _enclosing_class,
    _is_self_attribute,
    _string_value,
)


class _NameResolver(_CollectorState):
    """Name resolution: what a name, attribute or call stands for in this module (through libcst scopes)."""

    def _owners(self, expression: cst.BaseExpression, seen: set[cst.CSTNode] | None = None) -> Iterator[Owner]:
        """What a model argument's value was assigned to: names, params, class attributes."""
        seen = set() if seen is None else seen
        if expression in seen:
            return  # model = model or "deepseek-chat" refers to itself
        seen.add(expression)
        while True:
            if isinstance(expression, cst.Subscript):
                expression = expression.value
            elif isinstance(expression, cst.Attribute) and expression.attr.value == "value":
                expression = expression.value
            elif (
                isinstance(expression, cst.Call) and isinstance(expression.func, cst.Attribute)
                and expression.func.attr.value in _TEXT_PIECES
            ):  # MODELS.split(",")[0], name.strip(): a piece of the text a name holds
                expression = expression.func.value
            else:
                break
        if isinstance(expression, cst.BooleanOperation):
            yield from self._owners(expression.left, seen)
            yield from self._owners(expression.right, seen)
        elif isinstance(expression, cst.IfExp):
            yield from self._owners(expression.body, seen)
            yield from self._owners(expression.orelse, seen)
        elif isinstance(expression, cst.Name):
            for assignment in self._assignments(expression):
                node = assignment.node
                if isinstance(node, cst.Name):
                    yield node
                    if node in self.class_level:
                        yield (self.class_level[node], node.value)
                    value = self.assigned.get(node)
                    if value is not None and not isinstance(value, (cst.SimpleString, cst.Dict)):
                        yield from self._owners(value, seen)  # MODEL = settings.model or DEFAULT; body = build()
                    for iterated in self._split_iterated(node, expression):  # for name in MODELS.split(","): a piece
                        yield from self._owners(iterated, seen)
                elif isinstance(node, cst.Param):
                    yield node
                    if node.default is not None and not isinstance(node.default, cst.SimpleString):
                        yield from self._owners(node.default, seen)  # def run(self, model=MODEL)
        elif isinstance(expression, cst.Call):
            for function in self._functions_of(expression.func):
                yield function  # build_payload(): the dict it returns
                for returned in self.returns.get(function, []):
                    yield from self._owners(returned, seen)
        elif isinstance(expression, cst.Attribute):
            attribute = expression.attr.value
            if _is_self_attribute(expression):
                owner = _enclosing_class(self._ancestors(expression))
                if owner is not None:
                    yield (owner, attribute)
            elif isinstance(expression.value, cst.Name):
                for owner_class in self._classes_of(expression.value):
                    yield (owner_class, attribute)

    def _split_iterated(self, target: cst.Name, use: cst.Name) -> Iterator[cst.BaseExpression]:
        """The text a loop over ``text.split(...)`` binds ``target`` to pieces of, where ``use`` is inside that loop.

        Only split text: a loop over a list is the list rules' own question.
        After the loop the name may hold something else (``name = requested``).
        """
        loop = self.parents.get(target)
        while isinstance(loop, cst.CompFor) and not isinstance(self.parents.get(loop), cst.BaseComp):
            loop = self.parents.get(loop)  # an inner for of a comprehension
        body = self.parents.get(loop) if isinstance(loop, cst.CompFor) else loop
        if body is None or body not in self._ancestors(use):
            return
        for iterated, bound in self.iterations:
            if bound is target and isinstance(iterated, cst.Call) and isinstance(iterated.func, cst.Attribute) and (
                iterated.func.attr.value in _TEXT_PIECES
            ):
                yield iterated

    def _functions_of(self, func: cst.BaseExpression) -> Iterator[cst.FunctionDef]:
        """The module's own function (or method of the enclosing class) a call invokes."""
        if isinstance(func, cst.Name):
            yield from (found.node for found in self._assignments(func) if isinstance(found.node, cst.FunctionDef))
        elif _is_self_attribute(func):
            owner = _enclosing_class(self._ancestors(func))
            if owner is not None and isinstance(owner.body, cst.IndentedBlock):
                yield from (
                    item for item in owner.body.body
                    if isinstance(item, cst.FunctionDef) and item.name.value == func.attr.value  # type: ignore[attr-defined]
                )

    def _classes_of(self, name: cst.Name) -> Iterator[cst.ClassDef]:
        """The module's class a name stands for: the class itself, or an instance of it."""
        for assignment in self._assignments(name):
            if isinstance(assignment.node, cst.ClassDef):
                yield assignment.node
            elif isinstance(assignment.node, cst.Name):
                value = self.assigned.get(assignment.node)
                if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
                    yield from (
                        found.node
                        for found in self._assignments(value.func)
                        if isinstance(found.node, cst.ClassDef)
                    )

    def _value_of(self, name: cst.Name) -> cst.BaseExpression | None:
        """The value bound to ``name`` where it is used: the latest assignment before it."""
        bound = [
            (self._span(assignment.node), self.assigned[assignment.node])
            for assignment in self._assignments(name)
            if isinstance(assignment.node, cst.Name) and assignment.node in self.assigned
        ]
        if not bound:
            return None
        bound.sort(key=lambda item: (item[0].line, item[0].column))
        use = self._span(name)
        before = [value for span, value in bound if (span.line, span.column) < (use.line, use.column)]
        return before[-1] if before else bound[-1][1]

    def _string_through(self, expression: cst.BaseExpression, depth: int) -> str | None:
        """The string a model value holds, through names and ``x or "default"`` fallbacks."""
        if depth > _MAX_DEPTH:
            return None
        text = _string_value(expression)
        if text is not None:
            return text
        if isinstance(expression, cst.FormattedString) and all(isinstance(p, cst.FormattedStringText) for p in expression.parts):
            return "".join(part.value for part in expression.parts)  # type: ignore[union-attr]
        if isinstance(expression, cst.Name):
            value = self._value_of(expression)
            return self._string_through(value, depth + 1) if value is not None else None
        if isinstance(expression, cst.BooleanOperation):
            return self._string_through(expression.right, depth + 1)
        if isinstance(expression, cst.Attribute) and isinstance(expression.value, cst.Name):
            for owner_class in self._classes_of(expression.value):  # Cfg.CHAT
                value = _class_attribute(owner_class, expression.attr.value)
                if value is not None:
                    return self._string_through(value, depth + 1)
        if isinstance(expression, cst.Call) and self._matches(expression.func, self.env_default_calls):
            default = _call_default(expression)
            return self._string_through(default, depth + 1) if default is not None else None
        return None

    def _inherited_attribute(self, node: cst.ClassDef, name: str, depth: int) -> cst.BaseExpression | None:
        """What a class (or a base class defined in this module) sets ``name`` to: in its body or on ``self``."""
        value = self.self_attributes.get((node, name)) or _class_attribute(node, name)
        if value is not None or depth > _MAX_DEPTH:
            return value
        for base in node.bases:
            if isinstance(base.value, cst.Name):
                for found in self._assignments(base.value):
                    if isinstance(found.node, cst.ClassDef):
                        value = self._inherited_attribute(found.node, name, depth + 1)
                        if value is not None:
                            return value
        return None

    def _is_enum(self, node: cst.ClassDef, depth: int) -> bool:
        """An Enum class, also through the module's own base classes (``class Model(Base)``)."""
        if _class_is(node, _ENUM_BASES):
            return True
        if depth > _MAX_DEPTH:
            return False
        for base in node.bases:
            if isinstance(base.value, cst.Name):
                for found in self._assignments(base.value):
                    if isinstance(found.node, cst.ClassDef) and self._is_enum(found.node, depth + 1):
                        return True
        return False

    def _imported_string(self, expression: cst.Name | cst.Attribute) -> str | None:
        """The string an imported name stands for in its own module: ``API_URL`` or ``config.API_URL``."""
        if self.imported_strings is None:
            return None
        name, attribute = (expression, None) if isinstance(expression, cst.Name) else (expression.value, expression.attr.value)
        if not isinstance(name, cst.Name):
            return None
        for assignment in self._import_assignments(name):
            node = assignment.node
            for alias in node.names if isinstance(node.names, Sequence) else ():
                bound = alias.evaluated_alias or alias.evaluated_name
                if bound != name.value and bound.split(".")[0] != name.value:
                    continue
                if isinstance(node, cst.ImportFrom) and attribute is None:  # from .config import API_URL
                    module = _dotted_text(node.module)
                    return self.imported_strings.value(module, len(node.relative), alias.evaluated_name)
                if isinstance(node, cst.ImportFrom) and attribute is not None:  # from app import config; config.URL
                    module = ".".join(filter(None, (_dotted_text(node.module), alias.evaluated_name)))
                    return self.imported_strings.value(module, len(node.relative), attribute)
                if isinstance(node, cst.Import) and attribute is not None and alias.asname is not None:
                    return self.imported_strings.value(alias.evaluated_name, 0, attribute)  # import app.config as cfg
        return None

    def _import_assignments(self, name: cst.Name) -> list:
        return [assignment for assignment in self._assignments(name) if isinstance(assignment.node, (cst.Import, cst.ImportFrom))]

    def _origin(self, func: cst.BaseExpression, depth: int = 0) -> str:
        """Where a callee comes from: "." (defined in this module, or imported relatively), the dotted
        name it is imported as (``app.llm.Client`` for ``from app.llm import Client``), or "" when unknown.

        A method of an object held in a name or in ``self`` (``provider.ask``,
        ``self.client.ask``: bound to ``DeepSeekProvider()``, or a fixture of
        this module returning one) comes from where the object's class does;
        a method of the class around the call (``self._client(...)``) is here.
        """
        held = self._held_object(func) if depth < _MAX_DEPTH else None
        if held is not None:
            return self._origin(held.func, depth + 1)
        if _is_self_attribute(func) and next(self._functions_of(func), None) is not None:
            return "."  # self._client(transport, model=...): a method of the module's own class
        try:
            scope = self.get_metadata(Scopes, func)
        except KeyError:
            return ""
        for qualified in scope.get_qualified_names_for(func) if scope is not None else ():
            if qualified.source == QualifiedNameSource.IMPORT:
                return "." if qualified.name.startswith(".") else qualified.name
        if isinstance(func, cst.Name) and self._defined_here(func.value):
            return "."
        return ""

    def _held_object(self, func: cst.BaseExpression) -> cst.Call | None:
        """For ``a.method`` or ``self.a.method``: the call whose result ``a`` holds, if this module shows it."""
        if not isinstance(func, cst.Attribute):
            return None
        holder = func.value
        while isinstance(holder, cst.Attribute) and not _is_self_attribute(holder):
            holder = holder.value
        if _is_self_attribute(holder):  # self.client.ask: set in the class's own methods
            owner = _enclosing_class(self._ancestors(holder))
            value = self.self_attributes.get((owner, holder.attr.value)) if owner is not None else None  # type: ignore[union-attr]
            return value if isinstance(value, cst.Call) else None
        return self._held_call(holder) if isinstance(holder, cst.Name) else None

    def _held_call(self, name: cst.Name) -> cst.Call | None:
        """The call whose result a name holds: its assignment here, or what a pytest fixture of that name
        in this module returns or yields."""
        value = self._value_of(name)
        if value is None:
            fixture = next(
                (
                    statement for statement in self.module.body
                    if isinstance(statement, cst.FunctionDef) and statement.name.value == name.value
                    and any(_decorator_name(decorator) == "fixture" for decorator in statement.decorators)
                ),
                None,
            )
            body = fixture.body.body if fixture is not None and isinstance(fixture.body, cst.IndentedBlock) else ()
            value = next(
                (
                    small.value if isinstance(small, cst.Return) else small.value.value  # type: ignore[union-attr]
                    for line in body if isinstance(line, cst.SimpleStatementLine)
                    for small in line.body
                    if isinstance(small, cst.Return) or isinstance(small, cst.Expr) and isinstance(small.value, cst.Yield)
                ),
                None,
            )
        return value if isinstance(value, cst.Call) else None

    def _defined_here(self, name: str) -> bool:
        """A function or class of this module's top level."""
        return any(
            isinstance(statement, (cst.FunctionDef, cst.ClassDef)) and statement.name.value == name
            for statement in self.module.body
        )

    def _qualified_names(self, expression: cst.BaseExpression) -> set[str]:
        """Fully qualified names an import gives an expression (``completion`` -> ``litellm.completion``)."""
        try:
            scope = self.get_metadata(Scopes, expression)
        except KeyError:
            return set()
        if scope is None:
            return set()
        return {qualified.name.replace(".<locals>", "") for qualified in scope.get_qualified_names_for(expression)}


def _dotted_text(node: cst.BaseExpression | None) -> str:
    """``a.b.c`` of an import's module node ("" for none)."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted_text(node.value)}.{node.attr.value}"
    return ""


def _decorator_name(decorator: cst.Decorator) -> str:
    """``@pytest.fixture`` and ``@pytest.fixture(scope="module")`` -> "fixture"."""
    target = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
    return target.attr.value if isinstance(target, cst.Attribute) else (target.value if isinstance(target, cst.Name) else "")
