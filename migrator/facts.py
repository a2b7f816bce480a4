"""What the Python analysis learns about a file, as plain data.

Kept apart from :mod:`migrator.python_analysis` so that checks and reports
can use these types without importing libcst.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from migrator.catalog import (
    PROVIDER_DEEPSEEK,
    PROVIDER_FOREIGN,
    PROVIDER_UNKNOWN,
    ToggleSpec,
)
from migrator.findings import Span
from migrator.textscan import LineIndex

# The role a site plays where it stands.
ROLE_MODEL = "model"  # it selects the model of a request
ROLE_REFERENCE = "reference"  # it is knowledge about the ID: comparisons, tables, regexes
ROLE_PROSE = "prose"  # docstrings and bare strings
ROLE_OTHER = "other"

# What kind of expression names the retired ID.
KIND_LITERAL = "literal"  # "deepseek-chat"
KIND_SYMBOL = "symbol"  # ModelType.DEEPSEEK_CHAT
KIND_DYNAMIC = "dynamic"  # f"deepseek-{mode}"
KIND_CONDITIONAL = "conditional"  # "deepseek-reasoner" if think else "deepseek-chat"
REGEX_RUN, REGEX_NOT_RUN = "regular expression", "regular expression, not run"  # contexts of KIND_REGEX
OFFERED_LISTING = "in the model listing"  # def list_models(): return [{"id": ..., "owned_by": ...}]; not in tests
# The context of a retired ID in a string that lists model names ("deepseek-v4-pro,deepseek-chat").
MODEL_LIST_TEXT = "member of a delimited list of model names"
KIND_REGEX = "regex"  # re.compile(r"^deepseek-(chat|reasoner)$")
KIND_REFERENCE = "reference"  # a name the project index says stands for another line's retired ID

# Where the request goes, as far as the module shows it (defined with the
# catalog, whose host and provider tables produce them).
__all__ = ["PROVIDER_DEEPSEEK", "PROVIDER_FOREIGN", "PROVIDER_UNKNOWN"]


@dataclass(frozen=True)
class RequestContext:
    """The call or payload a model value reaches, as far as the module shows it."""

    callee: str
    shape: str | None
    api: str | None
    uses_tools: bool
    requires_thinking: str | None = None
    provider: str = PROVIDER_UNKNOWN
    toggle: ToggleSpec | None = None
    line: int = 0
    column: int = 0
    body: bool = False  # a raw HTTP body dict, not a call
    model_changed_at: int = 0  # a body whose model key is set again on this line (body["model"] = ...)
    also_foreign: int = 0  # a body also posted, on this line, to another provider
    gateway: str = ""  # the host a literal base URL names, neither DeepSeek's nor a known other API
    routed_provider: str = ""  # "openai" provider sent to DeepSeek by a base URL the module puts in the environment
    # Where the callee comes from: "." (defined here or imported relatively), its imported dotted name, "" unknown.
    origin: str = ""
    # "loop": made inside a for/while loop of its function; "agent-loop": one that also passes tools and
    # hands tool results back to the model (the shape DeepSeek positions Pro for).
    loop: str = ""


@dataclass(frozen=True)
class SiteHandles:
    """libcst nodes (typed loosely so this module needs no libcst) and their spans."""

    module: Any
    node: Any
    request_node: Any = None  # the Call or payload Dict the value sits in directly
    request_span: Span | None = None
    node_span: Span | None = None
    indents: tuple[str, ...] = ()  # indentation of the enclosing blocks, outermost first
    quote: str = '"'  # the quote new string literals must use (inside an f-string, the other one)
    text: LineIndex | None = None  # the analysed source, to check node-only renderings against


@dataclass(frozen=True)
class Use:
    """A place that knows a value by name: a comparison, a lookup key, a match subject."""

    line: int
    context: str
    column: int = 1


@dataclass(frozen=True)
class Sibling:
    """Another member of the Enum, or key of the dict, that a value stands in."""

    name: str
    value: str


@dataclass(frozen=True)
class ModelSite:
    """An expression that names (or can build) a retired ID, and what it does there."""

    span: Span
    kind: str
    value: str
    legacy_ids: tuple[str, ...]
    prefix: str
    routed: bool
    role: str
    context: str
    request: RequestContext | None
    provider: str
    function: str
    statement_line: int
    conditional: bool = False  # reaches the request through `a or b` / `a if c else b`
    # Where the name holding this value is also compared or used as a key
    # (a fix that changes the value makes that code stop matching).
    uses: tuple[Use, ...] = ()
    # Values that must stay distinct from this one after a fix: the other
    # members of its Enum, the other keys of a dict it is a key of.
    siblings: tuple[Sibling, ...] = ()
    definition: str = ""  # KIND_REFERENCE: the key of the definition it names
    # Why the test code around it runs against doubles (a patched client, a fake class), when it shows no live test.
    doubled: str = ""
    # Why the test around it sends nothing at all (it only builds and inspects objects).
    inert: str = ""
    # ... and whether that test checks it, or another value it gave the same call, back: then the ID does not
    # drive what the test checks.
    pinned: bool = False
    # Whether the test around it asserts this ID back (`assert llm.model == "deepseek-chat"`), doubled or not:
    # the input and its assertion are one case.
    echoed: bool = False
    # Whether the call it is handed to is what an assertion checks (assert thinking_by_default("deepseek/...") is False).
    asserted: bool = False
    # The syntax behind the site, for codemods in the same process: never
    # compared, printed or sent to another process.
    handles: SiteHandles | None = field(default=None, compare=False, repr=False)

    @property
    def legacy_id(self) -> str | None:
        return self.legacy_ids[0] if len(self.legacy_ids) == 1 else None

    @property
    def reaches_deepseek(self) -> bool:
        """Could this value be sent to the DeepSeek API?

        A routed prefix (``openai/deepseek-chat``) needs a visible DeepSeek
        base URL; anything else counts unless every request it reaches goes
        to another provider.
        """
        if self.routed:
            return self.provider == PROVIDER_DEEPSEEK
        return self.provider != PROVIDER_FOREIGN


@dataclass(frozen=True)
class Setting:
    """A value a request sets: a keyword argument, a payload key, or a key in a literal dict.

    ``path`` names it from the request down (("extra_body", "thinking",
    "type")); ``value`` is the literal value (str, bool, int, float, None) when
    ``literal`` is true.
    """

    path: tuple[str, ...]
    span: Span
    value: object
    literal: bool


@dataclass(frozen=True)
class RequestSite:
    """A request to a DeepSeek model: what it names and every setting it passes."""

    span: Span
    request: RequestContext
    model: str | None  # the bare model ID, when the module shows it
    model_span: Span | None
    retired: bool
    settings: tuple[Setting, ...]
    opaque: bool = False  # **kwargs or **other: settings may hide there
    model_direct: bool = False  # the model is written at the request, not through a name
    handles: SiteHandles | None = field(default=None, compare=False, repr=False)

    def setting(self, path: tuple[str, ...]) -> Setting | None:
        return next((item for item in self.settings if item.path == path), None)


@dataclass(frozen=True)
class DropSite:
    """Code that removes the reasoning field from message history."""

    span: Span
    how: str


@dataclass(frozen=True)
class OpaqueUse:
    """A use of a watched name the analysis cannot follow: the definition may have a reader it does not see."""

    definition: str
    span: Span
    what: str


@dataclass(frozen=True)
class DefaultCall:
    """A call of a function or class whose parameter defaults to a retired ID."""

    definition: str
    span: Span
    callee: str
    passed: bool  # the call gives the parameter a value of its own
    value: str = ""  # that value's source text
    defined_at: str = ""  # where the default is written ("app/llm.py:12")
    legacy_id: str = ""  # the retired ID it defaults to


@dataclass(frozen=True)
class PythonFacts:
    sites: tuple[ModelSite, ...]
    requests: tuple[RequestSite, ...] = ()
    drops: tuple[DropSite, ...] = ()
    # With a project index: names standing for other lines' retired IDs, and what the index must know of them.
    references: tuple[ModelSite, ...] = ()
    opaque: tuple[OpaqueUse, ...] = ()
    default_calls: tuple[DefaultCall, ...] = ()


@dataclass(frozen=True)
class ConfigSite:
    """A retired ID written as a value in a config file (.env, YAML, TOML, JSON, INI)."""

    span: Span  # the ID's characters (the prefix kept out), else the whole value
    value: str
    legacy_ids: tuple[str, ...]
    prefix: str
    key: str  # the key path as people write it: llm.fast.model, agents[0].model_name
    role: str
    context: str
    provider: str
    editable: bool  # the span holds exactly the ID's characters, so a fix may replace them
    env_key: str | None = None  # the variable a program reads, for .env files

    @property
    def legacy_id(self) -> str | None:
        return self.legacy_ids[0] if len(self.legacy_ids) == 1 else None


@dataclass(frozen=True)
class ConfigFacts:
    kind: str  # env, yaml, toml, json, ini
    sites: tuple[ConfigSite, ...]
