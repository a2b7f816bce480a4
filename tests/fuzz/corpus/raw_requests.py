import os

import requests

URL = "https://api.deepseek.com/chat/completions"
HEADERS = {"Authorization": f"Bearer {os.environ['DEEPSEEK_API_KEY']}"}


def post(prompt, tools=None):
    payload = {
        "model": "deepseek-reasoner",
        "messages": [{"role": "user", "content": prompt}],
        "reasoning_effort": "low",
    }
    if tools:
        payload["tools"] = tools
    for attempt in range(3):
        try:
            r = requests.post(URL, json=payload, headers=HEADERS, timeout=30)
            r.raise_for_status()
            return r.json()
        except requests.HTTPError:
            continue


def inline(prompt):
    return requests.post(URL, json={"model": "deepseek-v4-flash", "thinking": {"type": "disabled"}, "messages": []}).json()
