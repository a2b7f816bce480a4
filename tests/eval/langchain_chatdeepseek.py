"""Support-ticket triage chain built with LangChain."""
from __future__ import annotations

from typing import AsyncIterator, Literal

from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.tools import tool
from langchain_deepseek import ChatDeepSeek  # label: other-provider
from pydantic import BaseModel, Field


class Ticket(BaseModel):
    category: Literal["billing", "bug", "feature", "other"]
    urgency: int = Field(ge=1, le=5)
    summary: str


@tool
def lookup_order(order_id: str) -> str:
    """Return the status of an order by id."""
    return f"Order {order_id}: shipped"


llm = ChatDeepSeek(  # label: other-provider
    model="deepseek-chat",  # label: request
    temperature=0,
    max_retries=2,
    timeout=30,
)
reasoner = ChatDeepSeek(model="deepseek-reasoner", temperature=None)  # label: request

prompt = ChatPromptTemplate.from_messages([
    ("system", "Classify the support ticket."),
    ("human", "{ticket}"),
])

triage_chain = prompt | llm.with_structured_output(Ticket)
reply_chain = (
    ChatPromptTemplate.from_template("Draft a polite reply to: {ticket}")
    | llm
    | StrOutputParser()
)
tool_llm = llm.bind_tools([lookup_order])


def escalate(ticket_text: str) -> str:
    # Hard tickets go to deepseek-reasoner, which cannot call tools.  # label: prose
    return reasoner.invoke(f"Analyse the root cause: {ticket_text}").content


def handle(ticket_text: str) -> dict:
    ticket = triage_chain.invoke({"ticket": ticket_text})
    if ticket.urgency >= 4:
        return {"ticket": ticket, "analysis": escalate(ticket_text)}
    ai_msg = tool_llm.invoke(ticket_text)
    return {
        "ticket": ticket,
        "tool_calls": ai_msg.tool_calls,
        "reply": reply_chain.invoke({"ticket": ticket_text}),
    }


def extractor():
    return ChatDeepSeek(model="deepseek-chat").with_structured_output(Ticket, method="json_mode")  # label: request


async def astream_reply(ticket_text: str) -> AsyncIterator[str]:
    fast = ChatDeepSeek(model_name="deepseek-chat", streaming=True)  # label: request
    async for chunk in fast.astream(ticket_text):
        yield chunk.content
