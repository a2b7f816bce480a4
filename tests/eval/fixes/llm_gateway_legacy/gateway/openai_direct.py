"""Direct SDK path for the embeddings-free admin tools (bypasses LiteLLM)."""
import os

from openai import OpenAI

_client = OpenAI(api_key=os.environ.get("DEEPSEEK_API_KEY"), base_url="https://api.deepseek.com/v1")


def rewrite_title(title: str) -> str:
    out = _client.chat.completions.create(
        model="deepseek-chat",  # fix: safe
        messages=[{"role": "user", "content": f"Rewrite as a concise ticket title: {title}"}],
        max_tokens=40,
    )
    return out.choices[0].message.content.strip()


def audit_summary(rows: list[str]) -> str:
    params = {
        "model": "deepseek-reasoner",  # fix: safe
        "messages": [{"role": "user", "content": "\n".join(rows)}],
        "max_tokens": 4000,
    }
    out = _client.chat.completions.create(**params)
    return out.choices[0].message.content
