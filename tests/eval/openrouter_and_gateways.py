"""Fallback chain across third-party gateways and self-hosted servers."""
from __future__ import annotations

import logging
import os
from typing import Callable

import litellm
from openai import OpenAI
from together import Together

log = logging.getLogger(__name__)

openrouter = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])
siliconflow = OpenAI(base_url="https://api.siliconflow.cn/v1", api_key=os.environ["SILICONFLOW_API_KEY"])
comet = OpenAI(base_url="https://api.cometapi.com/v1", api_key=os.environ["COMETAPI_KEY"])
vllm = OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")
ollama = OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")
together = Together()


def _msgs(prompt: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": prompt}]


def via_openrouter(prompt: str) -> str:
    r = openrouter.chat.completions.create(
        model="deepseek/deepseek-chat",  # label: other-provider
        messages=_msgs(prompt),
        extra_headers={"HTTP-Referer": "https://example.com", "X-Title": "gateway-demo"},
    )
    return r.choices[0].message.content


def via_siliconflow(prompt: str) -> str:
    r = siliconflow.chat.completions.create(model="deepseek-ai/DeepSeek-V3", messages=_msgs(prompt))  # label: other-provider
    return r.choices[0].message.content


def via_comet(prompt: str) -> str:
    r = comet.chat.completions.create(model="deepseek-chat", messages=_msgs(prompt))  # label: other-provider
    return r.choices[0].message.content


def via_vllm(prompt: str) -> str:
    # the local server is started with --served-model-name set to the old alias
    r = vllm.chat.completions.create(model="deepseek-reasoner", messages=_msgs(prompt), max_tokens=2048)  # label: other-provider
    return r.choices[0].message.content


def via_ollama(prompt: str) -> str:
    r = ollama.chat.completions.create(model="deepseek-r1:7b", messages=_msgs(prompt))  # label: other-provider
    return r.choices[0].message.content


def via_together(prompt: str) -> str:
    r = together.chat.completions.create(model="deepseek-ai/DeepSeek-R1", messages=_msgs(prompt))  # label: other-provider
    return r.choices[0].message.content


def via_litellm_openrouter(prompt: str) -> str:
    r = litellm.completion(model="openrouter/deepseek/deepseek-chat", messages=_msgs(prompt))  # label: other-provider
    return r.choices[0].message.content


def via_openrouter_reasoning(prompt: str) -> str:
    r = openrouter.chat.completions.create(
        model="deepseek/deepseek-reasoner",  # label: other-provider
        messages=_msgs(prompt),
        extra_body={"provider": {"order": ["DeepSeek", "Together"]}},  # label: other-provider
    )
    return r.choices[0].message.content


CHAIN: list[Callable[[str], str]] = [
    via_openrouter, via_together, via_siliconflow, via_comet,
    via_vllm, via_ollama, via_litellm_openrouter, via_openrouter_reasoning,
]


def ask(prompt: str) -> str:
    for backend in CHAIN:
        try:
            return backend(prompt)
        except Exception as exc:  # noqa: BLE001
            log.warning("%s failed: %s", backend.__name__, exc)
    raise RuntimeError("all gateways failed")
