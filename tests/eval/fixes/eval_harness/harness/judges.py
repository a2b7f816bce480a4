"""Judge prompts differ per judge model; the request itself is built in runner."""
from __future__ import annotations

JUDGE_PROMPTS = {
    "deepseek-chat": "Reply PASS or FAIL only.",  # fix: none
    "deepseek-reasoner": "Think about edge cases, then reply PASS or FAIL on the last line.",  # fix: none
}

RUBRIC_WEIGHTS: dict[str, float] = {}


def prompt_for(judge_model: str) -> str:
    return JUDGE_PROMPTS.get(judge_model) or JUDGE_PROMPTS["deepseek-chat"]  # fix: none


def careful_prompt() -> str:
    return JUDGE_PROMPTS.get("deepseek-reasoner", "")  # fix: none
