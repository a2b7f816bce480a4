"""What the Python analysis learns about a file, as plain data.

Kept apart from :mod:`migrator.python_analysis` so that checks and reports
can use these types without importing libcst.
"""

from __future__ import annotations

from dataclasses import dataclass

from migrator.findings import Span

# The role a retired-ID literal plays where it stands.
ROLE_MODEL = "model"
ROLE_REFERENCE = "reference"
ROLE_PROSE = "prose"
ROLE_OTHER = "other"


@dataclass(frozen=True)
class RequestContext:
    """The call or payload a literal sits in, as far as the module shows it."""

    callee: str
    shape: str | None
    api: str | None
    arguments: tuple[str, ...]
    uses_tools: bool
    requires_thinking: str | None = None


@dataclass(frozen=True)
class ModelLiteral:
    """A string literal whose whole value is a retired ID, and what it does there."""

    span: Span
    value: str
    legacy_id: str
    prefix: str
    role: str
    context: str
    request: RequestContext | None
    function: str
    statement_line: int


@dataclass(frozen=True)
class PythonFacts:
    literals: tuple[ModelLiteral, ...]
