"""Raw HTTP calls, used by the worker where we avoid the SDK."""
from __future__ import annotations

import json
import os

import aiohttp
import httpx
import requests

DEEPSEEK_CHAT_URL = "https://api.deepseek.com/chat/completions"
OPENROUTER_URL = "https://openrouter.ai/api/v1/chat/completions"
HEADERS = {"Authorization": f"Bearer {os.environ.get('DEEPSEEK_API_KEY', '')}"}


def classify_sentiment(text: str) -> str:
    payload = {
        "model": "deepseek-chat",  # fix: safe
        "messages": [
            {"role": "system", "content": "Reply with positive, neutral or negative."},
            {"role": "user", "content": text},
        ],
        "temperature": 0,
    }
    r = httpx.post(DEEPSEEK_CHAT_URL, json=payload, headers=HEADERS, timeout=30)
    r.raise_for_status()
    return r.json()["choices"][0]["message"]["content"]


def root_cause(report: str) -> str:
    body = {
        "model": "deepseek-reasoner",  # fix: safe
        "messages": [{"role": "user", "content": report}],
        "max_tokens": 8000,
    }
    resp = requests.post(
        DEEPSEEK_CHAT_URL,
        data=json.dumps(body),
        headers={**HEADERS, "Content-Type": "application/json"},
        timeout=120,
    )
    resp.raise_for_status()
    return resp.json()["choices"][0]["message"]["content"]


async def translate(session: aiohttp.ClientSession, text: str, lang: str) -> str:
    req = {"model": "deepseek-v4-flash", "messages": [{"role": "user", "content": f"Translate to {lang}: {text}"}]}  # fix: safe
    async with session.post(DEEPSEEK_CHAT_URL, json=req, headers=HEADERS) as resp:
        data = await resp.json()
    return data["choices"][0]["message"]["content"]


def openrouter_fallback(text: str) -> str:
    """Used when the DeepSeek endpoint is down: same model family via OpenRouter."""
    payload = {
        "model": "deepseek/deepseek-chat",  # fix: none
        "messages": [{"role": "user", "content": text}],
    }
    r = httpx.post(
        OPENROUTER_URL,
        json=payload,
        headers={"Authorization": f"Bearer {os.environ['OPENROUTER_API_KEY']}"},
    )
    return r.json()["choices"][0]["message"]["content"]


def relay(text: str, upstream_url: str) -> dict:
    """Forward to whatever chat endpoint ops configured (self-hosted proxy or DeepSeek)."""
    payload = {"model": "deepseek-chat", "messages": [{"role": "user", "content": text}]}  # fix: manual
    return httpx.post(upstream_url, json=payload, timeout=60).json()
