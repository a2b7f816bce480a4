"""DSM104: an effort level the API silently remaps."""

from __future__ import annotations

from typing import Iterator

from migrator.checks.base import FileContext, Invalid, Rule
from migrator.facts import PythonFacts, RequestSite
from migrator.findings import Finding, Fix


class LegacyEffortValue(Rule):
    """An effort level is one the API silently turns into another.

    What it finds: ``reasoning_effort`` (OpenAI format, raw HTTP) or
    ``output_config={"effort": ...}`` (Anthropic format) set to a level the
    API remaps: ``low`` and ``medium`` run as ``high``, ``xhigh`` as ``max``,
    ``minimal`` as ``low`` (and so ``high``). The mapping is in the rule pack.

    Why it matters: the code reads as if it asked for less (or more) effort
    than runs. Cost and latency follow the effective level.

    Example:

        client.chat.completions.create(model="deepseek-v4-pro", messages=m, reasoning_effort="low")

    becomes

        client.chat.completions.create(model="deepseek-v4-pro", messages=m, reasoning_effort="high")

    Fix safety: safe: it writes the level that already runs.
    """

    code = "DSM104"
    name = "legacy-effort-value"
    fix_safety = "safe"
    default_severity = "info"

    VALID = (
        'client.chat.completions.create(model="deepseek-v4-pro", reasoning_effort="high")\n',
        'client.chat.completions.create(model="deepseek-v4-pro", reasoning_effort=level)\n',
        'OpenAI(base_url="https://api.openai.com/v1").chat.completions.create(model="deepseek-v4-pro", reasoning_effort="low")\n',
    )
    INVALID = (
        Invalid('client.chat.completions.create(model="deepseek-v4-pro", reasoning_effort="low")\n', 1, 57),
        Invalid(
            'anthropic_client.messages.create(model="deepseek-v4-flash", max_tokens=9, output_config={"effort": "xhigh"})\n',
            1,
            90,
        ),
        Invalid(
            'body = {"model": "deepseek-v4-flash", "reasoning_effort": "medium"}\n'
            "session.post(URL, data=json.dumps(body))\n",
            1,
            39,
        ),
    )

    def check_python(self, facts: PythonFacts, context: FileContext) -> Iterator[Finding]:
        for site in facts.requests:
            api = site.request.api or ""
            fmt = context.catalog.thinking_formats.get(api)
            if fmt is None or not fmt.effort_path:
                continue
            setting = site.setting(fmt.effort_path)
            if setting is None or not setting.literal or not isinstance(setting.value, str):
                continue
            effective = context.catalog.effective_effort(api, setting.value)
            if effective is None or effective == setting.value:
                continue
            message = (
                f'Effort "{setting.value}" is remapped by the API to "{effective}": '
                f'write "{effective}" so the code says what runs.'
            )
            fix = self._retune(context, site, fmt.effort_path, effective)
            yield self.finding(context, setting.span, "info", message, fix=fix)

    def _retune(self, context: FileContext, site: RequestSite, path: tuple[str, ...], level: str) -> Fix | None:
        handles = site.handles
        if handles is None:
            return None
        from migrator import codemods

        literal = codemods.string_literal(level, handles.quote)
        updated = codemods.set_value(handles.request_node, path, literal, overwrite=True)
        return self.request_fix(context, site, updated, "safe", f'Write "{level}"')
