import os

from openai import AsyncOpenAI, OpenAI

DEEPSEEK_KEY = os.environ["DEEPSEEK_API_KEY"]
aclient = AsyncOpenAI(api_key=DEEPSEEK_KEY, base_url="https://api.deepseek.com")
# FIM and chat-prefix completion live on the beta endpoint.
beta_client = OpenAI(api_key=DEEPSEEK_KEY, base_url="https://api.deepseek.com/beta")
