import asyncio

from openai import AsyncOpenAI

from _common import MESSAGES, MODEL, THINKING, URL


async def main():
    client = AsyncOpenAI(api_key="sk-x", base_url=URL)
    resp = await client.chat.completions.create(
        model=MODEL,
        messages=MESSAGES,
        extra_body={"thinking": THINKING},
    )
    assert resp.choices[0].message.content
    await client.close()


asyncio.run(main())
