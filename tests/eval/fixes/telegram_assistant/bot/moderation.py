"""Group moderation via raw HTTP (keeps the hot path free of SDK retries)."""
from __future__ import annotations

import os

import aiohttp
import orjson

URL = "https://api.deepseek.com/v1/chat/completions"
AUTH = {"Authorization": f"Bearer {os.environ['DEEPSEEK_API_KEY']}", "Content-Type": "application/json"}


async def is_spam(session: aiohttp.ClientSession, text: str) -> bool:
    payload = {
        "model": "deepseek-chat",  # fix: safe
        "messages": [
            {"role": "system", "content": "Answer yes or no: is this message spam?"},
            {"role": "user", "content": text},
        ],
        "max_tokens": 1,
    }
    async with session.post(URL, data=orjson.dumps(payload), headers=AUTH) as resp:
        data = await resp.json()
    return data["choices"][0]["message"]["content"].strip().lower().startswith("y")


async def explain_ban(session: aiohttp.ClientSession, log: str) -> str:
    async with session.post(
        URL,
        json={"model": "deepseek-reasoner", "messages": [{"role": "user", "content": f"Explain the ban:\n{log}"}]},  # fix: safe
        headers=AUTH,
    ) as resp:
        data = await resp.json()
    return data["choices"][0]["message"]["content"]


async def toxicity(session: aiohttp.ClientSession, text: str) -> float:
    body = {"model": "deepseek-v4-flash", "messages": [{"role": "user", "content": f"Toxicity 0-1:\n{text}"}]}  # fix: safe
    async with session.post(URL, json=body, headers=AUTH) as resp:
        data = await resp.json()
    return float(data["choices"][0]["message"]["content"])
