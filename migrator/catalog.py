"""Rule packs: the data that says which model IDs are retired and what replaces them.

The built-in packs ship inside the wheel (``migrator/rules``) and sit at the
top of a source checkout (``rules/``). Users add packs with ``--rules`` or the
``rules`` config key; later packs add legacy IDs and extend vocabularies.
Nothing here knows a DeepSeek fact: it only reads and validates them.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit
from typing import Iterable, NamedTuple, Sequence

from migrator.config_analysis.vocabulary import ConfigVocabulary, ConfigVocabularyBuilder
from migrator.errors import UsageError
from migrator.tomlread import TableReader, load_toml

THINKING_MODES = ("enabled", "disabled")
# What a model ID written into source may look like: fixes put targets into
# string literals, so anything else (quotes, spaces, backslashes) is refused.
MODEL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}")


def check_model_id(value: str) -> str | None:
    """Why ``value`` is not a plausible model ID, or None."""
    if MODEL_ID.fullmatch(value):
        return None
    return f"{value!r} is not a model ID (letters, digits and . _ : / @ + - only, at most 128 characters)"

# Where a request goes, as far as the code shows it.
PROVIDER_DEEPSEEK = "deepseek"
PROVIDER_FOREIGN = "foreign"
PROVIDER_UNKNOWN = "unknown"


class LegacyModel(NamedTuple):
    """A retired model ID, the instant it stopped answering and what it ran as."""

    id: str
    retired_at: dt.datetime
    served: str
    thinking: str | None
    note: str
    pack: str


class ToggleSpec(NamedTuple):
    """Where a request shape reads the thinking switch.

    ``keyword`` is the argument (None: the payload dict itself); ``path`` the
    keys inside its dict down to ``{"type": ...}``; ``style`` "bool" means
    ``keyword=True/False`` instead.
    """

    keyword: str | None
    path: tuple[str, ...] = ()
    style: str = "dict"
    # The library that reads it and how that was verified (conformance/):
    # the oldest version seen to send the switch, every version checked and when.
    library: str | None = None
    # Other distribution names on the same version line (pydantic-ai / pydantic-ai-slim).
    also_published_as: tuple[str, ...] = ()
    since: str | None = None
    verified_with: tuple[str, ...] = ()
    verified_on: dt.date | None = None
    # A setting that also turns thinking off in this library: (path, value).
    off: tuple[tuple[str, ...], str] | None = None
    # Other libraries the switch passes through, with the oldest release verified (DSPy -> LiteLLM).
    needs: tuple[tuple[str, str], ...] = ()

    def spelled(self, mode: str) -> str:
        """The toggle as a person would type it, for messages."""
        if self.style == "bool":
            return f"{self.keyword}={mode == 'enabled'}"
        value = f'{{"type": "{mode}"}}'
        for key in reversed(self.path):
            value = f'{{"{key}": {value}}}'
        if self.keyword is None:
            return value[1:-1] + " in the request body"
        return f"{self.keyword}={value}"


class RequestShape(NamedTuple):
    """A call that sends a model request, matched on its attribute path or qualified name."""

    name: str
    calls: tuple[tuple[str, ...], ...]
    api: str
    requires_thinking: str | None = None
    toggle: ToggleSpec | None = None
    kind: str = "call"  # "payload": a dict literal with a model key, not a call


class ThinkingFormat(NamedTuple):
    """How one API format spells the effort level, and where it stands in a request."""

    effort: str
    effort_path: tuple[str, ...] = ()


class ForeignFlag(NamedTuple):
    """A thinking switch from another stack that the DeepSeek API does not read."""

    name: str
    reads: str
    apis: tuple[str, ...] = ()
    note: str = ""


class Price(NamedTuple):
    model: str
    as_of: dt.date
    input_cache_miss: float
    input_cache_hit: float
    output: float


class TierHints(NamedTuple):
    """What ``--suggest-tiers`` reads in code: DeepSeek's tier guidance as patterns and a threshold."""

    long_output_tokens: int = 0  # 0: not read
    output_limit_keys: tuple[str, ...] = ()
    pro_names: str = ""
    flash_names: str = ""
    tool_feedback: str = ""


class PythonVocabulary(NamedTuple):
    """Names the Python analysis uses to recognise requests and model values."""

    model_keywords: frozenset[str] = frozenset()
    tool_keywords: frozenset[str] = frozenset()
    transparent_attributes: frozenset[str] = frozenset()
    env_default_calls: frozenset[str] = frozenset()
    field_calls: frozenset[str] = frozenset()
    positional_model_calls: frozenset[str] = frozenset()
    base_url_keywords: frozenset[str] = frozenset()
    provider_keywords: frozenset[str] = frozenset()
    url_keywords: frozenset[str] = frozenset()
    payload_keywords: frozenset[str] = frozenset()
    deepseek_callables: frozenset[str] = frozenset()
    foreign_callables: frozenset[str] = frozenset()
    foreign_modules: frozenset[str] = frozenset()  # ollama.chat(...): modules whose calls talk to another server
    reference_methods: frozenset[str] = frozenset()
    regex_calls: frozenset[str] = frozenset()
    metadata_keywords: frozenset[str] = frozenset()
    # OpenAIChatCompletionClient.model_info: a keyword of a client class whose dict only describes the model
    model_description_arguments: frozenset[str] = frozenset()
    reply_calls: frozenset[str] = frozenset()  # jsonify({...}): a web handler's reply
    text_keywords: frozenset[str] = frozenset()  # message=f"...": text for people
    choice_widgets: frozenset[str] = frozenset()  # st.selectbox("Model", [...]): options given positionally
    http_calls: frozenset[str] = frozenset()
    serializer_calls: frozenset[str] = frozenset()
    mock_assertions: frozenset[str] = frozenset()
    prose_calls: frozenset[str] = frozenset()  # print, logging: an ID in their arguments is text
    example_keys: frozenset[str] = frozenset()  # example=, json_schema_extra: documentation, not requests
    listing_keys: frozenset[str] = frozenset()  # {"id": ..., "object": "model"}: a record of GET /models
    result_keys: frozenset[str] = frozenset()  # {"model": ..., "score": 0.8}: a result record
    connection_keywords: frozenset[str] = frozenset()  # api_key=, client=: a client, not a reply
    http_mocks: frozenset[str] = frozenset()  # @respx.mock, with aioresponses(): HTTP intercepted in tests
    http_mock_fixtures: frozenset[str] = frozenset()  # def test_x(httpx_mock): pytest fixtures that intercept HTTP
    local_servers: frozenset[str] = frozenset()  # HTTPServer(("127.0.0.1", 0), Handler): a server the test runs itself
    catalogue_name_keywords: frozenset[str] = frozenset()  # LLMModelInfo(name=...): the keyword naming the entry
    record_label_keywords: frozenset[str] = frozenset()  # dict(abbr=..., openai_api_base=...): a record's label
    choice_keywords: frozenset[str] = frozenset()  # choices=MODELS: a list offered for choice, not sent
    label_functions: frozenset[str] = frozenset()  # def _llm_type(self): return "...": a label, not a model
    base_url_env_vars: frozenset[str] = frozenset()  # os.environ["OPENAI_BASE_URL"] = ...: where "openai" requests go
    live_test_marks: frozenset[str] = frozenset()  # @pytest.mark.integration: a test that really calls the API
    mock_builders: frozenset[str] = frozenset()  # MagicMock(): a call that builds a test double
    request_params_keys: frozenset[str] = frozenset()  # "litellm_params": {...}: a request's parameters
    foreign_name_tokens: frozenset[str] = frozenset()  # GROQ_DEEPSEEK = ...: a name that says another host
    secret_wrappers: frozenset[str] = frozenset()  # api_key=SecretStr("test_key"): the key is the string inside
    api_key_keywords: frozenset[str] = frozenset()  # api_key=, key=: what gives a model API's client its key
    model_keyword_pattern: str = "model"
    response_class_pattern: str = "(?!)"  # ChatResponse(model_name=...): data about a reply
    lookup_name_pattern: str = "(?!)"  # get_capabilities(), estimate_cost(): functions that know about models
    wrapper_name_pattern: str = "(?!)"  # build_llm(), ChatClient(): callees that talk to a model
    model_list_name_pattern: str = "(?!)"  # FALLBACK_CHAIN = [...]: lists of models tried in turn
    data_builder_pattern: str = "(?!)"  # fake_completion(): functions that build test data
    data_name_pattern: str = "(?!)"  # names that say a value is data, never a request
    record_name_pattern: str = "(?!)"  # EXAMPLE_RECORD, demo_rows: data unless posted
    mock_name_pattern: str = "(?!)"  # names that say a client is a test double
    patched_transport_pattern: str = "(?!)"  # patch("app.OpenAI"): patch targets that stop a request going out
    catalogue_class_pattern: str = "(?!)"  # LLMModelInfo(name=...): classes that describe a model
    catalogue_key_pattern: str = "(?!)"  # context_window=, supports_tools=: keys that describe a model
    live_key_pattern: str = "(?!)"  # sk-<32 alphanumerics>: what a live key looks like (test keys do not)
    key_reference_pattern: str = "(?!)"  # "${DEEPSEEK_API_KEY}": a key that names the environment's
    listing_name_pattern: str = "(?!)"  # def list_models(): functions that return the models on offer
    live_key_variable_pattern: str = "(?!)"  # os.getenv("DEEPSEEK_API_KEY"): what a live test reads
    sending_call_pattern: str = ".?"  # llm.invoke(), ask(): calls that may make a request (unknown packs: any call)
    conversion_call_pattern: str = "(?!)"  # transform_request(), request_to_openai(): calls that only reshape data
    inspection_method_pattern: str = "(?!)"  # llm.get_context_window_size(): methods that read what an object holds
    configuring_method_pattern: str = "(?!)"  # llm.bind_tools([Tool]): methods that return a configured copy, unsent
    model_client_pattern: str = "(?!)"  # OpenAI(...), ChatDeepSeek(...): constructors of a model API's client
    setting_read_pattern: str = "(?!)"  # _get_str("DEEPSEEK_MODEL", default): calls that read a setting with a default
    test_file_names: tuple[str, ...] = ()
    test_folders: frozenset[str] = frozenset()
    symbols: dict[str, str] = {}  # never mutated: built whole by the loader
    requests: tuple[RequestShape, ...] = ()

    def payload_shape(self) -> RequestShape | None:
        """The shape that describes raw HTTP payload dicts, if the packs define one."""
        return next((shape for shape in self.requests if shape.kind == "payload"), None)


class Catalog(NamedTuple):
    """Everything the loaded rule packs say, merged in load order."""

    sources: tuple[str, ...]
    legacy: dict[str, LegacyModel]
    targets: dict[str, str]
    extra_needles: tuple[str, ...]
    deepseek_prefixes: tuple[str, ...]
    routed_prefixes: tuple[str, ...]
    deepseek_hosts: tuple[str, ...]
    placeholder_host_words: tuple[str, ...]
    placeholder_host_labels: tuple[str, ...]
    deepseek_provider_names: frozenset[str]
    foreign_provider_names: frozenset[str]
    foreign_prefixes: tuple[str, ...]
    foreign_hosts: tuple[str, ...]
    private_host_suffixes: tuple[str, ...]
    thinking_default: str
    thinking_formats: dict[str, ThinkingFormat]
    ignored_sampling_params: tuple[str, ...]
    foreign_flags: dict[str, ForeignFlag]
    effort: dict[str, dict[str, str]]
    current_models: tuple[str, ...]
    reasoning_field: str
    prices: tuple[Price, ...]
    python: PythonVocabulary = PythonVocabulary()
    tier_hints: TierHints = TierHints()
    config: ConfigVocabulary = ConfigVocabulary()

    def needles(self) -> tuple[bytes, ...]:
        """Byte strings whose presence makes a file worth parsing."""
        words = {*self.legacy, *self.extra_needles}
        words.update(name.rsplit(".", 1)[-1] for name in self.python.symbols)
        # A word that contains another needle adds nothing to the search.
        minimal = {word for word in words if not any(other != word and other in word for other in words)}
        return tuple(sorted(word.encode("utf-8") for word in minimal))

    def id_stems(self) -> tuple[str, ...]:
        """The part of each retired ID up to its last "-" ("deepseek-"), for templates and regexes."""
        stems = {legacy_id[: legacy_id.rfind("-") + 1] for legacy_id in self.legacy if "-" in legacy_id}
        return tuple(sorted(stem for stem in stems if len(stem) >= 4))

    def gate_words(self) -> tuple[str, ...]:
        """Words that make a source worth parsing: IDs old and new, and the reasoning switches."""
        return tuple(sorted({*self.legacy, *self.current_models, *self.foreign_flags, self.reasoning_field}))

    def literal_words(self) -> tuple[str, ...]:
        """Text whose presence in a string literal makes it worth evaluating."""
        return tuple(sorted({*self.legacy, *self.extra_needles, *self.id_stems(), self.reasoning_field}))

    def split_model_string(self, value: str) -> tuple[str, str] | None:
        """Return (provider prefix, legacy ID) when ``value`` names a retired model.

        DeepSeek's own prefixes and the routed ones (which reach DeepSeek only
        through a DeepSeek base URL) count; a look-alike such as
        ``openrouter/deepseek/deepseek-chat`` is a different provider.
        """
        if value in self.legacy:
            return "", value
        for prefix in (*self.deepseek_prefixes, *self.routed_prefixes):
            if value.startswith(prefix) and value[len(prefix):] in self.legacy:
                return prefix, value[len(prefix):]
        return None

    def split_current_model(self, value: str) -> tuple[str, str] | None:
        """(prefix, model ID) when ``value`` names a current (successor) model."""
        for prefix in ("", *self.deepseek_prefixes, *self.routed_prefixes):
            if value.startswith(prefix) and value[len(prefix):] in self.current_models:
                return prefix, value[len(prefix):]
        return None

    def libraries(self) -> frozenset[str]:
        """Normalized names of every library whose toggle the packs verify (the pins worth reading)."""
        names = set()
        for shape in self.python.requests:
            if shape.toggle is not None and shape.toggle.library is not None:
                names.update((shape.toggle.library, *shape.toggle.also_published_as))
                names.update(name for name, _ in shape.toggle.needs)
        return frozenset(re.sub(r"[-_.]+", "-", name).lower() for name in names)

    def effective_effort(self, api: str, level: str) -> str | None:
        """What the API turns a remapped effort level into (None: not remapped)."""
        mapping = self.effort.get(api, {})
        seen = {level}
        value = mapping.get(level)
        while value is not None and value in mapping and value not in seen:
            seen.add(value)
            value = mapping[value]
        return value

    def host_verdict(self, host: str) -> str:
        """'deepseek', 'foreign' (a known other API, a private address or private name), or 'unknown'."""
        host = host.lower().rstrip(".")
        if any(host == known or host.endswith("." + known) for known in self.deepseek_hosts):
            return PROVIDER_DEEPSEEK
        if any(known in host for known in self.foreign_hosts) or _is_private_address(host):
            return PROVIDER_FOREIGN
        if any(host.endswith(suffix) or "." + host == suffix for suffix in self.private_host_suffixes):
            return PROVIDER_FOREIGN
        return PROVIDER_UNKNOWN

    def url_verdict(self, url: str, partial: bool = False) -> str:
        """Where a written base URL sends requests: 'deepseek', 'foreign', or 'unknown'.

        A complete URL naming a server that is not DeepSeek's names another
        server, a relay among them (``http://203.0.113.7:3000/v1``): what it
        does with a model name, the code does not show, so it is not the
        DeepSeek API. 'unknown' (the request may still reach DeepSeek) when
        the URL names DeepSeek (``https://deepseek.relay.example/v1``,
        ``https://gw.corp/deepseek/v1``), when only part of it is written
        (``partial``: the head of an f-string or a sum; ``${TEAM}``
        placeholders), or when the text is no URL (``"chat/completions"``,
        ``"xxx"``). A team whose own relay forwards to DeepSeek lists its
        host in a pack's ``deepseek-hosts``.
        """
        try:
            host = urlsplit(url if "//" in url else "//" + url).hostname
        except ValueError:  # "http://[::1/v1": not a URL Python can read
            return PROVIDER_UNKNOWN
        if not host:
            return PROVIDER_UNKNOWN
        verdict = self.host_verdict(host)
        if verdict != PROVIDER_UNKNOWN:
            return verdict
        if partial or "://" not in url or any(mark in url for mark in ("{", "$", "%(", "<")):
            return PROVIDER_UNKNOWN
        words = [re.sub(r"[-_]", "", word) for word in re.split(r"[./:?=&@#]", url.lower())]
        if any(name in word for word in words for name in self.deepseek_provider_names):
            return PROVIDER_UNKNOWN  # https://deep-seek.relay.corp/v1 names DeepSeek too (deep.seekr.ai does not)
        if self._placeholder_host(url, host):
            return PROVIDER_UNKNOWN  # "https://your-relay-host/v1", "http://HOST:PORT/v1": still to be filled in
        if _HOST_NAME.fullmatch(host) or ":" in host:  # a host name, an IPv4 or an IPv6 address
            return PROVIDER_FOREIGN
        return PROVIDER_UNKNOWN

    def _placeholder_host(self, url: str, host: str) -> bool:
        """A host written as a stand-in: a placeholder word, a label such as ``host`` or ``ip``, a constant's name
        (``API_HOST``), or a port that is not a number (``HOST:PORT``)."""
        parts = urlsplit(url)
        written = parts.netloc.rsplit("@", 1)[-1].split(":")[0]
        try:
            port = parts.port
        except ValueError:  # http://HOST:PORT/v1
            return True
        if port == 0:
            return True
        labels = host.split(".")
        return (
            any(word in host for word in self.placeholder_host_words)
            or any(label in self.placeholder_host_labels for label in labels)
            or written.isupper() and (
                "_" in written or any(part.lower() in self.placeholder_host_labels for part in re.split(r"[-.]", written))
            )  # API_HOST, VLLM-HOST, SERVER-IP (not GPU-01)
        )

    def provider_verdict(self, name: str) -> str | None:
        """Classify a provider name such as "deepseek" or "openrouter"."""
        lowered = name.lower()
        if lowered in self.deepseek_provider_names:
            return PROVIDER_DEEPSEEK
        if lowered in self.foreign_provider_names:
            return PROVIDER_FOREIGN
        return None


# [python] keys that hold lists of names; each becomes a PythonVocabulary field.
_PYTHON_LISTS = (
    "model-keywords", "tool-keywords", "transparent-attributes", "env-default-calls",
    "field-calls", "positional-model-calls", "base-url-keywords", "provider-keywords",
    "url-keywords", "payload-keywords", "deepseek-callables", "foreign-callables", "foreign-modules",
    "reference-methods", "regex-calls", "metadata-keywords", "model-description-arguments", "http-calls", "serializer-calls", "mock-assertions",
    "test-folders", "prose-calls", "example-keys", "listing-keys", "result-keys", "foreign-name-tokens",
    "connection-keywords", "http-mocks", "http-mock-fixtures", "local-servers", "catalogue-name-keywords",
    "record-label-keywords",
    "choice-keywords",
    "label-functions", "base-url-env-vars", "live-test-marks", "mock-builders",
    "request-params-keys", "reply-calls", "text-keywords", "choice-widgets", "secret-wrappers",
    "api-key-keywords",
)
# [python] keys that hold regular expressions.
_PYTHON_PATTERNS = (
    "model-keyword-pattern", "data-name-pattern", "mock-name-pattern", "response-class-pattern", "lookup-name-pattern",
    "wrapper-name-pattern", "data-builder-pattern", "model-list-name-pattern", "record-name-pattern",
    "patched-transport-pattern", "catalogue-class-pattern", "live-key-pattern", "listing-name-pattern",
    "catalogue-key-pattern", "live-key-variable-pattern", "sending-call-pattern", "conversion-call-pattern",
    "inspection-method-pattern", "configuring-method-pattern", "setting-read-pattern", "model-client-pattern",
    "key-reference-pattern",
)


def builtin_rules_dir() -> Path:
    """Where the shipped packs are: inside the wheel, else the source checkout."""
    package_dir = Path(__file__).resolve().parent
    for candidate in (package_dir / "rules", package_dir.parent / "rules"):
        if candidate.is_dir() and any(candidate.glob("*.toml")):
            return candidate
    raise UsageError(f"{package_dir / 'rules'}: built-in rule packs are missing from this installation")


def load_catalog(extra_packs: Sequence[Path] = ()) -> Catalog:
    """Load the built-in packs, then each extra pack in order, and validate them all."""
    builtin = sorted(builtin_rules_dir().glob("*.toml"))
    builder = _CatalogBuilder()
    for path in [*builtin, *extra_packs]:
        if not path.is_file():
            raise UsageError(f"{path}: rule pack not found")
        builder.add(path, load_toml(path))
    return builder.build()


class _CatalogBuilder:
    """Accumulates packs; each ``add`` validates one file completely."""

    def __init__(self) -> None:
        self.sources: list[str] = []
        self.legacy: dict[str, LegacyModel] = {}
        self.targets: dict[str, str] = {}
        self.lists: dict[str, list[str]] = {}
        self.thinking_default = "enabled"
        self.thinking_formats: dict[str, ThinkingFormat] = {}
        self.effort: dict[str, dict[str, str]] = {}
        self.prices: list[Price] = []
        self.python_lists: dict[str, list[str]] = {}
        self.requests: list[RequestShape] = []
        self.request_origins: list[str] = []
        self.symbols: dict[str, str] = {}
        self.patterns: dict[str, str] = {}
        self.test_file_names: list[str] = []
        self.symbol_origins: dict[str, str] = {}
        self.foreign: dict[str, ForeignFlag] = {}
        self.current_models: list[str] = []
        self.reasoning_field = "reasoning_content"
        self.config = ConfigVocabularyBuilder()
        self.tier_hints = TierHints()

    def extend(self, bucket: dict[str, list[str]], key: str, values: Iterable[str]) -> None:
        items = bucket.setdefault(key, [])
        items.extend(value for value in values if value not in items)

    def add(self, path: Path, data: dict) -> None:
        """Validate one pack completely and merge it into what came before."""
        top = TableReader(data, str(path))
        top.reject_unknown(
            ["pack", "legacy", "targets", "models", "providers", "endpoints",
             "thinking", "effort", "prices", "python", "config", "tier-suggestions"]
        )
        pack = top.table("pack")
        pack.reject_unknown(["name", "provider", "description"])
        pack_name = pack.string("name") or path.stem
        self.sources.append(str(path))

        seen: set[str] = set()
        for entry in top.tables("legacy"):
            legacy_id = self.add_legacy(entry, pack_name)
            if legacy_id in seen:
                raise entry.fail("id", f"{legacy_id!r} is defined twice in this pack")
            seen.add(legacy_id)

        targets = top.table("targets")
        for tier in targets.data:
            target = targets.string(tier, required=True) or ""
            problem = check_model_id(target)
            if problem is not None:
                raise targets.fail(tier, problem)
            self.targets[tier] = target

        for entry in top.tables("models"):
            entry.reject_unknown(
                ["id", "default-thinking", "total-parameters", "active-parameters",
                 "context-tokens", "max-output-tokens"]
            )
            model_id = entry.string("id", required=True) or ""
            entry.choice("default-thinking", THINKING_MODES)
            if model_id not in self.current_models:
                self.current_models.append(model_id)

        providers = top.table("providers")
        provider_keys = [
            "needles", "deepseek-prefixes", "routed-prefixes", "deepseek-hosts", "foreign-prefixes",
            "foreign-hosts", "private-host-suffixes", "deepseek-provider-names", "foreign-provider-names",
            "placeholder-host-words", "placeholder-host-labels",
        ]
        providers.reject_unknown(provider_keys)
        for key in provider_keys:
            self.extend(self.lists, key, providers.strings(key))

        endpoints = top.table("endpoints")
        for key in endpoints.data:
            endpoints.string(key)

        self.add_thinking(top.table("thinking"))
        self.add_effort(top.table("effort"))
        for entry in top.tables("prices"):
            self.add_price(entry)
        self.add_python(top.table("python"))
        self.config.add(top.table("config"))
        self.add_tier_hints(top.table("tier-suggestions"))

    def add_legacy(self, entry: TableReader, pack_name: str) -> str:
        entry.reject_unknown(["id", "retired-at", "served", "thinking", "note"])
        legacy_id = entry.string("id", required=True) or ""
        problem = check_model_id(legacy_id)
        if problem is not None:
            raise entry.fail("id", problem)
        self.legacy[legacy_id] = LegacyModel(
            id=legacy_id,
            retired_at=_instant(entry, "retired-at"),
            served=entry.string("served", "") or "",
            thinking=entry.choice("thinking", THINKING_MODES),
            note=entry.string("note", "") or "",
            pack=pack_name,
        )
        return legacy_id

    def add_tier_hints(self, hints: TableReader) -> None:
        """A later pack's values replace an earlier one's, key by key."""
        hints.reject_unknown(
            ["long-output-tokens", "output-limit-keys", "pro-name-pattern", "flash-name-pattern", "tool-feedback-pattern"]
        )
        current = self.tier_hints
        self.tier_hints = TierHints(
            long_output_tokens=hints.integer("long-output-tokens", current.long_output_tokens, minimum=0),
            output_limit_keys=tuple(dict.fromkeys([*current.output_limit_keys, *hints.strings("output-limit-keys")])),
            pro_names=hints.pattern("pro-name-pattern") or current.pro_names,
            flash_names=hints.pattern("flash-name-pattern") or current.flash_names,
            tool_feedback=hints.pattern("tool-feedback-pattern") or current.tool_feedback,
        )

    def add_thinking(self, thinking: TableReader) -> None:
        thinking.reject_unknown(
            ["default", "values", "ignored-sampling-params", "foreign-flags", "formats", "foreign", "reasoning-field"]
        )
        self.reasoning_field = thinking.string("reasoning-field", self.reasoning_field) or self.reasoning_field
        self.thinking_default = thinking.choice("default", THINKING_MODES, self.thinking_default) or "enabled"
        values = thinking.strings("values", THINKING_MODES)
        if sorted(values) != sorted(THINKING_MODES):
            raise thinking.fail("values", f"must be {list(THINKING_MODES)}")
        self.extend(self.lists, "ignored-sampling-params", thinking.strings("ignored-sampling-params"))
        self.extend(self.lists, "foreign-flags", thinking.strings("foreign-flags"))
        formats = thinking.table("formats")
        for name in formats.data:
            spec = formats.table(name)
            spec.reject_unknown(["effort", "effort-path"])
            self.thinking_formats[name] = ThinkingFormat(
                effort=spec.string("effort", required=True) or "",
                effort_path=_setting_path(spec, "effort-path"),
            )
        for entry in thinking.tables("foreign"):
            entry.reject_unknown(["name", "reads", "apis", "note"])
            flag = ForeignFlag(
                name=entry.string("name", required=True) or "",
                reads=entry.choice("reads", ("bool", "nested", "ignored", "effort"), "ignored") or "ignored",
                apis=tuple(entry.strings("apis")),
                note=entry.string("note", "") or "",
            )
            self.foreign[flag.name] = flag

    def add_effort(self, effort: TableReader) -> None:
        for api in effort.data:
            mapping = effort.table(api)
            values = self.effort.setdefault(api, {})
            for legacy_value in mapping.data:
                values[legacy_value] = mapping.string(legacy_value, required=True) or ""

    def add_price(self, entry: TableReader) -> None:
        from migrator.prices import read_price

        self.prices.append(read_price(entry))

    def add_python(self, python: TableReader) -> None:
        python.reject_unknown([*_PYTHON_LISTS, *_PYTHON_PATTERNS, "requests", "symbols", "test-file-names"])
        for key in _PYTHON_PATTERNS:
            pattern = python.pattern(key)
            if pattern is not None:
                self.patterns[key] = pattern
        self.test_file_names.extend(name for name in python.strings("test-file-names") if name not in self.test_file_names)
        for key in _PYTHON_LISTS:
            self.extend(self.python_lists, key, python.strings(key))
        for entry in python.tables("symbols"):
            entry.reject_unknown(["name", "legacy"])
            name = entry.string("name", required=True) or ""
            if "." not in name:
                raise entry.fail("name", f"expected a dotted name such as ModelType.DEEPSEEK_CHAT, got {name!r}")
            self.symbols[name] = entry.string("legacy", required=True) or ""
            self.symbol_origins[name] = f"{entry.source}: {entry.prefix}legacy"
        for entry in python.tables("requests"):
            self.request_origins.append(f"{entry.source}: {entry.prefix}api")
            entry.reject_unknown(["name", "kind", "calls", "api", "requires-thinking", "toggle"])
            kind = entry.choice("kind", ("call", "payload"), "call") or "call"
            calls = entry.strings("calls", required=True)
            if any(not call.strip() for call in calls) or (kind == "call" and not calls):
                raise entry.fail("calls", "must list the dotted call paths of this request")
            toggle = None
            if entry.has("toggle"):
                spec = entry.table("toggle")
                toggle = _toggle(spec)
            self.requests.append(
                RequestShape(
                    name=entry.string("name", required=True) or "",
                    calls=tuple(tuple(call.split(".")) for call in calls),
                    api=entry.string("api", required=True) or "",
                    requires_thinking=entry.choice("requires-thinking", THINKING_MODES),
                    toggle=toggle,
                    kind=kind,
                )
            )

    def build(self) -> Catalog:
        if not self.legacy:
            raise UsageError(f"{', '.join(self.sources)}: no [[legacy]] model IDs defined")
        for tier, target in self.targets.items():
            if target in self.legacy or any(  # circular advice: "replace X with X" (also "deepseek/X")
                target.startswith(prefix) and target[len(prefix):] in self.legacy
                for prefix in (*self.lists.get("deepseek-prefixes", []), *self.lists.get("routed-prefixes", []))
            ):
                raise UsageError(f"{', '.join(self.sources)}: targets.{tier}: {target!r} is also retired by a loaded pack")
        for shape, origin in zip(self.requests, self.request_origins):
            if shape.api not in self.thinking_formats:
                raise UsageError(f"{origin}: {shape.api!r} has no [thinking.formats.{shape.api}]")
        for name, legacy_id in self.symbols.items():
            if legacy_id not in self.legacy:
                raise UsageError(f"{self.symbol_origins[name]}: {legacy_id!r} is not a retired model ID")
        lists = self.lists
        py = self.python_lists
        return Catalog(
            sources=tuple(self.sources),
            legacy=dict(self.legacy),
            targets=dict(self.targets),
            extra_needles=tuple(lists.get("needles", [])),
            deepseek_prefixes=tuple(lists.get("deepseek-prefixes", [])),
            routed_prefixes=tuple(lists.get("routed-prefixes", [])),
            deepseek_hosts=tuple(lists.get("deepseek-hosts", [])),
            placeholder_host_words=tuple(lists.get("placeholder-host-words", [])),
            placeholder_host_labels=tuple(lists.get("placeholder-host-labels", [])),
            deepseek_provider_names=frozenset(n.lower() for n in lists.get("deepseek-provider-names", [])),
            foreign_provider_names=frozenset(n.lower() for n in lists.get("foreign-provider-names", [])),
            foreign_prefixes=tuple(lists.get("foreign-prefixes", [])),
            foreign_hosts=tuple(lists.get("foreign-hosts", [])),
            private_host_suffixes=tuple(lists.get("private-host-suffixes", [])),
            thinking_default=self.thinking_default,
            thinking_formats=dict(self.thinking_formats),
            ignored_sampling_params=tuple(lists.get("ignored-sampling-params", [])),
            foreign_flags={
                name: self.foreign.get(name, ForeignFlag(name=name, reads="ignored"))
                for name in lists.get("foreign-flags", [])
            },
            current_models=tuple(dict.fromkeys([*self.current_models, *self.targets.values()])),
            reasoning_field=self.reasoning_field,
            effort={api: dict(values) for api, values in self.effort.items()},
            prices=tuple(self.prices),
            python=PythonVocabulary(
                **{key.replace("-", "_"): frozenset(py.get(key, [])) for key in _PYTHON_LISTS},
                **{key.replace("-", "_"): value for key, value in self.patterns.items()},
                test_file_names=tuple(self.test_file_names),
                symbols=dict(self.symbols),
                requests=tuple(self.requests),
            ),
            config=self.config.build(),
            tier_hints=self.tier_hints,
        )


def _toggle(spec: TableReader) -> ToggleSpec:
    """One [[python.requests]] toggle table, with its verification record."""
    spec.reject_unknown(
        ["keyword", "path", "style", "library", "also-published-as", "since", "verified-with", "verified-on", "off",
         "needs"]
    )
    style = spec.choice("style", ("dict", "bool"), "dict") or "dict"
    keyword = spec.string("keyword")
    if keyword is not None and not keyword.isidentifier():  # it is written into source as a keyword
        raise spec.fail("keyword", f"{keyword!r} is not a Python identifier")
    if style == "bool" and keyword is None:
        raise spec.fail("keyword", "a bool toggle needs a keyword")
    verified_on = spec.raw("verified-on")
    if verified_on is not None and (not isinstance(verified_on, dt.date) or isinstance(verified_on, dt.datetime)):
        raise spec.fail("verified-on", "expected a date such as 2026-11-29")
    since = spec.string("since")
    if since is not None and not re.fullmatch(r"\d+(\.\d+)*", since):
        raise spec.fail("since", f"expected a release number such as 1.74.9, got {since!r}")
    if (since is None) != (verified_on is None):
        raise spec.fail("since", "`since` and `verified-on` go together: the oldest version verified, and when")
    off = None
    if spec.has("off"):
        table = spec.table("off")
        table.reject_unknown(["path", "value"])
        off = (_setting_path(table, "path", required=True), table.string("value", required=True) or "")
    return ToggleSpec(
        keyword=keyword,
        path=_setting_path(spec, "path"),
        style=style,
        library=spec.string("library"),
        also_published_as=tuple(spec.strings("also-published-as")),
        since=since,
        verified_with=tuple(spec.strings("verified-with")),
        verified_on=verified_on,
        off=off,
        needs=tuple(_needed(spec, item) for item in spec.strings("needs")),
    )


def _setting_path(spec: TableReader, key: str, required: bool = False) -> tuple[str, ...]:
    """A path of keyword and keys into a request; each step is written into source, so each is an identifier."""
    path = tuple(spec.strings(key, required=required))
    for step in path:
        if not step.isidentifier():
            raise spec.fail(key, f"{step!r} is not a Python identifier")
    return path


def _needed(spec: TableReader, text: str) -> tuple[str, str]:
    """``"litellm>=1.74.9"`` -> ("litellm", "1.74.9")."""
    match = re.fullmatch(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*>=\s*(\d+(?:\.\d+)*)\s*", text)
    if match is None:
        raise spec.fail("needs", f"expected entries such as \"litellm>=1.74.9\", got {text!r}")
    return match.group(1), match.group(2)


# A server's name as a URL gives it: labels of letters, digits, hyphens and underscores (container
# service names such as one_api), or an IPv4 address.
_HOST_NAME = re.compile(r"[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*")


def _is_private_address(host: str) -> bool:
    """Loopback and private-range IPs: self-hosted servers (vLLM, Ollama, SGLang)."""
    import ipaddress  # only runs that judge a host need it

    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return address.is_private or address.is_loopback


def _instant(entry: TableReader, key: str) -> dt.datetime:
    """A TOML datetime with an offset (or a bare date, read as midnight UTC)."""
    value = entry.raw(key)
    if value is None:
        raise entry.fail(key, "missing required key")
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise entry.fail(key, "needs a UTC offset, e.g. 2026-07-24T15:59:00Z")
        return value.astimezone(dt.timezone.utc)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)
    raise entry.fail(key, "expected a TOML date-time such as 2026-07-24T15:59:00Z")
