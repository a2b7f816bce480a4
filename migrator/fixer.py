"""Apply fixes: edit, verify, repeat until nothing changes, write atomically.

The guarantees: new text is parsed (Python: and compiled; config files: read
again in their format) before it is kept; a file
whose fixes would break it is left untouched; the write goes to a temporary
file in the same folder and replaces the original in one step, keeping its
mode, encoding, BOM and line endings; a file that changed on disk since it
was read, or that is read-only, is not written.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Collection, Sequence

from migrator.findings import Finding, Fix, Span
from migrator.readfile import read_regular
from migrator.textscan import LineIndex, lines_with_ends

MAX_PASSES = 32  # one pass per level of requests nested in each other's arguments


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
    validate: Callable[[str], str | None] | None = None,
) -> FixOutcome:
    """Apply every allowed fix, re-checking after each pass, until none is left.

    ``validate`` says why a fixed text is broken (None: it is fine); by
    default, why it is not valid Python.
    """
    applied = 0
    findings = first if first is not None else check(source)
    if validate is None:
        strict = compiles(source)
        validate = lambda text: verify(text, strict)  # noqa: E731
    for passes in range(MAX_PASSES + 1):
        fixes = [
            f.fix for f in findings
            if f.fix is not None and f.fix.edits and f.fix.applicability in applicabilities and not spans_files(f.fix)
        ]
        if not fixes:
            break
        if passes == MAX_PASSES:
            error = f"{len(fixes)} fix(es) left after {MAX_PASSES} passes (requests nested that deep): run --fix again"
            return FixOutcome(source, applied, error)
        updated, count = apply_fixes(source, fixes)
        if count == 0 or updated == source:
            break
        problem = validate(updated)
        if problem is not None:
            updated, count, problem = _one_at_a_time(source, fixes, validate)
            if count == 0:
                return FixOutcome(source, applied, f"fixes not applied: they would make the file invalid ({problem})")
        source, applied = updated, applied + count
        findings = check(source)
    return FixOutcome(source, applied)


def spans_files(fix: Fix) -> bool:
    """Does the fix edit other files too? Those are applied by the whole-project step, all files or none."""
    return any(edit.path is not None for edit in fix.edits)


def _one_at_a_time(
    source: str, fixes: Sequence[Fix], validate: Callable[[str], str | None]
) -> tuple[str, int, str | None]:
    """Apply fixes singly, keeping each that leaves the file valid; report the first that does not."""
    applied, first_problem = 0, None
    for fix in fixes:
        updated, count = apply_fixes(source, [fix])
        problem = validate(updated) if count else None
        if count and problem is None:
            source, applied = updated, applied + 1
            break  # positions of the rest moved: the next pass re-checks
        first_problem = first_problem or problem
    return source, applied, first_problem


def apply_fixes(source: str, fixes: Sequence[Fix]) -> tuple[str, int]:
    """Apply whole fixes that do not clash with an earlier one (``_clash``); count them."""
    updated, kept = apply_fixes_kept(source, fixes)
    return updated, len(kept)


def apply_fixes_kept(source: str, fixes: Sequence[Fix]) -> tuple[str, list[Fix]]:
    """Like ``apply_fixes``, saying which fixes were applied (the others wait for a later pass)."""
    index = LineIndex(source)
    kept: list[tuple[Fix, list[tuple[int, int, str]]]] = []
    # Fixes come in order of their first edit, so only kept fixes reaching past that point can
    # interleave with the next one (a sweep: the run stays linear in the number of fixes);
    # fixes of the same request clash wherever they are.
    reaching: list[tuple[Fix, list[tuple[int, int, str]], int]] = []
    by_request: dict[Span, list[tuple[Fix, list[tuple[int, int, str]]]]] = {}
    for fix in sorted(fixes, key=lambda fix: min(_start(index, edit.span) for edit in fix.edits)):
        ranges = [(_start(index, e.span), _end(index, e.span), e.content) for e in fix.edits]
        first, last = min(start for start, _, _ in ranges), max(end for _, end, _ in ranges)
        reaching = [item for item in reaching if item[2] >= first]
        near = [(other, taken) for other, taken, _ in reaching]
        near += by_request.get(fix.request, []) if fix.request is not None else []
        if not any(_clash(fix, ranges, other, taken, index) for other, taken in near):
            kept.append((fix, ranges))
            reaching.append((fix, ranges, last))
            if fix.request is not None:
                by_request.setdefault(fix.request, []).append((fix, ranges))
    chosen = [edit for _, ranges in kept for edit in ranges]
    for start, end, content in sorted(chosen, reverse=True):
        source = source[:start] + content + source[end:]
    return source, [fix for fix, _ in kept]


Ranges = Sequence[tuple[int, int, str]]


def _clash(fix: Fix, ranges: Ranges, other: Fix, taken: Ranges, index: LineIndex) -> bool:
    """Must ``fix`` wait for the next pass, ``other`` being applied in this one?

    Always when their edits overlap. Otherwise fixes of two different
    requests, one nested in the other's arguments, go together; any other
    pair whose edits interleave waits (a second fix of the same request was
    computed on text the first one changes).
    """
    if any(start < end_taken and start_taken < end for start, end, _ in ranges for start_taken, end_taken, _ in taken):
        return True
    if fix.request is not None and fix.request == other.request:
        return True  # each was computed on the request as the other found it
    if fix.request is not None and other.request is not None:
        inner, outer = sorted((fix.request, other.request), key=lambda span: _length(index, span))
        if _start(index, outer) <= _start(index, inner) and _end(index, inner) <= _end(index, outer):
            return False
    first, last = min(start for start, _, _ in ranges), max(end for _, end, _ in ranges)
    first_taken, last_taken = min(start for start, _, _ in taken), max(end for _, end, _ in taken)
    return first <= last_taken and first_taken <= last


def _length(index: LineIndex, span: Span) -> int:
    return _end(index, span) - _start(index, span)


def _start(index: LineIndex, span: Span) -> int:
    return index.offset(span.line, span.column)


def _end(index: LineIndex, span: Span) -> int:
    return index.offset(span.end_line, span.end_column)


def compiles(text: str) -> bool:
    """Does the running interpreter compile ``text``?"""
    return _compile_problem(text) is None


def _compile_problem(text: str) -> str | None:
    try:
        compile(text, "<fixed file>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"
    except (RecursionError, MemoryError) as exc:
        return f"{type(exc).__name__}: too deeply nested to compile"
    return None


def verify(text: str, strict: bool = True) -> str | None:
    """Why fixed ``text`` is not valid Python, or None.

    libcst must always parse it. ``strict`` (the original compiled on this
    interpreter) also requires that CPython still compiles it: a file in
    newer syntax (PEP 701 f-strings on 3.11) is not refused for what this
    interpreter cannot read, only for what the fix broke.
    """
    if strict:
        problem = _compile_problem(text)
        if problem is not None:
            return problem
    import libcst

    try:
        libcst.parse_module(text)
    except libcst.ParserSyntaxError as exc:
        return f"libcst: {exc.message}"
    return None


def unified_diff(before: str, after: str, path: str) -> str:
    """A unified diff that ``git apply`` and ``patch`` accept.

    Its lines are the file's own (form feeds and U+2028 do not end lines); a
    last line without a line break gets ``\\ No newline at end of file``
    after it, as ``diff -u`` writes, instead of running into the next line.
    """
    lines = difflib.unified_diff(lines_with_ends(before), lines_with_ends(after), f"a/{path}", f"b/{path}")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


def write_atomically(path: Path, original: bytes, new: bytes) -> str | None:
    """Replace ``path`` with ``new`` unless it changed since ``original`` was read; why not, or None.

    The change-on-disk check runs twice: before the temporary file is made,
    and again right before the rename (size, modification time, inode and
    the content itself), so an edit saved meanwhile is never overwritten.
    A file the running user could not write in place, or whose owner the
    write would change, is left alone.
    """
    try:
        status = path.lstat()  # the engine hands over a link's target: a link here was swapped in
        if not stat.S_ISREG(status.st_mode):
            return "no longer a regular file: not fixed"
        if not status.st_mode & stat.S_IWUSR:
            return "read-only: not fixed"
        if not os.access(path, os.W_OK):
            return "not writable by this user: not fixed"
        if status.st_nlink > 1:
            return f"has {status.st_nlink} hard links: not fixed (replacing it would split them)"
        if read_regular(path, follow_links=False) != original:
            return _CHANGED
        # A fixed prefix: a name near the file system's limit leaves no room for one built from it.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".deepseek-migrate-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(new)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, stat.S_IMODE(status.st_mode))
            problem = _keep_owner(temporary, status)
            if problem is None and _moved(path, status, original):
                problem = _CHANGED
            if problem is None and os.path.realpath(path.parent) != str(path.parent):
                problem = "a folder on its path became a link while it was being fixed: not fixed"
            if problem is not None:
                Path(temporary).unlink(missing_ok=True)
                return problem
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        return f"cannot write the fix: {exc.strerror or exc}"
    return None


_CHANGED = "changed on disk while it was being fixed: not overwritten"


def _keep_owner(temporary: str, status: os.stat_result) -> str | None:
    """Give the new file the old one's owner and group; refuse when that is not allowed."""
    mine = os.stat(temporary)
    if (mine.st_uid, mine.st_gid) == (status.st_uid, status.st_gid) or not hasattr(os, "chown"):
        return None
    try:
        os.chown(temporary, status.st_uid, status.st_gid)
    except PermissionError:
        return "fixing it would change its owner (another user's file): not fixed"
    return None


def _moved(path: Path, before: os.stat_result, original: bytes) -> bool:
    """Has the file changed since ``before`` was taken (checked just before the rename)?"""
    now = path.lstat()
    if (now.st_mode, now.st_size, now.st_mtime_ns, now.st_ino) != (
        before.st_mode, before.st_size, before.st_mtime_ns, before.st_ino
    ):
        return True
    return read_regular(path, follow_links=False) != original

