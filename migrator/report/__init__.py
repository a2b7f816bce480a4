"""Renderers: one module per output format. They format; they never analyze."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Callable, NamedTuple, Sequence, TextIO

from migrator import TOOL_NAME
from migrator.findings import FileError, Finding
from migrator.formats import FORMATS, WITH_EDITS

if TYPE_CHECKING:
    from migrator.catalog import Catalog, Price
    from migrator.engine import RunResult
    from migrator.exposure import Clock
    from migrator.summary import Summary
    from migrator.usage import UsageSpec


class Report(NamedTuple):
    """Everything a renderer may show, computed before rendering starts."""

    tool_name: str
    tool_version: str
    as_of: dt.datetime
    deadline: dt.datetime
    findings: list[Finding]
    errors: list[FileError]
    sources: dict[str, list[str]]
    summary: Summary
    statistics: bool = False
    skipped_generated: int = 0
    outside_links: int = 0
    too_large: tuple[str, ...] = ()
    scanned_paths: tuple[str, ...] = ()
    # Where a path's lines are browsable (https://github.com/o/r/blob/<sha>/), for Markdown links.
    link_base: str | None = None
    quiet: bool = False  # text: findings and errors only


def build_report(
    result: RunResult, catalog: Catalog, clock: Clock, version: str, statistics: bool, link_base: str | None = None,
    quiet: bool = False, usage: Sequence[UsageSpec] = (), prices: Sequence[Price] = (),
) -> Report:
    """Everything the renderers show, from one run."""
    from migrator.summary import summarize

    named = {legacy_id for finding in result.findings for legacy_id in finding.named_ids} or set(catalog.legacy)
    return Report(
        tool_name=TOOL_NAME,
        tool_version=version,
        as_of=clock.as_of,
        deadline=min(catalog.legacy[legacy_id].retired_at for legacy_id in named),
        findings=result.findings,
        errors=result.errors,
        sources=result.sources,
        summary=summarize(
            result.findings, result.errors, result.files_scanned, catalog, clock, result.fixed, result.files_fixed,
            usage, prices,
        ),
        statistics=statistics,
        skipped_generated=result.skipped_generated,
        outside_links=result.outside_links,
        too_large=result.too_large,
        scanned_paths=result.scanned,
        link_base=link_base,
        quiet=quiet,
    )


Renderer = Callable[[Report, TextIO, bool], None]
__all__ = ["FORMATS", "WITH_EDITS", "Report", "build_report", "renderer_for"]


def renderer_for(name: str) -> Renderer:
    """Import only the renderer asked for (rich is loaded for text and markdown-free formats only when used)."""
    module = {"json": "json_report"}.get(name, name)
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    import importlib

    return importlib.import_module(f"migrator.report.{module}").render  # type: ignore[no-any-return]
