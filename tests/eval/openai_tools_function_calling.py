"""Function-calling loop: the model requests tools, we run them and reply."""
from __future__ import annotations

import json
import logging
import os
from typing import Any, Callable

from openai import OpenAI as Client

log = logging.getLogger(__name__)

client = Client(api_key=os.getenv("DEEPSEEK_API_KEY"), base_url="https://api.deepseek.com/v1")  # label: other-provider
TOOL_MODEL = os.getenv("TOOL_MODEL") or "deepseek-chat"  # label: config

TOOLS: list[dict[str, Any]] = [
    {
        "type": "function",
        "function": {
            "name": "get_order_status",
            "description": "Look up the shipping status of an order.",
            "parameters": {
                "type": "object",
                "properties": {"order_id": {"type": "string"}},
                "required": ["order_id"],
            },
        },
    },
]


def get_order_status(order_id: str) -> dict[str, str]:
    return {"order_id": order_id, "status": "shipped", "eta": "2 days"}


REGISTRY: dict[str, Callable[..., Any]] = {"get_order_status": get_order_status}


def run_tool(name: str, arguments: str | None) -> str:
    fn = REGISTRY.get(name)
    if fn is None:
        return json.dumps({"error": f"unknown tool {name}"})
    try:
        return json.dumps(fn(**json.loads(arguments or "{}")))
    except Exception as exc:  # noqa: BLE001
        log.exception("tool %s failed", name)
        return json.dumps({"error": str(exc)})


def answer(question: str, max_rounds: int = 4) -> str:
    messages: list[dict[str, Any]] = [{"role": "user", "content": question}]
    for _ in range(max_rounds):
        raw = client.chat.completions.with_raw_response.create(
            model="deepseek-chat",  # label: request
            messages=messages,
            tools=TOOLS,
            tool_choice="auto",
        )
        log.debug("remaining requests: %s", raw.headers.get("x-ratelimit-remaining-requests"))
        msg = raw.parse().choices[0].message
        if not msg.tool_calls:
            return msg.content or ""
        messages.append(msg.model_dump(exclude_none=True))
        for call in msg.tool_calls:
            messages.append({"role": "tool", "tool_call_id": call.id, "content": run_tool(call.function.name, call.function.arguments)})
    # Out of rounds: ask deepseek-chat for a final answer without tools.  # label: prose
    final = client.chat.completions.create(model="deepseek-chat", messages=messages, tools=TOOLS, tool_choice="none")  # label: request
    return final.choices[0].message.content or ""


def extract_contact(text: str) -> dict[str, Any]:
    resp = client.chat.completions.create(
        model="deepseek-chat",  # label: request
        messages=[
            {"role": "system", "content": "Return a JSON object with keys name and email."},
            {"role": "user", "content": text},
        ],
        response_format={"type": "json_object"},
    )
    return json.loads(resp.choices[0].message.content or "{}")


def quick_tool_call(question: str) -> list[Any]:
    if TOOL_MODEL == "deepseek-reasoner":  # label: reference
        raise ValueError("deepseek-reasoner does not support function calling")  # label: prose
    resp = client.chat.completions.create(model=TOOL_MODEL, messages=[{"role": "user", "content": question}], tools=TOOLS)
    return list(resp.choices[0].message.tool_calls or [])
