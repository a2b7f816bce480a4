"""``--format markdown``: the exposure report for a pull-request comment or ``$GITHUB_STEP_SUMMARY``."""

from __future__ import annotations

import re
from itertools import groupby
from typing import Callable, TextIO
from urllib.parse import quote

from migrator.cost import CostView
from migrator.exposure import format_instant
from migrator.report import Report
from migrator.report.cost_rows import (
    PRICE_HEADER,
    TEXT_COLUMNS,
    USAGE_HEADER,
    cost_sentences,
    price_rows,
    usage_rows,
)

_ICONS = {"error": "🔴", "warning": "🟡", "info": "🔵"}


def render(report: Report, stream: TextIO, color: bool = False) -> None:
    summary = report.summary
    write = stream.write
    write("## DeepSeek model retirement report\n\n")
    if not report.findings and not report.errors:
        write(f"All clear: no retired model IDs in {summary.files_scanned} files scanned "
              f"(as of {format_instant(report.as_of)}).\n")
    elif not report.findings:
        write(f"No findings in {summary.files_scanned} files scanned, but some files could not be analysed "
              f"(as of {format_instant(report.as_of)}).\n")
    else:
        write(f"**{summary.findings} findings** in {summary.files_with_findings} of {summary.files_scanned} "
              f"files scanned, as of {format_instant(report.as_of)}.\n\n")
        write("| Legacy ID | Sites | Files | Deadline | Status |\n|---|--:|--:|---|---|\n")
        for row in summary.by_legacy_id:
            write(f"| `{row.legacy_id}` | {row.sites} | {row.files} | {format_instant(row.retired_at)} | {row.status} |\n")
        write("\n| Tier | Target | Sites |\n|---|---|--:|\n")
        for tier in summary.by_tier:
            write(f"| {tier.tier} | `{tier.target}` | {tier.sites} |\n")
        if summary.cost is not None:
            _cost(write, summary.cost)
        fixable = ", ".join(f"{count} {kind}" for kind, count in summary.fixable.items() if count)
        if fixable:
            write(f"\nFixes: {fixable}.\n")
        for path, findings in groupby(report.findings, key=lambda finding: finding.path):
            write(f"\n### `{_code(path)}`\n\n")
            for finding in findings:
                cell = f"cell {finding.cell}, " if finding.cell is not None else ""
                where = f"{cell}line {finding.span.line}"
                link = _link(report.link_base, path, finding.span.line) if finding.cell is None else None
                shown = f"[{where}]({link})" if link else where
                write(f"- {_ICONS[finding.severity]} **{finding.code}** {shown}: {_text(finding.message)}\n")
    if report.errors:
        write("\n### Files not analysed\n\n")
        for error in report.errors:
            write(f"- `{_code(error.path)}`: {_text(error.message)}\n")


def _cost(write: Callable[[str], object], cost: CostView) -> None:
    for title, header, rows in (
        ("Cost by tier (USD per 1M tokens)", PRICE_HEADER, price_rows(cost)),
        ("Declared usage", USAGE_HEADER, usage_rows(cost)),
    ):
        if not rows:
            continue
        align = "|".join("---" if column in TEXT_COLUMNS else "--:" for column in header)
        write(f"\n#### {title}\n\n| " + " | ".join(header) + f" |\n|{align}|\n")
        for row in rows:
            write("| " + " | ".join(_text(cell) for cell in row) + " |\n")
    if cost_sentences(cost):
        write("\n" + "\n".join(_text(sentence) for sentence in cost_sentences(cost)) + "\n")


def _link(base: str | None, path: str, line: int) -> str:
    """A link target: the path percent-encoded, so spaces, parentheses and ``#`` stay inside it."""
    target = quote(path, safe="/")
    return f"{base.rstrip('/')}/{target}#L{line}" if base else f"{target}#L{line}"


def _code(text: str) -> str:
    return text.replace("`", "'")


_ACTIVE = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def _text(text: str) -> str:
    """Message text: code spans kept as written, Markdown's and HTML's active characters escaped elsewhere."""
    pieces = text.replace("\n", " ").split("`")
    if len(pieces) % 2 == 0:  # an unmatched backtick: no code spans at all
        return _ACTIVE.sub(r"\\\1", text.replace("\n", " "))
    return "`".join(piece if index % 2 else _ACTIVE.sub(r"\\\1", piece) for index, piece in enumerate(pieces))
