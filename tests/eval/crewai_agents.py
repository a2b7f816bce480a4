"""Research crew: a researcher, an analyst and a writer."""
from __future__ import annotations

import os

from crewai import LLM, Agent, Crew, Process, Task
from crewai.tools import tool

AGENT_MODELS = {
    "researcher": "deepseek/deepseek-chat",  # label: config
    "manager": "deepseek/deepseek-reasoner",  # label: config
}

researcher_llm = LLM(model=AGENT_MODELS["researcher"], temperature=0.2)

writer_llm = LLM(
    model="deepseek-chat",  # label: request
    provider="deepseek",  # label: other-provider
    api_key=os.getenv("DEEPSEEK_API_KEY"),  # label: other-provider
    temperature=0.7,
)

manager_llm = LLM(model="deepseek/deepseek-reasoner", max_tokens=8000, timeout=300)  # label: request
reviewer_llm = LLM(model="deepseek/deepseek-chat")  # label: request


@tool("Company filings search")
def search_filings(company: str) -> str:
    """Search recent public filings for a company."""
    return f"Latest annual report summary for {company}"


researcher = Agent(
    role="Senior Researcher",
    goal="Collect facts about {company}",
    backstory="You dig through filings and news.",
    llm=researcher_llm,
    tools=[search_filings],
    max_iter=5,
)

analyst = Agent(
    role="Financial Analyst",
    goal="Turn research into a risk assessment",
    backstory="Former auditor with a sharp eye.",
    llm="deepseek/deepseek-chat",  # label: request
    function_calling_llm="deepseek/deepseek-chat",  # label: request
)

writer = Agent(role="Writer", goal="Write the brief", backstory="Clear and concise.", llm=writer_llm)
reviewer = Agent(role="Reviewer", goal="Fact-check the brief", backstory="Pedantic editor.", llm=reviewer_llm)

research = Task(description="Research {company}", expected_output="Bullet list of facts", agent=researcher)
analysis = Task(description="Assess risks", expected_output="Risk table", agent=analyst, context=[research])
brief = Task(description="Write a one-page brief", expected_output="Markdown brief", agent=writer, context=[analysis])
review = Task(description="Check the brief", expected_output="Corrected brief", agent=reviewer, context=[brief])

# Planning runs on deepseek-reasoner; it is slow, so keep the crew small.  # label: prose
crew = Crew(
    agents=[researcher, analyst, writer, reviewer],
    tasks=[research, analysis, brief, review],
    process=Process.hierarchical,
    manager_llm=LLM(model=AGENT_MODELS["manager"]),
    planning=True,
    planning_llm=manager_llm,
    verbose=True,
)


def tiered_llm(tier: str) -> LLM:
    return LLM(model=f"deepseek/deepseek-{tier}")  # label: dynamic


if __name__ == "__main__":
    result = crew.kickoff(inputs={"company": "ACME Corp"})
    print(result.raw)
