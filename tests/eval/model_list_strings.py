"""A chat bot whose models come from comma-separated settings: one list is tried in turn, one is only offered."""
from __future__ import annotations

import logging
import os

from openai import APIError, OpenAI

log = logging.getLogger(__name__)

client = OpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url="https://api.deepseek.com")  # label: other-provider
MODEL_ORDER = os.getenv("BOT_MODEL_ORDER", "deepseek-chat,deepseek-v4-pro")  # label: dynamic
OFFERED = os.getenv("BOT_OFFERED_MODELS", "deepseek-v4-flash,deepseek-reasoner")  # label: reference
HELP = "Models: deepseek-chat, deepseek-reasoner and the V4 family."  # label: prose


def offered_models() -> list[str]:
    return [name.strip() for name in OFFERED.split(",") if name.strip()]


def reply(history: list[dict]) -> str:
    for name in MODEL_ORDER.split(","):
        try:
            completion = client.chat.completions.create(model=name.strip(), messages=history, timeout=30)
        except APIError as error:
            log.warning("model %s failed: %s", name, error)
            continue
        return completion.choices[0].message.content or ""
    raise RuntimeError("every configured model failed")
