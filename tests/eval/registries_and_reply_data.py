"""A provider module with a model registry, a capability table, a reply class and a LangChain wrapper."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from langchain_core.language_models.llms import LLM
from openai import OpenAI

from .registry import ModelDefinition, ModelInfo, register


@dataclass
class ModelDef:
    id: str
    label: str
    context: int
    max_output: int
    supports_tools: bool = True
    supports_vision: bool = False


REGISTRY = [
    ModelDef(id="deepseek-chat", label="DeepSeek-V3", context=64_000, max_output=8_000),  # label: reference
    ModelDef(id="deepseek-reasoner", label="DeepSeek-R1", context=64_000, max_output=8_000, supports_tools=False),  # label: reference
    ModelDef(id="deepseek-v4-flash", label="DeepSeek-V4 Flash", context=1_000_000, max_output=65_536),  # label: other-provider
]

LIMITS = {
    "deepseek/deepseek-chat": ModelInfo(  # label: reference
        model_name="deepseek/deepseek-chat",  # label: reference
        max_input_tokens=64 * 1024,
        max_output_tokens=8 * 1024,
    ),
}

register(ModelDefinition(model_id="deepseek-reasoner", context_length=65_536, input_price=0.55))  # label: reference


def describe_models() -> dict[str, Any]:
    return {
        "provider": "deepseek",  # label: other-provider
        "models": [
            {"name": "deepseek-chat", "context_window": 65_536, "supports_function_calling": True},  # label: reference
            {"name": "deepseek-reasoner", "context_window": 65_536, "supports_function_calling": False},  # label: reference
        ],
    }


class ChatReply:
    """What one request returned."""

    def __init__(self, text: str, model: str = "deepseek-chat", usage: Optional[dict] = None) -> None:  # label: prose
        self.text = text
        self.model = model
        self.usage = usage or {}


class DeepSeekProvider:  # label: other-provider
    SUPPORTED_MODELS = (
        "deepseek-chat",  # label: reference
        "deepseek-reasoner",  # label: reference
    )

    def __init__(self, api_key: str, model: str = "deepseek-chat") -> None:  # label: config
        self.client = OpenAI(api_key=api_key, base_url="https://api.deepseek.com")  # label: other-provider
        self.model = model

    def supported_models(self) -> list[str]:
        return list(self.SUPPORTED_MODELS)

    def ask(self, prompt: str) -> ChatReply:
        reply = self.client.chat.completions.create(model=self.model, messages=[{"role": "user", "content": prompt}])
        return ChatReply(reply.choices[0].message.content, model=reply.model)


class DeepSeekLLM(LLM):  # label: other-provider
    provider: DeepSeekProvider = field(default=None)  # label: other-provider

    @property
    def _llm_type(self) -> str:
        return "deepseek-chat"  # label: prose

    def _call(self, prompt: str, stop=None, run_manager=None, **kwargs: Any) -> str:
        return self.provider.ask(prompt).text


# A client config is not a catalogue entry, even with a context size beside it.
CLIENT_SETTINGS = {
    "model": "deepseek-reasoner",  # label: config
    "base_url": "https://api.deepseek.com",  # label: other-provider
    "context_window": 65_536,
}
client = OpenAI(base_url=CLIENT_SETTINGS["base_url"], api_key="sk-live")
answer = client.chat.completions.create(model=CLIENT_SETTINGS["model"], messages=[{"role": "user", "content": "hi"}])
