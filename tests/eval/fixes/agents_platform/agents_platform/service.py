"""Facade used by the HTTP layer. The backend lives in the shared `acme_llm` package."""
from __future__ import annotations

from acme_llm import LLMBackend, load_backend


class LLMService:
    def __init__(self, config: dict) -> None:
        self.config = dict(config)
        self._backend: LLMBackend = load_backend(self.config)

    def complete(self, prompt: str) -> str:
        return self._backend.complete(prompt, **self.config.get("defaults", {}))


summaries = LLMService({"provider": "deepseek", "model": "deepseek-chat", "defaults": {"temperature": 0.2}})  # fix: manual
planner = LLMService(
    {
        "provider": "deepseek",
        "model": "deepseek-reasoner",  # fix: manual
        "defaults": {"max_tokens": 8000},
    }
)
