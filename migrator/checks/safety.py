"""Why a fix that looks safe may not be: the doubts that make it unsafe, or no fix at all.

A safe fix keeps the meaning of the code for every library version the
project may run. The rules build their fixes from the request in front of
them; this module looks around it: other code that knows the old ID, data
that only looks like a request, history that drops the reasoning field,
library versions the project pins, and values that must stay distinct.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from migrator.catalog import PROVIDER_DEEPSEEK, ToggleSpec
from migrator.facts import ROLE_REFERENCE, ModelSite, PythonFacts, RequestContext, Use
from migrator.findings import Fix
from migrator.pins import normalize, older

if TYPE_CHECKING:
    from migrator.checks.base import FileContext


_MAX_PLACES = 5  # places listed in a message before "and N more"


def knowledge_by_id(facts: PythonFacts) -> dict[str, list[Use]]:
    """Where the file knows each retired ID as such: comparisons, lookup keys, tables, patterns."""
    known: dict[str, list[Use]] = {}
    for site in facts.sites:
        # The ID itself as knowledge, and names holding it that are compared or looked up.
        uses = [Use(site.span.line, site.context, site.span.column)] if site.role == ROLE_REFERENCE else site.uses
        for legacy_id in site.legacy_ids:
            known.setdefault(legacy_id, []).extend(uses)
    return known


def knowledge_doubts(site: ModelSite, knowledge: dict[str, list[Use]]) -> list[str]:
    """Code that compares or looks up the value (by name or by the old ID) stops matching once it changes."""
    uses = {*site.uses, *(use for legacy_id in site.legacy_ids for use in knowledge.get(legacy_id, ()))}
    if not uses:
        return []
    # In order of place, then of what it is, each line and kind once: the same text on every run (``uses`` is a set).
    first: dict[tuple[int, str], Use] = {}
    for use in sorted(uses, key=lambda use: (use.line, use.column, use.context)):
        first.setdefault((use.line, use.context), use)
    ordered = list(first.values())
    places = ", ".join(f"line {use.line} ({use.context})" for use in ordered[:_MAX_PLACES])
    if len(ordered) > _MAX_PLACES:
        places += f" and {len(ordered) - _MAX_PLACES} more"
    return [f"code that knows the old ID would stop matching; update it too: {places}"]


def body_doubts(context: FileContext, request: RequestContext) -> list[str]:
    """Is the request really sent to DeepSeek (not a gateway, not test data that looks like a body)?"""
    if request.gateway:
        return [
            f"the request goes to {request.gateway}, not to the DeepSeek API; change it only if that "
            "gateway forwards to DeepSeek and knows the new ID"
        ]
    if request.routed_provider:
        return [
            f"the request goes to DeepSeek through the {request.routed_provider!r} provider and a base URL set in the "
            "environment; the thinking switch was verified with each library's DeepSeek provider, not this one"
        ]
    if request.body and request.model_changed_at:
        return [f"the body's model is set again on line {request.model_changed_at}, maybe to another mode"]
    if request.body and request.also_foreign:
        return [f"the same body is also posted on line {request.also_foreign} to another provider"]
    if request.body and context.test_module:
        return ["this dict is in a test module, where request bodies are test data"]
    if request.body and request.provider != PROVIDER_DEEPSEEK:
        return [
            f"the body is posted on line {request.line} to a URL that is not visibly the DeepSeek API; "
            "change it only if it goes there"
        ]
    return []


def request_doubts(context: FileContext, request: RequestContext, facts: PythonFacts, mode: str | None) -> list[str]:
    """Why writing the thinking switch at this request may change more than the mode."""
    doubts = body_doubts(context, request)
    if request.toggle is not None:
        doubts += version_doubts(context, request.toggle)
    if mode == "enabled" and request.uses_tools and facts.drops:
        lines = ", ".join(str(drop.span.line) for drop in facts.drops)
        doubts.append(
            f"the history drops reasoning_content (line {lines}); with thinking and tool calls "
            "it must be sent back, or the next request fails"
        )
    return doubts


def version_doubts(context: FileContext, toggle: ToggleSpec) -> list[str]:
    """Can the project run a release of the library older than the one verified to send the switch?

    A library the project does not declare is taken at its current release,
    which the conformance harness verified.
    """
    if toggle.library is None:
        return []  # a raw HTTP body: the switch is the body itself
    spelled = toggle.spelled("...")
    if toggle.since is None:
        return [f"{spelled} has not been verified against {toggle.library} (conformance/); set it by hand and check"]
    doubts = []
    for names, since in (((toggle.library, *toggle.also_published_as), toggle.since), *(((n,), v) for n, v in toggle.needs)):
        requirement = next((context.requirements[n] for n in map(normalize, names) if n in context.requirements), None)
        if requirement is None:
            continue
        if requirement.lowest is None:
            doubts.append(
                f"{requirement.source} allows any {names[0]} release, and only {since} and later "
                f"were verified to send {spelled}"
            )
        elif older(requirement.lowest, since):
            doubts.append(
                f"{requirement.source} allows {names[0]} {requirement.lowest}, older than {since}, "
                f"the oldest release verified to send {spelled}"
            )
    return doubts


def downgraded(fix: Fix, doubts: list[str]) -> Fix:
    """The fix, unsafe with the reasons, when anything casts doubt on it (an unsafe fix names them too)."""
    if not doubts or fix.applicability not in ("safe", "unsafe"):
        return fix
    label = "not safe" if fix.applicability == "safe" else "also"
    return fix._replace(applicability="unsafe", description=f"{fix.description} ({label}: {'; '.join(doubts)})")


def value_collision(context: FileContext, site: ModelSite, target: str) -> str | None:
    """Could the new value equal another member of its Enum, or another key of its dict?

    Another retired ID may end up on the same target under some tier rule,
    and a current model ID already is one: either way the fix could make
    Python merge the two (an Enum alias, a dict entry overwritten).
    """
    catalog = context.catalog
    current = {*catalog.current_models, *catalog.targets.values()}
    for sibling in site.siblings:
        split = catalog.split_model_string(sibling.value)
        bare = catalog.split_current_model(sibling.value)
        if split is not None or sibling.value == target or (bare is not None and bare[1] in current):
            return (
                f"{sibling.name} is {sibling.value!r}, and retargeting can give both the same value: two Enum "
                "members with one value make the second an alias of the first, and two equal dict keys keep "
                "only the last entry. Give each successor its own name by hand"
            )
    return None
