"""`ccli review`: code review of a diff, in Anthropic message format."""
from __future__ import annotations

import subprocess

from .client import adeepseek, deepseek

REVIEW_SYSTEM = "You are a senior reviewer. Point out bugs first, style last."


def git_diff(base: str = "origin/main") -> str:
    return subprocess.run(["git", "diff", base, "--", "."], capture_output=True, text=True).stdout


def review(base: str = "origin/main") -> str:
    msg = deepseek.messages.create(
        model="deepseek-reasoner",  # fix: safe
        max_tokens=12000,
        system=REVIEW_SYSTEM,
        messages=[{"role": "user", "content": git_diff(base)}],
        extra_headers={"X-Request-Source": "ccli-review"},
    )
    return "".join(b.text for b in msg.content if b.type == "text")


def commit_message(diff: str) -> str:
    msg = deepseek.messages.create(
        model="deepseek-chat",  # fix: safe
        max_tokens=200,
        messages=[{"role": "user", "content": f"Conventional commit message for:\n{diff}"}],
        metadata={"user_id": "ccli"},
    )
    return msg.content[0].text.strip()


async def stream_review(diff: str) -> str:
    chunks: list[str] = []
    async with adeepseek.messages.stream(model="deepseek-chat", max_tokens=4000, messages=[{"role": "user", "content": diff}]) as s:  # fix: safe
        async for text in s.text_stream:
            chunks.append(text)
    return "".join(chunks)
