"""Two-agent coding team on AutoGen AgentChat."""
from __future__ import annotations

import os

from autogen_agentchat.agents import AssistantAgent
from autogen_agentchat.conditions import TextMentionTermination
from autogen_agentchat.teams import RoundRobinGroupChat
from autogen_ext.models.openai import OpenAIChatCompletionClient

model_client = OpenAIChatCompletionClient(
    model="deepseek-chat",  # fix: manual
    base_url="https://api.deepseek.com",
    api_key=os.environ["DEEPSEEK_API_KEY"],
    model_info={
        "vision": False,
        "function_calling": True,
        "json_output": True,
        "family": "unknown",
        "structured_output": True,
    },
)

coder = AssistantAgent("coder", model_client=model_client, system_message="Write Python. Reply APPROVE when done.")
reviewer = AssistantAgent("reviewer", model_client=model_client, system_message="Review code strictly.")
team = RoundRobinGroupChat([coder, reviewer], termination_condition=TextMentionTermination("APPROVE"))
