"""``--format github``: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

from typing import TextIO

from migrator.report import Report

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def render(report: Report, stream: TextIO, color: bool = False) -> None:
    for finding in report.findings:
        span = finding.span
        if finding.cell is None:
            where = f"file={_property(finding.path)},line={span.line},col={span.column},"
            where += f"endLine={span.end_line},endColumn={span.end_column},"
            message = finding.message
        else:  # a notebook: its cells' lines are not the file's lines
            where = f"file={_property(finding.path)},"
            message = f"cell {finding.cell}, line {span.line}: {finding.message}"
        title = _property(f"{finding.code} {finding.name}")
        stream.write(f"::{_COMMANDS[finding.severity]} {where}title={title}::{_data(message)}\n")
    for error in report.errors:
        stream.write(f"::error file={_property(error.path)},title=deepseek-migrate::{_data(error.message)}\n")


def _data(text: str) -> str:
    """Escape a command's message as the runner reads it back."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
