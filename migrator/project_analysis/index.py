"""The project index: which hit modules export a retired ID, and which files can read it.

Built only when some Python file has a DSM001 finding at a definition (a
module constant, class attribute, Enum member, settings field or default),
so a project without one pays nothing. Readers are looked for among the
project's Python files with a byte search of their import statements first;
only files with an import statement that names an exporting module are parsed (with ``ast``), and only those
whose imports reach an exporting module go on to the libcst pass.

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
from migrator.project_analysis.definitions import Definition
from migrator.project_analysis.readers import ProjectFileFacts
from migrator.project_analysis.modules import module_names
from migrator.readfile import read_regular

RETIRED_MODEL_ID = "DSM001"
# Import statements, also indented and with a parenthesized name list over several lines: an importer
# of ``app.settings`` spells ``settings`` in one (``from app import (settings)``, ``from .settings import X``).
_IMPORTS = re.compile(
    rb"^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import[ \t]*(?:\([^)]*\)|[^\r\n]*)|import[ \t]+[^\r\n]*)", re.MULTILINE
)


@dataclass
class ProjectIndex:
    definitions: list[Definition] = field(default_factory=list)
    names: dict[Path, FileNames] = field(default_factory=dict)  # files to analyse with the index's spellings
    data: dict[Path, bytes] = field(default_factory=dict)
    reexports: dict[str, list[str]] = field(default_factory=dict)  # definition key -> "pkg/__init__.py:3"


def build_index(
    hits: Sequence[tuple[Path, bytes, ProjectFileFacts | None]],
    python_files: Sequence[Path],
    root_of: Callable[[Path], Path],
    shown: Callable[[Path], str],
    max_size: int,
) -> ProjectIndex:
    """The definitions the hit files' checks reported, and the other files whose imports can reach them.

    A file that only reads its own definitions was fully judged by its
    check already; only files that reach another module's are listed.
    """
    from migrator.filecheck.python_file import python_encoding

    index = ProjectIndex()
    exported: dict[str, ExportedModule] = {}
    hit_data = {path: data for path, data, _ in hits}
    for path, _, facts in hits:
        if facts is None or not facts.definitions or facts.shape is None or path.suffix not in (".py", ".pyi"):
            continue
        index.definitions.extend(facts.definitions)
        module = ExportedModule(facts.path, facts.definitions, facts.shape)
        for name in module_names(path, root_of(path)):
            exported[name] = module
    if not exported:
        return index
    words = sorted({name.rpartition(".")[2] for name in exported})
    wanted = re.compile(rb"\b(?:" + b"|".join(re.escape(word.encode()) for word in words) + rb")\b")
    for path in python_files:
        data = hit_data.get(path)
        if data is None:
            try:
                data = read_regular(path, max_size)
            except OSError:
                continue
        statements = b"\n".join(_IMPORTS.findall(data))
        if not statements or wanted.search(statements) is None:
            continue  # no import statement names an exporting module
        parsed = _parse(data, python_encoding)
        if parsed is None:
            continue
        names = file_names(parsed[0], module_names(path, root_of(path)), path.name == "__init__.py", exported, shown(path))
        for key, line in names.reexports:
            index.reexports.setdefault(key, []).append(f"{shown(path)}:{line}")
        if names and names.foreign:
            index.names[path] = names
            index.data[path] = data
    return index


def _parse(data: bytes, encoding_of: Callable[[bytes], str]) -> tuple[ast.Module, str] | None:
    try:
        source = data.decode(encoding_of(data))
        return ast.parse(source), source
    except (SyntaxError, ValueError, UnicodeDecodeError, LookupError, RecursionError, MemoryError):
        return None
