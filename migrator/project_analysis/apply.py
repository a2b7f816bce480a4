"""Apply fixes that span files: every file of a fix changes, or none does.

Each fix's edits are grouped by file and applied to the texts as they were
analysed. A fix whose edits clash with another's in some file, or that
leaves some file unparsable, is dropped as a whole and the rest are
applied again from the original texts, until what is left applies cleanly
everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from migrator.findings import Fix, Finding
from migrator.fixer import compiles, verify
from migrator.textscan import LineIndex


@dataclass(frozen=True)
class ProjectFixes:
    """The new text of every file the applied fixes change, and which files each fix joins."""

    texts: dict[str, str]
    applied: tuple[Finding, ...]
    counts: dict[str, int]  # file -> fixes of findings there that were applied
    problems: tuple[tuple[str, str], ...] = ()  # (file, why a fix was dropped)

    def components(self) -> list[set[str]]:
        """Files that must be written together: those joined, directly or not, by one fix."""
        groups: list[set[str]] = []
        for finding in self.applied:
            files = set(files_of(finding))
            joined = [group for group in groups if group & files]
            for group in joined:
                files |= group
                groups.remove(group)
            groups.append(files)
        return groups


def files_of(finding: Finding) -> dict[str, Fix]:
    """The part of a finding's fix that falls in each file."""
    assert finding.fix is not None
    parts: dict[str, list] = {}
    for edit in finding.fix.edits:
        parts.setdefault(edit.path or finding.path, []).append(edit)
    return {path: Fix(finding.fix.applicability, finding.fix.description, tuple(edits)) for path, edits in parts.items()}


def apply_project_fixes(findings: Sequence[Finding], sources: Mapping[str, str]) -> ProjectFixes:
    """Apply each fix in every file it touches, or nowhere; ``sources`` holds each file's analysed text."""
    chosen = [finding for finding in findings if all(path in sources for path in files_of(finding))]
    problems: list[tuple[str, str]] = []
    missing = [finding for finding in findings if finding not in chosen]
    for finding in missing:
        problems.append((finding.path, "a fix that spans files was not applied: one of its files was not read"))
    strict = {path: compiles(text) for path, text in sources.items()}
    while True:
        texts: dict[str, str] = {}
        dropped: Finding | None = None
        for path in sorted({path for finding in chosen for path in files_of(finding)}):
            parts = [(finding, files_of(finding)[path]) for finding in chosen if path in files_of(finding)]
            updated, clashing = _applied(sources[path], [part for _, part in parts])
            lost = [parts[number][0] for number in clashing]
            problem = verify(updated, strict[path]) if not lost else None
            if lost or problem is not None:
                dropped = lost[0] if lost else parts[-1][0]
                why = "it clashes with another fix" if lost else f"it would make {path} invalid ({problem})"
                problems.append((dropped.path, f"a fix that spans files was not applied: {why}"))
                break
            texts[path] = updated
        if dropped is None:
            counts: dict[str, int] = {}
            for finding in chosen:  # a fix counts once, in the file of its finding
                counts[finding.path] = counts.get(finding.path, 0) + 1
            return ProjectFixes(texts, tuple(chosen), counts, tuple(problems))
        chosen.remove(dropped)


def _applied(source: str, parts: Sequence[Fix]) -> tuple[str, list[int]]:
    """Every part's edits applied at once; the parts whose edits touch an earlier part's (none applied then).

    Edits of different fixes may sit anywhere between each other (a constant
    and a request further down); only edits at the same place clash, two
    insertions at one point included (two switches for one request).
    """
    index = LineIndex(source)
    ranges = sorted(
        (index.offset(edit.span.line, edit.span.column), index.offset(edit.span.end_line, edit.span.end_column), number, edit.content)
        for number, part in enumerate(parts)
        for edit in part.edits
    )
    clashing: set[int] = set()
    for (start, end, number, _), (next_start, next_end, other, _) in zip(ranges, ranges[1:]):
        if number != other and (next_start < end or (next_start == start and next_end == next_start == end)):
            clashing.add(max(number, other))
    if clashing:
        return source, sorted(clashing)
    for start, end, _, content in reversed(ranges):
        source = source[:start] + content + source[end:]
    return source, []
