"""Jupyter notebooks: code cells as one Python module, and fixed cells written back byte for byte.

The code cells are joined, in order, into one module (later cells use the
names earlier ones define), with a marker line between cells so that the
fixed module splits back into the same cells. IPython syntax that is not
Python (``%magic``, ``!shell``, ``obj?``) at the start of a statement is
masked as ``pass  # <line>`` and restored after fixing; cells in another
language (``%%bash``) are left out. Lines split at ``\n`` only, as nbformat
stores them. Only the ``source`` strings of changed cells are rewritten in
the file's text: indentation, key order, outputs and metadata keep every byte.
"""

from __future__ import annotations

import difflib
import json
import re
import secrets
from dataclasses import dataclass, field

from migrator.config_analysis.json_tree import parse_json
from migrator.config_analysis.tree import MAX_DEPTH, ConfigParseError, Mapping, Scalar, Sequence

# Between cells in the joined module; the nonce (new for every notebook read)
# keeps a line a user wrote from ever being taken for one.
_MARK = "# -*- deepseek-migrate cell {nonce} {number} -*-"
# Cell magics whose body is still Python.
_PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "python", "python3", "noop"})
# %magic, !shell, files = !ls, and obj? / obj?? help.
_IPYTHON_LINE = re.compile(r"^\s*(?:[!%]|[\w.\[\], ]+=\s*[!%]|[\w.]+\?\??\s*$)")


class NotebookError(ValueError):
    """The notebook is not valid JSON or not shaped like nbformat 4."""


@dataclass
class CodeCell:
    number: int  # 1-based among all cells
    source_node: Scalar | Sequence  # the JSON "source" value, with its place in the file
    text: str  # the cell's source as written
    masked: dict[int, str] = field(default_factory=dict)  # line index -> original line, for IPython lines


@dataclass
class Notebook:
    text: str  # the file as decoded
    cells: list[CodeCell]  # the code cells in Python (cells in another language, %%bash ..., are left out)
    nonce: str = field(default_factory=lambda: secrets.token_hex(8))

    def mark(self, number: int) -> str:
        return _MARK.format(nonce=self.nonce, number=number)

    def module(self) -> tuple[str, dict[int, tuple[int, int]]]:
        """The code cells as one module, and where each of its lines comes from: (cell, line in cell)."""
        parts: list[str] = []
        origin: dict[int, tuple[int, int]] = {}
        line = 1
        for cell in self.cells:
            parts.append(self.mark(cell.number) + "\n")
            line += 1
            body = masked_text(cell)
            if body and not body.endswith("\n"):
                body += "\n"
            for offset in range(body.count("\n")):
                origin[line + offset] = (cell.number, offset + 1)
            line += body.count("\n")
            parts.append(body)
        return "".join(parts), origin


def read_notebook(text: str) -> Notebook:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotebookError(f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise NotebookError(f"not analyzed: JSON nested more than {MAX_DEPTH} levels deep") from None
    try:
        root = parse_json(text)
    except ConfigParseError as exc:
        raise NotebookError(f"not valid JSON: {exc.message}") from None
    cells_node = _entry(root, "cells")
    if not isinstance(cells_node, Sequence):
        raise NotebookError('not a Jupyter notebook: no "cells" list')
    cells: list[CodeCell] = []
    for number, node in enumerate(cells_node.items, start=1):
        kind = _entry(node, "cell_type")
        source = _entry(node, "source")
        if not isinstance(kind, Scalar) or kind.value != "code":
            continue
        if isinstance(source, Sequence) and all(isinstance(item, Scalar) and item.quoted for item in source.items):
            text_of = "".join(item.value for item in source.items)  # type: ignore[union-attr]
        elif isinstance(source, Scalar) and source.quoted:
            text_of = source.value
        else:
            raise NotebookError(f'cell {number}: "source" is neither a string nor a list of strings')
        cell = CodeCell(number, source, text_of)
        if _mask(cell):
            cells.append(cell)
    return Notebook(text, cells)


def _entry(node: object, key: str) -> object:
    if isinstance(node, Mapping):
        return next((child for name, child in node.entries if name == key), None)
    return None


def _mask(cell: CodeCell) -> bool:
    """Record the IPython lines of a cell; False when the cell is not Python at all.

    Only lines that start a statement are IPython syntax: a ``%`` or ``!``
    continuing an expression inside brackets (``(count\n % 7)``) or a
    triple-quoted string is Python, and stays.
    """
    lines = source_lines(cell.text)
    first = next((line.lstrip() for line in lines if line.strip()), "")
    if first.startswith("%%"):  # IPython skips leading blank lines before a cell magic
        name = first[2:].split(None, 1)[0] if first[2:].strip() else ""
        if name not in _PYTHON_CELL_MAGICS:
            return False
    scanner = _Continuation()
    for index, line in enumerate(lines):
        if scanner.at_statement_start() and _IPYTHON_LINE.search(line.rstrip("\r\n")):
            cell.masked[index] = line
            continue
        scanner.feed(line)
    return True


class _Continuation:
    """Whether the next line starts a statement: outside brackets, strings and backslash continuations."""

    def __init__(self) -> None:
        self.depth = 0
        self.quote = ""  # the triple quote a string is open with
        self.backslash = False

    def at_statement_start(self) -> bool:
        return self.depth == 0 and not self.quote and not self.backslash

    def feed(self, line: str) -> None:
        text = line.rstrip("\r\n")
        index, size = 0, len(text)
        while index < size:
            if self.quote:
                end = text.find(self.quote, index)
                if end < 0:
                    break
                index, self.quote = end + 3, ""
                continue
            char = text[index]
            if char == "#":
                break
            if text.startswith(('"""', "'''"), index):
                self.quote = text[index : index + 3]
                index += 3
                continue
            if char in "\"'":
                end = index + 1
                while end < size and text[end] != char:
                    end += 2 if text[end] == "\\" else 1
                index = end + 1
                continue
            if char in "([{":
                self.depth += 1
            elif char in ")]}":
                self.depth = max(0, self.depth - 1)
            index += 1
        self.backslash = text.endswith("\\") and not self.quote


def source_lines(text: str) -> list[str]:
    """A cell's lines as nbformat stores them: split after each \\n only (form feeds, U+2028 stay inside)."""
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def masked_text(cell: CodeCell) -> str:
    """The cell as Python: each IPython line becomes ``pass  # <line>`` at its indentation.

    A statement rather than a bare comment, so that ``if colab:`` followed by
    an indented ``!pip install`` still has a body.
    """
    lines = source_lines(cell.text)
    for index in cell.masked:
        line = lines[index]
        indent = len(line) - len(line.lstrip())
        lines[index] = line[:indent] + "pass  # " + line[indent:]
    return "".join(lines)


def split_module(module: str, notebook: Notebook) -> dict[int, str]:
    """The fixed module's text per cell (masked lines restored); cells that did not change are left out."""
    marks = {notebook.mark(cell.number): cell.number for cell in notebook.cells}
    texts: dict[int, list[str]] = {}
    current: int | None = None
    for line in source_lines(module):
        number = marks.get(line.rstrip("\r\n"))
        if number is not None:
            current = number
            texts[current] = []
        elif current is not None:
            texts[current].append(line)
    changed: dict[int, str] = {}
    for cell in notebook.cells:
        before = masked_text(cell)
        lines = texts.get(cell.number, [])
        after = "".join(lines)
        if not before.endswith("\n") and after.endswith("\n"):
            after = after[:-1]  # the newline the module added after the cell's last line
        if after == before:
            continue
        changed[cell.number] = _unmask(cell, after)
    return changed


def _unmask(cell: CodeCell, text: str) -> str:
    """Put the IPython lines back, each where its masked form now stands."""
    lines = source_lines(text)
    masked_lines = source_lines(masked_text(cell))
    start = 0
    for index, original in sorted(cell.masked.items()):
        wanted = masked_lines[index]
        for position in range(start, len(lines)):
            if lines[position] == wanted or lines[position].rstrip("\r\n") == wanted.rstrip("\r\n"):
                ending = lines[position][len(lines[position].rstrip("\r\n")) :]
                lines[position] = original.rstrip("\r\n") + ending
                start = position + 1
                break
    return "".join(lines)


def write_cells(notebook: Notebook, changed: dict[int, str]) -> str:
    """The file's text with only the changed cells' source strings rewritten."""
    edits: list[tuple[int, int, str]] = []
    text = notebook.text
    for cell in notebook.cells:
        if cell.number not in changed:
            continue
        new = changed[cell.number]
        node = cell.source_node
        if isinstance(node, Scalar):
            edits.append((node.start, node.end, _dumps(new, text[node.start : node.end])))
            continue
        old_items = [item for item in node.items if isinstance(item, Scalar)]
        new_lines = source_lines(new)
        if len(new_lines) == len(old_items):
            for item, line in zip(old_items, new_lines):
                if item.value != line:
                    edits.append((item.start, item.end, _dumps(line, text[item.start : item.end])))
        elif old_items:
            edits.append((old_items[0].start, old_items[-1].end, _rejoined(text, node, old_items, new_lines)))
        else:  # "source": [] (an empty cell that a fix cannot have changed, but be exact)
            edits.append((node.start, text.index("]", node.start) + 1, json.dumps(new_lines, ensure_ascii=False)))
    for start, end, content in sorted(edits, reverse=True):
        text = text[:start] + content + text[end:]
    return text


def _rejoined(text: str, node: Sequence, old_items: list[Scalar], new_lines: list[str]) -> str:
    """A source list whose line count changed: unchanged lines keep their tokens, all keep the list's layout."""
    if len(old_items) > 1:
        separator = text[old_items[0].end : old_items[1].start]  # ",\n    ", ",\r\n   " or ", "
    else:
        separator = "," + text[node.start + 1 : old_items[0].start]  # the space after "[" repeats after each comma
    tokens = [text[item.start : item.end] for item in old_items]
    matcher = difflib.SequenceMatcher(None, [item.value for item in old_items], new_lines, autojunk=False)
    rebuilt: list[str] = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            rebuilt.extend(tokens[old_start:old_end])
        else:
            like = tokens[old_start] if old_start < len(tokens) else tokens[-1]
            rebuilt.extend(_dumps(line, like) for line in new_lines[new_start:new_end])
    return separator.join(rebuilt)


def _dumps(value: str, like: str) -> str:
    """A JSON string, escaping non-ASCII only if the token it replaces did (nbformat does not)."""
    return json.dumps(value, ensure_ascii="\\u" in like)
