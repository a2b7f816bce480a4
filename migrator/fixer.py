"""Apply fixes: edit, verify, repeat until nothing changes, write atomically.

The guarantees: new text is parsed and compiled before it is kept; a file
whose fixes would break it is left untouched; the write goes to a temporary
file in the same folder and replaces the original in one step, keeping its
mode, encoding, BOM and line endings; a file that changed on disk since it
was read, or that is read-only, is not written.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Collection, Sequence

from migrator.findings import Finding, Fix, Span
from migrator.textscan import lines_with_ends

MAX_PASSES = 32  # one pass per level of requests nested in each other's arguments
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class FixOutcome:
    source: str
    applied: int
    error: str | None = None


def fix_source(
    source: str,
    check: Callable[[str], list[Finding]],
    applicabilities: Collection[str],
    first: list[Finding] | None = None,
) -> FixOutcome:
    """Apply every allowed fix, re-checking after each pass, until none is left."""
    applied = 0
    findings = first if first is not None else check(source)
    for _ in range(MAX_PASSES):
        fixes = [f.fix for f in findings if f.fix is not None and f.fix.edits and f.fix.applicability in applicabilities]
        if not fixes:
            break
        updated, count = apply_fixes(source, fixes)
        if count == 0 or updated == source:
            break
        problem = verify(updated)
        if problem is not None:
            updated, count, problem = _one_at_a_time(source, fixes)
            if count == 0:
                return FixOutcome(source, applied, f"fixes not applied: they would make the file invalid ({problem})")
        source, applied = updated, applied + count
        findings = check(source)
    return FixOutcome(source, applied)


def _one_at_a_time(source: str, fixes: Sequence[Fix]) -> tuple[str, int, str | None]:
    """Apply fixes singly, keeping each that leaves the file valid; report the first that does not."""
    applied, first_problem = 0, None
    for fix in fixes:
        updated, count = apply_fixes(source, [fix])
        problem = verify(updated) if count else None
        if count and problem is None:
            source, applied = updated, applied + 1
            break  # positions of the rest moved: the next pass re-checks
        first_problem = first_problem or problem
    return source, applied, first_problem


def apply_fixes(source: str, fixes: Sequence[Fix]) -> tuple[str, int]:
    """Apply whole fixes whose edits do not overlap an earlier one's; count them."""
    index = _LineIndex(source)
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, str]] = []
    count = 0
    for fix in sorted(fixes, key=lambda fix: min(index.offset(edit.span, start=True) for edit in fix.edits)):
        ranges = [(index.offset(e.span, start=True), index.offset(e.span, start=False), e.content) for e in fix.edits]
        if any(start < end_taken and start_taken < end for start, end, _ in ranges for start_taken, end_taken in taken):
            continue  # overlaps: the next pass gets it
        taken.extend((start, end) for start, end, _ in ranges)
        chosen.extend(ranges)
        count += 1
    for start, end, content in sorted(chosen, reverse=True):
        source = source[:start] + content + source[end:]
    return source, count


class _LineIndex:
    """Turn 1-based (line, column) positions into string offsets."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]

    def offset(self, span: Span, start: bool) -> int:
        line, column = (span.line, span.column) if start else (span.end_line, span.end_column)
        return self.starts[line - 1] + column - 1


def verify(text: str) -> str | None:
    """Why ``text`` is not valid Python (for CPython and for libcst), or None."""
    try:
        compile(text, "<fixed file>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"
    import libcst

    try:
        libcst.parse_module(text)
    except libcst.ParserSyntaxError as exc:
        return f"libcst: {exc.message}"
    return None


def unified_diff(before: str, after: str, path: str) -> str:
    """A unified diff whose lines are the file's own (form feeds and U+2028 do not end lines)."""
    return "".join(difflib.unified_diff(lines_with_ends(before), lines_with_ends(after), f"a/{path}", f"b/{path}"))


def write_atomically(path: Path, original: bytes, new: bytes) -> str | None:
    """Replace ``path`` with ``new`` unless it changed since ``original`` was read."""
    try:
        status = path.stat()
        if not status.st_mode & stat.S_IWUSR:
            return "read-only: not fixed"
        if status.st_nlink > 1:
            return f"has {status.st_nlink} hard links: not fixed (replacing it would split them)"
        if path.read_bytes() != original:
            return "changed on disk while it was being fixed: not overwritten"
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(new)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, stat.S_IMODE(status.st_mode))
            if hasattr(os, "chown"):
                try:
                    os.chown(temporary, status.st_uid, status.st_gid)
                except PermissionError:
                    pass  # only the owner or root can give a file away; ours is then the best we can do
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        return f"cannot write the fix: {exc.strerror or exc}"
    return None
