"""Minimal tool-use loop in Anthropic message format."""
from __future__ import annotations

import json
import subprocess

from .client import deepseek

AGENT_MODEL = "deepseek-chat"  # fix: safe
TOOLS = [
    {
        "name": "run_shell",
        "description": "Run a read-only shell command and return stdout.",
        "input_schema": {"type": "object", "properties": {"cmd": {"type": "string"}}, "required": ["cmd"]},
    }
]


def run_tool(name: str, args: dict) -> str:
    if name == "run_shell":
        return subprocess.run(args["cmd"], shell=True, capture_output=True, text=True, timeout=30).stdout[:4000]
    return json.dumps({"error": f"unknown tool {name}"})


def agent(task: str, max_turns: int = 8) -> str:
    messages: list[dict] = [{"role": "user", "content": task}]
    for _ in range(max_turns):
        resp = deepseek.messages.create(model=AGENT_MODEL, max_tokens=2048, tools=TOOLS, messages=messages)
        messages.append({"role": "assistant", "content": resp.content})
        if resp.stop_reason != "tool_use":
            return "".join(b.text for b in resp.content if b.type == "text")
        results = [
            {"type": "tool_result", "tool_use_id": b.id, "content": run_tool(b.name, b.input)}
            for b in resp.content
            if b.type == "tool_use"
        ]
        messages.append({"role": "user", "content": results})
    return "(gave up)"
