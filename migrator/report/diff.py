"""``--diff``: the fixes as unified diffs on stdout, a one-line count on stderr."""

from __future__ import annotations

from typing import Sequence, TextIO

from migrator.findings import FileError
from migrator.textscan import lines_with_ends

_COLORS = {"+": "\x1b[32m", "-": "\x1b[31m", "@": "\x1b[36m"}
_RESET = "\x1b[0m"


def render_diffs(
    diffs: Sequence[str], fixed: int, errors: Sequence[FileError], out: TextIO, err: TextIO, color: bool
) -> None:
    for diff in diffs:
        for line in lines_with_ends(diff):
            start = _COLORS.get(line[:1]) if color and not line.startswith(("+++", "---")) else None
            out.write(f"{start}{line.rstrip(chr(10))}{_RESET}\n" if start else line)
    for error in errors:
        err.write(f"{error.path}: error: {error.message}\n")
    noun = "fix" if fixed == 1 else "fixes"
    files = f"{len(diffs)} file{'s' if len(diffs) != 1 else ''}"
    err.write(f"Would apply {fixed} {noun} in {files}.\n" if fixed else "No fixes to apply.\n")
