"""Prices are data with a date: the rule pack's ``[[prices]]``, or a ``--prices FILE`` of the same shape."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from migrator.catalog import Price
from migrator.tomlread import TableReader, load_toml

PRICE_KEYS = ("model", "as-of", "input-cache-miss", "input-cache-hit", "output")


def read_price(entry: TableReader) -> Price:
    """One ``[[prices]]`` table: USD per 1M tokens for one model, and the date they were true."""
    entry.reject_unknown(PRICE_KEYS)
    as_of = entry.raw("as-of")
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise entry.fail("as-of", "expected a date such as 2026-04-24")
    amounts = {}
    for key in ("input-cache-miss", "input-cache-hit", "output"):
        amount = entry.number(key, required=True) or 0.0
        if not math.isfinite(amount) or amount < 0:
            raise entry.fail(key, f"a price is a finite amount of at least 0, got {amount:g}")
        amounts[key] = amount
    return Price(
        model=entry.string("model", required=True) or "",
        as_of=as_of,
        input_cache_miss=amounts["input-cache-miss"],
        input_cache_hit=amounts["input-cache-hit"],
        output=amounts["output"],
    )


def load_prices(path: Path) -> tuple[Price, ...]:
    """A prices file (``--prices``): ``[[prices]]`` tables and nothing else; a problem names the file and key."""
    reader = TableReader(load_toml(path), str(path))
    reader.reject_unknown(("prices",))
    prices = tuple(read_price(entry) for entry in reader.tables("prices"))
    if not prices:
        raise reader.fail("prices", "no [[prices]] table: give at least one model's prices")
    return prices
