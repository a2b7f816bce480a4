"""``--format text``: a clean run is one plain line; anything else goes through rich (``text_console``).

Most pre-commit runs find nothing, so they never pay for loading rich.
"""

from __future__ import annotations

from typing import TextIO

from migrator.report import Report


def render(report: Report, stream: TextIO, color: bool = False) -> None:
    summary = report.summary
    quiet_run = not (summary.findings or summary.errors or summary.fixed)
    if quiet_run and not (report.skipped_generated or report.too_large or report.outside_links):
        if not report.quiet:
            as_of = report.as_of.strftime("%Y-%m-%d %H:%M UTC")
            stream.write(f"All clear: no retired model IDs in {summary.files_scanned} files scanned (as of {as_of}).\n")
        return
    from migrator.report.text_console import render as render_console

    render_console(report, stream, color)
