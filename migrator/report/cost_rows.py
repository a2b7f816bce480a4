"""The cost view as rows of text, shared by the text and Markdown reports (they only lay them out)."""

from __future__ import annotations

from migrator.cost import CostView

AGAINST = "vs aliases (in/cached/out)"
PRICE_HEADER = ("Tier", "Model", "Sites", "Input", "Cached input", "Output", "Prices as of", AGAINST)
TEXT_COLUMNS = frozenset({"Tier", "Model", "Usage", "Prices as of", AGAINST})
USAGE_HEADER = ("Usage", "Sites", "Input/month", "Output/month", "Cache hits", "Plan USD/month", "All-Flash USD/month")


def price_rows(cost: CostView) -> list[tuple[str, ...]]:
    """One row per tier: USD per 1M tokens, and the multiple of what the retired aliases cost."""
    rows = []
    for tier in cost.tiers:
        if tier.as_of is None:
            rows.append((tier.tier, tier.model, str(tier.sites), "?", "?", "?", "no price known", ""))
            continue
        multiple = tier.multiple or {}
        against = " / ".join(
            _times(multiple.get(kind)) for kind in ("input_cache_miss", "input_cache_hit", "output")
        ) if multiple else ""
        rows.append(
            (
                tier.tier, tier.model, str(tier.sites), _usd(tier.input_cache_miss), _usd(tier.input_cache_hit),
                _usd(tier.output), tier.as_of.isoformat(), against,
            )
        )
    return rows


def usage_rows(cost: CostView) -> list[tuple[str, ...]]:
    return [
        (
            usage.label, str(usage.sites), _tokens(usage.input_tokens),
            _tokens(usage.output_tokens), f"{usage.cache_hit_share:.0%}",
            "?" if usage.monthly is None else f"{usage.monthly:,.2f}", f"{usage.monthly_all_flash:,.2f}",
        )
        for usage in cost.usage
    ]


def cost_sentences(cost: CostView) -> list[str]:
    """What the tables mean, in words: silent thinking, and the plan against all-Flash."""
    lines = []
    if cost.legacy_price is not None:
        lines.append(
            f"Prices are USD per 1M tokens; the retired aliases ran on {cost.legacy_model}, so its price is what they cost."
        )
    if cost.silent_thinking:
        sites = "site" if cost.silent_thinking == 1 else "sites"
        lines.append(
            f"Silent thinking: {cost.silent_thinking} {sites} would start thinking if only the model were renamed "
            "(a non-thinking alias, no thinking switch at the request): the cost and latency a plain rename adds."
        )
    unmatched = [usage.label for usage in cost.usage if not usage.sites]
    if unmatched:
        lines.append(f"{', '.join(unmatched)} matches no request site: its tokens are not counted.")
    if cost.unpriced:
        lines.append(f"No price is known for {', '.join(cost.unpriced)}: give one with --prices FILE.")
    if cost.monthly is not None and cost.monthly_all_flash is not None and cost.difference is not None:
        sign = "+" if cost.difference >= 0 else "-"
        lines.append(
            f"Declared usage costs {cost.monthly:,.2f} USD a month with the configured tiers and "
            f"{cost.monthly_all_flash:,.2f} USD all on {cost.legacy_model}: {sign}{abs(cost.difference):,.2f} USD."
        )
    return lines


def _times(multiple: float | None) -> str:
    return "n/a" if multiple is None else f"{multiple:g}x"


def _usd(amount: float | None) -> str:
    return "?" if amount is None else f"{amount:g}"


def _tokens(count: int) -> str:
    for size, unit in ((10**9, "B"), (10**6, "M"), (10**3, "K")):
        if count >= size:
            return f"{count / size:g}{unit}"
    return str(count)
