from litellm import acompletion, completion

MODEL = "deepseek/deepseek-chat"


def chat(messages):
    return completion(model=MODEL, messages=messages, temperature=0.7)


async def think(messages):
    return await acompletion(
        messages=messages,
        model="deepseek/deepseek-reasoner",
        reasoning_effort="medium",
    )
