"""Matching patterns taken from scanned code against model IDs, in bounded time.

Scanned code is untrusted input: a string template with many holes, or a
regular expression of its own, must not make the run backtrack for minutes.
Templates are matched by a linear glob walk; a regular expression is run only
when its shape bounds Python's backtracking, else judged by its text.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional, Sequence

# Longest pattern text that is run, and most quantifiers it may hold: with
# unnested quantifiers, backtracking over an ID of n characters is at most
# about n ** (quantifiers + 1) steps, a few million for IDs of 40 characters.
MAX_REGEX_LENGTH = 300
MAX_QUANTIFIERS = 4
_WORD = re.compile(r"[a-z0-9]+")
# Comments and verbose mode change what the light scan below would read as syntax.
_UNSCANNED = re.compile(r"\(\?#|\(\?[a-zA-Z]*x")


def fills(parts: Sequence[Optional[str]], text: str) -> bool:
    """Can ``text`` be spelled by filling each hole (``None``) of the template with any string?

    Greedy glob matching: the first and last fixed parts anchor the ends,
    each fixed part between them is taken at its leftmost place. Linear in
    the text for each part, where a regular expression of ``.*`` holes
    backtracks.
    """
    pieces: list[Optional[str]] = []
    for part in parts:  # merge neighbouring fixed parts, drop empty ones
        if part is None:
            if not pieces or pieces[-1] is not None:
                pieces.append(None)
        elif part:
            if pieces and pieces[-1] is not None:
                pieces[-1] += part
            else:
                pieces.append(part)
    if None not in pieces:
        return "".join(piece for piece in pieces if piece) == text
    start, end = 0, len(text)
    if pieces and pieces[0] is not None:
        if not text.startswith(pieces[0]):
            return False
        start = len(pieces[0])
        pieces = pieces[1:]
    if pieces and pieces[-1] is not None:
        if not text.endswith(pieces[-1]) or end - len(pieces[-1]) < start:
            return False
        end -= len(pieces[-1])
        pieces = pieces[:-1]
    for piece in pieces:
        if piece is None:
            continue
        found = text.find(piece, start, end)
        if found < 0:
            return False
        start = found + len(piece)
    return True


def regex_matches(pattern: str, candidates: Iterable[str]) -> Optional[tuple[str, ...]]:
    """The candidates ``pattern`` finds a match in, or None when the pattern is not run.

    None means: too long, not a valid pattern, holding comments or verbose
    mode (which the scan cannot read), or shaped so that Python's
    backtracking is unbounded (a repeated group that itself repeats or
    branches, or more than ``MAX_QUANTIFIERS`` quantifiers in all).
    """
    if len(pattern) > MAX_REGEX_LENGTH or _UNSCANNED.search(pattern) or not _bounded_backtracking(pattern):
        return None
    try:
        compiled = re.compile(pattern)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None
    return tuple(candidate for candidate in candidates if compiled.search(candidate))


def mentions(pattern: str, candidate: str) -> bool:
    """A pattern that is not run still shows what it is about: the ID's last word in its text."""
    words = _WORD.findall(candidate.lower())
    return bool(words) and words[-1] in pattern.lower()


def _bounded_backtracking(pattern: str) -> bool:
    """A light scan of the pattern's syntax: escapes and character classes are skipped."""
    quantifiers = 0
    groups: list[bool] = []  # per open group: does it repeat or branch inside?
    closed_risky = False  # the group just closed repeats or branches inside
    index = 0
    while index < len(pattern):
        char = pattern[index]
        after_group, closed_risky = closed_risky, False
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = _class_end(pattern, index)
            continue
        if char == "(":
            groups.append(False)
            if pattern.startswith("(?", index):
                index += 1  # "(?:", "(?i)", "(?P<" are not quantifiers
        elif char == ")":
            risky = groups.pop() if groups else False
            closed_risky = risky
            if groups and risky:
                groups[-1] = True
        elif char == "|":
            if groups:
                groups[-1] = True
        elif char in "*+?{":
            if char == "{" and not re.match(r"\{\d*(,\d*)?\}", pattern[index:]):
                index += 1
                continue
            quantifiers += 1
            if after_group and char != "?":  # a branching group may be optional, not repeated
                return False
            if groups:
                groups[-1] = True
            if char == "{":
                index = pattern.index("}", index)
            elif index + 1 < len(pattern) and pattern[index + 1] in "?+":
                index += 1  # lazy or possessive form of the same quantifier
        index += 1
    return quantifiers <= MAX_QUANTIFIERS


def _class_end(pattern: str, start: int) -> int:
    """Index just past the character class opening at ``start``."""
    index = start + 1
    if index < len(pattern) and pattern[index] == "^":
        index += 1
    if index < len(pattern) and pattern[index] == "]":
        index += 1
    while index < len(pattern) and pattern[index] != "]":
        index += 2 if pattern[index] == "\\" else 1
    return index + 1
