import os

from openai import AsyncOpenAI, OpenAI

BASE_URL = "https://api.deepseek.com"
client = OpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url=BASE_URL)
aclient = AsyncOpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url=BASE_URL)
