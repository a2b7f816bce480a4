"""Chat service after migration to the current model generation."""
from __future__ import annotations

import os
from enum import Enum

from openai import AsyncOpenAI, OpenAI


class Tier(str, Enum):
    FAST = "deepseek-v4-flash"  # label: other-provider
    PRO = "deepseek-v4-pro"  # label: other-provider


BASE_URL = os.getenv("DEEPSEEK_BASE_URL", "https://api.deepseek.com")  # label: other-provider
DEFAULT_TIER = Tier(os.getenv("MODEL_TIER", Tier.FAST.value))

sync_client = OpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url=BASE_URL)  # label: other-provider
async_client = AsyncOpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url=BASE_URL)  # label: other-provider


def complete(prompt: str, tier: Tier = DEFAULT_TIER) -> str:
    resp = sync_client.chat.completions.create(
        model=tier.value,
        messages=[{"role": "user", "content": prompt}],
    )
    return resp.choices[0].message.content or ""


def quick(prompt: str) -> str:
    resp = sync_client.chat.completions.create(
        model="deepseek-v4-flash",  # label: other-provider
        messages=[{"role": "user", "content": prompt}],
        temperature=0.3,
    )
    return resp.choices[0].message.content or ""


async def deep(prompt: str) -> str:
    resp = await async_client.chat.completions.create(
        model="deepseek-v4-pro",  # label: other-provider
        messages=[{"role": "user", "content": prompt}],
        max_tokens=8192,
    )
    return resp.choices[0].message.content or ""


def fim(prefix: str, suffix: str) -> str:
    beta = sync_client.with_options(base_url="https://api.deepseek.com/beta")  # label: other-provider
    resp = beta.completions.create(model="deepseek-v4-flash", prompt=prefix, suffix=suffix, max_tokens=64)  # label: other-provider
    return resp.choices[0].text


def pick(hard: bool) -> str:
    return "deepseek-v4-pro" if hard else "deepseek-v4-flash"  # label: other-provider
