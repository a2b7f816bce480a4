"""The rule codes of the public contract (DESIGN.md).

Selectors in config and on the command line may name any of them, including
codes whose rules arrive in later versions; a selector that matches none is
an error.
"""

from __future__ import annotations

PUBLIC_CODES: tuple[str, ...] = (
    "DSM001", "DSM002", "DSM003", "DSM004",
    "DSM101", "DSM102", "DSM103", "DSM104", "DSM105",
)
