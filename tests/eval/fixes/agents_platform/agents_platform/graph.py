"""LangGraph research graph: a summarizer node and a drafting node."""
from __future__ import annotations

import os
from typing import TypedDict

from langchain_deepseek import ChatDeepSeek
from langchain_openai import ChatOpenAI
from langgraph.graph import END, START, StateGraph


class State(TypedDict):
    sources: list[str]
    summary: str
    draft: str


summarizer = ChatDeepSeek(model="deepseek-v4-flash", max_tokens=1024)  # fix: safe
drafter = ChatOpenAI(
    model="deepseek-chat",  # fix: safe
    base_url="https://api.deepseek.com/v1",
    api_key=os.environ["DEEPSEEK_API_KEY"],
    streaming=True,
    temperature=0.7,
)


def summarize(state: State) -> dict:
    msg = summarizer.invoke([("human", "Summarize:\n" + "\n\n".join(state["sources"]))])
    return {"summary": msg.content}


def draft(state: State) -> dict:
    msg = drafter.invoke([("human", f"Write a 300-word brief from:\n{state['summary']}")])
    return {"draft": msg.content}


builder = StateGraph(State)
builder.add_node("summarize", summarize)
builder.add_node("draft", draft)
builder.add_edge(START, "summarize")
builder.add_edge("summarize", "draft")
builder.add_edge("draft", END)
graph = builder.compile()
