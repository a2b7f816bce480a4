"""Leave out the statement a syntax error stands in, so the rest of a broken file can still be analysed.

A file with one bad line (``from wolf-logic.configs import x``, a merge
marker, a half-typed call) used to fall back to a text scan that called
every quoted ID a request, even a comparison or a log message. Replacing
only the broken statement with ``pass`` keeps every other line where it
was, so the analysis's positions hold for the original text. The file's
findings then carry no fix: a file Python cannot run is not rewritten.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from typing import NamedTuple

from migrator.textscan import lines_with_ends

# Statements left out before a file counts as too broken to analyse (it then gets the text scan).
MAX_LEFT_OUT = 8
# Larger files with a syntax error get the text scan: each statement left out tokenizes the file again.
MAX_RECOVERED_CHARS = 256_000

_NOT_CODE = frozenset(
    {tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING, tokenize.ENDMARKER}
)


class LeftOut(NamedTuple):
    """The first and last line (1-based) of a statement replaced by a placeholder."""

    first: int
    last: int


def statement_extent(text: str, line: int) -> LeftOut:
    """The lines of the logical line that holds ``line``.

    The tokenizer groups physical lines into logical ones. Where it gives up
    (a bracket or string never closed: a half-typed call) the statement runs
    from its first line over every later line indented deeper than it, so a
    call's arguments go with it, unless the line ends a block header
    (``def ask(:``), whose body stays; where it cannot say at all, it is
    ``line`` alone.
    """
    start: int | None = None
    try:
        for token in tokenize.generate_tokens(io.StringIO(text, newline=None).readline):
            if token.type in _NOT_CODE:
                continue
            if token.type == tokenize.NEWLINE:
                end = token.start[0]
                if start is not None and start <= line <= end:
                    return LeftOut(start, end)
                if start is not None and start > line:
                    break
                start = None
            elif start is None:
                start = token.start[0]
    except (tokenize.TokenError, SyntaxError):
        if start is not None and start <= line:
            lines = lines_with_ends(text)
            if lines[line - 1].split("#", 1)[0].rstrip().endswith(":"):
                return LeftOut(start, line)  # def ask(: a block header, whose body is code of its own
            return _with_deeper_lines(lines, start, line)
    return LeftOut(line, line)


def _with_deeper_lines(lines: list[str], first: int, line: int) -> LeftOut:
    """From ``first`` to the last line before the next line of code indented no deeper than ``first``."""
    width = _width(lines[first - 1])
    last = max(first, line)
    for number in range(last + 1, len(lines) + 1):
        code = lines[number - 1].strip()
        if code and not code.startswith("#"):
            if _width(lines[number - 1]) <= width:
                break
            last = number  # blank and comment lines after the statement's last line stay where they are
    return LeftOut(first, last)


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t\f"))]


def _width(line: str) -> int:
    """The column a line's code starts at, as Python counts it (a form feed starts the count again)."""
    return len(_indent(line).rsplit("\f", 1)[-1].expandtabs())


def _opens_block(lines: list[str], extent: LeftOut) -> bool:
    """Whether the next line of code is indented deeper than the statement: its body follows."""
    for later in lines[extent.last:]:
        code = later.strip()
        if code and not code.startswith("#"):
            return _width(later) > _width(lines[extent.first - 1])
    return False


def leave_out(text: str, line: int, indentation_error: bool) -> tuple[str, LeftOut]:
    """``text`` with the statement at ``line`` replaced, every line count and line ending kept.

    The statement becomes ``pass`` (``if True:`` when the next line of code
    is indented deeper, so a block's body still parses) at its own indentation. An indentation error's
    statement becomes blank lines instead, which the tokenizer skips.
    """
    lines = lines_with_ends(text)
    line = min(max(line, 1), max(len(lines), 1))
    extent = statement_extent(text, line)
    opens_block = _opens_block(lines, extent)
    for number in range(extent.first, min(extent.last, len(lines)) + 1):
        old = lines[number - 1]
        ending = old[len(old.rstrip("\r\n")):]
        body = old[: len(old) - len(ending)]
        placeholder = ""
        if number == extent.first and not indentation_error:
            placeholder = _indent(body) + ("if True:" if opens_block else "pass")
        lines[number - 1] = placeholder + ending
    return "".join(lines), extent


def _python_error(text: str) -> tuple[int, bool] | None:
    """Where CPython's parser first fails on ``text`` (line, indentation error), None when it parses.

    Raises ValueError when it fails where no line can be named (null bytes before Python 3.12).
    """
    try:
        compile(text, "<recovered>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as error:
        return error.lineno or 1, isinstance(error, IndentationError)
    except (RecursionError, MemoryError):
        raise ValueError("too deeply nested to recover") from None
    return None


def recover(text: str, line: int, indentation_error: bool, left_out: list[LeftOut]) -> str | None:
    """``text`` without the statement at ``line`` and every later one CPython still cannot parse (appended to
    ``left_out``); None when the file is too large or too broken to recover.

    CPython's parser finds the next broken statement at a small part of the
    analysis's cost, so the analysis runs again only once the text parses
    (or libcst alone refuses it).
    """
    if len(text) > MAX_RECOVERED_CHARS:
        return None
    while True:
        if len(left_out) == MAX_LEFT_OUT:
            return None
        text, extent = leave_out(text, line, indentation_error)
        if extent in left_out:  # the placeholder did not help
            return None
        left_out.append(extent)
        try:
            error = _python_error(text)
        except ValueError:
            return None
        if error is None:
            return text
        line, indentation_error = error


_MERGE_MARKER = re.compile(r"(<{7}|={7}|>{7}|\|{7})(\s|$)")


def benign_statement(lines: list[str], part: LeftOut) -> bool:
    """A left-out statement whose absence changes no other line's meaning: an import (what it names is then
    unknown, which only makes a verdict more cautious) or a merge-conflict marker."""
    first = lines[part.first - 1].strip() if part.first <= len(lines) else ""
    return bool(_MERGE_MARKER.match(first)) or first.startswith(("import ", "from "))


def describe(left_out: list[LeftOut]) -> str:
    """``line 3`` / ``lines 3, 7-9``: the statements the analysis went without."""
    parts = [str(part.first) if part.first == part.last else f"{part.first}-{part.last}" for part in sorted(left_out)]
    return ("line " if len(parts) == 1 and "-" not in parts[0] else "lines ") + ", ".join(parts)
