"""Keeps a per-user monthly budget using LiteLLM's bundled price map."""
from __future__ import annotations

import litellm


def estimate_cost(prompt_tokens: int, completion_tokens: int) -> float:
    info = litellm.model_cost["deepseek/deepseek-chat"]  # fix: none
    return prompt_tokens * info["input_cost_per_token"] + completion_tokens * info["output_cost_per_token"]


def cheap_rewrite(text: str) -> str:
    # The estimate above uses the legacy price row on purpose until finance signs off.
    resp = litellm.completion(
        model="deepseek/deepseek-chat",  # fix: safe
        messages=[{"role": "user", "content": f"Shorten:\n{text}"}],
        max_tokens=300,
    )
    return resp.choices[0].message.content


def context_window(model: str = "deepseek/deepseek-reasoner") -> int:  # fix: none
    return litellm.get_model_info(model)["max_input_tokens"]
