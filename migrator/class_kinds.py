"""Python-language vocabulary (not provider data): how classes declare Enum members and fields.

Its own module, free of libcst, so that the ``ast``-based project index and
the records workers send back can use it without importing libcst into the
main process (about 0.15 s of a run's start).
"""

from __future__ import annotations

ENUM_BASES = frozenset({"Enum", "StrEnum", "IntEnum", "Flag", "IntFlag"})
MODEL_BASES = frozenset({"BaseModel", "BaseSettings", "SQLModel", "TypedDict", "NamedTuple"})
FIELD_DECORATORS = frozenset({"dataclass", "define", "frozen", "mutable", "attrs", "s"})
