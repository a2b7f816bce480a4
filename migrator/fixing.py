"""``--fix`` over a whole run: fixes that span files first (all their files or none), then each file's own, then the writes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from migrator.filecheck.job import FileResult, Job, Surroundings, display_path
from migrator.findings import FileError, Finding
from migrator.fixer import spans_files
from migrator.workers import Analyse
from migrator.writes import write_fixed, write_together

if TYPE_CHECKING:
    from migrator.project_analysis.bindings import FileNames



def fix_all(
    analyse: Analyse,
    job: Job,
    hits: list[tuple[Path, bytes]],
    results: list[FileResult],
    places: list[Surroundings],
    names: dict[Path, FileNames],
    written: list[str] | None,
    write: bool = True,
) -> list[FileResult]:
    """Fix every file whose check (``results``) has a fix ``job.fix`` allows; write them unless only diffing.

    With ``write`` false (standard input) the fixed bytes stay in the results.
    """
    assert job.fix is not None
    allowed = job.fix.applicabilities
    shown = [display_path(path, job.cwd) for path, _ in hits]
    texts: dict[str, str] = {}
    counts: dict[str, int] = {}
    components: list[set[str]] = []
    spanning = [f for result in results for f in result.findings if _allowed(f, allowed) and spans_files(f.fix)]  # type: ignore[arg-type]
    if spanning:
        from migrator.project_analysis.apply import apply_project_fixes

        sources = {name: text for name, (_, data) in zip(shown, hits) if (text := _decoded(data)) is not None}
        applied = apply_project_fixes(spanning, sources)
        texts, counts, components = applied.texts, applied.counts, applied.components()
        problems = list(applied.problems)
    else:
        problems = []
    wanted = [
        number for number, (name, result) in enumerate(zip(shown, results))
        if name in texts or any(_allowed(f, allowed) and not spans_files(f.fix) for f in result.findings)  # type: ignore[arg-type]
    ]
    extras = [(names.get(hits[n][0]), texts.get(shown[n]), results[n]) for n in wanted]
    fixed = list(results)
    for number, result in zip(wanted, analyse(job, [hits[n] for n in wanted], [places[n] for n in wanted], extras)):
        result.fixed += counts.get(shown[number], 0)
        fixed[number] = result
    for name, problem in problems:  # said after the re-checks, which replace the results
        if name in shown:
            fixed[shown.index(name)].errors.append(FileError(name, problem))
    if not write:
        return fixed
    together = {name: group for group in components for name in group}
    left = set(range(len(hits)))
    for number in range(len(hits)):
        if number not in left:
            continue
        group = together.get(shown[number], {shown[number]})
        members = sorted(shown.index(name) for name in group if name in shown)
        left -= set(members)
        if len(members) == 1:
            fixed[number] = write_fixed(*hits[number], fixed[number], job.cwd, written)
            continue
        incomplete = [shown[m] for m in members if shown[m] in texts and fixed[m].new_bytes is None and job.fix.write]
        if incomplete:  # a file the fix spans failed its own check or encoding: none of them is written
            for member in members:
                result = fixed[member].unfixed or fixed[member]
                result.errors.append(FileError(
                    shown[member], f"not fixed: one fix spans {', '.join(shown[m] for m in members)}, "
                    f"and {', '.join(incomplete)} could not be fixed",
                ))
                fixed[member] = result
            continue
        outcome = write_together([hits[m] for m in members], [fixed[m] for m in members], job.cwd, written)
        for member, result in zip(members, outcome):
            fixed[member] = result
    return fixed


def _allowed(finding: Finding, allowed: tuple[str, ...]) -> bool:
    """A fix --fix applies (a notebook's findings keep their edits to themselves: they count by cell)."""
    fix = finding.fix
    return fix is not None and fix.applicability in allowed and (bool(fix.edits) or finding.cell is not None)


def _decoded(data: bytes) -> str | None:
    from migrator.filecheck.python_file import python_encoding

    try:
        return data.decode(python_encoding(data))
    except (SyntaxError, UnicodeDecodeError, LookupError):
        return None
