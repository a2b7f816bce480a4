import asyncio

from autogen_core.models import UserMessage
from autogen_ext.models.openai import OpenAIChatCompletionClient

from _common import MODEL, THINKING, URL

MODEL_INFO = {"vision": False, "function_calling": True, "json_output": True,
              "family": "unknown", "structured_output": True}


async def main():
    client = OpenAIChatCompletionClient(model=MODEL, base_url=URL, api_key="sk-x", model_info=MODEL_INFO)
    result = await client.create(
        [UserMessage(content="hi", source="user")],
        extra_create_args={"extra_body": {"thinking": THINKING}},
    )
    assert result.content
    await client.close()


asyncio.run(main())
