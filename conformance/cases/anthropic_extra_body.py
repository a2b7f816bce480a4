# For anthropic SDKs without a `thinking` keyword (it arrived in 0.47.x).
import anthropic

from _common import MESSAGES, MODEL, THINKING, URL

client = anthropic.Anthropic(api_key="sk-x", base_url=URL + "/anthropic")
msg = client.messages.create(
    model=MODEL,
    max_tokens=1024,
    messages=MESSAGES,
    extra_body={"thinking": THINKING},
)
assert msg.content[0].text
