"""Multi-agent finance team built with agno."""
from __future__ import annotations

import os

from agno.agent import Agent
from agno.models.deepseek import DeepSeek  # label: other-provider
from agno.models.openrouter import OpenRouter
from agno.team import Team
from agno.tools.duckduckgo import DuckDuckGoTools
from agno.tools.yfinance import YFinanceTools

FINANCE_MODEL_ID = os.getenv("FINANCE_MODEL_ID", "deepseek-chat")  # label: config

web_agent = Agent(
    name="Web Agent",
    role="Search the web for information",
    model=DeepSeek(id="deepseek-chat"),  # label: request
    tools=[DuckDuckGoTools()],
    instructions="Always include sources.",
    markdown=True,
)

finance_agent = Agent(
    name="Finance Agent",
    role="Get financial data",
    model=DeepSeek(  # label: other-provider
        id=FINANCE_MODEL_ID,
        temperature=0.2,
        max_tokens=2048,
    ),
    tools=[YFinanceTools(stock_price=True, analyst_recommendations=True, company_info=True)],
    instructions="Use tables to display data.",
)

backup_agent = Agent(
    name="Backup Agent",
    model=OpenRouter(id="deepseek/deepseek-chat"),  # label: other-provider
    instructions="Answer when the primary agents fail.",
)

analyst = Agent(
    name="Analyst",
    model=DeepSeek(  # label: other-provider
        id="deepseek-chat",  # label: request
    ),
    reasoning_model=DeepSeek(id="deepseek-reasoner"),  # label: request
    reasoning=True,
)

# The team leader runs on deepseek-reasoner to merge member findings.  # label: prose
team = Team(
    name="Finance Team",
    mode="coordinate",
    model=DeepSeek(id="deepseek-reasoner", max_tokens=8000),  # label: request
    members=[web_agent, finance_agent, analyst],
    instructions=["Combine the members' findings into one report."],
    show_members_responses=True,
    markdown=True,
)


def run(question: str, stream: bool = True) -> None:
    try:
        team.print_response(question, stream=stream)
    except Exception as exc:  # noqa: BLE001
        print(f"team failed ({exc}); using the backup agent")
        backup_agent.print_response(question, stream=stream)


if __name__ == "__main__":
    run("Compare NVDA and AMD analyst ratings this quarter")
