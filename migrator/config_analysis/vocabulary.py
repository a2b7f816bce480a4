"""The ``[config]`` table of a rule pack: how DSM002 reads keys in config files."""

from __future__ import annotations

from typing import NamedTuple

from migrator.tomlread import TableReader

_LISTS = (
    "name-keys", "base-url-keys", "provider-keys", "record-keys", "record-objects", "example-keys", "recording-keys",
    "dataset-keys", "environment-keys",
)
_PATTERNS = ("model-key-pattern", "model-list-key-pattern")


class ConfigVocabulary(NamedTuple):
    model_key_pattern: str = "(?!)"
    model_list_key_pattern: str = "(?!)"
    name_keys: frozenset[str] = frozenset()
    base_url_keys: frozenset[str] = frozenset()
    provider_keys: frozenset[str] = frozenset()
    record_keys: frozenset[str] = frozenset()
    record_objects: frozenset[str] = frozenset()
    example_keys: frozenset[str] = frozenset()
    recording_keys: frozenset[str] = frozenset()
    dataset_keys: frozenset[str] = frozenset()
    environment_keys: frozenset[str] = frozenset()
    dataset_min_records: int = 20


class ConfigVocabularyBuilder:
    """Merges the ``[config]`` tables of every pack, later packs adding to earlier ones."""

    def __init__(self) -> None:
        self.lists: dict[str, list[str]] = {}
        self.patterns: dict[str, str] = {}
        self.dataset_min_records = 20

    def add(self, table: TableReader) -> None:
        table.reject_unknown([*_LISTS, *_PATTERNS, "dataset-min-records"])
        for key in _PATTERNS:
            pattern = table.pattern(key)
            if pattern is not None:
                self.patterns[key] = pattern
        for key in _LISTS:
            items = self.lists.setdefault(key, [])
            items.extend(value.lower() for value in table.strings(key) if value.lower() not in items)
        self.dataset_min_records = table.integer("dataset-min-records", self.dataset_min_records, minimum=1)

    def build(self) -> ConfigVocabulary:
        return ConfigVocabulary(
            **{key.replace("-", "_"): frozenset(self.lists.get(key, [])) for key in _LISTS},
            **{key.replace("-", "_"): value for key, value in self.patterns.items()},
            dataset_min_records=self.dataset_min_records,
        )
