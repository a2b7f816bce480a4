"""Tiny tracing decorator that records span attributes (no effect on requests)."""
from __future__ import annotations

import functools
import time
from typing import Any, Callable

SPANS: list[dict[str, Any]] = []


def traced(span: str, attributes: dict[str, str] | None = None) -> Callable:
    def deco(fn: Callable) -> Callable:
        @functools.wraps(fn)
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return await fn(*args, **kwargs)
            finally:
                SPANS.append({"span": span, "ms": (time.perf_counter() - t0) * 1000, **(attributes or {})})

        return wrapper

    return deco
