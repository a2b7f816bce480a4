"""libcst rewrites for fixes: a retired ID becomes its successor, and the thinking
mode becomes explicit where the request reads it.

Every function here returns new source text for one node (a literal, a call,
a payload dict) or None when the change cannot be made with certainty. Edits
are computed on the parsed module, so untouched code keeps its formatting,
comments and line endings.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Sequence

import libcst as cst

from migrator.catalog import ToggleSpec
from migrator.findings import Edit, Span
from migrator.textscan import LineIndex

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

_STRING_PREFIX_CHARS = "rRuUbBfF"


@dataclass(frozen=True)
class Rewrite:
    """The changed request node, and whether the thinking toggle is in it."""

    updated: cst.CSTNode
    toggle_placed: bool


def replacement_literal(
    node: cst.BaseExpression, old_value: str, new_value: str, quote: str = '"'
) -> cst.BaseExpression:
    """A string expression for ``new_value`` that keeps the original's quotes and prefix.

    ``quote`` is used where a new literal is needed (it must differ from an
    enclosing f-string's quote).
    """
    if isinstance(node, cst.SimpleString):
        raw = node.value
        prefix = raw[: len(raw) - len(raw.lstrip(_STRING_PREFIX_CHARS))]
        quote = raw[len(prefix): len(prefix) + 3] if raw[len(prefix):].startswith(('"""', "'''")) else raw[len(prefix)]
        body = raw[len(prefix) + len(quote): len(raw) - len(quote)]
        if body == old_value and ("r" not in prefix.lower() or _plain(new_value)):
            escaped = new_value if "r" in prefix.lower() else _escaped(new_value, quote[0])
            return node.with_changes(value=f"{prefix}{quote}{escaped}{quote}")
        return cst.SimpleString(_quoted(new_value, quote if len(quote) == 1 else '"'))
    if isinstance(node, cst.FormattedString) and all(isinstance(p, cst.FormattedStringText) for p in node.parts):
        text = "".join(part.value for part in node.parts)  # type: ignore[union-attr]
        if text == old_value:
            braced = _escaped(new_value, node.start[-1]).replace("{", "{{").replace("}", "}}")
            return node.with_changes(parts=[cst.FormattedStringText(braced)])
    if isinstance(node, cst.ConcatenatedString):
        first = node.left
        while isinstance(first, cst.ConcatenatedString):
            first = first.left
        return cst.SimpleString(_quoted(new_value, quote))
    return cst.SimpleString(_quoted(new_value, quote))


def _quoted(value: str, quote: str) -> str:
    return f"{quote}{_escaped(value, quote)}{quote}"


def _escaped(value: str, quote: str) -> str:
    """``value`` as the body of a string literal in ``quote``: backslashes, quotes and line breaks escaped."""
    escaped = value.replace("\\", "\\\\").replace(quote, "\\" + quote)
    return escaped.replace("\n", "\\n").replace("\r", "\\r")


def _plain(value: str) -> bool:
    """Can ``value`` stand in a raw string as it is (no quote, backslash or line break)?"""
    return not any(character in value for character in "\"'\\\r\n")


def rewrite_value(node: cst.BaseExpression, old_value: str, new_value: str, quote: str = '"') -> cst.BaseExpression:
    """The value alone, replaced (no toggle)."""
    return replacement_literal(node, old_value, new_value, quote)


def rewrite_request(
    request: cst.Call | cst.Dict,
    node: cst.BaseExpression,
    old_value: str,
    new_value: str,
    toggle: ToggleSpec | None,
    mode: str | None,
    quote: str = '"',
) -> Rewrite:
    """The request with the value replaced and, when possible, the thinking mode set."""
    updated = request.deep_replace(node, replacement_literal(node, old_value, new_value, quote))
    placed = mode is None
    if toggle is not None and mode is not None:
        with_toggle = set_toggle(updated, toggle, mode, quote)  # type: ignore[arg-type]
        if with_toggle is not None:
            updated, placed = with_toggle, True
    return Rewrite(updated=updated, toggle_placed=placed)


def toggle_fits(
    request: cst.Call | cst.Dict,
    node: cst.BaseExpression,
    old_value: str,
    new_value: str,
    toggle: ToggleSpec | None,
    mode: str | None,
    quote: str = '"',
) -> bool:
    """``rewrite_request(...).toggle_placed``, without building the rewritten request (a run that shows no edit
    needs only this answer; the rewrite's copy of the request was a tenth of a small file's check).

    ``set_toggle`` reads the request's keywords and keys, its ``**`` arguments, and the value of the keyword or
    key its path starts with. A value below any other argument or key (the model's, as a site's value is) is
    never read, so the request as written gives the same answer; anywhere else, the rewrite answers.
    """
    if mode is None or toggle is None:
        return mode is None
    if (toggle.keyword is None) != isinstance(request, cst.Dict):
        return False
    path = (*((toggle.keyword,) if toggle.keyword else ()), *toggle.path, *(() if toggle.style == "bool" else ("type",)))
    if not path:
        return rewrite_request(request, node, old_value, new_value, toggle, mode, quote).toggle_placed
    if isinstance(request, cst.Call):
        unread = [arg.value for arg in request.args if arg.keyword is None or arg.keyword.value != path[0]]
    else:
        unread = [
            element.value for element in request.elements
            if isinstance(element, cst.DictElement) and _string_value(element.key) != path[0]
        ]
    if any(_holds(value, node) for value in unread):
        return set_toggle(request, toggle, mode, quote) is not None
    return rewrite_request(request, node, old_value, new_value, toggle, mode, quote).toggle_placed


def _holds(root: cst.CSTNode, node: cst.CSTNode) -> bool:
    from migrator.python_analysis.walk import children

    pending = [root]
    while pending:
        current = pending.pop()
        if current is node:
            return True
        pending.extend(children(current))
    return False


def edit_request(
    module: cst.Module,
    old: cst.CSTNode,
    new: cst.CSTNode,
    span: Span | None = None,
    indents: Sequence[str] = (),
    text: LineIndex | None = None,
) -> tuple[Edit, ...]:
    """The smallest text edits that turn ``old`` (a request or a value) into ``new``.

    One edit per changed stretch (the model value, the toggle added at the
    end), so that a request nested in another's arguments is not covered by
    the outer request's edit and both are fixed in the same pass.

    With the node's span and the indentation of its enclosing blocks, only
    the node is rendered, and only trusted when that rendering is exactly the
    text at the span: otherwise (or if libcst's renderer is not there) the
    whole module is rendered, which costs a pass over the file per edit but
    cannot land an edit in the wrong columns.
    """
    if span is not None and text is not None:
        before, after = _render(module, old, indents), _render(module, new, indents)
        if before is not None and after is not None and before == text.slice(span):
            return _hunks(before, after, span.line, span.column)
    return _hunks(module.code, module.deep_replace(old, new).code, 1, 1)  # type: ignore[union-attr]


def _render(module: cst.Module, node: cst.CSTNode, indents: Sequence[str]) -> str | None:
    """Source text of a node as it stands inside its blocks."""
    try:
        from libcst._nodes.internal import CodegenState

        state = CodegenState(default_indent=module.default_indent, default_newline=module.default_newline)
        state.indent_tokens.extend(indents)
        node._codegen(state)
    except (ImportError, AttributeError, TypeError):
        return None
    return "".join(state.tokens)


def _hunks(before: str, after: str, line: int, column: int) -> tuple[Edit, ...]:
    """Edits for the stretches that differ between ``before`` and ``after``; ``before`` starts at (line, column).

    The common head and tail are cut first; inside, tokens (words, runs of
    blanks, single marks) are matched, and each run of differing tokens is
    one edit. Together the edits turn ``before`` into ``after`` exactly.
    """
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end_before, end_after = len(before), len(after)
    while end_before > start and end_after > start and before[end_before - 1] == after[end_after - 1]:
        end_before, end_after = end_before - 1, end_after - 1
    old_tokens = _TOKEN.findall(before, start, end_before)
    new_tokens = _TOKEN.findall(after, start, end_after)
    old_offsets = _offsets(old_tokens, start)
    new_offsets = _offsets(new_tokens, start)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    edits = []
    for tag, old_from, old_to, new_from, new_to in matcher.get_opcodes():
        if tag == "equal":
            continue
        begin, end = old_offsets[old_from], old_offsets[old_to]
        edits.append(Edit(
            Span(*_shifted(before, begin, line, column), *_shifted(before, end, line, column)),
            after[new_offsets[new_from]:new_offsets[new_to]],
        ))
    return tuple(edits)


_TOKEN = re.compile(r"\w+|\s+|.", re.DOTALL)


def _offsets(tokens: Sequence[str], start: int) -> list[int]:
    """Where each token starts, plus the end of the last one."""
    offsets = [start]
    for token in tokens:
        offsets.append(offsets[-1] + len(token))
    return offsets


def _shifted(text: str, offset: int, line: int, column: int) -> tuple[int, int]:
    """Position of ``offset`` in ``text``, for text that starts at (line, column)."""
    at_line, at_column = _position(text, offset)
    return (line, column + at_column - 1) if at_line == 1 else (line + at_line - 1, at_column)


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of an offset, counting lines as Python does."""
    breaks = list(_LINE_BREAK.finditer(text, 0, offset))
    line_start = breaks[-1].end() if breaks else 0
    if breaks and breaks[-1].end() > offset:  # inside a \r\n pair
        line_start = breaks[-1].start()
    return len(breaks) + 1, offset - line_start + 1


def set_toggle(
    request: cst.Call | cst.Dict, toggle: ToggleSpec, mode: str, quote: str = '"'
) -> cst.Call | cst.Dict | None:
    """Make the thinking mode explicit in a call or payload; None when that is not certain.

    A toggle that is already there is left as it is: it is explicit already.
    New string literals use ``quote``, the quote style of the code around them.
    """
    if (toggle.keyword is None) != isinstance(request, cst.Dict):
        return None  # a payload toggle fits only a payload, a keyword toggle only a call
    path = ((toggle.keyword,) if toggle.keyword else ()) + toggle.path
    if toggle.style == "bool":
        return set_value(request, path, _thinking_value(toggle, mode, quote), quote)
    # {"type": mode} goes into an existing switch dict too: thinking={"budget_tokens": 1024}
    # or extra_body={"thinking": {}} do not yet say which mode.
    return set_value(request, (*path, "type"), string_literal(mode, quote), quote)


def set_value(
    request: cst.Call | cst.Dict,
    path: Sequence[str],
    leaf: cst.BaseExpression,
    quote: str = '"',
    overwrite: bool = False,
) -> cst.Call | cst.Dict | None:
    """Put ``leaf`` at a setting path (a call's starts with the keyword; a payload's with a key),
    creating the keyword and inner dicts as needed.

    A value already there is kept unless ``overwrite``; None means the place
    cannot be reached with certainty (a variable, ``**kwargs``).
    """
    if isinstance(request, cst.Dict):
        return _merge_into_dict(request, path, leaf, quote, overwrite)
    keyword, path = path[0], path[1:]
    existing = next((arg for arg in request.args if arg.keyword is not None and arg.keyword.value == keyword), None)
    if existing is None:
        if any(arg.star == "**" for arg in request.args):
            return None  # **kwargs may already carry it
        new_arg = cst.Arg(
            keyword=cst.Name(keyword),
            value=_nested(path, leaf, quote),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
        return request.with_changes(args=_appended(request.args, new_arg, request.whitespace_before_args))
    if not path:
        return request.deep_replace(existing.value, leaf) if overwrite else request  # type: ignore[return-value]
    if not isinstance(existing.value, cst.Dict):
        return None  # a variable: its contents are not visible here
    merged = _merge_into_dict(existing.value, path, leaf, quote, overwrite)
    if merged is None:
        return None
    return request.deep_replace(existing.value, merged)  # type: ignore[return-value]


def remove_setting(request: cst.Call | cst.Dict, path: Sequence[str]) -> cst.Call | cst.Dict | None:
    """Remove a keyword argument or payload key, or a key inside a literal dict below it.

    Inner dicts (and keyword arguments) left empty go too; a payload stays.
    """
    if isinstance(request, cst.Dict):
        return _remove_from_dict(request, path)
    arg = next((a for a in request.args if a.keyword is not None and a.keyword.value == path[0]), None)
    return _remove_below(request, "args", arg, path[1:])


def _remove_from_dict(mapping: cst.Dict, path: Sequence[str]) -> cst.Dict | None:
    element = next(
        (e for e in mapping.elements if isinstance(e, cst.DictElement) and _string_value(e.key) == path[0]), None
    )
    return _remove_below(mapping, "elements", element, path[1:])  # type: ignore[return-value]


def _remove_below(container: cst.CSTNode, field: str, item, rest: Sequence[str]) -> cst.CSTNode | None:
    """Drop ``item`` from ``container.<field>``, or the key ``rest`` inside its dict value."""
    if item is None:
        return None
    if rest:
        if not isinstance(item.value, cst.Dict):
            return None
        inner = _remove_from_dict(item.value, rest)
        if inner is None:
            return None
        if inner.elements:
            return container.deep_replace(item.value, inner)
    remaining = _without(getattr(container, field), item)
    return None if remaining is None else container.with_changes(**{field: remaining})


def _without(items: Sequence, item) -> list | None:
    """Drop one argument or dict element; the new last one takes over the layout of the old.

    The new last item keeps its own comment; the line break before the
    closing bracket comes from the removed item. Comment lines that stood
    between the removed item and the next one stay, before the next one;
    None when they have no place to go (the first item).
    """
    items = list(items)
    index = next(i for i, candidate in enumerate(items) if candidate is item)
    removed = items.pop(index)
    lines = _comment_lines(removed.comma.whitespace_after) if isinstance(removed.comma, cst.Comma) else []
    if lines and index < len(items):
        if index == 0:
            return None
        previous = items[index - 1]
        after = previous.comma.whitespace_after
        if not isinstance(after, cst.ParenthesizedWhitespace):
            return None
        items[index - 1] = previous.with_changes(
            comma=previous.comma.with_changes(whitespace_after=after.with_changes(empty_lines=[*after.empty_lines, *lines]))
        )
    if index == len(items) and items:
        previous = items[-1]
        own = previous.comma.whitespace_after if isinstance(previous.comma, cst.Comma) else None
        comma = removed.comma
        if isinstance(comma, cst.Comma) and own is not None:
            kept = _keeping_comment(comma.whitespace_after, own)
            if lines and isinstance(kept, cst.ParenthesizedWhitespace):  # comment lines before the bracket
                kept = kept.with_changes(empty_lines=[*kept.empty_lines, *lines])
            comma = comma.with_changes(whitespace_after=kept)
        changes = {"comma": comma}
        if isinstance(removed, cst.Arg):
            closing = removed.whitespace_after_arg
            if not isinstance(comma, cst.Comma) and not isinstance(closing, cst.ParenthesizedWhitespace) and (
                _comment_lines(own) if own is not None else []
            ):
                return None  # f(a,\n  # note\n  b): the note would have nowhere to stand
            if own is not None and not isinstance(comma, cst.Comma):
                # f(a,\n  b\n  # note\n): the line break before ")" was b's; it keeps its comment lines
                closing = _keeping_comment(closing, own)
                if isinstance(closing, cst.ParenthesizedWhitespace):
                    closing = closing.with_changes(empty_lines=[*closing.empty_lines, *_comment_lines(removed.whitespace_after_arg)])
            changes["whitespace_after_arg"] = closing
        items[-1] = previous.with_changes(**changes)
    return items


def string_literal(value: str, quote: str = '"') -> cst.SimpleString:
    return cst.SimpleString(_quoted(value, quote))


def _thinking_value(toggle: ToggleSpec, mode: str, quote: str) -> cst.BaseExpression:
    if toggle.style == "bool":
        return cst.Name("True" if mode == "enabled" else "False")
    return cst.Dict([cst.DictElement(string_literal("type", quote), string_literal(mode, quote))])


def _nested(path: Sequence[str], leaf: cst.BaseExpression, quote: str) -> cst.BaseExpression:
    """``{"a": {"b": leaf}}`` for path ("a", "b")."""
    value = leaf
    for key in reversed(path):
        value = cst.Dict([cst.DictElement(string_literal(key, quote), value)])
    return value


def quote_of(node: cst.CSTNode) -> str:
    """The quote character a string node uses (double quotes otherwise)."""
    if isinstance(node, cst.SimpleString) and node.value.lstrip(_STRING_PREFIX_CHARS)[:1] == "'":
        return "'"
    return '"'


def _merge_into_dict(
    mapping: cst.Dict, path: Sequence[str], leaf: cst.BaseExpression, quote: str, overwrite: bool = False
) -> cst.Dict | None:
    """Add ``path -> leaf`` to a dict literal, creating inner dicts; keep what is there unless ``overwrite``."""
    if not path:
        return None
    key, rest = path[0], path[1:]
    for element in mapping.elements:
        if isinstance(element, cst.StarredDictElement):
            return None  # **other may already carry it
        if _string_value(element.key) == key:
            if not rest:
                return mapping.deep_replace(element.value, leaf) if overwrite else mapping  # type: ignore[return-value]
            if not isinstance(element.value, cst.Dict):
                return None
            inner = _merge_into_dict(element.value, rest, leaf, quote, overwrite)
            return None if inner is None else mapping.deep_replace(element.value, inner)  # type: ignore[return-value]
    new_element = cst.DictElement(string_literal(key, quote), _nested(rest, leaf, quote))
    closing = mapping.rbrace.whitespace_before
    last = mapping.elements[-1] if mapping.elements else None
    if last is not None and isinstance(closing, cst.ParenthesizedWhitespace):
        # {"a": 1,  # note\n}: libcst keeps the note before the closing brace; it stays
        # with "a", and the new key goes on its own line.
        elements = _appended(mapping.elements, new_element, mapping.lbrace.whitespace_after)
        between = elements[-2].comma.whitespace_after
        if isinstance(between, cst.ParenthesizedWhitespace):
            between = _keeping_comment(between, closing)
        else:  # {"a": 1,  # note\n}: one line so far; the note ends it, the new key starts the next
            between = closing
            if isinstance(elements[-1].comma, cst.Comma):
                elements[-1] = elements[-1].with_changes(comma=elements[-1].comma.with_changes(whitespace_after=cst.SimpleWhitespace("")))
        elements[-2] = elements[-2].with_changes(comma=elements[-2].comma.with_changes(whitespace_after=between))
        return mapping.with_changes(elements=elements, rbrace=mapping.rbrace.with_changes(whitespace_before=_bare(closing)))
    return mapping.with_changes(elements=_appended(mapping.elements, new_element, mapping.lbrace.whitespace_after))


def _appended(items: Sequence, new_item, opening: cst.BaseParenthesizableWhitespace) -> list:
    """Append an argument or dict element in the layout the others use.

    One item per line stays one per line (with the trailing comma, if the
    code had one); a single line stays a single line. Comments stay on the
    line of the item they follow; the new item gets none.
    """
    items = list(items)
    if not items:
        return [new_item]
    last = items[-1]
    separator = _line_separator(items, opening)
    trailing = last.comma if isinstance(last.comma, cst.Comma) else None
    if separator is None:
        if isinstance(last, cst.Arg):
            # The space before the closing parenthesis hangs on the last argument.
            new_item = new_item.with_changes(whitespace_after_arg=last.whitespace_after_arg)
            last = last.with_changes(whitespace_after_arg=cst.SimpleWhitespace(""))
        items[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        if trailing is not None:
            new_item = new_item.with_changes(comma=trailing)
        return [*items, new_item]
    between = _bare(separator)
    if trailing is not None:
        closing = trailing.whitespace_after
        items[-1] = last.with_changes(comma=trailing.with_changes(whitespace_after=_keeping_comment(between, closing)))
        new_item = new_item.with_changes(comma=trailing.with_changes(whitespace_after=_bare(closing)))
    elif isinstance(last, cst.Arg):
        closing = last.whitespace_after_arg
        items[-1] = last.with_changes(
            comma=cst.Comma(whitespace_after=_keeping_comment(between, closing)),
            whitespace_after_arg=cst.SimpleWhitespace(""),
        )
        new_item = new_item.with_changes(whitespace_after_arg=_bare(closing))
    else:
        items[-1] = last.with_changes(comma=cst.Comma(whitespace_after=between))
    return [*items, new_item]


def _comment_lines(whitespace: cst.BaseParenthesizableWhitespace) -> list:
    """The whole-line comments a line break carries (not the trailing one on its first line)."""
    if isinstance(whitespace, cst.ParenthesizedWhitespace):
        return [line for line in whitespace.empty_lines if line.comment is not None]
    return []


def _bare(whitespace: cst.BaseParenthesizableWhitespace) -> cst.BaseParenthesizableWhitespace:
    """The same line break and indentation, without the comment or comment lines."""
    if isinstance(whitespace, cst.ParenthesizedWhitespace):
        return whitespace.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[])
    return whitespace


def _keeping_comment(
    between: cst.BaseParenthesizableWhitespace, original: cst.BaseParenthesizableWhitespace
) -> cst.BaseParenthesizableWhitespace:
    """``between``'s line break, carrying the comment (and comment lines) ``original`` had."""
    if isinstance(between, cst.ParenthesizedWhitespace) and isinstance(original, cst.ParenthesizedWhitespace):
        return between.with_changes(first_line=original.first_line, empty_lines=original.empty_lines)
    return between


def _line_separator(items: Sequence, opening: cst.BaseParenthesizableWhitespace) -> cst.ParenthesizedWhitespace | None:
    """The newline-and-indent between items, when they stand one per line (None: on one line)."""
    for item in items[:-1]:
        comma = item.comma
        if isinstance(comma, cst.Comma) and isinstance(comma.whitespace_after, cst.ParenthesizedWhitespace):
            return comma.whitespace_after
    if len(items) == 1 and isinstance(opening, cst.ParenthesizedWhitespace):
        return opening
    return None


def _string_value(expression: cst.BaseExpression | None) -> str | None:
    if isinstance(expression, cst.SimpleString):
        value = expression.evaluated_value
        return value if isinstance(value, str) else None
    return None
