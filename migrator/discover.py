"""Which files a run looks at: walk the paths, honour .gitignore and excludes.

gitignore semantics (negation, anchoring, ``**``, directory-only patterns)
come from ``pathspec``; this module only decides which ignore files apply
where. Paths named explicitly on the command line are always checked.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

import pathspec

from migrator.catalog import Catalog
from migrator.config import Settings
from migrator.errors import UsageError


@dataclass(frozen=True)
class _IgnoreFile:
    base: Path
    spec: pathspec.GitIgnoreSpec


def discover(paths: Sequence[Path], settings: Settings) -> list[Path]:
    """All files to scan under ``paths``, sorted, each once."""
    exclude = pathspec.GitIgnoreSpec.from_lines(settings.excludes())
    include = pathspec.GitIgnoreSpec.from_lines(settings.include)
    seen: set[Path] = set()
    found: list[Path] = []
    for given in paths:
        if not given.exists():
            raise UsageError(f"{given}: no such file or directory")
        absolute = given.resolve()
        if absolute.is_file():
            candidates: Iterator[Path] = iter([absolute])
        else:
            # A folder named on the command line is walked even if excludes
            # match it; the patterns then apply below it.
            anchor_inside = _is_within(absolute, settings.root) and not exclude.match_file(
                absolute.relative_to(settings.root).as_posix() + "/"
            )
            walker = _Walker(settings.root if anchor_inside else absolute, exclude, include)
            ancestors = _ancestor_ignores(absolute)
            if _git_ignored(absolute, True, ancestors):
                ancestors = []  # named on purpose: only the ignore files inside it apply
            candidates = walker.walk(absolute, ancestors)
        for path in candidates:
            if path not in seen:
                seen.add(path)
                found.append(path)
    return sorted(found)


class _Walker:
    def __init__(self, anchor: Path, exclude: pathspec.PathSpec, include: pathspec.PathSpec) -> None:
        self.anchor = anchor
        self.exclude = exclude
        self.include = include

    def walk(self, directory: Path, ignores: list[_IgnoreFile]) -> Iterator[Path]:
        own = _read_gitignore(directory)
        if own is not None:
            ignores = [*ignores, own]
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            path = Path(entry.path)
            is_dir = entry.is_dir(follow_symlinks=False)
            if not is_dir and not entry.is_file():
                continue
            relative = path.relative_to(self.anchor).as_posix() + ("/" if is_dir else "")
            if self.exclude.match_file(relative) or _git_ignored(path, is_dir, ignores):
                continue
            if is_dir:
                if not (path / "pyvenv.cfg").exists():
                    yield from self.walk(path, ignores)
            elif self.include.match_file(relative):
                yield path


def _git_ignored(path: Path, is_dir: bool, ignores: list[_IgnoreFile]) -> bool:
    """The deepest ignore file with an opinion decides, as git does."""
    for ignore in reversed(ignores):
        relative = path.relative_to(ignore.base).as_posix() + ("/" if is_dir else "")
        verdict = ignore.spec.check_file(relative).include
        if verdict is not None:
            return verdict
    return False


def _read_gitignore(directory: Path) -> _IgnoreFile | None:
    return _read_ignore_file(directory / ".gitignore", base=directory)


def _read_ignore_file(path: Path, base: Path) -> _IgnoreFile | None:
    """Patterns of one ignore file, relative to ``base``; None when there is none."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return _IgnoreFile(base, pathspec.GitIgnoreSpec.from_lines(lines))


def _ancestor_ignores(top: Path) -> list[_IgnoreFile]:
    """Ignore files above ``top`` that git would apply: from the repository root down."""
    for candidate in [top, *top.parents]:
        if (candidate / ".git").exists():
            root = candidate
            break
    else:
        return []
    ignores = []
    info = _read_ignore_file(root / ".git" / "info" / "exclude", base=root)
    if info is not None:
        ignores.append(info)
    chain = [top.parent, *top.parent.parents] if top != root else []
    for folder in reversed([folder for folder in chain if _is_within(folder, root)]):
        found = _read_gitignore(folder)
        if found is not None:
            ignores.append(found)
    return ignores


PROJECT_MARKERS = (".git", "pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", "Pipfile")


def project_root(path: Path) -> Path | None:
    """The nearest folder above ``path`` that marks a project (``.git``, ``pyproject.toml``, setup or
    requirements files): where its tests folders and dependency files are counted from."""
    for folder in path.parents:
        if any((folder / marker).exists() for marker in PROJECT_MARKERS):
            return folder
    return None


def is_test_module(path: Path, project: Path, catalog: Catalog) -> bool:
    """A test file by the pack's conventions (``test_*.py``, ``conftest.py``, a ``tests/`` folder).

    Folders count from ``project`` down, so a project that itself lives in a
    folder named ``tests`` is not all tests, and the answer does not depend
    on where the run started.
    """
    vocab = catalog.python
    try:
        parts = path.relative_to(project).parts
    except ValueError:
        parts = (path.name,)
    return any(fnmatch.fnmatchcase(parts[-1], pattern) for pattern in vocab.test_file_names) or any(
        fnmatch.fnmatchcase(part, pattern) for part in parts[:-1] for pattern in vocab.test_folders
    )


def _is_within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True
