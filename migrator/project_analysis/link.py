"""Run the project index inside a check run: re-check the files that read definitions, then judge each definition."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from migrator.filecheck.job import FileResult, Job, Surroundings, surroundings
from migrator.findings import Finding, Related
from migrator.project_analysis.index import (
    RETIRED_MODEL_ID,
    ProjectIndex,
    Scope,
    build_index,
)
from migrator.project_analysis.screen import imported_words
from migrator.project_analysis.definitions import INSTANCE_ATTRIBUTE, PARAMETER_DEFAULT
from migrator.project_analysis.plan import plan
from migrator.workers import Analyse

LEGACY_REFERENCE = "DSM003"



def link_project(
    analyse: Analyse,
    job: Job,
    hits: list[tuple[Path, bytes]],
    results: list[FileResult],
    places: list[Surroundings],
    scope: Scope,
    read_cache: dict,
) -> ProjectIndex | None:
    """Extend ``hits``/``results``/``places`` in place with the files that read a definition; the index.

    Nothing happens (and nothing is read) unless some Python file's check
    reported a definition behind a DSM001 finding.
    """
    if not any(result.project is not None and result.project.definitions for result in results):
        return None
    index = build_index([(path, data, result.project) for (path, data), result in zip(hits, results)], scope)
    position = {path: number for number, (path, _) in enumerate(hits)}
    for path in index.names:
        if path not in position:
            position[path] = len(hits)
            hits.append((path, index.data[path]))
            places.append(surroundings(path, job, read_cache))
            results.append(FileResult())
    again = [position[path] for path in index.names]
    redone = analyse(job, [hits[n] for n in again], [places[n] for n in again], [(index.names[hits[n][0]],) for n in again])
    for number, result in zip(again, redone):
        results[number] = result
    for (path, data), result in zip(hits, results):
        if any(f.code == LEGACY_REFERENCE for f in result.findings):
            index.imported_words[scope.shown(path)] = imported_words(data)
    _instances_set_elsewhere(index, hits, scope)
    judge(index, results, tuple(job.catalog.legacy))
    return index


def judge(index: ProjectIndex, results: list[FileResult], retired: Sequence[str]) -> None:
    """Give each definition's DSM001 finding the whole-project verdict (in place)."""
    definitions = index.definitions
    at: dict[tuple[str, int, int], Finding] = {}
    for result in results:
        for finding in result.findings:
            if finding.code == RETIRED_MODEL_ID and finding.cell is None:
                at[(finding.path, finding.span.line, finding.span.column)] = finding
    knowledge = [f for result in results for f in result.findings if f.code == LEGACY_REFERENCE]
    verdicts = plan(definitions, at, [result.project for result in results if result.project is not None], knowledge, retired, index.doubts, index.importers, index.imported_words)
    by_place = {(d.path, d.line, d.column): verdicts[d.key] for d in definitions if d.key in verdicts}
    for result in results:
        result.findings = [
            f._replace(fix=verdict.fix, message=verdict.message, related=_merged(verdict.related, f.related))
            if f.code == RETIRED_MODEL_ID and (verdict := by_place.get((f.path, f.span.line, f.span.column))) is not None
            else f
            for f in result.findings
        ]


def _merged(found: tuple[Related, ...], local: tuple[Related, ...]) -> tuple[Related, ...]:
    """The project's places, then the file's own ones it does not already name (by line and role)."""
    seen = {(place.path, place.line, place.role) for place in found}
    requests = any(place.role == "request" for place in found)  # the readers name each request's model argument
    return found + tuple(
        place for place in local
        if (place.path, place.line, place.role) not in seen and not (requests and place.role == "request")
    )


def _instances_set_elsewhere(index: ProjectIndex, hits: list[tuple[Path, bytes]], scope: Scope) -> None:
    """A value held by instances travels with them: ``b.model = "..."`` in any file that writes a model ID
    may set it on one (the file need not import the class)."""
    held = [d for d in index.definitions if d.attribute and d.kind in (INSTANCE_ATTRIBUTE, PARAMETER_DEFAULT)]
    for definition in held:
        pattern = re.compile(rb"(?<![\w.])(?!self\b)\w+\." + re.escape(definition.attribute.encode()) + rb"[ \t]*=(?!=)")
        for path, data in hits:
            if scope.shown(path) != definition.path and pattern.search(data):
                index.doubt([definition.key], f"{scope.shown(path)} sets .{definition.attribute} on some object, maybe an instance holding it")
