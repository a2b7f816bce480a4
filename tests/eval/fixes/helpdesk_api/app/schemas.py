"""Request models for the public /v1/assist endpoint."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


AllowedModel = Literal["deepseek-chat", "deepseek-reasoner"]  # fix: none


class AssistRequest(BaseModel):
    prompt: str
    # Clients may pick the model; the handler passes it through unchanged.
    model: AllowedModel = "deepseek-chat"  # fix: manual
    max_tokens: int = Field(default=1024, le=8192)
