"""Cost-tracked calls: the model name is also the price-table key."""
from __future__ import annotations

import logging

from cachetools import TTLCache, cached

from .registry import client

log = logging.getLogger(__name__)

PRICE_PER_M_OUTPUT = {
    "deepseek-chat": 1.10,  # fix: none
    "deepseek-reasoner": 2.19,  # fix: none
}


@cached(TTLCache(maxsize=512, ttl=3600))
def explain_invoice(invoice_text: str) -> tuple[str, float]:
    model = "deepseek-reasoner"  # fix: manual
    resp = client.chat.completions.create(model=model, messages=[{"role": "user", "content": invoice_text}])
    cost = resp.usage.completion_tokens / 1e6 * PRICE_PER_M_OUTPUT.get(model, 0.0)
    log.info("explain_invoice cost=%.5f", cost)
    return resp.choices[0].message.content or "", cost


def tag_invoice(invoice_text: str) -> str:
    model = "deepseek-chat"  # fix: safe
    resp = client.chat.completions.create(model=model, messages=[{"role": "user", "content": f"Tags:\n{invoice_text}"}], max_tokens=20)
    log.info("tag_invoice used %s tokens", resp.usage.total_tokens)
    return resp.choices[0].message.content or ""
