# FIM lives on the beta endpoint and works in non-thinking mode only; the
# harness still sends both modes to see what the SDK puts in the body.
from openai import OpenAI

from _common import MODEL, THINKING, URL

client = OpenAI(api_key="sk-x", base_url=URL + "/beta")
resp = client.completions.create(
    model=MODEL,
    prompt="def add(a, b):\n",
    suffix="\nprint(add(1, 2))\n",
    max_tokens=64,
    extra_body={"thinking": THINKING},
)
assert resp.choices[0].text
