"""Stage 1: pull structured fields out of raw product listings."""
from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor

import requests

API_URL = "https://api.deepseek.com/chat/completions"
SESSION = requests.Session()
SESSION.headers.update({"Authorization": f"Bearer {os.environ['DEEPSEEK_API_KEY']}"})

FIELDS_PROMPT = "Return JSON with keys brand, model, color, size. Use null when unknown."


def extract_fields(listing: str) -> dict:
    payload = {
        "model": "deepseek-chat",  # fix: safe
        "messages": [
            {"role": "system", "content": FIELDS_PROMPT},
            {"role": "user", "content": listing},
        ],
        "response_format": {"type": "json_object"},
        "temperature": 0,
    }
    r = SESSION.post(API_URL, json=payload, timeout=60)
    r.raise_for_status()
    return json.loads(r.json()["choices"][0]["message"]["content"])


def resolve_conflicts(a: dict, b: dict) -> dict:
    r = SESSION.post(
        API_URL,
        data=json.dumps(
            {
                "model": "deepseek-reasoner",  # fix: safe
                "messages": [{"role": "user", "content": f"Merge these records, explain nothing:\n{a}\n{b}"}],
            }
        ),
        headers={"Content-Type": "application/json"},
        timeout=300,
    )
    return json.loads(r.json()["choices"][0]["message"]["content"])


def extract_all(listings: list[str], workers: int = 16) -> list[dict]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(extract_fields, listings))
