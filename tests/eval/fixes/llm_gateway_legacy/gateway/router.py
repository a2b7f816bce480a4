"""LiteLLM Router: callers ask for a public alias, the router picks a deployment."""
from __future__ import annotations

import os

from litellm import Router

model_list = [
    {
        "model_name": "deepseek-chat",  # fix: none
        "litellm_params": {
            "model": "deepseek/deepseek-chat",  # fix: manual
            "api_key": os.environ.get("DEEPSEEK_API_KEY"),
            "rpm": 600,
        },
    },
    {
        "model_name": "deepseek-reasoner",  # fix: none
        "litellm_params": {
            "model": "deepseek/deepseek-reasoner",  # fix: manual
            "api_key": os.environ.get("DEEPSEEK_API_KEY"),
            "rpm": 120,
        },
    },
]

router = Router(
    model_list=model_list,
    redis_host=os.environ.get("REDIS_HOST"),
    redis_port=int(os.environ.get("REDIS_PORT", "6379")),
    routing_strategy="usage-based-routing-v2",
    num_retries=2,
)


async def chat(messages: list[dict], deep: bool = False) -> str:
    resp = await router.acompletion(
        model="deepseek-reasoner" if deep else "deepseek-chat",  # fix: manual
        messages=messages,
    )
    return resp.choices[0].message.content


def quick(messages: list[dict]) -> str:
    return router.completion(model="deepseek-chat", messages=messages).choices[0].message.content  # fix: manual
