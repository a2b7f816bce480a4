"""LangChain ChatOpenAI pointed at several OpenAI-compatible endpoints."""
from __future__ import annotations

import os
from functools import lru_cache

from langchain_core.messages import HumanMessage, SystemMessage
from langchain_openai import ChatOpenAI


@lru_cache(maxsize=4)
def chat_llm(streaming: bool = False) -> ChatOpenAI:
    return ChatOpenAI(
        model="deepseek-chat",  # label: request
        base_url="https://api.deepseek.com/v1",  # label: other-provider
        api_key=os.environ["DEEPSEEK_API_KEY"],  # label: other-provider
        streaming=streaming,
        max_retries=3,
    )


def reasoning_llm() -> ChatOpenAI:
    return ChatOpenAI(
        model_name="deepseek-reasoner",  # label: request
        openai_api_base="https://api.deepseek.com",  # label: other-provider
        openai_api_key=os.getenv("DEEPSEEK_API_KEY"),  # label: other-provider
        max_tokens=8192,
    )


def env_llm() -> ChatOpenAI:
    # base URL comes from OPENAI_BASE_URL in the deployment environment
    return ChatOpenAI(model="deepseek-chat", temperature=0.1)  # label: request


def custom_llm(model: str = "deepseek-reasoner", temperature: float | None = None) -> ChatOpenAI:  # label: config
    return ChatOpenAI(
        model=model,
        temperature=temperature,
        base_url=os.environ["LLM_BASE_URL"],
    )


def openrouter_llm() -> ChatOpenAI:
    return ChatOpenAI(
        model="deepseek/deepseek-chat",  # label: other-provider
        base_url="https://openrouter.ai/api/v1",
        api_key=os.environ["OPENROUTER_API_KEY"],
        default_headers={"X-Title": "docs-assistant"},
    )


def openai_llm() -> ChatOpenAI:
    return ChatOpenAI(model="gpt-4o-mini", temperature=0)


def translate(text: str, target: str = "German") -> str:
    messages = [
        SystemMessage(content=f"Translate the user's text into {target}."),
        HumanMessage(content=text),
    ]
    try:
        return chat_llm().invoke(messages).content
    except Exception:  # noqa: BLE001
        return openai_llm().invoke(messages).content
