"""DSM004: a model ID built at run time that can come out as a retired ID."""

from __future__ import annotations

from typing import Iterator

from migrator.catalog import LegacyModel, ToggleSpec
from migrator.checks.base import FileContext, Invalid, Rule, retirement_status
from migrator.exposure import exposure_at
from migrator.facts import KIND_CONDITIONAL, KIND_DYNAMIC, MODEL_LIST_TEXT, ROLE_MODEL, ModelSite, PythonFacts
from migrator.findings import Finding


class DynamicModelId(Rule):
    """A model ID is built at run time and can produce a retired ID.

    What it finds: an f-string, concatenation, ``%`` or ``str.format``
    template that can spell a retired ID (``f"deepseek-{mode}"``), and a
    conditional that picks between the retired IDs
    (``"deepseek-reasoner" if think else "deepseek-chat"``), where the value
    selects a model; and a delimited list of model names
    (``"deepseek-chat,deepseek-v4-pro"``) that a request in the same module
    sends a piece of (``MODELS.split(",")[0]``, a loop over the split).

    Why it matters: the analyzer cannot tell which ID a run will send, but
    some runs send a retired one and fail. The conditional form is the old
    way of switching thinking on and off by model name; V4 has one model
    per tier and a thinking toggle instead.

    Example:

        model = "deepseek-reasoner" if needs_reasoning else "deepseek-chat"
        client.chat.completions.create(model=model, messages=msgs)

    becomes

        client.chat.completions.create(
            model="deepseek-v4-flash",
            messages=msgs,
            extra_body={"thinking": {"type": "enabled" if needs_reasoning else "disabled"}},
        )

    Fix safety: none. The rewrite moves a condition from one argument to
    another, which needs a person to read the surrounding code.
    """

    code = "DSM004"
    name = "dynamic-model-id"
    fix_safety = "none"
    default_severity = "error"

    VALID = (
        'model = f"deepseek-v4-{tier}"\n',
        'ALLOWED = os.getenv("ALLOWED_MODELS", "deepseek-v4-flash,deepseek-chat")\n',
        'print(f"deepseek-{mode}")\n',
        'label = f"Using {model} today"\n',
        'model = "deepseek-v4-pro" if hard else "deepseek-v4-flash"\n',
    )
    INVALID = (
        Invalid('model = f"deepseek-{mode}"\n', 1, 9),
        Invalid('client.chat.completions.create(model="deepseek-" + variant, messages=[])\n', 1, 38),
        Invalid('MODEL = "deepseek-%s" % kind\n', 1, 9),
        Invalid('model = "deepseek-reasoner" if think else "deepseek-chat"\n', 1, 9),
        Invalid('lm = dspy.LM("deepseek/deepseek-{}".format(kind))\n', 1, 14),
        Invalid(
            'MODELS = "deepseek-chat,deepseek-v4-pro"\n'
            'client.chat.completions.create(model=MODELS.split(",")[0], messages=[])\n', 1, 10,
        ),
    )

    def check_python(self, facts: PythonFacts, context: FileContext) -> Iterator[Finding]:
        for site in facts.sites:
            if site.role != ROLE_MODEL or site.kind not in (KIND_DYNAMIC, KIND_CONDITIONAL):
                continue
            if not site.reaches_deepseek:
                continue
            legacy = [context.catalog.legacy[legacy_id] for legacy_id in site.legacy_ids]
            earliest = min(legacy, key=lambda model: model.retired_at)
            named = " or ".join(f'"{model.id}"' for model in legacy)
            same_day = all(model.retired_at == earliest.retired_at for model in legacy)
            if len(legacy) > 1 and same_day:
                status = retirement_status(context, earliest, "Both" if len(legacy) == 2 else "All", plural=True)
            else:
                status = retirement_status(context, earliest, f'"{earliest.id}"')
            decision = context.decide_tier(
                site.legacy_ids,
                (site.span.line, site.statement_line),
                site.request.uses_tools if site.request else False,
                site.function,
            )
            decision = decision._replace(target=site.prefix + decision.target)
            if site.kind == KIND_CONDITIONAL:
                toggle = self._toggle(site.request.toggle if site.request else None)
                message = (
                    f"The thinking switch is written as a choice between model names ({named}). "
                    + status
                    + f' Use "{decision.target}" and choose thinking with the same condition'
                    + (f": {toggle}." if toggle else ".")
                )
            elif site.context.startswith(MODEL_LIST_TEXT):
                message = self._list_message(context, site, legacy, status)
            else:
                message = (
                    f"This model ID is built at run time and can be {named}. "
                    + status
                    + f' Name a V4 model such as "{decision.target}" and set thinking explicitly.'
                )
            yield self.finding(
                context,
                site.span,
                exposure_at(context.clock, earliest.retired_at).severity,
                message,
                legacy_id=site.legacy_id,
                legacy_ids=site.legacy_ids,
                tier=decision,
                exposed=True,
            )

    @staticmethod
    def _list_message(context: FileContext, site: ModelSite, legacy: list[LegacyModel], status: str) -> str:
        """Each retired name of the list with its successor and the thinking mode it ran with."""
        swaps = []
        for model in legacy:
            decision = context.decide_tier(
                (model.id,), (site.span.line, site.statement_line),
                site.request.uses_tools if site.request else False, site.function,
            )
            mode = f" (thinking {model.thinking})" if model.thinking else ""
            swaps.append(f'"{model.id}" with "{site.prefix + decision.target}"{mode}')
        holds = " and ".join(f'"{model.id}"' for model in legacy)
        return (
            f"This list of model names holds {holds}, and a request here sends a name split from it. {status}"
            f" In the list, replace {' and '.join(swaps)}, and set thinking explicitly on the request that sends"
            " it, to match the name it sends."
        )

    @staticmethod
    def _toggle(toggle: ToggleSpec | None) -> str | None:
        """The request's switch with the condition in it."""
        if toggle is None:
            return None
        if toggle.style == "bool":
            return f"{toggle.keyword}=<condition>"
        return toggle.spelled("enabled").replace('"enabled"', '"enabled" if <condition> else "disabled"')
