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
from typing import Any, Iterator, Mapping, Sequence

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
    """``Positions``' ranges, generated one statement at a time, for the nodes asked about.

    A hit file asks for the positions of a few dozen nodes, and generating
    the whole module's code for them was a fifth of its analysis; generating
    the whole top-level function or class around each was still a fifth of
    what was left. So the code generated is that of the innermost statement
    around the node that stands in a block ``ast`` can place: the module's
    body, or the body of a function, class, ``if``, ``for``, ``while``,
    ``with`` or ``try`` the walk goes through. The statement starts where
    CPython's ``ast`` says (its first decorator, or its first token), less
    its own leading blank and comment lines, with its blocks' indentation;
    its code is generated from there, and must read exactly as the source
    does at that line. When it does not (a decorator whose expression starts
    on a later line than its ``@``, a module without a final newline), when a
    line holds only a backslash (libcst drops it, so the whole module's lines
    differ from the source's after it), or when the node is not below a
    statement the walk passed, the whole module's code is generated, as
    ``Positions`` does.
    """

    def __init__(
        self, module: cst.Module, tree: ast.Module, text: LineIndex, parents: Mapping[cst.CSTNode, cst.CSTNode]
    ) -> None:
        self.module, self.tree, self.text, self.parents = module, tree, text, parents
        self._computed: dict[cst.CSTNode, CodeRange] = {}
        self._usable = _LONE_BACKSLASH.search(text.text) is None
        self._blocks: dict[int, tuple[dict[int, int], list[ast.stmt]] | None] = {}  # id(block owner) -> its statements
        self._whole = False

    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        found = self._computed.get(node)
        if found is None and not self._whole:
            statement = self._statement_of(node) if self._usable else None
            if statement is None or not self._generate(*statement):
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

    def _statement_of(self, node: cst.CSTNode) -> tuple[cst.CSTNode, ast.stmt, list[str]] | None:
        """The innermost placeable statement at or above ``node``: the statement, its ``ast`` twin, its indentation."""
        chain = [node]
        while chain[-1] is not self.module:
            parent = self.parents.get(chain[-1])
            if parent is None:
                return None
            chain.append(parent)
        chain.reverse()  # the module, its statement, (block, statement)..., node
        owner: cst.CSTNode = self.module
        owner_tree: ast.AST = self.tree
        indents: list[str] = []
        found = None
        at = 1
        while at < len(chain):
            block = self._block(owner, owner_tree)
            number = block[0].get(id(chain[at])) if block is not None else None
            if number is None:
                break
            statement, twin = chain[at], block[1][number]
            found = (statement, twin, list(indents))
            body = getattr(statement, "body", None)
            if not (
                at + 2 < len(chain) and chain[at + 1] is body and isinstance(body, cst.IndentedBlock)
                and isinstance(twin, _BLOCK_TWINS.get(type(statement), ()))
            ):
                break
            indents.append(self.module.default_indent if body.indent is None else body.indent)
            owner, owner_tree = statement, twin
            at += 2
        return found

    def _block(self, owner: cst.CSTNode, twin: ast.AST) -> tuple[dict[int, int], list[ast.stmt]] | None:
        """The statements of ``owner``'s body by identity, and the ``ast`` statement each starts with."""
        if id(owner) not in self._blocks:
            statements = owner.body if owner is self.module else owner.body.body  # type: ignore[attr-defined]
            firsts = _first_twins(statements, twin.body)  # type: ignore[attr-defined]
            self._blocks[id(owner)] = None if firsts is None else ({id(s): n for n, s in enumerate(statements)}, firsts)
        return self._blocks[id(owner)]

    def _generate(self, statement: cst.CSTNode, twin: ast.stmt, indents: list[str]) -> bool:
        decorators = getattr(twin, "decorator_list", None)
        start = (min(decorator.lineno for decorator in decorators) if decorators else twin.lineno)
        start -= len(statement.leading_lines)  # type: ignore[attr-defined]
        if not 0 < start <= len(self.text.starts):
            return False
        provider = Positions()
        state = _state(self.module, provider)
        state.line = start
        state.indent_tokens = indents
        statement._codegen(state)
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


# Statements whose indented ``body`` holds statements that ``ast`` lists in the same order, and their ``ast`` twins.
_BLOCK_TWINS: dict[type, tuple[type, ...]] = {
    cst.FunctionDef: (ast.FunctionDef, ast.AsyncFunctionDef),
    cst.ClassDef: (ast.ClassDef,),
    cst.If: (ast.If,),
    cst.For: (ast.For, ast.AsyncFor),
    cst.While: (ast.While,),
    cst.With: (ast.With, ast.AsyncWith),
    cst.Try: (ast.Try,),
}


def _first_twins(statements: Sequence[cst.CSTNode], twins: list[ast.stmt]) -> list[ast.stmt] | None:
    """The ``ast`` statement each libcst statement starts with; None if the two lists disagree.

    A line of simple statements (``a = 1; b = 2``) is one statement to
    libcst and several to ``ast``; every other statement is one to both.
    """
    firsts = []
    taken = 0
    for statement in statements:
        if taken >= len(twins):
            return None
        firsts.append(twins[taken])
        taken += len(statement.body) if isinstance(statement, cst.SimpleStatementLine) else 1
    return firsts if taken == len(twins) else None


_LONE_BACKSLASH = re.compile(r"(?:\A|(?<=[\r\n]))[ \t\f]*\\(?:\r\n|\r|\n)")
