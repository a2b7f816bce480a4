#!/usr/bin/env python3
"""Regenerates tests/golden/*.json, the request bodies the gateway tests compare against.

Nothing here talks to the network: the bodies are written to disk and the
tests diff them with what the code under test would send.
"""
import json
import pathlib

GOLDEN = pathlib.Path(__file__).resolve().parent.parent / "tests" / "golden"

golden_requests = {
    "classify_sentiment": {
        "model": "deepseek-chat",  # fix: none
        "messages": [{"role": "user", "content": "meh"}],
        "temperature": 0,
    },
    "root_cause": {
        "model": "deepseek-reasoner",  # fix: none
        "messages": [{"role": "user", "content": "500s after deploy"}],
        "max_tokens": 8000,
    },
}


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, payload in golden_requests.items():
        (GOLDEN / f"{name}.json").write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
