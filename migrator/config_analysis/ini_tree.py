"""INI and ``.cfg`` files as ``configparser`` reads them, with each value's place.

Sections become mappings; a value continued on indented lines becomes a
list of its lines (``fallbacks =`` followed by one model per line). Inline
`` ;`` or `` #`` comments after a value are cut, as most INI readers do.
"""

from __future__ import annotations

import re

from migrator.config_analysis.tree import Mapping, Node, Scalar, Sequence

_SECTION = re.compile(r"^\[(?P<name>[^\]\n]+)\][ \t]*(?:[;#][^\n]*)?$")
_OPTION = re.compile(r"^(?P<key>[^\s=:;#\[][^=:\n]*?)[ \t]*[=:][ \t]*(?P<value>[^\n]*?)[ \t]*(?:[ \t][;#][^\n]*)?$")
_CONTINUATION = re.compile(r"^[ \t]+(?P<value>[^\s;#][^\n]*?)[ \t]*(?:[ \t][;#][^\n]*)?$")


def parse_ini(text: str) -> Node:
    root = Mapping()
    section = root
    last: tuple[Mapping, int] | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        continued = _CONTINUATION.match(body) if last is not None else None
        if continued is not None and last is not None:
            owner, index = last
            key, node = owner.entries[index]
            item = Scalar(continued.group("value"), offset + continued.start("value"), offset + continued.end("value"))
            if isinstance(node, Sequence):
                node.items.append(item)
            else:  # a first line with a value, then continuations: all are items
                items = [node] if isinstance(node, Scalar) and node.value else []
                owner.entries[index] = (key, Sequence([*items, item], start=item.start))
        elif (header := _SECTION.match(body)) is not None:
            section = Mapping(start=offset)
            root.entries.append((header.group("name").strip(), section))
            last = None
        elif (option := _OPTION.match(body)) is not None:
            value = option.group("value")
            scalar = Scalar(value, offset + option.start("value"), offset + option.end("value"))
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                scalar = Scalar(value[1:-1], scalar.start, scalar.end, quoted=True)
            section.entries.append((option.group("key").strip(), scalar))
            last = (section, len(section.entries) - 1)
        elif body.strip() and not body.lstrip().startswith(("#", ";")):
            last = None
        offset += len(line)
    return root
