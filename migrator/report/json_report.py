"""``--format json``: the version 1 contract of DESIGN.md, one object per run."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import fields, is_dataclass
from typing import Any, TextIO

from migrator.exposure import iso_utc
from migrator.findings import Finding
from migrator.report import Report

SCHEMA_VERSION = 1


def render(report: Report, stream: TextIO, color: bool = False) -> None:
    """Write the report as one JSON document."""
    json.dump(to_document(report), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def to_document(report: Report) -> dict[str, Any]:
    """The version 1 document: tool, as_of, deadline, findings, errors, summary."""
    summary = _plain(report.summary)
    for row in summary["by_legacy_id"]:
        row["retired_at"] = iso_utc(row["retired_at"])
    if summary["cost"] is not None:
        summary["cost"] = _dates_as_text(summary["cost"])
    # What was not looked at, and why (additions to contract version 1).
    summary["skipped"] = {
        "generated": report.skipped_generated,
        "too_large": list(report.too_large),
        "links_outside": report.outside_links,
    }
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": report.tool_name, "version": report.tool_version},
        "as_of": iso_utc(report.as_of),
        "deadline": iso_utc(report.deadline),
        "findings": [finding_object(finding) for finding in report.findings],
        "errors": [{"path": error.path, "message": error.message} for error in report.errors],
        "summary": summary,
    }


def _plain(value: Any) -> Any:
    """Records (named tuples and dataclasses) as dicts, all the way down: what JSON can hold."""
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {key: _plain(item) for key, item in value._asdict().items()}
    if is_dataclass(value) and not isinstance(value, type):
        return {field.name: _plain(getattr(value, field.name)) for field in fields(value)}
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _dates_as_text(value: Any) -> Any:
    """Prices carry the date they were true: ISO dates in JSON."""
    if isinstance(value, dict):
        return {key: _dates_as_text(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_dates_as_text(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def fix_object(finding: Finding) -> dict[str, Any] | None:
    """A finding's fix with its edits, or None."""
    if finding.fix is None:
        return None
    return {
        "applicability": finding.fix.applicability,
        "description": finding.fix.description,
        "edits": [
            {
                "line": edit.span.line,
                "column": edit.span.column,
                "end_line": edit.span.end_line,
                "end_column": edit.span.end_column,
                "content": edit.content,
                # An edit in another file (the fix spans files) names it; "path" absent: the finding's file.
                **({"path": edit.path} if edit.path is not None and edit.path != finding.path else {}),
            }
            for edit in finding.fix.edits
        ],
    }


def finding_object(finding: Finding) -> dict[str, Any]:
    """One finding as the JSON contract spells it."""
    item: dict[str, Any] = {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity,
        "path": finding.path,
        "line": finding.span.line,
        "column": finding.span.column,
        "end_line": finding.span.end_line,
        "end_column": finding.span.end_column,
        "message": finding.message,
        "legacy_id": finding.legacy_id,
        "target": finding.tier.target if finding.tier else None,
        "tier": finding.tier.tier if finding.tier else None,
        "tier_reason": finding.tier.reason if finding.tier else None,
        "fix": fix_object(finding),
    }
    if finding.cell is not None:
        item["cell"] = finding.cell
    if finding.related:
        item["related"] = [
            {"path": place.path, "line": place.line, "column": place.column, "role": place.role}
            for place in finding.related
        ]
    return item
