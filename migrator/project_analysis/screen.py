"""The byte screen of a project's files for the index: which may import an exporting module, which name one in quotes.

A large tree holds thousands of files the index must look at and few that
matter; the screen reads each, finds its import statements with byte
searches and tests them against the exporting modules' names, without
parsing anything. It is a pure function of the files and the names, so a
large list is screened in worker processes (``screen_in_pool``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple, Sequence

from migrator.readfile import read_regular

# Import statements, also indented, continued with a backslash, or with a parenthesized name list over several
# lines: an importer of ``app.settings`` spells ``settings`` in one (``from app import (settings)``).
_IMPORTS = re.compile(
    rb"^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import[ \t]*(?:\([^)]*\)|(?:[^\r\n\\]|\\\r?\n)*)|import[ \t]+(?:[^\r\n\\]|\\\r?\n)*)",
    re.MULTILINE,
)


def import_statements(data: bytes) -> bytes:
    """The file's import statements, one per line: what ``_IMPORTS.findall`` finds, at a fraction of its cost.

    Every statement starts on a line that spells ``import``; a byte search
    finds those lines, and the expression is tried at their starts only (a
    search from every position of every file was most of a large tree's index).
    """
    found: list[bytes] = []
    end = 0
    at = data.find(b"import")
    while at >= 0:
        start = data.rfind(b"\n", 0, at) + 1
        if start >= end:
            match = _IMPORTS.match(data, start)
            if match is not None:
                found.append(match.group())
                end = match.end()
        line_end = data.find(b"\n", at)
        if line_end < 0:
            break
        at = data.find(b"import", max(line_end, end))
    return b"\n".join(found)


def alternation(words: Iterable[str]) -> bytes:
    """A non-capturing group that matches any of ``words``, shaped as a trie: ``(?:p(?:00_a|01_b))``.

    Python's regex engine tries a flat ``a|b|c`` alternative by alternative
    at every place its first character allows; a trie decides each
    character once. On a large tree's files the screen's search for 40
    module names went from 0.26 s to 0.10 s. It tries words in the order
    of the sorted flat alternation, so it finds what that finds. Words that would nest
    groups deeper than ``MAX_TRIE_NESTING`` (a thousand names each the start
    of the next) get the flat alternation: the regex compiler recurses per
    group.
    """
    unique = sorted(set(words))
    trie: dict = {}
    for word in unique:
        node = trie
        for character in word.encode():
            node = node.setdefault(character, {})
        node[None] = {}
    body = _branches(trie, 0)
    if body is None:
        return b"(?:" + b"|".join(re.escape(word.encode()) for word in sorted(unique, key=lambda w: (-len(w), w))) + b")"
    return b"(?:" + body + b")"


MAX_TRIE_NESTING = 50


def _branches(node: dict, nesting: int) -> bytes | None:
    """The pattern below ``node``; runs of single characters are written in a loop, so only forks nest."""
    run = b""
    while len(node) == 1 and None not in node:
        [(character, node)] = node.items()
        run += re.escape(bytes([character]))
    ends = None in node
    forks = sorted(key for key in node if key is not None)
    if not forks:
        return run
    if nesting >= MAX_TRIE_NESTING:
        return None
    branches = []
    for character in forks:
        rest = _branches(node[character], nesting + 1)
        if rest is None:
            return None
        branches.append(re.escape(bytes([character])) + rest)
    body = branches[0] if len(branches) == 1 else b"(?:" + b"|".join(branches) + b")"
    return run + (b"(?:" + body + b")??" if ends else body)  # lazy: the shorter word first, as a sorted alternation


def imported_words(data: bytes) -> set[str]:
    """The identifiers in a file's import statements (module and name parts alike)."""
    statements = import_statements(data)
    return {word.decode() for word in re.findall(rb"[A-Za-z_]\w*", statements)}


class QuotedNames:
    """Quoted dotted strings that end in a watched word: found from their last ``.word"``, then read backwards.

    The expression starts with a literal dot, which the regex engine finds
    with a fast search; one starting at every quote (and trying each name
    there) was the largest byte cost of a large tree's index.
    """

    def __init__(self, modules: set[str], names: set[str]) -> None:
        self.modules = modules
        self.names = names
        words = {module.rpartition(".")[2] for module in modules} | names
        self.ending = re.compile(rb"\." + alternation(words) + rb"[\"']") if words else None

    def finditer(self, data: bytes) -> Iterator[tuple[str, str]]:
        """``("module", name)`` or ``("name", dotted path)`` for each quoted string the index cannot follow."""
        for match in self.ending.finditer(data) if self.ending is not None else ():
            start = match.start()
            while start > 0 and (data[start - 1] in _DOTTED_BYTES):
                start -= 1
            if start == 0 or data[start - 1] not in b"\"'" or start == match.start():
                continue
            text = data[start:match.end() - 1].decode("ascii", "replace")
            if text in self.modules:
                yield "module", text
            elif text.rpartition(".")[2] in self.names:
                yield "name", text


_DOTTED_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.")


class Screen(NamedTuple):
    """What a round of the index looks for in each file."""

    wanted: re.Pattern[bytes]  # an exporting module's last name, in an import statement
    spelled: re.Pattern[bytes] | None  # app.wrappers.f in code, where an import statement binds app
    tops: tuple[bytes, ...]
    quoted: QuotedNames

    def looks(self, data: bytes) -> tuple[bool, list[tuple[str, str]]]:
        """(may the file read an exporting module, the quoted names in it)."""
        quoted = list(self.quoted.finditer(data))
        statements = import_statements(data)
        if not statements:
            return False, quoted
        spells = self.spelled is not None and any(top in statements for top in self.tops) and self.spelled.search(data)
        return bool(self.wanted.search(statements) is not None or spells), quoted


class Screened(NamedTuple):
    path: Path
    data: bytes | None  # the file's bytes when it may read an exporting module, else None
    quoted: list[tuple[str, str]]


def screen_files(screen: Screen, paths: Sequence[Path], max_size: int) -> list[Screened]:
    """Read and screen each file: one result per path, in order (a file that cannot be read shows nothing)."""
    found = []
    for path in paths:
        try:
            data = read_regular(path, max_size)
        except OSError:
            found.append(Screened(path, None, []))
            continue
        reads, quoted = screen.looks(data)
        found.append(Screened(path, data if reads else None, quoted))
    return found


# One process screens a file in about 60 us here and two workers cost about 40 ms to start; on the large tree
# of bench/speed.py (11,400 files) two workers took 0.43-0.50 s against 0.61-0.69 s alone (2 cores). Below a
# couple of thousand files the start and the parts' hand-over eat the gain.
POOL_MIN_FILES = 2000


def screen_in_pool(workers: int) -> Callable[[Screen, Sequence[Path], int], list[Screened]]:
    """``screen_files``, spread over ``workers`` processes for a long list of files."""

    def screened(screen: Screen, paths: Sequence[Path], max_size: int) -> list[Screened]:
        if workers < 2 or len(paths) < POOL_MIN_FILES:
            return screen_files(screen, paths, max_size)
        from migrator.workers import map_in_pool

        size = -(-len(paths) // (workers * 4))  # a few parts per worker, so that one slow part does not hold the rest
        names = [str(path) for path in paths]
        parts = [(screen, names[start:start + size], max_size) for start in range(0, len(paths), size)]
        done = map_in_pool(_screen_part, parts, workers)
        if done is None:
            return screen_files(screen, paths, max_size)
        found = [Screened(path, None, []) for path in paths]
        for start, part in zip(range(0, len(paths), size), done):
            for number, data, quoted in part:
                found[start + number] = Screened(paths[start + number], data, quoted)
        return found

    return screened


def _screen_part(screen: Screen, names: Sequence[str], max_size: int) -> list[tuple[int, bytes | None, list[tuple[str, str]]]]:
    """A worker's part: only the files that show something come back, by their number in the part.

    Nearly every file of a large tree shows nothing; sending each one's
    result (and its path) back cost a sixth of the pool's time.
    """
    return [
        (number, item.data, item.quoted)
        for number, item in enumerate(screen_files(screen, [Path(name) for name in names], max_size))
        if item.data is not None or item.quoted
    ]
