"""A provider wrapper that checks a requested model against its supported list and falls back to the first one."""
from __future__ import annotations

import logging

from openai import AsyncOpenAI

log = logging.getLogger(__name__)


class DeepSeekChat:  # label: other-provider
    """Answers questions with DeepSeek's API; an unknown model falls back to the first supported one."""  # label: prose

    supported_models = [
        "deepseek-chat",  # label: config
        "deepseek-v4-pro",  # label: other-provider
    ]

    def __init__(self, api_key: str) -> None:
        self.client = AsyncOpenAI(api_key=api_key, base_url="https://api.deepseek.com")  # label: other-provider
        self.model = self.supported_models[0]

    async def ask(self, question: str, model: str | None = None) -> str:
        if model not in self.supported_models:
            log.info("unsupported model %s, using %s", model, self.supported_models[0])
            model = self.supported_models[0]
        response = await self.client.chat.completions.create(
            model=model, messages=[{"role": "user", "content": question}], stream=False
        )
        return response.choices[0].message.content or ""

