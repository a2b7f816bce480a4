"""Fallback chains, constants that are only looked up, data named as data, offline stand-ins, private hosts."""

from __future__ import annotations

import os

from openai import OpenAI

from myapp.registry import Provider, register

# Models tried in turn: each one is sent when the one before it fails.
FALLBACK_CHAIN = [
    "deepseek-reasoner",  # label: request
    "deepseek-chat",  # label: request
]
CANDIDATE_MODELS = ("deepseek-chat",)  # label: request

# The leaderboard's reference row: read only as a lookup key below.
BASELINE = "deepseek-chat"  # label: reference
JUDGE = "deepseek-reasoner"  # label: request

EXAMPLE_RECORD = {"model": "deepseek-reasoner", "task": "gsm8k", "score": 0.91}  # label: prose
sample_results = [{"model": "deepseek-chat", "score": 0.8}]  # label: prose

SCORES: dict[str, float] = {}


class ResilientClient:
    def __init__(self, chain=None):
        self._client = OpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url="https://api.deepseek.com")  # label: other-provider
        self.chain = chain or FALLBACK_CHAIN

    def chat(self, messages):
        for model in self.chain:
            try:
                return self._client.chat.completions.create(model=model, messages=messages)
            except RuntimeError:
                continue
        raise RuntimeError("every model in the chain failed")


class EchoClient:
    """Offline stand-in used when no API key is set: echoes the prompt, never calls an API."""

    def __init__(self, model_name: str = "deepseek-chat") -> None:  # label: prose
        self.model_name = model_name


class OfflineLLM:
    def __init__(self, model="deepseek-reasoner"):  # label: prose
        self.model = model


def quick(question: str):
    return ResilientClient(chain=["deepseek-chat"]).chat([{"role": "user", "content": question}])  # label: request


def fallback_pair():
    return ResilientClient(fallbacks=["deepseek-reasoner", "deepseek-chat"])  # label: request


def judge(answer: str):
    client = OpenAI(base_url="https://api.deepseek.com")  # label: other-provider
    return client.chat.completions.create(model=JUDGE, messages=[{"role": "user", "content": answer}])


def versus_baseline(model: str) -> float:
    return SCORES.get(model, 0.0) - SCORES.get(BASELINE, 0.0)


register(Provider(name="deepseek", models=["deepseek-chat", "deepseek-reasoner"]))  # label: reference

BACKENDS = {
    "cloud": {
        "BASE_URL": "https://api.deepseek.com",  # label: other-provider
        "MODEL": "deepseek-chat",  # label: request
    },
    # vLLM on our own GPU box, started with --served-model-name deepseek-chat  # label: other-provider
    "onprem": {
        "BASE_URL": "http://gpu-01.internal:8000/v1",
        "MODEL": "deepseek-chat",  # label: other-provider
    },
    "lab": {"base_url": "http://inference.svc.cluster.local/v1", "model": "deepseek-reasoner"},  # label: other-provider
}


class ModelSpec:
    def __init__(self, name: str, provider: str, context: int) -> None:
        self.name, self.provider, self.context = name, provider, context


SPECS = [
    ModelSpec("deepseek-chat", "deepseek", 64_000),  # label: reference
    ModelSpec("deepseek/deepseek-chat", "openrouter", 163_840),  # label: other-provider
]


class Target:
    def __init__(self, name: str, model: str, base_url: str) -> None:
        self.name, self.model, self.base_url = name, model, base_url


TARGETS = [
    Target("ds-v3", "deepseek-chat", "https://api.deepseek.com"),  # label: request
    Target("ds-v3-local", "deepseek-chat", "http://localhost:8000/v1"),  # label: other-provider
]
ENDPOINTS = [
    ("https://api.deepseek.com", "DEEPSEEK_API_KEY", "deepseek-reasoner"),  # label: request
    ("https://openrouter.ai/api/v1", "OPENROUTER_API_KEY", "deepseek/deepseek-chat"),  # label: other-provider
]
PREVIOUS_RUN = [{"model": "deepseek-chat", "accuracy": 0.81}]  # label: prose


def window_of(model: str) -> int:
    return context_window("deepseek/deepseek-reasoner")  # label: reference


def context_window(model: str) -> int:
    return 64_000


# Named "sample", but posted for real: a request body all the same.
sample_payload = {"model": "deepseek-chat", "messages": []}  # label: request


def smoke() -> None:
    import httpx

    httpx.post("https://api.deepseek.com/chat/completions", json=sample_payload)  # label: other-provider


demo_rows = [{"model": "deepseek-reasoner", "prompt": "hi"}]  # label: prose
