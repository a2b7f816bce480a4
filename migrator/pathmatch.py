"""Exclude and include patterns, matched against every path a walk meets: one regular expression for all.

``pathspec`` tries each gitignore pattern on its own (about 25 regular
expressions per path with the default excludes, most of a large tree's
discovery time). When no pattern negates another, gitignore's answer is
simply "some pattern matches", so the patterns' own expressions, joined
into one alternation, answer the same in one search. With a negation
(``!keep.py``) the order and kind of each match matter: pathspec decides.

Plain patterns (names, ``*`` and ``?`` inside one segment, an anchoring or
a trailing ``/``: every default and most configured ones) are translated
here without importing pathspec, which costs more than the rest of a
pre-commit run's start-up. Everything else is pathspec's; tests check that
both give the same answer on the plain language.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    import pathspec

_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")
# A plain pattern: segments of ordinary characters, ``*`` and ``?``, with an optional
# leading and trailing slash. No ``**``, classes, escapes, negation, comments or spaces.
_PLAIN = re.compile(r"/?[A-Za-z0-9._@+=,~%*?-]+(?:/[A-Za-z0-9._@+=,~%*?-]+)*/?")


class PathPatterns:
    """Gitignore-style patterns: ``match_file(relative_posix_path)`` as pathspec's, faster when it can be."""

    def __init__(self, lines: Iterable[str]) -> None:
        lines = list(lines)
        self._joined = plain_regex(lines)
        self._by_name = _split_plain(lines) if self._joined is not None else None
        self._spec: pathspec.GitIgnoreSpec | None = None
        if self._joined is None:
            import pathspec

            self._spec = pathspec.GitIgnoreSpec.from_lines(lines)
            self._joined = _joined(self._spec)

    @property
    def joined(self) -> bool:
        """Are the patterns matched as one expression (no negation among them)?"""
        return self._spec is None or self._joined is not None

    def match_file(self, relative: str) -> bool:
        if self._joined is not None:
            return self._joined.search(relative) is not None
        assert self._spec is not None
        return bool(self._spec.match_file(relative))

    def match_walked(self, relative: str, name: str) -> bool:
        """``match_file(relative)`` for a path whose folders no pattern matches (a walk did not enter them otherwise).

        ``name`` is the path's last part (with its trailing ``/`` for a
        folder). A pattern without a slash inside can then only match that
        name: it is tried on the name alone, and only the anchored patterns
        search the whole path (on a large tree the whole-path search of every
        pattern cost as much as the walk). For excludes only: a walk enters
        folders an include matches, and the files below them are included.
        """
        if self._by_name is None:
            return self.match_file(relative)
        names, anchored = self._by_name
        return (names is not None and names.fullmatch(name) is not None) or (
            anchored is not None and anchored.search(relative) is not None
        )


def is_plain(pattern: str) -> bool:
    """Is ``pattern`` in the plain subset this module translates itself?"""
    if _PLAIN.fullmatch(pattern) is None or "**" in pattern:
        return False
    return all(segment not in (".", "..") for segment in pattern.strip("/").split("/"))


def plain_regex(lines: Sequence[str]) -> re.Pattern[str] | None:
    """One expression for ``lines`` when each is blank or plain; None sends them to pathspec."""
    pieces = []
    for line in lines:
        if not line.strip():
            continue
        if not is_plain(line):
            return None
        pieces.append(_plain_piece(line))
    if not pieces:
        return re.compile(r"(?!)")
    return re.compile("|".join(f"(?:{piece})" for piece in pieces))


def _split_plain(lines: Sequence[str]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Plain patterns as (one expression for a name, one for the anchored patterns' whole paths)."""
    names, anchored = [], []
    for line in lines:
        if not line.strip():
            continue
        body = line.rstrip("/")
        if "/" in body:
            anchored.append(_plain_piece(line))
        else:  # a name pattern; a trailing slash keeps it to folders
            names.append(_segment(body) + ("/" if line.endswith("/") else "/?"))
    return (
        re.compile("|".join(f"(?:{piece})" for piece in names)) if names else None,
        re.compile("|".join(f"(?:{piece})" for piece in anchored)) if anchored else None,
    )


def _plain_piece(pattern: str) -> str:
    """Gitignore's meaning of a plain pattern, as the expression pathspec builds for it."""
    directory_only = pattern.endswith("/")
    body = pattern.rstrip("/") if directory_only else pattern
    anchored = "/" in body  # a slash at the start or in the middle ties the pattern to the root
    body = body.lstrip("/")
    segments = "/".join(_segment(segment) for segment in body.split("/"))
    start = "^" if anchored else "^(?:.+/)?"
    return start + segments + ("/" if directory_only else "(?:/|$)")


def _segment(segment: str) -> str:
    if segment == "*":  # a lone star stands for one whole, non-empty name
        return "[^/]+"
    return "".join("[^/]*" if char == "*" else "[^/]" if char == "?" else re.escape(char) for char in segment)


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
