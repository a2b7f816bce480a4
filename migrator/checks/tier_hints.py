"""What a request site shows about the tier it fits: the evidence ``--suggest-tiers`` weighs.

DeepSeek's positioning (rule pack, ``[tier-suggestions]``): Pro for agent
loops that use tools and plan over several steps, and for long-horizon work;
Flash for classification, extraction, summarization, chat and FIM. Each hint
is a short tag with its evidence (``long-output:65536``,
``pro-name:planner``); a check attaches them to its finding, and
``suggest.py`` turns them into rules.
"""

from __future__ import annotations

import re

from migrator.catalog import Catalog
from migrator.facts import RequestContext, RequestSite

AGENT_LOOP = "agent-loop"
FIM = "fim"


def tier_hints(
    catalog: Catalog, path: str, function: str, request: RequestContext | None, site: RequestSite | None
) -> tuple[str, ...]:
    """The tier evidence of one request site (empty when it reaches no request the module shows)."""
    if request is None:
        return ()
    hints = catalog.tier_hints
    found = []
    if request.loop == AGENT_LOOP:
        found.append(AGENT_LOOP)
    if request.requires_thinking == "disabled":
        found.append(FIM)  # FIM and prefix completion run in non-thinking mode only
    limit = _output_limit(site, hints.output_limit_keys)
    if hints.long_output_tokens and limit is not None and limit >= hints.long_output_tokens:
        found.append(f"long-output:{limit}")
    named = f"{function} {path}"
    for tag, pattern in (("pro-name", hints.pro_names), ("flash-name", hints.flash_names)):
        match = re.search(pattern, named) if pattern else None
        if match:
            found.append(f"{tag}:{match.group(0)}")
    return tuple(found)


def _output_limit(site: RequestSite | None, keys: tuple[str, ...]) -> int | None:
    for key in keys:
        setting = site.setting((key,)) if site is not None else None
        if setting is not None and setting.literal and isinstance(setting.value, int) and not isinstance(setting.value, bool):
            return setting.value
    return None
