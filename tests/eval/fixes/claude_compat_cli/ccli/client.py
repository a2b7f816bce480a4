"""Anthropic SDK clients: DeepSeek's Anthropic-compatible endpoint and real Claude."""
import os

import anthropic

DEEPSEEK_ANTHROPIC_URL = "https://api.deepseek.com/anthropic"

deepseek = anthropic.Anthropic(api_key=os.environ["DEEPSEEK_API_KEY"], base_url=DEEPSEEK_ANTHROPIC_URL)
adeepseek = anthropic.AsyncAnthropic(api_key=os.environ["DEEPSEEK_API_KEY"], base_url=DEEPSEEK_ANTHROPIC_URL)
claude = anthropic.Anthropic(api_key=os.environ.get("ANTHROPIC_API_KEY"))
