"""Terminal chatbot with streaming output and an optional reasoning mode."""
from __future__ import annotations

import logging
import os
import sys
from typing import Iterator

from openai import APIError, OpenAI, RateLimitError

logger = logging.getLogger("chatbot")

SYSTEM_PROMPT = "You are a concise, friendly assistant. Answer in plain text."
Message = dict[str, str]


def build_client() -> OpenAI:
    return OpenAI(
        api_key=os.environ["DEEPSEEK_API_KEY"],  # label: other-provider
        base_url="https://api.deepseek.com",  # label: other-provider
        max_retries=3,
        timeout=60.0,
    )


def stream_reply(client: OpenAI, history: list[Message]) -> Iterator[str]:
    stream = client.chat.completions.create(
        model="deepseek-chat",  # label: request
        messages=[{"role": "system", "content": SYSTEM_PROMPT}, *history],
        temperature=0.7,
        stream=True,
    )
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            yield chunk.choices[0].delta.content


def think_hard(client: OpenAI, question: str) -> tuple[str, str]:
    resp = client.with_options(timeout=300.0).chat.completions.create(
        model="deepseek-reasoner",  # label: request
        messages=[{"role": "user", "content": question}],
    )
    msg = resp.choices[0].message
    return getattr(msg, "reasoning_content", None) or "", msg.content or ""


def summarize(client: OpenAI, history: list[Message]) -> str:
    msgs = history + [{"role": "user", "content": "Summarize our chat in one sentence."}]
    resp = client.chat.completions.create(model='deepseek-chat', messages=msgs, max_tokens=120)  # label: request
    return resp.choices[0].message.content or ""


def main() -> int:
    client = build_client()
    history: list[Message] = []
    # Each turn is sent to deepseek-chat together with the running history.  # label: prose
    while True:
        try:
            user = input("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if not user:
            continue
        if user == "/summary":
            print(summarize(client, history))
            continue
        if user.startswith("/think "):
            reasoning, answer = think_hard(client, user[7:])
            print(f"[reasoning]\n{reasoning}\n[answer]\n{answer}")
            continue
        history.append({"role": "user", "content": user})
        parts: list[str] = []
        try:
            for piece in stream_reply(client, history):
                sys.stdout.write(piece)
                sys.stdout.flush()
                parts.append(piece)
        except RateLimitError:
            logger.warning("deepseek-chat is rate limited, try again shortly")  # label: prose
            continue
        except APIError as exc:
            logger.error("API error: %s", exc)
            continue
        print()
        history.append({"role": "assistant", "content": "".join(parts)})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
