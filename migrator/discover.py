"""Which files a run looks at: list or walk the paths, honour .gitignore and excludes.

Inside a git work tree the list comes from git itself (``gitfiles``): git
ignores only untracked files, so a tracked file that ``.gitignore`` matches
is scanned. Outside git, or without git, the folders are walked, with
gitignore semantics (negation, anchoring, ``**``, directory-only patterns)
from ``pathspec``; this module decides which ignore files apply where.
Paths named explicitly on the command line are always checked.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Collection, Iterator, NamedTuple, Sequence

if TYPE_CHECKING:
    import pathspec

from migrator.catalog import Catalog
from migrator.config import Settings
from migrator.errors import UsageError
from migrator.pathmatch import PathPatterns
from migrator.project_roots import PROJECT_MARKERS, project_root
from migrator.readfile import read_regular


_WALK_MARKERS = frozenset({".gitignore", "pyvenv.cfg"})
_LOOKED_UP = _WALK_MARKERS | frozenset(PROJECT_MARKERS)
_MARKERS_FOLDED = frozenset(marker.lower() for marker in PROJECT_MARKERS)


class _IgnoreFile(NamedTuple):
    base: Path
    spec: pathspec.GitIgnoreSpec


@dataclass
class Discovery:
    """The files to scan, and what could not be looked at (one entry per file or folder)."""

    files: list[Path]
    problems: list[tuple[Path, str]]
    outside_links: list[Path]  # links to files outside the scanned folder: left alone
    # Each folder the walk listed (as text), and whether it holds a project marker: ``ProjectRoots`` need not look.
    project_markers: dict[str, bool] = field(default_factory=dict)


def discover(paths: Sequence[Path], settings: Settings, prune: Collection[Path] = ()) -> Discovery:
    """All files to scan under ``paths``, sorted, each once (a linked file as its target).

    Symbolic links to files inside the scanned folder are followed, so a fix
    writes through them to the real file, as long as the target itself is
    not excluded, git-ignored or in a virtual environment; links to files
    outside it, and links to folders, are left alone. A link named on the
    command line follows the same rule, its scanned folder being the project
    root or the folder that holds it. A loop, an unreadable folder or a file
    that vanishes costs a problem entry for that path, not the run.
    Folders in ``prune`` (resolved) are not entered: a caller that has
    their files already.
    """
    specs = _Specs(settings)
    seen: set[Path] = set()
    found: list[Path] = []
    problems: list[tuple[Path, str]] = []
    outside: list[Path] = []
    markers: dict[str, bool] = {}
    for given in paths:
        if not given.exists():
            raise UsageError(f"{given}: no such file or directory")
        absolute = given.resolve()
        plain = Path(os.path.normpath(given.absolute()))
        if plain != absolute:  # a link, in the name itself or in a folder on the way
            if not _explicit_link_allowed(plain, absolute, settings.root):
                outside.append(plain)
                continue
            if absolute.is_file() and _is_within(absolute, settings.root.resolve()):
                root = settings.root.resolve()
                walker = _Walker(root, specs.exclude, specs.include, problems, outside)
                if not walker.takes(absolute, root, _ancestor_ignores(root)):
                    continue  # excluded, git-ignored or in a virtual environment: as a walk would skip it
        if absolute.is_file() and settings.force_exclude and _excluded(plain, settings.root, specs.exclude):
            continue  # --force-exclude: a file named on the command line still obeys the excludes
        if absolute.is_file():
            candidates: Iterator[Path] = iter([absolute])
        else:
            # A folder named on the command line is walked even if excludes
            # match it; the patterns then apply below it.
            exclude, include = specs.exclude, specs.include
            anchor_inside = _is_within(absolute, settings.root) and not exclude.match_file(
                absolute.relative_to(settings.root).as_posix() + "/"
            )
            walker = _Walker(settings.root if anchor_inside else absolute, exclude, include, problems, outside, prune, markers)
            ancestors = _ancestor_ignores(absolute)
            listed = None
            if _git_ignored(absolute, True, ancestors):
                ancestors = []  # named on purpose: only the ignore files inside it apply
            else:
                from migrator.gitfiles import git_files

                listed = git_files(absolute)
            candidates = walker.walk(absolute, ancestors) if listed is None else walker.filter(absolute, listed)
        for path in candidates:
            if path not in seen:
                seen.add(path)
                found.append(path)
    return Discovery(sorted(found), sorted(problems), sorted(outside), markers)


class _Specs:
    """The exclude and include patterns, compiled on first use: a run over named files needs neither."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._exclude: PathPatterns | None = None
        self._include: PathPatterns | None = None

    @property
    def exclude(self) -> PathPatterns:
        if self._exclude is None:
            self._exclude = PathPatterns(self.settings.excludes())
        return self._exclude

    @property
    def include(self) -> PathPatterns:
        if self._include is None:
            self._include = PathPatterns(self.settings.include)
        return self._include


class _Walker:
    def __init__(
        self,
        anchor: Path,
        exclude: PathPatterns,
        include: PathPatterns,
        problems: list[tuple[Path, str]],
        outside: list[Path],
        prune: Collection[Path] = (),
        markers: dict[str, bool] | None = None,
    ) -> None:
        self.anchor = anchor
        self.prune = frozenset(prune)
        self.markers = markers if markers is not None else {}
        self.exclude = exclude
        self.include = include
        self.problems = problems
        self.outside = outside
        self.top_ignores: list[_IgnoreFile] = []
        # Paths under the anchor, as text, start with it and one separator (the filesystem root has its own).
        self._cut = len(str(anchor).rstrip(os.sep)) + 1

    def walk(self, top: Path, ignores: list[_IgnoreFile]) -> Iterator[Path]:
        """Depth-first, with a stack of its own: a tree a thousand folders deep is no recursion."""
        self.top_ignores = ignores
        stack = [(top, ignores)]
        while stack:
            directory, inherited = stack.pop()
            try:
                entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
            except OSError as exc:
                self.problems.append((directory, f"cannot read this folder: {exc.strerror or exc}"))
                continue
            # Looked up in the listing: trying to open both in each of a large tree's folders cost a tenth of its walk.
            special = [entry for entry in entries if entry.name in _LOOKED_UP]
            listed = {entry.name for entry in special}
            self._note_markers(directory, entries, special)
            if "pyvenv.cfg" in listed and directory != top and os.path.exists(os.path.join(directory, "pyvenv.cfg")):
                continue  # a virtual environment (a dangling link of that name is none)
            own = _read_gitignore(directory) if ".gitignore" in listed else None
            applying = [*inherited, own] if own is not None else inherited
            folders = []
            for entry in entries:
                try:
                    found = self._entry(entry, directory, top, applying)
                except OSError as exc:
                    self.problems.append((Path(entry.path), f"cannot look at it: {exc.strerror or exc}"))
                    continue
                if isinstance(found, tuple):
                    folders.append(found)
                elif found is not None:
                    yield found
            stack.extend(reversed(folders))

    def _note_markers(self, directory: Path, entries: list[os.DirEntry], special: list[os.DirEntry]) -> None:
        """Whether the folder holds a project marker, as ``ProjectRoots`` would find it with ``os.path.exists``.

        A link counts when its target exists. A name that matches a marker
        only when case is ignored (``Requirements.txt``) leaves the folder to
        the look-up: on a case-insensitive file system it is the marker.
        """
        if any(entry.name.lower() in _MARKERS_FOLDED and entry.name not in PROJECT_MARKERS for entry in entries):
            return
        self.markers[os.fspath(directory)] = any(
            entry.name in PROJECT_MARKERS and (not entry.is_symlink() or os.path.exists(entry.path)) for entry in special
        )

    def _entry(self, entry: os.DirEntry, directory: Path, top: Path, ignores: list[_IgnoreFile]) -> Path | tuple | None:
        """A file to scan, a (folder, ignores) to walk, or None.

        Matched as text relative to the anchor: a large tree meets each
        pattern set once per path, and Path objects cost more than the match.
        """
        is_dir = entry.is_dir(follow_symlinks=False)
        if not is_dir and not entry.is_file():  # follows a link: a loop raises ELOOP here
            return None
        relative = entry.path[self._cut:] + ("/" if is_dir else "")
        # No exclude matches the folders on the way: the walk entered them (or they were named: see ``discover``).
        # Includes are matched on the whole path: a folder pattern (``app/``) takes every file below it.
        if self.exclude.match_walked(relative, entry.name + "/" if is_dir else entry.name):
            return None
        if not is_dir and not self.include.match_file(relative):
            return None
        path = directory / entry.name  # one part to parse, where Path(entry.path) parses them all
        if ignores and _git_ignored(path, is_dir, ignores):
            return None
        if is_dir:
            return None if path in self.prune else (path, ignores)
        if entry.is_symlink():
            target = path.resolve(strict=True)
            if not _is_within(target, top):
                self.outside.append(path)
                return None
            return target if self.takes(target, top, self.top_ignores) else None
        return path

    def filter(self, top: Path, listed: list[Path]) -> Iterator[Path]:
        """The files git lists under ``top``, through the same excludes, includes and link rule as a walk."""
        known = set(listed)
        venvs: dict[Path, bool] = {}
        for path in sorted(listed):
            if self.prune and any(folder in self.prune for folder in path.parents):
                continue
            relative = path.relative_to(self.anchor).as_posix()
            if self.exclude.match_file(relative) or not self.include.match_file(relative):
                continue
            if any(_holds_venv(folder, venvs) for folder in _folders_between(top, path)):
                continue
            try:
                if path.is_symlink():
                    target = path.resolve(strict=True)
                    if not _is_within(target, top):
                        self.outside.append(path)
                    elif target in known and target.is_file():
                        yield target  # git sees the target too, so the walk's rules let it in
                    continue
                if path.is_file():
                    yield path
            except OSError as exc:
                self.problems.append((path, f"cannot look at it: {exc.strerror or exc}"))

    def takes(self, target: Path, top: Path, top_ignores: list[_IgnoreFile]) -> bool:
        """Would the walk itself have taken the link's target (excludes, .gitignore, virtual environments)?"""
        ignores = top_ignores
        folder = top
        for part in target.relative_to(top).parent.parts:
            own = _read_gitignore(folder)
            ignores = [*ignores, own] if own is not None else ignores
            folder = folder / part
            relative = folder.relative_to(self.anchor).as_posix() + "/"
            if self.exclude.match_file(relative) or _git_ignored(folder, True, ignores):
                return False
            if (folder / "pyvenv.cfg").exists():
                return False
        own = _read_gitignore(folder)
        ignores = [*ignores, own] if own is not None else ignores
        relative = target.relative_to(self.anchor).as_posix()
        if self.exclude.match_file(relative) or _git_ignored(target, False, ignores):
            return False
        return bool(self.include.match_file(relative))


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
        lines = read_regular(path, MAX_IGNORE_FILE).decode("utf-8", errors="replace").splitlines()
    except OSError:  # missing, or not a regular file of sane size (a link to /dev/zero, a FIFO)
        return None
    import pathspec

    return _IgnoreFile(base, pathspec.GitIgnoreSpec.from_lines(_bounded_patterns(lines)))


# Patterns beyond these bounds are dropped (the files they name are then
# scanned): pathspec turns each wildcard into a regular expression piece, and
# k of them backtrack about n**k steps on a name of n characters (four
# wildcards and a 200-character name: 7 s per file). Real patterns use one or two.
MAX_IGNORE_FILE = 1024 * 1024
MAX_PATTERN_LENGTH = 1024
MAX_PATTERN_WILDCARDS = 3
_WILDCARD_RUN = re.compile(r"\*+|\?|\[")


# ... and so is every wildcard pattern past this many in one file: each is
# tried on every path (2,000 three-wildcard lines took 5.5 s per long name).
MAX_WILDCARD_PATTERNS = 100


def _bounded_patterns(lines: list[str]) -> list[str]:
    kept: list[str] = []
    wildcard_patterns = 0
    for line in lines:
        runs = len(_WILDCARD_RUN.findall(line))
        if len(line) > MAX_PATTERN_LENGTH or runs > MAX_PATTERN_WILDCARDS:
            continue
        if runs:
            wildcard_patterns += 1
            if wildcard_patterns > MAX_WILDCARD_PATTERNS:
                continue
        kept.append(line)
    return kept


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


def _folders_between(top: Path, path: Path) -> Iterator[Path]:
    """The folders from ``top`` (excluded) down to the one holding ``path``."""
    folder = top
    for part in path.relative_to(top).parent.parts:
        folder = folder / part
        yield folder


def _holds_venv(folder: Path, cache: dict[Path, bool]) -> bool:
    if folder not in cache:
        cache[folder] = (folder / "pyvenv.cfg").exists()
    return cache[folder]


def _explicit_link_allowed(plain: Path, target: Path, root: Path) -> bool:
    """A path named on the command line that goes through a link is followed into the project, or
    into the folder holding the link when that folder is reached without links."""
    if _is_within(target, root.resolve()):
        return True
    holder = plain.parent
    return holder.resolve() == holder and _is_within(target, holder)


def _is_within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def is_excluded(path: Path, settings: Settings) -> bool:
    """Do the excludes match this file (which need not exist: an editor's unsaved buffer)?"""
    return _excluded(Path(os.path.normpath(path.absolute())), settings.root, _Specs(settings).exclude)


def _excluded(path: Path, root: Path, exclude: PathPatterns) -> bool:
    """Does an exclude pattern match the file, or a folder on its way from the project root?

    Outside the config's folder (no config file: the working directory), the
    file's own project root (``.git``, ``pyproject.toml`` ...) anchors the patterns.
    """
    relative = Path(os.path.relpath(path, root))
    if relative.parts[:1] == ("..",):
        own = project_root(path)
        if own is None:
            return False
        relative = Path(os.path.relpath(path, own))
    parts = relative.parts
    folders = ("/".join(parts[: index + 1]) + "/" for index in range(len(parts) - 1))
    return exclude.match_file(relative.as_posix()) or any(exclude.match_file(folder) for folder in folders)
