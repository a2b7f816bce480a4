"""One tree shape for every config format, with each scalar's place in the text.

Parsers (JSON, YAML, TOML, .env, INI) turn a file into these nodes; the
judge reads only these, so it never knows which format it is looking at.
Offsets are character indices into the decoded text; ``start``/``end`` of a
scalar cover its token as written (quotes included).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass
class Scalar:
    value: str  # the value after unquoting and unescaping
    start: int
    end: int
    quoted: bool = False
    # Block scalars and values with escapes: the ID's characters in the text
    # may not be the value's, so no edit is offered.
    literal_text: bool = True


@dataclass
class Mapping:
    entries: list[tuple[str, "Node"]] = field(default_factory=list)
    start: int = 0


@dataclass
class Sequence:
    items: list["Node"] = field(default_factory=list)
    start: int = 0


Node = Union[Scalar, Mapping, Sequence, None]


class ConfigParseError(ValueError):
    """The file is not valid in its format; ``offset`` is where the parser stopped."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


# Nesting deeper than this is not configuration; refusing it keeps every parser's recursion bounded.
MAX_DEPTH = 200
