"""Where string literals name a retired ID: exact, qualified, in a template, a regex, a list, or compared text.

The collector's walk hands each string here; what is found is recorded as a
pending site (``_add``) and placed when the module is resolved.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

import libcst as cst

from migrator.facts import (
    KIND_DYNAMIC,
    KIND_LITERAL,
    MODEL_LIST_TEXT,
    PROVIDER_FOREIGN,
    ROLE_MODEL,
    ROLE_OTHER,
    ROLE_PROSE,
    ROLE_REFERENCE,
)
from migrator.patterns import fills, mentions, regex_matches
from migrator.python_analysis.sites import _SiteResolver
from migrator.python_analysis.state import _Pending, _Placement
from migrator.python_analysis.syntax import _MIN_STATIC_TEXT, _dotted, _source


class _StringSites(_SiteResolver):
    """Records the sites string literals make: the collector's walk calls these for every string it meets."""

    def _qualified_name(self, node: cst.SimpleString, value: str) -> bool:
        """``"deepseek::deepseek-chat"``: a registry's qualified name of the ID, a form no API takes, is knowledge.

        Where code uses it (a lookup, a comparison, a selection), not in text
        for people, and not under another provider's name.
        """
        qualifier, separator, name = value.rpartition("::")
        if not separator or name not in self.catalog.legacy or not re.fullmatch(r"[A-Za-z][\w.-]*", qualifier):
            return False
        if self._names_another_host(qualifier):
            return True  # "openrouter::deepseek-chat", "vertex::deepseek-chat": another host's model
        placement = self._place(node)
        # registry.lookup("deepseek::deepseek-chat"), not what builds test data
        handed = placement.context.startswith("argument of ") and placement.context.endswith("()")
        if placement.role in (ROLE_MODEL, ROLE_REFERENCE) or handed:
            context = f"qualified name, {placement.context}"
            self._add(node, KIND_DYNAMIC, _source(node), (name,), "", _Placement(ROLE_REFERENCE, context))
        return True

    def _compared_mention(self, node: cst.SimpleString, value: str) -> None:
        """``"DEEPSEEK_MODEL=deepseek-chat" in env_text``: a setting's text compared, spelling the ID, is knowledge.

        The ID must stand as a setting's value (after ``=`` or ``": "``), so
        prose that names it ("deepseek-chat is deprecated"), another host's
        form (``groq:deepseek-chat``, ``.../deepseek-chat``) and file names
        are left alone.
        """
        parent = self.stack[-1] if self.stack else None
        if not (isinstance(parent, cst.Comparison) and parent.left is node or isinstance(parent, cst.ComparisonTarget)):
            return
        for legacy_id in self.catalog.legacy:
            for match in re.finditer(re.escape(legacy_id), value):
                after = value[match.end():match.end() + 1]
                if re.search(r"(=\s*|:\s+)[\"']?$", value[:match.start()]) and not re.match(r"[\w:./@|-]", after):
                    context = "setting text compared with what spells it"
                    self._add(node, KIND_DYNAMIC, _source(node), (legacy_id,), "", _Placement(ROLE_REFERENCE, context))
                    return

    def _model_list_text(self, node: cst.SimpleString, value: str) -> bool:
        """``"deepseek-v4-pro,deepseek-chat"``: a delimited list of model names spelling a retired ID is knowledge.

        No API takes such a string as a model: code splits it (often in
        another module) to offer, allow or try its names, so each use must be
        reviewed. Every part must look like a model name (a hyphen, dot, colon,
        slash or digit in it), so prose ("deepseek-chat, deepseek-reasoner and
        others"), mixed settings (``"deepseek-chat,0.7"``) and words
        (``"model,deepseek-chat,tokens"``) are left alone. Where a request in
        this module sends a piece of it (``MODELS.split(",")[0]``), resolution
        makes it a request's model (DSM004); a piece sent from another module
        is not followed, and the message says to replace the ID there.
        """
        parts = [part.strip() for part in re.split(r"[,;]", value)]
        if len(parts) < 2 or not all(re.fullmatch(r"[A-Za-z][\w.:/@-]*[-.:/\d][\w.:/@-]*", part) for part in parts):
            return False
        splits = [self.catalog.split_model_string(part) for part in parts]
        legacy_ids = tuple(dict.fromkeys(split[1] for split in splits if split is not None))
        if not legacy_ids:
            return False
        prefixes = {split[0] for split in splits if split is not None}
        prefix = prefixes.pop() if len(prefixes) == 1 else ""  # "deepseek/deepseek-chat,openai/gpt-4o": LiteLLM names
        placement = self._place(node)
        if placement.role in (ROLE_OTHER, ROLE_PROSE) or self._settings_provider(node) == PROVIDER_FOREIGN:
            return True  # print("deepseek-chat,deepseek-reasoner"), a docstring, {"ollama": "deepseek-chat,qwen2"}
        # where it stands still says whose models they are
        self._add(node, KIND_DYNAMIC, _source(node), legacy_ids, prefix, replace(placement, role=ROLE_REFERENCE, context=MODEL_LIST_TEXT))
        return True

    def _literal(self, node: cst.CSTNode, value: str) -> bool:
        split = self.catalog.split_model_string(value)
        if split is None:
            return False
        self._add(node, KIND_LITERAL, value, (split[1],), split[0])
        return True

    def _add(
        self,
        node: cst.CSTNode,
        kind: str,
        value: str,
        legacy_ids: tuple[str, ...],
        prefix: str,
        placement: _Placement | None = None,
    ) -> None:
        self.pending.append(
            _Pending(
                node=node,
                kind=kind,
                value=value,
                legacy_ids=legacy_ids,
                prefix=prefix,
                placement=placement or self._place(node),
                function=".".join(
                    item.name.value for item in self.stack if isinstance(item, (cst.ClassDef, cst.FunctionDef))
                ),
                statement_line=self._statement_line(),
            )
        )

    def _template(self, node: cst.CSTNode, parts: Sequence[str | None]) -> None:
        """A string built at run time: does some filling of its holes spell a retired ID?"""
        if None not in parts or sum(len(part) for part in parts if part) < _MIN_STATIC_TEXT:
            return
        candidates = [
            (prefix, legacy_id)
            for legacy_id in self.catalog.legacy
            for prefix in ("", *self.catalog.deepseek_prefixes)
            if fills(parts, prefix + legacy_id)
        ]
        if not candidates:
            self._name_template(node, parts)
            return
        placement = self._place(node)
        if placement.role != ROLE_MODEL:
            return
        legacy_ids = tuple(dict.fromkeys(legacy_id for _, legacy_id in candidates))
        self._add(node, KIND_DYNAMIC, _source(node), legacy_ids, "", placement)

    def _formatted_here(self, node: cst.SimpleString) -> bool:
        """``"...{}".format(...)``: the call judges the filled-in string, not the template."""
        parent = self.stack[-1] if self.stack else None
        above = self.stack[-2] if len(self.stack) > 1 else None
        return isinstance(parent, cst.Attribute) and parent.value is node and isinstance(above, cst.Call)

    def _name_template(self, node: cst.CSTNode, parts: Sequence[str | None]) -> None:
        """``f"deepseek-chat-{suffix}"``: a name derived from a retired ID is knowledge about it."""
        head = parts[0] if parts else None
        if not head:
            return
        for legacy_id in self.catalog.legacy:
            if head.startswith(legacy_id) and len(head) > len(legacy_id) and head[len(legacy_id)] in "-_:/@.":
                self._add(node, KIND_DYNAMIC, _source(node), (legacy_id,), "", _Placement(ROLE_REFERENCE, "name template"))
                return

    def _drop_of_reasoning(self, node: cst.SimpleString) -> str | None:
        """How this mention of the reasoning field removes it from a message, if it does."""
        parent = self.stack[-1] if self.stack else None
        above = self.stack[-2] if len(self.stack) > 1 else None
        if isinstance(parent, cst.Arg) and isinstance(above, cst.Call):
            name = (_dotted(above.func) or ("",))[-1]
            if name == "pop" and above.args and above.args[0] is parent:
                return ".pop()"
        if isinstance(parent, cst.Index) and any(isinstance(item, cst.Del) for item in self.stack):
            return "del"
        for item in reversed(self.stack):
            if isinstance(item, cst.Arg) and item.keyword is not None and item.keyword.value == "exclude":
                return "exclude="
            if isinstance(item, (cst.Comparison, cst.ComparisonTarget)):
                continue
            if isinstance(item, (cst.DictComp, cst.ListComp, cst.SetComp, cst.GeneratorExp)):
                return "a comprehension that filters it out"
            if isinstance(item, cst.BaseStatement):
                break
        return None

    def _regex_matches(self, node: cst.SimpleString, value: str) -> tuple[tuple[str, ...], bool]:
        """Retired IDs a regex literal matches, when it matches none of their successors, and whether it ran.

        The file's own pattern runs only when its shape bounds backtracking
        (``patterns.regex_matches``); otherwise the IDs its text names count.
        """
        parent = self.stack[-1] if self.stack else None
        call = self.stack[-2] if len(self.stack) > 1 else None
        if not (isinstance(parent, cst.Arg) and isinstance(call, cst.Call)):
            return (), False
        if not self._matches(call.func, self.regex_calls):
            return (), False
        if not (parent is call.args[0] or (parent.keyword and parent.keyword.value == "pattern")):
            return (), False
        targets = regex_matches(value, self.catalog.targets.values())
        if targets is None:  # not run: judged by what its text names
            return tuple(legacy_id for legacy_id in self.catalog.legacy if mentions(value, legacy_id)), False
        if targets:
            return (), True
        return regex_matches(value, self.catalog.legacy) or (), True
