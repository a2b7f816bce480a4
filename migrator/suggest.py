"""``migrate --suggest-tiers``: tier rules proposed from what the code shows, each with its reason.

Only sites that fall to the default tier are weighed (an inline comment or
a configured rule already decided the others). A site fits Flash when it is
a FIM or prefix completion, or its name says classification, extraction,
summarization or chat; it fits Pro when it is an agent loop (tools passed in
a loop that hands tool results back), asks for long output, or its name says
planning or agent work. A rule is proposed where a site's fit differs from
the default, for the file and the functions that hold such sites (a whole
file only for a module-level site). Nothing here writes config.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from migrator.checks.tier_hints import AGENT_LOOP, FIM
from migrator.findings import Finding

DEFAULT_REASON = "default"


@dataclass(frozen=True)
class Fit:
    tier: str
    reason: str


@dataclass(frozen=True)
class ProposedRule:
    tier: str
    path: str
    functions: tuple[str, ...]  # empty: the whole file
    sites: tuple[tuple[str, str], ...]  # ("path:line (function)", why it fits)


@dataclass(frozen=True)
class Suggestions:
    rules: tuple[ProposedRule, ...]
    default_tier: str
    fitting_default: int  # sites whose evidence says the default tier already fits
    without_evidence: int
    decided: int  # sites an inline comment or a configured rule already placed


def fit(hints: Sequence[str], tiers: Sequence[str]) -> Fit | None:
    """The tier one site's evidence points to, with why; None when it shows nothing either way."""
    flash, pro = "flash" in tiers, "pro" in tiers
    long_output = next((hint.partition(":")[2] for hint in hints if hint.startswith("long-output:")), None)
    pro_name = next((hint.partition(":")[2] for hint in hints if hint.startswith("pro-name:")), None)
    flash_name = next((hint.partition(":")[2] for hint in hints if hint.startswith("flash-name:")), None)
    if FIM in hints and flash:
        return Fit("flash", "a FIM or prefix completion, which runs in non-thinking mode only")
    if AGENT_LOOP in hints and pro:
        return Fit("pro", "an agent loop: tools passed in a loop that hands tool results back (multi-step tool use)")
    if long_output and pro:
        return Fit("pro", f"asks for up to {int(long_output):,} output tokens: long-horizon work")
    if pro_name and not flash_name and pro:
        return Fit("pro", f"its name says planning or agent work ({pro_name!r})")
    if flash_name and flash:
        return Fit("flash", f"its name says classification, extraction, summarization or chat ({flash_name!r})")
    return None


def suggest(findings: Sequence[Finding], default_tier: str, tiers: Sequence[str]) -> Suggestions:
    """Rules for the request sites whose evidence points away from the default tier."""
    sites = [f for f in findings if f.exposed and f.tier is not None and f.subject is not None]
    decided = [f for f in sites if f.tier.reason != DEFAULT_REASON]  # type: ignore[union-attr]
    open_sites = [f for f in sites if f.tier.reason == DEFAULT_REASON]  # type: ignore[union-attr]
    fits = {id(f): fit(f.hints, tiers) for f in open_sites}
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in open_sites:
        by_file[finding.subject[0]].append(finding)  # type: ignore[index]
    rules = []
    for path, in_file in sorted(by_file.items()):
        moving = [f for f in in_file if fits[id(f)] is not None and fits[id(f)].tier != default_tier]  # type: ignore[union-attr]
        for tier in sorted({fits[id(f)].tier for f in moving}):  # type: ignore[union-attr]
            chosen = [f for f in moving if fits[id(f)].tier == tier]  # type: ignore[union-attr]
            # Named functions, not the whole file: a function added there later is not moved with them.
            functions = tuple(sorted({f.subject[1] for f in chosen}))  # type: ignore[index]
            if "" in functions:  # a module-level site: no function to name, the file it is
                functions = ()
            rules.append(ProposedRule(tier, path, functions, tuple((_site(f), fits[id(f)].reason) for f in chosen)))  # type: ignore[union-attr]
    fitting = sum(1 for f in open_sites if fits[id(f)] is not None and fits[id(f)].tier == default_tier)  # type: ignore[union-attr]
    unclear = sum(1 for f in open_sites if fits[id(f)] is None)
    return Suggestions(tuple(rules), default_tier, fitting, unclear, len(decided))


def render_toml(suggestions: Suggestions, table: str) -> str:
    """The proposal as TOML to paste under ``table`` (``tool.deepseek-migrate.tier-rules`` or ``tier-rules``)."""
    lines = [
        "# Proposed by `migrate --suggest-tiers`; it never changes config by itself. DeepSeek positions Pro for",
        "# agent loops with tool use and planning and for long-horizon work, Flash for classification, extraction,",
        "# summarization, chat and FIM. Review each rule, then copy it into your config (the first match wins).",
    ]
    if not suggestions.rules:
        lines.append(f"# No site's code points away from the default tier ({suggestions.default_tier}): no rule to add.")
    for rule in suggestions.rules:
        lines.append("")
        lines.append(f"# {rule.tier}:")
        for site, reason in rule.sites:
            lines.append(f"#   {site}: {reason}")
        lines.append(f"[[{table}]]")
        lines.append(f'tier = "{rule.tier}"')
        lines.append(f"paths = [{_toml_string(_glob_literal(rule.path))}]")
        if rule.functions:
            names = "|".join(re.escape(name) for name in rule.functions)
            lines.append(f"function = {_toml_string(f'^(?:{names})$')}")
    lines.append("")
    lines.append(
        f"# Sites that fit the default tier ({suggestions.default_tier}) already: {suggestions.fitting_default}; "
        f"with no evidence either way (they stay on it): {suggestions.without_evidence}; "
        f"placed by an inline comment or a configured rule: {suggestions.decided}."
    )
    return "\n".join(lines) + "\n"


def _site(finding: Finding) -> str:
    function = finding.subject[1] if finding.subject else ""  # type: ignore[index]
    return f"{finding.path}:{finding.span.line}" + (f" ({function})" if function else "")


def _glob_literal(path: str) -> str:
    """A file path as a gitignore-style pattern that matches it alone: wildcards and brackets escaped."""
    escaped = re.sub(r"([\\*?\[\]])", r"\\\1", path)
    if escaped.endswith(" "):  # gitignore drops trailing spaces that are not escaped
        escaped = escaped[:-1] + "\\ "
    return "\\" + escaped if escaped.startswith(("!", "#")) else escaped


def _toml_string(text: str) -> str:
    """A TOML literal string when it can be one (regular expressions read as written), else a basic one."""
    if "'" not in text and "\n" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
