"""Tier-1 support agent (pydantic-ai)."""
from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel
from pydantic_ai import Agent, RunContext


@dataclass
class Deps:
    customer_id: str
    plan: str


class Reply(BaseModel):
    text: str
    escalate: bool


support_agent = Agent(
    "deepseek:deepseek-chat",  # fix: safe
    deps_type=Deps,
    output_type=Reply,
    system_prompt="You are a concise, polite support agent for Acme Cloud.",
    retries=2,
)

billing_agent = Agent(
    "deepseek:deepseek-reasoner",  # fix: safe
    deps_type=Deps,
    model_settings={"temperature": 0.2, "max_tokens": 4000},
    instructions="Resolve billing disputes. Cite invoice line items.",
)

sla_agent = Agent("deepseek:deepseek-v4-flash", model_settings={"extra_body": {"thinking": {"type": "disabled"}}})  # fix: none


@support_agent.tool
async def plan_details(ctx: RunContext[Deps]) -> str:
    return f"customer {ctx.deps.customer_id} is on {ctx.deps.plan}"


async def handle(message: str, deps: Deps) -> Reply:
    result = await support_agent.run(message, deps=deps)
    return result.output
