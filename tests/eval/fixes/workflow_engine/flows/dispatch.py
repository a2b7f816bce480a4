"""Routes a job to a backend by its `provider:model` string (Python 3.10+ match)."""
from __future__ import annotations

import httpx

from .clients import client


def run_prompt(provider_model: str, prompt: str, *, temperature: float = 0.7) -> str:
    match provider_model:
        case "deepseek:deepseek-chat":  # fix: none
            resp = client.chat.completions.create(
                model="deepseek-chat",  # fix: safe
                messages=[{"role": "user", "content": prompt}],
                temperature=temperature,
            )
            return resp.choices[0].message.content or ""
        case "deepseek:deepseek-reasoner" | "deepseek:r1":  # fix: none
            resp = client.chat.completions.create(
                model="deepseek-reasoner",  # fix: safe
                messages=[{"role": "user", "content": prompt}],
                max_tokens=16000,
            )
            return resp.choices[0].message.content or ""
        case str(name) if name.startswith("ollama:"):
            r = httpx.post(
                "http://localhost:11434/api/chat",
                json={"model": name.removeprefix("ollama:"), "messages": [{"role": "user", "content": prompt}], "stream": False},
            )
            return r.json()["message"]["content"]
        case _:
            raise ValueError(f"unknown backend {provider_model!r}")


def describe(job: dict) -> str:
    match job:
        case {"model": "deepseek-chat", **rest}:  # fix: none
            return f"fast job with {len(rest)} options"
        case {"model": "deepseek-reasoner", "max_tokens": int(n)} if n > 8000:  # fix: none
            return "long reasoning job"
        case {"model": str(m)}:
            return f"job for {m}"
        case _:
            return "malformed job"
