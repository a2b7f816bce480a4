"""libcst's syntactic positions (``PositionProvider``), computed with less work per node.

Positions come from generating the module's code and noting where each node
starts and ends. libcst's state does that with a regular expression split
per token, a ``CodePosition`` object per node pushed and a generator-based
context manager per syntactic position; on a hit file that was about twice
the cost of parsing it. This state keeps libcst's rules (the same ranges,
node for node: ``tests/test_scan_speedups.py`` compares them on every
fixture) and spends less on each: a newline test before the split, plain
tuples on the stack, and a class-based context manager.
"""

from __future__ import annotations

import ast
import re
from typing import Any, Iterator, Mapping

import libcst as cst
from libcst.metadata import BaseMetadataProvider, CodePosition, CodeRange
from libcst.metadata.position_provider import NEWLINE_RE, PositionProvidingCodegenState

from migrator.textscan import LineIndex


class _FastPositionState(PositionProvidingCodegenState):
    def _update_position(self, value: str) -> None:
        if "\n" not in value and "\r" not in value:
            self.column += len(value)
            return
        segments = NEWLINE_RE.split(value)
        self.line += len(segments) - 1
        self.column = len(segments[-1])

    def before_codegen(self, node: cst.CSTNode) -> None:
        self._stack.append((self.line, self.column))  # type: ignore[arg-type]

    def after_codegen(self, node: cst.CSTNode) -> None:
        line, column = self._stack.pop()  # type: ignore[misc]
        computed = self.provider._computed
        if node not in computed:  # a syntactic position, recorded already, wins
            computed[node] = CodeRange(CodePosition(line, column), CodePosition(self.line, self.column))

    def record_syntactic_position(
        self, node: cst.CSTNode, *, start_node: cst.CSTNode | None = None, end_node: cst.CSTNode | None = None
    ) -> Any:
        return _Syntactic(self, node, start_node, end_node)


class _Syntactic:
    """What libcst's ``record_syntactic_position`` generator does, without a generator per node."""

    __slots__ = ("state", "node", "start_node", "end_node", "line", "column")

    def __init__(
        self, state: _FastPositionState, node: cst.CSTNode, start_node: cst.CSTNode | None, end_node: cst.CSTNode | None
    ) -> None:
        self.state, self.node, self.start_node, self.end_node = state, node, start_node, end_node
        self.line, self.column = state.line, state.column

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        computed = self.state.provider._computed
        start = computed[self.start_node].start if self.start_node is not None else CodePosition(self.line, self.column)
        end = computed[self.end_node].end if self.end_node is not None else CodePosition(self.state.line, self.state.column)
        computed[self.node] = CodeRange(start, end)


class Positions(BaseMetadataProvider[CodeRange]):
    """The range of each node, ignoring whitespace that is not syntactically its own: as ``PositionProvider``."""

    def _gen_impl(self, module: cst.Module) -> None:
        module._codegen(_state(module, self))


def _state(module: cst.Module, provider: Positions) -> _FastPositionState:
    """A code-generation state that writes each node's range into ``provider``."""
    return _FastPositionState(default_indent=module.default_indent, default_newline=module.default_newline, provider=provider)


class StatementPositions(Mapping[cst.CSTNode, CodeRange]):
    """``Positions``' ranges, generated one top-level statement at a time, for the nodes asked about.

    A hit file asks for the positions of a few dozen nodes, and generating
    the whole module's code for them was a fifth of its analysis. Each
    top-level statement starts where CPython's ``ast`` says (its first
    decorator, or its first token), less its own leading blank and comment
    lines; its code is generated from there, and must read exactly as the
    source does at that line. When it does not (a decorator whose
    expression starts on a later line than its ``@``, a module without a
    final newline), when a line holds only a backslash (libcst drops it, so
    the whole module's lines differ from the source's after it), or when the
    node is not below a statement the walk passed, the whole module's code
    is generated, as ``Positions`` does.
    """

    def __init__(
        self, module: cst.Module, tree: ast.Module, text: LineIndex, parents: Mapping[cst.CSTNode, cst.CSTNode]
    ) -> None:
        self.module, self.text, self.parents = module, text, parents
        self._computed: dict[cst.CSTNode, CodeRange] = {}
        self._starts = None if _LONE_BACKSLASH.search(text.text) else _statement_starts(module, tree)
        self._statements = {id(statement): index for index, statement in enumerate(module.body)}
        self._whole = False

    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        found = self._computed.get(node)
        if found is None and not self._whole:
            index = self._statement_of(node)
            if index is None or not self._generate(index):
                self._generate_whole()
            found = self._computed.get(node)
        if found is None:
            raise KeyError(node)
        return found

    def __iter__(self) -> Iterator[cst.CSTNode]:
        self._generate_whole()
        return iter(self._computed)

    def __len__(self) -> int:
        self._generate_whole()
        return len(self._computed)

    def _statement_of(self, node: cst.CSTNode) -> int | None:
        current = node
        while True:
            parent = self.parents.get(current)
            if parent is None:
                return None
            if parent is self.module:
                return self._statements.get(id(current))
            current = parent

    def _generate(self, index: int) -> bool:
        start = self._starts[index] if self._starts is not None else 0
        if not 0 < start <= len(self.text.starts):
            return False
        provider = Positions()
        state = _state(self.module, provider)
        state.line = start
        self.module.body[index]._codegen(state)
        if not self.text.text.startswith("".join(state.tokens), self.text.starts[start - 1]):
            return False
        self._computed.update(provider._computed)
        return True

    def _generate_whole(self) -> None:
        if not self._whole:
            provider = Positions()
            provider._gen_impl(self.module)
            self._computed = provider._computed
            self._whole = True


_LONE_BACKSLASH = re.compile(r"(?:\A|(?<=[\r\n]))[ \t\f]*\\(?:\r\n|\r|\n)")


def _statement_starts(module: cst.Module, tree: ast.Module) -> list[int] | None:
    """The line each top-level statement's code starts on (its leading lines included); None if the trees disagree.

    A line of simple statements (``a = 1; b = 2``) is one statement to
    libcst and several to ``ast``; every other statement is one to both.
    """
    starts = []
    taken = 0
    for statement in module.body:
        if taken >= len(tree.body):
            return None
        first = tree.body[taken]
        taken += len(statement.body) if isinstance(statement, cst.SimpleStatementLine) else 1
        decorators = getattr(first, "decorator_list", None)
        line = min(decorator.lineno for decorator in decorators) if decorators else first.lineno
        starts.append(line - len(statement.leading_lines))
    return starts if taken == len(tree.body) else None
