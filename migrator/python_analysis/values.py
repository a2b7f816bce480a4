"""What a value or a name says by itself: a model ID, a host, a data record, a model-like parameter."""

from __future__ import annotations

import re
from typing import Iterator, Sequence

import libcst as cst

from migrator.facts import PROVIDER_FOREIGN
from migrator.python_analysis.state import (
    _CollectorState,
)
from migrator.python_analysis.syntax import (
    _owning_class,
    _string_value,
)


class _ValueTests(_CollectorState):
    """Questions about one value or name that need the rule pack but no position: is it a model ID, a host, a record?"""

    def _names_host(self, value: cst.BaseExpression) -> bool:
        """A URL, or a provider's name (``"deepseek"``, ``"openrouter"``)."""
        text = _string_value(value)
        return text is not None and ("://" in text or self.catalog.provider_verdict(text) is not None)

    def _listing_record(self, mapping: cst.Dict) -> bool:
        """``{"id": ..., "object": "model", "owned_by": ...}``: an entry of a GET /models reply."""
        keys = {_string_value(element.key) for element in mapping.elements if isinstance(element, cst.DictElement)}
        return bool(keys & self.vocab.listing_keys)

    def _describes_model(self, keys: set[str | None]) -> bool:
        """Keys such as ``context_window`` or ``supports_tools``: the record is an entry of a model catalogue."""
        return any(key is not None and re.search(self.vocab.catalogue_key_pattern, key) for key in keys)

    def _catalogue_record(self, mapping: cst.Dict) -> bool:
        """A dict that describes a model (its limits, features or prices), holds no connection setting,
        and is not a request's parameters (``"litellm_params": {...}``)."""
        keys = {_string_value(element.key) for element in mapping.elements if isinstance(element, cst.DictElement)}
        holder = self.parents.get(mapping)
        if isinstance(holder, cst.DictElement) and _string_value(holder.key) in self.vocab.request_params_keys:
            return False
        return self._describes_model(keys) and not keys & (self.vocab.connection_keywords | self.vocab.base_url_keywords)

    def _beside_sent_model(self, mapping: cst.Dict, key: str) -> bool:
        """Does another key of the record name the model (``litellm_model_id``, ``model``), beside this ``id``/``name``?"""
        return any(
            isinstance(element, cst.DictElement) and (other := _string_value(element.key)) is not None
            and other != key and other not in self.vocab.catalogue_name_keywords and self._is_model_name(other)
            for element in mapping.elements
        )

    def _result_record(self, mapping: cst.Dict) -> bool:
        keys = {_string_value(element.key) for element in mapping.elements if isinstance(element, cst.DictElement)}
        return bool(keys & self.vocab.result_keys)

    def _names_model(self, value: cst.BaseExpression) -> bool:
        """A retired ID, bare or with a provider prefix."""
        text = _string_value(value)
        return text is not None and self.catalog.split_model_string(text) is not None

    def _exact_id(self, value: cst.BaseExpression) -> bool:
        text = _string_value(value)
        split = self.catalog.split_model_string(text) if text is not None else None
        return split is not None and split[0] == ""

    def _names_another_host(self, word: str) -> bool:
        """``"openrouter"``, ``Provider.OLLAMA``, ``"azure_foundry"``: a provider name, or one with another host's token."""
        return self.catalog.provider_verdict(word) == PROVIDER_FOREIGN or bool(
            set(re.findall(r"[a-z]+|\d+", word.lower())) & self.vocab.foreign_name_tokens
        )

    def _names_foreign_host(self, node: cst.Assign | cst.AnnAssign, above: Sequence[cst.CSTNode] = ()) -> bool:
        """``GROQ_DEEPSEEK_CHAT = ...``, ``OpenRouterDeepSeek = ...``: the name says another host.

        With ``above`` (the stack over the assignment; given for lists of
        models), the name of a class that holds it and makes no request
        itself counts too: ``class OpenRouterLLM: _support_models = [...]``.
        """
        target = node.targets[0].target if isinstance(node, cst.Assign) else node.target
        name = target.value if isinstance(target, cst.Name) else (
            target.attr.value if isinstance(target, cst.Attribute) else ""
        )
        owner = _owning_class(above) if above else None
        return self._name_says_another_host(name) or (
            owner is not None and self._name_says_another_host(owner.name.value)
            and owner.name.value not in self._sender_names()  # class AzureBot: ... its own requests to DeepSeek
        )

    def _name_says_another_host(self, name: str) -> bool:
        """A word of the name, or two adjacent words (``Open`` ``Router``), is another host's (``foreign-name-tokens``)."""
        words = [word.lower() for word in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", name)]
        tokens = set(words) | {first + second for first, second in zip(words, words[1:])}
        return bool(tokens & self.vocab.foreign_name_tokens)

    def _provider_qualified(self, value: cst.BaseExpression) -> bool:
        """``"deepseek:deepseek-chat"``, ``"deepseek/deepseek-chat"``: names the DeepSeek API by itself."""
        text = _string_value(value)
        split = self.catalog.split_model_string(text) if text is not None else None
        return split is not None and split[0] in self.catalog.deepseek_prefixes

    def _is_model_name(self, name: str) -> bool:
        return name in self.vocab.model_keywords or bool(re.search(self.vocab.model_keyword_pattern, name))

    def _parameter_names(self, func: cst.BaseExpression, position: int) -> Iterator[str]:
        """The name of the parameter at ``position`` of a function or class this module defines."""
        if not isinstance(func, cst.Name):
            return
        for assignment in self._assignments(func):
            node = assignment.node
            if isinstance(node, cst.FunctionDef):
                names = [param.name.value for param in node.params.params]
            elif isinstance(node, cst.ClassDef):
                names = _init_parameters(node)
            else:
                continue
            if position < len(names):
                yield names[position]


def _init_parameters(node: cst.ClassDef) -> list[str]:
    """What a class takes positionally: its ``__init__`` parameters after ``self``, else its annotated fields."""
    if not isinstance(node.body, cst.IndentedBlock):
        return []
    fields: list[str] = []
    for statement in node.body.body:
        if isinstance(statement, cst.FunctionDef) and statement.name.value == "__init__":
            return [param.name.value for param in statement.params.params][1:]
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                fields.append(small.target.value)
    return fields
