"""Run deeply recursive work (libcst's visitors and renderers) on a thread with room for it.

libcst recurses once per level of syntax: 150 nested lists or 3,000
adjacent string literals, which Python compiles, exceed the default
recursion limit. Each file's analysis runs here, with a large stack and a
raised limit (a thread costs about 0.1 ms); the analysis' cost bound
(``MAX_SYNTAX_DEPTH``) keeps the depth it may reach finite.
"""

from __future__ import annotations

import sys
import threading
from typing import Callable, TypeVar

# 64 MB and a limit of 20,000 were enough for 199 nested lists and 3,000 adjacent literals.
DEEP_STACK_BYTES = 256 * 1024 * 1024
DEEP_RECURSION_LIMIT = 40_000
Result = TypeVar("Result")


def on_deep_stack(work: Callable[[], Result]) -> Result:
    """``work()`` on a thread with a large stack and recursion limit; both settings are restored after."""
    outcome: list[Result] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            outcome.append(work())
        except BaseException as exc:  # re-raised in the caller's thread
            failure.append(exc)

    previous_stack, previous_limit = threading.stack_size(), sys.getrecursionlimit()
    try:
        threading.stack_size(DEEP_STACK_BYTES)
        sys.setrecursionlimit(max(previous_limit, DEEP_RECURSION_LIMIT))
        thread = threading.Thread(target=target, name="deep-analysis")
        thread.start()
        thread.join()
    finally:
        threading.stack_size(previous_stack)
        sys.setrecursionlimit(previous_limit)
    if failure:
        raise failure[0]
    return outcome[0]
