"""Analyse one config file: read it with its format's reader, then judge every value naming a retired ID."""

from __future__ import annotations

from typing import Callable

from migrator.catalog import Catalog
from migrator.config_analysis.dotenv_tree import parse_dotenv
from migrator.config_analysis.ini_tree import parse_ini
from migrator.config_analysis.json_tree import parse_json
from migrator.config_analysis.judge import Judge, id_span
from migrator.config_analysis.toml_tree import parse_toml
from migrator.config_analysis.tree import ConfigParseError, Node
from migrator.config_analysis.yaml_tree import parse_yaml
from migrator.facts import ConfigFacts, ConfigSite
from migrator.formats import config_kind
from migrator.textscan import LineIndex

_READERS: dict[str, Callable[[str], list[Node]]] = {
    "env": lambda text: [parse_dotenv(text)],
    "yaml": parse_yaml,
    "toml": lambda text: [parse_toml(text)],
    "json": lambda text: [parse_json(text)],
    "ini": lambda text: [parse_ini(text)],
}

__all__ = ["ConfigParseError", "analyze_config", "config_kind"]



def analyze_config(kind: str, text: str, catalog: Catalog) -> ConfigFacts:
    """Every value naming a retired ID; ``ConfigParseError`` when the file is not valid in its format."""
    index = LineIndex(text)
    judge = Judge(catalog, flat=kind == "env")
    sites = []
    for root in _READERS[kind](text):
        for judged in judge.judge(root):
            span, editable = id_span(index, judged)
            sites.append(
                ConfigSite(
                    span=span,
                    value=judged.scalar.value,
                    legacy_ids=(judged.legacy_id,),
                    prefix=judged.prefix,
                    key=judged.key,
                    role=judged.role,
                    context=judged.context,
                    provider=judged.provider,
                    editable=editable,
                    env_key=judged.env_key,
                )
            )
    return ConfigFacts(kind, tuple(sites))
