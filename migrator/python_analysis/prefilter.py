"""Before libcst: does the code itself (not its comments or docstrings) spell anything the pass looks for?

A file reaches the analysis because its bytes mention DeepSeek, and many
mention it only in prose: a comment, a module or function docstring. The
``ast`` parse the file's check makes anyway (for its definitions) answers
that at a twentieth of the libcst pass's cost, and the pass is skipped.
Every other string and every identifier counts, so the answer errs towards
parsing: only text Python never evaluates is left out.
"""

from __future__ import annotations

import ast
from typing import Callable, Iterator

_DOCSTRING_HOLDERS = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def code_text(tree: ast.Module) -> str:
    """Every string constant (docstrings left out) and identifier of the module, each on its own line.

    A string ends with a quote, as in the source, so that a test for an ID
    stem followed by a quote (``"deepseek-" + size``) still sees one.
    """
    return "\n".join(_code_pieces(tree))


def _code_pieces(tree: ast.Module) -> Iterator[str]:
    docstrings: set[int] = set()
    for node in ast.walk(tree):  # breadth first: a docstring's holder comes before the docstring
        if _has_docstring(node):
            docstrings.add(id(node.body[0].value))  # type: ignore[attr-defined]
        if isinstance(node, ast.Constant):
            if id(node) in docstrings:
                continue
            if isinstance(node.value, str):
                yield node.value + '"'
            elif isinstance(node.value, bytes):
                yield node.value.decode("latin-1") + '"'
            continue
        for _, value in ast.iter_fields(node):
            if isinstance(value, str):  # a name, attribute, keyword, parameter, import or module
                yield value
            elif isinstance(value, list):
                yield from (item for item in value if isinstance(item, str))  # global a, b


def _has_docstring(node: ast.AST) -> bool:
    body = getattr(node, "body", None) if isinstance(node, _DOCSTRING_HOLDERS) else None
    return bool(
        body
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    )


def code_could_name(tree: ast.Module, text_test: Callable[[str], bool]) -> bool:
    """``text_test`` on the code's own text: False proves that only prose mentions what it looks for."""
    return text_test(code_text(tree))
