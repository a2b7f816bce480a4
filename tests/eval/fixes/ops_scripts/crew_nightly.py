#!/usr/bin/env python
"""Nightly competitor digest (cron: 02:15 UTC). Written against CrewAI 0.86."""
import os
from datetime import date

from crewai import LLM, Agent, Crew, Task

llm = LLM(model="deepseek/deepseek-chat", temperature=0.5, api_key=os.environ["DEEPSEEK_API_KEY"])  # fix: manual

scout = Agent(
    role="Scout",
    goal="Find notable competitor announcements from the last 24 hours",
    backstory="A meticulous market analyst.",
    llm=llm,
)
editor = Agent(
    role="Editor",
    goal="Turn findings into a 10-line digest",
    backstory="Former newsletter editor.",
    llm=LLM(model="deepseek/deepseek-reasoner", api_key=os.environ["DEEPSEEK_API_KEY"]),  # fix: manual
)

find = Task(description=f"Competitor news for {date.today()}", expected_output="bullet list", agent=scout)
write = Task(description="Write the digest", expected_output="markdown", agent=editor, output_file="digest.md")

if __name__ == "__main__":
    Crew(agents=[scout, editor], tasks=[find, write]).kickoff()
