"""Telegram command handlers."""
from __future__ import annotations

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import ContextTypes

from .llm import aclient

HISTORY_LIMIT = 20


async def chat(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    history = context.chat_data.setdefault("history", [])
    history.append({"role": "user", "content": update.message.text})
    await update.message.chat.send_action(ChatAction.TYPING)
    resp = await aclient.chat.completions.create(
        model="deepseek-chat",  # fix: safe
        messages=[{"role": "system", "content": "You are a helpful Telegram assistant."}, *history[-HISTORY_LIMIT:]],
        temperature=1.3,
    )
    answer = resp.choices[0].message.content or "…"
    history.append({"role": "assistant", "content": answer})
    await update.message.reply_text(answer)


async def think(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    question = " ".join(context.args or [])
    resp = await aclient.chat.completions.create(model="deepseek-reasoner", messages=[{"role": "user", "content": question}])  # fix: safe
    msg = resp.choices[0].message
    await update.message.reply_text(msg.content or "…")


async def translate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    target = context.args[0] if context.args else "English"
    text = update.message.reply_to_message.text if update.message.reply_to_message else ""
    resp = await aclient.chat.completions.create(
        messages=[{"role": "user", "content": f"Translate to {target}:\n{text}"}],
        model="deepseek-chat",  # fix: safe
        max_tokens=1000,
        extra_body={"top_k": 20},
    )
    await update.message.reply_text(resp.choices[0].message.content or "")


async def summarize_chat(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    history = context.chat_data.get("history", [])
    text = "\n".join(f"{m['role']}: {m['content']}" for m in history)
    stream = await aclient.chat.completions.create(
        model="deepseek-v4-flash",  # fix: safe
        messages=[{"role": "user", "content": f"Summarize this chat:\n{text}"}],
        stream=True,
    )
    parts = []
    async for chunk in stream:
        parts.append(chunk.choices[0].delta.content or "")
    await update.message.reply_text("".join(parts))


async def deep_research(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    topic = " ".join(context.args or [])
    resp = await aclient.chat.completions.create(
        model="deepseek-v4-pro",  # fix: safe
        messages=[{"role": "user", "content": f"Write a briefing on: {topic}"}],
        reasoning_effort="high",
    )
    await update.message.reply_text(resp.choices[0].message.content or "")
