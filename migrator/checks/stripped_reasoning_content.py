"""DSM105: code that drops reasoning_content from the message history."""

from __future__ import annotations

from typing import Iterator

from migrator.checks.base import FileContext, Invalid, Rule
from migrator.facts import ROLE_MODEL, PythonFacts
from migrator.findings import Finding


class StrippedReasoningContent(Rule):
    """Message history loses ``reasoning_content`` in a module that talks to DeepSeek.

    What it finds: ``msg.pop("reasoning_content")``, ``del
    msg["reasoning_content"]``, ``model_dump(exclude={"reasoning_content"})``
    and comprehensions that filter the key out, in a module that sends
    requests to the DeepSeek API.

    Why it matters: code written for the old reasoner stripped the field,
    because sending it back was an error. With V4 thinking plus tool calls
    the reasoning of an assistant turn that made tool calls must be sent
    back; without it the API answers 400. Outside tool use it is ignored,
    so the finding is a warning when the module passes tools and
    information otherwise.

    Example:

        messages.append(reply.model_dump(exclude={"reasoning_content"}))

    becomes

        messages.append(reply.model_dump())

    Fix safety: none: whether a turn made tool calls is decided at run time.
    """

    code = "DSM105"
    name = "stripped-reasoning-content"
    fix_safety = "none"

    VALID = (
        'client.chat.completions.create(model="deepseek-v4-pro", messages=m)\nmessages.append(reply.model_dump())\n',
        'message.pop("reasoning_content", None)\n',  # no DeepSeek request in this module
        'client.chat.completions.create(model="deepseek-v4-pro", messages=m)\nprint(msg["reasoning_content"])\n',
    )
    INVALID = (
        Invalid(
            'client.chat.completions.create(model="deepseek-v4-pro", messages=m, tools=t)\n'
            'message.pop("reasoning_content", None)\n',
            2,
            13,
        ),
        Invalid(
            'client.chat.completions.create(model="deepseek-reasoner", messages=m)\n'
            'history.append(reply.model_dump(exclude={"reasoning_content"}))\n',
            2,
            42,
        ),
        Invalid(
            'client.chat.completions.create(model="deepseek-v4-flash", messages=m)\n'
            'del turn["reasoning_content"]\n',
            2,
            10,
        ),
    )

    def check_python(self, facts: PythonFacts, context: FileContext) -> Iterator[Finding]:
        talks_to_deepseek = bool(facts.requests) or any(
            site.role == ROLE_MODEL and site.reaches_deepseek for site in facts.sites
        )
        if not facts.drops or not talks_to_deepseek:
            return
        uses_tools = any(site.request.uses_tools for site in facts.requests) or any(
            site.request.uses_tools for site in facts.sites if site.request is not None
        )
        field = context.catalog.reasoning_field
        for drop in facts.drops:
            if uses_tools:
                message = (
                    f"{field} is dropped from the history ({drop.how}) in a module that sends tool calls to "
                    f"DeepSeek: with V4 thinking, an assistant turn that made tool calls must carry its "
                    f"{field} back, or the API answers 400."
                )
            else:
                message = (
                    f"{field} is dropped from the history ({drop.how}); harmless without tool calls, but with "
                    f"V4 thinking plus tools it must be sent back."
                )
            yield self.finding(context, drop.span, "warning" if uses_tools else "info", message)
