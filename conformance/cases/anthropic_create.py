import anthropic

from _common import MESSAGES, MODEL, THINKING, URL

client = anthropic.Anthropic(api_key="sk-x", base_url=URL + "/anthropic")
msg = client.messages.create(
    model=MODEL,
    max_tokens=1024,
    messages=MESSAGES,
    thinking=THINKING,  # {"type": "enabled"} carries no budget_tokens here
)
assert msg.content[0].text
