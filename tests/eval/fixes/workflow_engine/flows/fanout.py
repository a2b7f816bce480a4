"""Parallel section summaries with TaskGroup; partial failures handled by except* (3.11+)."""
from __future__ import annotations

import asyncio
import logging

import httpx
import openai

from .clients import aclient

log = logging.getLogger(__name__)
STREAM_URL = "https://api.deepseek.com/chat/completions"


async def summarize_sections(sections: list[str]) -> list[str]:
    tasks: list[asyncio.Task] = []
    serial: list[str] | None = None
    try:
        async with asyncio.TaskGroup() as tg:
            for section in sections:
                tasks.append(
                    tg.create_task(
                        aclient.chat.completions.create(
                            model="deepseek-chat",  # fix: safe
                            messages=[{"role": "user", "content": f"Summarize:\n{section}"}],
                        )
                    )
                )
    except* openai.RateLimitError as group:
        log.warning("rate limited on %d sections, retrying serially", len(group.exceptions))
        serial = []
        for section in sections:
            resp = await aclient.chat.completions.create(model="deepseek-chat", messages=[{"role": "user", "content": section}])  # fix: safe
            serial.append(resp.choices[0].message.content or "")
    except* openai.APIConnectionError:
        log.exception("DeepSeek unreachable")
        raise
    if serial is not None:
        return serial
    return [t.result().choices[0].message.content or "" for t in tasks]


async def stream_verdict(document: str) -> str:
    parts: list[str] = []
    async with httpx.AsyncClient(timeout=None) as http:
        async with http.stream(
            "POST",
            STREAM_URL,
            json={"model": "deepseek-reasoner", "stream": True, "messages": [{"role": "user", "content": document}]},  # fix: safe
        ) as r:
            async for line in r.aiter_lines():
                if line.startswith("data: ") and line != "data: [DONE]":
                    parts.append(line[6:])
    return "".join(parts)


async def quick_titles(docs: list[str]) -> list[str]:
    titles = []
    async for chunk in await aclient.chat.completions.create(
        model="deepseek-v4-flash",  # fix: safe
        messages=[{"role": "user", "content": "One title per line:\n" + "\n---\n".join(docs)}],
        stream=True,
    ):
        titles.append(chunk.choices[0].delta.content or "")
    return "".join(titles).splitlines()
