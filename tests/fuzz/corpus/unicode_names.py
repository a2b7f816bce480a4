# -*- coding: utf-8 -*-
from openai import OpenAI

клиент = OpenAI(base_url="https://api.deepseek.com")
模型 = "deepseek-chat"


def 问(内容: str) -> str:
    """Ask 深度求索 — “deepseek-chat” ✓."""
    回答 = клиент.chat.completions.create(model=模型, messages=[{"role": "user", "content": 内容 + " ☃"}])
    return 回答.choices[0].message.content
