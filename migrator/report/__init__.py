"""Renderers: one module per output format. They format; they never analyze."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, TextIO

from migrator.findings import FileError, Finding
from migrator.summary import Summary


@dataclass(frozen=True)
class Report:
    """Everything a renderer may show, computed before rendering starts."""

    tool_name: str
    tool_version: str
    as_of: dt.datetime
    deadline: dt.datetime
    findings: list[Finding]
    errors: list[FileError]
    sources: dict[str, list[str]]
    summary: Summary
    statistics: bool = False


Renderer = Callable[[Report, TextIO, bool], None]
FORMATS = ("text", "concise", "json")


def renderer_for(name: str) -> Renderer:
    """Import only the renderer asked for (rich is not loaded for JSON)."""
    if name == "json":
        from migrator.report.json_report import render
    elif name == "concise":
        from migrator.report.concise import render
    else:
        from migrator.report.text import render
    return render
