"""HTTP handlers and background jobs."""
from __future__ import annotations

import functools
import logging

import openai
from celery import Celery
from fastapi import FastAPI, Request
from pydantic import BaseModel
from slowapi import Limiter
from slowapi.util import get_remote_address
from tenacity import retry, stop_after_attempt, wait_random_exponential

from .clients import aclient, client
from .tracing import traced

log = logging.getLogger(__name__)
app = FastAPI()
limiter = Limiter(key_func=get_remote_address)
celery_app = Celery("workflows", broker="redis://localhost:6379/0")


class SummarizeIn(BaseModel):
    text: str
    team: str = "default"


@app.post("/v1/summarize")
@limiter.limit("20/minute")
@traced(span="summarize", attributes={"llm.model": "deepseek-chat", "llm.vendor": "deepseek"})  # fix: none
async def summarize(request: Request, body: SummarizeIn) -> dict:
    log.info(f"{f'summarizing for {body.team}':>40}")
    resp = await aclient.chat.completions.create(model="deepseek-chat", messages=[{"role": "user", "content": f"Summarize {f'{len(body.text)} chars'}:\n{body.text}"}])  # fix: safe
    return {"summary": resp.choices[0].message.content}


@celery_app.task(bind=True, max_retries=3, autoretry_for=(openai.APIError,), retry_backoff=True)
def nightly_risk_review(self, contract_text: str) -> str:
    resp = client.chat.completions.create(
        model="deepseek-reasoner",  # fix: safe
        messages=[{"role": "user", "content": f"List legal risks:\n{contract_text}"}],
    )
    return resp.choices[0].message.content or ""


@retry(wait=wait_random_exponential(min=1, max=30), stop=stop_after_attempt(5))
def classify(text: str) -> str:
    with client.chat.completions.with_streaming_response.create(
        model="deepseek-chat",  # fix: safe
        messages=[{"role": "user", "content": f"Label (spam/ham): {text}"}],
        max_tokens=2,
    ) as response:
        completion = response.parse()
    return completion.choices[0].message.content or ""


@functools.cache
def default_model() -> str:
    """Model for ad-hoc jobs; callers pass it to their own requests."""
    return "deepseek-chat"  # fix: manual


def banner(team: str) -> str:
    return f"{f'[{team}] jobs run on deepseek-chat unless overridden':^72}"  # fix: none
