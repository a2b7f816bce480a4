"""The whole-project verdict on each definition: which requests it reaches, and whether one fix covers them all.

A definition's fix is safe when every use the project shows is a request
of a known shape that can take the thinking switch, they all need the same
mode, nothing else reads the name, and the value cannot come from outside
(an environment variable, a caller). Then the fix rewrites the definition
and writes the switch at each request, in whatever files they sit, as one
change. Otherwise it stays unsafe and says exactly which uses stop it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Collection, Iterable, Sequence

from migrator.findings import Finding, Fix, Related
from migrator.project_analysis.definitions import (
    DERIVED_ATTRIBUTE,
    ENVIRONMENT,
    FIELD_DEFAULT,
    PARAMETER_DEFAULT,
    SETTINGS_FIELD,
    Definition,
)
from migrator.project_analysis.readers import REQUEST, ProjectFileFacts, Reader

_MAX_LISTED = 3
CALLER = "caller"
DEFAULT_CALL = "call relying on the default"


@dataclass(frozen=True)
class Verdict:
    """What the project adds to the DSM001 finding at a definition."""

    fix: Fix | None
    message: str
    related: tuple[Related, ...]


def plan(
    definitions: Sequence[Definition],
    findings: dict[tuple[str, int, int], Finding],
    files: Sequence[ProjectFileFacts],
    knowledge: Sequence[Finding] = (),
    retired: Collection[str] = (),
    unfollowed: dict[str, list[str]] | None = None,
    importers: dict[str, set[str]] | None = None,
    imported_words: dict[str, set[str]] | None = None,
) -> dict[str, Verdict]:
    """A verdict for each definition that has a DSM001 finding (keyed by definition key)."""
    readers: dict[str, list[Reader]] = {}
    opaque: dict[str, list[str]] = {}
    calls: dict[str, list] = {}
    for facts in files:
        for reader in facts.readers:
            readers.setdefault(reader.definition, []).append(reader)
        for use in facts.opaque:
            opaque.setdefault(use.definition, []).append(f"{facts.path}:{use.span.line}: {use.what}")
        for call in facts.calls:
            calls.setdefault(call.definition, []).append((facts.path, call))
    verdicts = {}
    for definition in definitions:
        finding = findings.get((definition.path, definition.line, definition.column))
        if finding is None:
            continue
        found = sorted(readers.get(definition.key, []), key=lambda r: (r.path, r.span.line, r.span.column))
        # Code that knows the old ID where the value can travel (its module, the modules that import it or
        # read it) may see this value (a mocked call's arguments, a response's model): it would stop matching.
        near = {definition.path, *(r.path for r in found), *(importers or {}).get(definition.key, ())}
        through = {_module_word(path) for path in near}  # a caller of a module the value passes through
        compared = [
            f"{other.path}:{other.span.line} compares or looks up {definition.legacy_id!r}"
            for other in knowledge
            if other.legacy_id == definition.legacy_id
            and (
                other.path in near or (imported_words or {}).get(other.path, set()) & through
                or definition.attribute is not None  # held by instances, which travel anywhere
            )
        ]
        doubts = [
            *(unfollowed or {}).get(definition.key, []),
            *_kind_doubts(definition, calls.get(definition.key, []), retired),
            *sorted(set(opaque.get(definition.key, []))),
            *compared,
        ]
        verdict = _value_verdict(finding, definition, found, doubts)
        verdicts[definition.key] = _with_calls(verdict, calls.get(definition.key, []))
    return verdicts


def _kind_doubts(definition: Definition, calls: list, retired: Collection[str]) -> list[str]:
    """What the kind of binding says: values set per instance or by a decorator, and for a default, its callers
    (one switch fits only when every caller in the project relies on the default)."""
    if definition.kind == DERIVED_ATTRIBUTE:
        owner = definition.name.rpartition(".")[0]
        return [f"{owner} has bases or decorators that may make it a field, a setting or a descriptor (set per instance)"]
    if definition.decorated:
        return [f"{definition.callable}() is decorated: the decorator may pass its own model"]
    if definition.kind == FIELD_DEFAULT:
        return [f"instances of {definition.callable} carry it as .{definition.parameter}, where the analysis cannot follow it"]
    if definition.kind != PARAMETER_DEFAULT:
        return []
    if not calls:
        return [f"nothing in the scanned project calls {definition.callable}() (callers elsewhere may pass their own model)"]
    passing = [(path, call) for path, call in calls if call.passed]
    other = [
        (path, call) for path, call in passing
        if any(legacy != definition.legacy_id and legacy in call.value for legacy in retired)
    ]
    if other:
        return [
            f"{definition.callable}() receives both retired IDs from its callers ("
            + _listed(f"{path}:{call.span.line} passes {call.value}" for path, call in other)
            + "): one switch cannot serve both"
        ]
    if passing:
        return ["callers pass their own model: " + _listed(f"{path}:{call.span.line} passes {call.value}" for path, call in passing)]
    return []


def _with_calls(verdict: Verdict, calls: list) -> Verdict:
    """Callers join the related locations; the message counts the calls that rely on the default."""
    related = verdict.related + tuple(
        Related(path, call.span.line, call.span.column, CALLER if call.passed else DEFAULT_CALL) for path, call in calls
    )
    relying = [f"{path}:{call.span.line}" for path, call in calls if not call.passed]
    message = verdict.message
    if relying:
        message += f" {_count(len(relying), 'call')} rel{'y' if len(relying) > 1 else 'ies'} on this default: {_listed(relying)}."
    return Verdict(verdict.fix, message, related)


def _value_verdict(finding: Finding, definition: Definition, readers: list[Reader], found_doubts: list[str]) -> Verdict:
    related = tuple(Related(r.path, r.span.line, r.span.column, r.role) for r in readers)
    requests = [r for r in readers if r.role == REQUEST]
    if finding.fix is None or finding.tier is None:
        return Verdict(finding.fix, finding.message, related)
    doubts: list[str] = []
    if definition.kind in (ENVIRONMENT, SETTINGS_FIELD) and definition.env:
        doubts.append(
            f"the environment variable {definition.env} can replace the value, and the switch written at "
            "the requests would then apply to that model too"
        )
    if not readers and definition.kind != FIELD_DEFAULT:
        doubts.append("nothing in the scanned project reads it (it may be read outside)")
    for reader in readers:
        doubts.extend(reader.doubts)
    doubts.extend(found_doubts)
    tiers = sorted({r.tier for r in requests if r.tier and r.tier != finding.tier.tier})
    if tiers:
        doubts.append(
            f"tier rules choose {', '.join(tiers)} for some of its requests, and {finding.tier.tier} where it is defined ("
            + _listed(f"{r.detail}: {r.tier}" for r in requests if r.tier != finding.tier.tier) + ")"
        )
    modes = sorted({r.mode for r in requests if r.mode})
    if len(modes) > 1:
        doubts.append("its requests need different thinking modes (" + ", ".join(f"{r.detail}: {r.mode}" for r in requests) + ")")
    target = finding.tier.target
    placed = [r for r in requests if r.placed]
    edits = finding.fix.edits + tuple(edit for r in placed for edit in r.edits)
    where = _listed(r.detail for r in requests)
    mode = modes[0] if len(modes) == 1 else None
    if mode is not None and requests:
        switch = f"thinking {mode}"
        done = f'Use "{target}" and set {switch} at {_readers(len(requests))}: {where}'
    else:
        done = f'Use "{target}"'
    message = finding.message
    tail = ", set where the request is made."
    if requests and message.endswith(tail):
        message = message[: -len(tail)] + f", set at {_readers(len(requests))}: {where}."
    if not doubts and requests and len(placed) == len(requests):
        return Verdict(Fix("safe", done, edits), message, related)
    first = list(dict.fromkeys(doubts))
    shown = "; ".join(first[:_MAX_LISTED]) + (f"; and {len(first) - _MAX_LISTED} more" if len(first) > _MAX_LISTED else "")
    description = f"{done} (not safe: {shown})" if requests else f"{finding.fix.description} (also: {shown})"
    return Verdict(Fix("unsafe", description, edits if requests else finding.fix.edits), message, related)


def _module_word(path: str) -> str:
    """The last part of the module name a file is imported under (a package's folder for ``__init__.py``)."""
    parts = path.rsplit("/", 2)
    stem = parts[-1].rsplit(".", 1)[0]
    return parts[-2] if stem == "__init__" and len(parts) > 1 else stem


def _listed(items: Iterable[str]) -> str:
    items = list(items)
    shown = ", ".join(items[:_MAX_LISTED])
    return shown + (f" and {len(items) - _MAX_LISTED} more" if len(items) > _MAX_LISTED else "")


def _readers(number: int) -> str:
    return "the request that reads it" if number == 1 else f"the {number} requests that read it"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
