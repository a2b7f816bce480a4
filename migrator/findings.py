"""The values every stage passes on: findings, fixes, tier decisions, file errors."""

from __future__ import annotations

from typing import NamedTuple

SEVERITIES = ("info", "warning", "error")
FIX_APPLICABILITIES = ("safe", "unsafe", "display-only")


def severity_rank(severity: str) -> int:
    """Order severities so that ``fail-on`` can compare them."""
    return SEVERITIES.index(severity)


class Span(NamedTuple):
    """A source region: 1-based lines and columns, the end column exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


class Edit(NamedTuple):
    """Replace the text in ``span`` with ``content``."""

    span: Span
    content: str
    path: str | None = None  # another file's edit, in a fix that spans files (None: the finding's file)


class Fix(NamedTuple):
    """What a fix does, how safe it is, and the edits (applied all or none)."""

    applicability: str
    description: str
    edits: tuple[Edit, ...] = ()
    # The request whose call or body the edits rewrite, when they rewrite one:
    # fixes of two requests nested in each other may share a pass, fixes of
    # one request wait for each other (each was computed on the other's text).
    request: Span | None = None


class TierDecision(NamedTuple):
    """The tier a site migrates to, the model ID that tier means, and who chose it."""

    tier: str
    target: str
    reason: str


class Related(NamedTuple):
    """Another place a finding's value reaches or is known: a request, a comparison, a caller."""

    path: str
    line: int
    column: int
    role: str


class Finding(NamedTuple):
    """One reported problem; ``exposed`` ones are requests that fail at the deadline."""

    code: str
    name: str
    severity: str
    path: str
    span: Span
    message: str
    legacy_id: str | None = None
    tier: TierDecision | None = None
    fix: Fix | None = None
    cell: int | None = None
    exposed: bool = False
    legacy_ids: tuple[str, ...] = ()
    related: tuple[Related, ...] = ()
    # For the report's cost view, not the JSON finding: where a request site stands for usage globs
    # (project path, enclosing function), and whether renaming its model alone would start thinking.
    subject: tuple[str, str] | None = None
    silent_thinking: bool = False
    hints: tuple[str, ...] = ()  # tier evidence for --suggest-tiers (checks/tier_hints.py)

    @property
    def location(self) -> str:
        """``path:line:column``, or ``path:cell N:line:column`` inside a notebook."""
        cell = f"cell {self.cell}:" if self.cell is not None else ""
        return f"{self.path}:{cell}{self.span.line}:{self.span.column}"

    @property
    def source_key(self) -> str:
        """Where the report finds the lines around the finding (a notebook's cells are kept apart)."""
        return source_key(self.path, self.cell)

    @property
    def named_ids(self) -> tuple[str, ...]:
        """Every retired ID the finding is about."""
        return self.legacy_ids or ((self.legacy_id,) if self.legacy_id else ())


class FileError(NamedTuple):
    """A file that could not be read or parsed; the run goes on without it."""

    path: str
    message: str


def source_key(path: str, cell: int | None) -> str:
    return path if cell is None else f"{path}:cell {cell}"
