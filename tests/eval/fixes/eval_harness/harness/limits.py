"""Context and output limits per model, plus the calls that respect them."""
from __future__ import annotations

import os

from openai import OpenAI

CHAT_MODEL = "deepseek-chat"  # fix: manual
REASONER_MODEL = "deepseek-reasoner"  # fix: manual

CONTEXT_LIMITS = {
    CHAT_MODEL: 64_000,
    REASONER_MODEL: 64_000,
}
OUTPUT_LIMITS = {
    CHAT_MODEL: 8_000,
    REASONER_MODEL: 64_000,
}

client = OpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url="https://api.deepseek.com")


def fits(model: str, n_tokens: int) -> bool:
    return n_tokens + OUTPUT_LIMITS[model] <= CONTEXT_LIMITS[model]


def answer(question: str) -> str:
    r = client.chat.completions.create(
        model=CHAT_MODEL,
        messages=[{"role": "user", "content": question}],
        max_tokens=OUTPUT_LIMITS[CHAT_MODEL],
    )
    return r.choices[0].message.content or ""


def solve(problem: str) -> str:
    r = client.chat.completions.create(model=REASONER_MODEL, messages=[{"role": "user", "content": problem}])
    return r.choices[0].message.content or ""
