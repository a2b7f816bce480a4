"""What a retired ID in a config tree does: selects a model (DSM002), names an entry (DSM003), or is data.

It reads only the format-neutral tree, so every format is judged alike:
the key the value stands under, the keys beside it (a base URL or a
provider that says another host), the sections above it (a section named
for another provider), and whether the document is a record of traffic or
a dataset rather than configuration. Each mapping's sibling verdict is
computed once, so a file costs time linear in its size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from migrator.catalog import PROVIDER_DEEPSEEK, PROVIDER_FOREIGN, PROVIDER_UNKNOWN, Catalog
from migrator.config_analysis.tree import Mapping, Node, Scalar, Sequence
from migrator.facts import ROLE_MODEL, ROLE_REFERENCE
from migrator.findings import Span
from migrator.textscan import LineIndex

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
# NAME=value in a list of environment assignments; ${NAME:-value} / ${NAME-value} defaults (compose, shells).
_ASSIGNED = re.compile(r"\A([A-Za-z_][A-Za-z0-9_]*)=")
_DEFAULTED = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^}\s]*)\}")


@dataclass(frozen=True)
class Judged:
    """One scalar naming a retired ID, with its verdict."""

    scalar: Scalar
    key: str
    role: str
    context: str
    provider: str
    prefix: str
    legacy_id: str
    env_key: str | None
    offset: int = 0  # where the model string starts inside the scalar's value (NAME=..., ${NAME:-...})


def normalized(key: str) -> str:
    """``modelName`` -> ``model_name``; ``DEEPSEEK_MODEL`` -> ``deepseek_model``."""
    return _CAMEL.sub("_", key).lower()


class Judge:
    def __init__(self, catalog: Catalog, flat: bool) -> None:
        """``flat``: a .env file, where every key of the file stands beside every other."""
        self.catalog = catalog
        self.vocab = catalog.config
        self.flat = flat
        self.foreign_tokens = catalog.python.foreign_name_tokens
        self.aliases: set[str] = set()
        self._sibling_cache: dict[tuple[int, str], str] = {}
        self._hosts_cache: dict[int, list[tuple[str, str, str]]] = {}
        self._nested_cache: dict[int, bool] = {}

    def judge(self, root: Node) -> Iterator[Judged]:
        if self._is_recording(root) or self._is_dataset(root):
            return
        self.aliases = set(self._entry_names(root, 0))
        yield from self._walk(root, (), None, [], False)

    # ------------------------------------------------------------------ documents that are data

    def _is_recording(self, root: Node) -> bool:
        return isinstance(root, Mapping) and any(
            normalized(key) in self.vocab.recording_keys and isinstance(child, Sequence) for key, child in root.entries
        )

    def _is_dataset(self, root: Node) -> bool:
        if isinstance(root, Mapping):
            lists = [child for key, child in root.entries if normalized(key) in self.vocab.dataset_keys]
            return any(self._records(child) for child in lists)
        return self._records(root)

    def _records(self, node: Node) -> bool:
        return isinstance(node, Sequence) and sum(isinstance(item, Mapping) for item in node.items) >= (
            self.vocab.dataset_min_records
        )

    def _is_record(self, mapping: Mapping) -> bool:
        """A reply, a model listing or a result row: data about a model."""
        for key, child in mapping.entries:
            name = normalized(key)
            if name in self.vocab.record_keys:
                return True
            if name == "object" and isinstance(child, Scalar) and child.value in self.vocab.record_objects:
                return True
        return False

    def _entry_names(self, node: Node, depth: int) -> Iterator[str]:
        """Names of registry entries (LiteLLM's model_list aliases): what fallbacks refer to."""
        if depth > 50:
            return
        if isinstance(node, Mapping):
            for _, child in node.entries:
                yield from self._entry_names(child, depth + 1)
        elif isinstance(node, Sequence):
            for item in node.items:
                if isinstance(item, Mapping) and self._has_nested_model(item):
                    for key, child in item.entries:
                        if isinstance(child, Scalar) and (
                            self._is_model_key(normalized(key)) or normalized(key) in self.vocab.name_keys
                        ):
                            yield child.value.strip()
                yield from self._entry_names(item, depth + 1)

    # ------------------------------------------------------------------ the walk

    def _walk(
        self, node: Node, path: tuple[str, ...], holder: Mapping | None, sections: list[str], listed: bool
    ) -> Iterator[Judged]:
        """``listed``: ``holder`` is an item of a list (a registry entry, an environment entry)."""
        if isinstance(node, Mapping):
            if self._is_record(node):
                return
            environment_entry = self._is_environment_entry(node, path)
            for key, child in node.entries:
                if environment_entry and key == "value":
                    continue  # judged with its name below
                if path == ("tool",) and key == "deepseek-migrate":
                    continue  # this tool's own settings name retired IDs as tier-rule matchers
                if normalized(key) in self.vocab.example_keys:
                    continue  # OpenAPI / JSON Schema examples document an API
                yield from self._walk(child, (*path, key), node, [*sections, key], listed)
            yield from self._environment_entry(node, path, sections)
        elif isinstance(node, Sequence):
            environment = bool(path) and normalized(path[-1]) in self.vocab.environment_keys
            for index, item in enumerate(node.items):
                if isinstance(item, Scalar):
                    judged = self._list_item(item, path, holder, sections, index, environment)
                    if judged is not None:
                        yield judged
                elif item is not None:
                    yield from self._walk(item, (*path, f"[{index}]"), None, sections, True)
        elif isinstance(node, Scalar) and path:
            judged = self._value(node, path, holder, sections, listed)
            if judged is not None:
                yield judged

    def _split(self, text: str) -> tuple[str, str] | None:
        return self.catalog.split_model_string(text.strip())

    def _value(
        self, scalar: Scalar, path: tuple[str, ...], holder: Mapping | None, sections: list[str], listed: bool
    ) -> Judged | None:
        found = self._model_in(scalar, path[-1])
        if found is None:
            return None
        prefix, legacy_id, offset, variable = found
        key = normalized(variable or path[-1])
        provider = self._provider(prefix, key, holder, sections[:-1])
        shown = _shown(path)
        env_key = variable or (path[-1] if self.flat else None)

        def verdict(role: str, context: str) -> Judged:
            return Judged(scalar, shown, role, context, provider, prefix, legacy_id, env_key, offset)

        if scalar.value.strip() in self.aliases and not self._is_model_key(key):
            return verdict(ROLE_REFERENCE, f"`{shown}` names an entry defined in this file")
        if key == "id" and prefix in self.catalog.deepseek_prefixes:
            return verdict(ROLE_MODEL, f"value of `{shown}` (names the DeepSeek API)")  # promptfoo {id: deepseek:...}
        if key in self.vocab.name_keys and not variable:
            if listed or not any(self._is_model_key(normalized(section)) for section in sections[:-1]):
                return verdict(ROLE_REFERENCE, f"`{shown}` names an entry")
            return verdict(ROLE_MODEL, f"value of `{shown}`")  # llm: {name: deepseek-chat} (Hydra-style)
        if self._is_model_key(key):
            if listed and holder is not None and self._has_nested_model(holder):
                # LiteLLM's model_list: model_name is the alias clients use; litellm_params.model is sent
                return verdict(ROLE_REFERENCE, f"`{shown}` names an entry whose request model is set below it")
            return verdict(ROLE_MODEL, f"value of `{shown}`")
        if prefix in self.catalog.deepseek_prefixes:
            return verdict(ROLE_MODEL, f"value of `{shown}` (names the DeepSeek API)")  # promptfoo id: deepseek:...
        if self.flat or any(self._is_model_key(normalized(section)) for section in sections[:-1]):
            # a variable set to exactly a model ID is read as one (CHAT=deepseek-chat); so is a key under `models:`
            return verdict(ROLE_MODEL, f"value of `{shown}`")
        return verdict(ROLE_REFERENCE, f"value of `{shown}`")

    def _model_in(self, scalar: Scalar, key: str) -> tuple[str, str, int, str | None] | None:
        """(prefix, retired ID, where it starts in the value, the variable it sets) when the value names one."""
        split = self._split(scalar.value)
        if split is not None:
            return split[0], split[1], 0, None
        for match in _DEFAULTED.finditer(scalar.value):  # ${DEEPSEEK_MODEL:-deepseek-chat}
            split = self._split(match.group(2))
            if split is not None:
                return split[0], split[1], match.start(2), match.group(1)
        return None

    def _list_item(
        self, scalar: Scalar, path: tuple[str, ...], holder: Mapping | None, sections: list[str], index: int,
        environment: bool,
    ) -> Judged | None:
        if not path:
            return None
        assigned = _ASSIGNED.match(scalar.value) if environment else None
        if assigned is not None:  # environment: ["DEEPSEEK_MODEL=deepseek-chat", "X=${LLM_MODEL:-deepseek-chat}"]
            rest = scalar.value[assigned.end():]
            split, offset, variable = self._split(rest), assigned.end(), assigned.group(1)
            defaulted = _DEFAULTED.search(rest) if split is None else None
            if defaulted is not None:
                split, offset, variable = self._split(defaulted.group(2)), assigned.end() + defaulted.start(2), defaulted.group(1)
            if split is None:
                return None
            provider = self._provider(split[0], normalized(variable), None, sections)
            return Judged(
                scalar, f"{_shown(path)}[{index}]", ROLE_MODEL, f"`{variable}` set in `{_shown(path)}`", provider,
                split[0], split[1], variable, offset,
            )
        found = self._model_in(scalar, path[-1])
        if found is None:
            return None
        prefix, legacy_id, offset, variable = found
        key = normalized(path[-1])
        provider = self._provider(prefix, key, holder, sections[:-1])
        shown = f"{_shown(path)}[{index}]"

        def verdict(role: str, context: str) -> Judged:
            return Judged(scalar, shown, role, context, provider, prefix, legacy_id, variable, offset)

        if scalar.value.strip() in self.aliases:
            return verdict(ROLE_REFERENCE, f"names an entry defined in this file, in `{_shown(path)}`")
        if re.search(self.vocab.model_list_key_pattern, key):
            return verdict(ROLE_MODEL, f"model tried in turn in `{_shown(path)}`")
        if self._is_model_key(key) and not key.endswith("s"):  # strategy.matrix.model: [deepseek-chat, ...]
            return verdict(ROLE_MODEL, f"model in `{_shown(path)}`")
        if prefix in self.catalog.deepseek_prefixes:
            return verdict(ROLE_MODEL, f"model in `{_shown(path)}` (names the DeepSeek API)")
        if any(self._is_model_key(normalized(section)) for section in sections[:-1]):
            return verdict(ROLE_MODEL, f"model in `{_shown(path)}`")  # models: {default: [deepseek-chat]}
        return verdict(ROLE_REFERENCE, f"member of the list `{_shown(path)}`")

    def _is_environment_entry(self, mapping: Mapping, path: tuple[str, ...]) -> bool:
        """An item of an ``env`` list with ``name`` and ``value`` keys (Kubernetes, GitHub and GitLab CI)."""
        keys = {key for key, _ in mapping.entries}
        return (
            len(path) >= 2 and path[-1].startswith("[") and normalized(path[-2]) in self.vocab.environment_keys
            and {"name", "value"} <= keys
        )

    def _environment_entry(self, mapping: Mapping, path: tuple[str, ...], sections: list[str]) -> Iterator[Judged]:
        """Kubernetes-style ``{name: DEEPSEEK_MODEL, value: deepseek-chat}`` in an ``env`` list."""
        if not self._is_environment_entry(mapping, path):
            return
        values = dict(mapping.entries)
        name, value = values.get("name"), values.get("value")
        if not isinstance(name, Scalar) or not isinstance(value, Scalar) or not self._is_model_key(normalized(name.value)):
            return
        split = self._split(value.value)
        if split is None:
            return
        provider = self._provider(split[0], normalized(name.value), None, sections)
        yield Judged(
            value, f"{_shown(path)}.value", ROLE_MODEL, f"`{name.value}` set in `{_shown(path[:-1])}`", provider,
            split[0], split[1], name.value,
        )

    def _is_model_key(self, key: str) -> bool:
        return re.search(self.vocab.model_key_pattern, key) is not None

    def _has_nested_model(self, mapping: Mapping) -> bool:
        cached = self._nested_cache.get(id(mapping))
        if cached is None:
            cached = any(
                isinstance(child, Mapping) and any(self._is_model_key(normalized(key)) for key, _ in child.entries)
                for _, child in mapping.entries
            )
            self._nested_cache[id(mapping)] = cached
        return cached

    # ------------------------------------------------------------------ where requests go

    def _provider(self, prefix: str, key: str, holder: Mapping | None, sections: list[str]) -> str:
        """Where the value's requests go: the keys beside it, the sections above it, then its prefix.

        The prefix comes last because gateways take it too: OpenRouter's own
        ID for the model is ``deepseek/deepseek-chat``.
        """
        verdict = self._siblings(key, holder) if holder is not None else PROVIDER_UNKNOWN
        if verdict != PROVIDER_UNKNOWN:
            return verdict
        for name in [*sections, key]:
            tokens = set(re.split(r"[^a-z0-9]+", normalized(name)))
            if tokens & self.foreign_tokens or tokens & self.catalog.foreign_provider_names - {"openai"}:
                return PROVIDER_FOREIGN
        return PROVIDER_DEEPSEEK if prefix in self.catalog.deepseek_prefixes else PROVIDER_UNKNOWN

    def _siblings(self, key: str, holder: Mapping) -> str:
        """A base URL beside the key wins over a provider name; DeepSeek wins over a disagreement."""
        stem = key.rsplit("model", 1)[0] if self.flat else ""  # OPENROUTER_MODEL reads OPENROUTER_BASE_URL
        cached = self._sibling_cache.get((id(holder), stem))
        if cached is not None:
            return cached
        urls, providers = [], []
        for name, kind, found in self._hosts(holder):
            if not name.startswith(stem):
                continue
            tail = name[len(stem):]
            if kind == "url" and (tail in self.vocab.base_url_keys or tail.endswith(tuple("_" + url for url in self.vocab.base_url_keys))):
                urls.append(found)
            elif kind == "provider" and tail in self.vocab.provider_keys:
                providers.append(found)
        verdict = _combined(urls)
        if verdict == PROVIDER_UNKNOWN and not any(url != PROVIDER_UNKNOWN for url in urls):
            verdict = _combined(providers)
        self._sibling_cache[(id(holder), stem)] = verdict
        return verdict

    def _hosts(self, holder: Mapping) -> list[tuple[str, str, str]]:
        """The keys of a mapping that may say where requests go: (normalized name, "url" or "provider", verdict).

        Read once per mapping: a .env file is one mapping of every line.
        """
        cached = self._hosts_cache.get(id(holder))
        if cached is not None:
            return cached
        found: list[tuple[str, str, str]] = []
        url_ends = tuple("_" + url for url in self.vocab.base_url_keys)
        for other, child in holder.entries:
            if not isinstance(child, Scalar):
                continue
            name = normalized(other)
            if name in self.vocab.base_url_keys or name.endswith(url_ends):
                found.append((name, "url", self._host(child.value)))
            elif any(name.endswith(key) for key in self.vocab.provider_keys):
                found.append((name, "provider", self.catalog.provider_verdict(child.value.strip()) or PROVIDER_UNKNOWN))
        self._hosts_cache[id(holder)] = found
        return found

    def _host(self, url: str) -> str:
        url = url.strip()
        if "://" not in url:
            return PROVIDER_UNKNOWN
        return self.catalog.url_verdict(url)


def _combined(verdicts: list[str]) -> str:
    """DeepSeek if any says so; another host only if every known one agrees."""
    known = [verdict for verdict in verdicts if verdict != PROVIDER_UNKNOWN]
    if PROVIDER_DEEPSEEK in known:
        return PROVIDER_DEEPSEEK
    return PROVIDER_FOREIGN if known else PROVIDER_UNKNOWN


def _shown(path: tuple[str, ...]) -> str:
    """A key path as messages quote it (a backtick in a key would end the quote)."""
    return ".".join(path).replace(".[", "[").replace("`", "'")


def id_span(text: LineIndex, judged: Judged) -> tuple[Span, bool]:
    """The ID's characters in the text, and whether they are exactly the ID (so a fix may replace them)."""
    scalar = judged.scalar
    raw = text.text[scalar.start : scalar.end]
    wanted = judged.prefix + judged.legacy_id
    found = raw.find(wanted) if scalar.literal_text else -1
    if found >= 0 and judged.offset:  # NAME=..., ${NAME:-...}: the occurrence at the value's offset
        found = raw.find(wanted, judged.offset)
    if found < 0 or raw.count(judged.legacy_id) != 1:
        return _span(text, scalar.start, scalar.end), False
    start = scalar.start + found + len(judged.prefix)
    return _span(text, start, start + len(judged.legacy_id)), True


def _span(text: LineIndex, start: int, end: int) -> Span:
    line, column = text.position(start)
    end_line, end_column = text.position(end)
    return Span(line, column, end_line, end_column)
