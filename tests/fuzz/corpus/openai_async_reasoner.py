import asyncio

from openai import AsyncOpenAI

aclient = AsyncOpenAI(base_url="https://api.deepseek.com/v1")


async def solve(problem):
    async with asyncio.timeout(60):
        resp = await aclient.chat.completions.create(model='deepseek-reasoner', messages=[{'role': 'user', 'content': problem}], top_p=0.9, stream=False,)
    return resp.choices[0].message.reasoning_content, resp.choices[0].message.content
