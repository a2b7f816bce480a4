"""Async batch worker that drains a job queue through the chat completions API."""
from __future__ import annotations

import asyncio
import json
import logging
import os
import random
from dataclasses import dataclass, field
from typing import Any

import openai as oa

log = logging.getLogger("worker")

CONCURRENCY = int(os.getenv("WORKER_CONCURRENCY", "8"))


@dataclass
class Job:
    job_id: str
    prompt: str
    reasoning: bool = False
    attempts: int = 0
    result: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


async def run_job(client: oa.AsyncOpenAI, job: Job) -> Job:
    for attempt in range(5):
        job.attempts = attempt + 1
        try:
            if job.reasoning:
                raw = await client.chat.completions.with_raw_response.create(
                    model="deepseek-reasoner",  # label: request
                    messages=[{"role": "user", "content": job.prompt}],
                    max_tokens=8192,
                )
                job.meta["request_id"] = raw.headers.get("x-request-id")
                completion = raw.parse()
            else:
                completion = await client.chat.completions.create(
                    model="deepseek-chat",  # label: request
                    messages=[{"role": "user", "content": job.prompt}],
                    response_format={"type": "json_object"},
                )
            if completion.model != "deepseek-chat" and not job.reasoning:  # label: reference
                log.info("server answered with model %s", completion.model)
            job.result = completion.choices[0].message.content
            return job
        except (oa.RateLimitError, oa.APITimeoutError, oa.APIConnectionError) as exc:
            log.warning("job %s attempt %d failed: %s", job.job_id, job.attempts, exc)
            await asyncio.sleep(min(30.0, 2**attempt) + random.random())
        except oa.BadRequestError as exc:
            job.meta["error"] = str(exc)
            return job
    return job


async def worker(client: oa.AsyncOpenAI, queue: asyncio.Queue[Job], results: list[Job]) -> None:
    while True:
        job = await queue.get()
        try:
            results.append(await run_job(client, job))
        finally:
            queue.task_done()


async def health_check(client: oa.AsyncOpenAI) -> bool:
    try:
        await client.with_options(max_retries=0, timeout=10).chat.completions.create(model="deepseek-chat", messages=[{"role": "user", "content": "ping"}], max_tokens=1)  # label: request
        return True
    except oa.APIError:
        return False


async def main(path: str) -> None:
    client = oa.AsyncOpenAI(max_retries=0, timeout=120)  # key and base URL from OPENAI_* env vars
    if not await health_check(client):
        raise SystemExit("chat API unreachable")
    queue: asyncio.Queue[Job] = asyncio.Queue()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            queue.put_nowait(Job(**json.loads(line)))
    results: list[Job] = []
    tasks = [asyncio.create_task(worker(client, queue, results)) for _ in range(CONCURRENCY)]
    await queue.join()
    for t in tasks:
        t.cancel()
    print(json.dumps([r.__dict__ for r in results], default=str))
