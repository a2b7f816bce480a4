"""What mode a request runs in, read from its settings: shared by the DSM1xx rules."""

from __future__ import annotations

from migrator.catalog import Catalog, LegacyModel
from migrator.facts import RequestSite

UNKNOWN = "unknown"  # set, but to something this module cannot read


def explicit_thinking(site: RequestSite) -> str | None:
    """"enabled" / "disabled" when the request says so, None when it is silent, UNKNOWN otherwise."""
    toggle = site.request.toggle
    if toggle is None:
        return UNKNOWN
    if toggle.style == "bool":
        setting = site.setting((toggle.keyword,))  # type: ignore[arg-type]
        if setting is None:
            return UNKNOWN if site.opaque else None
        if setting.literal and isinstance(setting.value, bool):
            return "enabled" if setting.value else "disabled"
        return UNKNOWN
    if toggle.off is not None:
        off = site.setting(toggle.off[0])
        if off is not None and off.literal and off.value == toggle.off[1]:
            return "disabled"  # litellm's reasoning_effort="none"
    path = ((toggle.keyword,) if toggle.keyword else ()) + toggle.path + ("type",)
    setting = site.setting(path)
    if setting is not None:
        return setting.value if setting.literal and setting.value in ("enabled", "disabled") else UNKNOWN  # type: ignore[return-value]
    for depth in range(1, len(path)):
        container = site.setting(path[:depth])
        children = any(item.path[:depth] == path[:depth] and len(item.path) > depth for item in site.settings)
        if container is not None and not container.literal and not children:
            return UNKNOWN  # extra_body=EXTRA: its contents are not visible
    return UNKNOWN if site.opaque else None


def effective_thinking(site: RequestSite, catalog: Catalog) -> str | None:
    """The mode the request runs in, or None when that cannot be told."""
    explicit = explicit_thinking(site)
    if explicit == UNKNOWN:
        return None
    if explicit is not None:
        return explicit
    if site.model is None:
        return None
    if site.retired:
        return catalog.legacy[site.model].thinking
    return catalog.thinking_default


def renaming_starts_thinking(catalog: Catalog, legacy: LegacyModel) -> bool:
    """Would swapping the ID alone turn thinking on? The alias ran without it and its successors think by default."""
    return legacy.thinking == "disabled" and catalog.thinking_default == "enabled"
