"""What a retired ID in a config tree does: selects a model (DSM002), names an entry (DSM003), or is data.

It reads only the format-neutral tree, so every format is judged alike:
the key the value stands under, the keys beside it (a base URL or a
provider that says another host), the sections above it (a section named
for another provider), and whether the document is a record of traffic or
a dataset rather than configuration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator
from urllib.parse import urlsplit

from migrator.catalog import PROVIDER_DEEPSEEK, PROVIDER_FOREIGN, PROVIDER_UNKNOWN, Catalog
from migrator.config_analysis.tree import Mapping, Node, Scalar, Sequence
from migrator.facts import ROLE_MODEL, ROLE_REFERENCE
from migrator.textscan import LineIndex
from migrator.findings import Span

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


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

    def judge(self, root: Node) -> Iterator[Judged]:
        if self._is_recording(root) or self._is_dataset(root):
            return
        yield from self._walk(root, (), None, [])

    def _is_recording(self, root: Node) -> bool:
        return isinstance(root, Mapping) and any(normalized(key) in self.vocab.recording_keys for key, _ in root.entries)

    def _is_dataset(self, root: Node) -> bool:
        if isinstance(root, Mapping) and len(root.entries) == 1:  # {"data": [...]} or {"records": [...]}
            root = root.entries[0][1]
        return isinstance(root, Sequence) and sum(isinstance(item, Mapping) for item in root.items) >= (
            self.vocab.dataset_min_records
        )

    def _walk(self, node: Node, path: tuple[str, ...], holder: Mapping | None, sections: list[str]) -> Iterator[Judged]:
        if isinstance(node, Mapping):
            if any(normalized(key) in self.vocab.record_keys for key, _ in node.entries):
                return  # a reply or a model listing: data about a model
            for key, child in node.entries:
                if path == ("tool",) and key == "deepseek-migrate":
                    continue  # this tool's own settings name retired IDs as tier-rule matchers
                yield from self._walk(child, (*path, key), node, [*sections, key])
        elif isinstance(node, Sequence):
            for index, item in enumerate(node.items):
                if isinstance(item, Scalar):
                    judged = self._list_item(item, path, holder, sections, index)
                    if judged is not None:
                        yield judged
                else:
                    yield from self._walk(item, (*path, f"[{index}]"), holder if item is None else None, sections)
        elif isinstance(node, Scalar) and path:
            judged = self._value(node, path, holder, sections)
            if judged is not None:
                yield judged

    def _split(self, scalar: Scalar) -> tuple[str, str] | None:
        value = scalar.value.strip()
        split = self.catalog.split_model_string(value)
        if split is not None:
            return split
        return None

    def _value(self, scalar: Scalar, path: tuple[str, ...], holder: Mapping | None, sections: list[str]) -> Judged | None:
        split = self._split(scalar)
        if split is None:
            return None
        prefix, legacy_id = split
        key = normalized(path[-1])
        provider = self._provider(scalar, prefix, key, holder, sections[:-1])
        shown = _shown(path)
        env_key = path[-1] if self.flat else None
        if key in self.vocab.name_keys:
            return Judged(scalar, shown, ROLE_REFERENCE, f"`{shown}` names an entry", provider, prefix, legacy_id, env_key)
        if re.search(self.vocab.model_key_pattern, key):
            if holder is not None and self._has_nested_model(holder):
                # LiteLLM's model_list: model_name is the alias clients use; litellm_params.model is sent
                context = f"`{shown}` names an entry whose request model is set below it"
                return Judged(scalar, shown, ROLE_REFERENCE, context, provider, prefix, legacy_id, env_key)
            return Judged(scalar, shown, ROLE_MODEL, f"value of `{shown}`", provider, prefix, legacy_id, env_key)
        if self.flat or any(re.search(self.vocab.model_key_pattern, normalized(section)) for section in sections[:-1]):
            # a variable set to exactly a model ID is read as one (CHAT=deepseek-chat); so is a key under `models:`
            return Judged(scalar, shown, ROLE_MODEL, f"value of `{shown}`", provider, prefix, legacy_id, env_key)
        return Judged(scalar, shown, ROLE_REFERENCE, f"value of `{shown}`", provider, prefix, legacy_id, env_key)

    def _list_item(
        self, scalar: Scalar, path: tuple[str, ...], holder: Mapping | None, sections: list[str], index: int
    ) -> Judged | None:
        split = self._split(scalar)
        if split is None or not path:
            return None
        prefix, legacy_id = split
        key = normalized(path[-1])
        provider = self._provider(scalar, prefix, key, holder, sections[:-1])
        shown = f"{_shown(path)}[{index}]"
        if re.search(self.vocab.model_list_key_pattern, key):
            return Judged(scalar, shown, ROLE_MODEL, f"model tried in turn in `{_shown(path)}`", provider, prefix, legacy_id, None)
        return Judged(scalar, shown, ROLE_REFERENCE, f"member of the list `{_shown(path)}`", provider, prefix, legacy_id, None)

    def _has_nested_model(self, mapping: Mapping) -> bool:
        return any(
            isinstance(child, Mapping)
            and any(re.search(self.vocab.model_key_pattern, normalized(key)) for key, _ in child.entries)
            for _, child in mapping.entries
        )

    def _provider(self, scalar: Scalar, prefix: str, key: str, holder: Mapping | None, sections: list[str]) -> str:
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
        stem = key.rsplit("model", 1)[0] if self.flat else ""  # OPENROUTER_MODEL reads OPENROUTER_BASE_URL
        for other, child in holder.entries:
            name = normalized(other)
            if not isinstance(child, Scalar) or (self.flat and not name.startswith(stem)):
                continue
            tail = name[len(stem):] if self.flat else name
            if tail in self.vocab.base_url_keys or any(name.endswith("_" + url) for url in self.vocab.base_url_keys):
                verdict = self._host(child.value)
            elif tail in self.vocab.provider_keys:
                verdict = self.catalog.provider_verdict(child.value.strip()) or PROVIDER_UNKNOWN
            else:
                continue
            if verdict != PROVIDER_UNKNOWN:
                return verdict
        return PROVIDER_UNKNOWN

    def _host(self, url: str) -> str:
        url = url.strip()
        if "://" not in url:
            return PROVIDER_UNKNOWN
        try:
            host = urlsplit(url).hostname
        except ValueError:
            return PROVIDER_UNKNOWN
        return self.catalog.host_verdict(host) if host else PROVIDER_UNKNOWN


def _shown(path: tuple[str, ...]) -> str:
    return ".".join(path).replace(".[", "[")


def id_span(text: LineIndex, scalar: Scalar, prefix: str, legacy_id: str) -> tuple[Span, bool]:
    """The ID's characters in the text, and whether they are exactly the ID (so a fix may replace them)."""
    raw = text.text[scalar.start : scalar.end]
    found = raw.find(prefix + legacy_id) if scalar.literal_text else -1
    if found < 0 or raw.count(legacy_id) != 1:
        return _span(text, scalar.start, scalar.end), False
    start = scalar.start + found + len(prefix)
    return _span(text, start, start + len(legacy_id)), True


def _span(text: LineIndex, start: int, end: int) -> Span:
    line, column = text.position(start)
    end_line, end_column = text.position(end)
    return Span(line, column, end_line, end_column)
