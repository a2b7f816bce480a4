"""Code completion for the /code command: FIM and chat prefix completion (beta endpoint)."""
from __future__ import annotations

from .llm import beta_client


def fill_in_middle(prefix: str, suffix: str) -> str:
    resp = beta_client.completions.create(
        model="deepseek-chat",  # fix: safe
        prompt=prefix,
        suffix=suffix,
        max_tokens=256,
    )
    return resp.choices[0].text


def continue_code(question: str, language: str = "python") -> str:
    resp = beta_client.chat.completions.create(
        model="deepseek-chat",  # fix: safe
        messages=[
            {"role": "user", "content": question},
            {"role": "assistant", "content": f"```{language}\n", "prefix": True},
        ],
        stop=["```"],
    )
    return resp.choices[0].message.content or ""
