"""Module names for files, and where an import statement points.

A project index must know that ``app/settings.py`` is imported as
``app.settings`` (a package with ``__init__.py``), as ``settings`` (a script
beside it, or a source folder on ``sys.path``), or through ``src/``. Every
name a file may be imported under is kept: a name that never appears in an
import costs nothing.
"""

from __future__ import annotations

from pathlib import Path

SOURCE_FOLDERS = ("src", "lib", "python")


def module_names(path: Path, root: Path) -> tuple[str, ...]:
    """Every dotted name the file may be imported under, the package chain's first."""
    stem = [] if path.stem == "__init__" else [path.stem]
    chain = list(stem)
    folder = path.parent
    while (folder / "__init__.py").is_file() and folder != folder.parent:
        chain.insert(0, folder.name)
        folder = folder.parent
    names = [".".join(chain)] if chain else []
    try:
        parts = list(path.with_suffix("").relative_to(root).parts)
    except ValueError:
        parts = []
    if parts and parts[-1] == "__init__":
        parts.pop()
    while parts:
        names.append(".".join(parts))
        if parts[0] not in SOURCE_FOLDERS:
            break
        parts.pop(0)
    return tuple(dict.fromkeys(name for name in names if name and all(part.isidentifier() for part in name.split("."))))


def package_of(module: str, is_package: bool) -> str:
    """The package a relative import in ``module`` starts from."""
    return module if is_package else module.rpartition(".")[0]


def resolve_import(module: str, is_package: bool, level: int, target: str | None) -> str | None:
    """The absolute module of ``from <dots><target> import ...`` written in ``module``."""
    if level == 0:
        return target
    base = package_of(module, is_package)
    for _ in range(level - 1):
        if not base:
            return None
        base = base.rpartition(".")[0]
    if target:
        return f"{base}.{target}" if base else target
    return base or None
