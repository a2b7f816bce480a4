"""Stage 2: categorize and describe products with the OpenAI SDK."""
from __future__ import annotations

import os

import pandas as pd
from openai import OpenAI

# deepseek-chat is plenty for short catalogue copy.  # fix: none
ENRICH_MODEL = "deepseek-chat"  # fix: safe

client = OpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url="https://api.deepseek.com")


def categorize(title: str) -> str:
    resp = client.chat.completions.create(
        model=ENRICH_MODEL,
        messages=[{"role": "user", "content": f"Google product category for: {title}"}],
        max_tokens=30,
    )
    return (resp.choices[0].message.content or "").strip()


def describe(row: pd.Series) -> str:
    resp = client.chat.completions.create(
        model=ENRICH_MODEL,
        messages=[{"role": "user", "content": f"Two-sentence description of {row['brand']} {row['model']}"}],
        temperature=0.8,
    )
    return resp.choices[0].message.content or ""


def safety_notes(row: pd.Series) -> str:
    """Only for regulated categories; uses the reasoner for careful wording."""
    resp = client.chat.completions.create(
        model="deepseek-reasoner",  # fix: safe
        messages=[{"role": "user", "content": f"Regulatory notes for {row['category']}: {row['title']}"}],
    )
    return resp.choices[0].message.content or ""


def enrich(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["category"] = df["title"].map(categorize)
    df["description"] = df.apply(describe, axis=1)
    return df
