"""Where a file's project starts: the nearest folder with a project marker (.git, pyproject.toml, ...).

Tests folders and dependency files are counted from there, and the project
index reads a project's other modules from there.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

PROJECT_MARKERS = (".git", "pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", "Pipfile")


def project_root(path: Path) -> Path | None:
    """The nearest folder above ``path`` that marks a project (``.git``, ``pyproject.toml``, setup or
    requirements files): where its tests folders and dependency files are counted from."""
    return ProjectRoots().of(path)


class ProjectRoots:
    """``project_root`` for many files: each folder is looked at once, and its answer serves the folders below.

    Folders are kept as text: a large tree asks for every file, and Path
    objects for each parent cost more than the look-up itself. ``listed``
    says which folders hold a marker, for the folders a walk has listed
    already (``Discovery.project_markers``): on a large tree, looking for six
    names in each of 3,000 folders took 0.1 s.
    """

    def __init__(self, listed: Mapping[str, bool] | None = None) -> None:
        self._known: dict[str, str | None] = {}
        self._paths: dict[str, Path] = {}
        self._listed: Mapping[str, bool] = listed if listed is not None else {}

    def of(self, path: Path) -> Path | None:
        return self.of_folder(os.path.dirname(os.fspath(path)))

    def of_folder(self, folder: str) -> Path | None:
        """The project root of the files in ``folder`` (a path as text)."""
        unknown: list[str] = []
        answer: str | None = None
        while True:
            if folder in self._known:
                answer = self._known[folder]
                break
            unknown.append(folder)
            marked = self._listed.get(folder)
            if marked is None:
                marked = any(os.path.exists(os.path.join(folder, marker)) for marker in PROJECT_MARKERS)
            if marked:
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


def is_project_module(project: str, dotted: str) -> bool:
    """Does the project hold the module ``dotted`` names (``app.core.llm.Client``), at its root or under ``src/``?

    Any prefix that is a module file or a package folder (one with modules
    of its own) counts, so a namespace shared with installed libraries
    (``llama_index/llms/x`` beside ``llama_index.llms.litellm``) does not
    make their modules the project's. As isort and ruff count first-party
    code. A few file-system look-ups, asked only for test input.
    """
    parts = dotted.split(".")
    for base in (project, os.path.join(project, "src")):
        for end in range(len(parts), 0, -1):
            path = os.path.join(base, *parts[:end])
            if os.path.isfile(path + ".py") or _is_package(path):
                return True
    return False


def _is_package(folder: str) -> bool:
    """A folder with ``__init__.py`` or modules of its own (not only sub-folders)."""
    try:
        return any(name.endswith(".py") for name in os.listdir(folder))
    except OSError:
        return False
