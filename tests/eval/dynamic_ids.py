"""Model selection helpers that build model IDs at run time."""
from __future__ import annotations

import os
from typing import Any, Literal

from openai import OpenAI

client = OpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url="https://api.deepseek.com")  # label: other-provider

Mode = Literal["chat", "reasoner"]


def model_for(mode: Mode) -> str:
    return f"deepseek-{mode}"  # label: dynamic


def model_from_variant(variant: str) -> str:
    return "deepseek-" + variant.lower().strip()  # label: dynamic


def legacy_id(kind: str) -> str:
    return "deepseek-%s" % kind  # label: dynamic


def formatted_id(kind: str) -> str:
    return "deepseek-{}".format(kind)  # label: dynamic


def templated_id(kind: str) -> str:
    return "{}-{}".format("deepseek", kind)  # label: dynamic


def joined_id(kind: str | None = None) -> str:
    kind = kind or os.getenv("MODEL_KIND", "chat")
    return "-".join(["deepseek", kind])  # label: dynamic


def ask(prompt: str, think: bool = False) -> str:
    resp = client.chat.completions.create(
        model="deepseek-reasoner" if think else "deepseek-chat",  # label: dynamic
        messages=[{"role": "user", "content": prompt}],
    )
    return resp.choices[0].message.content or ""


def ask_mode(prompt: str, mode: str) -> str:
    resp = client.chat.completions.create(
        model=f"deepseek-{mode}",  # label: dynamic
        messages=[{"role": "user", "content": prompt}],
    )
    return resp.choices[0].message.content or ""


def route(task: str) -> str:
    needs_reasoning = any(w in task.lower() for w in ("prove", "plan", "debug"))
    model = "deepseek-reasoner" if needs_reasoning else "deepseek-chat"  # label: dynamic
    resp = client.chat.completions.create(model=model, messages=[{"role": "user", "content": task}])
    return resp.choices[0].message.content or ""


def payload(prompt: str, think: bool) -> dict[str, Any]:
    return {
        "model": f"deepseek-{'reasoner' if think else 'chat'}",  # label: dynamic
        "messages": [{"role": "user", "content": prompt}],
    }


def suffix_choice(hard: bool) -> str:
    return "deepseek-" + ("reasoner" if hard else "chat")  # label: dynamic


def successor_for(tier: Literal["flash", "pro"]) -> str:
    """Build a current-generation model ID for the given tier."""
    return f"deepseek-v4-{tier}"  # label: other-provider
