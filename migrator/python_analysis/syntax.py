"""Questions about libcst nodes that need no context: dotted names, string values, classes, indents."""

from __future__ import annotations

import re
from typing import Hashable, Iterable, Iterator, Sequence

import libcst as cst

from migrator.python_analysis.walk import children

_KEY_LOOKUPS = frozenset({"get", "setdefault", "pop"})
# str methods whose result is a piece of the text they are called on.
_TEXT_PIECES = frozenset({"split", "rsplit", "strip", "lstrip", "rstrip"})
# pytest's naming: test_x / testX functions, Test* classes (so Testimonial is none).
_TEST_FUNCTION = re.compile(r"test(?:_|[A-Z0-9]|$)")
_TEST_CLASS = re.compile(r"Test(?:_|[A-Z0-9]|$)")
# Calls that assert: self.assertEqual, mock.assert_called_with, self.fail, pytest.raises.
_ASSERTION_CALL = re.compile(r"^_*(assert|fail)|^raises$")
# Classes named as test doubles: FakeOpenAI, MockClient, _StubTransport, DummyLLM (not Mockingbird).
_DOUBLE_CLASS = re.compile(r"(Mock(ed)?|Fake|Stub|Dummy)(?![a-z])|(?i:(^|_)(mock(ed)?|fake|stub|dummy)(_|$))")
# Chat-message vocabulary shared by every OpenAI-compatible API.
_ROLE_KEY, _ASSISTANT_ROLE, _TOOL_CALLS_KEY = "role", "assistant", "tool_calls"
_SELF_NAMES = frozenset({"self", "cls"})
_MAX_DEPTH = 6  # how many names a base URL or client may be passed through
# A template must have this much fixed text before it can be said to build an ID.
_MIN_STATIC_TEXT = 5

Owner = Hashable  # what a value is assigned to: a target Name, a Param, or (class, attribute)


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


def _evaluated(node: cst.SimpleString) -> str | bytes:
    """``node.evaluated_value``, read off the text when the literal holds no backslash or carriage return.

    libcst evaluates a literal with ``ast.literal_eval``: a parse and a
    compile per string, a twentieth of a hit file's analysis. Without an
    escape sequence, a line continuation or a newline to translate, a str
    literal's value is the text between its quotes (raw or not).
    """
    text = node.value
    if "\\" not in text and "\r" not in text and "\0" not in text:  # CPython refuses a NUL: libcst's value raises
        if text[0] in "rRuU":
            text = text[1:]
        if text[0] in "\"'":
            quote = 3 if text[:3] in ('"""', "'''") else 1
            return text[quote:-quote]
    return node.evaluated_value


def _string_value(expression: cst.BaseExpression | None) -> str | None:
    if isinstance(expression, cst.SimpleString):
        value = _evaluated(expression)
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


def _nodes_in(root: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """``root`` and every node below it (a node before its children; the last child's subtree first).

    ``walk.children`` reads them from the node's fields: ``node.children``
    runs a whole visitor per node, which made this walk cost more than a
    metadata pass.
    """
    pending = [root]
    while pending:
        node = pending.pop()
        yield node
        pending.extend(children(node))


def _own_nodes(root: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Like ``_nodes_in``, without descending into the functions, classes or lambdas nested in ``root``: what a
    function's own body holds (a nested function's ``return models`` is not the outer one's)."""
    pending = [root]
    while pending:
        node = pending.pop()
        yield node
        if node is root or not isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            pending.extend(children(node))


def _calls_in(node: cst.CSTNode) -> list[cst.Call]:
    """Every call inside ``node``, nested ones included."""
    return [current for current in _nodes_in(node) if isinstance(current, cst.Call)]


def _is_assertion(node: cst.CSTNode) -> bool:
    """An ``assert`` statement, or a call of an assertion (``self.assertEqual``, ``mock.assert_called_with``)."""
    return isinstance(node, cst.Assert) or (
        isinstance(node, cst.Call) and _ASSERTION_CALL.search((_dotted(node.func) or ("",))[-1]) is not None
    )


def _in_assertion(ancestors: Iterable[cst.CSTNode]) -> bool:
    """Is an expression inside an assertion? ``ancestors`` run from its parent outwards; a statement or lambda ends the search."""
    for node in ancestors:
        if _is_assertion(node):
            return True
        if isinstance(node, (cst.BaseStatement, cst.Lambda)):
            return False
    return False


def _target_names(target: cst.BaseExpression) -> list[str]:
    """The names an assignment target binds: ``a``, ``a, b``, ``[a, (b, c)]``, ``h.llm`` (its attribute)."""
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, cst.Attribute):
        return [target.attr.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [name for element in target.elements for name in _target_names(element.value)]
    if isinstance(target, cst.StarredElement):
        return _target_names(target.value)
    return []


def _is_label(node: cst.Name, parents: dict[cst.CSTNode, cst.CSTNode]) -> bool:
    """A name that labels something rather than reads a value: an attribute's, a keyword's, a definition's."""
    parent = parents.get(node)
    return (
        isinstance(parent, cst.Attribute) and parent.attr is node
        or isinstance(parent, cst.Arg) and parent.keyword is node
        or isinstance(parent, (cst.Param, cst.FunctionDef, cst.ClassDef)) and parent.name is node
        or isinstance(parent, cst.ImportAlias)
    )


def _method(owner: cst.ClassDef, name: str) -> cst.FunctionDef | None:
    """The method the class body defines under ``name``."""
    if not isinstance(owner.body, cst.IndentedBlock):
        return None
    return next(
        (item for item in owner.body.body if isinstance(item, cst.FunctionDef) and item.name.value == name), None
    )
