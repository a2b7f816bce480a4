"""YAML through PyYAML's composer, which keeps each node's marks (offsets in the text)."""

from __future__ import annotations

import yaml

from migrator.config_analysis.tree import MAX_DEPTH, ConfigParseError, Mapping, Node, Scalar, Sequence


def parse_yaml(text: str) -> list[Node]:
    """One tree per document; anchors and aliases are followed once (no expansion bombs)."""
    depth, where = _flow_depth(text)
    if depth > MAX_DEPTH:  # refused before PyYAML recurses once per level
        raise ConfigParseError(f"nested more than {MAX_DEPTH} levels deep", where)
    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ConfigParseError(str(exc.problem or exc.context or "invalid YAML"), mark.index if mark else 0) from None
    except yaml.YAMLError as exc:
        raise ConfigParseError(str(exc).splitlines()[0] if str(exc) else "invalid YAML", 0) from None
    except RecursionError:
        raise ConfigParseError(f"nested more than {MAX_DEPTH} levels deep", 0) from None
    seen: set[int] = set()
    return [_convert(document, seen, 0) for document in documents]


def _convert(node: yaml.Node | None, seen: set[int], depth: int) -> Node:
    if node is None:
        return None
    if depth > MAX_DEPTH:
        raise ConfigParseError(f"nested more than {MAX_DEPTH} levels deep", node.start_mark.index)
    if isinstance(node, yaml.ScalarNode):
        if id(node) in seen:  # an alias of a scalar: reported once, where it is written
            return None
        seen.add(id(node))
        plain_or_quoted = node.style in (None, "'", '"')
        raw = node.start_mark.buffer[node.start_mark.index : node.end_mark.index] if node.start_mark.buffer else ""
        return Scalar(
            node.value, node.start_mark.index, node.end_mark.index, quoted=node.style in ("'", '"'),
            literal_text=plain_or_quoted and "\\" not in raw and "''" not in raw,
        )
    if id(node) in seen:  # an alias of a node already walked: its values are reported where they are written
        return None
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        mapping = Mapping(start=node.start_mark.index)
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else ""
            mapping.entries.append((str(name), _convert(value, seen, depth + 1)))
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return Sequence([_convert(item, seen, depth + 1) for item in node.value], start=node.start_mark.index)
    return None


def _flow_depth(text: str) -> tuple[int, int]:
    """The deepest nesting of flow brackets (``[`` and ``{``, outside quotes and comments), and where it is reached.

    Block nesting is bounded by indentation, which a line of over 1,000
    spaces also reports as too deep.
    """
    depth = deepest = where = 0
    quote = ""
    index, size = 0, len(text)
    line_start = True
    while index < size:
        char = text[index]
        if line_start:
            line_start = False
            if char == " " and text.startswith(" " * 1001, index):
                return MAX_DEPTH + 1, index
        if char == "\n":
            line_start = True
        elif quote:
            if char == "\\" and quote == '"':
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'" and (index == 0 or text[index - 1] in " \t[{,:\n"):
            quote = char
        elif char == "#" and (index == 0 or text[index - 1] in " \t\n"):
            newline = text.find("\n", index)
            index = size if newline < 0 else newline
            continue
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, index
                if deepest > MAX_DEPTH:
                    return deepest, where
        elif char in "]}":
            depth = max(0, depth - 1)
        index += 1
    return deepest, where
