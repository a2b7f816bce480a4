"""`ccli ask`: one-shot questions, optionally streamed."""
from __future__ import annotations

import click
from rich.console import Console

from .client import adeepseek, claude, deepseek

console = Console()


def ask_once(question: str, system: str = "Answer briefly.") -> str:
    msg = deepseek.messages.create(
        model="deepseek-chat",  # fix: safe
        max_tokens=1024,
        system=system,
        messages=[{"role": "user", "content": question}],
    )
    return "".join(block.text for block in msg.content if block.type == "text")


def ask_streamed(question: str) -> None:
    with deepseek.messages.stream(
        model="deepseek-reasoner",  # fix: safe
        max_tokens=8192,
        messages=[{"role": "user", "content": question}],
    ) as stream:
        for text in stream.text_stream:
            console.print(text, end="")
    console.print()


async def ask_async(question: str) -> str:
    msg = await adeepseek.messages.create(model="deepseek-v4-flash", max_tokens=2048, messages=[{"role": "user", "content": question}])  # fix: safe
    return msg.content[-1].text


def ask_hard(question: str) -> str:
    msg = deepseek.messages.create(
        model="deepseek-v4-pro",  # fix: none
        max_tokens=16000,
        thinking={"type": "enabled", "budget_tokens": 8000},
        messages=[{"role": "user", "content": question}],
    )
    return msg.content[-1].text


def second_opinion(question: str) -> str:
    msg = claude.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=1024,
        messages=[{"role": "user", "content": question}],
    )
    return msg.content[0].text


@click.command()
@click.argument("question")
@click.option("--stream/--no-stream", default=False)
def ask(question: str, stream: bool) -> None:
    if stream:
        ask_streamed(question)
    else:
        console.print(ask_once(question))
