"""Lists of models: tried in turn (each a selection), or a catalogue offered for choice (knowledge).

``FALLBACK_CHAIN = [...]`` sends each member in turn; ``available_models =
[...]`` that the file only compares against, prints, offers as ``choices=``
or returns from ``list_models()`` is a catalogue. Any other read
(``MODELS[0]``, ``random.choice(MODELS)``, a loop) keeps it a selection.
A catalogue entry's field that a request here sends (``api_model_name``)
is a selection too.
"""

from __future__ import annotations

import re
from typing import Mapping

import libcst as cst
from libcst.metadata import FunctionScope

from migrator.facts import RequestContext
from migrator.python_analysis.reads import UNKNOWN_SOURCE, _ReadJudge
from migrator.python_analysis.scopes import Scopes
from migrator.python_analysis.state import _Placement
from migrator.python_analysis.syntax import Owner, _dotted, _nodes_in, _owner_name, _string_value


class _ModelLists(_ReadJudge):
    """Whether a list of models is sent from this file, and whether a catalogue field is."""

    def _tried_in_turn(self, owner: Owner | None) -> bool:
        """A list named for models tried one after another (``FALLBACK_CHAIN``, ``candidates``)."""
        return owner is not None and re.search(self.vocab.model_list_name_pattern, _owner_name(owner)) is not None

    def _indexed(
        self, owner: Owner | None, reached: Mapping[Owner, list[RequestContext]], fixed_only: bool = False,
    ) -> list[RequestContext]:
        """The requests a member of the list reaches when picked by a plain index and bound to a name that a request
        here sends (``model = candidates[index]``, then ``body["model"] = model``; ``self.model =
        self.supported[0]``, then ``create(model=self.model)``); empty when none does.

        A slice, a comparison (``model != FALLBACKS[0]``), a member shown, looked
        up or bound to a name nothing sends picks no member to try. ``fixed_only``:
        only a literal index counts (``MODELS[MODELS.index(name)]`` is the name it
        was handed), and not a pick the function has always rebound the list
        before (``self.supported = fetch()``). Every member counts, whichever the
        index names: the list may be sorted, reversed or popped first, or looped
        over elsewhere. Any ``x.name`` read counts: a class's list may be read
        through a subclass, a base, a mixin or an instance of any of them.
        """
        reads = self._owner_reads(owner)
        requests: list[RequestContext] = []
        for read in reads or ():
            subscript = self.parents.get(read)
            if not (isinstance(subscript, cst.Subscript) and subscript.value is read and len(subscript.slice) == 1):
                continue
            index = subscript.slice[0].slice
            if not isinstance(index, cst.Index):
                continue  # candidates[1:]
            if fixed_only and not isinstance(
                index.value.expression if isinstance(index.value, cst.UnaryOperation) else index.value, cst.Integer
            ):
                continue
            holder = self.parents.get(subscript)
            if not (isinstance(holder, cst.Assign) and holder.value is subscript and len(holder.targets) == 1):
                continue
            if fixed_only and isinstance(owner, tuple) and self._replaced_before(owner, holder):
                continue
            target = holder.targets[0].target
            bound = target if isinstance(target, cst.Name) else self._owner_of(holder, self._ancestors(holder))
            if bound is not None and bound in reached:
                requests.extend(reached[bound])
        return requests

    def _replaced_before(self, owner: tuple[cst.CSTNode, str], pick: cst.Assign) -> bool:
        """Does the function that picks bind ``self.name`` to something that does not read it, before the pick
        (``self.supported = [m.id for m in client.models.list().data]``, then ``self.model = self.supported[0]``)?"""
        function = next((item for item in self._ancestors(pick)[::-1] if isinstance(item, cst.FunctionDef)), None)
        if function is None or not isinstance(function.body, cst.IndentedBlock):
            return False
        line = self._span(pick).line
        for statement in function.body.body:  # only statements that always run: not under if, try or a loop
            if not isinstance(statement, cst.SimpleStatementLine) or self._span(statement).line >= line:
                continue
            for node in statement.body:
                if not isinstance(node, cst.Assign):
                    continue
                stores = any(
                    isinstance(target.target, cst.Attribute) and target.target.attr.value == owner[1]
                    and isinstance(target.target.value, cst.Name) and target.target.value.value == "self"
                    for target in node.targets
                )
                if stores and not isinstance(node.value, (cst.List, cst.Tuple)) and not self._may_read(
                    node.value, owner
                ):  # a list literal is the list itself; a value that reads it (list(self.supported), + extra) keeps it
                    return True
        return False

    def _may_read(self, value: cst.BaseExpression, owner: tuple[cst.CSTNode, str]) -> bool:
        """Could the value hold the list: does it read ``x.name``, or call a method of ``self`` that does or that
        the class does not define (``self._load_models()`` falling back to ``type(self).supported_models``)?"""
        methods = {
            item.name.value: item for item in (owner[0].body.body if isinstance(owner[0], cst.ClassDef) else ())
            if isinstance(item, cst.FunctionDef)
        }
        for inner in _nodes_in(value):
            if isinstance(inner, cst.Attribute) and inner.attr.value == owner[1]:
                return True
            if isinstance(inner, cst.Call) and _dotted(inner.func)[:1] == ("self",) and len(_dotted(inner.func)) == 2:
                method = methods.get(_dotted(inner.func)[1])
                if method is None or any(
                    isinstance(node, cst.Attribute) and node.attr.value == owner[1] for node in _nodes_in(method)
                ):
                    return True
        return False

    def _owner_reads(self, owner: Owner | None) -> list[cst.CSTNode] | None:
        """Where the list is read: its name's reads in its scope, or every ``self.name`` / ``Class.name`` read of a
        class or instance attribute; None when that cannot be told."""
        if isinstance(owner, cst.Name):
            return self._binding_reads(owner)
        if isinstance(owner, tuple):
            return [
                node for node in self.parents
                if isinstance(node, cst.Attribute) and node.attr.value == owner[1] and not self._stored(node)
            ]
        return None

    def _list_read(self, owner: Owner | None, known_reads: set[cst.Name]) -> bool:
        """Is the list read in this file other than to compare, look up, print, list, or offer as ``choices=``?

        Any other read (``MODELS[0]``, ``random.choice(MODELS)``, a loop, an
        unpacking, ``pool.map(ask, MODELS)``) may send a member, so the list
        stays a selection. A list that nothing here reads is a catalogue;
        readers in other modules are not seen.
        """
        if owner not in self.list_reads:
            self.list_reads[owner] = self._reads_beyond_knowledge(owner, known_reads)
        return self.list_reads[owner]

    def _reads_beyond_knowledge(self, owner: Owner | None, known_reads: set[cst.Name]) -> bool:
        reads = self._owner_reads(owner)
        return reads is None or any(not self._knowledge_read(read, known_reads) for read in reads)

    def _iterated_into_knowledge(self, owner: Owner | None, known_reads: set[cst.Name]) -> bool:
        """Is the list iterated somewhere, and every loop variable over it only compared or looked up?"""
        targets = [
            target for iterated, target in self.iterations
            if owner is not None and owner in self._owners(iterated)
        ]
        if not targets or not all(isinstance(target, cst.Name) for target in targets):
            return False
        for target in targets:
            reads = self._binding_reads(target)  # type: ignore[arg-type]
            if not reads or not all(read in known_reads for read in reads):
                return False
        return True

    def _column_only_known(self, node: cst.CSTNode, owner: Owner | None, known_reads: set[cst.Name]) -> bool:
        """Rows unpacked by a loop whose variable for this column is only compared, looked up or shown.

        ``cases = [("deepseek", "deepseek-chat", 2000)]`` iterated as ``for
        provider, model, tokens in cases: calculate_cost(provider, model,
        tokens)``: the model column is looked up, nothing sends it.
        """
        element = self.parents.get(node)
        row = self.parents.get(element)
        if owner is None or not isinstance(element, cst.Element) or not isinstance(row, cst.Tuple):
            return False
        position = next(index for index, item in enumerate(row.elements) if item is element)
        targets = [target for iterated, target in self.iterations if owner in self._owners(iterated)]
        if not targets:
            return False
        for target in targets:
            if not isinstance(target, (cst.Tuple, cst.List)) or len(target.elements) != len(row.elements):
                return False
            column = target.elements[position].value
            if not isinstance(column, cst.Name):
                return False
            reads = self._binding_reads(column)
            if not reads or not all(self._column_read_known(read, known_reads) for read in reads):
                return False
            if not any(read in known_reads or self._looked_up_by_call(read) for read in reads):
                return False  # shown only, never compared or looked up: nothing says it is knowledge
        return True

    def _column_read_known(self, read: cst.CSTNode, known_reads: set[cst.Name]) -> bool:
        """Compared, looked up, or text for people; not a dict value or an f-string that may build a body."""
        if read in known_reads or self._looked_up_by_call(read):
            return True
        return self._in_prose_call(read, writes=False) or self._in_text_for_people(read)

    def _looked_up_by_call(self, read: cst.CSTNode) -> bool:
        """An argument of a call named for looking up (``calculate_cost(provider, model)``) that this module does
        not make send."""
        argument = self.parents.get(read)
        call = self.parents.get(argument) if isinstance(argument, cst.Arg) else None
        if not isinstance(call, cst.Call):
            return False
        name = (_dotted(call.func) or ("",))[-1]
        return (
            re.search(self.vocab.lookup_name_pattern, name) is not None
            and re.search(self.vocab.sending_call_pattern, name) is None and name not in self._sender_names()
        )

    def _keys_picked(self, owner: Owner | None) -> bool:
        """May code pick one of the dict's keys? Any read but a lookup (``PRICES[key]``, ``PRICES.get(key)``,
        ``key in PRICES``, ``PRICES.values()``, ``len(PRICES)``) may: a loop, ``min(PRICES, ...)``,
        ``next(iter(ROUTES.items()))``; so may a module that imports it, when this one never reads it."""
        if not isinstance(owner, cst.Name):
            return owner is not None  # a class attribute: its reads are not followed
        reads = self._binding_reads(owner)
        if reads is None:
            return True
        if not reads:  # read only in other modules, which may unpack and send its keys; a local nowhere
            try:
                scope = self.get_metadata(Scopes, owner)
            except KeyError:
                return True
            function = next((node for node in self._ancestors(owner)[::-1] if isinstance(node, cst.FunctionDef)), None)
            declared = function is not None and any(  # global ROUTES / nonlocal routes: read outside the function
                isinstance(node, (cst.Global, cst.Nonlocal)) and any(item.name.value == owner.value for item in node.names)
                for node in _nodes_in(function.body)
            )
            return declared or not isinstance(scope, FunctionScope)
        for read in reads:
            parent = self.parents.get(read)
            if isinstance(parent, cst.Subscript) and parent.value is read:
                continue
            if isinstance(parent, cst.ComparisonTarget):
                continue
            if isinstance(parent, cst.Attribute) and parent.value is read and parent.attr.value in ("get", "values", "setdefault"):
                continue
            if isinstance(parent, cst.Attribute) and parent.value is read and parent.attr.value == "keys" and isinstance(
                    self.parents.get(self.parents.get(parent)), cst.ComparisonTarget):
                continue  # (provider, model) in PRICES.keys()
            argument = parent if isinstance(parent, cst.Arg) else None
            call = self.parents.get(argument) if argument is not None else None
            if isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value == "len":
                continue
            return True
        return False

    def _catalogue_field_sent(self, node: cst.CSTNode, placement: _Placement, sent: dict[str, set[str]]) -> bool:
        """Is the catalogue entry's field one that a request in this file sends as its model?

        A distinctive field counts wherever it is read (``api_model_name``).
        ``model`` or ``id`` counts when the request reads it from this entry's
        catalogue (``spec = REGISTRY[0]``; ``create(model=spec.id)``): read
        from anything else, it says nothing about this entry.
        """
        if "model catalogue entry" not in placement.context:
            return False
        holder = self.parents.get(node)
        if isinstance(holder, cst.Arg):
            field = holder.keyword.value if holder.keyword is not None else None
        else:
            field = _string_value(holder.key) if isinstance(holder, cst.DictElement) else None
        if field is None or field not in sent:
            return False
        if field not in self.vocab.model_keywords:
            return True
        sources = sent[field]
        return self._catalogue_name(node) in sources or UNKNOWN_SOURCE in sources  # read from it, or from where we cannot see

    def _key_sent(self, node: cst.CSTNode, sent: set[str]) -> bool:
        """Does a request of this file that may go to DeepSeek send the field the record holds the value under,
        read from anything (``create(model=self.list_models()[0]["id"])``, ``for m in models: create(model=m["id"])``)?"""
        holder = self.parents.get(node)
        return isinstance(holder, cst.DictElement) and _string_value(holder.key) in sent

    def _catalogue_name(self, node: cst.CSTNode) -> str | None:
        """The name the literal holding this entry is assigned to (``REGISTRY = [ModelDef(...)]``)."""
        current = self.parents.get(node)
        added_to = None  # REGISTRY.append(ModelSpec(...)): the list the entry is added to
        while isinstance(current, (cst.Arg, cst.Call, cst.DictElement, cst.Dict, cst.Element, cst.List, cst.Tuple)):
            if isinstance(current, cst.Call) and isinstance(current.func, cst.Attribute) and isinstance(current.func.value, cst.Name):
                added_to = added_to or current.func.value.value
            current = self.parents.get(current)
        if isinstance(current, (cst.Assign, cst.AnnAssign)):
            target = current.targets[0].target if isinstance(current, cst.Assign) else current.target
            if isinstance(target, cst.Attribute):  # self.MODELS = [...] / class attribute read as self.MODELS
                return target.attr.value
            return target.value if isinstance(target, cst.Name) else added_to
        return added_to
