"""Usage volumes a team declares (``[[tool.deepseek-migrate.usage]]``), to turn prices into a monthly estimate.

Each entry names the request sites it covers (path globs relative to the
config's folder, and/or a regular expression searched in the enclosing
function's qualified name, as tier rules do) and what they spend a month:
input and output tokens and the share of input served from DeepSeek's
cache. Nothing here knows a price; ``cost.py`` does the arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from migrator.pathmatch import PathPatterns
from migrator.tomlread import TableReader

USAGE_KEYS = ("paths", "function", "input-tokens", "output-tokens", "cache-hit-share")
MAX_TOKENS = 10**15  # a month of tokens no one spends: a typo guard, not a limit on anyone real


@dataclass(frozen=True)
class UsageSpec:
    """One declared volume: which request sites, and their monthly tokens."""

    label: str
    paths: tuple[str, ...] | None
    function: re.Pattern[str] | None
    input_tokens: int
    output_tokens: int
    cache_hit_share: float

    matcher: PathPatterns | None = field(default=None, compare=False, repr=False)  # ``paths``, compiled once

    def covers(self, path: str, function: str) -> bool:
        """Every matcher that is set holds (no matcher: every site)."""
        if self.matcher is not None and not self.matcher.match_file(path):
            return False
        return self.function is None or bool(self.function.search(function))


def read_usage(entry: TableReader) -> UsageSpec:
    """One ``[[usage]]`` table, validated: a bad key or value names itself and fails the run (exit 2)."""
    entry.reject_unknown(USAGE_KEYS)
    paths = entry.globs("paths")
    function = entry.regex("function")
    if not entry.has("input-tokens") and not entry.has("output-tokens"):
        raise entry.fail("input-tokens", "missing: give input-tokens, output-tokens or both (tokens a month)")
    share = entry.number("cache-hit-share")
    if share is not None and not 0.0 <= share <= 1.0:
        raise entry.fail("cache-hit-share", f"must be a share between 0 and 1, got {share:g}")
    return UsageSpec(
        label=entry.label(),
        paths=paths,
        function=function,
        matcher=PathPatterns(paths) if paths is not None else None,
        input_tokens=entry.integer("input-tokens", 0, minimum=0, maximum=MAX_TOKENS),
        output_tokens=entry.integer("output-tokens", 0, minimum=0, maximum=MAX_TOKENS),
        cache_hit_share=share or 0.0,
    )
