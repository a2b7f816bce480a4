"""The project index: which hit modules export a retired ID, and which files can read it.

Built only when some Python file reports a DSM001 finding at a
definition (a module constant, class or instance attribute, Enum member,
settings field or default), so a project without one pays nothing.
Readers are looked for among the project's Python files with a byte
search of their import statements first; only files with an import
statement that names an exporting module are parsed (with ``ast``), and
only those whose imports reach another module's definition go on to the
libcst pass. A module that imports a definition at its top level exports
it again, so its importers are followed too.

What the index cannot follow makes the definition's fix unsafe instead of
being ignored: a module name several files answer to, a reader it cannot
parse, a notebook, a generated file, or a file outside the files the run
checks (pre-commit passes only the staged ones).

Our own index rather than libcst's ``FullRepoManager``: that resolves
every file of the repository with full metadata, which costs far more than
this byte filter and ``ast`` pass; the spellings we follow (imports,
aliases, instances, factories) are few and explicit.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from migrator.project_analysis.bindings import ExportedModule, FileNames, file_names
from migrator.project_analysis.definitions import Definition, ModuleShape
from migrator.project_analysis.modules import module_names
from migrator.project_analysis.readers import ProjectFileFacts
from migrator.project_analysis.screen import QuotedNames, Screen, Screened, alternation, import_statements, screen_files
from migrator.readfile import read_regular

RETIRED_MODEL_ID = "DSM001"
MAX_ROUNDS = 4  # re-exports of re-exports followed this deep
# Code that changes names or attributes at run time: the value read may not be the one written.
_DYNAMIC = re.compile(rb"\b(?:setattr|delattr|globals|vars|exec)\(|__dict__|__getattr__|__getattribute__")
_STAR = re.compile(rb"\bimport[ \t]+\*")
# In a notebook's JSON, a code line that imports: "from app.config import MODEL\n",
_NOTEBOOK_IMPORTS = re.compile(rb'"[ \t]*(?:from|import)[ \t]+[^"\n]*')


@dataclass
class ProjectIndex:
    definitions: list[Definition] = field(default_factory=list)
    names: dict[Path, FileNames] = field(default_factory=dict)  # files to analyse with the index's spellings
    data: dict[Path, bytes] = field(default_factory=dict)
    doubts: dict[str, list[str]] = field(default_factory=dict)  # definition key -> what the index could not follow
    importers: dict[str, set[str]] = field(default_factory=dict)  # definition key -> files whose imports reach it
    # Files that know a retired ID (DSM003): the words of their import statements, to tell whether they
    # import a module the value passes through.
    imported_words: dict[str, set[str]] = field(default_factory=dict)

    def doubt(self, keys: Sequence[str], why: str) -> None:
        for key in keys:
            if why not in self.doubts.setdefault(key, []):
                self.doubts[key].append(why)


@dataclass(frozen=True)
class Scope:
    """The files an index looks at: those the run checks, and the rest of their projects."""

    python_files: Sequence[Path]
    notebooks: Sequence[Path]
    outside: Callable[[], Sequence[Path]]  # the projects' other Python files, listed on first need
    roots_of: Callable[[Path], Sequence[Path]]  # the folders a module's dotted name may start from
    shown: Callable[[Path], str]
    max_size: int
    generated: Callable[[bytes], bool]
    screen: Callable[[Screen, Sequence[Path], int], list[Screened]] = screen_files  # in worker processes, when many


def build_index(hits: Sequence[tuple[Path, bytes, ProjectFileFacts | None]], scope: Scope) -> ProjectIndex:
    """The definitions the hit files' checks reported, and the files in the run whose imports reach another module's."""
    from migrator.filecheck.python_file import python_encoding

    index = ProjectIndex()
    candidates: dict[str, list[ExportedModule]] = {}
    hit_data = {path: data for path, data, _ in hits}
    for path, _, facts in hits:
        if facts is None or not facts.definitions or facts.shape is None or path.suffix not in (".py", ".pyi"):
            continue
        index.definitions.extend(facts.definitions)
        module = ExportedModule(facts.path, facts.definitions, facts.shape)
        for name in _names(path, scope):
            candidates.setdefault(name, []).append(module)
    exported = _unambiguous(candidates, index)
    if not exported:
        return index
    for module in {module.path: module for module in exported.values()}.values():
        data = next((data for path, data, _ in hits if scope.shown(path) == module.path), b"")
        if _DYNAMIC.search(data) or _STAR.search(data):
            why = f"{module.path} changes names or attributes at run time (setattr, globals(), __dict__, a star import)"
            index.doubt([d.key for d in module.definitions if d.path == module.path], why)
    in_run = set(scope.python_files)
    everything = [*scope.python_files, *(path for path in scope.outside() if path not in in_run)]
    trees: dict[Path, ast.Module] = {}
    for _ in range(MAX_ROUNDS):
        wanted, quoted = _wanted(exported), _quoted_names(exported)
        dotted = sorted(name for name in exported if "." in name)
        spelled = re.compile(rb"\b" + alternation(dotted) + rb"\.\w") if dotted else None
        # Code spells app.wrappers.f only where an import statement binds app.
        screen = Screen(wanted, spelled, tuple(sorted({name.split(".")[0].encode() for name in dotted})), quoted)
        waiting = [path for path in everything if path not in trees]
        # The hit files' bytes are the ones their checks read; the rest are read by the screen.
        read = {item.path: item for item in scope.screen(screen, [path for path in waiting if not hit_data.get(path)], scope.max_size)}
        for path in waiting:
            data = hit_data.get(path)
            if data:
                reads, found = screen.looks(data)
                item = Screened(path, data if reads else None, found)
            else:
                item = read[path]
            _dynamic_imports(path, item.quoted, exported, scope, index)
            if item.data is None:
                continue  # unreadable, or no import statement names an exporting module and no code spells one
            parsed = _parse(item.data, python_encoding)
            if parsed is None:
                matched = {match.decode() for match in wanted.findall(import_statements(item.data))}
                keys = [d.key for name, module in exported.items() if name.rpartition(".")[2] in matched for d in module.definitions]
                index.doubt(keys, f"{scope.shown(path)} imports its module but could not be parsed")
                continue
            trees[path] = parsed[0]
            index.data[path] = item.data
        if not _reexported(trees, exported, scope, candidates, index):
            break
        exported = _unambiguous(candidates, index)
    for path, tree in trees.items():
        names = file_names(tree, _names(path, scope), path.name == "__init__.py", exported, scope.shown(path))
        for key, why in names.doubts:
            index.doubt([key], why)
        reached = sorted(set(names.references.values()) | {key for keys in names.calls.values() for key in keys})
        for key in reached:
            index.importers.setdefault(key, set()).add(scope.shown(path))
        if reached and _DYNAMIC.search(index.data[path]):
            index.doubt(reached, f"{scope.shown(path)} changes names or attributes at run time (setattr, globals(), __dict__)")
        if not names.foreign:
            continue
        if path not in in_run:
            index.doubt(reached, f"{scope.shown(path)} reads it, outside the files this run checks")
        elif scope.generated(index.data[path]):
            index.doubt(reached, f"{scope.shown(path)} reads it, and is a generated file (not edited)")
        else:
            index.names[path] = names
    for notebook in scope.notebooks:
        _notebook_doubts(notebook, exported, scope, index)
    return index


def _names(path: Path, scope: Scope) -> tuple[str, ...]:
    """Every dotted name the file may be imported under, from each root that can start one."""
    return tuple(dict.fromkeys(name for root in scope.roots_of(path) for name in module_names(path, root)))


def _unambiguous(candidates: dict[str, list[ExportedModule]], index: ProjectIndex) -> dict[str, ExportedModule]:
    """Module names that one file answers to; a name several files answer to makes their definitions unsafe."""
    exported = {}
    for name, modules in candidates.items():
        paths = sorted({module.path for module in modules})
        if len(paths) == 1:
            exported[name] = _merged(modules)
            continue
        why = f"several files can be imported as {name} ({', '.join(paths)}), and the index cannot tell which one a reader means"
        index.doubt([d.key for module in modules for d in module.definitions], why)
    return exported


def _merged(modules: Sequence[ExportedModule]) -> ExportedModule:
    """One file's own definitions and those it re-exports, as one module."""
    if len(modules) == 1:
        return modules[0]
    definitions = tuple(dict.fromkeys(d for module in modules for d in module.definitions))
    shape = ModuleShape(
        tuple(dict.fromkeys(item for module in modules for item in module.shape.instances)),
        tuple(dict.fromkeys(item for module in modules for item in module.shape.factories)),
    )
    return ExportedModule(modules[0].path, definitions, shape)


def _reexported(
    trees: dict[Path, ast.Module], exported: dict[str, ExportedModule], scope: Scope,
    candidates: dict[str, list[ExportedModule]], index: ProjectIndex,
) -> bool:
    """Register modules that import a definition at their top level as exporting it; were there new ones?"""
    grown = False
    by_key = {d.key: (d, module) for module in exported.values() for d in module.definitions}
    for path, tree in trees.items():
        names = file_names(tree, _names(path, scope), path.name == "__init__.py", exported, scope.shown(path))
        passed = [key for key in names.reexports if key in by_key]
        if not passed:
            continue
        origins = {by_key[key][1] for key in passed}
        shape = _merged(list(origins)).shape
        alias = ExportedModule(scope.shown(path), tuple(by_key[key][0] for key in passed), shape)
        for name in _names(path, scope):
            known = candidates.setdefault(name, [])
            if not any(set(alias.definitions) <= set(module.definitions) for module in known if module.path == alias.path):
                known.append(alias)
                grown = True
    return grown


def _wanted(exported: dict[str, ExportedModule]) -> re.Pattern[bytes]:
    words = sorted({name.rpartition(".")[2] for name in exported})
    return re.compile(rb"\b" + alternation(words) + rb"\b")


def _quoted_names(exported: dict[str, ExportedModule]) -> QuotedNames:
    """Module names in quotes: ``importlib.import_module("app.constants")``; and a definition's name at the end of a
    dotted path in quotes: ``mock.patch("app.service.MODEL", ...)``."""
    dotted = {name for name in exported if "." in name}
    tops = {d.name.split(".")[0].split("(")[0] for module in exported.values() for d in module.definitions}
    return QuotedNames(dotted, tops)


def _dynamic_imports(
    path: Path, quoted: Sequence[tuple[str, str]], exported: dict[str, ExportedModule], scope: Scope, index: ProjectIndex,
) -> None:
    """A module named in a string is an import the index cannot follow."""
    for kind, text in quoted:
        if kind == "module":
            why = f"{scope.shown(path)} names the module {text} in a string (a dynamic import)"
            index.doubt([d.key for d in exported[text].definitions], why)
        else:
            name = text.rpartition(".")[2]
            keys = [d.key for module in exported.values() for d in module.definitions if d.name.split(".")[0].split("(")[0] == name]
            index.doubt(keys, f"{scope.shown(path)} names {text} in a string (mock.patch and the like)")


def _notebook_doubts(notebook: Path, exported: dict[str, ExportedModule], scope: Scope, index: ProjectIndex) -> None:
    """A notebook that imports an exporting module may read its definitions: notebooks are not followed."""
    data = _read(notebook, scope.max_size * 32)
    if data is None:
        return
    statements = b"\n".join(_NOTEBOOK_IMPORTS.findall(data))
    for name, module in exported.items():
        if re.search(rb"\b" + re.escape(name.encode()) + rb"\b", statements):
            index.doubt([d.key for d in module.definitions], f"the notebook {scope.shown(notebook)} imports {name} (notebooks are not followed)")


def _read(path: Path, limit: int) -> bytes | None:
    try:
        return read_regular(path, limit)
    except OSError:
        return None


def _parse(data: bytes, encoding_of: Callable[[bytes], str]) -> tuple[ast.Module, str] | None:
    try:
        source = data.decode(encoding_of(data))
        return ast.parse(source), source
    except (SyntaxError, ValueError, UnicodeDecodeError, LookupError, RecursionError, MemoryError):
        return None
