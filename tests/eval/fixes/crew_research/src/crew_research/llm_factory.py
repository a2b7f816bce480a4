"""Builds CrewAI LLM objects with our defaults (timeouts, retries)."""
from __future__ import annotations

import os
from typing import Any

from crewai import LLM


def make_llm(model: str = "deepseek/deepseek-chat", **overrides: Any) -> LLM:  # fix: manual
    """Every caller gets the DeepSeek key and the house timeout; the model varies."""
    params: dict[str, Any] = {
        "model": model,
        "api_key": os.environ["DEEPSEEK_API_KEY"],
        "timeout": 120,
        "max_retries": 3,
    }
    params.update(overrides)
    return LLM(**params)


def fact_checker_llm() -> LLM:
    return LLM(
        model="deepseek/deepseek-chat",  # fix: safe
        api_key=os.environ["DEEPSEEK_API_KEY"],
        temperature=0.0,
        seed=7,
    )
