"""One libcst pass per Python file: every expression that names a retired model, and its role.

The pass does not decide what is a finding. For each site it records the
role the expression plays (it selects a model, it is knowledge about the ID,
it is prose), the request it reaches and where that request goes. Names are
resolved through libcst's scope metadata, so ``MODEL = "deepseek-chat"``
used in ``ChatOpenAI(model=MODEL, base_url=OPENROUTER)`` is known to go to
OpenRouter. Checks read these facts; nothing here prints or reports.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, replace
from typing import Hashable, Iterable, Iterator, Sequence
from urllib.parse import urlsplit

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider, ScopeProvider

from migrator.catalog import Catalog, PythonVocabulary
from migrator.facts import (
    KIND_CONDITIONAL,
    KIND_DYNAMIC,
    KIND_LITERAL,
    KIND_REGEX,
    REGEX_NOT_RUN,
    REGEX_RUN,
    KIND_SYMBOL,
    PROVIDER_DEEPSEEK,
    PROVIDER_FOREIGN,
    PROVIDER_UNKNOWN,
    ROLE_MODEL,
    ROLE_OTHER,
    ROLE_PROSE,
    ROLE_REFERENCE,
    DropSite,
    ModelSite,
    Sibling,
    Use,
    PythonFacts,
    RequestContext,
    RequestSite,
    Setting,
    SiteHandles,
)
from migrator.findings import Span
from migrator.textscan import LineIndex
from migrator.patterns import fills, mentions, regex_matches

# Python-language vocabulary (not provider data): how classes declare
# enum members and fields.
_ENUM_BASES = frozenset({"Enum", "StrEnum", "IntEnum", "Flag", "IntFlag"})
_MODEL_BASES = frozenset({"BaseModel", "BaseSettings", "SQLModel", "TypedDict", "NamedTuple"})
_FIELD_DECORATORS = frozenset({"dataclass", "define", "frozen", "mutable", "attrs", "s"})
_KEY_LOOKUPS = frozenset({"get", "setdefault", "pop"})
# Chat-message vocabulary shared by every OpenAI-compatible API.
_ROLE_KEY, _ASSISTANT_ROLE, _TOOL_CALLS_KEY = "role", "assistant", "tool_calls"
_SELF_NAMES = frozenset({"self", "cls"})
_MAX_DEPTH = 6  # how many names a base URL or client may be passed through
# A template must have this much fixed text before it can be said to build an ID.
_MIN_STATIC_TEXT = 5

Owner = Hashable  # what a value is assigned to: a target Name, a Param, or (class, attribute)


class PythonParseError(Exception):
    """The file is not valid Python; carries the position of the error."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def analyze_python(source: str, catalog: Catalog) -> PythonFacts:
    """Parse ``source`` once and classify every retired-ID site in it."""
    if not could_name_retired_id(source, catalog):
        return PythonFacts(sites=())
    cpython_error = _cpython_syntax_error(source)  # raises PythonTooDeep / PythonTooCostly
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as exc:
        raise cpython_error or PythonParseError(exc.message, exc.raw_line, exc.raw_column + 1) from None
    except UnicodeError as exc:  # text decoded with surrogateescape (API callers)
        raise PythonParseError(f"not valid Unicode text: {exc.reason}", 1, 1) from None
    except cst.CSTLogicError as exc:  # libcst's own validation of what it parsed (""x"" strings)
        raise cpython_error or PythonParseError(f"libcst cannot read it: {exc}", 1, 1) from None
    collector = _Collector(catalog, module, LineIndex(source))
    try:
        MetadataWrapper(module, unsafe_skip_copy=True).visit(collector)
    except SyntaxError as exc:  # a literal libcst parsed but Python cannot evaluate
        raise cpython_error or PythonParseError(exc.msg, exc.lineno or 1, exc.offset or 1) from None
    return PythonFacts(sites=tuple(collector.sites), requests=tuple(collector.request_sites), drops=tuple(collector.drops))


def could_name_retired_id(source: str, catalog: Catalog) -> bool:
    """A cheap text test: can this source hold any site at all?

    True when it spells a retired ID or a symbol for one, or when the part
    of an ID before its last "-" is followed by something that builds or
    matches a string at run time ({, %, quote, (, [, +). Files that only
    mention DeepSeek in imports or class names are not parsed.
    """
    if any(word in source for word in catalog.gate_words()):
        return True
    if any(name.rsplit(".", 1)[-1] in source for name in catalog.python.symbols):
        return True
    stems = {legacy_id[: legacy_id.rfind("-") + 1] for legacy_id in catalog.legacy if "-" in legacy_id}
    return any(re.search(re.escape(stem) + r"""["'{%(\[+]""", source) for stem in stems if len(stem) >= 4)


class PythonTooDeep(Exception):
    """CPython's own parser gives up on the file's nesting; libcst would crash or crawl on it."""


class PythonTooCostly(Exception):
    """Python compiles the file, but parsing it with libcst would take more memory than a run can spare."""

    def __init__(self, nodes: int, weight: int, depth: int) -> None:
        super().__init__(f"{nodes} syntax nodes, bracket nesting weight {weight}, depth {depth}")
        self.nodes = nodes
        self.weight = weight
        self.depth = depth


# libcst's memory grows with the syntax nodes and, for each node, with the
# brackets around it (about 1.3 KB per unit of weight: 190 nested lists around
# 30,000 items took 7.5 GB); the analysis time grows with the nodes (about
# 0.27 ms each: 200,000 `{}` took 56 s). These bounds keep one file near
# 1.3 GB and 40 s; real modules stay below (libcst's own 590 KB matchers
# module: 69,000 nodes, weight 390,000, 17 s).
MAX_SYNTAX_NODES = 150_000
MAX_BRACKET_WEIGHT = 1_000_000
# Deeper chains (a.b.c... or a + b + c ... a thousand long) make the analysis
# quadratic: 1,000 chained attributes take 1.6 s, 2,000 take 9 s.
MAX_SYNTAX_DEPTH = 1_000
_BRACKETED = (
    ast.List, ast.Tuple, ast.Set, ast.Dict, ast.Call, ast.Subscript,
    ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp,
)


def _check_parse_cost(tree: ast.AST) -> None:
    """Raise PythonTooCostly when libcst's parse of this module would blow up; linear in the nodes."""
    nodes = weight = deepest = 0
    stack: list[tuple[ast.AST, int, int]] = [(tree, 0, 0)]
    while stack:
        node, brackets, depth = stack.pop()
        nodes += 1
        weight += brackets
        deepest = max(deepest, depth)
        if isinstance(node, _BRACKETED):
            brackets += 1
        stack.extend((child, brackets, depth + 1) for child in ast.iter_child_nodes(node))
    if nodes > MAX_SYNTAX_NODES or weight > MAX_BRACKET_WEIGHT or deepest > MAX_SYNTAX_DEPTH:
        raise PythonTooCostly(nodes, weight, deepest)


def _cpython_syntax_error(source: str) -> PythonParseError | None:
    """Ask CPython's parser first: it bounds nesting, libcst's native parser does not.

    Nesting CPython refuses (over 200 brackets, or a few thousand chained
    operators) made ``libcst.parse_module`` segfault and take the whole run
    down; such a file cannot run anyway, so it gets a text scan instead.
    A file Python compiles is weighed before libcst sees it (``_check_parse_cost``).
    Other syntax errors are returned, not raised: libcst may still read the
    file (PEP 701 f-strings on an older interpreter).
    """
    try:
        tree = compile(source, "<scanned file>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except (RecursionError, MemoryError):
        raise PythonTooDeep() from None
    except SyntaxError as error:
        if "too many nested" in str(error.msg):
            raise PythonTooDeep() from None
        return PythonParseError(error.msg, error.lineno or 1, error.offset or 1)
    except ValueError as error:  # null bytes (a SyntaxError from Python 3.12 on): Python cannot run it
        raise PythonParseError(str(error), 1, 1) from None
    _check_parse_cost(tree)
    return None


@dataclass(frozen=True)
class _Placement:
    """Where an expression stands: its role, and what it reaches directly."""

    role: str
    context: str
    conditional: bool = False  # reached through `a or b` / `a if c else b`
    call: cst.Call | None = None  # the request call it is an argument of
    payload: cst.Dict | None = None  # the raw HTTP payload it is the model of
    owner: Owner | None = None  # the name it is assigned to


@dataclass
class _Pending:
    node: cst.CSTNode
    kind: str
    value: str
    legacy_ids: tuple[str, ...]
    prefix: str
    placement: _Placement
    function: str
    statement_line: int


class _Collector(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider, ScopeProvider)

    def __init__(self, catalog: Catalog, module: cst.Module, text: LineIndex) -> None:
        super().__init__()
        self.catalog = catalog
        self.module = module
        self.text = text
        self.vocab: PythonVocabulary = catalog.python
        self.words = catalog.literal_words()
        self.stack: list[cst.CSTNode] = []
        self.parents: dict[cst.CSTNode, cst.CSTNode] = {}
        self.pending: list[_Pending] = []
        self.assigned: dict[cst.CSTNode, cst.BaseExpression] = {}  # target Name -> value
        self.self_attributes: dict[tuple[cst.ClassDef, str], cst.BaseExpression] = {}
        self.model_arguments: list[tuple[cst.BaseExpression, cst.Call]] = []
        self.payload_arguments: list[tuple[cst.BaseExpression, cst.Call]] = []
        self.skip: set[cst.CSTNode] = set()
        self.sites: list[ModelSite] = []
        self.class_level: dict[cst.CSTNode, cst.ClassDef] = {}  # Name targets in a class body
        self.payload_models: list[tuple[cst.BaseExpression, cst.Dict, Owner | None]] = []
        self.requests: dict[cst.Call, RequestContext] = {}
        self.request_sites: list[RequestSite] = []
        self.drops: list[DropSite] = []
        self.candidate_calls: list[cst.Call] = []
        self.payloads: dict[cst.Dict, Owner | None] = {}
        self.returns: dict[cst.FunctionDef, list[cst.BaseExpression]] = {}
        # Names and attributes that are compared or used as keys: (expression, context, dict it keys).
        self.known_by_name: list[tuple[cst.BaseExpression, str, cst.Dict | None]] = []
        self.star_arguments: list[cst.BaseExpression] = []
        self._unpacked: set[Owner] | None = None
        self.posted: dict[Owner, list[tuple[str, int]]] | None = None
        self.body_changes: list[tuple[cst.BaseExpression, int]] = []  # body["model"] = ..., body.update(...)
        self._changed: dict[Owner, int] | None = None
        self.request_names = {pattern[-1] for shape in self.vocab.requests for pattern in shape.calls}
        # Dotted vocabularies, split once.
        self.positional_model_calls = _split_all(self.vocab.positional_model_calls)
        self.env_default_calls = _split_all(self.vocab.env_default_calls)
        self.field_calls = _split_all(self.vocab.field_calls)
        self.regex_calls = _split_all(self.vocab.regex_calls)
        self.serializer_calls = _split_all(self.vocab.serializer_calls)
        self.data_name = re.compile(self.vocab.data_name_pattern)
        self.mock_name = re.compile(self.vocab.mock_name_pattern)
        self.symbols = [(tuple(name.split(".")), legacy_id) for name, legacy_id in self.vocab.symbols.items()]

    # ------------------------------------------------------------ traversal

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self.stack:
            self.parents[node] = self.stack[-1]
        descend = super().on_visit(node)
        self.stack.append(node)
        return descend

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.stack.pop()
        super().on_leave(original_node)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._remember_assignment(target.target, node.value)
            subscript = target.target
            if isinstance(subscript, cst.Subscript) and any(
                isinstance(item.slice, cst.Index) and _string_value(item.slice.value) in self.vocab.model_keywords
                for item in subscript.slice
            ):
                self.body_changes.append((subscript.value, self._statement_line() or 0))

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._remember_assignment(node.target, node.value)

    def _remember_assignment(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if isinstance(target, (cst.Tuple, cst.List)) and isinstance(value, (cst.Tuple, cst.List)):
            if len(target.elements) == len(value.elements):
                for name, item in zip(target.elements, value.elements):
                    self._remember_assignment(name.value, item.value)
            return
        if isinstance(target, cst.Name):
            self.assigned[target] = value
            owner = _owning_class(self.stack)
            if owner is not None:
                self.class_level[target] = owner
        elif _is_self_attribute(target):
            owner = _enclosing_class(self.stack)
            if owner is not None:
                self.self_attributes[(owner, target.attr.value)] = value  # type: ignore[attr-defined]

    def visit_Arg(self, node: cst.Arg) -> None:
        call = self.stack[-1] if self.stack else None
        if not isinstance(call, cst.Call):
            return
        keyword = node.keyword.value if node.keyword else None
        if node.star == "**":
            self.star_arguments.append(node.value)
        if self._is_model_argument(node, call):
            self.model_arguments.append((node.value, call))
        if keyword in self.vocab.payload_keywords:
            self.payload_arguments.append((node.value, call))

    def _is_model_argument(self, arg: cst.Arg, call: cst.Call) -> bool:
        """``model=`` (or a keyword named like one), or the first argument of a model factory."""
        if arg.keyword is not None:
            name = arg.keyword.value
            return name in self.vocab.model_keywords or bool(re.search(self.vocab.model_keyword_pattern, name))
        return bool(call.args) and call.args[0] is arg and self._matches(call.func, self.positional_model_calls)

    def visit_DictElement(self, node: cst.DictElement) -> None:
        """``{"model": MODEL}``: the constant reaches whatever the payload is posted to."""
        mapping = self.stack[-1] if self.stack else None
        if isinstance(mapping, cst.Dict):
            self._known_by_name(node.key, "dictionary key", mapping)
            if _string_value(node.key) == _ROLE_KEY and _string_value(node.value) == _ASSISTANT_ROLE:
                self._assistant_turn(mapping)
        if isinstance(mapping, cst.Dict) and _string_value(node.key) in self.vocab.model_keywords:
            self.payloads.setdefault(mapping, self._assignment_owner(self.stack[:-1], through_calls=False))
            if not isinstance(node.value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
                self.payload_models.append(
                    (node.value, mapping, self._assignment_owner(self.stack[:-1], through_calls=False))
                )

    def visit_Return(self, node: cst.Return) -> None:
        function = _enclosing_function(self.stack)
        if function is not None and node.value is not None:
            self.returns.setdefault(function, []).append(node.value)

    # ------------------------------------------------------------ names used as knowledge

    def visit_Comparison(self, node: cst.Comparison) -> None:
        for operand in (node.left, *(target.comparator for target in node.comparisons)):
            self._known_by_name(operand, "comparison")

    def visit_Match(self, node: cst.Match) -> None:
        self._known_by_name(node.subject, "match subject")

    def visit_Subscript(self, node: cst.Subscript) -> None:
        for element in node.slice:
            if isinstance(element.slice, cst.Index):
                self._known_by_name(element.slice.value, "lookup key")

    def _known_by_name(self, expression: cst.BaseExpression, context: str, mapping: cst.Dict | None = None) -> None:
        if isinstance(expression, (cst.Name, cst.Attribute)):
            self.known_by_name.append((expression, context, mapping))
        elif isinstance(expression, (cst.Tuple, cst.List, cst.Set)):
            for element in expression.elements:
                self._known_by_name(element.value, context, mapping)

    def _assistant_turn(self, mapping: cst.Dict) -> None:
        """``{"role": "assistant", "content": ...}`` rebuilt by hand keeps only what it names."""
        keys = [_string_value(e.key) if isinstance(e, cst.DictElement) else None for e in mapping.elements]
        in_loop = any(isinstance(node, (cst.For, cst.While)) for node in self.stack)
        if not in_loop and _TOOL_CALLS_KEY not in keys:
            return  # a few-shot example written by hand, not a reply put back into the history
        if None not in keys and self.catalog.reasoning_field not in keys:
            self.drops.append(DropSite(self._span(mapping), "an assistant message rebuilt without it"))

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._remember_assignment(node.asname.name, node.item)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._remember_assignment(node.target, node.value)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if node in self.skip or not any(word in node.value for word in self.words):
            return
        value = node.evaluated_value
        if not isinstance(value, str):
            return
        if value == self.catalog.reasoning_field:
            how = self._drop_of_reasoning(node)
            if how is not None:
                self.drops.append(DropSite(self._span(node), how))
            return
        if self._literal(node, value):
            return
        matched, run = self._regex_matches(node, value)
        if matched:
            context = REGEX_RUN if run else REGEX_NOT_RUN
            self._add(node, KIND_REGEX, value, matched, "", _Placement(ROLE_REFERENCE, context))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        segments = _dotted(node)
        for parts, legacy_id in self.symbols:
            if segments[-len(parts):] == parts:
                self._add(node, KIND_SYMBOL, ".".join(segments), (legacy_id,), "")
                return

    def visit_IfExp(self, node: cst.IfExp) -> None:
        """``"deepseek-reasoner" if think else "deepseek-chat"``: the thinking switch as a model name."""
        branches = [_string_value(node.body), _string_value(node.orelse)]
        splits = [self.catalog.split_model_string(value) if value else None for value in branches]
        if None in splits or splits[0] == splits[1]:
            return
        placement = self._place(node)
        if placement.role != ROLE_MODEL:
            return
        self.skip.update((node.body, node.orelse))
        legacy_ids = tuple(split[1] for split in splits if split)
        self._add(node, KIND_CONDITIONAL, _source(node), legacy_ids, splits[0][0] if splits[0] else "", placement)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        parts: list[str | None] = []
        for part in node.parts:
            parts.append(part.value if isinstance(part, cst.FormattedStringText) else None)
        if None not in parts:  # f"deepseek-chat": a literal in disguise
            self._literal(node, "".join(part or "" for part in parts))
        else:
            self._template(node, parts)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        if isinstance(self.stack[-1] if self.stack else None, cst.ConcatenatedString):
            return  # the outermost one speaks for the whole
        value = _string_value(node)
        if value is not None and self._literal(node, value):
            self.skip.update(_string_parts(node))

    def _literal(self, node: cst.CSTNode, value: str) -> bool:
        split = self.catalog.split_model_string(value)
        if split is None:
            return False
        self._add(node, KIND_LITERAL, value, (split[1],), split[0])
        return True

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        parent = self.stack[-1] if self.stack else None
        if isinstance(node.operator, cst.Add):
            if isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.Add):
                return  # the outermost ``+`` of a chain speaks for it
            self._template(node, list(_flatten_concatenation(node)))
        elif isinstance(node.operator, cst.Modulo):
            template = _string_value(node.left)
            if template is not None:
                values = node.right.elements if isinstance(node.right, cst.Tuple) else [cst.Element(node.right)]
                fillers = [_string_value(element.value) for element in values]
                pieces = re.split(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdrif]", template)
                parts: list[str | None] = [pieces[0]]
                for index, piece in enumerate(pieces[1:]):
                    parts += [fillers[index] if index < len(fillers) else None, piece]
                self._template(node, parts)

    def visit_Call(self, node: cst.Call) -> None:
        segments = _dotted(node.func)
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "update":
            self.body_changes.append((node.func.value, self._span(node).line))
        if segments and segments[-1] in _KEY_LOOKUPS and node.args and node.args[0].keyword is None:
            self._known_by_name(node.args[0].value, "lookup key")
        if segments and segments[-1] in self.request_names:
            self.candidate_calls.append(node)
        func = node.func
        if not isinstance(func, cst.Attribute):
            return
        template = _string_value(func.value)
        if template is None:
            return
        if func.attr.value == "format":
            self._template(node, _format_parts(template, node.args))
        elif func.attr.value == "join" and node.args and isinstance(node.args[0].value, (cst.List, cst.Tuple)):
            items = [_string_value(element.value) for element in node.args[0].value.elements]
            parts: list[str | None] = []
            for index, item in enumerate(items):
                if index:
                    parts.append(template)
                parts.append(item)
            self._template(node, parts)

    # ------------------------------------------------------------ recording

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
            return
        placement = self._place(node)
        if placement.role != ROLE_MODEL:
            return
        legacy_ids = tuple(dict.fromkeys(legacy_id for _, legacy_id in candidates))
        self._add(node, KIND_DYNAMIC, _source(node), legacy_ids, "", placement)

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

    def _matches(self, func: cst.BaseExpression, names: Sequence[tuple[str, ...]]) -> bool:
        return _ends_with_any(_dotted(func), names)

    def _statement_line(self) -> int:
        for node in reversed(self.stack):
            if isinstance(node, cst.SimpleStatementLine):
                return self.get_metadata(PositionProvider, node).start.line
        return 0

    # ------------------------------------------------------------ placement

    def _place(self, node: cst.CSTNode, parent_index: int | None = None) -> _Placement:
        """Say what the expression does, looking through ``a or b``, ``a if c else b`` and ``.value``.

        ``parent_index`` is where the node's parent sits on the stack; by
        default the top, as seen from ``visit_*`` before the node is pushed.
        """
        child: cst.CSTNode = node
        index = len(self.stack) - 1 if parent_index is None else parent_index
        chosen = False
        while index >= 0:
            parent = self.stack[index]
            choice = isinstance(parent, cst.BooleanOperation) or (
                isinstance(parent, cst.IfExp) and child is not parent.test
            )
            if not choice and not (
                isinstance(parent, cst.Attribute) and parent.attr.value == "value" and child is parent.value
            ):
                break
            chosen = chosen or choice
            child, index = parent, index - 1
        placement = self._place_at(child, index)
        return replace(placement, conditional=chosen) if chosen else placement

    def _place_at(self, child: cst.CSTNode, index: int) -> _Placement:
        """What an expression does, given that its parent is at ``index`` on the stack."""
        if index < 0:
            return _Placement(ROLE_OTHER, "expression")
        parent = self.stack[index]
        above = self.stack[:index]

        if isinstance(parent, cst.Arg) and above and isinstance(above[-1], cst.Call):
            return self._argument(parent, above[-1], above[:-1])
        if isinstance(parent, cst.DictElement):
            if child is parent.value:
                return self._dict_value(parent, above)
            return _Placement(ROLE_REFERENCE, "dictionary key")
        if isinstance(parent, (cst.Assign, cst.AnnAssign)) and child is parent.value:
            return _Placement(ROLE_MODEL, self._assignment(parent, above), owner=self._owner_of(parent, above))
        if isinstance(parent, cst.Param) and child is parent.default:
            return _Placement(ROLE_MODEL, f"default of parameter `{parent.name.value}`", owner=parent)
        if isinstance(parent, cst.Return):
            return _Placement(ROLE_MODEL, "return value", owner=_enclosing_function(above))
        if isinstance(parent, cst.Lambda) and child is parent.body:
            return _Placement(ROLE_MODEL, "lambda result")
        if isinstance(parent, (cst.Comparison, cst.ComparisonTarget)):
            return _Placement(ROLE_REFERENCE, "comparison")
        if isinstance(parent, (cst.MatchValue, cst.MatchSingleton)):
            return _Placement(ROLE_REFERENCE, "match case")
        if isinstance(parent, cst.Index):
            return _Placement(ROLE_REFERENCE, "subscript")
        if isinstance(parent, cst.Element):
            unpacked = self._unpacked_assignment(parent, above)
            if unpacked is not None:
                return unpacked
            container = type(above[-1]).__name__.lower() if above else "collection"
            return _Placement(ROLE_REFERENCE, f"{container} member")
        if isinstance(parent, cst.Expr):
            return _Placement(ROLE_PROSE, "docstring or bare string")
        return _Placement(ROLE_OTHER, type(parent).__name__)

    def _unpacked_assignment(self, element: cst.Element, above: Sequence[cst.CSTNode]) -> _Placement | None:
        """``FAST, SLOW = "deepseek-chat", "deepseek-reasoner"``: each value has its own name."""
        if len(above) < 2 or not isinstance(above[-1], (cst.Tuple, cst.List)):
            return None
        values, statement = above[-1], above[-2]
        if not isinstance(statement, cst.Assign) or statement.value is not values:
            return None
        target = statement.targets[0].target
        if not isinstance(target, (cst.Tuple, cst.List)) or len(target.elements) != len(values.elements):
            return None
        position = next(i for i, item in enumerate(values.elements) if item is element)
        name = target.elements[position].value
        owner_class = _owning_class(above[:-1])
        if isinstance(name, cst.Name):
            owner: Owner | None = (owner_class, name.value) if owner_class is not None else name
        else:
            owner = None
        return _Placement(ROLE_MODEL, f"assignment to {_source(name)}", owner=owner)

    def _argument(self, arg: cst.Arg, call: cst.Call, above: Sequence[cst.CSTNode]) -> _Placement:
        segments = _dotted(call.func)
        callee = ".".join(segments)
        keyword = arg.keyword.value if arg.keyword else None
        positional = [item for item in call.args if item.keyword is None and not item.star]
        position = next((i for i, item in enumerate(positional) if item is arg), -1)

        if self._matches(call.func, self.env_default_calls) and (keyword == "default" or position == 1):
            return _Placement(ROLE_MODEL, f"default of {callee}()", owner=self._assignment_owner(above))
        if self._matches(call.func, self.field_calls) and (keyword == "default" or position == 0):
            target = self._assigned_name(above)
            return _Placement(ROLE_MODEL, f"field default{target}", owner=self._assignment_owner(above))
        if segments and segments[-1] in self.vocab.reference_methods and keyword is None:
            return _Placement(ROLE_REFERENCE, f"argument of .{segments[-1]}()")
        if segments and segments[-1] in self.vocab.mock_assertions:
            return _Placement(ROLE_REFERENCE, f"mock assertion .{segments[-1]}()")
        if keyword is None and segments and (
            segments[-1] in _KEY_LOOKUPS and position == 0 or segments[-1] == "getattr" and position == 1
        ):
            return _Placement(ROLE_REFERENCE, "lookup key")
        if self._matches(call.func, self.regex_calls) and (position == 0 or keyword == "pattern"):
            return _Placement(ROLE_REFERENCE, "regular expression")
        if keyword is not None:
            if self._is_model_argument(arg, call):
                return _Placement(ROLE_MODEL, f"keyword `{keyword}` of {callee}()", call=call)
            return _Placement(ROLE_OTHER, f"keyword `{keyword}` of {callee}()")
        if segments and (
            segments[-1] in _KEY_LOOKUPS and position == 1 or segments[-1] == "getattr" and position == 2
        ) and (
            _string_value(positional[position - 1].value) in self.vocab.model_keywords
            or re.search(self.vocab.model_keyword_pattern, ".".join(segments[:-1]))
        ):
            return _Placement(ROLE_MODEL, f"fallback of {callee}()", owner=self._assignment_owner(above))
        if position == 0 and self._is_model_argument(arg, call):
            return _Placement(ROLE_MODEL, f"model argument of {callee}()", call=call)
        return _Placement(ROLE_OTHER, f"argument of {callee}()")

    def _dict_value(self, element: cst.DictElement, above: Sequence[cst.CSTNode]) -> _Placement:
        key = _string_value(element.key)
        mapping = above[-1] if above and isinstance(above[-1], cst.Dict) else None
        if mapping is not None:
            holder = above[-2] if len(above) > 1 else None
            if isinstance(holder, cst.Arg) and holder.keyword and holder.keyword.value in self.vocab.metadata_keywords:
                return _Placement(ROLE_OTHER, f"value in `{holder.keyword.value}`")
            if self._place(mapping, len(above) - 2).context == "comparison":
                return _Placement(ROLE_REFERENCE, "value of a compared dictionary")
        owner = self._assignment_owner(above[:-1]) if mapping is not None else None
        if key in self.vocab.model_keywords and mapping is not None:
            owner = self._assignment_owner(above[:-1], through_calls=False)
            return _Placement(ROLE_MODEL, f"payload key {key!r}", payload=mapping, owner=owner)
        return _Placement(ROLE_MODEL, "dictionary value" if key is None else f"value of key {key!r}", owner=owner)

    def _assignment(self, node: cst.Assign | cst.AnnAssign, above: Sequence[cst.CSTNode]) -> str:
        target = node.targets[0].target if isinstance(node, cst.Assign) else node.target
        name = _source(target)
        owner = _owning_class(above)
        if owner is not None:
            qualified = f"{owner.name.value}.{name}"
            if _class_is(owner, _ENUM_BASES):
                return f"enum member {qualified}"
            if isinstance(node, cst.AnnAssign) and (
                _class_is(owner, _MODEL_BASES) or _decorated_with(owner, _FIELD_DECORATORS)
            ):
                return f"field default {qualified}"
            return f"class attribute {qualified}"
        if len(above) >= 2 and isinstance(above[-2], cst.Module):
            return f"module constant {name}"
        return f"assignment to {name}"

    def _owner_of(self, node: cst.Assign | cst.AnnAssign, above: Sequence[cst.CSTNode]) -> Owner | None:
        """The name a value is bound to, in the form name resolution will find it."""
        target = node.targets[0].target if isinstance(node, cst.Assign) else node.target
        owner_class = _owning_class(above)
        if isinstance(target, cst.Name):
            return (owner_class, target.value) if owner_class is not None else target
        if _is_self_attribute(target):
            enclosing = _enclosing_class(above)
            return (enclosing, target.attr.value) if enclosing is not None else None  # type: ignore[attr-defined]
        return None

    def _assignment_owner(self, above: Sequence[cst.CSTNode], through_calls: bool = True) -> Owner | None:
        """Owner of the assignment whose value holds the call or dict at the top of ``above``.

        A dict literal passed to a call is not bound to the call's result
        (``response = requests.post(URL, json={...})``): ``through_calls``
        False stops there.
        """
        passable = (cst.Dict, cst.DictElement, cst.BooleanOperation, cst.IfExp)
        if through_calls:
            passable += (cst.Arg, cst.Call)
        for depth in range(len(above) - 1, -1, -1):
            node = above[depth]
            if isinstance(node, (cst.Assign, cst.AnnAssign)):
                return self._owner_of(node, above[:depth])
            if isinstance(node, cst.Return):
                return _enclosing_function(above[:depth])  # a builder function's result
            if not isinstance(node, passable):
                return None
        return None

    def _assigned_name(self, above: Sequence[cst.CSTNode]) -> str:
        for depth in range(len(above) - 1, -1, -1):
            node = above[depth]
            if isinstance(node, (cst.Assign, cst.AnnAssign)):
                return " " + self._assignment(node, above[:depth]).split(" ")[-1]
            if isinstance(node, cst.BaseStatement):
                break
        return ""

    # ------------------------------------------------------------ resolution

    def leave_Module(self, original_node: cst.Module) -> None:
        # Metadata is only available during the visit, so resolution happens here.
        self.sites = list(self._resolve_sites())
        self.request_sites = list(self._resolve_requests())

    def _posted(self) -> dict[Owner, list[tuple[str, int]]]:
        """Where each name that is posted as a raw HTTP body goes (memoized).

        Only the body of a real HTTP call counts (``session.post(url,
        json=payload)``, ``data=json.dumps(payload)``): a dict registered
        with a mock (``requests_mock``, ``respx``) or handed to any other
        call is data, not a request.
        """
        if self.posted is None:
            self.posted = {}
            for expression, call in self.payload_arguments:
                if not self._is_http_call(call):
                    continue
                posting = (self._posting_verdict(call), self._span(call).line)
                for owner in self._owners(self._serialized(expression)):
                    self.posted.setdefault(owner, []).append(posting)
        return self.posted

    def _is_http_call(self, call: cst.Call) -> bool:
        """An HTTP client's request method, on a client that is not a mock."""
        segments = _dotted(call.func)
        if not segments or segments[-1] not in self.vocab.http_calls:
            return False
        client = self._client_of(call.func, 0)
        receiver = [*segments[:-1], *(_dotted(client.func) if client is not None else ())]
        if client is not None:  # httpx.Client(transport=httpx.MockTransport(handler))
            receiver += [segment for arg in client.args for segment in _dotted(arg.value)]
        return not any(self.mock_name.search(segment) for segment in receiver)

    def _serialized(self, expression: cst.BaseExpression) -> cst.BaseExpression:
        """``json.dumps(payload).encode()`` -> ``payload``: what a serialized body was made from."""
        if _is_encode(expression):
            expression = expression.func.value  # type: ignore[attr-defined]
        if isinstance(expression, cst.Call) and self._matches(expression.func, self.serializer_calls) and expression.args:
            return expression.args[0].value
        return expression

    def _body_verdicts(self, payload: cst.Dict, owner: Owner | None) -> list[tuple[str, int]] | None:
        """Where a dict literal is posted as an HTTP body, or None when no post is shown.

        A dict bound to a name that says it is data (``expected_body``,
        ``mock_response``) is never a body, wherever it goes.
        """
        if owner is not None and not isinstance(owner, cst.FunctionDef) and self.data_name.search(_owner_name(owner)):
            return None
        verdicts = self._posted().get(owner, []) if owner is not None else []
        holder = self.parents.get(payload)
        call = self.parents.get(holder) if holder is not None else None
        if isinstance(holder, cst.Arg) and isinstance(call, cst.Call) and self._matches(call.func, self.serializer_calls):
            wrapped: cst.CSTNode = call
            if isinstance(self.parents.get(call), cst.Attribute) and _is_encode(self.parents.get(self.parents[call])):
                wrapped = self.parents[self.parents[call]]  # json.dumps(...).encode()
            holder = self.parents.get(wrapped)
            call = self.parents.get(holder) if holder is not None else None
        if (
            isinstance(holder, cst.Arg)
            and isinstance(call, cst.Call)
            and holder.keyword is not None
            and holder.keyword.value in self.vocab.payload_keywords
            and self._is_http_call(call)
        ):
            verdicts = [*verdicts, (self._posting_verdict(call), self._span(call).line)]
        return verdicts or None

    def _body_request(self, payload: cst.Dict, owner: Owner | None) -> RequestContext | None:
        """The request a dict literal is the body of, or None when no post is shown."""
        verdicts = self._body_verdicts(payload, owner)
        if verdicts is None:
            return None
        request = self._payload_request(payload, _combine([verdict for verdict, _ in verdicts]))
        if self._changed is None:
            self._changed = {found: line for expression, line in self.body_changes for found in self._owners(expression)}
        changed = self._changed.get(owner, 0) if owner is not None else 0
        return replace(request, line=min(line for _, line in verdicts), model_changed_at=changed)

    def _resolve_requests(self) -> Iterator[RequestSite]:
        """Every SDK request and raw payload that can reach DeepSeek, with its settings."""
        for call in self.candidate_calls:
            request = self._request(call)
            if request.shape is None:
                continue
            model_arg = next((arg for arg in call.args if self._is_model_argument(arg, call)), None)
            site = self._request_site(call, request, model_arg.value if model_arg else None, self._call_settings(call))
            if site is not None:
                yield site
        for mapping, owner in self.payloads.items():
            request = self._body_request(mapping, owner)
            if request is None or self._is_unpacked(mapping, owner):
                continue
            model_element = next(
                (e for e in mapping.elements if isinstance(e, cst.DictElement) and _string_value(e.key) in self.vocab.model_keywords),
                None,
            )
            settings = tuple(_dict_settings(mapping, ()))
            site = self._request_site(mapping, request, model_element.value if model_element else None, settings)
            if site is not None:
                yield site

    def _request_site(
        self,
        node: cst.Call | cst.Dict,
        request: RequestContext,
        model_value: cst.BaseExpression | None,
        settings: Iterable[tuple[tuple[str, ...], cst.CSTNode, object, bool]],
    ) -> RequestSite | None:
        text = self._string_through(model_value, 0) if model_value is not None else None
        legacy = self.catalog.split_model_string(text) if text is not None else None
        current = self.catalog.split_current_model(text) if text is not None and legacy is None else None
        retired = legacy is not None
        model = legacy[1] if legacy else (current[1] if current else None)
        if request.provider == PROVIDER_FOREIGN or (model is None and request.provider != PROVIDER_DEEPSEEK):
            return None
        resolved = tuple(Setting(path, self._span(where), value, literal) for path, where, value, literal in settings)
        return RequestSite(
            span=self._span(node),
            request=request,
            model=model,
            model_span=self._span(model_value) if model_value is not None else None,
            retired=retired,
            settings=resolved,
            opaque=_has_double_star(node),
            model_direct=_string_value(model_value) is not None if model_value is not None else False,
            handles=self._handles(model_value, node),
        )

    def _call_settings(self, call: cst.Call) -> Iterator[tuple[tuple[str, ...], cst.CSTNode, object, bool]]:
        """Keyword arguments and their literal dict contents; a dict bound to a name in this
        module is read through the name (``extra_body=EXTRA``), so what it lacks is known."""
        for arg in call.args:
            if arg.keyword is None:
                continue
            path = (arg.keyword.value,)
            yield from _value_settings(path, arg, arg.value)
            if isinstance(arg.value, cst.Name):
                bound = self._value_of(arg.value)
                if isinstance(bound, cst.Dict):
                    yield from _dict_settings(bound, path)

    def _string_through(self, expression: cst.BaseExpression, depth: int) -> str | None:
        """The string a model value holds, through names and ``x or "default"`` fallbacks."""
        if depth > _MAX_DEPTH:
            return None
        text = _string_value(expression)
        if text is not None:
            return text
        if isinstance(expression, cst.FormattedString) and all(isinstance(p, cst.FormattedStringText) for p in expression.parts):
            return "".join(part.value for part in expression.parts)  # type: ignore[union-attr]
        if isinstance(expression, cst.Name):
            value = self._value_of(expression)
            return self._string_through(value, depth + 1) if value is not None else None
        if isinstance(expression, cst.BooleanOperation):
            return self._string_through(expression.right, depth + 1)
        if isinstance(expression, cst.Attribute) and isinstance(expression.value, cst.Name):
            for owner_class in self._classes_of(expression.value):  # Cfg.CHAT
                value = _class_attribute(owner_class, expression.attr.value)
                if value is not None:
                    return self._string_through(value, depth + 1)
        if isinstance(expression, cst.Call) and self._matches(expression.func, self.env_default_calls):
            default = _call_default(expression)
            return self._string_through(default, depth + 1) if default is not None else None
        return None

    def _resolve_sites(self) -> Iterator[ModelSite]:
        """Attach requests and providers, now that every name in the module is known."""
        reached: dict[Owner, list[RequestContext]] = {}
        for expression, call in self.model_arguments:
            request = self._request(call)
            for owner in self._owners(expression):
                reached.setdefault(owner, []).append(request)
        for expression, mapping, mapping_owner in self.payload_models:
            payload_request = self._body_request(mapping, mapping_owner)
            if payload_request is None:
                continue  # data that only looks like a request
            for owner in self._owners(expression):
                reached.setdefault(owner, []).append(payload_request)

        uses, siblings = self._uses_by_owner()
        for item in self.pending:
            placement = item.placement
            request: RequestContext | None = None
            provider = PROVIDER_UNKNOWN
            if placement.call is not None:
                request = self._request(placement.call)
                provider = request.provider
            elif placement.payload is not None:
                request = self._body_request(placement.payload, placement.owner)
                provider = request.provider if request is not None else PROVIDER_UNKNOWN
            elif placement.owner is not None and placement.owner in reached:
                requests = reached[placement.owner]
                provider = _combine([request.provider for request in requests])
                request = next((r for r in requests if r.provider != PROVIDER_FOREIGN), requests[0])
            request_node = placement.call if placement.call is not None else (placement.payload if request else None)
            if placement.payload is not None and self._is_unpacked(placement.payload, placement.owner):
                # **params into an SDK call: its keys are keyword arguments, not an HTTP body.
                request = replace(request, toggle=None) if request is not None else None
                request_node = None
            yield ModelSite(
                span=self._span(item.node),
                kind=item.kind,
                value=item.value,
                legacy_ids=item.legacy_ids,
                prefix=item.prefix,
                routed=item.prefix in self.catalog.routed_prefixes,
                role=placement.role,
                context=placement.context,
                request=request,
                provider=provider,
                function=item.function,
                statement_line=item.statement_line or self._span(item.node).line,
                conditional=placement.conditional,
                uses=tuple(uses.get(placement.owner, ())) if placement.owner is not None and placement.payload is None else (),
                siblings=self._siblings(item, siblings),
                handles=self._handles(item.node, request_node),
            )

    def _uses_by_owner(self) -> tuple[dict[Owner, list[Use]], dict[Owner, list[Sibling]]]:
        """Where each name is compared or used as a key, and the other keys of the dicts it keys."""
        uses: dict[Owner, list[Use]] = {}
        siblings: dict[Owner, list[Sibling]] = {}
        for expression, context, mapping in self.known_by_name:
            owners = list(self._owners(expression))
            line = self._span(expression).line
            for owner in owners:
                uses.setdefault(owner, []).append(Use(line, context))
            if mapping is None or not owners:
                continue
            for element in mapping.elements:
                if isinstance(element, cst.DictElement) and element.key is not expression:
                    value = self._string_through(element.key, 0)
                    if value is not None:
                        for owner in owners:
                            siblings.setdefault(owner, []).append(Sibling(_source(element.key), value))
        return uses, siblings

    def _siblings(self, item: _Pending, by_owner: dict[Owner, list[Sibling]]) -> tuple[Sibling, ...]:
        """Values that must stay distinct from this one: its Enum's other members, its dicts' other keys."""
        owner = item.placement.owner
        found = list(by_owner.get(owner, ())) if owner is not None else []
        found.extend(self._functional_enum_siblings(item.node))
        if isinstance(owner, tuple) and isinstance(owner[0], cst.ClassDef) and self._is_enum(owner[0], 0):
            found.extend(
                Sibling(f"{owner[0].name.value}.{name}", value)
                for name, value in _enum_values(owner[0]).items()
                if name != owner[1]
            )
        return tuple(dict.fromkeys(found))

    def _inherited_attribute(self, node: cst.ClassDef, name: str, depth: int) -> cst.BaseExpression | None:
        """What a class (or a base class defined in this module) sets ``name`` to: in its body or on ``self``."""
        value = self.self_attributes.get((node, name)) or _class_attribute(node, name)
        if value is not None or depth > _MAX_DEPTH:
            return value
        for base in node.bases:
            if isinstance(base.value, cst.Name):
                for found in self._assignments(base.value):
                    if isinstance(found.node, cst.ClassDef):
                        value = self._inherited_attribute(found.node, name, depth + 1)
                        if value is not None:
                            return value
        return None

    def _is_enum(self, node: cst.ClassDef, depth: int) -> bool:
        """An Enum class, also through the module's own base classes (``class Model(Base)``)."""
        if _class_is(node, _ENUM_BASES):
            return True
        if depth > _MAX_DEPTH:
            return False
        for base in node.bases:
            if isinstance(base.value, cst.Name):
                for found in self._assignments(base.value):
                    if isinstance(found.node, cst.ClassDef) and self._is_enum(found.node, depth + 1):
                        return True
        return False

    def _functional_enum_siblings(self, node: cst.CSTNode) -> Iterator[Sibling]:
        """``Enum("Model", {"CHAT": "deepseek-chat", ...})``: the other members' values."""
        element = self.parents.get(node)
        mapping = self.parents.get(element) if isinstance(element, cst.DictElement) else None
        arg = self.parents.get(mapping) if isinstance(mapping, cst.Dict) else None
        call = self.parents.get(arg) if isinstance(arg, cst.Arg) else None
        if not isinstance(call, cst.Call) or (_dotted(call.func) or ("",))[-1] not in _ENUM_BASES:
            return
        for other in mapping.elements:  # type: ignore[union-attr]
            value = _string_value(other.value) if isinstance(other, cst.DictElement) and other is not element else None
            if value is not None:
                yield Sibling(_source(other.key), value)  # type: ignore[union-attr]

    def _handles(self, node: cst.CSTNode | None, request_node: cst.CSTNode | None) -> SiteHandles:
        """The nodes a codemod needs, with spans, block indentation and the usable quote."""
        anchor = request_node if request_node is not None else node
        chain = self._ancestors(anchor) if anchor is not None else []
        indents = _pushed_indents(chain, anchor, self.module.default_indent)
        enclosing = next((item for item in reversed(chain) if isinstance(item, cst.FormattedString)), None)
        if enclosing is not None:
            quote = "'" if '"' in enclosing.start else '"'
        else:
            quote = _quote_of(node)
        return SiteHandles(
            module=self.module,
            node=node,
            request_node=request_node,
            request_span=self._span(request_node) if request_node is not None else None,
            node_span=self._span(node) if node is not None else None,
            indents=indents,
            quote=quote,
            text=self.text,
        )

    def _is_unpacked(self, mapping: cst.Dict, owner: Owner | None) -> bool:
        """Is this dict (or the name it is bound to) spread into a call with ``**``?"""
        parent = self.parents.get(mapping)
        if isinstance(parent, cst.Arg) and parent.star == "**":
            return True
        return owner is not None and owner in self.unpacked

    @property
    def unpacked(self) -> set[Owner]:
        if self._unpacked is None:
            self._unpacked = {owner for expression in self.star_arguments for owner in self._owners(expression)}
        return self._unpacked

    def _span(self, node: cst.CSTNode) -> Span:
        position = self.get_metadata(PositionProvider, node)
        return Span(position.start.line, position.start.column + 1, position.end.line, position.end.column + 1)

    def _request(self, call: cst.Call) -> RequestContext:
        """The request a call makes (computed once per call)."""
        if call not in self.requests:
            self.requests[call] = self._describe_request(call)
        return self.requests[call]

    def _describe_request(self, call: cst.Call) -> RequestContext:
        segments = _dotted(call.func)
        path = tuple(segment for segment in segments if segment not in self.vocab.transparent_attributes)
        candidates = [path, *(tuple(name.split(".")) for name in self._qualified_names(call.func))]
        matches = [
            (len(pattern), shape)
            for shape in self.vocab.requests
            if shape.kind == "call"
            for pattern in shape.calls
            for candidate in candidates
            if len(candidate) >= len(pattern) and candidate[-len(pattern):] == pattern
        ]
        shape = max(matches, key=lambda item: item[0])[1] if matches else None
        keywords = tuple(item.keyword.value for item in call.args if item.keyword is not None)
        return RequestContext(
            callee=".".join(segments),
            shape=shape.name if shape else None,
            api=shape.api if shape else None,
            uses_tools=any(name in self.vocab.tool_keywords for name in keywords),
            requires_thinking=shape.requires_thinking if shape else None,
            provider=self._call_provider(call, 0),
            toggle=shape.toggle if shape else None,
            line=self._span(call).line,
        )

    def _qualified_names(self, expression: cst.BaseExpression) -> set[str]:
        """Fully qualified names an import gives an expression (``completion`` -> ``litellm.completion``)."""
        try:
            scope = self.get_metadata(ScopeProvider, expression)
        except KeyError:
            return set()
        if scope is None:
            return set()
        return {qualified.name.replace(".<locals>", "") for qualified in scope.get_qualified_names_for(expression)}

    def _payload_request(self, payload: cst.Dict, provider: str) -> RequestContext:
        keys = tuple(
            name
            for item in payload.elements
            if isinstance(item, cst.DictElement)
            for name in [_string_value(item.key)]
            if name is not None
        )
        shape = self.vocab.payload_shape()
        return RequestContext(
            body=True,
            callee="payload",
            shape=shape.name if shape else None,
            api=shape.api if shape else None,
            uses_tools=any(name in self.vocab.tool_keywords for name in keys),
            provider=provider,
            toggle=shape.toggle if shape else None,
            line=self._span(payload).line,
        )

    def _posting_verdict(self, call: cst.Call) -> str:
        """Where a raw HTTP call posts: its URL argument, else its client."""
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in self.vocab.url_keywords:
                return self._url_verdict(arg.value, 0)
        positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
        if len(positional) > 1 and (_string_value(positional[0].value) or "").isalpha():
            positional = positional[1:]  # requests.request("POST", URL, ...)
        if positional:
            verdict = self._url_verdict(positional[0].value, 0)
            if verdict != PROVIDER_UNKNOWN:
                return verdict
        return self._call_provider(call, 0)

    def _call_provider(self, call: cst.Call, depth: int) -> str:
        """Where a call's request goes: base URL, provider argument, class, then client."""
        if depth > _MAX_DEPTH:
            return PROVIDER_UNKNOWN
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in self.vocab.base_url_keywords:
                verdict = self._url_verdict(arg.value, depth + 1)
                if verdict != PROVIDER_UNKNOWN:
                    return verdict
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in self.vocab.provider_keywords:
                verdict = self._provider_value(arg.value, depth + 1)
                if verdict != PROVIDER_UNKNOWN:
                    return verdict
        segments = _dotted(call.func)
        if segments and segments[-1] in self.vocab.foreign_callables:
            return PROVIDER_FOREIGN
        if segments and segments[-1] in self.vocab.deepseek_callables:
            return PROVIDER_DEEPSEEK
        client = self._client_of(call.func, depth + 1)
        return self._call_provider(client, depth + 1) if client is not None else PROVIDER_UNKNOWN

    def _client_of(self, func: cst.BaseExpression, depth: int) -> cst.Call | None:
        """The constructor call of the object a method is called on, when the module shows it."""
        expression = func.value if isinstance(func, cst.Attribute) else None
        while expression is not None and depth <= _MAX_DEPTH:
            if isinstance(expression, cst.Call):
                inner = expression.func
                name = inner.attr.value if isinstance(inner, cst.Attribute) else None
                if name in self.vocab.transparent_attributes and isinstance(inner, cst.Attribute):
                    if any(arg.keyword and arg.keyword.value in self.vocab.base_url_keywords for arg in expression.args):
                        return expression  # client.with_options(base_url=...): that URL wins
                    expression = inner.value
                    continue
                return expression
            if _is_self_attribute(expression):
                owner = _enclosing_class(self._ancestors(expression))
                attribute = expression.attr.value  # type: ignore[attr-defined]
                # self.client = OpenAI(...) in __init__, or client = OpenAI(...) in the body, here or in a base
                value = self._inherited_attribute(owner, attribute, 0) if owner is not None else None
                return value if isinstance(value, cst.Call) else None
            if isinstance(expression, cst.Attribute) and isinstance(expression.value, cst.Name):
                for owner_class in self._classes_of(expression.value):  # Bot.client
                    value = self._inherited_attribute(owner_class, expression.attr.value, 0)
                    if isinstance(value, cst.Call):
                        return value
            if isinstance(expression, cst.Attribute):
                expression = expression.value
                continue
            if isinstance(expression, cst.Name):
                value = self._value_of(expression)
                if isinstance(value, cst.Call):
                    return value
                expression, depth = value, depth + 1
                continue
            return None
        return None

    def _url_verdict(self, expression: cst.BaseExpression, depth: int) -> str:
        if depth > _MAX_DEPTH:
            return PROVIDER_UNKNOWN
        text = _string_value(expression)
        if text is not None:
            return self._host_verdict(text)
        if isinstance(expression, cst.FormattedString) and expression.parts:
            first = expression.parts[0]
            if isinstance(first, cst.FormattedStringText):
                return self._host_verdict(first.value)
            return self._url_verdict(first.expression, depth + 1)
        if isinstance(expression, cst.BinaryOperation) and isinstance(expression.operator, cst.Add):
            return self._url_verdict(expression.left, depth + 1)
        if isinstance(expression, cst.Call) and self._matches(expression.func, self.env_default_calls):
            default = _call_default(expression)
            return self._url_verdict(default, depth + 1) if default is not None else PROVIDER_UNKNOWN
        if isinstance(expression, cst.Name):
            value = self._value_of(expression)
            return self._url_verdict(value, depth + 1) if value is not None else PROVIDER_UNKNOWN
        if _is_self_attribute(expression):  # self.url, set in the constructor
            owner = _enclosing_class(self._ancestors(expression))
            value = self.self_attributes.get((owner, expression.attr.value)) if owner else None  # type: ignore[attr-defined]
            return self._url_verdict(value, depth + 1) if value is not None else PROVIDER_UNKNOWN
        return PROVIDER_UNKNOWN

    def _host_verdict(self, url: str) -> str:
        try:
            host = urlsplit(url if "//" in url else "//" + url).hostname
        except ValueError:  # "http://[::1/v1": not a URL Python can read
            return PROVIDER_UNKNOWN
        return self.catalog.host_verdict(host) if host else PROVIDER_UNKNOWN

    def _provider_value(self, expression: cst.BaseExpression, depth: int) -> str:
        text = _string_value(expression)
        if text is not None:
            return self.catalog.provider_verdict(text) or PROVIDER_UNKNOWN
        if isinstance(expression, cst.Call):
            return self._call_provider(expression, depth + 1)
        if isinstance(expression, cst.Attribute):
            return self.catalog.provider_verdict(expression.attr.value) or PROVIDER_UNKNOWN
        if isinstance(expression, cst.Name) and depth <= _MAX_DEPTH:
            value = self._value_of(expression)
            return self._provider_value(value, depth + 1) if value is not None else PROVIDER_UNKNOWN
        return PROVIDER_UNKNOWN

    def _owners(self, expression: cst.BaseExpression, seen: set[cst.CSTNode] | None = None) -> Iterator[Owner]:
        """What a model argument's value was assigned to: names, params, class attributes."""
        seen = set() if seen is None else seen
        if expression in seen:
            return  # model = model or "deepseek-chat" refers to itself
        seen.add(expression)
        while True:
            if isinstance(expression, cst.Subscript):
                expression = expression.value
            elif isinstance(expression, cst.Attribute) and expression.attr.value == "value":
                expression = expression.value
            else:
                break
        if isinstance(expression, cst.BooleanOperation):
            yield from self._owners(expression.left, seen)
            yield from self._owners(expression.right, seen)
        elif isinstance(expression, cst.IfExp):
            yield from self._owners(expression.body, seen)
            yield from self._owners(expression.orelse, seen)
        elif isinstance(expression, cst.Name):
            for assignment in self._assignments(expression):
                node = assignment.node
                if isinstance(node, cst.Name):
                    yield node
                    if node in self.class_level:
                        yield (self.class_level[node], node.value)
                    value = self.assigned.get(node)
                    if value is not None and not isinstance(value, (cst.SimpleString, cst.Dict)):
                        yield from self._owners(value, seen)  # MODEL = settings.model or DEFAULT; body = build()
                elif isinstance(node, cst.Param):
                    yield node
                    if node.default is not None and not isinstance(node.default, cst.SimpleString):
                        yield from self._owners(node.default, seen)  # def run(self, model=MODEL)
        elif isinstance(expression, cst.Call):
            for function in self._functions_of(expression.func):
                yield function  # build_payload(): the dict it returns
                for returned in self.returns.get(function, []):
                    yield from self._owners(returned, seen)
        elif isinstance(expression, cst.Attribute):
            attribute = expression.attr.value
            if _is_self_attribute(expression):
                owner = _enclosing_class(self._ancestors(expression))
                if owner is not None:
                    yield (owner, attribute)
            elif isinstance(expression.value, cst.Name):
                for owner_class in self._classes_of(expression.value):
                    yield (owner_class, attribute)

    def _functions_of(self, func: cst.BaseExpression) -> Iterator[cst.FunctionDef]:
        """The module's own function (or method of the enclosing class) a call invokes."""
        if isinstance(func, cst.Name):
            yield from (found.node for found in self._assignments(func) if isinstance(found.node, cst.FunctionDef))
        elif _is_self_attribute(func):
            owner = _enclosing_class(self._ancestors(func))
            if owner is not None and isinstance(owner.body, cst.IndentedBlock):
                yield from (
                    item for item in owner.body.body
                    if isinstance(item, cst.FunctionDef) and item.name.value == func.attr.value  # type: ignore[attr-defined]
                )

    def _classes_of(self, name: cst.Name) -> Iterator[cst.ClassDef]:
        """The module's class a name stands for: the class itself, or an instance of it."""
        for assignment in self._assignments(name):
            if isinstance(assignment.node, cst.ClassDef):
                yield assignment.node
            elif isinstance(assignment.node, cst.Name):
                value = self.assigned.get(assignment.node)
                if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
                    yield from (
                        found.node
                        for found in self._assignments(value.func)
                        if isinstance(found.node, cst.ClassDef)
                    )

    def _assignments(self, name: cst.Name) -> list:
        try:
            scope = self.get_metadata(ScopeProvider, name)
        except KeyError:
            return []
        if scope is None:
            return []
        return [assignment for assignment in scope[name.value] if hasattr(assignment, "node")]

    def _value_of(self, name: cst.Name) -> cst.BaseExpression | None:
        """The value bound to ``name`` where it is used: the latest assignment before it."""
        bound = [
            (self._span(assignment.node), self.assigned[assignment.node])
            for assignment in self._assignments(name)
            if isinstance(assignment.node, cst.Name) and assignment.node in self.assigned
        ]
        if not bound:
            return None
        bound.sort(key=lambda item: (item[0].line, item[0].column))
        use = self._span(name)
        before = [value for span, value in bound if (span.line, span.column) < (use.line, use.column)]
        return before[-1] if before else bound[-1][1]

    def _ancestors(self, node: cst.CSTNode) -> list[cst.CSTNode]:
        chain = []
        current = self.parents.get(node)
        while current is not None:
            chain.append(current)
            current = self.parents.get(current)
        return chain[::-1]


_NOT_LITERAL = object()


def _literal_value(expression: cst.BaseExpression) -> object:
    """A literal's Python value (str, bool, None, int, float), else _NOT_LITERAL."""
    text = _string_value(expression)
    if text is not None:
        return text
    if isinstance(expression, cst.Name) and expression.value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[expression.value]
    if isinstance(expression, (cst.Integer, cst.Float)):
        return expression.evaluated_value
    return _NOT_LITERAL


def _dict_settings(
    mapping: cst.Dict, prefix: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], cst.CSTNode, object, bool]]:
    for element in mapping.elements:
        if isinstance(element, cst.DictElement):
            key = _string_value(element.key)
            if key is not None:
                yield from _value_settings((*prefix, key), element, element.value)


def _value_settings(
    path: tuple[str, ...], where: cst.CSTNode, value: cst.BaseExpression
) -> Iterator[tuple[tuple[str, ...], cst.CSTNode, object, bool]]:
    """A setting, and the keys of a literal dict inside it (three levels at most)."""
    literal = _literal_value(value)
    yield path, where, None if literal is _NOT_LITERAL else literal, literal is not _NOT_LITERAL
    if isinstance(value, cst.Dict) and len(path) < 4:
        yield from _dict_settings(value, path)


def _has_double_star(node: cst.Call | cst.Dict) -> bool:
    if isinstance(node, cst.Call):
        return any(arg.star == "**" for arg in node.args)
    return any(isinstance(element, cst.StarredDictElement) for element in node.elements)


def _combine(verdicts: Sequence[str]) -> str:
    """DeepSeek if any use goes there; foreign only if every use goes elsewhere."""
    if PROVIDER_DEEPSEEK in verdicts:
        return PROVIDER_DEEPSEEK
    if verdicts and all(verdict == PROVIDER_FOREIGN for verdict in verdicts):
        return PROVIDER_FOREIGN
    return PROVIDER_UNKNOWN


def _dotted(expression: cst.BaseExpression) -> tuple[str, ...]:
    """``a.b(x).c`` -> ("a", "b", "c"): calls in a chain collapse to their name."""
    if isinstance(expression, cst.Name):
        return (expression.value,)
    if isinstance(expression, cst.Attribute):
        return (*_dotted(expression.value), expression.attr.value)
    if isinstance(expression, cst.Call):
        return _dotted(expression.func)
    return ()


def _split_all(dotted_names: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(name.split(".")) for name in dotted_names)


def _ends_with_any(segments: tuple[str, ...], names: Sequence[tuple[str, ...]]) -> bool:
    """True when the call path ends with one of the (split) dotted names."""
    return any(len(segments) >= len(parts) and segments[-len(parts):] == parts for parts in names)


def _string_value(expression: cst.BaseExpression | None) -> str | None:
    if isinstance(expression, cst.SimpleString):
        value = expression.evaluated_value
        return value if isinstance(value, str) else None
    if isinstance(expression, cst.ConcatenatedString):
        left, right = _string_value(expression.left), _string_value(expression.right)
        return left + right if left is not None and right is not None else None
    return None


def _call_default(call: cst.Call) -> cst.BaseExpression | None:
    """The fallback of ``os.getenv(NAME, default)`` or ``default=``."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "default":
            return arg.value
    positional = [arg for arg in call.args if arg.keyword is None]
    return positional[1].value if len(positional) > 1 else None


def _quote_of(node: cst.CSTNode | None) -> str:
    """The quote character of a string expression (double quotes otherwise)."""
    while isinstance(node, cst.ConcatenatedString):
        node = node.left
    if isinstance(node, cst.SimpleString):
        return "'" if node.value.lstrip("rRuUbB")[:1] == "'" else '"'
    if isinstance(node, cst.FormattedString):
        return "'" if "'" in node.start else '"'
    return '"'


def _string_parts(node: cst.BaseExpression) -> Iterator[cst.CSTNode]:
    if isinstance(node, cst.ConcatenatedString):
        yield from _string_parts(node.left)
        yield from _string_parts(node.right)
    else:
        yield node


def _flatten_concatenation(node: cst.BaseExpression) -> Iterator[str | None]:
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        yield from _flatten_concatenation(node.left)
        yield from _flatten_concatenation(node.right)
    else:
        yield _string_value(node)


def _format_parts(template: str, args: Sequence[cst.Arg]) -> list[str | None]:
    """``"{}-{}".format("deepseek", kind)`` -> ["", "deepseek", "-", None, ""]."""
    positional = [_string_value(arg.value) for arg in args if arg.keyword is None and not arg.star]
    named = {arg.keyword.value: _string_value(arg.value) for arg in args if arg.keyword is not None}
    parts: list[str | None] = []
    automatic = 0
    pieces = re.split(r"\{([^{}]*)\}", template)
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            parts.append(piece)
            continue
        field_name = piece.split("!")[0].split(":")[0]
        if field_name == "":
            field_name, automatic = str(automatic), automatic + 1
        if field_name.isdigit():
            position = int(field_name)
            parts.append(positional[position] if position < len(positional) else None)
        else:
            parts.append(named.get(field_name))
    return parts


def _source(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


def _is_encode(expression: cst.CSTNode | None) -> bool:
    """``something.encode()``."""
    return (
        isinstance(expression, cst.Call)
        and isinstance(expression.func, cst.Attribute)
        and expression.func.attr.value == "encode"
    )


def _owner_name(owner: Owner) -> str:
    """The name an owner is known by: a variable, a parameter, an attribute or a function."""
    if isinstance(owner, tuple):
        return str(owner[1])
    if isinstance(owner, cst.Name):
        return owner.value
    if isinstance(owner, (cst.Param, cst.FunctionDef)):
        return owner.name.value
    return ""


def _pushed_indents(chain: Sequence[cst.CSTNode], anchor: cst.CSTNode | None, default: str) -> tuple[str, ...]:
    """The indentation libcst's code generator has pushed when it renders ``anchor``.

    Every indented block pushes its indent, and so does a ``match`` statement
    around its cases (but not around its subject): leaving the latter out put
    edits inside ``case`` bodies four columns off.
    """
    indents: list[str] = []
    for node, child in zip(chain, [*chain[1:], anchor]):
        if isinstance(node, cst.IndentedBlock) or (isinstance(node, cst.Match) and isinstance(child, cst.MatchCase)):
            indents.append(node.indent if node.indent is not None else default)
    return tuple(indents)


def _is_self_attribute(node: cst.BaseExpression) -> bool:
    return (
        isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value in _SELF_NAMES
    )


def _owning_class(above: Sequence[cst.CSTNode]) -> cst.ClassDef | None:
    """The class whose body directly holds the statement at the top of ``above``."""
    if len(above) >= 3 and isinstance(above[-3], cst.ClassDef):
        return above[-3]
    return None


def _enclosing_class(above: Sequence[cst.CSTNode]) -> cst.ClassDef | None:
    """The class of the method that ``above`` is inside, if any."""
    for node in reversed(above):
        if isinstance(node, cst.ClassDef):
            return node
    return None


def _class_attribute(node: cst.ClassDef, name: str) -> cst.BaseExpression | None:
    """The value a class body assigns to ``name``."""
    if not isinstance(node.body, cst.IndentedBlock):
        return None
    for statement in node.body.body:
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Assign) and any(
                isinstance(t.target, cst.Name) and t.target.value == name for t in small.targets
            ):
                return small.value
            if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name) and small.target.value == name:
                return small.value
    return None


def _enum_values(enum: cst.ClassDef) -> dict[str, str]:
    """The string values of an Enum's members (``CHAT = "deepseek-chat"``)."""
    values: dict[str, str] = {}
    if not isinstance(enum.body, cst.IndentedBlock):
        return values
    for statement in enum.body.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            target = small.targets[0].target if isinstance(small, cst.Assign) and len(small.targets) == 1 else None
            target = small.target if isinstance(small, cst.AnnAssign) and small.value is not None else target
            value = _string_value(small.value) if isinstance(small, (cst.Assign, cst.AnnAssign)) else None
            if isinstance(target, cst.Name) and value is not None:
                values[target.value] = value
    return values


def _enclosing_function(above: Sequence[cst.CSTNode]) -> cst.FunctionDef | None:
    """The innermost function ``above`` is inside, if any."""
    return next((node for node in reversed(above) if isinstance(node, cst.FunctionDef)), None)


def _class_is(node: cst.ClassDef, names: frozenset[str]) -> bool:
    return any((_dotted(base.value) or ("",))[-1] in names for base in node.bases)


def _decorated_with(node: cst.ClassDef, names: frozenset[str]) -> bool:
    return any((_dotted(item.decorator) or ("",))[-1] in names for item in node.decorators)
