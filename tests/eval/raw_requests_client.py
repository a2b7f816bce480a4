"""Blocking HTTP client for chat completions built on requests."""
from __future__ import annotations

import json
import logging
import os
from typing import Iterator

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

log = logging.getLogger(__name__)

API_ROOT = "https://api.deepseek.com"  # label: other-provider


def make_session() -> requests.Session:
    s = requests.Session()
    retry = Retry(total=4, backoff_factor=1.0, status_forcelist=(429, 500, 502, 503), allowed_methods=["GET", "POST"])
    s.mount("https://", HTTPAdapter(max_retries=retry))
    s.headers.update({
        "Authorization": f"Bearer {os.environ['DEEPSEEK_API_KEY']}",  # label: other-provider
        "Content-Type": "application/json",
    })
    return s


def chat(session: requests.Session, messages: list[dict[str, str]], temperature: float = 0.3) -> str:
    payload = {
        "model": "deepseek-chat",  # label: request
        "messages": messages,
        "temperature": temperature,
        "stream": False,
    }
    r = session.post(f"{API_ROOT}/chat/completions", json=payload, timeout=60)
    r.raise_for_status()
    return r.json()["choices"][0]["message"]["content"]


def stream(session: requests.Session, prompt: str) -> Iterator[str]:
    body = {"model": "deepseek-reasoner", "messages": [{"role": "user", "content": prompt}], "stream": True}  # label: request
    with session.post(f"{API_ROOT}/chat/completions", data=json.dumps(body), stream=True, timeout=300) as r:
        r.raise_for_status()
        for line in r.iter_lines(decode_unicode=True):
            if not line or not line.startswith("data: ") or line == "data: [DONE]":
                continue
            delta = json.loads(line[6:])["choices"][0]["delta"]
            if delta.get("content"):
                yield delta["content"]


def complete_with(session: requests.Session, prompt: str, model: str = "deepseek-chat") -> str:  # label: config
    r = session.post(f"{API_ROOT}/chat/completions", json={"model": model, "messages": [{"role": "user", "content": prompt}]})
    r.raise_for_status()
    return r.json()["choices"][0]["message"]["content"]


def list_models(session: requests.Session) -> list[str]:
    r = session.get(f"{API_ROOT}/models", timeout=10)
    r.raise_for_status()
    return [m["id"] for m in r.json().get("data", [])]


def check_available(session: requests.Session) -> None:
    ids = list_models(session)
    if "deepseek-chat" not in ids:  # label: reference
        log.error("deepseek-chat missing from /models: %s", ids)  # label: prose
        raise RuntimeError("configured chat model is not available")


def balance(session: requests.Session) -> dict:
    r = session.get(f"{API_ROOT}/user/balance", timeout=10)
    r.raise_for_status()
    return r.json()
