"""Inline comments that steer the tool: ``# noqa``, ``ignore[...]`` and ``tier=``.

Comments are read with :mod:`tokenize`, so a ``# noqa`` inside a string is
never mistaken for one; a file that does not tokenize falls back to a plain
line scan.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field

ALL_CODES = "*"

_NOQA = re.compile(r"#\s*noqa(?P<colon>\s*:\s*(?P<codes>[A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*))?", re.IGNORECASE)
_OURS = re.compile(r"#\s*deepseek-migrate\s*:\s*(?P<body>[^#]*)")
_IGNORE = re.compile(r"ignore(?:\[(?P<codes>[^\]]*)\])?$")
_TIER = re.compile(r"tier\s*=\s*(?P<tier>[\w.-]+)$")


@dataclass
class LineDirectives:
    suppressed: set[str] = field(default_factory=set)
    tier: str | None = None
    problems: list[str] = field(default_factory=list)

    def suppresses(self, code: str) -> bool:
        return ALL_CODES in self.suppressed or code in self.suppressed


def scan_directives(source: str) -> dict[int, LineDirectives]:
    """Map each line number that carries a directive to what it says."""
    found: dict[int, LineDirectives] = {}
    for line, comment in _comments(source):
        _parse_comment(comment, found.setdefault(line, LineDirectives()))
    return {line: value for line, value in found.items() if value.suppressed or value.tier or value.problems}


def scan_comment_directives(text: str, markers: tuple[str, ...]) -> dict[int, LineDirectives]:
    """The same, for config files: a directive follows any of ``markers`` (``#``, ``;``, ``//``) on its line."""
    found: dict[int, LineDirectives] = {}
    for number, line in enumerate(text.split("\n"), start=1):  # lines as the readers count them
        starts = [(line.find(marker), marker) for marker in markers if marker in line]
        if starts:
            start, marker = min(starts)
            comment = "#" + line[start + len(marker):]  # the directive patterns read a Python comment
            _parse_comment(comment, found.setdefault(number, LineDirectives()))
    return {line: value for line, value in found.items() if value.suppressed or value.tier or value.problems}


def _comments(source: str) -> list[tuple[int, str]]:
    # Tokenizing costs a twentieth of a hit file's analysis: only a text that spells a directive somewhere pays it.
    if _NOQA.search(source) is None and _OURS.search(source) is None:
        return []
    try:
        tokens = tokenize.generate_tokens(io.StringIO(source).readline)
        return [(tok.start[0], tok.string) for tok in tokens if tok.type == tokenize.COMMENT]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return [
            (number, text[text.index("#"):])
            for number, text in enumerate(source.splitlines(), start=1)
            if "#" in text
        ]


def _parse_comment(comment: str, into: LineDirectives) -> None:
    for match in _NOQA.finditer(comment):
        codes = match.group("codes")
        if codes:
            into.suppressed.update(code.strip().upper() for code in codes.split(","))
        else:
            into.suppressed.add(ALL_CODES)
    ours = _OURS.search(comment)
    if not ours:
        return
    for part in (piece.strip() for piece in re.split(r";|,(?![^\[]*\])", ours.group("body"))):
        if not part:
            continue
        ignore = _IGNORE.match(part)
        tier = _TIER.match(part)
        if ignore:
            codes = [code.strip().upper() for code in (ignore.group("codes") or "").split(",") if code.strip()]
            into.suppressed.update(codes or [ALL_CODES])
        elif tier:
            into.tier = tier.group("tier")
        else:
            into.problems.append(f"unknown deepseek-migrate directive {part!r} (expected ignore[CODES] or tier=NAME)")
