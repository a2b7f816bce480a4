"""Where a file's project starts: the nearest folder with a project marker (.git, pyproject.toml, ...).

Tests folders and dependency files are counted from there, and the project
index reads a project's other modules from there.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_MARKERS = (".git", "pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", "Pipfile")


def project_root(path: Path) -> Path | None:
    """The nearest folder above ``path`` that marks a project (``.git``, ``pyproject.toml``, setup or
    requirements files): where its tests folders and dependency files are counted from."""
    return ProjectRoots().of(path)


class ProjectRoots:
    """``project_root`` for many files: each folder is looked at once, and its answer serves the folders below.

    Folders are kept as text: a large tree asks for every file, and Path
    objects for each parent cost more than the look-up itself.
    """

    def __init__(self) -> None:
        self._known: dict[str, str | None] = {}
        self._paths: dict[str, Path] = {}

    def of(self, path: Path) -> Path | None:
        folder = os.path.dirname(os.fspath(path))
        unknown: list[str] = []
        answer: str | None = None
        while True:
            if folder in self._known:
                answer = self._known[folder]
                break
            unknown.append(folder)
            if any(os.path.exists(os.path.join(folder, marker)) for marker in PROJECT_MARKERS):
                answer = folder
                break
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
        for folder in unknown:
            self._known[folder] = answer
        if answer is None:
            return None
        if answer not in self._paths:
            self._paths[answer] = Path(answer or ".")
        return self._paths[answer]


def first_party_modules(project: Path) -> frozenset[str]:
    """Top-level modules the project holds itself: packages and modules at its root and under ``src/``.

    As isort and ruff count first-party code; a test module that hands an ID
    to one of these hands it to the project's own code.
    """
    names: set[str] = set()
    for folder in (project, project / "src"):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith(".py") and entry.name[:-3].isidentifier():
                names.add(entry.name[:-3])
            elif entry.name.isidentifier() and entry.is_dir() and _holds_python(entry.path):
                names.add(entry.name)
    return frozenset(names)


def _holds_python(folder: str) -> bool:
    """A package (``__init__.py``) or a folder of modules; not data, not a namespace shared with other projects."""
    try:
        return any(name.endswith(".py") for name in os.listdir(folder))
    except OSError:
        return False
