"""All model calls go through LiteLLM so the provider can be swapped per env."""
from __future__ import annotations

import os
from collections.abc import AsyncIterator

import litellm

litellm.suppress_debug_info = True

SUMMARY_SYSTEM = "You summarize meeting transcripts. Be faithful; never invent attendees."


def summarize(transcript: str) -> str:
    resp = litellm.completion(
        model="deepseek/deepseek-chat",  # fix: safe
        messages=[{"role": "system", "content": SUMMARY_SYSTEM}, {"role": "user", "content": transcript}],
        temperature=0.3,
        max_tokens=1200,
    )
    return resp.choices[0].message.content


async def stream_action_items(transcript: str) -> AsyncIterator[str]:
    response = await litellm.acompletion(
        model="deepseek/deepseek-reasoner",  # fix: safe
        messages=[{"role": "user", "content": f"List action items with owners:\n{transcript}"}],
        stream=True,
    )
    async for part in response:
        text = part.choices[0].delta.content
        if text:
            yield text


def decisions_audit(transcript: str) -> str:
    resp = litellm.completion(model="deepseek/deepseek-v4-pro", messages=[{"role": "user", "content": transcript}])  # fix: safe
    return resp.choices[0].message.content


def tag_topics(transcript: str) -> list[str]:
    resp = litellm.completion(
        model="deepseek/deepseek-v4-flash",  # fix: none
        messages=[{"role": "user", "content": f"Comma-separated topics:\n{transcript[:4000]}"}],
        reasoning_effort="none",
    )
    return [t.strip() for t in resp.choices[0].message.content.split(",")]


def title_for(transcript: str) -> str:
    model = os.environ.get("NOTES_TITLE_MODEL", "deepseek/deepseek-chat")  # fix: manual
    resp = litellm.completion(model=model, messages=[{"role": "user", "content": f"Title:\n{transcript[:2000]}"}])
    return resp.choices[0].message.content.strip()
