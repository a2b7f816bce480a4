"""DSM001: a retired model ID selects the model of a request."""

from __future__ import annotations

from typing import Iterator

from migrator.catalog import LegacyModel
from migrator.checks.base import FileContext, Invalid, Rule, retirement_status
from migrator.checks.safety import (
    downgraded,
    knowledge_by_id,
    knowledge_doubts,
    request_doubts,
    value_collision,
)
from migrator.checks.test_inputs import is_test_input
from migrator.checks.thinking import explicit_thinking, renaming_starts_thinking
from migrator.checks.tier_hints import tier_hints
from migrator.exposure import exposure_at
from migrator.facts import (
    KIND_LITERAL,
    KIND_SYMBOL,
    ROLE_MODEL,
    ModelSite,
    PythonFacts,
    RequestContext,
    RequestSite,
    Use,
)
from migrator.findings import Finding, Fix, Related, Span, TierDecision
from migrator.textscan import TextHit


class RetiredModelId(Rule):
    """A retired model ID is used as the model of a request.

    What it finds: a string that is exactly a retired ID (``deepseek-chat``,
    ``deepseek-reasoner``, also with the DeepSeek provider prefixes
    ``deepseek/`` and ``deepseek:``), or a symbol that stands for one (camel's
    ``ModelType.DEEPSEEK_CHAT``), where it selects a model: a ``model=`` (or
    ``model_name=``, ``id=`` ...) argument of an SDK request or a framework
    client (OpenAI, Anthropic, LangChain, LiteLLM, CrewAI, DSPy, pydantic-ai,
    LlamaIndex, agno, AutoGen, camel), the first argument of a model factory
    (``init_chat_model``, ``dspy.LM``, pydantic-ai ``Agent``), the ``"model"``
    key of a raw HTTP payload, a module constant, class attribute, Enum
    member, dataclass or pydantic field default, parameter default,
    ``os.getenv`` default, the default a settings reader is given with a
    model setting's key (``env.str("DEEPSEEK_MODEL", "deepseek-chat")``), the
    ID a call is given last after model settings' keys when its answer is
    named for a model (``model_value = pick(model, "LLM_MODEL",
    "DEEPSEEK_MODEL", "deepseek-chat")``), an ID in a ``dict(...)`` record
    that names DeepSeek's API URL (OpenCompass's ``path=``; not its ``abbr=``
    label), a fallback such as ``cfg.model or "deepseek-chat"`` (also
    inside ``str(...)``), or a member of a list named for models tried in
    turn (``FALLBACK_CHAIN``, ``model_candidates``) that code here reads
    beyond comparing it, or picks a member of by index for a name a request
    here sends, even when it also compares it (``if i + 1 <
    len(model_candidates): model = model_candidates[i + 1]``, then
    ``body["model"] = model``); any other list of models counts the same way
    when a literal index picks the member (``if model not in
    self.supported_models: model = self.supported_models[0]``). The
    records a listing function returns count when a request here sends the key
    they hold the ID under (``create(model=self.list_models()[0]["id"])``),
    and so do a table's entries whose field a request here sends, also
    through a property of its class (``"model": self.model_name``, where
    ``model_name`` returns ``MODELS[self.tier]["name"]``).
    The project's own wrappers count too: a
    provider-qualified ID passed to any call (``MyAgent("deepseek:deepseek-chat")``),
    and a positional ID when the callee or another argument says DeepSeek
    (``LLM("deepseek", "deepseek-chat")``) or the callee is defined in the
    same file with a model-like parameter at that position, or one its own
    body hands to an SDK request as the model (also a method of the file's
    class: ``helper.go(q, "deepseek-chat")``), judged as if written at that
    request (its provider decides).

    Data about models is not a finding: the ``model_name=`` of a response,
    usage or message object (also fakes of them), API documentation
    examples (``example=``, ``json_schema_extra``), the ``model_info=``
    AutoGen's ``OpenAIChatCompletionClient`` is given (its ``"name"`` is
    never sent), written inline or bound to a function's local name first,
    records of a model
    listing (``{"id": ..., "object": "model"}``, unless a function named for
    listing models returns it: that is knowledge), the values of a web
    handler's reply (``JsonResponse({"model": ...})``, ``jsonify``), and constants or Enum
    members whose own name or class name says another host (``GROQ_DEEPSEEK_CHAT``,
    ``class OpenRouterLLM``).
    Neither is test code that sends nothing: a call under a patched client
    (``with patch("app.llm.OpenAI")``, ``@patch``, ``mocker.patch``) or an
    HTTP mock (``@respx.mock``, ``httpx.MockTransport``), a call other than an
    SDK request inside ``pytest.raises``, a request a ``test_*`` function makes
    with a key that does not look live (``api_key="test_key"``,
    ``SecretStr("test_key")``, or one it sets in the environment; every key
    the test gives must be such a literal, in every binding of its name, and
    none is set again later; a live mark, or module code that runs the test,
    makes it a demo's request), or one made after pointing a DeepSeek or SDK base URL in the
    environment at another server (``DEEPSEEK_MOCK_URL=http://localhost:8000``),
    and what a mock returns
    (``return_value=``). So is an object whose transport the same function
    always replaces by a mock (``llm._client = MagicMock()``), and a
    ``parametrize`` value the test hands only to calls under a patch or an
    expected error, and an object the test builds with the ID and an empty
    key and then uses only where it expects an error about the API key
    (``llm = DeepSeekLLM(api_key="", model=...)``, then ``llm.chat(...)``
    inside ``pytest.raises(ValueError, match="API key not set")``). In a
    test module (by the project's layout), an ID that a test building its
    own doubles (a patched client, ``MagicMock``, a ``Fake*`` class, a
    stubbed ``sys.modules`` entry, an HTTP mock, its own server on this
    machine that a model API's client is pointed at) hands to the project's
    own code, or to a helper method of its class, is test input, unless the module shows a live test (a mark such as
    ``@pytest.mark.integration``, a key read from the environment); an SDK
    request or a posted body the test writes itself, or a call of another
    library, stays a finding. The ID of a test that sends nothing at all is
    test input too: the test asserts something, shows no live sign, makes
    no call named for sending, calls nothing it holds, and hands what it
    built to no other code (``llm = LLM(model="deepseek-chat")`` then
    ``assert llm.model == "deepseek-chat"``), whichever library it builds.

    An ``"openai"`` provider (camel's ``model_platform="openai"``,
    ``init_chat_model(..., model_provider="openai")``) in a module that sets
    ``OPENAI_BASE_URL`` or ``OPENAI_API_BASE`` to DeepSeek's API is a
    request to DeepSeek; its fix is unsafe (the switch was verified with
    each library's DeepSeek provider). A widget's options are requests when
    its pick is (``model = st.selectbox(..., options=[...])``, or the options
    given positionally, ``st.sidebar.selectbox("Model", [...])``, sent as
    ``model=model``). So is a list handed to a function of the module that
    loops over it and returns the member it accepts, when the pick is
    returned, sent or bound to a name a request reads
    (``preferred = find_first(["deepseek-reasoner"])``).

    Requests that go to another provider are not findings: a client whose
    ``base_url`` (resolved within the module) is OpenRouter, Azure, a local
    server, a host reserved for examples (``example.com``, ``*.test``) and so
    on, any other server a written base URL names (a relay such as
    ``http://45.77.10.20:3000/v1``), an ``openrouter/`` model string, a
    ``provider=`` or class that names another provider, a call of the
    ``ollama`` module, and a function or class of the module whose every use
    of the model it is handed is the model of such a request
    (``SambaModel("deepseek-chat")`` that stores it on ``self`` and only sends
    it through a SambaNova client; not when the object or the value is handed
    on, read elsewhere, or put in a body). When the base URL is not visible (an environment
    variable, an injected client) the ID is still a finding; for a relay
    whose URL names DeepSeek (``https://deepseek.relay.example.io/v1``) it
    is a finding whose fix is unsafe. A pack's ``deepseek-hosts`` adds a
    team's own relay to DeepSeek. A base URL setting named for DeepSeek
    (``settings.DEEPSEEK_BASE_URL``) counts as DeepSeek's.

    Why it matters: DeepSeek retired both aliases on 2026-07-24 15:59 UTC.
    Every request that names them fails. Their successors think by default,
    so a plain rename silently turns thinking on for ``deepseek-chat`` code:
    more latency, more output tokens. ``deepseek-chat`` ran without
    thinking, ``deepseek-reasoner`` with it, and FIM completion only works
    without it.

    Example:

        client.chat.completions.create(model="deepseek-chat", messages=msgs)

    becomes

        client.chat.completions.create(model="deepseek-v4-flash", messages=msgs, extra_body={"thinking": {"type": "disabled"}})

    The target comes from the site's tier (``default-tier``, ``tier-rules``
    or an inline ``# deepseek-migrate: tier=pro``); Flash is the default
    because both aliases served it. Provider prefixes and quote style are
    kept.

    Across modules: a constant, class attribute, Enum member, settings field
    or parameter default is followed into every module that imports it
    (absolute and relative imports, aliases, ``module.NAME``,
    ``Model.FAST.value``, ``settings.answer_model``,
    ``get_settings().answer_model``). The finding lists the requests it
    reaches and the places that compare it (JSON ``related``). A call that
    relies on a retired default (``ChatRequest(messages=m)`` whose ``model``
    field defaults to ``deepseek-chat``) is reported at the call too.

    Fix safety: safe where the value is written at a request whose thinking
    switch the rule pack knows and has verified against the real library
    (OpenAI and Anthropic SDK calls, request bodies posted by an HTTP
    client, LangChain, LiteLLM, CrewAI, DSPy, pydantic-ai ``Agent``, agno,
    camel, autogen, LlamaIndex): the ID is replaced and the mode that
    preserves today's behaviour is written there (merged into a literal
    ``extra_body``). Unsafe, with the reason, where:

    - the switch cannot be placed with certainty (an ``extra_body`` held in
      a variable, an unverified library, a symbol such as
      ``ModelType.DEEPSEEK_CHAT``);
    - a definition (constant, attribute, default) is read by anything but
      requests of a known shape that need one mode: a comparison, a value
      handed on to code the analysis cannot follow, a re-export, an
      environment variable that can replace it, callers that pass their own
      model (both retired IDs: one switch cannot serve both). When every
      reader is such a request, the fix is safe and writes the switch at
      each of them, in whatever module they are, all files or none;
    - the project's dependency files allow a library release older than the
      oldest one verified to send the switch;
    - the file compares or looks up the same ID, or the name that holds it
      (the lines are listed);
    - a body sits in a test module or is posted to a URL that is not visibly
      DeepSeek's;
    - a reasoner request with tools sits in a file that drops
      ``reasoning_content`` from the history.

    No fix at all where the new value would equal another member of its
    Enum or another key of its dict (Python would make them aliases).
    """

    code = "DSM001"
    name = "retired-model-id"
    fix_safety = "safe / unsafe"
    default_severity = "error"

    VALID = (
        '"""Talks to deepseek-chat (prose is not a request)."""\n',
        "# model='deepseek-chat' in a comment\nmodel = 'deepseek-v4-flash'\n",
        'client.chat.completions.create(model="deepseek-v4-flash", messages=[])\n',
        'completion(model="openrouter/deepseek/deepseek-chat", messages=[])\n',
        'name = "deepseek-ai/DeepSeek-V3"\n',
        'track("MODEL_SWITCHED", "DEFAULT_MODEL", "deepseek-chat")\n',
        'cfg = dict(path="deepseek-chat", openai_api_base="http://localhost:8000/v1")\n',
        'cfg = dict(abbr="deepseek-chat", path="deepseek-v4-flash", openai_api_base="https://api.deepseek.com/v1")\n',
        'log.info("switching away from deepseek-chat")\n',
        'class ChatResponse:\n    def __init__(self, text, model="deepseek-chat"):\n        self.model = model\n',
        'from openai import OpenAI\nc = OpenAI(base_url="https://openrouter.ai/api/v1")\n'
        'c.chat.completions.create(model="deepseek/deepseek-chat", messages=[])\n',
        'MODEL = "deepseek-chat"\nllm = ChatOpenAI(model=MODEL, base_url="http://localhost:8000/v1")\n',
        'lm = dspy.LM("openai/deepseek-chat")\n',
        'reply = ChatResponse(model_name="deepseek-chat", text="hi")\n',
        'model: str = Field(..., example="deepseek-reasoner")\n',
        'LISTING = [{"id": "deepseek-chat", "object": "model", "owned_by": "deepseek"}]\n',
        'GROQ_DEEPSEEK_CHAT = "deepseek-chat"\n',
        'def client():\n    info = {"name": "deepseek-chat", "vision": False, "function_calling": True}\n'
        '    return OpenAIChatCompletionClient(model="deepseek-v4-flash", model_info=info)\n',
        'def test_reason():\n    with patch("app.llm.OpenAI"):\n        Reasoner(model_id="deepseek-chat").reason("hi")\n',
        'def test_bind():\n    llm = ChatDeepSeek(model="deepseek-chat", api_key="test_key")\n',
        'def test_bind():\n    llm = ChatDeepSeek(model="deepseek-chat", api_key=SecretStr("test_key"))\n'
        '    assert llm.bind_tools([]) is not None\n',
        'from openai import OpenAI\nclass Samba:\n    def __init__(self, model):\n        self.model = model\n'
        '        self.client = OpenAI(base_url="https://api.sambanova.ai/v1")\n'
        '    def run(self, q):\n        return self.client.chat.completions.create(model=self.model, messages=[])\n'
        'Samba("deepseek-chat").run("hi")\n',
    )
    INVALID = (
        Invalid('client.chat.completions.create(model="deepseek-chat", messages=[])\n', 1, 38),
        Invalid(
            'from dataclasses import dataclass\n@dataclass\nclass Ask:\n    model: str = "deepseek-chat"\n'
            "    def send(self):\n        return client.chat.completions.create(model=self.model)\nAsk().send()\n",
            4, 18,
        ),
        Invalid('MODEL = "deepseek-reasoner"\n', 1, 9),
        Invalid('payload = {"model": "deepseek-chat", "messages": []}\n', 1, 21),
        Invalid('import os\nMODEL = os.getenv("LLM_MODEL", "deepseek-chat")\n', 2, 32),
        Invalid('def ask(q, model="deepseek-reasoner"):\n    pass\n', 1, 18),
        Invalid('from enum import Enum\nclass M(str, Enum):\n    CHAT = "deepseek-chat"\n', 3, 12),
        Invalid('anthropic_client.messages.create(model="deepseek:deepseek-chat", max_tokens=9)\n', 1, 40),
        Invalid('agent = MyAgent("deepseek:deepseek-chat")\n', 1, 17),
        Invalid('llm = LLM("deepseek", "deepseek-reasoner")\n', 1, 23),
        Invalid('def make_client(model):\n    pass\nclient = make_client("deepseek-chat")\n', 3, 22),
        Invalid('lm = dspy.LM("openai/deepseek-chat", api_base="https://api.deepseek.com")\n', 1, 14),
        Invalid('model_value = pick(model, "LLM_MODEL", "DEEPSEEK_MODEL", "deepseek-chat")\n', 1, 58),
        Invalid('cfg = dict(path="deepseek-reasoner", openai_api_base="https://api.deepseek.com/v1")\n', 1, 17),
        Invalid('LLM = dict(name="deepseek-chat", base_url="https://api.deepseek.com", api_key=KEY)\n', 1, 17),
        Invalid(
            'TIERS = {"low": {"name": "deepseek-chat", "cost_per_1k": 0.0}}\n'
            "class Tiered:\n    @property\n    def model_name(self):\n        return TIERS[self.tier][\"name\"]\n"
            '    def ask(self):\n        return httpx.post("https://api.deepseek.com/chat/completions",'
            ' json={"model": self.model_name, "messages": []})\n',
            1, 26,
        ),
        Invalid(
            "class ModelSpec:\n    def __init__(self, model):\n        self.model = model\n"
            "    def complete(self, prompt):\n"
            "        return client.chat.completions.create(model=self.model, messages=[])\n"
            'spec = ModelSpec("deepseek-chat")\n',
            6, 18,
        ),
        Invalid(
            'from openai import OpenAI\nclass Samba:\n    def __init__(self, model):\n        self.model = model\n'
            '        self.client = OpenAI(base_url="https://api.sambanova.ai/v1")\n'
            '    def run(self, q):\n        return self.client.chat.completions.create(model=self.model, messages=[])\n'
            'evaluate(Samba("deepseek-chat"))\n',
            8, 16,
        ),
        Invalid(
            "m = ModelFactory.create(model_platform=ModelPlatformType.DEEPSEEK,\n"
            "                        model_type=ModelType.DEEPSEEK_REASONER)\n",
            2,
            36,
        ),
    )

    def check_python(self, facts: PythonFacts, context: FileContext) -> Iterator[Finding]:
        knowledge = knowledge_by_id(facts)
        owned: dict[str, bool] = {}  # callee origin -> the project holds it (looked up once per file)
        for site in facts.sites:
            if site.role != ROLE_MODEL or site.kind not in (KIND_LITERAL, KIND_SYMBOL) or not site.reaches_deepseek:
                continue
            if is_test_input(site, context, owned):
                continue
            legacy = context.catalog.legacy[site.legacy_ids[0]]
            request = site.request
            decision = context.decide_tier(
                legacy.id,
                (site.span.line, site.statement_line),
                request.uses_tools if request else False,
                site.function,
            )
            # The target keeps the provider prefix: it is what replaces the value.
            decision = decision._replace(target=site.prefix + decision.target)
            mode = _thinking_mode(legacy, request)
            shown = site.value if site.kind == KIND_SYMBOL else f'"{site.value}"'
            message = self._message(context, legacy, shown, decision, mode, request)
            if request is not None and request.uses_tools and decision.reason == "default" and len(context.tiers.targets) > 1:
                message += (
                    " It passes tools: DeepSeek positions its larger model for multi-step tool use"
                    " (opt in with a tier rule such as uses-tools = true)."
                )
            fix = self._fix(context, site, decision.target, mode)
            collision = value_collision(context, site, decision.target)
            if collision is not None:
                fix, message = None, f"{message} Not fixed: {collision}."
            elif fix is not None:
                doubts = knowledge_doubts(site, knowledge)
                if site.request is not None and fix.applicability == "safe":
                    doubts += request_doubts(context, site.request, facts, mode)
                fix = downgraded(fix, doubts)
            finding = self._finding(context, site.span, legacy, decision, message)
            request_site = _request_site(site.request, facts)
            yield finding._replace(
                fix=fix, related=_related(context, site, knowledge), subject=(context.project_path, site.function),
                silent_thinking=renaming_starts_thinking(context.catalog, legacy)
                and (site.request is None or site.request.requires_thinking is None)  # FIM runs without thinking
                and (request_site is None or explicit_thinking(request_site) is None),
                hints=tier_hints(context.catalog, context.project_path, site.function, site.request, request_site),
            )

        yield from self._default_calls(facts, context)

    def _default_calls(self, facts: PythonFacts, context: FileContext) -> Iterator[Finding]:
        """Calls that rely on a retired default written elsewhere: review must see every request that changes."""
        selecting = {
            site.span.line for site in facts.sites
            if site.role == ROLE_MODEL and site.kind == KIND_LITERAL and site.reaches_deepseek
        }
        for call in facts.default_calls:
            path, _, line = call.defined_at.rpartition(":")
            if call.passed or (path == context.display_path and int(line or 0) not in selecting):
                continue  # this module's own default, and it is not a DeepSeek request's model
            if call.legacy_id not in context.catalog.legacy:
                continue
            legacy = context.catalog.legacy[call.legacy_id]
            decision = context.decide_tier(legacy.id, (call.span.line,), False, "")
            status = retirement_status(context, legacy, f'"{legacy.id}"')
            message = (
                f"{call.callee}() relies on its default model, set at {call.defined_at}: {status} "
                f'Migrating it there ("{decision.target}") changes this call too.'
            )
            finding = self._finding(context, call.span, legacy, decision, message)
            related = (Related(path, int(line or 1), 1, "definition"),) if path else ()
            # Its tokens count for the cost view; its thinking is counted where the default is written.
            yield finding._replace(related=related, subject=(context.project_path, ""))

    def check_unparsed(self, hits: list[TextHit], context: FileContext) -> Iterator[Finding]:
        for hit in hits:
            if hit.prefix in context.catalog.routed_prefixes:
                continue  # needs a visible DeepSeek base URL, which a text scan cannot see
            legacy = context.catalog.legacy[hit.legacy_id]
            decision = context.decide_tier(hit.legacy_id, (hit.span.line,), False, "")
            decision = decision._replace(target=hit.prefix + decision.target)
            message = self._message(context, legacy, f'"{hit.value}"', decision, legacy.thinking, None)
            message += " (found by a text scan: the code around it could not be analyzed)"
            finding = self._finding(context, hit.span, legacy, decision, message)
            yield finding._replace(subject=(context.project_path, ""), silent_thinking=renaming_starts_thinking(context.catalog, legacy))

    def _finding(
        self, context: FileContext, span: Span, legacy: LegacyModel, decision: TierDecision, message: str
    ) -> Finding:
        severity = exposure_at(context.clock, legacy.retired_at).severity
        return self.finding(context, span, severity, message, legacy_id=legacy.id, tier=decision, exposed=True)

    def _message(
        self,
        context: FileContext,
        legacy: LegacyModel,
        shown: str,
        decision: TierDecision,
        mode: str | None,
        request: RequestContext | None,
    ) -> str:
        names = shown if shown.startswith('"') else f'{shown} ("{legacy.id}")'
        status = retirement_status(context, legacy, names)
        advice = f' Use "{decision.target}"'
        if mode is None:
            return status + advice + "."
        advice += f" with thinking {mode}"
        if request is not None and request.toggle is not None:
            return status + advice + ": " + request.toggle.spelled(mode) + "."
        return status + advice + ", set where the request is made."

    def _fix(self, context: FileContext, site: ModelSite, target: str, mode: str | None) -> Fix | None:
        """Replace the value; write the thinking mode at the request when that is certain."""
        handles = site.handles
        if handles is None:
            return None
        from migrator import codemods  # libcst is loaded whenever there are sites

        request = site.request
        toggle = request.toggle if request else None
        if handles.request_node is not None:
            arguments = (
                handles.request_node, handles.node, site.value, target, None if site.conditional else toggle, mode,
                handles.quote,
            )
            if context.with_edits:
                rewrite = codemods.rewrite_request(*arguments)
                edits = self.edits(context, handles, handles.request_node, rewrite.updated)
                placed = rewrite.toggle_placed
            else:  # a report without edits needs only to know whether the toggle fits
                edits, placed = (), codemods.toggle_fits(*arguments)
            done = f'Use "{target}"' + (f" with {toggle.spelled(mode)}" if toggle and mode else "")
            if placed and site.kind == KIND_LITERAL:
                return Fix("safe", done, edits, handles.request_span)
            if placed:
                return Fix("unsafe", done + f" (check that {site.value} accepts a plain model ID)", edits, handles.request_span)
            step = _manual_step(request, mode)
            if site.conditional:
                step += " for this branch only (the value is one side of a choice)"
            return Fix("unsafe", f'Use "{target}"; then {step}', edits, handles.request_span)
        replaced = codemods.rewrite_value(handles.node, site.value, target, handles.quote)
        edits = self.edits(context, handles, handles.node, replaced)
        description = f'Use "{target}"; then {_manual_step(request, mode)}'
        if request is None:  # say where the trail ends, so that a person knows where to look
            description += f" (no request reading it was found: it is a {site.context})"
        return Fix("unsafe", description, edits)


def _related(context: FileContext, site: ModelSite, knowledge: dict[str, list[Use]]) -> tuple[Related, ...]:
    """The request the value reaches (when it is not written there) and the lines that know the same ID."""
    places = []
    request = site.request
    if request is not None and request.line and (site.handles is None or site.handles.request_node is None):
        places.append(Related(context.display_path, request.line, request.column or 1, "request"))
    uses = {*site.uses, *(use for legacy_id in site.legacy_ids for use in knowledge.get(legacy_id, ()))}
    for use in sorted(uses, key=lambda use: (use.line, use.column)):
        if use.line != site.span.line:
            places.append(Related(context.display_path, use.line, use.column, "comparison"))
    return tuple(dict.fromkeys(places))


def _request_site(request: RequestContext | None, facts: PythonFacts) -> RequestSite | None:
    """The request a value reaches, with the settings it passes (None: no request the module shows)."""
    if request is None:
        return None
    return next((item for item in facts.requests if item.request == request), None)


def _thinking_mode(legacy: LegacyModel, request: RequestContext | None) -> str | None:
    """The mode that keeps today's behaviour (FIM works only without thinking)."""
    if request is not None and request.requires_thinking:
        return request.requires_thinking
    return legacy.thinking


def _manual_step(request: RequestContext | None, mode: str | None) -> str:
    """What a person must add by hand when the fix cannot place the toggle."""
    if mode is None:
        return "check the requests that use it"
    if request is None:
        return f"set thinking {mode} on every request that uses it"
    where = f"{request.callee}() on line {request.line}"
    if request.toggle is not None:
        return f"add {request.toggle.spelled(mode)} to {where}"
    return (
        f"set thinking {mode} on {where} (its switch is not in the rule pack: a library's is set where it is "
        "created, the project's own wrapper's where the wrapper makes its request)"
    )
