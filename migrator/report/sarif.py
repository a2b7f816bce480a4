"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

import json
from urllib.parse import quote
from typing import Any, TextIO

from migrator.checks import RULES
from migrator.findings import Finding
from migrator.report import Report
from migrator.report.fingerprints import fingerprints

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(report: Report, stream: TextIO, color: bool = False) -> None:
    json.dump(to_sarif(report), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def to_sarif(report: Report) -> dict[str, Any]:
    index = {rule.code: position for position, rule in enumerate(RULES)}
    prints = fingerprints(report.findings, report.sources)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": report.tool_name,
                        "version": report.tool_version,
                        "informationUri": "https://github.com/deepseek-migrator/deepseek-migrator",
                        "rules": [_rule(rule) for rule in RULES],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The folder the run started in."}}},
                "results": [_result(finding, index, fingerprint) for finding, fingerprint in zip(report.findings, prints)],
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": [
                            {
                                "level": "error",
                                "message": {"text": error.message},
                                "locations": [{"physicalLocation": {"artifactLocation": _artifact(error.path)}}],
                            }
                            for error in report.errors
                        ],
                    }
                ],
            }
        ],
    }


def _rule(rule: type) -> dict[str, Any]:
    documentation = rule.documentation()
    paragraphs = [part.strip() for part in documentation.split("\n\n") if part.strip()]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": " ".join(paragraphs[1].split()) if len(paragraphs) > 1 else rule.summary()},
        "help": {"text": documentation},
        "defaultConfiguration": {"level": _LEVELS[rule.default_severity]},
        "properties": {"fixSafety": rule.fix_safety},
    }


def _artifact(path: str) -> dict[str, str]:
    """A relative URI reference: spaces, ``%``, ``#`` and ``?`` percent-encoded (RFC 3986)."""
    return {"uri": quote(path, safe="/"), "uriBaseId": "%SRCROOT%"}


def _region(finding: Finding) -> dict[str, int]:
    span = finding.span
    return {"startLine": span.line, "startColumn": span.column, "endLine": span.end_line, "endColumn": span.end_column}


def _result(finding: Finding, index: dict[str, int], fingerprint: str) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": _artifact(finding.path)}
    properties: dict[str, Any] = {}
    if finding.cell is None:
        location["region"] = _region(finding)
    else:  # lines count inside a notebook cell, not in the file: no file region
        properties.update(cell=finding.cell, cellLine=finding.span.line, cellColumn=finding.span.column)
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"deepseekMigrate/v1": fingerprint},
    }
    if finding.tier is not None:
        properties.update(target=finding.tier.target, tier=finding.tier.tier)
    if finding.fix is not None:
        properties["fixApplicability"] = finding.fix.applicability
        if finding.fix.edits and finding.cell is None:
            by_file: dict[str, list] = {}
            for edit in finding.fix.edits:
                by_file.setdefault(edit.path or finding.path, []).append(edit)
            result["fixes"] = [
                {
                    "description": {"text": f"{finding.fix.description} ({finding.fix.applicability})"},
                    "artifactChanges": [
                        {
                            "artifactLocation": _artifact(path),
                            "replacements": [
                                {
                                    "deletedRegion": {
                                        "startLine": edit.span.line,
                                        "startColumn": edit.span.column,
                                        "endLine": edit.span.end_line,
                                        "endColumn": edit.span.end_column,
                                    },
                                    "insertedContent": {"text": edit.content},
                                }
                                for edit in edits
                            ],
                        }
                        for path, edits in by_file.items()
                    ],
                }
            ]
    if finding.related:
        result["relatedLocations"] = [
            {
                "id": number,
                "physicalLocation": {
                    "artifactLocation": _artifact(place.path),
                    "region": {"startLine": place.line, "startColumn": max(place.column, 1)},
                },
                "message": {"text": place.role},
            }
            for number, place in enumerate(finding.related)
        ]
    if properties:
        result["properties"] = properties
    return result
