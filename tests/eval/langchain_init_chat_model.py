"""Agent wiring with init_chat_model and create_agent."""
from __future__ import annotations

from langchain.agents import create_agent
from langchain.chat_models import init_chat_model
from langchain_core.tools import tool


@tool
def search_docs(query: str) -> str:
    """Search the internal documentation index."""
    return f"3 results for {query!r}"


@tool
def open_ticket(title: str, body: str) -> str:
    """Open a ticket in the issue tracker."""
    return "TICKET-1042"


chat = init_chat_model("deepseek:deepseek-chat", temperature=0)  # label: request

planner = init_chat_model(
    "deepseek-reasoner",  # label: request
    model_provider="deepseek",  # label: other-provider
    max_tokens=8000,
    timeout=120,
)

local = init_chat_model(
    "ollama:deepseek-r1:7b",  # label: other-provider
    base_url="http://localhost:11434",
)

fallback = init_chat_model("openai:gpt-4.1-mini")

agent = create_agent(
    model="deepseek:deepseek-chat",  # label: request
    tools=[search_docs, open_ticket],
    system_prompt="You help engineers find documentation and file tickets.",
)

research_agent = create_agent("deepseek:deepseek-reasoner", tools=[search_docs])  # label: request


def tunable_model():
    return init_chat_model(
        model="deepseek-chat",  # label: request
        model_provider="deepseek",  # label: other-provider
        configurable_fields=("temperature", "max_tokens"),
    )


def run(question: str) -> str:
    result = agent.invoke({"messages": [{"role": "user", "content": question}]})
    return result["messages"][-1].content


def draft_plan(goal: str) -> str:
    robust = planner.with_fallbacks([fallback])
    return robust.invoke(f"Plan the work for: {goal}").content


def offline_answer(question: str) -> str:
    return local.invoke(question).content
