"""Model IDs as data about models: responses, docs examples, catalogues, capability lookups."""

from __future__ import annotations

import logging
from enum import Enum

from fastapi import FastAPI
from pydantic import BaseModel, Field

from myapp.capabilities import get_capabilities
from myapp.registry import provider

log = logging.getLogger(__name__)
app = FastAPI()


class ChatRequest(BaseModel):
    model: str = Field(..., example="deepseek-reasoner")  # label: prose
    prompt: str

    model_config = {"json_schema_extra": {"examples": [{"model": "deepseek-chat", "prompt": "hi"}]}}  # label: prose


class ChatResponse(BaseModel):
    model_name: str
    text: str


def fake_reply(text: str) -> ChatResponse:
    return ChatResponse(model_name="deepseek-chat", text=text)  # label: prose


MODEL_LIST = [
    {"id": "deepseek-chat", "object": "model", "owned_by": "deepseek"},  # label: prose
    {"id": "deepseek-reasoner", "object": "model", "owned_by": "deepseek"},  # label: prose
]


class HostedModel(str, Enum):
    GROQ_DEEPSEEK_CHAT = "deepseek-chat"  # label: other-provider
    TOGETHER_DEEPSEEK_REASONER = "deepseek-reasoner"  # label: other-provider


def limits() -> dict:
    caps = get_capabilities("deepseek-chat")  # label: reference
    profile = provider.model_profile("deepseek-reasoner")  # label: reference
    return {"caps": caps, "profile": profile}


def variant(suffix: str) -> str:
    return f"deepseek-chat-{suffix}"  # label: reference


def announce() -> None:
    log.info("deepseek-chat")  # label: prose
    print("deepseek-reasoner")  # label: prose


def context_window(model: str) -> int:
    return {"deepseek-v4-flash": 1_000_000}.get(model, 128_000)  # label: other-provider


def estimate_cost(tokens: int, model: str = "deepseek-reasoner") -> float:  # label: reference
    return tokens * 0.000002


MAX_CONTEXT = context_window("deepseek-chat")  # label: reference


def _fake_completion(text: str, model: str = "deepseek-chat") -> dict:  # label: prose
    return {"model": model, "choices": [{"message": {"content": text}}]}


REPLY = _fake_completion("ok", model="deepseek-reasoner")  # label: prose


def cli_options(parser) -> None:
    parser.add_argument("--model", default="deepseek-chat")  # label: config


def summarize(
    judge: str = typer.Option("deepseek-reasoner", help="Model used with --verify"),  # label: config
    width: str = typer.Option("deepseek-chat-wide", help="Column layout name"),  # label: prose
) -> None:
    pass
