"""What one file's check needs and gives back: the job, the file's surroundings, the result."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, NamedTuple

from migrator.catalog import Catalog
from migrator.exposure import Clock
from migrator.findings import FileError, Finding
from migrator.textscan import escape_controls
from migrator.tiers import TierPolicy

if TYPE_CHECKING:
    from migrator.checks.base import FileContext
    from migrator.pins import Requirement
    from migrator.project_analysis.readers import ProjectFileFacts
    from migrator.project_roots import ProjectRoots


class FixMode(NamedTuple):
    """Which fixes to apply, and whether to write them or only show a diff."""

    applicabilities: tuple[str, ...] = ("safe",)
    write: bool = True


class Job(NamedTuple):
    """Everything a worker needs to check one file; picklable."""

    catalog: Catalog
    clock: Clock
    tiers: TierPolicy
    codes: tuple[str, ...]
    root: Path
    cwd: Path
    fix: FixMode | None = None
    with_edits: bool = True
    # Environment variables that .env files of this run set to a retired ID,
    # and the Python lines that read them ("app/settings.py:12").
    env_readers: Mapping[str, tuple[str, ...]] = {}  # never mutated


@dataclass
class FileResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    lines: list[str] | None = None
    cell_lines: dict[int, list[str]] | None = None  # notebooks: each code cell's lines, by cell number
    fixed: int = 0
    diff: str = ""
    # With --fix: the bytes to write, and what stands if writing them fails.
    new_bytes: bytes | None = None
    unfixed: FileResult | None = None
    # With a project index: what this file tells the whole-project plan.
    project: ProjectFileFacts | None = None


class Surroundings(NamedTuple):
    """What a file's project says about it: the library versions it may run, and whether it is a test."""

    requirements: Mapping[str, Requirement]
    test_module: bool
    project: str = ""  # a test module's project root: where its own modules are looked up


def surroundings(
    path: Path, job: Job, read_cache: dict[Path, dict[str, Requirement]] | None = None, roots: ProjectRoots | None = None,
) -> Surroundings:
    """Read once per folder (``read_cache``), and keep only the libraries the rule packs verify.

    Both are judged from the file's project (the nearest folder with
    ``.git``, ``pyproject.toml`` or setup files; else the config's folder),
    not from where the run was started; ``roots`` looks each folder up once
    for a run's many files.
    """
    from migrator.discover import is_test_module
    from migrator.pins import requirements_near
    from migrator.project_roots import project_root

    project = (roots.of(path) if roots is not None else project_root(path)) or job.root
    found = requirements_near(path, project, read_cache)
    wanted = job.catalog.libraries()
    relevant = {name: requirement for name, requirement in found.items() if name in wanted}
    test_module = is_test_module(path, project, job.catalog)
    return Surroundings(relevant, test_module, str(project) if test_module else "")


def display_path(path: Path, cwd: Path) -> str:
    """Relative to the working directory, with forward slashes, always valid UTF-8."""
    text, base = str(path), str(cwd)
    if os.sep == "/" and text.startswith(base) and text[len(base):len(base) + 1] == "/" and text.isprintable():
        return text[len(base) + 1:]  # the common case, asked for every file of a large tree
    try:
        shown = Path(os.path.relpath(path, cwd)).as_posix()
    except ValueError:  # another drive on Windows
        shown = path.as_posix()
    # Undecodable bytes in a file name would make the JSON report invalid, and
    # control characters (ESC sequences) would reach the user's terminal.
    shown = shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return escape_controls(shown.replace("\t", "\\x09").replace("\n", "\\x0a"))


def project_path(path: Path, root: Path, fallback: str) -> str:
    """Relative to the config's folder, as tier-rule globs expect."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return fallback


def file_context(job: Job, path: Path, shown: str, directives: Mapping, place: Surroundings) -> FileContext:
    """What the rules may know about one file besides its facts."""
    from migrator.checks.base import FileContext

    return FileContext(
        display_path=shown,
        project_path=project_path(path, job.root, shown),
        catalog=job.catalog,
        clock=job.clock,
        tiers=job.tiers,
        directives=directives,
        with_edits=job.with_edits or job.fix is not None,
        test_module=place.test_module,
        project=place.project,
        requirements=place.requirements,
        env_readers=job.env_readers,
    )
