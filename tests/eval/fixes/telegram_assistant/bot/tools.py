"""Function calling: weather and reminders."""
from __future__ import annotations

import json

from .llm import aclient

TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Current weather for a city",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
        },
    }
]


def get_weather(city: str) -> str:
    return json.dumps({"city": city, "temp_c": 21, "sky": "clear"})


async def answer_with_tools(question: str) -> str:
    messages = [{"role": "user", "content": question}]
    resp = await aclient.chat.completions.create(model="deepseek-chat", messages=messages, tools=TOOLS)  # fix: safe
    msg = resp.choices[0].message
    while msg.tool_calls:
        messages.append(msg.model_dump(exclude_none=True))
        for call in msg.tool_calls:
            args = json.loads(call.function.arguments)
            messages.append({"role": "tool", "tool_call_id": call.id, "content": get_weather(**args)})
        resp = await aclient.chat.completions.create(model="deepseek-chat", messages=messages, tools=TOOLS)  # fix: safe
        msg = resp.choices[0].message
    return msg.content or ""


async def plan_with_tools(goal: str) -> str:
    """Reasoner + tools. History is rebuilt without reasoning_content (the old API rejected it)."""
    messages = [{"role": "user", "content": goal}]
    for _ in range(6):
        resp = await aclient.chat.completions.create(
            model="deepseek-reasoner",  # fix: manual
            messages=messages,
            tools=TOOLS,
        )
        msg = resp.choices[0].message
        turn = {"role": "assistant", "content": msg.content or ""}
        if msg.tool_calls:
            turn["tool_calls"] = [c.model_dump() for c in msg.tool_calls]
        messages.append(turn)
        if not msg.tool_calls:
            return msg.content or ""
        for call in msg.tool_calls:
            messages.append({"role": "tool", "tool_call_id": call.id, "content": get_weather(**json.loads(call.function.arguments))})
    return "(no answer)"
