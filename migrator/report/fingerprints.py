"""Fingerprints that stay the same across runs and line moves, for code scanning and Code Quality.

A finding is known by its code, file, retired ID, the text of its line
(whitespace stripped) and how many identical findings come before it in the
file, never by its line number: inserting lines above it keeps the print.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Sequence

from migrator.findings import Finding


def fingerprints(findings: Sequence[Finding], sources: dict[str, list[str]]) -> list[str]:
    """One hex digest per finding, in order."""
    seen: Counter[tuple[str, ...]] = Counter()
    prints = []
    for finding in findings:
        lines = sources.get(finding.source_key) or []
        text = lines[finding.span.line - 1].strip() if 0 < finding.span.line <= len(lines) else ""
        key = (finding.code, finding.path, str(finding.cell or ""), finding.legacy_id or "", text)
        occurrence = seen[key]
        seen[key] += 1
        prints.append(hashlib.sha256("\x1f".join((*key, str(occurrence))).encode("utf-8")).hexdigest())
    return prints
