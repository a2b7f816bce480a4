"""UI choices, plugin classes, service classes, fixtures that edit fake replies, predicates by parameter."""

from __future__ import annotations

import os
from functools import partial

import gradio as gr
import pytest
from openai import AsyncOpenAI
from semantic_kernel.connectors.ai.open_ai import OpenAIChatCompletion

MODEL_CHOICES = [
    ("DeepSeek-V3 (fast)", "deepseek-chat"),  # label: reference
    ("DeepSeek-R1 (reasoning)", "deepseek-reasoner"),  # label: reference
]
dropdown = gr.Dropdown(MODEL_CHOICES, value="deepseek-chat", label="Model")  # label: request


class Plugin:
    model = "deepseek-chat"  # label: request
    base_url = "https://api.deepseek.com"  # label: other-provider


class LocalTagger(Plugin):
    model = "deepseek-chat"  # label: other-provider
    base_url = "http://localhost:11434/v1"


REGISTRY: dict[str, type] = {"base": Plugin, "tag": LocalTagger}


def plugins_using(model: str) -> list[str]:
    return sorted(name for name, cls in REGISTRY.items() if cls.model == model)


SLOW = plugins_using("deepseek-reasoner")  # label: reference


def service() -> OpenAIChatCompletion:
    client = AsyncOpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url="https://api.deepseek.com")  # label: other-provider
    return OpenAIChatCompletion(ai_model_id="deepseek-chat", async_client=client)  # label: request


class Router:
    def complete(self, prompt: str, force: str | None = None) -> str:
        return prompt


def quick(router: Router, question: str) -> str:
    return router.complete(question, force="deepseek-chat")  # label: request


@pytest.fixture
def reasoner_reply(fake_completion: dict) -> dict:
    fake_completion["model"] = "deepseek-reasoner"  # label: prose
    return fake_completion


def max_context(model: str) -> int:
    return 64_000


WINDOW = max_context("deepseek-chat")  # label: reference


def _chat(model: str, prompt: str, temperature: float = 1.0) -> str:
    return prompt


quick_fix = partial(_chat, "deepseek-chat", temperature=0.0)  # label: request

CHAINS = {
    "chat": [("deepseek", "deepseek-chat"), ("groq", "llama-3.3-70b-versatile")],  # label: request
    "local": [("ollama", "deepseek-chat")],  # label: other-provider
}
SPECS_BY_KEY = {("deepseek", "deepseek-reasoner"): 64_000}  # label: reference
REASONER_SPEC = SPECS_BY_KEY[("deepseek", "deepseek-reasoner")]  # label: reference

DEMO_ROWS = [{"ts": "2025-03-01", "model": "deepseek-chat", "completion_tokens": 410}]  # label: prose
run_record = {"query": "q", "planner": "deepseek-reasoner", "result": "done"}  # label: prose


class Host:
    DEEPSEEK = "deepseek"  # label: other-provider
    OPENROUTER = "openrouter"


DEFAULT_BY_HOST = {
    Host.DEEPSEEK: "deepseek-chat",  # label: request
    Host.OPENROUTER: "deepseek/deepseek-chat",  # label: other-provider
    "ollama": "deepseek-chat",  # label: other-provider
}


def pricing_key(model: str) -> str:
    if model.startswith("deepseek-reasoner"):  # label: reference
        return "deepseek-reasoner"  # label: reference
    return "deepseek-chat"  # label: reference


def make_completion(text: str, model: str) -> dict:
    return {"choices": [{"message": {"content": text}}], "model": model}


CANNED = make_completion("Hello!", "deepseek-chat")  # label: prose


THINKING_MODELS = ("deepseek-reasoner", "deepseek-v4-pro")  # label: reference


def thinks(name: str) -> bool:
    return name.startswith(THINKING_MODELS)

FAMILY_PATTERNS = ["deepseek-chat-{suffix}", "deepseek-reasoner-{suffix}"]  # label: reference


REASONING_MODELS = ("deepseek-reasoner",)  # label: reference
MODELS_TO_TRY = ["deepseek-chat"]  # label: request


def reasons(name: str) -> bool:
    return any(name.startswith(prefix) for prefix in REASONING_MODELS)


def try_all(client) -> None:
    for model in MODELS_TO_TRY:
        client.chat.completions.create(model=model, messages=[])


class ModelInfo:
    def __init__(self, id: str, name: str, context_length: int) -> None:
        self.id, self.name, self.context_length = id, name, context_length


FALLBACK_LISTING = [ModelInfo(id="deepseek-chat", name="DeepSeek Chat", context_length=64_000)]  # label: reference


def compare_models(client) -> None:
    for model in ("deepseek-chat", "deepseek-reasoner"):  # label: request
        client.chat.completions.create(model=model, messages=[])
    for name in ["deepseek-chat"]:  # label: reference
        if name == "x":
            pass
