"""``--format text`` through rich: findings with code frames, like ruff, then summary tables."""

from __future__ import annotations

from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from migrator.cost import CostView
from migrator.exposure import format_instant
from migrator.findings import Finding
from migrator.report import Report
from migrator.report.cost_rows import (
    PRICE_HEADER,
    TEXT_COLUMNS,
    USAGE_HEADER,
    cost_sentences,
    price_rows,
    usage_rows,
)
from migrator.textscan import escape_controls

_SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}
_CONTEXT_LINES = 1


def render(report: Report, stream: TextIO, color: bool = False) -> None:
    """Findings with code frames (or statistics), file errors, then the summary tables."""
    console = Console(
        file=stream,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        width=None if color else 120,
        soft_wrap=False,
    )
    if report.statistics:
        _statistics(console, report)
    else:
        for finding in report.findings:
            _finding(console, finding, report.sources.get(finding.source_key))
    for error in report.errors:
        console.print(Text.assemble((error.path, "bold"), ": ", ("error", "bold red"), f": {error.message}"))
    if not report.quiet:
        _summary(console, report)


_MAX_RELATED = 8


def _finding(console: Console, finding: Finding, lines: list[str] | None) -> None:
    """One finding as one block: printed at once (rich's cost is per print, and a large report has thousands)."""
    block = [
        Text.assemble(
            (finding.location, "bold"),
            ": ",
            (finding.code, _SEVERITY_STYLE[finding.severity]),
            " ",
            (f"[{finding.severity}]", _SEVERITY_STYLE[finding.severity]),
            " ",
            finding.message,
        )
    ]
    if lines:
        block.extend(_code_frame(finding, lines))
    if finding.tier is not None:
        block.append(
            Text.assemble(
                "  = ", ("target", "cyan"), f": {finding.tier.target} (tier {finding.tier.tier}, {finding.tier.reason})"
            )
        )
    for place in finding.related[:_MAX_RELATED]:
        block.append(Text.assemble("  = ", (place.role, "cyan"), f": {place.path}:{place.line}:{place.column}"))
    if len(finding.related) > _MAX_RELATED:
        block.append(Text(f"  = and {len(finding.related) - _MAX_RELATED} more related places (see --format json)"))
    block.append(Text(""))
    console.print(Text("\n").join(block), soft_wrap=True)


def _code_frame(finding: Finding, lines: list[str]) -> list[Text]:
    span = finding.span
    first = max(1, span.line - _CONTEXT_LINES)
    last = min(len(lines), span.end_line + _CONTEXT_LINES)
    gutter = len(str(last))
    frame = [Text(" " * (gutter + 1) + "|", style="blue")]
    for number in range(first, last + 1):
        line = lines[number - 1]
        frame.append(Text.assemble((f"{number:>{gutter}} | ", "blue"), _untab(line)))
        if span.line <= number <= span.end_line:
            start = span.column if number == span.line else 1
            end = span.end_column if number == span.end_line else len(line) + 1
            indent = cell_len(_untab(line[: start - 1]))
            width = max(1, cell_len(_untab(line[: end - 1])) - indent)
            label = f" {finding.code}" if number == span.end_line else ""
            frame.append(
                Text.assemble(
                    (" " * gutter + " | ", "blue"),
                    (" " * indent + "^" * width + label, _SEVERITY_STYLE[finding.severity]),
                )
            )
    frame.append(Text(" " * (gutter + 1) + "|", style="blue"))
    return frame


def _untab(text: str) -> str:
    """A source line as shown: tabs as four spaces, control characters escaped."""
    return escape_controls(text.replace("\t", "    "))


def _statistics(console: Console, report: Report) -> None:
    names = {finding.code: finding.name for finding in report.findings}
    table = Table(box=None, show_header=False, pad_edge=False)
    for column in ("count", "code", "name"):
        table.add_column(column, justify="right" if column == "count" else "left")
    for code, count in report.summary.by_code.items():
        table.add_row(str(count), code, Text(names[code]))
    console.print(table)


def _summary(console: Console, report: Report) -> None:
    summary = report.summary
    as_of = report.as_of.strftime("%Y-%m-%d %H:%M UTC")
    if summary.fixed:
        console.print(
            Text(f"Fixed {_plural(summary.fixed, 'finding')} in {_plural(summary.files_fixed, 'file')}.", style="green")
        )
    if not summary.findings and not summary.errors:
        console.print(
            f"All clear: no retired model IDs in {summary.files_scanned} files scanned (as of {as_of})."
        )
        _skipped(console, report)
        return
    severities = ", ".join(_plural(count, name) for name, count in summary.by_severity.items() if count)
    headline = (
        f"Found {_plural(summary.findings, 'finding')}"
        + (f" ({severities})" if severities else "")
        + f" in {summary.files_with_findings} of {summary.files_scanned} files scanned, as of {as_of}."
    )
    console.print(Text(headline, style="bold"), soft_wrap=True)
    if summary.errors:
        console.print(f"{_plural(summary.errors, 'file problem')} reported above.")
    _skipped(console, report)
    if summary.by_legacy_id:
        table = Table(title="Deadline exposure by legacy ID", title_justify="left", show_lines=False)
        for column in ("Legacy ID", "Sites", "Files", "Deadline", "Status"):
            table.add_column(column, justify="right" if column in ("Sites", "Files") else "left")
        for row in summary.by_legacy_id:
            style = "red" if row.days_since_deadline >= 0 else "yellow"
            table.add_row(
                Text(row.legacy_id), str(row.sites), str(row.files), format_instant(row.retired_at), Text(row.status, style)
            )
        console.print(table)
    if summary.by_tier:
        table = Table(title="Targets by tier", title_justify="left")
        for column in ("Tier", "Target", "Sites"):
            table.add_column(column, justify="right" if column == "Sites" else "left")
        for tier in summary.by_tier:
            table.add_row(Text(tier.tier), Text(tier.target), str(tier.sites))
        console.print(table)
    if summary.cost is not None:
        _cost(console, summary.cost)
    if summary.by_file:
        table = Table(title="Sites by file", title_justify="left")
        table.add_column("File", overflow="fold")
        table.add_column("Sites", justify="right")
        table.add_column("Legacy IDs")
        for row in summary.by_file:
            table.add_row(Text(row.path), str(row.sites), Text(", ".join(row.legacy_ids)))
        console.print(table)
    safe, unsafe = summary.fixable.get("safe", 0), summary.fixable.get("unsafe", 0)
    if safe:
        console.print(f"{_plural(safe, 'finding')} fixable with --fix.")
    if unsafe:
        console.print(f"{_plural(unsafe, 'more finding')} fixable with --fix --unsafe-fixes (review the diff).")
    manual = summary.fixable.get("manual", 0) + summary.fixable.get("display-only", 0)
    if manual:
        console.print(f"{_plural(manual, 'finding')} to resolve by hand (see each message).")


def _cost(console: Console, cost: CostView) -> None:
    for title, header, rows in (
        ("Cost by tier (USD per 1M tokens)", PRICE_HEADER, price_rows(cost)),
        ("Declared usage", USAGE_HEADER, usage_rows(cost)),
    ):
        if not rows:
            continue
        table = Table(title=title, title_justify="left")
        for column in header:
            table.add_column(column, justify="left" if column in TEXT_COLUMNS else "right")
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))
        console.print(table)
    for sentence in cost_sentences(cost):
        console.print(Text(sentence), soft_wrap=True)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _skipped(console: Console, report: Report) -> None:
    """What the run did not look at, also when all is clear: a skipped file is not a clean one."""
    if report.skipped_generated:
        console.print(f"{_plural(report.skipped_generated, 'generated file')} skipped (skip-generated = true).")
    if report.too_large:
        console.print(
            Text(f"{_plural(len(report.too_large), 'file')} over max-file-size skipped: {', '.join(report.too_large)}."),
            soft_wrap=True,
        )
    if report.outside_links:
        console.print(
            f"{_plural(report.outside_links, 'symbolic link')} to files outside the scanned folders left alone."
        )
