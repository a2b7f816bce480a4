"""Completion helpers over LiteLLM (provider prefix selects the backend)."""
from __future__ import annotations

import os

import litellm
from litellm import acompletion, completion
from tenacity import retry, stop_after_attempt, wait_exponential

litellm.drop_params = False
os.environ.setdefault("DEEPSEEK_API_KEY", "")


@retry(stop=stop_after_attempt(3), wait=wait_exponential(min=1, max=20))
def extract_entities(text: str) -> str:
    resp = completion(
        model="deepseek/deepseek-chat",  # fix: manual
        messages=[
            {"role": "system", "content": "Extract people, orgs and places as JSON."},
            {"role": "user", "content": text},
        ],
        response_format={"type": "json_object"},
        temperature=0,
    )
    return resp.choices[0].message.content


async def plan_migration(spec: str) -> str:
    resp = await acompletion(model="deepseek/deepseek-reasoner", messages=[{"role": "user", "content": spec}])  # fix: manual
    return resp.choices[0].message.content


def long_context_qa(document: str, question: str) -> str:
    resp = litellm.completion(
        model="deepseek/deepseek-v4-flash",  # fix: manual
        messages=[{"role": "user", "content": f"{document}\n\nQ: {question}"}],
        max_tokens=2048,
    )
    return resp.choices[0].message.content


def community_fallback(prompt: str) -> str:
    resp = completion(
        model="openrouter/deepseek/deepseek-chat",  # fix: none
        messages=[{"role": "user", "content": prompt}],
        api_key=os.environ.get("OPENROUTER_API_KEY"),
    )
    return resp.choices[0].message.content
