"""How one file can name another module's definitions: the texts to look for, and the names to watch.

From a file's imports (absolute and relative, with aliases) and its own
module-level instances, every spelling of a definition the file can use:
``MODEL``, ``cfg.MODEL``, ``Model.FAST``, ``settings.answer_model``,
``get_settings().answer_model``. Besides those texts, the names whose other
uses the analysis cannot follow (``Service(settings)`` hands the whole
settings object on; ``Model("deepseek-chat")`` looks a member up) are
watched, so that a definition is never called safe while an unseen reader
exists.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from migrator.project_analysis.definitions import (
    CLASS_ATTRIBUTE,
    ENUM_MEMBER,
    SETTINGS_FIELD,
    FIELD_DEFAULT,
    INSTANCE_ATTRIBUTE,
    PARAMETER_DEFAULT,
    Definition,
    ModuleShape,
)
from migrator.project_analysis.modules import resolve_import


@dataclass(frozen=True)
class ExportedModule:
    """A module with definitions, as importers see it."""

    path: str
    definitions: tuple[Definition, ...]
    shape: ModuleShape


@dataclass
class FileNames:
    """What the collector looks for in one file (plain data: it crosses to worker processes)."""

    references: dict[str, str] = field(default_factory=dict)  # text -> definition key
    calls: dict[str, tuple[str, ...]] = field(default_factory=dict)  # callable text -> default definitions
    leaves: dict[str, tuple[str, ...]] = field(default_factory=dict)  # watched word -> definition keys
    holders: dict[str, tuple[str, ...]] = field(default_factory=dict)  # class/instance/factory -> keys
    legacy: dict[str, str] = field(default_factory=dict)  # definition key -> retired ID
    parameters: dict[str, tuple[str, int | None]] = field(default_factory=dict)  # default key -> (name, position)
    defined_on: frozenset[int] = frozenset()  # this file's own definitions: the lines of their literals
    # This file's own defaults, read inside the function or class that declares them:
    # scope ("ask", "DeepSeekModel") -> spelling ("model", "self.model_id") -> definition key.
    scoped: dict[str, dict[str, str]] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)  # definition key -> "path:line"
    foreign: bool = False  # the file reaches another module's definitions (not only its own)
    # A package's __init__ that imports a definition re-exports it: (definition key, line); its importers are not followed.
    reexports: list[tuple[str, int]] = field(default_factory=list)
    classes: dict[str, str] = field(default_factory=dict)  # attribute definitions: key -> the class that holds it

    def __bool__(self) -> bool:
        return bool(self.references or self.calls or self.scoped)


def file_names(
    tree: ast.Module,
    own_modules: tuple[str, ...],
    is_package: bool,
    exported: dict[str, ExportedModule],
    own_path: str,
) -> FileNames:
    """The spellings of every exported definition this file can reach."""
    namespaces: dict[str, list[str]] = {}  # module -> prefixes its names are reached with ("" = bare)
    imported: dict[str, list[str]] = {}  # module -> [(local, name)] as "local=name"
    for module in exported.values():
        if module.path == own_path:
            for name in own_modules:
                namespaces.setdefault(name, []).append("")
    own = own_modules[0] if own_modules else ""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in exported:
                    namespaces.setdefault(alias.name, []).append((alias.asname or alias.name) + ".")
        elif isinstance(node, ast.ImportFrom):
            base = resolve_import(own, is_package, node.level, node.module)
            if base is None:
                continue
            for alias in node.names:
                if alias.name == "*" and base in exported:
                    namespaces.setdefault(base, []).append("")
                elif f"{base}.{alias.name}" in exported:  # from app import settings
                    namespaces.setdefault(f"{base}.{alias.name}", []).append((alias.asname or alias.name) + ".")
                elif base in exported:
                    imported.setdefault(base, []).append(f"{alias.asname or alias.name}={alias.name}")
    names = FileNames()
    if is_package:
        names.reexports = _reexports(tree, own, exported)
    names.defined_on = frozenset(
        definition.line for module in exported.values() if module.path == own_path for definition in module.definitions
    )
    for module in {module.path: module for module in exported.values() if module.path == own_path}.values():
        for definition in module.definitions:
            if definition.kind == PARAMETER_DEFAULT and definition.parameter:
                _scope(names, definition)
            elif definition.kind in (INSTANCE_ATTRIBUTE, CLASS_ATTRIBUTE, SETTINGS_FIELD):
                # self.model inside the class's own methods reads it (a subclass that sets it again is watched)
                owner, _, attribute = definition.name.rpartition(".")
                names.legacy[definition.key] = definition.legacy_id
                names.where[definition.key] = f"{definition.path}:{definition.line}"
                names.scoped.setdefault(owner, {})[f"self.{attribute}"] = definition.key
    for module_name in sorted(set(namespaces) | set(imported)):
        module = exported[module_name]
        names.foreign = names.foreign or module.path != own_path
        prefixes = namespaces.get(module_name, [])
        locals_of: dict[str, list[str]] = {}
        for pair in imported.get(module_name, []):
            local, name = pair.split("=", 1)
            locals_of.setdefault(name, []).append(local)

        def spellings(top: str, prefixes: list[str] = prefixes, locals_of: dict[str, list[str]] = locals_of) -> list[str]:
            return [prefix + top for prefix in prefixes] + locals_of.get(top, [])

        _add_module(names, module, spellings, tree)
    return names


def _add_module(names: FileNames, module: ExportedModule, spellings, tree: ast.Module) -> None:
    shape = module.shape
    for definition in module.definitions:
        key = definition.key
        if definition.kind in (INSTANCE_ATTRIBUTE, CLASS_ATTRIBUTE, SETTINGS_FIELD):
            names.classes[key] = definition.name.rpartition(".")[0]
        names.legacy[key] = definition.legacy_id
        names.where[key] = f"{definition.path}:{definition.line}"
        if definition.kind == INSTANCE_ATTRIBUTE:  # read on instances: watched by its name everywhere it can be
            _watch(names.leaves, definition.attribute or "", key)
            continue
        if definition.kind in (PARAMETER_DEFAULT, FIELD_DEFAULT):
            for text in spellings(definition.callable or ""):
                _watch(names.calls, text, key)
            names.parameters[key] = (definition.parameter or "", definition.position)
            continue
        if "." not in definition.name:
            for text in spellings(definition.name):
                names.references[text] = key
                _watch(names.leaves, text.rpartition(".")[2], key)
            continue
        owner, _, attribute = definition.name.rpartition(".")
        holders = spellings(owner)
        holders += [text for instance, made in shape.instances if made == owner for text in spellings(instance)]
        factories = [text for function, made in shape.factories if made == owner for text in spellings(function)]
        holders += [text + "()" for text in factories]
        holders += _local_instances(tree, set(spellings(owner)) | set(factories))
        for holder in holders:
            names.references[f"{holder}.{attribute}"] = key
            _watch(names.holders, holder.split(".")[0].split("(")[0], key)
        if definition.kind != ENUM_MEMBER:
            _watch(names.leaves, attribute, key)


def _reexports(tree: ast.Module, own: str, exported: dict[str, ExportedModule]) -> list[tuple[str, int]]:
    """Definitions a package ``__init__`` imports at its top level: ``from pkg import MODEL`` then reaches them."""
    found = []
    statements = [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and _top_level(tree, node)]
    for node in statements:
        base = resolve_import(own, True, node.level, node.module)
        module = exported.get(base or "")
        if module is None:
            continue
        wanted = {alias.name for alias in node.names}
        for definition in module.definitions:
            top = definition.name.split(".")[0].split("(")[0]
            if "*" in wanted or top in wanted or definition.callable in wanted:
                found.append((definition.key, node.lineno))
    return found


def _top_level(tree: ast.Module, node: ast.stmt) -> bool:
    """Is the statement at module level (also inside a top-level ``if``/``try``), not in a function or class?"""
    pending: list[ast.AST] = list(tree.body)
    while pending:
        item = pending.pop()
        if item is node:
            return True
        if isinstance(item, (ast.If, ast.Try)):
            pending.extend(item.body + item.orelse + getattr(item, "finalbody", []))
            pending.extend(handler for handler in getattr(item, "handlers", []))
        elif isinstance(item, ast.ExceptHandler):
            pending.extend(item.body)
    return False


def own_names(tree: ast.Module, module: ExportedModule) -> FileNames:
    """The spellings of a module's own definitions inside it."""
    return file_names(tree, (_SELF,), False, {_SELF: module}, module.path)


_SELF = "<this module>"


def _scope(names: FileNames, definition: Definition) -> None:
    """Where a default is read: the parameter inside its function, or the attribute ``__init__`` stores it in."""
    key, parameter = definition.key, definition.parameter or ""
    names.legacy[key] = definition.legacy_id
    names.where[key] = f"{definition.path}:{definition.line}"
    names.scoped.setdefault(definition.scope or "", {})[parameter] = key
    if definition.attribute is not None:  # a class: self.model_id in any of its methods
        names.scoped.setdefault(definition.callable or "", {})[f"self.{definition.attribute}"] = key


def _watch(table: dict[str, tuple[str, ...]], word: str, key: str) -> None:
    if key not in table.get(word, ()):
        table[word] = (*table.get(word, ()), key)


def _local_instances(tree: ast.Module, makers: set[str]) -> list[str]:
    """Names this file binds to an instance: ``settings = Settings()``, ``cfg = get_settings()``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Call):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            called = _dotted(node.value.func)
            if called in makers and len(targets) == 1 and isinstance(targets[0], ast.Name):
                found.append(targets[0].id)
    return found


def _dotted(node: ast.expr) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None
