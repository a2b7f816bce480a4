"""Stage 3: spot checks before publishing enriched rows."""
from __future__ import annotations

import json
import os
import random

import requests
from openai import OpenAI

client = OpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url="https://api.deepseek.com")


def check_description(title: str, description: str) -> bool:
    resp = client.chat.completions.create(
        model="deepseek-chat",  # fix: safe
        messages=[
            {"role": "system", "content": "Does the description contradict the title? Answer yes or no."},
            {"role": "user", "content": f"{title}\n---\n{description}"},
        ],
        max_tokens=1,
        logprobs=True,
    )
    return (resp.choices[0].message.content or "").lower().startswith("n")


def check_claims(description: str) -> dict:
    resp = client.chat.completions.create(
        model="deepseek-v4-pro",  # fix: safe
        messages=[{"role": "user", "content": f"List unverifiable marketing claims as JSON:\n{description}"}],
        response_format={"type": "json_object"},
    )
    return json.loads(resp.choices[0].message.content or "{}")


def sample_and_grade(rows: list[dict], k: int = 50) -> float:
    picked = random.sample(rows, min(k, len(rows)))
    r = requests.post(
        "https://api.deepseek.com/chat/completions",
        headers={"Authorization": f"Bearer {os.environ['DEEPSEEK_API_KEY']}"},
        json={
            "model": "deepseek-reasoner",  # fix: safe
            "messages": [{"role": "user", "content": "Grade 0-10:\n" + json.dumps(picked)}],
        },
        timeout=600,
    )
    return float(r.json()["choices"][0]["message"]["content"].strip())
