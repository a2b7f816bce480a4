"""Run reports read back from the JSONL the stages write."""
from __future__ import annotations

import pandas as pd

# Rows look like {"stage": "extract", "model": "deepseek-chat", "tokens": 412}.  # fix: none
EXAMPLE_ROW = {"stage": "extract", "model": "deepseek-chat", "tokens": 412, "ok": True}  # fix: none


def tokens_by_model(path: str) -> pd.Series:
    df = pd.read_json(path, lines=True)
    return df.groupby("model")["tokens"].sum()


def reasoner_share(path: str) -> float:
    df = pd.read_json(path, lines=True)
    return float((df["model"] == "deepseek-reasoner").mean())  # fix: none
