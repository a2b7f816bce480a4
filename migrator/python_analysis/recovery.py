"""Leave out the statement a syntax error stands in, so the rest of a broken file can still be analysed.

A file with one bad line (``from wolf-logic.configs import x``, a merge
marker, a half-typed call) used to fall back to a text scan that called
every quoted ID a request, even a comparison or a log message. Replacing
only the broken statement with ``pass`` keeps every other line where it
was, so the analysis's positions hold for the original text. The file's
findings then carry no fix: a file Python cannot run is not rewritten.
"""

from __future__ import annotations

import io
import tokenize
from typing import NamedTuple

from migrator.textscan import lines_with_ends

# Statements left out before a file counts as too broken to analyse (it then gets the text scan).
MAX_LEFT_OUT = 8

_NOT_CODE = frozenset(
    {tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING, tokenize.ENDMARKER}
)


class LeftOut(NamedTuple):
    """The first and last line (1-based) of a statement replaced by a placeholder."""

    first: int
    last: int


def statement_extent(text: str, line: int) -> LeftOut:
    """The lines of the logical line that holds ``line``.

    The tokenizer groups physical lines into logical ones; where it gives up
    (an unclosed bracket or string) the statement runs from its first line
    to ``line``, and where it cannot say at all, it is ``line`` alone.
    """
    start: int | None = None
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
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
            return LeftOut(start, line)
    return LeftOut(line, line)


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t\f"))]


def _opens_block(lines: list[str], extent: LeftOut) -> bool:
    """Whether the next line of code is indented deeper than the statement: its body follows."""
    for later in lines[extent.last:]:
        code = later.strip()
        if code and not code.startswith("#"):
            return len(_indent(later).expandtabs()) > len(_indent(lines[extent.first - 1]).expandtabs())
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


def describe(left_out: list[LeftOut]) -> str:
    """``line 3`` / ``lines 3, 7-9``: the statements the analysis went without."""
    parts = [str(part.first) if part.first == part.last else f"{part.first}-{part.last}" for part in sorted(left_out)]
    return ("line " if len(parts) == 1 and "-" not in parts[0] else "lines ") + ", ".join(parts)
