"""One libcst pass per Python file: every literal that names a retired model, and its role.

The pass does not decide what is a finding. It records, for each string
literal whose whole value is a retired ID (with or without a DeepSeek
provider prefix), the syntactic role it plays: it selects a model
(``model``), it is knowledge about the ID (``reference``), it is prose, or
something else. Checks read these facts; nothing here prints or reports.
"""

from __future__ import annotations

import ast
from typing import Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from migrator.catalog import Catalog, PythonVocabulary
from migrator.facts import (
    ROLE_MODEL,
    ROLE_OTHER,
    ROLE_PROSE,
    ROLE_REFERENCE,
    ModelLiteral,
    PythonFacts,
    RequestContext,
)
from migrator.findings import Span

# Python-language vocabulary (not provider data): how classes declare
# enum members and fields.
_ENUM_BASES = frozenset({"Enum", "StrEnum", "IntEnum", "Flag", "IntFlag"})
_MODEL_BASES = frozenset({"BaseModel", "BaseSettings", "SQLModel", "TypedDict", "NamedTuple"})
_FIELD_DECORATORS = frozenset({"dataclass", "define", "frozen", "mutable", "attrs", "s"})
_KEY_LOOKUPS = frozenset({"get", "setdefault", "pop"})


class PythonParseError(Exception):
    """The file is not valid Python; carries the position of the error."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def analyze_python(source: str, catalog: Catalog) -> PythonFacts:
    """Parse ``source`` once and classify every retired-ID literal in it."""
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as exc:
        raise _parse_error(source, exc) from None
    collector = _LiteralCollector(catalog)
    MetadataWrapper(module, unsafe_skip_copy=True).visit(collector)
    return PythonFacts(literals=tuple(collector.found))


def _parse_error(source: str, exc: cst.ParserSyntaxError) -> PythonParseError:
    """Prefer CPython's wording and position; fall back to libcst's."""
    try:
        compile(source, "<scanned file>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as error:
        return PythonParseError(error.msg, error.lineno or 1, error.offset or 1)
    except (ValueError, RecursionError, MemoryError):
        pass
    return PythonParseError(exc.message, exc.raw_line, exc.raw_column + 1)


class _LiteralCollector(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog
        self.vocab: PythonVocabulary = catalog.python
        self.needles = tuple(catalog.legacy)
        self.stack: list[cst.CSTNode] = []
        self.found: list[ModelLiteral] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        descend = super().on_visit(node)
        self.stack.append(node)
        return descend

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.stack.pop()
        super().on_leave(original_node)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if not any(needle in node.value for needle in self.needles):
            return
        value = node.evaluated_value
        if not isinstance(value, str):
            return
        split = self.catalog.split_model_string(value)
        if split is None:
            return
        prefix, legacy_id = split
        role, context, request = self._classify(node)
        position = self.get_metadata(PositionProvider, node)
        self.found.append(
            ModelLiteral(
                span=Span(
                    position.start.line, position.start.column + 1,
                    position.end.line, position.end.column + 1,
                ),
                value=value,
                legacy_id=legacy_id,
                prefix=prefix,
                role=role,
                context=context,
                request=request,
                function=self._qualname(),
                statement_line=self._statement_line(position.start.line),
            )
        )

    # ------------------------------------------------------------ context

    def _classify(self, node: cst.CSTNode) -> tuple[str, str, RequestContext | None]:
        """Say what the literal does, looking through ``a or b`` and ``a if c else b``."""
        child: cst.CSTNode = node
        index = len(self.stack) - 1
        while index >= 0:
            parent = self.stack[index]
            transparent = isinstance(parent, cst.BooleanOperation) or (
                isinstance(parent, cst.IfExp) and child is not parent.test
            )
            if not transparent:
                break
            child, index = parent, index - 1
        if index < 0:
            return ROLE_OTHER, "expression", None
        parent = self.stack[index]
        above = self.stack[:index]

        if isinstance(parent, cst.Arg) and above and isinstance(above[-1], cst.Call):
            return self._argument(parent, above[-1], above[:-1])
        if isinstance(parent, cst.DictElement):
            if child is parent.value:
                return self._dict_value(parent, above)
            return ROLE_REFERENCE, "dictionary key", None
        if isinstance(parent, (cst.Assign, cst.AnnAssign)) and child is parent.value:
            return ROLE_MODEL, self._assignment(parent, above), None
        if isinstance(parent, cst.Param) and child is parent.default:
            return ROLE_MODEL, f"default of parameter `{parent.name.value}`", None
        if isinstance(parent, cst.Return):
            return ROLE_MODEL, "return value", None
        if isinstance(parent, (cst.Comparison, cst.ComparisonTarget)):
            return ROLE_REFERENCE, "comparison", None
        if isinstance(parent, cst.MatchValue):
            return ROLE_REFERENCE, "match case", None
        if isinstance(parent, cst.Index):
            return ROLE_REFERENCE, "subscript", None
        if isinstance(parent, cst.Element):
            container = type(above[-1]).__name__.lower() if above else "collection"
            return ROLE_REFERENCE, f"{container} member", None
        if isinstance(parent, cst.Expr):
            return ROLE_PROSE, "docstring or bare string", None
        return ROLE_OTHER, type(parent).__name__, None

    def _argument(
        self, arg: cst.Arg, call: cst.Call, above: Sequence[cst.CSTNode]
    ) -> tuple[str, str, RequestContext | None]:
        segments = _dotted(call.func)
        callee = ".".join(segments)
        keyword = arg.keyword.value if arg.keyword else None
        positional = [item for item in call.args if item.keyword is None and not item.star]
        position = next((i for i, item in enumerate(positional) if item is arg), -1)

        if _matches_any(segments, self.vocab.env_default_calls) and (keyword == "default" or position == 1):
            return ROLE_MODEL, f"default of {callee}()", None
        if _matches_any(segments, self.vocab.field_calls) and (keyword == "default" or position == 0):
            return ROLE_MODEL, f"field default{self._assigned_name(above)}", None
        if keyword is not None:
            return ROLE_MODEL, f"keyword `{keyword}` of {callee}()", self._call_request(call, segments)
        if (
            segments
            and (segments[-1] in _KEY_LOOKUPS and position == 1 or segments[-1] == "getattr" and position == 2)
            and self._names_model_key(positional[position - 1].value)
        ):
            return ROLE_MODEL, f"fallback of {callee}()", None
        if position == 0 and _matches_any(segments, self.vocab.positional_model_calls):
            return ROLE_MODEL, f"model argument of {callee}()", self._call_request(call, segments)
        return ROLE_OTHER, f"argument of {callee}()", None

    def _dict_value(
        self, element: cst.DictElement, above: Sequence[cst.CSTNode]
    ) -> tuple[str, str, RequestContext | None]:
        key = _string_value(element.key)
        if key in self.vocab.model_keywords and above and isinstance(above[-1], cst.Dict):
            keys = tuple(
                name
                for item in above[-1].elements
                if isinstance(item, cst.DictElement)
                for name in [_string_value(item.key)]
                if name is not None
            )
            request = RequestContext(
                callee="payload",
                shape="http-payload",
                api="http",
                arguments=keys,
                uses_tools=any(name in self.vocab.tool_keywords for name in keys),
            )
            return ROLE_MODEL, f"payload key {key!r}", request
        return ROLE_MODEL, "dictionary value" if key is None else f"value of key {key!r}", None

    def _call_request(self, call: cst.Call, segments: tuple[str, ...]) -> RequestContext:
        path = tuple(segment for segment in segments if segment not in self.vocab.transparent_attributes)
        matches = [
            (len(pattern), shape)
            for shape in self.vocab.requests
            for pattern in shape.calls
            if len(path) >= len(pattern) and path[-len(pattern):] == pattern
        ]
        shape = max(matches, key=lambda item: item[0])[1] if matches else None
        keywords = tuple(item.keyword.value for item in call.args if item.keyword is not None)
        return RequestContext(
            callee=".".join(segments),
            shape=shape.name if shape else None,
            api=shape.api if shape else None,
            arguments=keywords,
            uses_tools=any(name in self.vocab.tool_keywords for name in keywords),
            requires_thinking=shape.requires_thinking if shape else None,
        )

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

    def _assigned_name(self, above: Sequence[cst.CSTNode]) -> str:
        for depth in range(len(above) - 1, -1, -1):
            node = above[depth]
            if isinstance(node, (cst.Assign, cst.AnnAssign)):
                description = self._assignment(node, above[:depth])
                return " " + description.split(" ")[-1]
            if isinstance(node, cst.BaseStatement):
                break
        return ""

    def _names_model_key(self, expression: cst.BaseExpression) -> bool:
        return _string_value(expression) in self.vocab.model_keywords

    # ------------------------------------------------------------ where

    def _qualname(self) -> str:
        return ".".join(
            node.name.value for node in self.stack if isinstance(node, (cst.ClassDef, cst.FunctionDef))
        )

    def _statement_line(self, default: int) -> int:
        for node in reversed(self.stack):
            if isinstance(node, cst.SimpleStatementLine):
                return self.get_metadata(PositionProvider, node).start.line
        return default


def _dotted(expression: cst.BaseExpression) -> tuple[str, ...]:
    """``a.b(x).c`` -> ("a", "b", "c"): calls in a chain collapse to their name."""
    if isinstance(expression, cst.Name):
        return (expression.value,)
    if isinstance(expression, cst.Attribute):
        return (*_dotted(expression.value), expression.attr.value)
    if isinstance(expression, cst.Call):
        return _dotted(expression.func)
    return ()


def _matches_any(segments: tuple[str, ...], dotted_names: frozenset[str]) -> bool:
    """True when the call path ends with one of the dotted names."""
    for name in dotted_names:
        parts = tuple(name.split("."))
        if len(segments) >= len(parts) and segments[-len(parts):] == parts:
            return True
    return False


def _string_value(expression: cst.BaseExpression | None) -> str | None:
    if isinstance(expression, cst.SimpleString):
        value = expression.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _source(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


def _owning_class(above: Sequence[cst.CSTNode]) -> cst.ClassDef | None:
    """The class whose body directly holds the statement at the top of ``above``."""
    if len(above) >= 3 and isinstance(above[-3], cst.ClassDef):
        return above[-3]
    return None


def _class_is(node: cst.ClassDef, names: frozenset[str]) -> bool:
    return any((_dotted(base.value) or ("",))[-1] in names for base in node.bases)


def _decorated_with(node: cst.ClassDef, names: frozenset[str]) -> bool:
    return any((_dotted(item.decorator) or ("",))[-1] in names for item in node.decorators)
