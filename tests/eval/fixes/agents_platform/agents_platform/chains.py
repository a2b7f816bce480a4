"""LangChain chains used by the research assistant."""
from __future__ import annotations

import os

from langchain.chat_models import init_chat_model
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_deepseek import ChatDeepSeek
from langchain_openai import ChatOpenAI

prompt = ChatPromptTemplate.from_messages([("system", "You are a research assistant."), ("human", "{question}")])

fast_llm = ChatDeepSeek(model="deepseek-chat", temperature=0, max_retries=2)  # fix: safe
fast_chain = prompt | fast_llm | StrOutputParser()

deep_llm = ChatOpenAI(
    model="deepseek-reasoner",  # fix: safe
    base_url="https://api.deepseek.com",
    api_key=os.environ["DEEPSEEK_API_KEY"],
    timeout=300,
)
deep_chain = prompt | deep_llm | StrOutputParser()

router_llm = init_chat_model("deepseek-chat", model_provider="deepseek", temperature=0)  # fix: safe
planner_llm = init_chat_model("deepseek:deepseek-v4-pro", max_tokens=8000)  # fix: safe

community_llm = ChatOpenAI(
    model="deepseek/deepseek-chat",  # fix: none
    base_url="https://openrouter.ai/api/v1",
    api_key=os.environ.get("OPENROUTER_API_KEY"),
)


class Critic:
    """Second-pass reviewer; exposes the reasoning trace when the model has one."""

    def __init__(self) -> None:
        self.llm = ChatDeepSeek(model="deepseek-reasoner", temperature=0.6)  # fix: manual

    def review(self, draft: str) -> dict:
        msg = self.llm.invoke([("human", f"Critique this draft:\n{draft}")])
        out = {"critique": msg.content}
        if self.llm.model_name == "deepseek-reasoner":  # fix: none
            out["trace"] = msg.additional_kwargs.get("reasoning_content")
        return out
