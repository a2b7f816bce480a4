"""DSM103: thinking switches from other stacks, sent to the DeepSeek API."""

from __future__ import annotations

from typing import Iterator

from migrator.catalog import ForeignFlag
from migrator.checks.base import FileContext, Invalid, Rule
from migrator.facts import PythonFacts, RequestSite
from migrator.findings import Finding, Fix


class ForeignThinkingFlag(Rule):
    """A thinking switch the DeepSeek API does not read is sent to it.

    What it finds: switches from other stacks on a request to the DeepSeek
    API: ``enable_thinking`` (Qwen style, as a keyword or inside
    ``extra_body``), ``chat_template_kwargs={"thinking": ...}`` (self-hosted
    vLLM/SGLang templates), Anthropic's ``budget_tokens`` and the Responses
    API's ``reasoning={"effort": ...}`` on a Chat Completions call. The list,
    and how each one is read, are in the rule pack.

    Why it matters: the API ignores them, so the request runs in its default
    mode, usually not the one the code asks for: ``enable_thinking=False`` on
    a V4 model still thinks.

    Example:

        client.chat.completions.create(model="deepseek-v4-flash", messages=m, extra_body={"enable_thinking": False})

    becomes

        client.chat.completions.create(model="deepseek-v4-flash", messages=m, extra_body={"thinking": {"type": "disabled"}})

    Fix safety: safe when the switch's value is a literal: the foreign
    switch is removed and the DeepSeek one written in the right place for
    the request's SDK (an effort level moves to ``reasoning_effort``).
    Unsafe when the switch says nothing about the mode (``budget_tokens``):
    removing it changes nothing at run time but deletes a chosen value. No
    fix when the value is a variable.
    """

    code = "DSM103"
    name = "foreign-thinking-flag"
    fix_safety = "safe / unsafe"

    VALID = (
        'client.chat.completions.create(model="deepseek-v4-flash", extra_body={"thinking": {"type": "disabled"}})\n',
        'OpenAI(base_url="http://localhost:8000/v1").chat.completions.create('
        'model="Qwen/Qwen3-8B", extra_body={"enable_thinking": False})\n',
        'client.responses.create(model="deepseek-v4-pro", reasoning={"effort": "high"})\n',
    )
    INVALID = (
        Invalid('client.chat.completions.create(model="deepseek-v4-flash", extra_body={"enable_thinking": False})\n', 1, 71),
        Invalid(
            'client.chat.completions.create(model="deepseek-reasoner", '
            'extra_body={"chat_template_kwargs": {"thinking": True}})\n',
            1,
            71,
        ),
        Invalid(
            'anthropic_client.messages.create(model="deepseek-v4-pro", max_tokens=9, '
            'thinking={"type": "enabled", "budget_tokens": 2048})\n',
            1,
            102,
        ),
        Invalid('client.chat.completions.create(model="deepseek-v4-pro", reasoning={"effort": "high"})\n', 1, 57),
    )

    def check_python(self, facts: PythonFacts, context: FileContext) -> Iterator[Finding]:
        flags = context.catalog.foreign_flags
        for site in facts.requests:
            for setting in site.settings:
                flag = flags.get(setting.path[-1])
                if flag is None or any(step in flags for step in setting.path[:-1]):
                    continue  # not a foreign switch, or inside one already reported
                if flag.apis and site.request.api not in flag.apis:
                    continue
                mode, effort, readable, read_path = _reading(site, setting.path, flag)
                if site.retired and site.model is not None:
                    # The alias ignored the switch: keep what it ran as (DSM001 writes the same).
                    mode = context.catalog.legacy[site.model].thinking
                toggle = site.request.toggle
                target = toggle.spelled(mode) if toggle is not None and mode else None
                advice = f"use {target}" if target else "remove it"
                if effort:
                    advice += f" and {_effort_spelling(context, site, effort)}"
                what = f" ({flag.note})" if flag.note else ""
                message = f"{setting.path[-1]}{what} is not read by the DeepSeek API: {advice}."
                fix = self._rewrite(context, site, read_path, mode, effort) if readable else None
                yield self.finding(context, setting.span, "warning", message, fix=fix)

    def _rewrite(
        self, context: FileContext, site: RequestSite, path: tuple[str, ...], mode: str | None, effort: str | None
    ) -> Fix | None:
        """Remove the foreign switch and write the DeepSeek one (and the effort level)."""
        handles = site.handles
        toggle = site.request.toggle
        if handles is None:
            return None
        from migrator import codemods

        # Write the DeepSeek switch first, so that it lands in the container the
        # foreign one came from (extra_body stays where it was); then remove.
        updated = handles.request_node
        if mode and toggle is not None:
            updated = codemods.set_toggle(updated, toggle, mode, handles.quote)
        if updated is not None:
            updated = codemods.remove_setting(updated, path)
        fmt = context.catalog.thinking_formats.get(site.request.api or "")
        if updated is not None and effort and fmt and fmt.effort_path:
            updated = codemods.set_value(updated, fmt.effort_path, codemods.string_literal(effort, handles.quote))
        description = "Remove it" + (f" and write {toggle.spelled(mode)}" if toggle and mode else "")
        # Removing a setting the API ignores changes nothing at run time, but it
        # deletes a value someone chose (and may be required by the SDK's types).
        applicability = "safe" if mode or effort else "unsafe"
        return self.request_fix(context, site, updated, applicability, description, writes_toggle=mode is not None)


def _reading(
    site: RequestSite, path: tuple[str, ...], flag: ForeignFlag
) -> tuple[str | None, str | None, bool, tuple[str, ...]]:
    """(thinking mode, effort level, whether the value could be read, what to remove) for one switch.

    For a nested switch only the key that was read goes; its neighbours stay.
    """

    def literal(at: tuple[str, ...]) -> object:
        setting = site.setting(at)
        return setting.value if setting is not None and setting.literal else None

    if flag.reads == "bool":
        value = literal(path)
        if isinstance(value, bool):
            return ("enabled" if value else "disabled"), None, True, path
        return None, None, False, path
    if flag.reads == "nested":
        for key in ("thinking", "enable_thinking"):
            value = literal((*path, key))
            if isinstance(value, bool):
                return ("enabled" if value else "disabled"), None, True, (*path, key)
        return None, None, False, path
    if flag.reads == "effort":
        level = literal((*path, "effort"))
        if not isinstance(level, str):
            return None, None, False, path
        return ("disabled", None, True, path) if level == "none" else ("enabled", level, True, path)
    return None, None, True, path


def _effort_spelling(context: FileContext, site: RequestSite, level: str) -> str:
    fmt = context.catalog.thinking_formats.get(site.request.api or "")
    return fmt.effort.replace("<level>", level) if fmt else f"effort {level}"
