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

from typing import Any

import libcst as cst
from libcst.metadata import BaseMetadataProvider, CodePosition, CodeRange
from libcst.metadata.position_provider import NEWLINE_RE, PositionProvidingCodegenState


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
        state = _FastPositionState(
            default_indent=module.default_indent, default_newline=module.default_newline, provider=self
        )
        module._codegen(state)
