"""Thin layer over the OpenAI SDK pointed at the DeepSeek endpoint."""
from __future__ import annotations

import logging
import os
from typing import AsyncIterator, Iterable

from openai import AsyncOpenAI, OpenAI
from pydantic import BaseModel

log = logging.getLogger(__name__)

DEEPSEEK_BASE_URL = "https://api.deepseek.com"

client = OpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url=DEEPSEEK_BASE_URL)
aclient = AsyncOpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url=DEEPSEEK_BASE_URL)


class TicketTriage(BaseModel):
    category: str
    priority: int
    needs_human: bool


def summarize_thread(messages: list[dict]) -> str:
    resp = client.chat.completions.create(
        model="deepseek-chat",  # fix: safe
        messages=[{"role": "system", "content": "Summarize the support thread in 3 bullets."}, *messages],
        temperature=0.2,
        max_tokens=400,
    )
    return resp.choices[0].message.content or ""


def draft_reply(ticket_text: str, tone: str = "friendly") -> str:
    resp = client.chat.completions.create(
        model="deepseek-reasoner",  # fix: safe
        messages=[
            {"role": "system", "content": f"You write {tone} replies for a SaaS helpdesk."},
            {"role": "user", "content": ticket_text},
        ],
        extra_body={"user_tier": "pro"},
    )
    msg = resp.choices[0].message
    log.debug("reasoning: %s", getattr(msg, "reasoning_content", None))
    return msg.content or ""


def triage(ticket_text: str) -> TicketTriage:
    completion = client.beta.chat.completions.parse(
        model="deepseek-chat",  # fix: safe
        messages=[{"role": "user", "content": ticket_text}],
        response_format=TicketTriage,
    )
    return completion.choices[0].message.parsed


def stream_reply(messages: Iterable[dict]) -> Iterable[str]:
    with client.chat.completions.stream(model="deepseek-chat", messages=list(messages)) as stream:  # fix: safe
        for event in stream:
            if event.type == "content.delta":
                yield event.delta


async def astream_reply(messages: list[dict]) -> AsyncIterator[str]:
    stream = await aclient.chat.completions.create(
        model="deepseek-chat", messages=messages, stream=True, max_tokens=1024  # fix: safe
    )
    async for chunk in stream:
        delta = chunk.choices[0].delta.content
        if delta:
            yield delta


def escalation_analysis(history: list[dict]) -> str:
    # Pro tier for escalations; thinking is the V4 default.
    resp = client.chat.completions.create(model="deepseek-v4-pro", messages=history, max_tokens=4096)  # fix: safe
    return resp.choices[0].message.content or ""


def quick_label(text: str) -> str:
    resp = client.chat.completions.create(
        model="deepseek-v4-flash",  # fix: none
        messages=[{"role": "user", "content": f"One-word label for: {text}"}],
        extra_body={"thinking": {"type": "disabled"}},
    )
    return (resp.choices[0].message.content or "").strip()
