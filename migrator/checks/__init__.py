"""The rule registry: every implemented rule class, in code order."""

from __future__ import annotations

from migrator.checks.base import FileContext, Invalid, Rule
from migrator.checks.dynamic_model_id import DynamicModelId
from migrator.checks.legacy_model_reference import LegacyModelReference
from migrator.checks.retired_model_id import RetiredModelId
from migrator.codes import PUBLIC_CODES

RULES: tuple[type[Rule], ...] = (RetiredModelId, LegacyModelReference, DynamicModelId)


def rule_for(code: str) -> type[Rule] | None:
    """The rule class for a code (any case), if this version has it."""
    return next((rule for rule in RULES if rule.code == code.upper()), None)


__all__ = ["FileContext", "Invalid", "PUBLIC_CODES", "RULES", "Rule", "rule_for"]
