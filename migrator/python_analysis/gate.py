"""Before libcst sees a file: CPython's parser bounds nesting, and the file's cost is weighed."""

from __future__ import annotations

import ast
import re


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
    """Python compiles the file, but parsing it with libcst would take more memory or time than a run can spare."""


# What libcst's parse and the analysis cost, weighed before libcst sees a file.
# Memory follows the bracket weight: every token counted once per bracket
# around it (about 0.75 KB per unit: 190 nested lists around 3,000 items,
# weight 1.1 million, took 0.8 GB; 190 parentheses around a 20,000-operand
# comparison, weight 7.6 million, took 5.9 GB). Time follows the syntax nodes
# (about 0.27 ms each: 200,000 `{}` took 56 s) and the depth sum, every node
# counted once per level above it (80 lines of 490 nested lambdas: 9.6
# million, 36 s and 7.4 GB). Chains deeper than MAX_SYNTAX_DEPTH make the
# analysis quadratic (2,000 chained attributes: 9 s). Real modules stay far
# below: libcst's own 590 KB matchers module has 69,000 nodes, bracket weight
# 115,000 and depth sum 613,000.
MAX_SYNTAX_NODES = 150_000
MAX_BRACKET_WEIGHT = 1_500_000
MAX_DEPTH_SUM = 2_000_000
MAX_SYNTAX_DEPTH = 1_000
_DEEPEST_BRACKETS = 200  # CPython refuses more, so a short file cannot reach the bracket bound
_TOKEN = re.compile(r"[(\[{]|[)\]}]|\w+|[^\w\s]")


def _check_parse_cost(tree: ast.AST, source: str) -> None:
    """Raise PythonTooCostly when libcst's parse or the analysis of this module would blow up.

    Linear in the nodes and the tokens. ``a and b and c ...`` is one node in
    CPython's tree but a chain as deep as its operands in libcst's, so its
    operands count as nested.
    """
    nodes = deepest = depth_sum = 0
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        nodes += 1
        depth_sum += depth
        deepest = max(deepest, depth)
        if isinstance(node, ast.BoolOp):
            count = len(node.values)
            stack.extend((value, depth + count - index) for index, value in enumerate(node.values))
            stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node) if child not in node.values)
        else:
            stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    weight = _bracket_weight(source) if len(source) * _DEEPEST_BRACKETS > MAX_BRACKET_WEIGHT else 0
    if nodes > MAX_SYNTAX_NODES:
        raise PythonTooCostly(f"{nodes} syntax nodes")
    if weight > MAX_BRACKET_WEIGHT:
        raise PythonTooCostly(f"bracket nesting weight {weight}")
    if deepest > MAX_SYNTAX_DEPTH or depth_sum > MAX_DEPTH_SUM:
        raise PythonTooCostly(f"syntax depth {deepest}, depth sum {depth_sum}")


def _bracket_weight(source: str) -> int:
    """Every token counted once per bracket around it (brackets in strings count too: an upper bound)."""
    depth = weight = 0
    for match in _TOKEN.finditer(source):
        token = match.group()
        if token in "([{":
            depth += 1
        elif token in ")]}":
            depth = max(0, depth - 1)
        else:
            weight += depth
    return weight


def _cpython_syntax_error(source: str, tree: ast.AST | None = None) -> PythonParseError | None:
    """Ask CPython's parser first: it bounds nesting, libcst's native parser does not.

    Nesting CPython refuses (over 200 brackets, or a few thousand chained
    operators) made ``libcst.parse_module`` segfault and take the whole run
    down; such a file cannot run anyway, so it gets a text scan instead.
    A file Python compiles is weighed before libcst sees it (``_check_parse_cost``).
    Other syntax errors are returned, not raised: libcst may still read the
    file (PEP 701 f-strings on an older interpreter). ``tree``, CPython's
    parse of the source made already, spares a second one.
    """
    if tree is not None:
        _check_parse_cost(tree, source)
        return None
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
    _check_parse_cost(tree, source)
    return None
