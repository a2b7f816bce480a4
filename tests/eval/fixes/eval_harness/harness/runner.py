"""Runs a benchmark split against one model and records raw outputs."""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from openai import OpenAI

from .models import ModelName

client = OpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url="https://api.deepseek.com")


def run_item(model: ModelName, item: dict) -> dict:
    started = time.perf_counter()
    r = client.chat.completions.create(model=model.value, messages=[{"role": "user", "content": item["prompt"]}])
    return {
        "id": item["id"],
        "model": model.value,
        "output": r.choices[0].message.content,
        "latency_s": round(time.perf_counter() - started, 3),
        "usage": r.usage.model_dump() if r.usage else None,
    }


def grade(item: dict, output: str) -> bool:
    r = client.chat.completions.create(
        model="deepseek-chat",  # fix: safe
        messages=[
            {"role": "system", "content": "Reply PASS or FAIL only."},
            {"role": "user", "content": f"Reference: {item['answer']}\nCandidate: {output}"},
        ],
        temperature=0,
        max_tokens=2,
    )
    return (r.choices[0].message.content or "").strip().upper() == "PASS"


def write_results(rows: list[dict], out: Path) -> None:
    out.write_text("\n".join(json.dumps(r) for r in rows) + "\n")


def baseline_row(item_id: str) -> dict:
    """The row the dashboard shows before a run exists."""
    return {"id": item_id, "model": "deepseek-chat", "output": None, "latency_s": None, "usage": None}  # fix: none
