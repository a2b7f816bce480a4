"""Tier decisions: which successor each site migrates to, and which rule chose it.

Flash is the default because both retired aliases served Flash; Pro is only
ever chosen by a configured rule or an inline ``# deepseek-migrate: tier=pro``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from migrator.findings import TierDecision

if TYPE_CHECKING:
    from migrator.pathmatch import PathPatterns


class TierSubject(NamedTuple):
    """What the tier rules can see of one site."""

    path: str
    legacy_ids: tuple[str, ...]
    uses_tools: bool
    function: str
    inline_tier: str | None = None


class TierRule(NamedTuple):
    """One ``[[tier-rules]]`` entry; every matcher that is set must hold."""

    label: str
    tier: str
    paths: PathPatterns | None = None
    legacy: frozenset[str] | None = None
    uses_tools: bool | None = None
    function: re.Pattern[str] | None = None

    def matches(self, subject: TierSubject) -> bool:
        """Every matcher that is set holds (``legacy``: any of the subject's IDs is listed)."""
        if self.paths is not None and not self.paths.match_file(subject.path):
            return False
        if self.legacy is not None and not self.legacy.intersection(subject.legacy_ids):
            return False
        if self.uses_tools is not None and subject.uses_tools != self.uses_tools:
            return False
        if self.function is not None and not self.function.search(subject.function):
            return False
        return True


class TierPolicy(NamedTuple):
    default_tier: str
    targets: dict[str, str]
    rules: tuple[TierRule, ...] = ()

    def decide(self, subject: TierSubject) -> TierDecision:
        """Inline comment, then the first matching rule, then the default."""
        if subject.inline_tier is not None:
            return self._decision(subject.inline_tier, "inline comment")
        for rule in self.rules:
            if rule.matches(subject):
                return self._decision(rule.tier, rule.label)
        return self._decision(self.default_tier, "default")

    def _decision(self, tier: str, reason: str) -> TierDecision:
        return TierDecision(tier=tier, target=self.targets[tier], reason=reason)
