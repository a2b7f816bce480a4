"""Tier names exposed in the public API map to DeepSeek models."""
from __future__ import annotations

from .registry import client

TIERS = {
    "fast": "deepseek-chat",  # fix: manual
    "smart": "deepseek-reasoner",  # fix: manual
}
TIER_BY_MODEL = {model: tier for tier, model in TIERS.items()}


def ask(question: str, tier: str = "fast") -> str:
    resp = client.chat.completions.create(model=TIERS[tier], messages=[{"role": "user", "content": question}])
    return resp.choices[0].message.content or ""


def tier_of(model: str) -> str:
    return TIER_BY_MODEL.get(model, "custom")
