"""Reuse the Anthropic SDK against an Anthropic-compatible endpoint."""
from __future__ import annotations

import asyncio
import os

import anthropic
from anthropic import Anthropic, AsyncAnthropic

COMPAT_BASE_URL = "https://api.deepseek.com/anthropic"  # label: other-provider
API_KEY = os.environ.get("DEEPSEEK_API_KEY", "")  # label: other-provider
SUMMARY_MODEL = os.getenv("SUMMARY_MODEL", "deepseek-chat")  # label: config

client = Anthropic(base_url=COMPAT_BASE_URL, api_key=API_KEY, max_retries=2)
claude = Anthropic()  # the real Anthropic API, used for comparison runs

WEATHER_TOOL = {
    "name": "get_weather",
    "description": "Current weather for a city",
    "input_schema": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
    },
}


def ask(question: str) -> str:
    msg = client.messages.create(
        model="deepseek-chat",  # label: request
        max_tokens=1024,
        system="You are a terse assistant.",
        messages=[{"role": "user", "content": question}],
        tools=[WEATHER_TOOL],
    )
    parts: list[str] = []
    for block in msg.content:
        if block.type == "text":
            parts.append(block.text)
        elif block.type == "tool_use":
            parts.append(f"[tool call {block.name}({block.input})]")
    return "".join(parts)


def summarize(text: str) -> str:
    msg = client.messages.create(model=SUMMARY_MODEL, max_tokens=300, messages=[{"role": "user", "content": text}])
    return msg.content[0].text


def compare(question: str) -> dict[str, str]:
    baseline = claude.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=512,
        messages=[{"role": "user", "content": question}],
    )
    return {"compat": ask(question), "claude": baseline.content[0].text}


async def stream_answer(question: str) -> None:
    aclient = AsyncAnthropic(base_url=COMPAT_BASE_URL, api_key=API_KEY)
    # deepseek-reasoner emits thinking blocks before the text blocks.  # label: prose
    try:
        async with aclient.messages.stream(
            model="deepseek-reasoner",  # label: request
            max_tokens=4096,
            messages=[{"role": "user", "content": question}],
        ) as stream:
            async for text in stream.text_stream:
                print(text, end="", flush=True)
    except anthropic.APIStatusError as exc:
        print(f"\nrequest failed: {exc.status_code}")
    finally:
        await aclient.close()


if __name__ == "__main__":
    asyncio.run(stream_answer("Why is the sky blue?"))
