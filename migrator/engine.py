"""Orchestration: discover -> prefilter -> analyze -> check -> suppress.

Most files never mention DeepSeek, so each file's bytes are searched for the
rule packs' needles first and only hits are decoded and parsed
(``reading.py``). Hit files are analyzed in a process pool when there are
enough of them to pay for it; Python hits start while the rest is read.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NamedTuple, Sequence

from migrator.catalog import Catalog
from migrator.codes import PUBLIC_CODES
from migrator.config import DEDICATED_CONFIG, Settings
from migrator.discover import discover, is_excluded
from migrator.errors import UsageError
from migrator.exposure import Clock
from migrator.filecheck.job import (
    FileResult,
    FixMode,
    Job,
    Surroundings,
    display_path,
    project_path,
    surroundings,
)
from migrator.findings import FileError, Finding, source_key
from migrator.formats import file_kind
from migrator.project_roots import ProjectRoots
from migrator.reading import is_generated, read_files
from migrator.tiers import TierPolicy
from migrator.workers import EarlyPool, analyse
from migrator.writes import write_fixed

if TYPE_CHECKING:
    from migrator.project_analysis.bindings import FileNames
    from migrator.project_analysis.index import Scope

    from migrator.fixer import FixOutcome

__all__ = [
    "FileResult", "FixMode", "Job", "RunResult", "Surroundings", "check_file", "display_path", "fix_text",
    "project_path", "python_encoding", "run",
]

class RunResult(NamedTuple):
    files_scanned: int
    files_parsed: int
    findings: list[Finding]
    errors: list[FileError]
    sources: dict[str, list[str]]
    fixed: int = 0
    files_fixed: int = 0
    diffs: tuple[str, ...] = ()
    skipped_generated: int = 0
    outside_links: int = 0
    too_large: tuple[str, ...] = ()  # over max-file-size: not read
    scanned: tuple[str, ...] = ()  # every file looked at, as reported


def run(
    paths: Sequence[Path],
    settings: Settings,
    catalog: Catalog,
    tiers: TierPolicy,
    clock: Clock,
    cwd: Path,
    jobs: int | None = None,
    fix: FixMode | None = None,
    with_edits: bool = False,
    written: list[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RunResult:
    """Check (and with ``fix``, fix) every file under ``paths``; findings come back sorted.

    ``progress(done, total)`` is told after each file analysed (the command
    line shows a bar with it on long scans in a terminal).

    Fixed files are written here, one after the other, once every file has
    been analysed; each one written is added to ``written`` as it happens, so
    an interrupted run can say exactly what it changed.
    """
    discovery = discover(paths, settings)
    # .env files first: the variables they set to a retired ID are looked for in the Python files read after them.
    # Rule packs and this tool's own config name the retired IDs on purpose.
    own = {path.resolve() for path in settings.rules}
    kinds = {
        path: kind
        for path in discovery.files
        if (kind := file_kind(path)) is not None and path.name != DEDICATED_CONFIG
        and not (own and path.resolve() in own)
    }
    files = sorted(kinds, key=lambda path: kinds[path] != "env")
    codes = tuple(code for code in PUBLIC_CODES if settings.is_selected(code))
    workers = min(jobs or os.cpu_count() or 1, 8)
    # With --fix, every file is checked first and fixed after: a fix may span files.
    checking = Job(
        catalog=catalog, clock=clock, tiers=tiers, codes=codes, root=settings.root, cwd=cwd, fix=None,
        with_edits=with_edits or fix is not None,
    )
    early = EarlyPool(check_file, workers, checking)  # env_readers are not known yet: Python files need none
    try:
        roots = ProjectRoots(discovery.project_markers)  # the folders the walk listed need no look-up
        explicit = {path.resolve() for path in paths if path.is_file()}
        read = read_files(files, kinds, settings, catalog, explicit, cwd, early, checking, roots)
        finished = early.finished(progress, len(read.hits))
    except BaseException:
        early.stop()
        raise
    hits, places = read.hits, read.places
    errors = [FileError(display_path(path, cwd), problem) for path, problem in discovery.problems] + read.errors
    env_readers = {key: tuple(lines) for key, lines in read.env_readers.items()}
    job = Job(
        catalog=catalog, clock=clock, tiers=tiers, codes=codes, root=settings.root, cwd=cwd, fix=fix,
        with_edits=with_edits, env_readers=env_readers,
    )
    checking = checking._replace(env_readers=env_readers)
    read_cache = read.requirements

    def analysed(
        job: Job, hits: list, places: list, extras: list | None = None, progress=None, isolate: bool = False,
    ) -> list[FileResult]:
        return analyse(check_file, workers, job, hits, places, progress, extras, isolate)

    rest = [number for number in range(len(hits)) if number not in finished]
    told = (lambda done, total: progress(done + len(finished), len(hits))) if progress is not None else None
    redone = dict(zip(rest, analysed(checking, [hits[n] for n in rest], [places[n] for n in rest], None, told, early.broken)))
    results = [finished.get(number) or redone[number] for number in range(len(hits))]
    index = None
    if any(kinds[path] == "python" for path, _ in hits):
        from migrator.project_analysis.link import link_project

        index = link_project(analysed, checking, hits, results, places, _index_scope(paths, files, kinds, settings, cwd, workers, roots), read_cache)
    if fix is not None:
        from migrator.fixing import fix_all

        results = fix_all(analysed, job, hits, results, places, index.names if index else {}, written)
        if index is not None:  # what is left of the definitions keeps the whole-project verdict
            from dataclasses import replace as with_definitions

            from migrator.project_analysis.link import judge

            # Each file's last check reports its definitions where they now stand (a fix may move lines).
            moved = [d for result in results if result.project is not None for d in result.project.definitions]
            judge(with_definitions(index, definitions=moved), results, tuple(catalog.legacy))

    findings: list[Finding] = []
    sources: dict[str, list[str]] = {}
    for (path, _), result in zip(hits, results):
        findings.extend(result.findings)
        errors.extend(result.errors)
        if result.findings and result.lines is not None:
            sources[display_path(path, cwd)] = result.lines
        if result.findings and result.cell_lines is not None:
            for cell, lines in result.cell_lines.items():
                sources[source_key(display_path(path, cwd), cell)] = lines
    findings.sort(key=lambda f: (f.path, f.cell or 0, f.span.line, f.span.column, f.code))
    errors.sort(key=lambda e: e.path)
    return RunResult(
        files_scanned=len(files),
        files_parsed=len(hits),
        findings=findings,
        errors=errors,
        sources=sources,
        fixed=sum(result.fixed for result in results),
        files_fixed=sum(1 for result in results if result.fixed or result.diff or result.new_bytes),
        diffs=tuple(result.diff for result in results if result.diff),
        skipped_generated=read.skipped_generated,
        outside_links=len(discovery.outside_links),
        too_large=tuple(read.too_large),
        scanned=tuple(display_path(path, cwd) for path in files),
    )


def _index_scope(
    paths: Sequence[Path], files: list[Path], kinds: dict[Path, str], settings: Settings, cwd: Path, workers: int,
    roots: ProjectRoots,
) -> Scope:
    """The files the project index looks at: the run's, and (on first need) the rest of their projects."""
    from migrator.config import DEFAULT_EXCLUDE
    from migrator.project_analysis.index import Scope
    from migrator.project_analysis.screen import screen_in_pool

    python = [path for path in files if kinds[path] == "python"]

    def root_of(path: Path) -> Path:
        return roots.of(path) or settings.root

    def outside() -> list[Path]:
        # Asked per folder: a large tree's files share a few thousand folders.
        folders = {os.path.dirname(path) for path in python}
        projects = sorted({roots.of_folder(folder) or settings.root for folder in folders})
        started = [path.resolve() for path in paths]
        if settings.excludes() == DEFAULT_EXCLUDE and all(
            any(root == start or start in root.parents for start in started) for root in projects
        ):
            return []  # the run already reads every file of its projects
        # Default excludes only: a module the config excludes from checks still runs and may read a definition.
        wide = settings._replace(exclude=DEFAULT_EXCLUDE, extend_exclude=(), include=("*.py",), force_exclude=False)
        # Folders the run walked with these same excludes are not walked again: their modules are in the run.
        same = settings.excludes() == DEFAULT_EXCLUDE and "*.py" in settings.include
        walked = [start for start in started if start.is_dir()] if same else []
        return [path for path in discover(projects, wide, prune=walked).files if path.suffix == ".py"]

    return Scope(
        python_files=python,
        notebooks=[path for path in files if kinds[path] == "notebook"],
        outside=outside,
        roots_of=lambda path: tuple(dict.fromkeys((root_of(path), settings.root))),
        shown=lambda path: display_path(path, cwd),
        max_size=settings.max_file_size,
        generated=lambda data: settings.skip_generated and is_generated(data),
        screen=screen_in_pool(workers),
    )


def run_stdin(
    data: bytes,
    name: Path,
    settings: Settings,
    catalog: Catalog,
    tiers: TierPolicy,
    clock: Clock,
    cwd: Path,
    fix: FixMode | None = None,
    with_edits: bool = False,
) -> tuple[RunResult, bytes | None]:
    """Check source read from standard input as if it were the file ``name``; with ``fix``, also the fixed bytes.

    Nothing is written: the caller prints the fixed source (as ruff and black do for ``-``).
    """
    path = name if name.is_absolute() else cwd / name
    shown = display_path(path, cwd)
    if settings.force_exclude and is_excluded(path, settings):
        return RunResult(0, 0, [], [], {}, scanned=()), None
    if len(data) > settings.max_file_size:
        too_large = RunResult(0, 0, [], [], {}, too_large=(shown,), scanned=(shown,))
        return too_large, None
    codes = tuple(code for code in PUBLIC_CODES if settings.is_selected(code))
    job = Job(catalog=catalog, clock=clock, tiers=tiers, codes=codes, root=settings.root, cwd=cwd, fix=fix,
              with_edits=with_edits)
    if file_kind(path) is None:
        raise UsageError(f"--stdin-filename: {name}: not a kind of file this tool reads (see include)")
    checking = job._replace(fix=None, with_edits=True) if fix is not None else job
    result = check_file(checking, path, data)
    if result.project is not None and result.project.definitions:
        from migrator.project_analysis.index import ProjectIndex
        from migrator.project_analysis.link import judge

        # The text may be imported elsewhere in its project, which is not read here: definitions stay unsafe.
        index = ProjectIndex(definitions=list(result.project.definitions))
        index.doubt([d.key for d in index.definitions], "other files of the project are not read with standard input")
        judge(index, [result], tuple(catalog.legacy))
    if fix is not None:
        from migrator.fixing import fix_all

        def in_process(job: Job, hits: list, places: list, extras: list) -> list[FileResult]:
            return [check_file(job, p, d, pl, *extra) for (p, d), pl, extra in zip(hits, places, extras)]

        [result] = fix_all(in_process, job, [(path, data)], [result], [surroundings(path, job)], {}, None, write=False)
    sources = {}
    if result.lines is not None:
        sources[shown] = result.lines
    for cell, lines in (result.cell_lines or {}).items():
        sources[source_key(shown, cell)] = lines
    findings = sorted(result.findings, key=lambda f: (f.cell or 0, f.span.line, f.span.column, f.code))
    run_result = RunResult(
        files_scanned=1, files_parsed=1, findings=findings, errors=result.errors, sources=sources,
        fixed=result.fixed, files_fixed=1 if result.fixed else 0, scanned=(shown,),
        diffs=(result.diff,) if result.diff else (),
    )
    return run_result, result.new_bytes


def check_file(
    job: Job,
    path: Path,
    data: bytes,
    place: Surroundings | None = None,
    names: FileNames | None = None,
    start: str | None = None,
    first: FileResult | None = None,
) -> FileResult:
    """Decode, analyze and check one file of any kind; a failure stays with the file.

    For Python files, ``names``, ``start`` and ``first`` carry the project
    index's spellings, a text a whole-project fix made, and an earlier check
    (see ``check_python_file``).
    """
    try:
        place = place or surroundings(path, job)
        kind = file_kind(path)
        if kind == "notebook":
            from migrator.filecheck.notebook_file import check_notebook_file

            return check_notebook_file(job, path, data, place)
        if kind not in (None, "python"):
            from migrator.filecheck.config_file import check_config_file

            return check_config_file(job, path, data, place, kind)
        from migrator.filecheck.python_file import check_python_file

        return check_python_file(job, path, data, place, names, start, first)
    except Exception as exc:  # a bug on one odd file must not end the run
        return FileResult(errors=[FileError(display_path(path, job.cwd), f"internal error: {_describe(exc)}")])


def _describe(exc: BaseException) -> str:
    """``Type: message``, short; the message alone may fail (the repr of a 500-deep node recurses)."""
    try:
        text = str(exc)
    except Exception:  # RecursionError, or a broken __str__
        text = ""
    return f"{type(exc).__name__}: {text[:300]}" if text else type(exc).__name__


def fix_text(job: Job, source: str, path: Path) -> FixOutcome:
    """Fix source text in memory, as ``--fix`` would (for tools and tests)."""
    from migrator.filecheck.python_file import fix_text as fix_python_text

    return fix_python_text(job, source, path)


def python_encoding(data: bytes) -> str:
    """The encoding Python reads a file with (see ``filecheck.python_file``)."""
    from migrator.filecheck.python_file import python_encoding as encoding_of

    return encoding_of(data)


_written = write_fixed  # the name tests and tools have used
