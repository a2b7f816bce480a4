"""Exclude and include patterns, matched against every path a walk meets: one regular expression for all.

``pathspec`` tries each gitignore pattern on its own (about 25 regular
expressions per path with the default excludes, most of a large tree's
discovery time). When no pattern negates another, gitignore's answer is
simply "some pattern matches", so the patterns' own expressions, joined
into one alternation, answer the same in one search. With a negation
(``!keep.py``) the order and kind of each match matter: pathspec decides.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    import pathspec

_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")


class PathPatterns:
    """Gitignore-style patterns: ``match_file(relative_posix_path)`` as pathspec's, faster when it can be."""

    def __init__(self, lines: Iterable[str]) -> None:
        import pathspec

        self.spec: pathspec.GitIgnoreSpec = pathspec.GitIgnoreSpec.from_lines(lines)
        self._joined = _joined(self.spec)

    @property
    def joined(self) -> bool:
        """Are the patterns matched as one expression (no negation among them)?"""
        return self._joined is not None

    def match_file(self, relative: str) -> bool:
        if self._joined is not None:
            return self._joined.search(relative) is not None
        return bool(self.spec.match_file(relative))


def _joined(spec: pathspec.PathSpec) -> re.Pattern[str] | None:
    """One alternation of every pattern's expression; None when a pattern negates or cannot be joined."""
    pieces = []
    for pattern in spec.patterns:
        include = getattr(pattern, "include", None)
        if include is None:  # a comment or blank line
            continue
        regex = getattr(pattern, "regex", None)
        if include is False or regex is None or not isinstance(regex.pattern, str) or "(?P=" in regex.pattern:
            return None
        if regex.flags & ~re.UNICODE:  # joined, every piece takes the same flags
            return None
        # Group names repeat across patterns (pathspec marks directory matches with one): unnamed, they join.
        pieces.append(_NAMED_GROUP.sub("(?:", regex.pattern))
    if not pieces:
        return re.compile(r"(?!)")
    try:
        return re.compile("|".join(f"(?:{piece})" for piece in pieces))
    except re.error:
        return None
