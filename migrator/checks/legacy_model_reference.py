"""DSM003: code that knows a retired ID by name and will stop matching after migration."""

from __future__ import annotations

from typing import Iterator

from migrator.checks.base import FileContext, Invalid, Rule
from migrator.checks.test_inputs import asserted_in_a_test, drives_a_test, echoed_by_a_test
from migrator.facts import (
    KIND_REGEX,
    OFFERED_LISTING,
    PROVIDER_FOREIGN,
    REGEX_NOT_RUN,
    MODEL_LIST_TEXT,
    ROLE_REFERENCE,
    ConfigFacts,
    ModelSite,
    PythonFacts,
)
from migrator.findings import Finding, Fix


class LegacyModelReference(Rule):
    """A retired model ID is used as knowledge: compared, listed, looked up or matched.

    What it finds: a retired ID (``deepseek-chat``, ``deepseek-reasoner``)
    in a comparison (``==``, ``!=``, ``in``), an argument of ``startswith`` /
    ``endswith`` and similar, a ``match`` case, a key of a capability, price
    or context-window table, a member of an allow-list, set or tuple, a
    ``Literal[...]`` member, a regular expression that matches the retired
    ID but none of its successors, an exact ID passed to a function that
    does not make a request (``get_capabilities("deepseek-chat")``, a test
    of such a function), a name built from it (``f"deepseek-chat-{tag}"``),
    a setting's text compared with what spells it (``"MODEL=deepseek-chat"
    in env_text``), a reply's ``model_name=`` inside an assertion, a value
    in a record an assertion compares (``self.assertEqual(status,
    {"model_name": "deepseek-chat"})``; not a call's input inside it), an ID
    a test of doubles hands to the project's function whose answer an
    assertion checks (``assert thinking_by_default("deepseek/deepseek-chat")
    is False`` with LiteLLM stubbed), a pair that is a dictionary key
    (``{("deepseek", "deepseek-chat"): price}``), the model column of rows a
    loop only looks up, a local variable the function only compares, looks
    up, logs or formats into a message (``model = cfg.get("model",
    "deepseek-chat")`` then ``if model not in VALID``), a parameter's
    default the body only compares with literal text, tests or logs
    (``def send_message(self, prompt, model="deepseek-chat")`` reading it
    only as ``"search" in model.lower()``; not when a decorator, ``locals()``
    or ``inspect.signature`` may read the defaults),
    a registry's qualified name of it (``"deepseek::deepseek-chat"``),
    a member of a catalogue offered for choice that nothing in the file
    sends (``available_models = [...]`` only compared, printed, offered as
    ``choices=`` or returned by ``list_models()``), the ``name=`` of a class that
    describes a model (``LLMModelInfo(name=...)``), the ``id``, ``name`` or
    ``model`` of a registry entry that says what the model can do or costs
    (``ModelDef(id=..., context=64_000, supports_tools=True)``,
    ``{"name": ..., "context_length": 65536}``), an entry of the model
    listing a ``list_models()`` returns (outside test modules and doubles, and unless a request here
    sends the key it holds the ID under), the first argument of such
    a class (``ModelInfo("deepseek-chat", ...)``), mock assertions, the
    input of a test that sends nothing when the test does not assert it back
    (``CustomModel(name="deepseek-reasoner")`` then ``assert
    model.max_tokens == 4000``: the behaviour tested depends on the name),
    and the input a test of doubles, or one that sends nothing, asserts back
    (``DeepSeekProvider(model="deepseek-chat")`` then ``assert
    provider.litellm_model() == "deepseek/deepseek-chat"``: the input and
    its assertion are one case, to be changed together), also when a helper
    or fixture of the tests builds it and the tests that use it assert it
    back, and a literal named as expected data that only assertions read
    and compare, whole or by a literal key (``expected = {"model":
    "deepseek-chat"}`` then ``assert actual == expected`` or ``assert
    expected["model"] == "deepseek-chat"``), and a delimited list of model
    names (``os.getenv("MODELS", "deepseek-v4-pro,deepseek-chat")``): no
    API takes it as a model, so code splits it to offer, allow or try them.
    In config files: a key that names a registry entry (``- name:
    deepseek-chat``, LiteLLM's ``model_name`` alias above its
    ``litellm_params.model``) and members of a list of known models.

    Why it matters: this code does not send a request, so it does not fail
    at the deadline. It silently stops matching once requests use the V4
    IDs: a price table misses, a capability check says "no", a router falls
    through to its default.

    Example:

        if model == "deepseek-reasoner":
            show_reasoning = True

    should also know the successor:

        if model in ("deepseek-reasoner", "deepseek-v4-flash"):
            show_reasoning = True

    Fix safety: display-only. The message says which V4 ID to add beside
    the retired one; what the table or branch should say for V4 is a
    decision for the code's owner.
    """

    code = "DSM003"
    name = "legacy-model-reference"
    fix_safety = "display-only"

    VALID = (
        'client.chat.completions.create(model="deepseek-chat")\n',
        'if model == "deepseek-v4-flash":\n    pass\n',
        'PATTERN = re.compile(r"^deepseek-.*$")\n',
        '"""Compare with deepseek-chat."""\n',
        'log.info("deepseek-chat")\n',
        'print(f"using deepseek-chat for {task}")\n',
        'class LLMStub(LLM):\n    @property\n    def _llm_type(self):\n        return "deepseek-chat"\n',
    )
    INVALID = (
        Invalid('if model == "deepseek-reasoner":\n    pass\n', 1, 13),
        Invalid('PRICES = {"deepseek-chat": 0.27, "deepseek-v4-flash": 0.28}\n', 1, 11),
        Invalid('ALLOWED = {"deepseek-chat", "deepseek-reasoner"}\n', 1, 12),
        Invalid('ModelName = Literal["deepseek-chat", "deepseek-reasoner"]\n', 1, 21),
        Invalid('REASONER = re.compile(r"^deepseek-(chat|reasoner)$")\n', 1, 23),
        Invalid('match name:\n    case "deepseek-chat":\n        pass\n', 2, 10),
        Invalid('caps = get_capabilities("deepseek-chat")\n', 1, 25),
        Invalid('name = f"deepseek-reasoner-{suffix}"\n', 1, 8),
        Invalid('if name.startswith("deepseek-reasoner"):\n    pass\n', 1, 20),
        Invalid('available_models = ["deepseek-chat", "gpt-4o"]\n', 1, 21),
        Invalid('SPECS = [LLMModelInfo(name="deepseek-reasoner", context=131072)]\n', 1, 28),
        Invalid('deepseek_chat = ModelInfo("deepseek-chat", "Good at conversation", "llm")\n', 1, 27),
        Invalid(
            "from dataclasses import dataclass\n@dataclass\nclass ModelInfo:\n    model_id: str\n"
            "    context_length: int\nMODELS = [ModelInfo(\"deepseek-chat\", 64000)]\n",
            6, 21,
        ),
        Invalid('REGISTRY = [ModelDef(id="deepseek-chat", context=64_000, supports_tools=True)]\n', 1, 25),
        Invalid('MODELS = [{"name": "deepseek-reasoner", "context_length": 65536}]\n', 1, 20),
    )

    def check_config(self, facts: ConfigFacts, context: FileContext) -> Iterator[Finding]:
        for site in facts.sites:
            if site.role != ROLE_REFERENCE or site.provider == PROVIDER_FOREIGN:
                continue
            decision = context.decide_tier(site.legacy_ids[0], (site.span.line,), False, "")
            target = f'"{site.prefix}{decision.target}"'
            message = (
                f'"{site.value.strip()}" is named here as knowledge ({site.context}): once requests use {target}, '
                f"the code that looks this entry up stops finding it. Add {target} beside it."
            )
            fix = Fix("display-only", f'add {target} beside "{site.value.strip()}"')
            yield self.finding(context, site.span, "warning", message, legacy_id=site.legacy_id, tier=decision, fix=fix)

    def check_python(self, facts: PythonFacts, context: FileContext) -> Iterator[Finding]:
        for site in facts.sites:
            if drives_a_test(site, context) or asserted_in_a_test(site, context):
                yield self._test_input(site, context)
                continue
            if echoed_by_a_test(site, context):
                yield self._echoed_input(site, context)
                continue
            if site.role != ROLE_REFERENCE:
                continue
            if OFFERED_LISTING in site.context and context.test_module:
                continue  # a double's listing (a conftest's InMemoryClient.list_models()): test data
            decisions = [
                context.decide_tier(legacy_id, (site.span.line, site.statement_line), False, site.function)
                for legacy_id in site.legacy_ids
            ]
            targets = ", ".join(dict.fromkeys(f'"{decision.target}"' for decision in decisions))
            named = " and ".join(f'"{legacy_id}"' for legacy_id in site.legacy_ids)
            if site.kind == KIND_REGEX and site.context == REGEX_NOT_RUN:
                message = (
                    f"This regular expression names {named}; it was not run, because its repetitions could "
                    f"backtrack for a long time. Once requests use {targets}, check that it matches them too."
                )
                fix = Fix("display-only", f"make the pattern match {targets}")
            elif site.kind == KIND_REGEX:
                message = (
                    f"This regular expression matches {named} but none of the V4 IDs: once requests use "
                    f"{targets}, it stops matching. Extend it to match {targets}."
                )
                fix = Fix("display-only", f"extend the pattern to match {targets}")
            elif site.context == MODEL_LIST_TEXT:
                message = (
                    f"This list of model names holds {named}: code that splits it offers, allows or tries its "
                    f"names. Where a request sends a name from it, replace {named} with {targets}; where the "
                    f"names are only offered or checked, add {targets}."
                )
                fix = Fix("display-only", f"review each use of the list: replace {named} with {targets} where it is sent")
            else:
                verb = "are" if len(site.legacy_ids) > 1 else "is"
                message = (
                    f"{named} {verb} used here as knowledge ({site.context}): once requests use {targets}, "
                    f"this code stops matching. Add {targets} beside it."
                )
                fix = Fix("display-only", f"add {targets} beside {named}")
            yield self.finding(
                context,
                site.span,
                "warning",
                message,
                legacy_id=site.legacy_id,
                tier=decisions[0] if len(decisions) == 1 else None,
                fix=fix,
            )

    def _echoed_input(self, site: ModelSite, context: FileContext) -> Finding:
        decision = context.decide_tier(site.legacy_ids[0], (site.span.line, site.statement_line), False, site.function)
        target = f'"{site.prefix}{decision.target}"'
        message = (
            f'"{site.value}" is the input of a test that runs against doubles or sends nothing, and the test asserts '
            f"it back: the input and its assertion are one case. When the code under test moves to {target}, "
            "change them together."
        )
        fix = Fix("display-only", f"change the test input and its assertion together to {target}")
        return self.finding(context, site.span, "warning", message, legacy_id=site.legacy_id, tier=decision, fix=fix)

    def _test_input(self, site: ModelSite, context: FileContext) -> Finding:
        decision = context.decide_tier(site.legacy_ids[0], (site.span.line, site.statement_line), False, site.function)
        thinking = context.catalog.legacy[site.legacy_ids[0]].thinking
        target = f'"{site.prefix}{decision.target}"' + (f" with thinking {thinking}" if thinking else "")
        message = (
            f'"{site.value}" is the input of a test that sends nothing and checks behaviour that depends on '
            f"the name: once requests use {target}, that behaviour must hold for it too. Add a case for it."
        )
        fix = Fix("display-only", f"add a test case for {target}")
        return self.finding(context, site.span, "warning", message, legacy_id=site.legacy_id, tier=decision, fix=fix)
