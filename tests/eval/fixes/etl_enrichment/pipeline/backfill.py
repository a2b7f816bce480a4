"""One-off backfill of SEO titles for the 2M-row catalogue (async, bounded concurrency)."""
from __future__ import annotations

import asyncio
import os

import aiohttp
import httpx

URL = "https://api.deepseek.com/chat/completions"
HEADERS = {"Authorization": f"Bearer {os.environ['DEEPSEEK_API_KEY']}"}


async def seo_title(session: aiohttp.ClientSession, sem: asyncio.Semaphore, title: str) -> str:
    async with sem:
        async with session.post(
            URL,
            headers=HEADERS,
            json={
                "model": "deepseek-chat",  # fix: safe
                "messages": [{"role": "user", "content": f"SEO title (max 60 chars): {title}"}],
                "max_tokens": 40,
            },
        ) as resp:
            data = await resp.json()
    return data["choices"][0]["message"]["content"].strip()


async def backfill(titles: list[str], concurrency: int = 64) -> list[str]:
    sem = asyncio.Semaphore(concurrency)
    async with aiohttp.ClientSession() as session:
        return await asyncio.gather(*(seo_title(session, sem, t) for t in titles))


async def audit_sample(titles: list[str]) -> str:
    async with httpx.AsyncClient(timeout=120) as http:
        r = await http.post(
            URL,
            headers=HEADERS,
            json={"model": "deepseek-v4-flash", "messages": [{"role": "user", "content": "\n".join(titles[:200])}]},  # fix: safe
        )
    return r.json()["choices"][0]["message"]["content"]


if __name__ == "__main__":
    import sys

    print(asyncio.run(backfill(sys.stdin.read().splitlines())))
