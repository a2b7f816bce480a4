"""Ledger reconciliation: the request sits deep inside the control flow."""
from __future__ import annotations

import contextlib
import logging

import openai

from .clients import client

log = logging.getLogger(__name__)


class Reconciler:
    def __init__(self, ledger, bank):
        self.ledger = ledger
        self.bank = bank

    def explain_mismatches(self) -> dict[str, str]:
        notes: dict[str, str] = {}
        for account in self.ledger.accounts():
            if account.closed:
                continue
            for period in account.periods():
                if period.balance != self.bank.balance(account.id, period):
                    with contextlib.suppress(KeyError):
                        while True:
                            try:
                                if period.entries:
                                    resp = client.chat.completions.create(
                                        model="deepseek-reasoner",  # fix: safe
                                        messages=[
                                            {"role": "system", "content": "Explain ledger vs bank mismatches."},
                                            {"role": "user", "content": period.to_prompt()},
                                        ],
                                    )
                                    notes[f"{account.id}/{period.label}"] = resp.choices[0].message.content or ""
                            except openai.RateLimitError:
                                log.warning("rate limited; retrying %s", period.label)
                                continue
                            else:
                                break
        return notes
