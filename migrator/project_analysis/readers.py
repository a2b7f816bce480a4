"""What each use of a definition does, as plain data the whole-project plan can weigh.

Runs where the file was analysed (a worker process, possibly): it turns
the reference sites of one file into ``Reader`` records, with the edit
that writes the thinking switch at each request already rendered, since
libcst nodes never leave the process that parsed them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from migrator.checks.base import FileContext
from migrator.checks.safety import request_doubts
from migrator.facts import PROVIDER_FOREIGN, ROLE_MODEL, ROLE_PROSE, ROLE_REFERENCE, DefaultCall, ModelSite, OpaqueUse, PythonFacts
from migrator.findings import Edit, Span
from migrator.project_analysis.definitions import Definition, ModuleShape

# What a use does, as the report's related locations name it.
REQUEST = "request"
COMPARISON = "comparison"
HANDED_ON = "handed on"
SHOWN = "text"  # printed or logged for people: the new ID there changes no request


@dataclass(frozen=True)
class Reader:
    """One use of a definition: where, what it does, and what a safe fix must write there."""

    definition: str
    path: str
    span: Span
    role: str
    detail: str  # "client.chat.completions.create() on line 7"
    mode: str | None = None  # requests: the thinking mode that keeps today's behaviour
    placed: bool = False  # requests: the switch can be written there with certainty (or is already there)
    edits: tuple[Edit, ...] = ()  # requests: the edits that write it (with paths)
    doubts: tuple[str, ...] = ()
    tier: str | None = None  # requests: the tier the tier rules choose for it where it stands


@dataclass(frozen=True)
class ProjectFileFacts:
    """What one file tells the project plan."""

    path: str
    readers: tuple[Reader, ...] = ()
    opaque: tuple[OpaqueUse, ...] = ()
    calls: tuple[DefaultCall, ...] = ()
    # The file's own definitions behind its DSM001 findings, and what importers need to know of the module.
    definitions: tuple[Definition, ...] = ()
    shape: ModuleShape | None = None


def project_facts(facts: PythonFacts, context: FileContext, legacy: dict[str, str]) -> ProjectFileFacts:
    """Readers for every reference site of the file, with the switch edits rendered."""
    readers = tuple(_reader(site, facts, context, legacy[site.definition]) for site in facts.references if site.definition)
    return ProjectFileFacts(context.display_path, readers, facts.opaque, facts.default_calls)


def with_definitions(
    facts: ProjectFileFacts | None, path: str, definitions: list[Definition], shape: ModuleShape, at: set[tuple[int, int]]
) -> ProjectFileFacts:
    """Keep the definitions that hold a DSM001 finding (``at``: their line and column)."""
    kept = tuple(definition for definition in definitions if (definition.line, definition.column) in at)
    return replace(facts or ProjectFileFacts(path), definitions=kept, shape=shape)


def _reader(site: ModelSite, facts: PythonFacts, context: FileContext, legacy_id: str) -> Reader:
    where = f"{context.display_path}:{site.span.line}"
    base = Reader(site.definition, context.display_path, site.span, HANDED_ON, f"{site.context} at {where}")
    if site.role == ROLE_PROSE:
        return replace(base, role=SHOWN)
    if site.role == ROLE_REFERENCE:
        return replace(base, role=COMPARISON, doubts=(f"{where} compares or looks it up ({site.context}): it would stop matching",))
    request, handles = site.request, site.handles
    if site.role != ROLE_MODEL or request is None or handles is None or handles.request_node is None:
        return replace(base, doubts=(f"{where} hands it on ({site.context}), where the analysis cannot follow it",))
    detail = f"{request.callee}() at {where}"
    mode = request.requires_thinking or context.catalog.legacy[legacy_id].thinking
    tier = context.decide_tier(legacy_id, (site.span.line, site.statement_line), request.uses_tools, site.function)
    reader = replace(base, role=REQUEST, detail=detail, mode=mode, tier=tier.tier)
    doubts: list[str] = []
    if context.test_module:  # the client there is often a mock whose call arguments a test checks
        doubts.append(f"{detail} is in a test module, where its client may be a mock that checks its arguments")
    directive = context.directives.get(site.span.line)
    if directive is not None and directive.suppresses("DSM001"):
        doubts.append(f"{where} is marked to be left alone (noqa)")
    if site.provider == PROVIDER_FOREIGN:
        doubts.append(f"{detail} sends it to another provider, where the new ID does not exist")
    if site.conditional:
        doubts.append(f"{detail} reads it as one side of a choice")
    toggle = request.toggle
    if toggle is None:
        doubts.append(f"the thinking switch of {request.callee}() at {where} is not in the rule pack")
        return replace(reader, doubts=tuple(doubts))
    if mode is None:
        return replace(reader, placed=True, doubts=tuple(doubts))
    from migrator import codemods

    updated = codemods.set_toggle(handles.request_node, toggle, mode, handles.quote)
    if updated is None:
        doubts.append(f"{detail} cannot take {toggle.spelled(mode)} with certainty (a variable or **kwargs holds its settings)")
        return replace(reader, doubts=tuple(doubts))
    doubts += [f"{detail}: {doubt}" for doubt in request_doubts(context, request, facts, mode)]
    edits: tuple[Edit, ...] = ()
    if context.with_edits and not updated.deep_equals(handles.request_node):
        rendered = codemods.edit_request(
            handles.module, handles.request_node, updated, handles.request_span, handles.indents, handles.text
        )
        edits = tuple(edit._replace(path=context.display_path) for edit in rendered)
    return replace(reader, placed=True, edits=edits, doubts=tuple(doubts))
