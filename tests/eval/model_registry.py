"""Model metadata: capabilities, prices, context windows and validation."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

LegacyModelId = Literal[
    "deepseek-chat",  # label: reference
    "deepseek-reasoner",  # label: reference
]


@dataclass(frozen=True)
class ModelInfo:
    context_window: int
    max_output: int
    supports_tools: bool
    usd_per_m_input: float
    usd_per_m_output: float


CAPABILITIES: dict[str, ModelInfo] = {
    "deepseek-chat": ModelInfo(128_000, 8_192, True, 0.27, 1.10),  # label: reference
    "deepseek-reasoner": ModelInfo(128_000, 65_536, False, 0.55, 2.19),  # label: reference
    "deepseek-v4-flash": ModelInfo(1_000_000, 65_536, True, 0.30, 1.20),  # label: other-provider
    "deepseek-v4-pro": ModelInfo(1_000_000, 131_072, True, 1.00, 4.00),  # label: other-provider
    "gpt-4o-mini": ModelInfo(128_000, 16_384, True, 0.15, 0.60),
}

CONTEXT_WINDOW = {
    "deepseek-chat": 131_072,  # label: reference
    "deepseek-reasoner": 131_072,  # label: reference
}

ALLOWED_MODELS = frozenset({
    "deepseek-chat",  # label: reference
    "deepseek-reasoner",  # label: reference
    "gpt-4o-mini",
})
REASONING_MODELS = ("deepseek-reasoner",)  # label: reference
NO_TEMPERATURE = {"deepseek-reasoner", "o3-mini"}  # label: reference
LEGACY_ID_RE = re.compile(r"^deepseek-(chat|reasoner)$")  # label: reference
REASONER_RE = re.compile(r"deepseek-reasoner", re.IGNORECASE)  # label: reference

SUCCESSORS = {
    "deepseek-chat": "deepseek-v4-flash",  # label: reference
    "deepseek-reasoner": "deepseek-v4-pro",  # label: reference
}


def supports_tools(model: str) -> bool:
    if model == "deepseek-reasoner":  # label: reference
        return False
    info = CAPABILITIES.get(model)
    return bool(info and info.supports_tools)


def is_reasoning(model: str) -> bool:
    return model in REASONING_MODELS or model.startswith("deepseek-reasoner")  # label: reference


def is_legacy(model: str) -> bool:
    bare = model.split("/")[-1].split(":")[-1]
    return bool(LEGACY_ID_RE.match(bare)) or bare in ("deepseek-chat", "deepseek-reasoner")  # label: reference


def price(model: str, prompt_tokens: int, completion_tokens: int) -> float:
    match model:
        case "deepseek-chat":  # label: reference
            rate_in, rate_out = 0.27, 1.10
        case "deepseek-reasoner":  # label: reference
            rate_in, rate_out = 0.55, 2.19
        case _:
            info = CAPABILITIES[model]
            rate_in, rate_out = info.usd_per_m_input, info.usd_per_m_output
    return (prompt_tokens * rate_in + completion_tokens * rate_out) / 1_000_000


def clamp_max_tokens(model: str, requested: int) -> int:
    limit = 8_192 if model != "deepseek-reasoner" else 65_536  # label: reference
    return min(requested, limit)


def validate(model: str) -> str:
    # Accept provider-prefixed forms such as deepseek/deepseek-chat too.  # label: prose
    if model not in ALLOWED_MODELS and not model.endswith("deepseek-chat"):  # label: reference
        raise ValueError(f"unsupported model: {model!r}")
    return model
