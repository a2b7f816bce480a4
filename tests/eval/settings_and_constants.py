"""Central configuration: models, endpoints and per-role routing."""
from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum
from typing import Any

import requests
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "deepseek-chat"  # label: config
REASONING_MODEL = 'deepseek-reasoner'  # label: config
API_BASE = os.getenv("DEEPSEEK_BASE_URL", "https://api.deepseek.com")  # label: other-provider
CHAT_MODEL = os.getenv("CHAT_MODEL", "deepseek-chat")  # label: config
PLANNER_MODEL = os.environ.get("PLANNER_MODEL", "deepseek-reasoner")  # label: config
TIMEOUTS = {"deepseek-reasoner": 300.0}  # label: reference


class ChatModel(str, Enum):
    CHAT = "deepseek-chat"  # label: config
    REASONER = "deepseek-reasoner"  # label: config
    FLASH = "deepseek-v4-flash"  # label: other-provider
    PRO = "deepseek-v4-pro"  # label: other-provider


class AppSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_", env_file=".env", extra="ignore")
    api_key: str = Field(default="", validation_alias="DEEPSEEK_API_KEY")  # label: other-provider
    base_url: str = "https://api.deepseek.com/v1"  # label: other-provider
    chat_model: str = Field("deepseek-chat")  # label: config
    reasoning_model: str = Field(default="deepseek-reasoner", description="Used for planning steps")  # label: config
    summary_model: str = "deepseek-chat"  # label: config
    timeout_s: float = 60.0


@dataclass
class AgentConfig:
    name: str
    model: str | None = None
    fallback_model: str = "deepseek-chat"  # label: config


class ReportClient:
    default_model = "deepseek-reasoner"  # label: config


ROLE_MODELS: dict[str, str] = {
    "planner": "deepseek-reasoner",  # label: config
    "executor": "deepseek-chat",  # label: config
    "critic": CHAT_MODEL, "reviewer": REASONING_MODEL, "summarizer": ChatModel.CHAT.value, "default": DEFAULT_MODEL,
}

settings = AppSettings()


def resolve_model(cfg: AgentConfig) -> str:
    return cfg.model or "deepseek-chat"  # label: config


def model_from_dict(raw: dict[str, Any]) -> str:
    return raw.get("model", "deepseek-chat")  # label: config


def post_chat(model: str, prompt: str) -> dict[str, Any]:
    resp = requests.post(
        f"{settings.base_url or API_BASE}/chat/completions",
        headers={"Authorization": f"Bearer {settings.api_key}"},
        json={"model": model, "messages": [{"role": "user", "content": prompt}]},
        timeout=TIMEOUTS.get(model, settings.timeout_s),
    )
    resp.raise_for_status()
    return resp.json()


def run_role(role: str, prompt: str) -> dict[str, Any]:
    model = ROLE_MODELS.get(role, "deepseek-chat")  # label: config
    return post_chat(model, prompt)


def summarize(text: str, model: str = "deepseek-chat") -> str:  # label: config
    return post_chat(model, f"Summarize:\n{text}")["choices"][0]["message"]["content"]


def plan(goal: str, report: bool = False) -> str:
    # PLANNER_MODEL defaults to deepseek-reasoner unless overridden.  # label: prose
    model = ReportClient.default_model if report else PLANNER_MODEL
    return post_chat(model, goal)["choices"][0]["message"]["content"]

