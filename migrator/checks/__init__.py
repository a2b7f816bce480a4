"""The rule registry: every implemented rule class, in code order."""

from __future__ import annotations

from migrator.checks.base import FileContext, Invalid, Rule
from migrator.checks.dynamic_model_id import DynamicModelId
from migrator.checks.foreign_thinking_flag import ForeignThinkingFlag
from migrator.checks.ignored_sampling_params import IgnoredSamplingParams
from migrator.checks.implicit_thinking_mode import ImplicitThinkingMode
from migrator.checks.legacy_effort_value import LegacyEffortValue
from migrator.checks.legacy_model_reference import LegacyModelReference
from migrator.checks.retired_model_id import RetiredModelId
from migrator.checks.retired_model_id_in_config import RetiredModelIdInConfig
from migrator.checks.stripped_reasoning_content import StrippedReasoningContent
from migrator.codes import PUBLIC_CODES

RULES: tuple[type[Rule], ...] = (
    RetiredModelId,
    RetiredModelIdInConfig,
    LegacyModelReference,
    DynamicModelId,
    ImplicitThinkingMode,
    IgnoredSamplingParams,
    ForeignThinkingFlag,
    LegacyEffortValue,
    StrippedReasoningContent,
)


def rule_for(code: str) -> type[Rule] | None:
    """The rule class for a code (any case), if this version has it."""
    return next((rule for rule in RULES if rule.code == code.upper()), None)


__all__ = ["FileContext", "Invalid", "PUBLIC_CODES", "RULES", "Rule", "rule_for"]
