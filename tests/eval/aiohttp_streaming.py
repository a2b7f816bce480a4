"""Server-sent-events streaming client built on aiohttp."""
from __future__ import annotations

import asyncio
import json
import os
from typing import Any, AsyncIterator

import aiohttp

ENDPOINT = "https://api.deepseek.com/chat/completions"  # label: other-provider
DEFAULT_MODEL = "deepseek-reasoner"  # label: config


class StreamError(RuntimeError):
    pass


def _headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {os.environ['DEEPSEEK_API_KEY']}", "Accept": "text/event-stream"}  # label: other-provider


async def _events(session: aiohttp.ClientSession, payload: dict[str, Any]) -> AsyncIterator[dict[str, Any]]:
    async with session.post(ENDPOINT, json=payload, headers=_headers()) as resp:
        if resp.status != 200:
            raise StreamError(f"HTTP {resp.status}: {await resp.text()}")
        async for raw in resp.content:
            line = raw.decode("utf-8").strip()
            if not line.startswith("data:"):
                continue
            data = line[5:].strip()
            if data == "[DONE]":
                return
            event = json.loads(data)
            if event.get("choices"):
                yield event["choices"][0]["delta"]


async def stream_answer(session: aiohttp.ClientSession, prompt: str) -> AsyncIterator[str]:
    payload = {
        "model": "deepseek-chat",  # label: request
        "messages": [{"role": "user", "content": prompt}],
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    async for delta in _events(session, payload):
        if delta.get("content"):
            yield delta["content"]


async def stream_reasoning(session: aiohttp.ClientSession, prompt: str) -> AsyncIterator[tuple[str, str]]:
    payload = {"model": "deepseek-reasoner", "messages": [{"role": "user", "content": prompt}], "stream": True}  # label: request
    async for delta in _events(session, payload):
        if delta.get("reasoning_content"):
            yield "thinking", delta["reasoning_content"]
        elif delta.get("content"):
            yield "answer", delta["content"]


async def stream_with(session: aiohttp.ClientSession, prompt: str, model: str = DEFAULT_MODEL) -> str:
    payload = {"model": model, "messages": [{"role": "user", "content": prompt}], "stream": True}
    chunks: list[str] = []
    async for delta in _events(session, payload):
        if model == "deepseek-reasoner" and delta.get("reasoning_content"):  # label: reference
            continue
        chunks.append(delta.get("content") or "")
    return "".join(chunks)


async def main() -> None:
    timeout = aiohttp.ClientTimeout(total=600, sock_read=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async for kind, text in stream_reasoning(session, "Is 2**61 - 1 prime?"):
            print(f"[{kind}] {text}", end="", flush=True)
        print(await stream_with(session, "Name three prime numbers."))


if __name__ == "__main__":
    asyncio.run(main())
