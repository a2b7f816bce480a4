"""DSM102: sampling parameters on a request that runs in thinking mode."""

from __future__ import annotations

from typing import Iterator

from migrator.checks.base import FileContext, Invalid, Rule
from migrator.checks.thinking import effective_thinking
from migrator.facts import PythonFacts, RequestSite
from migrator.findings import Finding, Fix


class IgnoredSamplingParams(Rule):
    """A sampling parameter is set on a request that runs in thinking mode.

    What it finds: ``temperature``, ``top_p``, ``presence_penalty`` or
    ``frequency_penalty`` (the list is in the rule pack) on a request that
    thinks: one to ``deepseek-reasoner``, or to a V4 model with thinking
    enabled or left to the default.

    Why it matters: in thinking mode the API accepts these parameters and
    silently ignores them. They never had an effect on
    ``deepseek-reasoner``; code that relies on them (a deterministic
    ``temperature=0`` for tests, say) does not get what it asks for.

    Example:

        client.chat.completions.create(model="deepseek-reasoner", messages=m, temperature=0)

    becomes, once migrated,

        client.chat.completions.create(model="deepseek-v4-flash", messages=m, extra_body={"thinking": {"type": "enabled"}})

    Fix safety: unsafe. Removing the parameter changes nothing at run time
    today, but it may be there on purpose for a later switch to
    non-thinking mode; a person decides.
    """

    code = "DSM102"
    name = "ignored-sampling-params"
    fix_safety = "unsafe"

    VALID = (
        'client.chat.completions.create(model="deepseek-chat", temperature=0.3)\n',
        'client.chat.completions.create(model="deepseek-v4-flash", temperature=0.3, '
        'extra_body={"thinking": {"type": "disabled"}})\n',
        'OpenAI(base_url="https://openrouter.ai/api/v1").chat.completions.create(model="deepseek-reasoner", top_p=0.9)\n',
    )
    INVALID = (
        Invalid('client.chat.completions.create(model="deepseek-reasoner", messages=m, temperature=0)\n', 1, 71),
        Invalid('client.chat.completions.create(model="deepseek-v4-pro", top_p=0.9)\n', 1, 57),
        Invalid(
            'body = {"model": "deepseek-v4-flash", "thinking": {"type": "enabled"}, "presence_penalty": 1}\n'
            "requests.post(URL, json=body)\n",
            1,
            72,
        ),
    )

    def check_python(self, facts: PythonFacts, context: FileContext) -> Iterator[Finding]:
        ignored = context.catalog.ignored_sampling_params
        for site in facts.requests:
            if effective_thinking(site, context.catalog) != "enabled":
                continue
            for setting in site.settings:
                if len(setting.path) != 1 or setting.path[0] not in ignored:
                    continue
                name = setting.path[0]
                why = (
                    f'"{site.model}" always thinks' if site.retired else "this request runs with thinking enabled"
                )
                message = (
                    f"{name} has no effect: {why}, and in thinking mode the API accepts and ignores "
                    f"{', '.join(ignored)}. Remove it, or disable thinking if the call relies on it."
                )
                yield self.finding(context, setting.span, "warning", message, fix=self._removal(context, site, setting.path))

    def _removal(self, context: FileContext, site: RequestSite, path: tuple[str, ...]) -> Fix | None:
        if site.handles is None:
            return None
        from migrator import codemods

        updated = codemods.remove_setting(site.handles.request_node, path)
        return self.request_fix(context, site, updated, "unsafe", f"Remove {path[-1]}")
