"""Definitions a module exports that hold a retired ID, found with ``ast``.

What other modules can import and read: module constants (also defaults
of ``os.getenv``), class attributes, Enum members, settings fields, and
the defaults of function and constructor parameters. ``ast`` is enough
here and costs a small part of a libcst pass with metadata.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Iterator

from migrator.catalog import Catalog
from migrator.class_kinds import ENUM_BASES, FIELD_DECORATORS, MODEL_BASES
from migrator.textscan import physical_lines

# What kind of binding holds the ID; the first three are fixed in code, the rest can be set from outside.
CONSTANT = "module constant"
CLASS_ATTRIBUTE = "class attribute"
ENUM_MEMBER = "Enum member"
ENVIRONMENT = "module constant read from the environment"
SETTINGS_FIELD = "settings field"
FIELD_DEFAULT = "field default"
PARAMETER_DEFAULT = "parameter default"
INSTANCE_ATTRIBUTE = "instance attribute"  # self.model = "deepseek-chat" in __init__
DERIVED_ATTRIBUTE = "attribute of a class with bases or decorators"
SETTINGS_BASES = frozenset({"BaseSettings"})
# Decorators that call nothing with values of their own.
_PLAIN_DECORATORS = frozenset({"staticmethod", "classmethod", "property", "cache", "lru_cache", "cached_property", "wraps", "override"})


@dataclass(frozen=True)
class Definition:
    """A name in a module bound to a retired ID.

    ``name`` is dotted within the module (``MODEL``, ``Model.FAST``,
    ``Settings.answer_model``, ``ask(model)``); ``line``/``column`` locate
    the literal, as the DSM001 finding there does.
    """

    path: str
    name: str
    kind: str
    legacy_id: str
    line: int
    column: int
    env: str | None = None  # the environment variable that can replace the value
    callable: str | None = None  # defaults: the function or class whose call takes the parameter
    parameter: str | None = None
    position: int | None = None  # defaults: the parameter's index among positional arguments
    attribute: str | None = None  # constructor defaults: the ``self`` attribute ``__init__`` stores it in
    scope: str | None = None  # defaults: the function whose body reads the parameter ("ask", "Agent.__init__")
    decorated: bool = False  # defaults: the function has decorators, which may call it with their own values

    @property
    def key(self) -> str:
        return f"{self.path}:{self.name}"

    @property
    def leaf(self) -> str:
        return self.parameter or self.name.rpartition(".")[2]


@dataclass(frozen=True)
class ModuleShape:
    """What importers need besides definitions: the instances and factories a module makes at its top level."""

    instances: tuple[tuple[str, str], ...]  # (name, class): settings = Settings()
    factories: tuple[tuple[str, str], ...]  # (function, class): def get_settings(): return Settings()


def module_definitions(tree: ast.Module, source: str, path: str, catalog: Catalog) -> tuple[list[Definition], ModuleShape]:
    """Every definition at module level, in classes at module level, and in function signatures there."""
    lines = physical_lines(source)
    finder = _Finder(path, lines, catalog)
    found: list[Definition] = []
    instances: list[tuple[str, str]] = []
    factories: list[tuple[str, str]] = []
    for statement in tree.body:
        if isinstance(statement, (ast.Assign, ast.AnnAssign)):
            found.extend(finder.constants(statement))
            bound = _instance_of(statement)
            if bound is not None:
                instances.append(bound)
        elif isinstance(statement, ast.ClassDef):
            found.extend(finder.class_members(statement))
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.extend(finder.parameters(statement, statement.name))
            made = _made_class(statement)
            if made is not None:
                factories.append((statement.name, made))
    shape = ModuleShape(tuple(instances), tuple(factories))
    return found, shape


class _Finder:
    def __init__(self, path: str, lines: list[str], catalog: Catalog) -> None:
        self.path = path
        self.lines = lines
        self.catalog = catalog

    def _retired(self, node: ast.expr | None) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            split = self.catalog.split_model_string(node.value)
            return split[1] if split else None
        return None

    def _definition(self, node: ast.expr, name: str, kind: str, **extra: object) -> Definition | None:
        legacy_id = self._retired(node)
        if legacy_id is None:
            return None
        line = node.lineno
        text = self.lines[line - 1] if line <= len(self.lines) else ""
        column = len(text.encode("utf-8")[: node.col_offset].decode("utf-8", "replace")) + 1
        return Definition(self.path, name, kind, legacy_id, line, column, **extra)  # type: ignore[arg-type]

    def constants(self, statement: ast.Assign | ast.AnnAssign) -> Iterator[Definition]:
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        if len(targets) != 1 or not isinstance(targets[0], ast.Name) or statement.value is None:
            return
        name, value = targets[0].id, statement.value
        env = self._env_default(value)
        if env is not None:
            found = self._definition(env[1], name, ENVIRONMENT, env=env[0])
        else:
            found = self._definition(value, name, CONSTANT)
        if found is not None:
            yield found

    def _env_default(self, value: ast.expr) -> tuple[str, ast.expr] | None:
        """``os.getenv("LLM_MODEL", "deepseek-chat")``: the variable and the default."""
        if not isinstance(value, ast.Call) or len(value.args) < 2:
            return None
        dotted = dotted_name(value.func)
        calls = self.catalog.python.env_default_calls
        if not dotted or not any(dotted == call or dotted.endswith("." + call) for call in calls):
            return None
        variable = value.args[0]
        if isinstance(variable, ast.Constant) and isinstance(variable.value, str):
            return variable.value, value.args[1]
        return None

    def class_members(self, node: ast.ClassDef) -> Iterator[Definition]:
        bases = {(dotted_name(base) or "").rpartition(".")[2] for base in node.bases}
        decorators = {(dotted_name(item.func if isinstance(item, ast.Call) else item) or "").rpartition(".")[2] for item in node.decorator_list}
        if bases & ENUM_BASES:
            kind = ENUM_MEMBER
        elif bases & SETTINGS_BASES:
            kind = SETTINGS_FIELD
        elif bases & MODEL_BASES or decorators & FIELD_DECORATORS:
            kind = FIELD_DEFAULT
        elif (bases - {"object", "ABC", "Generic", "Protocol"}) or node.decorator_list or node.keywords:
            kind = DERIVED_ATTRIBUTE  # a base or decorator may make it a field, a setting or a descriptor
        else:
            kind = CLASS_ATTRIBUTE
        prefix = _env_prefix(node) if kind == SETTINGS_FIELD else ""
        position = 0
        for statement in node.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if statement.name == "__init__":
                    yield from self.parameters(statement, node.name, skip_self=True)
                    yield from self.instance_attributes(statement, node.name)
                continue
            if not isinstance(statement, (ast.Assign, ast.AnnAssign)):
                continue
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            if len(targets) != 1 or not isinstance(targets[0], ast.Name):
                continue
            attribute, value = targets[0].id, statement.value
            if isinstance(statement, ast.AnnAssign) and "ClassVar" in ast.unparse(statement.annotation):
                if kind == FIELD_DEFAULT:
                    continue  # not a field: the constructor does not take it
            elif isinstance(statement, ast.AnnAssign) and kind == FIELD_DEFAULT:
                position += 1
            if value is None:
                continue
            value, alias = self._field_default(value)
            name = f"{node.name}.{attribute}"
            if kind == SETTINGS_FIELD:
                found = self._definition(value, name, kind, env=(alias or prefix + attribute).upper())
            elif kind == FIELD_DEFAULT:
                # Positions hold for a plain dataclass only: pydantic takes keywords, and a base class's fields
                # come first. An alias is the keyword the constructor takes.
                positional = not (bases & MODEL_BASES) and not (bases - {"object", ""})
                found = self._definition(
                    value, name, kind, callable=node.name, parameter=alias or attribute,
                    position=position - 1 if positional else None,
                )
            else:
                found = self._definition(value, name, kind)
            if found is not None:
                yield found

    def instance_attributes(self, function: ast.FunctionDef | ast.AsyncFunctionDef, owner: str) -> Iterator[Definition]:
        """``self.model = "deepseek-chat"`` in ``__init__``: read as ``self.model`` in the class's methods."""
        for statement in function.body:
            if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
                continue
            target = statement.targets[0]
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
                found = self._definition(
                    statement.value, f"{owner}.{target.attr}", INSTANCE_ATTRIBUTE, attribute=target.attr, scope=owner
                )
                if found is not None:
                    yield found

    def _field_default(self, value: ast.expr) -> tuple[ast.expr, str | None]:
        """``Field("deepseek-chat", alias="LLM")`` / ``Field(default=...)``: the default and the alias."""
        if not isinstance(value, ast.Call):
            return value, None
        dotted = (dotted_name(value.func) or "").rpartition(".")[2]
        if dotted not in {call.rpartition(".")[2] for call in self.catalog.python.field_calls}:
            return value, None
        keywords = {item.arg: item.value for item in value.keywords if item.arg}
        default = keywords.get("default", value.args[0] if value.args else value)
        alias = next(
            (item.value for key in ("validation_alias", "alias", "env")
             if isinstance(item := keywords.get(key), ast.Constant) and isinstance(item.value, str)),
            None,
        )
        return default, alias

    def parameters(self, function: ast.FunctionDef | ast.AsyncFunctionDef, owner: str, skip_self: bool = False) -> Iterator[Definition]:
        stored = _stored_on_self(function) if skip_self else {}
        scope = f"{owner}.{function.name}" if skip_self else function.name
        decorated = any(
            (dotted_name(item.func if isinstance(item, ast.Call) else item) or "").rpartition(".")[2] not in _PLAIN_DECORATORS
            for item in function.decorator_list
        )
        arguments = function.args
        positional = [*arguments.posonlyargs, *arguments.args]
        if skip_self and positional:
            positional = positional[1:]
        defaults = [None] * (len(positional) - len(arguments.defaults)) + list(arguments.defaults)
        for index, (argument, default) in enumerate(zip(positional, defaults)):
            found = self._definition(
                default, f"{owner}({argument.arg})", PARAMETER_DEFAULT, callable=owner, parameter=argument.arg,
                position=index, attribute=stored.get(argument.arg), scope=scope, decorated=decorated,
            ) if default is not None else None
            if found is not None:
                yield found
        for argument, default in zip(arguments.kwonlyargs, arguments.kw_defaults):
            found = self._definition(
                default, f"{owner}({argument.arg})", PARAMETER_DEFAULT, callable=owner, parameter=argument.arg,
                attribute=stored.get(argument.arg), scope=scope, decorated=decorated,
            ) if default is not None else None
            if found is not None:
                yield found


def _stored_on_self(function: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, str]:
    """``self.model_id = model_id`` in ``__init__``: parameter -> attribute (only when stored exactly once)."""
    found: dict[str, list[str]] = {}
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.value, ast.Name):
            target = node.targets[0]
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
                found.setdefault(node.value.id, []).append(target.attr)
    return {parameter: attributes[0] for parameter, attributes in found.items() if len(attributes) == 1}


def _env_prefix(node: ast.ClassDef) -> str:
    """pydantic-settings' ``env_prefix``, from ``model_config = SettingsConfigDict(...)`` or ``class Config``."""
    for statement in node.body:
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and isinstance(statement.value, ast.Call):
            for keyword in statement.value.keywords:
                if keyword.arg == "env_prefix" and isinstance(keyword.value, ast.Constant):
                    return str(keyword.value.value)
        if isinstance(statement, ast.ClassDef) and statement.name == "Config":
            for inner in statement.body:
                if (
                    isinstance(inner, ast.Assign) and isinstance(inner.targets[0], ast.Name)
                    and inner.targets[0].id == "env_prefix" and isinstance(inner.value, ast.Constant)
                ):
                    return str(inner.value.value)
    return ""


def _instance_of(statement: ast.Assign | ast.AnnAssign) -> tuple[str, str] | None:
    """``settings = Settings()``: the name and the class (or factory) called."""
    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
    value = statement.value
    if len(targets) == 1 and isinstance(targets[0], ast.Name) and isinstance(value, ast.Call):
        called = dotted_name(value.func)
        if called:
            return targets[0].id, called
    return None


def _made_class(function: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """``def get_settings() -> Settings: return Settings()``: the class the factory returns."""
    annotation = dotted_name(function.returns) if function.returns is not None else None
    if annotation:
        return annotation
    returns = [node.value for node in ast.walk(function) if isinstance(node, ast.Return) and node.value is not None]
    if len(returns) == 1 and isinstance(returns[0], ast.Call):
        return dotted_name(returns[0].func)
    return None


def dotted_name(node: ast.expr | None) -> str | None:
    """``a.b.c`` of a name or attribute chain (None for anything else)."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None
