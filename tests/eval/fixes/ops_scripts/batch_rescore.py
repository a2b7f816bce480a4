#!/usr/bin/env python
"""Nightly batch: re-score yesterday's tickets and write a one-paragraph summary."""
import csv
import json
import os
import sys

from openai import OpenAI

client = OpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url="https://api.deepseek.com")


def score(text: str) -> int:
    r = client.chat.completions.create(
        model="deepseek-chat",  # fix: safe
        messages=[{"role": "user", "content": f"Urgency 1-5, digits only:\n{text}"}],
        max_tokens=3,
        temperature=0,
    )
    return int((r.choices[0].message.content or "3").strip()[:1] or 3)


with open(sys.argv[1], newline="", encoding="utf-8") as fh:
    rows = list(csv.DictReader(fh))
scores = {row["id"]: score(row["body"]) for row in rows}
print(json.dumps(scores))
summary = client.chat.completions.create(model="deepseek-reasoner", messages=[{"role": "user", "content": json.dumps(scores)}])  # fix: safe