"""INI and ``.cfg`` files as ``configparser`` reads them, with each value's place.

Sections become mappings; a value continued on indented lines becomes a
list of its lines (``fallbacks =`` followed by one model per line). Inline
`` ;`` or `` #`` comments after a value are cut, as most INI readers do.
Each line is read with plain string operations, so time stays linear.
"""

from __future__ import annotations

from migrator.config_analysis.tree import Mapping, Node, Scalar, Sequence
from migrator.textscan import lines_with_ends


def parse_ini(text: str) -> Node:
    root = Mapping()
    section = root
    last: tuple[Mapping, int] | None = None
    offset = 0
    for line in lines_with_ends(text):  # \n, \r\n and \r end a line, as configparser reads them
        body = line.rstrip("\r\n")
        stripped = body.strip()
        indented = body[:1] in (" ", "\t")
        if not stripped or stripped[0] in "#;":
            pass  # blank or comment: a continuation may follow
        elif indented and last is not None:
            start, end = _value_span(body, len(body) - len(body.lstrip()))
            if end > start:
                _continue(last, Scalar(body[start:end], offset + start, offset + end))
        elif stripped.startswith("[") and "]" in stripped:
            name = stripped[1 : stripped.index("]")].strip()
            section = Mapping(start=offset)
            root.entries.append((name, section))
            last = None
        else:
            separator = _separator(body)
            if separator < 0:
                last = None
            else:
                key = body[:separator].strip()
                start, end = _value_span(body, separator + 1)
                value = body[start:end]
                scalar = Scalar(value, offset + start, offset + end)
                if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                    scalar = Scalar(value[1:-1], scalar.start, scalar.end, quoted=True)
                section.entries.append((key, scalar))
                last = (section, len(section.entries) - 1)
        offset += len(line)
    return root


def _separator(body: str) -> int:
    """The first ``=`` or ``:`` of an option line, or -1."""
    found = [index for index in (body.find("="), body.find(":")) if index > 0]
    return min(found) if found else -1


def _value_span(body: str, start: int) -> tuple[int, int]:
    """Where a value's text lies on its line: leading blanks and an inline comment cut."""
    end = len(body)
    for marker in (" ;", "\t;", " #", "\t#"):
        found = body.find(marker, start)
        if found >= 0:
            end = min(end, found)
    while start < end and body[start] in " \t":
        start += 1
    while end > start and body[end - 1] in " \t":
        end -= 1
    return start, end


def _continue(last: tuple[Mapping, int], item: Scalar) -> None:
    """A continuation line: the option's value becomes (or grows) a list of lines."""
    owner, index = last
    key, node = owner.entries[index]
    if isinstance(node, Sequence):
        node.items.append(item)
    else:  # a first line with a value, then continuations: all are items
        items = [node] if isinstance(node, Scalar) and node.value else []
        owner.entries[index] = (key, Sequence([*items, item], start=item.start))
