"""What we know about each model, and the two calls that read it."""
from __future__ import annotations

import os

import httpx
from openai import OpenAI

MODEL_INFO: dict[str, dict] = {
    "deepseek-chat": {"context": 128_000, "max_output": 8_000, "tools": True},  # fix: none
    "deepseek-reasoner": {"context": 128_000, "max_output": 64_000, "tools": True},  # fix: none
    "deepseek-v4-flash": {"context": 1_000_000, "max_output": 384_000, "tools": True},  # fix: none
    "deepseek-v4-pro": {"context": 1_000_000, "max_output": 384_000, "tools": True},  # fix: none
}

SUPPORTED = frozenset({"deepseek-chat", "deepseek-reasoner"})  # fix: none

client = OpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url="https://api.deepseek.com")


def chat(messages: list[dict]) -> str:
    info = MODEL_INFO["deepseek-chat"]  # fix: none
    resp = client.chat.completions.create(model="deepseek-chat", messages=messages, max_tokens=info["max_output"])  # fix: safe
    return resp.choices[0].message.content or ""


def reason(messages: list[dict]) -> str:
    limits = MODEL_INFO.get("deepseek-reasoner", {})  # fix: none
    resp = client.chat.completions.create(
        model="deepseek-reasoner",  # fix: safe
        messages=messages,
        max_tokens=limits.get("max_output", 4096),
    )
    return resp.choices[0].message.content or ""


def long_doc_review(doc: str) -> str:
    body = {
        "model": "deepseek-v4-pro",  # fix: safe
        "messages": [{"role": "user", "content": f"Review for contradictions:\n{doc}"}],
        "max_tokens": MODEL_INFO["deepseek-v4-pro"]["max_output"] // 8,  # fix: none
    }
    r = httpx.post(
        "https://api.deepseek.com/chat/completions",
        json=body,
        headers={"Authorization": f"Bearer {os.environ['DEEPSEEK_API_KEY']}"},
        timeout=600,
    )
    return r.json()["choices"][0]["message"]["content"]


def is_legacy(model: str) -> bool:
    return model in SUPPORTED or model.startswith("deepseek-chat")  # fix: none
