"""DSM101: a V4 request that leaves the thinking mode to the default."""

from __future__ import annotations

from typing import Iterator

from migrator.checks.base import FileContext, Invalid, Rule
from migrator.checks.thinking import explicit_thinking
from migrator.facts import PythonFacts
from migrator.findings import Finding


class ImplicitThinkingMode(Rule):
    """A request to a V4 model does not say whether it thinks.

    What it finds: a request (OpenAI or Anthropic SDK call, a body posted by
    an HTTP client, or a framework client the rule pack knows) to ``deepseek-v4-flash`` or
    ``deepseek-v4-pro`` with no thinking switch where that request reads it.

    Why it matters: V4 models think by default. Code migrated from
    ``deepseek-chat`` by renaming the model now thinks: more latency, more
    output tokens, a ``reasoning_content`` field in every answer. Writing the
    mode down makes the choice visible in review and keeps it when defaults
    change.

    Example:

        client.chat.completions.create(model="deepseek-v4-flash", messages=msgs)

    becomes

        client.chat.completions.create(model="deepseek-v4-flash", messages=msgs, extra_body={"thinking": {"type": "enabled"}})

    which is what runs today; change it to "disabled" if the call is the old
    ``deepseek-chat`` behaviour. FIM completion, which only works without
    thinking, gets "disabled".

    Fix safety: safe where the model is written at the request (it writes
    the mode that runs today) and the switch is verified for the library
    versions the project allows; a body in a test module or posted to a URL
    that is not visibly DeepSeek's gets an unsafe fix. When the model comes through a name (a
    constant, a parameter) no fix is offered: the name may have stood for
    ``deepseek-chat`` before an automatic rename, and only a person can say
    which mode was meant.
    """

    code = "DSM101"
    name = "implicit-thinking-mode"
    fix_safety = "safe"

    VALID = (
        'client.chat.completions.create(model="deepseek-v4-flash", extra_body={"thinking": {"type": "disabled"}})\n',
        'client.chat.completions.create(model="deepseek-v4-pro", extra_body=EXTRA)\n',
        'client.chat.completions.create(model="deepseek-chat")\n',
        # Data that only looks like a request: compared, never posted.
        'expected = {"model": "deepseek-v4-flash", "messages": []}\nassert build() == expected\n',
        'def fake_create(**kw):\n    return {"model": "deepseek-v4-flash", "choices": []}\n',
        'requests_mock.post(URL, json={"model": "deepseek-v4-flash", "id": "x"})\n',
        'anthropic_client.messages.create(model="deepseek-v4-flash", thinking={"type": "enabled"}, max_tokens=9)\n',
    )
    INVALID = (
        Invalid('client.chat.completions.create(model="deepseek-v4-flash", messages=m)\n', 1, 38),
        Invalid('payload = {"model": "deepseek-v4-pro", "messages": m}\nhttpx.post(URL, json=payload)\n', 1, 21),
        Invalid('anthropic_client.messages.create(model="deepseek-v4-flash", max_tokens=9)\n', 1, 40),
    )

    def check_python(self, facts: PythonFacts, context: FileContext) -> Iterator[Finding]:
        for site in facts.requests:
            toggle = site.request.toggle
            if site.retired or site.model is None or toggle is None or explicit_thinking(site) is not None:
                continue
            if _has_foreign_switch(site, context):
                continue  # DSM103 reports it, and its fix writes the DeepSeek switch
            mode = site.request.requires_thinking or context.catalog.thinking_default
            spelled = toggle.spelled(mode)
            reason = (
                "FIM completion works only without thinking"
                if site.request.requires_thinking
                else f'"{site.model}" thinks by default, so this request runs with thinking {mode}'
            )
            message = f"{reason}. Make the mode explicit: {spelled} (or the opposite, if that is what the code means)."
            fix = None
            handles = site.handles
            if site.model_direct and handles is not None:
                from migrator import codemods

                updated = codemods.set_toggle(handles.request_node, toggle, mode, handles.quote)
                fix = self.request_fix(context, site, updated, "safe", f"Write {spelled}", writes_toggle=True)
            yield self.finding(context, site.model_span or site.span, "warning", message, fix=fix)


def _has_foreign_switch(site, context: FileContext) -> bool:
    """Does the request try to set the mode with another stack's switch?"""
    flags = context.catalog.foreign_flags
    return any(
        step in flags and flags[step].reads != "ignored" for setting in site.settings for step in setting.path
    )
