"""Bank-support agent built with pydantic-ai."""
from __future__ import annotations

import os
from dataclasses import dataclass

from pydantic import BaseModel, Field
from pydantic_ai import Agent, RunContext
from pydantic_ai.models.openai import OpenAIChatModel, OpenAIModel
from pydantic_ai.providers.deepseek import DeepSeekProvider  # label: other-provider
from pydantic_ai.providers.openai import OpenAIProvider

TRIAGE_MODEL = os.getenv("TRIAGE_MODEL", "deepseek:deepseek-chat")  # label: config


class FakeDB:
    async def balance(self, customer_id: int, include_pending: bool) -> float:
        return 123.45 if include_pending else 100.0


@dataclass
class SupportDeps:
    customer_id: int
    db: FakeDB


class SupportOutput(BaseModel):
    advice: str = Field(description="Advice returned to the customer")
    block_card: bool
    risk: int = Field(ge=0, le=10)


support_agent = Agent(
    "deepseek:deepseek-chat",  # label: request
    deps_type=SupportDeps,
    output_type=SupportOutput,
    system_prompt="You are a support agent in our bank.",
    retries=2,
)

legacy_model = OpenAIModel(
    "deepseek-chat",  # label: request
    provider=DeepSeekProvider(api_key=os.environ["DEEPSEEK_API_KEY"]),  # label: other-provider
)

reasoning_model = OpenAIChatModel(
    "deepseek-reasoner",  # label: request
    provider=OpenAIProvider(
        base_url="https://api.deepseek.com",  # label: other-provider
        api_key=os.environ["DEEPSEEK_API_KEY"],  # label: other-provider
    ),
)

next_gen_model = OpenAIChatModel("deepseek-v4-flash", provider="deepseek")  # label: other-provider

triage_agent = Agent(TRIAGE_MODEL, output_type=str, instructions="Answer with one word: billing or cards.")
review_agent = Agent(reasoning_model, instructions="Double-check the risk score.")
summary_agent = Agent(legacy_model, instructions="Summarize the conversation for the case file.")


@support_agent.tool
async def customer_balance(ctx: RunContext[SupportDeps], include_pending: bool) -> float:
    """Return the customer's current account balance."""
    return await ctx.deps.db.balance(ctx.deps.customer_id, include_pending)


async def handle(question: str, customer_id: int) -> SupportOutput:
    deps = SupportDeps(customer_id=customer_id, db=FakeDB())
    route = await triage_agent.run(question)
    if route.output.strip().lower() == "cards":
        result = await support_agent.run(
            question,
            deps=deps,
            model="deepseek:deepseek-reasoner",  # label: request
        )
    else:
        result = await support_agent.run(question, deps=deps)
    return result.output
