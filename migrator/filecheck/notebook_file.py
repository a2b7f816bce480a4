"""Check one Jupyter notebook: its code cells through the Python analysis, findings placed by cell."""

from __future__ import annotations

import json
import re
from pathlib import Path

from migrator.filecheck.job import FileResult, Job, Surroundings, display_path
from migrator.filecheck.python_file import check_python_source
from migrator.findings import FileError, Finding, Span
from migrator.fixer import fix_source, unified_diff
from migrator.notebooks import Notebook, NotebookError, read_notebook, split_module, write_cells
from migrator.textscan import physical_lines


def check_notebook_file(job: Job, path: Path, data: bytes, place: Surroundings) -> FileResult:
    shown = display_path(path, job.cwd)
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig" if bom else "utf-8")
        notebook = read_notebook(text)
    except UnicodeDecodeError as exc:
        return FileResult(errors=[FileError(shown, f"cannot decode as UTF-8: {exc}")])
    except NotebookError as exc:
        return FileResult(errors=[FileError(shown, str(exc))])
    module, origin = notebook.module()
    checked = check_python_source(job, path, shown, module, place)
    result = _by_cell(checked, notebook, origin, shown)
    if job.fix is None or not any(f.fix and f.fix.edits for f in checked.findings):
        return result

    outcome = fix_source(
        module, lambda new: check_python_source(job, path, shown, new, place).findings, job.fix.applicabilities,
        checked.findings,
    )
    if outcome.error is not None:
        result.errors.append(FileError(shown, outcome.error))
    if outcome.applied == 0:
        return result
    new_text = write_cells(notebook, split_module(outcome.source, notebook))
    problem = _unchanged_outside_sources(text, new_text)
    if problem is not None:
        result.errors.append(FileError(shown, f"fixes not applied: {problem}"))
        return result
    fixed_notebook = read_notebook(new_text)
    fixed_module, fixed_origin = fixed_notebook.module()
    fixed = _by_cell(check_python_source(job, path, shown, fixed_module, place), fixed_notebook, fixed_origin, shown)
    fixed.fixed = outcome.applied
    if job.fix.write:
        fixed.new_bytes, fixed.unfixed = (b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8"), result
    else:
        fixed.diff = unified_diff(text, new_text, shown)
    return fixed


def _by_cell(checked: FileResult, notebook: Notebook, origin: dict[int, tuple[int, int]], shown: str) -> FileResult:
    """Findings and errors with lines counted inside their cell."""
    result = FileResult(lines=None, errors=[_error_in_cell(error, origin) for error in checked.errors])
    result.cell_lines = {cell.number: physical_lines(cell.text) for cell in notebook.cells}
    for finding in checked.findings:
        placed = _placed(finding, origin)
        if placed is not None:
            result.findings.append(placed)
    return result


def _placed(finding: Finding, origin: dict[int, tuple[int, int]]) -> Finding | None:
    start = origin.get(finding.span.line)
    end = origin.get(finding.span.end_line, start)
    if start is None or end is None or end[0] != start[0]:
        return None  # on a cell marker line: cannot happen for a finding about code
    span = Span(start[1], finding.span.column, end[1], finding.span.end_column)
    return finding._replace(span=span, cell=start[0], fix=finding.fix and finding.fix._replace(edits=()))


_LINE = re.compile(r"\bline (\d+)")
# "line 12", or "lines 7, 9-10" (the statements a file with a syntax error was analysed without)
_PLACES = re.compile(r"\blines (\d+(?:-\d+)?(?:, \d+(?:-\d+)?)*)|\bline (\d+)")


def _error_in_cell(error: FileError, origin: dict[int, tuple[int, int]]) -> FileError:
    """``syntax error at line 12 ... on line 11`` in module lines -> ``cell 3: ... line 2 ... on line 1``."""
    numbers = [int(found) for found in _LINE.findall(error.message)]
    places = [origin.get(number) for number in numbers]
    if not places or places[0] is None:
        return error
    cell = places[0][0]

    def in_cell(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return listed(match)
        place = origin.get(int(match.group(2)))
        if place is None:
            return match.group(0)
        return f"line {place[1]}" if place[0] == cell else f"cell {place[0]} line {place[1]}"

    def listed(match: re.Match[str]) -> str:  # "lines 7, 9-10" -> "line 2, cell 4 lines 1-2"
        parts = []
        for part in match.group(1).split(", "):
            first, _, last = part.partition("-")
            start, end = origin.get(int(first)), origin.get(int(last or first))
            if start is None or end is None:
                return match.group(0)
            inside = "" if start[0] == cell else f"cell {start[0]} "
            if not last or start == end:
                parts.append(f"{inside}line {start[1]}")
            elif end[0] == start[0]:
                parts.append(f"{inside}lines {start[1]}-{end[1]}")
            else:
                parts.append(f"{inside}line {start[1]} to cell {end[0]} line {end[1]}")
        return ", ".join(parts)

    message = _PLACES.sub(in_cell, error.message)
    return FileError(error.path, f"cell {cell}: {message}")


def _unchanged_outside_sources(before: str, after: str) -> str | None:
    """Everything but the code cells' sources must be equal, as JSON, after the rewrite."""
    try:
        old, new = json.loads(before), json.loads(after)
    except json.JSONDecodeError as exc:
        return f"the rewritten notebook is not valid JSON ({exc.msg})"
    for cell in (*old.get("cells", []), *new.get("cells", [])):
        if cell.get("cell_type") == "code":
            cell["source"] = None
    return None if old == new else "the rewrite would change more than code cell sources"
