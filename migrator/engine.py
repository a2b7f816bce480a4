"""Orchestration: discover -> prefilter -> analyze -> check -> suppress.

Most files never mention DeepSeek, so each file's bytes are searched for the
rule packs' needles first and only hits are decoded and parsed. Hit files are
analyzed in a process pool when there are enough of them to pay for it.
"""

from __future__ import annotations

import io
import os
import tokenize
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from migrator.catalog import Catalog
from migrator.checks import RULES, FileContext, Rule
from migrator.config import Settings
from migrator.directives import scan_directives
from migrator.discover import discover
from migrator.exposure import Clock
from migrator.findings import FileError, Finding
from migrator.fixer import FixOutcome, fix_source, unified_diff, write_atomically
from migrator.textscan import find_quoted_ids, physical_lines
from migrator.tiers import TierPolicy

PYTHON_SUFFIXES = (".py", ".pyi")
# Below this many files to parse, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 48
# Markers of generated code in a file's head (Facebook's @generated, protoc,
# Go-style "Code generated ... DO NOT EDIT"): regenerate, do not migrate.
GENERATED_MARKERS = (b"@generated", b"DO NOT EDIT")
GENERATED_HEAD = 2048


@dataclass(frozen=True)
class FixMode:
    """Which fixes to apply, and whether to write them or only show a diff."""

    applicabilities: tuple[str, ...] = ("safe",)
    write: bool = True


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to check one file; picklable."""

    catalog: Catalog
    clock: Clock
    tiers: TierPolicy
    codes: tuple[str, ...]
    root: Path
    cwd: Path
    fix: FixMode | None = None


@dataclass
class FileResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    lines: list[str] | None = None
    fixed: int = 0
    diff: str = ""


@dataclass(frozen=True)
class RunResult:
    files_scanned: int
    files_parsed: int
    findings: list[Finding]
    errors: list[FileError]
    sources: dict[str, list[str]]
    fixed: int = 0
    files_fixed: int = 0
    diffs: tuple[str, ...] = ()


def run(
    paths: Sequence[Path],
    settings: Settings,
    catalog: Catalog,
    tiers: TierPolicy,
    clock: Clock,
    cwd: Path,
    jobs: int | None = None,
    fix: FixMode | None = None,
) -> RunResult:
    """Check (and with ``fix``, fix) every file under ``paths``; findings come back sorted."""
    files = [path for path in discover(paths, settings) if path.suffix in PYTHON_SUFFIXES]
    codes = tuple(rule.code for rule in RULES if settings.is_selected(rule.code))
    job = Job(catalog=catalog, clock=clock, tiers=tiers, codes=codes, root=settings.root, cwd=cwd, fix=fix)
    needles = catalog.needles()
    hits: list[tuple[Path, bytes]] = []
    errors: list[FileError] = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            errors.append(FileError(display_path(path, cwd), f"cannot read: {exc.strerror or exc}"))
            continue
        if any(needle in data for needle in needles):
            if settings.skip_generated and is_generated(data):
                continue
            hits.append((path, data))

    workers = min(jobs or os.cpu_count() or 1, 8)
    if workers > 1 and len(hits) >= PARALLEL_THRESHOLD:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(check_file, [job] * len(hits), *zip(*hits), chunksize=8))
    else:
        results = [check_file(job, path, data) for path, data in hits]

    findings: list[Finding] = []
    sources: dict[str, list[str]] = {}
    for (path, _), result in zip(hits, results):
        findings.extend(result.findings)
        errors.extend(result.errors)
        if result.findings and result.lines is not None:
            sources[display_path(path, cwd)] = result.lines
    findings.sort(key=lambda f: (f.path, f.span.line, f.span.column, f.code))
    errors.sort(key=lambda e: e.path)
    return RunResult(
        files_scanned=len(files),
        files_parsed=len(hits),
        findings=findings,
        errors=errors,
        sources=sources,
        fixed=sum(result.fixed for result in results),
        files_fixed=sum(1 for result in results if result.fixed),
        diffs=tuple(result.diff for result in results if result.diff),
    )


def check_file(job: Job, path: Path, data: bytes) -> FileResult:
    """Decode, analyze and check one Python file; a failure stays with the file."""
    try:
        return _check_file(job, path, data)
    except Exception as exc:  # a bug on one odd file must not end the run
        return FileResult(errors=[FileError(display_path(path, job.cwd), f"internal error: {type(exc).__name__}: {exc}")])


def _check_file(job: Job, path: Path, data: bytes) -> FileResult:
    shown = display_path(path, job.cwd)
    try:
        encoding = python_encoding(data)
        source = data.decode(encoding)
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        return FileResult(errors=[FileError(shown, f"cannot decode: {exc}")])
    result = _check_source(job, path, shown, source)
    if job.fix is None:
        return result
    outcome = fix_source(
        source, lambda text: _check_source(job, path, shown, text).findings, job.fix.applicabilities, result.findings
    )
    if outcome.error is not None:
        result.errors.append(FileError(shown, outcome.error))
        return result
    if outcome.applied == 0:
        return result
    diff = ""
    if job.fix.write:
        try:
            encoded = outcome.source.encode(encoding)
        except UnicodeEncodeError as exc:
            result.errors.append(FileError(shown, f"fixes not applied: cannot encode as {encoding}: {exc}"))
            return result
        problem = write_atomically(path, data, encoded)
        if problem is not None:
            result.errors.append(FileError(shown, problem))
            return result
    else:
        diff = unified_diff(source, outcome.source, shown)
    fixed = _check_source(job, path, shown, outcome.source)
    fixed.fixed, fixed.diff = outcome.applied, diff
    return fixed


def fix_text(job: Job, source: str, path: Path) -> FixOutcome:
    """Fix source text in memory, as ``--fix`` would (for tools and tests)."""
    shown = display_path(path, job.cwd)
    modes = job.fix.applicabilities if job.fix is not None else ("safe",)
    return fix_source(source, lambda text: _check_source(job, path, shown, text).findings, modes)


def _check_source(job: Job, path: Path, shown: str, source: str) -> FileResult:
    """Findings (after suppressions) and problems for one decoded source text."""
    result = FileResult(lines=physical_lines(source))
    directives = scan_directives(source)
    for line, directive in sorted(directives.items()):
        for problem in directive.problems:
            result.errors.append(FileError(shown, f"line {line}: {problem}"))
        if directive.tier and directive.tier not in job.tiers.targets:
            result.errors.append(
                FileError(
                    shown,
                    f"line {line}: unknown tier {directive.tier!r} in deepseek-migrate comment "
                    f"(known: {', '.join(job.tiers.targets)})",
                )
            )
    context = FileContext(
        display_path=shown,
        project_path=project_path(path, job.root, shown),
        catalog=job.catalog,
        clock=job.clock,
        tiers=job.tiers,
        directives=directives,
    )
    rules: list[Rule] = [rule() for rule in RULES if rule.code in job.codes]
    found = _python_findings(source, rules, context, result)
    result.findings = [
        finding
        for finding in found
        if not (finding.span.line in directives and directives[finding.span.line].suppresses(finding.code))
    ]
    return result


def _python_findings(source: str, rules: list[Rule], context: FileContext, result: FileResult) -> list[Finding]:
    # Imported here so that runs which parse nothing never load libcst.
    from migrator.python_analysis import PythonParseError, analyze_python

    try:
        facts = analyze_python(source, context.catalog)
    except PythonParseError as exc:
        problem = f"syntax error at line {exc.line}, column {exc.column}: {exc.message}"
    except RecursionError:
        problem = "too deeply nested for the parser; retired IDs were found by a text scan"
    else:
        return [finding for rule in rules for finding in rule.check_python(facts, context)]
    result.errors.append(FileError(context.display_path, problem))
    hits = find_quoted_ids(source, context.catalog)
    return [finding for rule in rules for finding in rule.check_unparsed(hits, context)]


def is_generated(data: bytes) -> bool:
    head = data[:GENERATED_HEAD]
    return any(marker in head for marker in GENERATED_MARKERS)


def python_encoding(data: bytes) -> str:
    """The encoding Python reads a file with: BOM (utf-8-sig), coding cookie, else UTF-8.

    Decoding and re-encoding with it keeps the BOM and the cookie's charset.
    """
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return encoding


def display_path(path: Path, cwd: Path) -> str:
    """Relative to the working directory, with forward slashes, always valid UTF-8."""
    try:
        shown = Path(os.path.relpath(path, cwd)).as_posix()
    except ValueError:  # another drive on Windows
        shown = path.as_posix()
    # Undecodable bytes in a file name would make the JSON report invalid.
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def project_path(path: Path, root: Path, fallback: str) -> str:
    """Relative to the config's folder, as tier-rule globs expect."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return fallback
