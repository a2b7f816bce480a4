"""Per-model prices used by the usage dashboard (USD per 1M tokens)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Price:
    input_miss: float
    input_hit: float
    output: float


PRICES: dict[str, Price] = {
    "deepseek-chat": Price(0.27, 0.07, 1.10),  # fix: none
    "deepseek-reasoner": Price(0.55, 0.14, 2.19),  # fix: none
    "deepseek-v4-flash": Price(0.14, 0.028, 0.28),  # fix: none
    "deepseek-v4-pro": Price(1.74, 0.145, 3.48),  # fix: none
}


def cost_usd(model: str, prompt_miss: int, prompt_hit: int, completion: int) -> float:
    p = PRICES[model]
    return (prompt_miss * p.input_miss + prompt_hit * p.input_hit + completion * p.output) / 1_000_000
