#!/usr/bin/env python
"""Weekly changelog blurb generator."""
import os
import subprocess

import requests

log = subprocess.run(["git", "log", "--since=1.week", "--oneline"], capture_output=True, text=True).stdout

resp = requests.post(
    "https://api.deepseek.com/chat/completions",
    headers={"Authorization": f"Bearer {os.environ['DEEPSEEK_API_KEY']}"},
    json={
        "model": "deepseek-chat",  # fix: safe
        "messages": [{"role": "user", "content": f"Write a friendly changelog blurb:\n{log}"}],
    },
    timeout=60,
)