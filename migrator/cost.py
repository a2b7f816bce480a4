"""What the migration costs: list prices per tier against what the aliases cost, and, with declared usage, a month.

Both retired aliases ran on one model (``served`` in the rule pack), so
"what the legacy aliases cost" is that model's price, and an all-Flash plan
costs what the code cost before. Prices are the rule pack's, each with the
date it was true (``--prices FILE`` replaces them by model). A request
site's tokens come from the first usage entry that covers it, shared
equally among the sites that entry covers. Silent thinking counts the
sites where renaming the model alone would start thinking.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

from migrator.catalog import Catalog, Price
from migrator.findings import Finding
from migrator.usage import UsageSpec

PER_MILLION = 1_000_000


@dataclass(frozen=True)
class TierPrice:
    """One tier of the plan: its model's list price, and the multiple of the aliases' price per kind of token."""

    tier: str
    model: str
    sites: int
    as_of: dt.date | None  # None: no price is known for this model
    input_cache_miss: float | None
    input_cache_hit: float | None
    output: float | None
    # input_cache_miss / input_cache_hit / output against the aliases' model (None where that price is 0)
    multiple: dict[str, float | None] | None


@dataclass(frozen=True)
class UsageEstimate:
    """One declared volume, priced: under the configured tiers, and all on the aliases' model."""

    label: str
    sites: int
    input_tokens: int
    output_tokens: int
    cache_hit_share: float
    monthly: float | None  # None: a covered site's model has no price
    monthly_all_flash: float


@dataclass(frozen=True)
class CostView:
    legacy_model: str  # the model the retired aliases served
    legacy_price: Price | None
    tiers: tuple[TierPrice, ...]
    silent_thinking: int
    usage: tuple[UsageEstimate, ...] = ()
    monthly: float | None = None  # the configured plan, over every declared volume
    monthly_all_flash: float | None = None
    difference: float | None = None  # plan minus all-Flash: what the Pro choices add a month
    unpriced: tuple[str, ...] = ()  # models a tier targets with no known price


def monthly_cost(price: Price, input_tokens: float, output_tokens: float, cache_hit_share: float) -> float:
    """USD a month: input split by the cache-hit share, each kind of token at its price per million."""
    cached = input_tokens * cache_hit_share
    return (
        (input_tokens - cached) * price.input_cache_miss + cached * price.input_cache_hit + output_tokens * price.output
    ) / PER_MILLION


def cost_view(findings: Sequence[Finding], catalog: Catalog, usage: Sequence[UsageSpec] = (), prices: Sequence[Price] = ()) -> CostView:
    """The cost view of a run's request sites (exposed findings with a tier)."""
    table = {price.model: price for price in (*catalog.prices, *prices)}  # a --prices file wins, model by model
    legacy_model = _served(catalog)
    legacy_price = table.get(legacy_model)
    sites = [finding for finding in findings if finding.exposed and finding.tier is not None]
    counted: Counter[tuple[str, str]] = Counter((finding.tier.tier, _model(finding.tier.target)) for finding in sites)  # type: ignore[union-attr]
    tiers = tuple(_tier_price(tier, model, count, table.get(model), legacy_price) for (tier, model), count in sorted(counted.items()))
    silent = sum(1 for finding in sites if finding.silent_thinking)
    unpriced = tuple(sorted({tier.model for tier in tiers if tier.as_of is None}))
    if not usage:
        return CostView(legacy_model, legacy_price, tiers, silent, unpriced=unpriced)
    estimates = _estimates(sites, usage, table, legacy_price)
    plan = None if any(e.monthly is None for e in estimates) else sum(e.monthly or 0.0 for e in estimates)
    flash = sum(e.monthly_all_flash for e in estimates)
    return CostView(
        legacy_model, legacy_price, tiers, silent, estimates, plan, flash,
        None if plan is None else plan - flash, unpriced,
    )


def _served(catalog: Catalog) -> str:
    served = sorted({legacy.served for legacy in catalog.legacy.values()})
    return served[0] if served else ""


def _model(target: str) -> str:
    """The bare model of a target: routed prefixes (openrouter's ``deepseek/``, ``deepseek:``) are not priced apart."""
    for separator in ("/", ":"):
        target = target.rpartition(separator)[2]
    return target


def _tier_price(tier: str, model: str, sites: int, price: Price | None, legacy: Price | None) -> TierPrice:
    if price is None:
        return TierPrice(tier, model, sites, None, None, None, None, None)
    multiple = None
    if legacy is not None:
        multiple = {
            kind: round(getattr(price, kind) / getattr(legacy, kind), 2) if getattr(legacy, kind) else None
            for kind in ("input_cache_miss", "input_cache_hit", "output")
        }
    return TierPrice(tier, model, sites, price.as_of, price.input_cache_miss, price.input_cache_hit, price.output, multiple)


def _estimates(
    sites: Sequence[Finding], usage: Sequence[UsageSpec], table: dict[str, Price], legacy: Price | None
) -> tuple[UsageEstimate, ...]:
    covered: dict[int, list[Finding]] = defaultdict(list)
    for finding in sites:
        path, function = finding.subject or ("", "")
        index = next((n for n, spec in enumerate(usage) if spec.covers(path, function)), None)
        if index is not None:
            covered[index].append(finding)
    estimates = []
    for index, spec in enumerate(usage):
        mine = covered.get(index, [])
        share = 1 / len(mine) if mine else 0.0
        plan: float | None = 0.0
        for finding in mine:
            price = table.get(_model(finding.tier.target))  # type: ignore[union-attr]
            if price is None or plan is None:
                plan = None
                continue
            plan += monthly_cost(price, spec.input_tokens * share, spec.output_tokens * share, spec.cache_hit_share)
        flash = monthly_cost(legacy, spec.input_tokens, spec.output_tokens, spec.cache_hit_share) if legacy and mine else 0.0
        estimates.append(
            UsageEstimate(
                spec.label, len(mine), spec.input_tokens, spec.output_tokens, spec.cache_hit_share,
                plan if mine else 0.0, flash,
            )
        )
    return tuple(estimates)
