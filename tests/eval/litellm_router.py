"""LiteLLM router with fallbacks across deployments."""
from __future__ import annotations

import logging
import os

import litellm
from litellm import Router, acompletion, completion

log = logging.getLogger(__name__)
litellm.drop_params = True

MODEL_LIST = [
    {
        "model_name": "fast",
        "litellm_params": {
            "model": "deepseek/deepseek-chat",  # label: config
            "api_key": os.environ.get("DEEPSEEK_API_KEY"),  # label: other-provider
            "rpm": 600,
        },
    },
    {
        "model_name": "reasoning",
        "litellm_params": {
            "model": "deepseek/deepseek-reasoner",  # label: config
            "api_key": os.environ.get("DEEPSEEK_API_KEY"),  # label: other-provider
            "timeout": 300,
        },
    },
    {
        "model_name": "fast-backup",
        "litellm_params": {
            "model": "openrouter/deepseek/deepseek-chat",  # label: other-provider
            "api_key": os.environ.get("OPENROUTER_API_KEY"),
        },
    },
]

router = Router(
    model_list=MODEL_LIST,
    fallbacks=[{"fast": ["fast-backup"]}],
    num_retries=2,
    routing_strategy="simple-shuffle",
)


def routed(prompt: str) -> str:
    resp = router.completion(model="fast", messages=[{"role": "user", "content": prompt}])
    return resp.choices[0].message.content


def direct(prompt: str) -> str:
    resp = completion(model="deepseek/deepseek-chat", messages=[{"role": "user", "content": prompt}], num_retries=3)  # label: request
    return resp.choices[0].message.content


async def reason(prompt: str) -> tuple[str | None, str]:
    resp = await acompletion(
        model="deepseek/deepseek-reasoner",  # label: request
        messages=[{"role": "user", "content": prompt}],
        max_tokens=6000,
    )
    msg = resp.choices[0].message
    return getattr(msg, "reasoning_content", None), msg.content


def explicit_provider(prompt: str):
    return litellm.completion(
        model="deepseek-chat",  # label: request
        custom_llm_provider="deepseek",  # label: other-provider
        api_base="https://api.deepseek.com",  # label: other-provider
        messages=[{"role": "user", "content": prompt}],
        stream=True,
    )


def cost_of(resp) -> float:
    try:
        return litellm.completion_cost(completion_response=resp)
    except Exception:  # noqa: BLE001
        log.debug("no price entry for deepseek/deepseek-chat responses")  # label: prose
        return 0.0


def is_reasoning_response(resp) -> bool:
    return resp.model in ("deepseek-reasoner", "deepseek/deepseek-reasoner")  # label: reference
