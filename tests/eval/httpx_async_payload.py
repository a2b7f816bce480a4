"""Async HTTP gateway for chat completions with retries and tool calls."""
from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

import httpx

log = logging.getLogger(__name__)

RETRYABLE = {408, 429, 500, 502, 503, 504}


class ChatGateway:
    def __init__(self, api_key: str | None = None, timeout: float = 45.0, default_model: str = "deepseek-chat") -> None:  # label: config
        self.default_model = default_model
        self._client = httpx.AsyncClient(
            base_url="https://api.deepseek.com/v1",  # label: other-provider
            headers={"Authorization": f"Bearer {api_key or os.environ['DEEPSEEK_API_KEY']}"},  # label: other-provider
            timeout=httpx.Timeout(timeout, connect=5.0),
        )

    async def __aenter__(self) -> "ChatGateway":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    async def _post(self, payload: dict[str, Any]) -> dict[str, Any]:
        for attempt in range(4):
            try:
                r = await self._client.post("/chat/completions", json=payload)
            except httpx.TransportError as exc:
                log.warning("transport error (attempt %d): %s", attempt, exc)
            else:
                if r.status_code not in RETRYABLE:
                    r.raise_for_status()
                    return r.json()
                log.warning("retryable status %d", r.status_code)
            await asyncio.sleep(0.5 * 2**attempt)
        raise RuntimeError("chat completion failed after retries")

    async def chat(self, messages: list[dict[str, Any]], tools: list[dict] | None = None) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "model": "deepseek-chat",  # label: request
            "messages": messages,
            "temperature": 0.2,
        }
        if tools:
            payload["tools"] = tools
            payload["tool_choice"] = "auto"
        return await self._post(payload)

    async def plan(self, goal: str) -> str:
        # deepseek-reasoner rejects temperature and tools, so send neither.  # label: prose
        data = await self._post(dict(
            model="deepseek-reasoner",  # label: request
            messages=[{"role": "user", "content": f"Make a step-by-step plan: {goal}"}],
            max_tokens=6000,
        ))
        return data["choices"][0]["message"]["content"]

    async def classify(self, text: str) -> str:
        payload: dict[str, Any] = {"messages": [{"role": "user", "content": text}], "max_tokens": 5}
        payload["model"] = 'deepseek-chat'  # label: request
        data = await self._post(payload)
        return data["choices"][0]["message"]["content"].strip()

    async def ask(self, prompt: str) -> str:
        data = await self._post({"model": self.default_model, "messages": [{"role": "user", "content": prompt}]})
        return data["choices"][0]["message"]["content"]


async def main() -> None:
    async with ChatGateway() as gw:  # label: request
        print(await gw.plan("migrate the billing service to the new queue"))
        print(await gw.classify("My invoice is wrong"))


if __name__ == "__main__":
    asyncio.run(main())
