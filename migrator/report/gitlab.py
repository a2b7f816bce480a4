"""``--format gitlab``: a GitLab Code Quality report (a JSON list of issues)."""

from __future__ import annotations

import hashlib
import json
from typing import Any, TextIO

from migrator.report import Report
from migrator.report.fingerprints import fingerprints

# Code Quality severities: info, minor, major, critical, blocker.
_SEVERITIES = {"error": "critical", "warning": "minor", "info": "info"}


def render(report: Report, stream: TextIO, color: bool = False) -> None:
    issues: list[dict[str, Any]] = []
    for finding, fingerprint in zip(report.findings, fingerprints(report.findings, report.sources)):
        where = f"cell {finding.cell}, line {finding.span.line}: " if finding.cell is not None else ""
        line = finding.span.line if finding.cell is None else 1
        end = finding.span.end_line if finding.cell is None else 1
        issues.append(
            {
                "type": "issue",
                "description": where + finding.message,
                "check_name": finding.code,
                "categories": ["Bug Risk"],
                "fingerprint": fingerprint[:32],
                "severity": _SEVERITIES[finding.severity],
                "location": {"path": finding.path, "lines": {"begin": line, "end": end}},
            }
        )
    for error in report.errors:  # a file not analysed is an issue too: its IDs were not checked
        digest = hashlib.sha256(f"error\x1f{error.path}\x1f{error.message}".encode("utf-8")).hexdigest()
        issues.append(
            {
                "type": "issue",
                "description": f"not analysed: {error.message}",
                "check_name": "deepseek-migrate/file-error",
                "categories": ["Bug Risk"],
                "fingerprint": digest[:32],
                "severity": "major",
                "location": {"path": error.path, "lines": {"begin": 1, "end": 1}},
            }
        )
    json.dump(issues, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
