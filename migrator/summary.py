"""Counts for the end of a report: by severity, code, legacy ID, tier and file.

Both the text and the JSON renderer show this one summary, so the two can
never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, NamedTuple, Sequence

from migrator.catalog import Catalog, Price
from migrator.exposure import Clock, exposure_at, signed_days
from migrator.findings import SEVERITIES, FileError, Finding

if TYPE_CHECKING:
    from migrator.cost import CostView
    from migrator.usage import UsageSpec


class LegacySummary(NamedTuple):
    legacy_id: str
    sites: int
    files: int
    retired_at: dt.datetime
    days_since_deadline: int
    status: str


class TierSummary(NamedTuple):
    tier: str
    target: str
    sites: int


class FileSummary(NamedTuple):
    path: str
    sites: int
    legacy_ids: tuple[str, ...]


class Summary(NamedTuple):
    """The counts a report ends with; text and JSON show the same ones."""

    files_scanned: int
    files_with_findings: int
    findings: int
    errors: int
    by_severity: dict[str, int]
    by_code: dict[str, int]
    fixable: dict[str, int]
    by_legacy_id: tuple[LegacySummary, ...]
    by_tier: tuple[TierSummary, ...]
    by_file: tuple[FileSummary, ...]
    fixed: int = 0
    files_fixed: int = 0
    cost: CostView | None = None


def summarize(
    findings: Sequence[Finding],
    errors: Sequence[FileError],
    files_scanned: int,
    catalog: Catalog,
    clock: Clock,
    fixed: int = 0,
    files_fixed: int = 0,
    usage: Sequence[UsageSpec] = (),
    prices: Sequence[Price] = (),
) -> Summary:
    """Count findings for the report: exposure and tiers count requests only (DSM003 never fails)."""
    by_severity = Counter(finding.severity for finding in findings)
    fixable = Counter(finding.fix.applicability if finding.fix else "manual" for finding in findings)
    exposed = [finding for finding in findings if finding.exposed]
    by_legacy: dict[str, list[Finding]] = defaultdict(list)
    for finding in exposed:
        for legacy_id in finding.named_ids:
            by_legacy[legacy_id].append(finding)
    legacy_rows = []
    for legacy_id in sorted(by_legacy):
        legacy = catalog.legacy[legacy_id]
        exposure = exposure_at(clock, legacy.retired_at)
        legacy_rows.append(
            LegacySummary(
                legacy_id=legacy_id,
                sites=len(by_legacy[legacy_id]),
                files=len({finding.path for finding in by_legacy[legacy_id]}),
                retired_at=legacy.retired_at,
                days_since_deadline=signed_days(clock, legacy.retired_at),
                status=("retired " if exposure.retired else "retires ") + exposure.phrase(),
            )
        )
    tiers: dict[tuple[str, str], int] = Counter(
        (finding.tier.tier, finding.tier.target) for finding in exposed if finding.tier
    )
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_path[finding.path].append(finding)
    files = [
        FileSummary(
            path=path,
            sites=len(in_file),
            legacy_ids=tuple(sorted({legacy_id for f in in_file for legacy_id in f.named_ids})),
        )
        for path, in_file in sorted(by_path.items())
    ]
    return Summary(
        files_scanned=files_scanned,
        files_with_findings=len(files),
        findings=len(findings),
        errors=len(errors),
        by_severity={severity: by_severity.get(severity, 0) for severity in reversed(SEVERITIES)},
        by_code=dict(sorted(Counter(finding.code for finding in findings).items())),
        fixable={kind: fixable.get(kind, 0) for kind in ("safe", "unsafe", "display-only", "manual")},
        by_legacy_id=tuple(legacy_rows),
        by_tier=tuple(
            TierSummary(tier=tier, target=target, sites=count) for (tier, target), count in sorted(tiers.items())
        ),
        by_file=tuple(files),
        fixed=fixed,
        files_fixed=files_fixed,
        cost=_cost(findings, catalog, usage, prices) if exposed else None,
    )


def _cost(findings: Sequence[Finding], catalog: Catalog, usage: Sequence[UsageSpec], prices: Sequence[Price]) -> CostView:
    from migrator.cost import cost_view  # only runs with findings load the price arithmetic

    return cost_view(findings, catalog, usage, prices)
