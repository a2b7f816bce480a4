"""DSM002: a retired model ID is the value of a model setting in a config file."""

from __future__ import annotations

from typing import Iterator

from migrator.checks.base import FileContext, Invalid, Rule, retirement_status
from migrator.checks.thinking import renaming_starts_thinking
from migrator.exposure import exposure_at
from migrator.facts import PROVIDER_FOREIGN, ROLE_MODEL, ConfigFacts, ConfigSite
from migrator.findings import Edit, Finding, Fix


class RetiredModelIdInConfig(Rule):
    """A retired model ID is the value of a model setting in a config file.

    What it finds: ``deepseek-chat`` or ``deepseek-reasoner`` (also with the
    ``deepseek/`` or ``deepseek:`` prefix) as the whole value of a key that
    selects a model, in ``.env`` and ``.env.*`` files, YAML, TOML, JSON or
    JSONC, and INI or ``.cfg`` files: ``DEEPSEEK_MODEL=deepseek-chat``,
    ``model_name: deepseek-chat`` in an agent's YAML, ``model = "..."`` in a
    TOML table, and items of a list of models tried in turn
    (``fallbacks``). The keys are data in the rule pack (``[config]``).

    Not findings: commented-out lines; values that are prose; values whose
    requests go elsewhere (a ``base_url`` or ``provider`` beside the key
    that is not DeepSeek, a section or key named for another provider such
    as ``openrouter:`` or ``OPENROUTER_MODEL``); recorded HTTP cassettes;
    replies and model listings (a mapping with ``choices``, ``usage`` or
    ``object``); datasets (a list of many records). A key that names an
    entry of a registry (``- name: deepseek-chat``, LiteLLM's
    ``model_name`` alias) is knowledge, reported as DSM003.

    Why it matters: a config value fails at the deadline just like a
    literal in code: the program reads it and sends it. V4 models think by
    default, so the new value alone changes behaviour: ``deepseek-chat``
    ran without thinking, ``deepseek-reasoner`` with it.

    Example:

        DEEPSEEK_MODEL=deepseek-chat

    becomes

        DEEPSEEK_MODEL=deepseek-v4-flash

    and the code that sends requests with it sets thinking disabled.

    Fix safety: unsafe. Only the value's characters change (quotes,
    comments, key order and every other byte are kept), but a config file
    cannot carry the thinking switch: the message names the Python lines
    that read the variable, when the run saw them, or says that thinking
    must be set where the request is made.
    """

    code = "DSM002"
    name = "retired-model-id-in-config"
    fix_safety = "unsafe"
    default_severity = "error"
    EXAMPLE_FILE = "config.yaml"

    VALID = (
        "# model: deepseek-chat\nmodel: deepseek-v4-flash\n",
        "description: we used deepseek-chat before\n",
        "openrouter:\n  model: deepseek/deepseek-chat\n",
        "llm:\n  base_url: https://openrouter.ai/api/v1\n  model: deepseek-chat\n",
        "id: chatcmpl-1\nobject: chat.completion\nmodel: deepseek-chat\nchoices: []\n",
    )
    INVALID = (
        Invalid("model: deepseek-chat\n", 1, 8),
        Invalid("agents:\n  writer:\n    llm:\n      model_name: 'deepseek-reasoner'\n", 4, 20),
        Invalid("router:\n  fallbacks: [deepseek-chat]\n", 2, 15),
        Invalid("llm:\n  provider: deepseek\n  model: deepseek/deepseek-chat\n", 3, 19),
    )

    def check_config(self, facts: ConfigFacts, context: FileContext) -> Iterator[Finding]:
        for site in facts.sites:
            if site.role != ROLE_MODEL or site.provider == PROVIDER_FOREIGN:
                continue
            legacy = context.catalog.legacy[site.legacy_ids[0]]
            decision = context.decide_tier(legacy.id, (site.span.line,), False, "")
            mode = legacy.thinking
            status = retirement_status(context, legacy, f'"{site.prefix}{legacy.id}"')
            step = self._toggle_step(site, mode, context)
            message = f'{status} Use "{site.prefix}{decision.target}" in `{site.key}`; {step}.'
            fix = None
            if site.editable:
                edits = (Edit(site.span, decision.target),) if context.with_edits else ()
                fix = Fix("unsafe", f'Use "{site.prefix}{decision.target}"; then {step}', edits)
            yield self.finding(
                context,
                site.span,
                exposure_at(context.clock, legacy.retired_at).severity,
                message,
                legacy_id=legacy.id,
                tier=decision,
                fix=fix,
                exposed=True,
                subject=(context.project_path, ""),
                silent_thinking=renaming_starts_thinking(context.catalog, legacy),
            )

    @staticmethod
    def _toggle_step(site: ConfigSite, mode: str | None, context: FileContext) -> str:
        """Where the thinking switch must go, since the file cannot hold it."""
        if mode is None:
            return "check the requests that read it"
        readers = context.env_readers.get(site.env_key or "", ()) if site.env_key else ()
        if readers:
            shown = ", ".join(readers[:3]) + (f" and {len(readers) - 3} more" if len(readers) > 3 else "")
            return f"set thinking {mode} on the requests made with it (read at {shown})"
        return f"set thinking {mode} where the requests that read it are made (a config file cannot hold the switch)"
