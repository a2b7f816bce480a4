"""``.env`` files: ``KEY=value`` lines, as python-dotenv and docker compose read them.

Comment lines, ``export`` prefixes, single and double quotes (a quoted value
may span lines), and a `` #`` comment after an unquoted value are understood;
a line that is not an assignment is skipped, as the loaders do. The reader
walks the text once with plain string operations (no backtracking regex), so
its time is linear in the file's size whatever the file holds.
"""

from __future__ import annotations

from migrator.config_analysis.tree import Mapping, Node, Scalar

_KEY_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_KEY_CHARS = _KEY_START | frozenset("0123456789.-")


def parse_dotenv(text: str) -> Node:
    mapping = Mapping()
    at, size = 0, len(text)
    unclosed: dict[str, int] = {}  # quote -> from where no closing quote exists (keeps the walk linear)
    while at < size:
        end = _line_end(text, at)
        scalar_key = _assignment(text, at, end)
        if scalar_key is None:
            at = _next_line(text, end)
            continue
        key, value_at = scalar_key
        quote = text[value_at] if value_at < end and text[value_at] in "\"'" else ""
        if quote:
            close = -1 if value_at >= unclosed.get(quote, size) else _closing_quote(text, value_at + 1, quote)
            if close < 0:  # unterminated: the loaders give up on the rest of the line
                unclosed[quote] = min(unclosed.get(quote, size), value_at)
                at = _next_line(text, end)
                continue
            raw = text[value_at + 1 : close]
            literal = quote == "'" or "\\" not in raw
            value = raw if quote == "'" else _unescape(raw)
            mapping.entries.append((key, Scalar(value, value_at, close + 1, quoted=True, literal_text=literal)))
            at = _next_line(text, _line_end(text, close + 1))
            continue
        stop = end
        comment = text.find(" #", value_at, end)
        tab_comment = text.find("\t#", value_at, end)
        for found in (comment, tab_comment):
            if found >= 0:
                stop = min(stop, found)
        while stop > value_at and text[stop - 1] in " \t":
            stop -= 1
        mapping.entries.append((key, Scalar(text[value_at:stop], value_at, stop)))
        at = _next_line(text, end)
    return mapping


def _line_end(text: str, at: int) -> int:
    """Where the line starting at ``at`` ends (before its \\n or \\r\\n)."""
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    return end - 1 if end > at and text[end - 1] == "\r" else end


def _next_line(text: str, end: int) -> int:
    if text.startswith("\r\n", end):
        return end + 2
    return end + 1


def _assignment(text: str, at: int, end: int) -> tuple[str, int] | None:
    """(key, where the value starts) for ``[export ]KEY = value``, else None."""
    while at < end and text[at] in " \t":
        at += 1
    if text.startswith("export", at) and at + 6 < end and text[at + 6] in " \t":
        at += 6
        while at < end and text[at] in " \t":
            at += 1
    start = at
    if at >= end or text[at] not in _KEY_START:
        return None
    while at < end and text[at] in _KEY_CHARS:
        at += 1
    key = text[start:at]
    while at < end and text[at] in " \t":
        at += 1
    if at >= end or text[at] != "=":
        return None
    at += 1
    while at < end and text[at] in " \t":
        at += 1
    return key, at


def _closing_quote(text: str, at: int, quote: str) -> int:
    """The index of the quote that closes a value (a double-quoted one skips escaped quotes)."""
    while True:
        found = text.find(quote, at)
        if found < 0 or quote == "'":
            return found
        backslashes = 0
        while found - backslashes - 1 >= at and text[found - backslashes - 1] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:
            return found
        at = found + 1


def _unescape(raw: str) -> str:
    out, index = [], 0
    while index < len(raw):
        char = raw[index]
        if char == "\\" and index + 1 < len(raw):
            following = raw[index + 1]
            out.append({"n": "\n", "t": "\t", "r": "\r"}.get(following, following))
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)
