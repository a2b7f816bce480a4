"""AutoGen AgentChat team with OpenAI-compatible model clients."""
from __future__ import annotations

import asyncio
import os

from autogen_agentchat.agents import AssistantAgent
from autogen_agentchat.conditions import MaxMessageTermination, TextMentionTermination
from autogen_agentchat.teams import RoundRobinGroupChat
from autogen_agentchat.ui import Console
from autogen_core.models import ModelFamily
from autogen_ext.models.ollama import OllamaChatCompletionClient
from autogen_ext.models.openai import OpenAIChatCompletionClient

chat_client = OpenAIChatCompletionClient(
    model="deepseek-chat",  # label: request
    base_url="https://api.deepseek.com",  # label: other-provider
    api_key=os.environ["DEEPSEEK_API_KEY"],  # label: other-provider
    model_info={
        "vision": False,
        "function_calling": True,
        "json_output": True,
        "family": ModelFamily.UNKNOWN,
        "structured_output": True,
    },
)

# deepseek-reasoner has no function calling, so the reviewer gets no tools.  # label: prose
reasoner_client = OpenAIChatCompletionClient(
    model="deepseek-reasoner",  # label: request
    base_url="https://api.deepseek.com/v1",  # label: other-provider
    api_key=os.environ["DEEPSEEK_API_KEY"],  # label: other-provider
    model_info={
        "vision": False,
        "function_calling": False,
        "json_output": False,
        "family": ModelFamily.R1,
        "structured_output": False,
    },
)

local_client = OllamaChatCompletionClient(
    model="deepseek-r1:7b",  # label: other-provider
    host="http://localhost:11434",
    model_info={"vision": False, "function_calling": False, "json_output": True, "family": ModelFamily.R1, "structured_output": False},
)


async def get_weather(city: str) -> str:
    """Get the weather for a city."""
    return f"The weather in {city} is 23 degrees and sunny."


async def main(task: str, offline: bool = False) -> None:
    coder = AssistantAgent(
        "coder",
        model_client=local_client if offline else chat_client,
        tools=[get_weather],
        reflect_on_tool_use=True,
    )
    reviewer = AssistantAgent(
        "reviewer",
        model_client=reasoner_client,
        system_message="Review the answer. Reply APPROVE when it is correct.",
    )
    termination = TextMentionTermination("APPROVE") | MaxMessageTermination(8)
    team = RoundRobinGroupChat([coder, reviewer], termination_condition=termination)
    try:
        await Console(team.run_stream(task=task))
    finally:
        for client in (chat_client, reasoner_client, local_client):
            await client.close()


if __name__ == "__main__":
    asyncio.run(main("What is the weather in Paris?"))
