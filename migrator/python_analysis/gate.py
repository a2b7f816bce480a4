"""Before libcst sees a file: CPython's parser bounds nesting, and the file's cost is weighed."""

from __future__ import annotations

import ast


class PythonParseError(Exception):
    """The file is not valid Python; carries the position of the error."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class PythonTooDeep(Exception):
    """CPython's own parser gives up on the file's nesting; libcst would crash or crawl on it."""


class PythonTooCostly(Exception):
    """Python compiles the file, but parsing it with libcst would take more memory than a run can spare."""

    def __init__(self, nodes: int, weight: int, depth: int) -> None:
        super().__init__(f"{nodes} syntax nodes, bracket nesting weight {weight}, depth {depth}")
        self.nodes = nodes
        self.weight = weight
        self.depth = depth


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
