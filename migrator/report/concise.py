"""``--format concise``: one line per finding, for editors and grep."""

from __future__ import annotations

from typing import TextIO

from migrator.report import Report


def render(report: Report, stream: TextIO, color: bool = False) -> None:
    """One line per finding and per file error."""
    for finding in report.findings:
        stream.write(
            f"{finding.location}: "
            f"{finding.code} [{finding.severity}] {finding.message}\n"
        )
    for error in report.errors:
        stream.write(f"{error.path}: error: {error.message}\n")
