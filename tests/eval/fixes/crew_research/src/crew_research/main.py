#!/usr/bin/env python
import sys
from datetime import date

from .crew import ResearchCrew
from .llm_factory import make_llm


def run() -> None:
    inputs = {"topic": sys.argv[1] if len(sys.argv) > 1 else "AI code review tools", "today": str(date.today())}
    ResearchCrew().crew().kickoff(inputs=inputs)


def quick_summary(text: str) -> str:
    llm = make_llm("deepseek/deepseek-reasoner", temperature=0.6)  # fix: manual
    return llm.call([{"role": "user", "content": f"Summarize:\n{text}"}])
