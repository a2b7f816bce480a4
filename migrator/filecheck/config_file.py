"""Check one config file (.env, YAML, TOML, JSON, INI): read it in its format, run the rules, fix values."""

from __future__ import annotations

from pathlib import Path

from migrator.checks import RULES
from migrator.config_analysis.analyze import analyze_config
from migrator.config_analysis.tree import ConfigParseError
from migrator.deepstack import on_deep_stack
from migrator.directives import scan_comment_directives
from migrator.filecheck.job import FileResult, Job, Surroundings, display_path, file_context
from migrator.findings import FileError
from migrator.fixer import fix_source, unified_diff
from migrator.textscan import LineIndex, physical_lines

_NAMES = {"env": ".env", "yaml": "YAML", "toml": "TOML", "json": "JSON", "ini": "INI"}
# Where a suppression comment may start in each kind (JSONC comments for JSON).
_COMMENT_MARKERS = {"env": ("#",), "yaml": ("#",), "toml": ("#",), "json": ("//", "/*"), "ini": ("#", ";")}


def check_config_file(job: Job, path: Path, data: bytes, place: Surroundings, kind: str) -> FileResult:
    shown = display_path(path, job.cwd)
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as exc:
        return FileResult(errors=[FileError(shown, f"cannot decode as UTF-8: {exc}")])
    result = check_config_source(job, path, shown, text, place, kind)
    if job.fix is None or not any(f.fix and f.fix.edits for f in result.findings):
        return result

    def check(new_text: str) -> list:
        return check_config_source(job, path, shown, new_text, place, kind).findings

    def validate(new_text: str) -> str | None:
        try:
            on_deep_stack(lambda: analyze_config(kind, new_text, job.catalog))
        except ConfigParseError as exc:
            return f"not valid {_NAMES[kind]} after the fix: {exc.message}"
        return None

    outcome = fix_source(text, check, job.fix.applicabilities, result.findings, validate)
    if outcome.error is not None:
        result.errors.append(FileError(shown, outcome.error))
    if outcome.applied == 0:
        return result
    fixed = check_config_source(job, path, shown, outcome.source, place, kind)
    fixed.fixed = outcome.applied
    if job.fix.write:
        fixed.new_bytes, fixed.unfixed = (b"\xef\xbb\xbf" if bom else b"") + outcome.source.encode("utf-8"), result
    else:
        fixed.diff = unified_diff(text, outcome.source, shown)
    return fixed


def check_config_source(job: Job, path: Path, shown: str, text: str, place: Surroundings, kind: str) -> FileResult:
    """Findings (after suppressions) and problems for one decoded config text."""
    result = FileResult(lines=physical_lines(text))
    directives = scan_comment_directives(text, _COMMENT_MARKERS[kind])
    context = file_context(job, path, shown, directives, place)
    try:
        facts = on_deep_stack(lambda: analyze_config(kind, text, job.catalog))
    except ConfigParseError as exc:
        line, column = LineIndex(text).position(min(exc.offset, len(text)))
        result.errors.append(FileError(shown, f"not valid {_NAMES[kind]} at line {line}, column {column}: {exc.message}"))
        return result
    except RecursionError:
        result.errors.append(FileError(shown, f"not analyzed: {_NAMES[kind]} nested too deeply"))
        return result
    found = [finding for rule in RULES if rule.code in job.codes for finding in rule().check_config(facts, context)]
    result.findings = [
        finding
        for finding in found
        if not (finding.span.line in directives and directives[finding.span.line].suppresses(finding.code))
    ]
    return result
