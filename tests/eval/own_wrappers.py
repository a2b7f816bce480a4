"""An app's own wrappers around LLM clients: the model ID travels as an argument."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic_ai import Agent
from myapp.llm import LiteLLMChatClient, MyAgent, init_chat_model, make_llm

from myapp.gateway import GatewayClient


@dataclass
class LLM:
    provider: str
    model_name: str
    temperature: float = 0.2


def make_client(model: str, timeout: float = 30.0) -> "LLM":
    return LLM("deepseek", model)  # label: prose


class Assistant:
    def __init__(self, name: str, model_id: str) -> None:
        self.name = name
        self.model_id = model_id


planner = MyAgent("deepseek:deepseek-reasoner")  # label: request
writer = LiteLLMChatClient("deepseek/deepseek-chat", temperature=0.3)  # label: request
chat = init_chat_model("deepseek:deepseek-chat", temperature=0)  # label: request
critic = Agent("deepseek:deepseek-reasoner", system_prompt="Be strict.")  # label: request

fast = LLM("deepseek", "deepseek-chat")  # label: request
deep = make_client("deepseek-reasoner")  # label: request
helper = Assistant("helper", "deepseek-chat")  # label: request
summarizer = make_llm(provider="deepseek", model="deepseek-chat")  # label: request

routed = LiteLLMChatClient("deepseek/deepseek-chat", api_base="https://openrouter.ai/api/v1")  # label: other-provider
local = GatewayClient("deepseek/deepseek-reasoner", base_url="http://localhost:4000")  # label: other-provider
log_line = print("using deepseek-chat for summaries")  # label: prose

from myapp.factory import ChatClient, build_llm, llm_for
from myapp.budget import context_budget

reviewer = llm_for("deepseek-chat", temperature=0.2)  # label: request
summary_llm = build_llm("deepseek-reasoner")  # label: request
support = ChatClient("deepseek-chat", timeout=5)  # label: request
BUDGET = context_budget("deepseek-reasoner")  # label: reference

MODELS_TO_EVAL = [
    "deepseek-chat",  # label: request
    "deepseek-reasoner",  # label: request
]
SUPPORTED_MODELS = ("deepseek-chat", "deepseek-reasoner")  # label: reference


def run_all(prompt: str) -> list:
    return [make_client(name) for name in MODELS_TO_EVAL]


def check(name: str) -> bool:
    return name in SUPPORTED_MODELS


def generate_response(prompt: str, model: str = "deepseek-chat") -> str:  # label: request
    return LiteLLMChatClient(model).complete(prompt)


answer = generate_response("hi", model="deepseek-reasoner")  # label: request
