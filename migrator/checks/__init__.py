"""The rule registry: every rule class, in code order.

``PUBLIC_CODES`` is the contract of DESIGN.md: selectors in config may name
any of them, including codes whose rules arrive in later versions.
"""

from __future__ import annotations

from migrator.checks.base import FileContext, Invalid, Rule
from migrator.checks.retired_model_id import RetiredModelId

RULES: tuple[type[Rule], ...] = (RetiredModelId,)

PUBLIC_CODES: tuple[str, ...] = (
    "DSM001", "DSM002", "DSM003", "DSM004",
    "DSM101", "DSM102", "DSM103", "DSM104", "DSM105",
)


def rule_for(code: str) -> type[Rule] | None:
    return next((rule for rule in RULES if rule.code == code.upper()), None)


__all__ = ["FileContext", "Invalid", "PUBLIC_CODES", "RULES", "Rule", "rule_for"]
