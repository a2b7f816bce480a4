"""Model identifiers the harness can evaluate. Stored in result rows by value."""
from enum import Enum


class ModelName(str, Enum):
    CHAT = "deepseek-chat"  # fix: manual
    REASONER = "deepseek-reasoner"  # fix: manual

    @property
    def is_reasoning(self) -> bool:
        return self is ModelName.REASONER


class JudgeTier(Enum):
    FAST = "deepseek-chat"  # fix: manual
    CAREFUL = "deepseek-reasoner"  # fix: manual
    FRONTIER = "deepseek-v4-pro"  # fix: manual


DISPLAY_NAMES = {
    ModelName.CHAT: "DeepSeek V3 (chat)",
    ModelName.REASONER: "DeepSeek R1 (reasoner)",
}
