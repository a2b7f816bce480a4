"""``migrate merge REPORT.json...``: one exposure view over many repositories' JSON reports.

Each report is one repository, named by its file (``acme-api.json`` is
``acme-api``): the CI job that ran the tool per repository names the file.
Reports of another contract version are refused, since their fields may
mean something else. Each row keeps the as-of instant its own run judged
exposure on; the totals add sites and findings, never days.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from migrator import TOOL_NAME
from migrator.errors import UsageError
from migrator.readfile import read_regular
from migrator.report.json_report import SCHEMA_VERSION

MAX_REPORT = 256 * 1024 * 1024


@dataclass(frozen=True)
class RepositoryRow:
    name: str
    as_of: str
    files_scanned: int
    files_with_findings: int
    findings: int
    errors: int
    sites: dict[str, int]  # legacy ID -> request sites
    status: dict[str, str]  # legacy ID -> "retired N days ago"
    fixable_safe: int
    silent_thinking: int | None  # None: the report has no cost view (no retired ID reaches a request)


@dataclass(frozen=True)
class MergedReport:
    rows: tuple[RepositoryRow, ...]
    legacy_ids: tuple[str, ...]

    @property
    def as_of_dates(self) -> tuple[str, ...]:
        return tuple(sorted({row.as_of for row in self.rows}))

    def total(self, field: str) -> int:
        return sum(getattr(row, field) or 0 for row in self.rows)

    def sites(self, legacy_id: str) -> int:
        return sum(row.sites.get(legacy_id, 0) for row in self.rows)


def load_reports(paths: Sequence[Path]) -> MergedReport:
    """Read and check every report; the first problem names its file and ends the run (exit 2)."""
    if not paths:
        raise UsageError("merge: give one or more JSON reports (migrate --format json -o REPO.json)")
    rows: list[RepositoryRow] = []
    for path in paths:
        row = _row(path, _document(path))
        if any(existing.name == row.name for existing in rows):
            raise UsageError(f"{path}: a second report named {row.name!r}: name each repository's report apart")
        rows.append(row)
    legacy = sorted({legacy_id for row in rows for legacy_id in row.sites})
    return MergedReport(tuple(sorted(rows, key=lambda row: row.name)), tuple(legacy))


def _document(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(read_regular(path, MAX_REPORT).decode("utf-8"))
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: not a JSON report: {exc}") from None
    except RecursionError:
        raise UsageError(f"{path}: not a JSON report: nested too deeply to read") from None
    if not isinstance(document, dict) or "version" not in document:
        raise UsageError(f"{path}: not a deepseek-migrator JSON report (no version field)")
    if document.get("kind") == "merged":
        raise UsageError(f"{path}: a merged view, not one repository's report: merge the reports it came from")
    tool = document.get("tool")
    if not isinstance(tool, dict) or tool.get("name") != TOOL_NAME:
        raise UsageError(f"{path}: not a {TOOL_NAME} report (tool.name is {tool.get('name') if isinstance(tool, dict) else None!r})")
    if type(document["version"]) is not int or document["version"] != SCHEMA_VERSION:
        raise UsageError(
            f"{path}: report contract version {document['version']!r}; this tool merges version {SCHEMA_VERSION} "
            "(run the same tool version in every repository)"
        )
    return document


def _row(path: Path, document: dict[str, Any]) -> RepositoryRow:
    try:
        summary = document["summary"]
        cost = summary.get("cost")
        as_of = str(document["as_of"])
        try:
            dt.datetime.fromisoformat(as_of.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"as_of {as_of!r} is not an ISO 8601 instant") from None
        counts = [summary[key] for key in ("files_scanned", "files_with_findings", "findings", "errors")]
        counts += [row["sites"] for row in summary["by_legacy_id"]]
        if any(type(count) is not int or count < 0 for count in counts):
            raise ValueError("a count that is not a whole number of at least 0")
        row = RepositoryRow(
            name=path.stem if path.suffix.lower() == ".json" else path.name,
            as_of=as_of,
            files_scanned=int(summary["files_scanned"]),
            files_with_findings=int(summary["files_with_findings"]),
            findings=int(summary["findings"]),
            errors=int(summary["errors"]),
            sites={str(row["legacy_id"]): int(row["sites"]) for row in summary["by_legacy_id"]},
            status={str(row["legacy_id"]): str(row["status"]) for row in summary["by_legacy_id"]},
            fixable_safe=int(summary["fixable"].get("safe", 0)),
            silent_thinking=int(cost["silent_thinking"]) if isinstance(cost, dict) else None,
        )
    except KeyError as exc:
        raise UsageError(f"{path}: not a complete version {SCHEMA_VERSION} report: no {exc} field") from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise UsageError(f"{path}: not a well-formed version {SCHEMA_VERSION} report: {exc}") from None
    return row


def to_document(merged: MergedReport) -> dict[str, Any]:
    """The merged view as JSON: a row per repository and the totals."""
    return {
        "version": SCHEMA_VERSION,
        "kind": "merged",
        "as_of": list(merged.as_of_dates),
        "repositories": [
            {
                "name": row.name, "as_of": row.as_of, "files_scanned": row.files_scanned,
                "files_with_findings": row.files_with_findings, "findings": row.findings, "errors": row.errors,
                "sites": row.sites, "status": row.status, "fixable_safe": row.fixable_safe,
                "silent_thinking": row.silent_thinking,
            }
            for row in merged.rows
        ],
        "totals": {
            "repositories": len(merged.rows),
            "exposed_repositories": sum(1 for row in merged.rows if any(row.sites.values())),
            "findings": merged.total("findings"),
            "errors": merged.total("errors"),
            "sites": {legacy_id: merged.sites(legacy_id) for legacy_id in merged.legacy_ids},
            "fixable_safe": merged.total("fixable_safe"),
            "silent_thinking": merged.total("silent_thinking"),
        },
    }


def render_text(merged: MergedReport, markdown: bool = False) -> str:
    """One table, a row per repository, then the totals: plain text or Markdown."""
    header = ["Repository", "As of", "Findings", *(f"{legacy_id} sites" for legacy_id in merged.legacy_ids),
              "Safe fixes", "Silent thinking", "Status"]
    rows = []
    for row in merged.rows:
        status = "; ".join(sorted(set(row.status.values()))) or "clear"
        silent = "-" if row.silent_thinking is None else str(row.silent_thinking)
        rows.append([row.name, row.as_of, str(row.findings), *(str(row.sites.get(i, 0)) for i in merged.legacy_ids),
                     str(row.fixable_safe), silent, status])
    rows.append(["total", "", str(merged.total("findings")), *(str(merged.sites(i)) for i in merged.legacy_ids),
                 str(merged.total("fixable_safe")), str(merged.total("silent_thinking")), ""])
    exposed = sum(1 for row in merged.rows if any(row.sites.values()))
    lines = []
    if markdown:
        lines.append("## DeepSeek model retirement: all repositories\n")
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "|".join("---" for _ in header) + "|")
        lines.extend("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows)
    else:
        widths = [max(len(line[index]) for line in [header, *rows]) for index in range(len(header))]
        for line in [header, *rows]:
            lines.append("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())
    lines.append("")
    lines.append(f"{exposed} of {len(merged.rows)} repositories still name a retired model ID.")
    if len(merged.as_of_dates) > 1:
        lines.append(f"Reports were judged on different dates ({', '.join(merged.as_of_dates)}): each row's status is as of its own.")
    return "\n".join(lines) + "\n"
