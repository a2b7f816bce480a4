"""TOML with the place of every value.

``tomllib`` says whether the file is valid and what each key holds; this
scanner only finds where values are written. Every string it places is
checked against ``tomllib``'s value at the same key path, and a string whose
path it could not follow is left out rather than placed wrongly.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from migrator.config_analysis.tree import MAX_DEPTH, ConfigParseError, Mapping, Node, Scalar, Sequence

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9 and 3.10
    import tomli as tomllib

_SPACE = re.compile(r"[ \t]*(?:#[^\n]*)?")
_BLANK = re.compile(r"(?:[ \t\r\n]*(?:#[^\n]*)?)*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_STRINGS = (
    re.compile(r'"""(?:[^\\]|\\.)*?"{3,5}', re.DOTALL),
    re.compile(r"'''.*?'{3,5}", re.DOTALL),
    re.compile(r'"(?:[^"\\\n]|\\.)*"'),
    re.compile(r"'[^'\n]*'"),
)
_ATOM = re.compile(r"[^\s,\]\}#]+(?: [0-9:.+Z-]+)?")


def parse_toml(text: str) -> Node:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigParseError(str(exc).split(" (at ")[0], _offset_of(text, str(exc))) from None
    except RecursionError:
        raise ConfigParseError(f"nested more than {MAX_DEPTH} levels deep", 0) from None
    root = Mapping()
    children: dict[int, dict[str, Node]] = {}
    for path, scalar in _Scanner(text).scan():
        if _value_at(document, path) == scalar.value:
            _place(root, path, scalar, children)
    return root


def _offset_of(text: str, message: str) -> int:
    match = re.search(r"line (\d+), column (\d+)", message)
    if not match:
        return 0
    lines = text.splitlines(keepends=True)
    line, column = int(match.group(1)), int(match.group(2))
    return sum(len(item) for item in lines[: line - 1]) + column - 1


def _value_at(document: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        try:
            document = document[part]
        except (KeyError, IndexError, TypeError):
            return None
    return document


def _place(root: Mapping, path: tuple[str | int, ...], scalar: Scalar, children: dict[int, dict[str, Node]]) -> None:
    """Hang the scalar in the tree at ``path``, making the mappings and lists on the way.

    ``children`` indexes each mapping's entries by key, so placing stays linear.
    """
    node: Mapping | Sequence = root
    for index, part in enumerate(path):
        last = index == len(path) - 1
        following: Node = scalar if last else (Sequence() if isinstance(path[index + 1], int) else Mapping())
        if isinstance(node, Mapping):
            known = children.setdefault(id(node), {})
            found = known.get(str(part))
            if found is None or last:
                node.entries.append((str(part), following))
                known[str(part)] = following
                found = following
            node = found  # type: ignore[assignment]
        else:
            position = int(part)
            while len(node.items) <= position:
                node.items.append(Sequence() if not last and isinstance(path[index + 1], int) else Mapping())
            if last:
                node.items[position] = scalar
            node = node.items[position]  # type: ignore[assignment]


class _Scanner:
    """Walks the text as TOML's grammar lays it out, yielding (key path, string scalar)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        self.table: tuple[str | int, ...] = ()
        self.array_tables: dict[tuple[str | int, ...], int] = {}

    def scan(self) -> list[tuple[tuple[str | int, ...], Scalar]]:
        found: list[tuple[tuple[str | int, ...], Scalar]] = []
        while True:
            self.at = _BLANK.match(self.text, self.at).end()  # type: ignore[union-attr]
            if self.at >= len(self.text):
                return found
            if self.text.startswith("[[", self.at):
                self.at += 2
                keys = self.keys()
                self.expect("]]")
                path = (*self.resolve(keys[:-1]), keys[-1])
                # Paths carry the indices of the arrays they are nested in, so a nested array of
                # tables under a new parent element starts afresh without forgetting anything.
                index = self.array_tables.get(path, -1) + 1
                self.array_tables[path] = index
                self.table = (*path, index)
            elif self.text.startswith("[", self.at):
                self.at += 1
                keys = self.keys()
                self.expect("]")
                self.table = self.resolve(keys)
            else:
                keys = self.keys()
                self.expect("=")
                self.value((*self.table, *keys), found, 0)
            self.at = _SPACE.match(self.text, self.at).end()  # type: ignore[union-attr]

    def resolve(self, keys: tuple[str, ...]) -> tuple[str | int, ...]:
        """A table header's path, through the arrays of tables it is nested in."""
        path: tuple[str | int, ...] = ()
        for key in keys:
            path = (*path, key)
            if path in self.array_tables:
                path = (*path, self.array_tables[path])
        return path

    def keys(self) -> tuple[str, ...]:
        parts: list[str] = []
        while True:
            self.at = _SPACE.match(self.text, self.at).end()  # type: ignore[union-attr]
            string = self.string()
            if string is not None:
                parts.append(string.value)
            else:
                match = _BARE_KEY.match(self.text, self.at)
                if match is None:
                    raise ConfigParseError("expected a key", self.at)
                parts.append(match.group())
                self.at = match.end()
            self.at = _SPACE.match(self.text, self.at).end()  # type: ignore[union-attr]
            if not self.text.startswith(".", self.at):
                return tuple(parts)
            self.at += 1

    def expect(self, token: str) -> None:
        self.at = _SPACE.match(self.text, self.at).end()  # type: ignore[union-attr]
        if not self.text.startswith(token, self.at):
            raise ConfigParseError(f"expected {token!r}", self.at)
        self.at += len(token)

    def string(self) -> Scalar | None:
        for pattern in _STRINGS:
            match = pattern.match(self.text, self.at)
            if match:
                self.at = match.end()
                raw = match.group()
                value = _string_value(raw)
                return Scalar(value, match.start(), match.end(), quoted=True, literal_text="\\" not in raw)
        return None

    def value(self, path: tuple[str | int, ...], found: list, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise ConfigParseError(f"nested more than {MAX_DEPTH} levels deep", self.at)
        self.at = _SPACE.match(self.text, self.at).end()  # type: ignore[union-attr]
        string = self.string()
        if string is not None:
            found.append((path, string))
        elif self.text.startswith("[", self.at):
            self.at += 1
            index = 0
            while True:
                self.at = _BLANK.match(self.text, self.at).end()  # type: ignore[union-attr]
                if self.text.startswith("]", self.at):
                    self.at += 1
                    return
                self.value((*path, index), found, depth + 1)
                index += 1
                self.at = _BLANK.match(self.text, self.at).end()  # type: ignore[union-attr]
                if self.text.startswith(",", self.at):
                    self.at += 1
        elif self.text.startswith("{", self.at):
            self.at += 1
            while True:
                self.at = _SPACE.match(self.text, self.at).end()  # type: ignore[union-attr]
                if self.text.startswith("}", self.at):
                    self.at += 1
                    return
                keys = self.keys()
                self.expect("=")
                self.value((*path, *keys), found, depth + 1)
                self.at = _SPACE.match(self.text, self.at).end()  # type: ignore[union-attr]
                if self.text.startswith(",", self.at):
                    self.at += 1
        else:
            match = _ATOM.match(self.text, self.at)
            if match is None:
                raise ConfigParseError("expected a value", self.at)
            self.at = match.end()


def _string_value(raw: str) -> str:
    """A TOML string token's value (tomllib reads the token itself, so escapes are exact)."""
    try:
        return str(tomllib.loads(f"v = {raw}")["v"])
    except tomllib.TOMLDecodeError:
        return raw
