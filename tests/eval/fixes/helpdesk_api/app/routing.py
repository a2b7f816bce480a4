"""Chooses limits for the configured model and calls it."""
from __future__ import annotations

import os

from openai import OpenAI

from .pricing import cost_usd

DEFAULT_MODEL = "deepseek-chat"  # fix: manual
client = OpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url="https://api.deepseek.com")


def max_output_tokens(model_name: str) -> int:
    if "deepseek-reasoner" in model_name:  # fix: none
        return 32_000
    if DEFAULT_MODEL == "deepseek-chat":  # fix: none
        return 8_000
    return 4_000


def answer(question: str) -> tuple[str, float]:
    resp = client.chat.completions.create(
        model=DEFAULT_MODEL,
        messages=[{"role": "user", "content": question}],
        max_tokens=max_output_tokens(DEFAULT_MODEL),
    )
    u = resp.usage
    cost = cost_usd(DEFAULT_MODEL, u.prompt_tokens, 0, u.completion_tokens)
    return resp.choices[0].message.content or "", cost
