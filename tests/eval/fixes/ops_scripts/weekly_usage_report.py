#!/usr/bin/env python3.12
"""Weekly LLM usage report for the #platform channel.

Requires Python 3.12+: the f-strings below reuse double quotes inside
replacement fields (PEP 701).
"""
import json
import os
import sys

from openai import OpenAI

client = OpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url="https://api.deepseek.com")

LEGACY_PRICE_PER_M = {"deepseek-chat": 1.10, "deepseek-reasoner": 2.19}  # fix: none


def fmt_row(row: dict) -> str:
    return f"{row["team"]:<20} {row["requests"]:>8} {row["tokens"] / 1e6:>8.2f}M tok"


def fmt_cost(row: dict) -> str:
    return f"{row["team"]}: ${row["tokens"] / 1e6 * LEGACY_PRICE_PER_M["deepseek-chat"]:.2f}"  # fix: none


def narrative(rows: list[dict]) -> str:
    table = "\n".join(fmt_row(r) for r in rows)
    resp = client.chat.completions.create(
        model="deepseek-chat",  # fix: safe
        messages=[{"role": "user", "content": f"Three sentences on this week's usage:\n{table}"}],
        max_tokens=300,
    )
    return resp.choices[0].message.content or ""


def main(path: str) -> None:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    print(f"LLM usage, week {data["week"]} ({", ".join(r["team"] for r in data["rows"])})")
    for row in data["rows"]:
        print(fmt_row(row), "|", fmt_cost(row))
    print()
    print(narrative(data["rows"]))


if __name__ == "__main__":
    main(sys.argv[1])
