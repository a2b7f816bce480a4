"""JSON and JSONC (comments, trailing commas) with the place of every value.

``json`` gives values without positions; this reader keeps them, so that a
finding points at the value's characters and a fix rewrites only those.
"""

from __future__ import annotations

import json
import re

from migrator.config_analysis.tree import MAX_DEPTH, ConfigParseError, Mapping, Node, Scalar, Sequence

_SPACE = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", re.DOTALL)
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"')
# Python's json also reads NaN and Infinity (Jupyter writes them in outputs).
_ATOM = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|NaN|-?Infinity")


def parse_json(text: str) -> Node:
    """The document's tree; ``ConfigParseError`` names where it stops being JSON."""
    reader = _Reader(text)
    node = reader.value(0)
    reader.skip()
    if reader.at < len(text):
        raise ConfigParseError("extra data after the JSON value", reader.at)
    return node


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def skip(self) -> None:
        match = _SPACE.match(self.text, self.at)
        self.at = match.end() if match else self.at
        if self.text.startswith("/*", self.at):
            raise ConfigParseError("unterminated comment", self.at)

    def value(self, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise ConfigParseError(f"nested more than {MAX_DEPTH} levels deep", self.at)
        self.skip()
        char = self.text[self.at : self.at + 1]
        if char == "{":
            return self.mapping(depth)
        if char == "[":
            return self.sequence(depth)
        if char == '"':
            return self.string()
        match = _ATOM.match(self.text, self.at)
        if match is None:
            raise ConfigParseError("expected a JSON value", self.at)
        self.at = match.end()
        return Scalar(match.group(), match.start(), match.end(), quoted=False)

    def string(self) -> Scalar:
        match = _STRING.match(self.text, self.at)
        if match is None:
            raise ConfigParseError("invalid string", self.at)
        self.at = match.end()
        raw = match.group()
        return Scalar(json.loads(raw), match.start(), match.end(), quoted=True, literal_text="\\" not in raw)

    def mapping(self, depth: int) -> Mapping:
        node = Mapping(start=self.at)
        self.at += 1
        while True:
            self.skip()
            if self.text.startswith("}", self.at):
                self.at += 1
                return node
            if not self.text.startswith('"', self.at):
                raise ConfigParseError("expected a key in double quotes or '}'", self.at)
            key = self.string().value
            self.skip()
            if not self.text.startswith(":", self.at):
                raise ConfigParseError("expected ':' after the key", self.at)
            self.at += 1
            node.entries.append((key, self.value(depth + 1)))
            if not self.separator("}"):
                return node

    def sequence(self, depth: int) -> Sequence:
        node = Sequence(start=self.at)
        self.at += 1
        while True:
            self.skip()
            if self.text.startswith("]", self.at):
                self.at += 1
                return node
            node.items.append(self.value(depth + 1))
            if not self.separator("]"):
                return node

    def separator(self, closer: str) -> bool:
        """After an item: a comma (go on) or the closer (done)."""
        self.skip()
        if self.text.startswith(",", self.at):
            self.at += 1
            return True
        if self.text.startswith(closer, self.at):
            self.at += 1
            return False
        raise ConfigParseError(f"expected ',' or '{closer}'", self.at)
