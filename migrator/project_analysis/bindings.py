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
    DERIVED_ATTRIBUTE,
    ENUM_MEMBER,
    SETTINGS_FIELD,
    FIELD_DEFAULT,
    INSTANCE_ATTRIBUTE,
    PARAMETER_DEFAULT,
    Definition,
    ModuleShape,
    dotted_name,
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
    # Top-level imports of definitions: the module re-exports them to its own importers (definition keys).
    reexports: list[str] = field(default_factory=list)
    # What the index cannot resolve here: (definition key, why), reported as doubts on the definition.
    doubts: list[tuple[str, str]] = field(default_factory=list)
    classes: dict[str, str] = field(default_factory=dict)  # attribute definitions: key -> the class that holds it
    # Lines of the statements that bind an indexed spelling's first name here (imports, this module's own
    # definitions, classes, functions and instances): a read whose name is bound elsewhere is another variable.
    binding_lines: frozenset[int] = frozenset()
    star: bool = False  # a star import of an indexed module binds names the scope analysis cannot see
    enums: set[str] = field(default_factory=set)  # keys of Enum members (their class is looked up by value when called)
    classes_spelled: dict[str, tuple[str, ...]] = field(default_factory=dict)  # Agent, base.Agent -> keys of its members

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
    imported: dict[str, list[tuple[str, str]]] = {}  # module -> [(local, name)]
    for module in exported.values():
        if module.path == own_path:
            for name in own_modules:
                if name in exported:
                    namespaces.setdefault(name, []).append("")
    top_level = _top_level_nodes(tree)
    reexported: list[str] = []
    binders: list[ast.stmt] = []  # import statements that bind an exported module or definition
    foreign_stars: list[int] = []
    chains: set[str] | None = None  # dotted attribute chains the file spells, read on first need
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in exported:
                    namespaces.setdefault(alias.name, []).append((alias.asname or alias.name) + ".")
                    binders.append(node)
                if alias.asname is None:  # import app (or app.use) binds `app`: app.wrappers.X reaches a loaded submodule
                    root = alias.name.split(".")[0]
                    for module in [name for name in exported if name.startswith(root + ".") and name != alias.name]:
                        if chains is None:
                            chains = {dotted_name(item) or "" for item in ast.walk(tree) if isinstance(item, ast.Attribute)}
                        if any(chain.startswith(module + ".") for chain in chains):
                            namespaces.setdefault(module, []).append(module + ".")
                            binders.append(node)
        elif isinstance(node, ast.ImportFrom):
            base = _resolved(own_modules, is_package, node.level, node.module, exported)
            if base is None:
                continue
            for alias in node.names:
                if base in exported or f"{base}.{alias.name}" in exported:
                    binders.append(node)
                if alias.name == "*" and base not in exported:
                    foreign_stars.append(node.lineno)  # may bind any name, the ones we follow included
                if alias.name == "*" and base in exported:
                    namespaces.setdefault(base, []).append("")
                    if node in top_level:
                        reexported += [definition.key for definition in exported[base].definitions]
                elif f"{base}.{alias.name}" in exported:  # from app import settings
                    namespaces.setdefault(f"{base}.{alias.name}", []).append((alias.asname or alias.name) + ".")
                elif base in exported:
                    imported.setdefault(base, []).append((alias.asname or alias.name, alias.name))
                    if node in top_level and alias.asname in (None, alias.name):
                        shape = exported[base].shape
                        made = {owner for name, owner in (*shape.instances, *shape.factories) if name == alias.name}
                        reexported += [  # a constant, a class, a wrapper, or an instance of the class (config = Config())
                            definition.key for definition in exported[base].definitions
                            if alias.name in (definition.name.split(".")[0].split("(")[0], definition.callable)
                            or definition.name.split(".")[0] in made
                        ]
    names = FileNames()
    names.reexports = list(dict.fromkeys(reexported))
    names.star = any(prefix == "" for module, prefixes in namespaces.items() if exported[module].path != own_path for prefix in prefixes)
    # This file's own definitions (a module that re-exports others' is not their home).
    own = {d.key: d for module in exported.values() for d in module.definitions if d.path == own_path}
    names.defined_on = frozenset(definition.line for definition in own.values())
    for definition in own.values():
        if definition.kind == PARAMETER_DEFAULT and definition.parameter:
            _scope(names, definition)
            if definition.attribute:
                names.classes[definition.key] = definition.callable or ""
                _watch(names.leaves, definition.attribute, definition.key)
        elif definition.kind in (INSTANCE_ATTRIBUTE, CLASS_ATTRIBUTE, SETTINGS_FIELD, DERIVED_ATTRIBUTE):
            # self.model inside the class's own methods reads it (a subclass that sets it again is watched)
            owner, _, attribute = definition.name.rpartition(".")
            names.legacy[definition.key] = definition.legacy_id
            names.where[definition.key] = f"{definition.path}:{definition.line}"
            names.scoped.setdefault(owner, {})[f"self.{attribute}"] = definition.key
    bound: dict[str, set[str]] = {}  # local spelling -> the definitions it could stand for
    for module_name in sorted(set(namespaces) | set(imported)):
        module = exported[module_name]
        names.foreign = names.foreign or module.path != own_path
        prefixes = namespaces.get(module_name, [])
        locals_of: dict[str, list[str]] = {}
        for local, name in imported.get(module_name, []):
            locals_of.setdefault(name, []).append(local)

        def spellings(top: str, prefixes: list[str] = prefixes, locals_of: dict[str, list[str]] = locals_of) -> list[str]:
            return [prefix + top for prefix in prefixes] + locals_of.get(top, [])

        for prefix in prefixes:  # getattr(constants, name), vars(constants): the module used whole
            if prefix:
                for definition in module.definitions:
                    _watch(names.holders, prefix.split(".")[0], definition.key)

        _add_module(names, module, spellings, tree, bound, own_path)
    if foreign_stars:
        bare = {key for text, key in names.references.items() if "." not in text}
        names.doubts += [(key, f"{own_path}:{foreign_stars[0]}: a star import may bind the same name") for key in sorted(bare)]
    instances = {holder.split(".")[0].split("(")[0] for holder in names.holders}
    names.binding_lines = _binding_lines(tree, binders, names.defined_on, instances)
    for text, keys in bound.items():
        if len(keys) > 1:  # if ...: from config import DEEP as MODEL / else: from config import FAST as MODEL
            names.references.pop(text, None)
            names.doubts += [(key, f"{own_path}: {text} may stand for {len(keys)} definitions") for key in sorted(keys)]
    return names


def _resolved(
    own_modules: tuple[str, ...], is_package: bool, level: int, target: str | None, exported: dict[str, ExportedModule]
) -> str | None:
    """The module a from-import names, trying each name this file may be imported under (namespace packages)."""
    candidates = [resolve_import(own, is_package, level, target) for own in own_modules or ("",)]
    known = [name for name in candidates if name is not None and (name in exported or any(key.startswith(name + ".") for key in exported))]
    return known[0] if known else next((name for name in candidates if name is not None), None)


def _binding_lines(tree: ast.Module, imports: list[ast.stmt], defined_on: frozenset[int], instances: set[str]) -> frozenset[int]:
    """Where the file binds the names the index follows: its imports of them, its module-level classes and
    functions (from their first decorator), its own definitions' statements, and the assignments that make the
    instances it follows."""
    lines = {node.lineno for node in imports}
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            lines.add(node.lineno)
            lines.update(decorator.lineno for decorator in node.decorator_list)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and any(
            node.lineno <= line <= (node.end_lineno or node.lineno) for line in defined_on
        ):
            lines.add(node.lineno)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Call):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(target, ast.Name) and target.id in instances for target in targets):
                lines.add(node.lineno)
    return frozenset(lines)


def _top_level_nodes(tree: ast.Module) -> set[ast.AST]:
    """Statements at module level, also inside a top-level ``if``/``try``."""
    found: set[ast.AST] = set()
    pending: list[ast.AST] = list(tree.body)
    while pending:
        item = pending.pop()
        found.add(item)
        if isinstance(item, (ast.If, ast.Try)):
            pending.extend(item.body + item.orelse + getattr(item, "finalbody", []))
            for handler in getattr(item, "handlers", []):
                pending.extend(handler.body)
    return found


def _add_module(
    names: FileNames, module: ExportedModule, spellings, tree: ast.Module, bound: dict[str, set[str]], here: str
) -> None:
    shape = module.shape
    for definition in module.definitions:
        key = definition.key
        if definition.kind in (INSTANCE_ATTRIBUTE, CLASS_ATTRIBUTE, SETTINGS_FIELD, DERIVED_ATTRIBUTE, ENUM_MEMBER):
            names.classes[key] = definition.name.rpartition(".")[0]
        if definition.kind == ENUM_MEMBER:
            names.enums.add(key)
        names.legacy[key] = definition.legacy_id
        names.where[key] = f"{definition.path}:{definition.line}"
        if definition.kind == INSTANCE_ATTRIBUTE:  # read on instances: watched by its name everywhere it can be
            _watch(names.leaves, definition.attribute or "", key)
            continue
        if definition.kind in (PARAMETER_DEFAULT, FIELD_DEFAULT):
            for text in spellings(definition.callable or ""):
                _watch(names.calls, text, key)
            names.parameters[key] = (definition.parameter or "", definition.position)
            if definition.attribute:  # fast = Chat(); fast.model = ...: the attribute is watched like any other
                names.classes[key] = definition.callable or ""
                _watch(names.leaves, definition.attribute, key)
            continue
        if "." not in definition.name:
            for text in spellings(definition.name):
                names.references[text] = key
                bound.setdefault(text, set()).add(key)
                _watch(names.leaves, text.rpartition(".")[2], key)
            continue
        owner, _, attribute = definition.name.rpartition(".")
        for text in spellings(owner):
            _watch(names.classes_spelled, text, key)
        holders = spellings(owner)
        holders += [text for instance, made in shape.instances if made == owner for text in spellings(instance)]
        factories = [text for function, made in shape.factories if made == owner for text in spellings(function)]
        holders += [text + "()" for text in factories]
        local, mixed = _local_instances(tree, set(spellings(owner)) | set(factories))
        holders += local
        names.doubts += [(key, f"{here}: {name} is bound to an instance in one place and to something else in another") for name in mixed]
        for holder in holders:
            names.references[f"{holder}.{attribute}"] = key
            bound.setdefault(f"{holder}.{attribute}", set()).add(key)
            _watch(names.holders, holder.split(".")[0].split("(")[0], key)
        if definition.kind != ENUM_MEMBER:
            _watch(names.leaves, attribute, key)


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


def _local_instances(tree: ast.Module, makers: set[str]) -> tuple[list[str], list[str]]:
    """Names this file binds only to an instance (``settings = Settings()``, ``cfg = get_settings()``), and names
    bound to one in some place and to something else in another (the analysis cannot tell which one a read sees)."""
    values: dict[str, list[ast.expr | None]] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        values.setdefault(name.id, []).append(node.value if len(targets) == 1 and target is name else None)
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.With, ast.AsyncWith, ast.comprehension, ast.NamedExpr)):
            targets = [node.target] if not isinstance(node, (ast.With, ast.AsyncWith)) else [i.optional_vars for i in node.items]
            for target in targets:
                for name in ast.walk(target) if target is not None else ():
                    if isinstance(name, ast.Name):
                        values.setdefault(name.id, []).append(None)
        elif isinstance(node, ast.arg):
            values.setdefault(node.arg, []).append(None)
    only, mixed = [], []
    for name, bound in values.items():
        made = [isinstance(value, ast.Call) and dotted_name(value.func) in makers for value in bound]
        if made and all(made):
            only.append(name)
        elif any(made):
            mixed.append(name)
    return only, mixed


