"""Text-level search for quoted retired IDs, for files the parser cannot read.

Used where the analysis cannot read the code (a statement left out for a
syntax error, a file too deep or too large to analyse): the lines still get
findings (without fixes), so a broken file never hides a retired ID.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from migrator.catalog import Catalog
from migrator.findings import Span

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def physical_lines(text: str) -> list[str]:
    """Lines as Python counts them: only \\n, \\r\\n and \\r end a line.

    ``str.splitlines`` also splits on form feeds and U+2028, which would
    shift every line number after them.
    """
    lines = _LINE_BREAK.split(text)
    return lines[:-1] if lines and lines[-1] == "" else lines


class LineIndex:
    """A text with 1-based (line, column) positions turned into string offsets.

    Lines are counted as Python counts them; columns count characters.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of a string offset."""
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def slice(self, span: Span) -> str:
        """The text a span covers."""
        return self.text[self.offset(span.line, span.column): self.offset(span.end_line, span.end_column)]


_LINE_WITH_END = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def lines_with_ends(text: str) -> list[str]:
    """Like ``splitlines(keepends=True)``, but only \\n, \\r\\n and \\r end a line."""
    return _LINE_WITH_END.findall(text)


class TextHit(NamedTuple):
    span: Span
    value: str
    legacy_id: str
    prefix: str


def quoted_id_pattern(catalog: Catalog) -> re.Pattern[str]:
    prefixes = "|".join(re.escape(prefix) for prefix in catalog.deepseek_prefixes)
    ids = "|".join(re.escape(legacy_id) for legacy_id in sorted(catalog.legacy, key=len, reverse=True))
    return re.compile(rf"(?P<quote>['\"])(?P<value>(?:{prefixes})?(?:{ids}))(?P=quote)")


def find_quoted_ids(text: str, catalog: Catalog) -> list[TextHit]:
    """Every quoted string that is exactly a retired ID, outside ``#`` comments."""
    pattern = quoted_id_pattern(catalog)
    hits = []
    for number, line in enumerate(physical_lines(text), start=1):
        for match in pattern.finditer(line):
            if _in_comment(line, match.start()):
                continue
            split = catalog.split_model_string(match.group("value"))
            if split is None:
                continue
            hits.append(
                TextHit(
                    span=Span(number, match.start() + 1, number, match.end() + 1),
                    value=match.group("value"),
                    legacy_id=split[1],
                    prefix=split[0],
                )
            )
    return hits


def _in_comment(line: str, offset: int) -> bool:
    """A ``#`` before ``offset`` that is not inside quotes starts a comment."""
    quote = ""
    for char in line[:offset]:
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#":
            return True
    return False


# C0 controls but tab and newline, DEL, C1 controls (a table: str.translate needs no regex compiled at start-up).
_CONTROLS = {code: f"\\x{code:02x}" for code in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))}


def escape_controls(text: str) -> str:
    """Control characters as ``\\xNN``: an ESC in a file name or a line must not reach a terminal."""
    return text.translate(_CONTROLS)
