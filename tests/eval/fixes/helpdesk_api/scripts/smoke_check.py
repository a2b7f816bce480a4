#!/usr/bin/env python3
"""Post-deploy smoke check: one real call per model we serve, fails loudly."""
import os
import sys
import time

import httpx

API = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")
KEY = os.environ["DEEPSEEK_API_KEY"]

# Named "sample" because it is the canned prompt, but it IS sent for real.
sample_payload = {
    "model": "deepseek-chat",  # fix: safe
    "messages": [{"role": "user", "content": "Reply with the single word: pong"}],
    "max_tokens": 5,
}


def main() -> int:
    started = time.monotonic()
    r = httpx.post(
        f"{API}/chat/completions",
        json=sample_payload,
        headers={"Authorization": f"Bearer {KEY}"},
        timeout=20,
    )
    elapsed = time.monotonic() - started
    if r.status_code != 200:
        print(f"FAIL {r.status_code}: {r.text[:200]}", file=sys.stderr)
        return 1
    print(f"ok in {elapsed:.2f}s: {r.json()['choices'][0]['message']['content']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
