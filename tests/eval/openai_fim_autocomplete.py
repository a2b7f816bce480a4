"""Fill-in-the-middle code completion backend for an editor plugin."""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Iterator

from openai import OpenAI as Client

FIM_BASE_URL = "https://api.deepseek.com/beta"  # label: other-provider
FIM_MODEL = "deepseek-chat"  # label: config
MAX_PREFIX_CHARS = 6000
MAX_SUFFIX_CHARS = 2000


@lru_cache(maxsize=1)
def get_client() -> Client:
    return Client(api_key=os.environ["DEEPSEEK_API_KEY"], base_url=FIM_BASE_URL)  # label: other-provider


def complete_fim(prefix: str, suffix: str, max_tokens: int = 128) -> str:
    """Ask deepseek-chat to fill the gap between prefix and suffix."""  # label: prose
    response = get_client().completions.create(
        model="deepseek-chat",  # label: request
        prompt=prefix[-MAX_PREFIX_CHARS:],
        suffix=suffix[:MAX_SUFFIX_CHARS],
        max_tokens=max_tokens,
        temperature=0.0,
        stop=["\n\n\n"],
    )
    return response.choices[0].text


def stream_fim(prefix: str, suffix: str) -> Iterator[str]:
    stream = get_client().completions.create(
        model=FIM_MODEL,
        prompt=prefix[-MAX_PREFIX_CHARS:],
        suffix=suffix[:MAX_SUFFIX_CHARS],
        max_tokens=256,
        stream=True,
    )
    for event in stream:
        if event.choices:
            yield event.choices[0].text


def prefix_complete(language: str, head: str) -> str:
    # Chat prefix completion is also a beta feature of the same endpoint.
    resp = get_client().chat.completions.create(
        model="deepseek-chat",  # label: request
        messages=[
            {"role": "user", "content": f"Continue this {language} code."},
            {"role": "assistant", "content": f"```{language}\n{head}", "prefix": True},
        ],
        stop=["```"],
        max_tokens=512,
    )
    return resp.choices[0].message.content or ""


def echo_prompt(prefix: str) -> str:
    resp = get_client().completions.create(model='deepseek-chat', prompt=prefix, echo=False, max_tokens=32, logprobs=5)  # label: request
    return resp.choices[0].text
