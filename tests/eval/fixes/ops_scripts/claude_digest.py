#!/usr/bin/env python
"""Summarize the on-call channel export through DeepSeek's Anthropic endpoint."""
import json
import os
import sys

import anthropic

client = anthropic.Anthropic(api_key=os.environ["DEEPSEEK_API_KEY"], base_url="https://api.deepseek.com/anthropic")


def main(path: str) -> None:
    with open(path, encoding="utf-8") as fh:
        messages = [json.loads(line) for line in fh]
    text = "\n".join(f"{m['user']}: {m['text']}" for m in messages)
    resp = client.messages.create(
        model="deepseek-chat",  # fix: manual
        max_tokens=1500,
        system="Summarize incidents, owners and open questions.",
        messages=[{"role": "user", "content": text}],
    )
    print(resp.content[0].text)


if __name__ == "__main__":
    main(sys.argv[1])
