"""Explicit model objects for agents that need a custom HTTP client."""
from __future__ import annotations

import os

import httpx
from pydantic_ai import Agent
from pydantic_ai.models.openai import OpenAIChatModel, OpenAIModel
from pydantic_ai.providers.deepseek import DeepSeekProvider

_http = httpx.AsyncClient(timeout=httpx.Timeout(120, connect=10))
_provider = DeepSeekProvider(api_key=os.environ["DEEPSEEK_API_KEY"], http_client=_http)

triage_model = OpenAIChatModel("deepseek-chat", provider=_provider)  # fix: safe
triage_agent = Agent(triage_model, system_prompt="Classify the ticket: bug, billing, how-to, other.")

# Imported by agents_platform.research and by the notebook helpers.
reasoning_model = OpenAIModel("deepseek-reasoner", provider=_provider)  # fix: manual
