"""The project index: which hit modules export a retired ID, and which files can read it.

Built only when some Python file has a DSM001 finding at a definition (a
module constant, class attribute, Enum member, settings field or default),
so a project without one pays nothing. Readers are looked for among the
project's Python files with a byte search for the names involved first;
only files that contain one are parsed (with ``ast``), and only those
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

from migrator.catalog import Catalog
from migrator.findings import Finding
from migrator.project_analysis.bindings import ExportedModule, FileNames, file_names
from migrator.project_analysis.definitions import Definition, module_definitions
from migrator.project_analysis.modules import module_names
from migrator.readfile import read_regular

RETIRED_MODEL_ID = "DSM001"


@dataclass
class ProjectIndex:
    definitions: list[Definition] = field(default_factory=list)
    names: dict[Path, FileNames] = field(default_factory=dict)  # files to analyse with the index's spellings
    data: dict[Path, bytes] = field(default_factory=dict)


def build_index(
    hits: Sequence[tuple[Path, bytes, list[Finding]]],
    python_files: Sequence[Path],
    catalog: Catalog,
    root_of: Callable[[Path], Path],
    shown: Callable[[Path], str],
    max_size: int,
) -> ProjectIndex:
    """Definitions behind DSM001 findings, and the files whose imports can reach them."""
    from migrator.filecheck.python_file import python_encoding

    index = ProjectIndex()
    exported: dict[str, ExportedModule] = {}
    hit_data = {path: data for path, data, _ in hits}
    for path, data, findings in hits:
        at = {(f.span.line, f.span.column) for f in findings if f.code == RETIRED_MODEL_ID and f.cell is None}
        if not at or path.suffix not in (".py", ".pyi"):
            continue
        parsed = _parse(data, python_encoding)
        if parsed is None:
            continue
        tree, source = parsed
        definitions, shape = module_definitions(tree, source, shown(path), catalog)
        definitions = [d for d in definitions if (d.line, d.column) in at]
        if not definitions:
            continue
        index.definitions.extend(definitions)
        module = ExportedModule(shown(path), tuple(definitions), shape)
        for name in module_names(path, root_of(path)):
            exported[name] = module
    if not exported:
        return index
    words = _words(exported)
    pattern = re.compile(rb"\b(?:" + b"|".join(re.escape(word.encode()) for word in sorted(words)) + rb")\b")
    exporters = {module.path for module in exported.values()}
    for path in python_files:
        data = hit_data.get(path)
        if data is None:
            try:
                data = read_regular(path, max_size)
            except OSError:
                continue
        if shown(path) not in exporters and pattern.search(data) is None:
            continue
        parsed = _parse(data, python_encoding)
        if parsed is None:
            continue
        names = file_names(parsed[0], module_names(path, root_of(path)), path.name == "__init__.py", exported, shown(path))
        if names:
            index.names[path] = names
            index.data[path] = data
    return index


def _words(exported: dict[str, ExportedModule]) -> set[str]:
    """Every word an importer must spell: modules' last names, top-level names, attributes."""
    words: set[str] = set()
    for name, module in exported.items():
        words.add(name.rpartition(".")[2])
        for definition in module.definitions:
            words.add(definition.name.split(".")[0].split("(")[0])
            if definition.callable:
                words.add(definition.callable)
        words.update(instance for instance, _ in module.shape.instances)
        words.update(function for function, _ in module.shape.factories)
    return {word for word in words if word}


def _parse(data: bytes, encoding_of: Callable[[bytes], str]) -> tuple[ast.Module, str] | None:
    try:
        source = data.decode(encoding_of(data))
        return ast.parse(source), source
    except (SyntaxError, ValueError, UnicodeDecodeError, LookupError, RecursionError, MemoryError):
        return None
