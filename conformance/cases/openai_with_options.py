from openai import OpenAI

from _common import MESSAGES, MODEL, THINKING, URL

client = OpenAI(api_key="sk-x", base_url=URL)
resp = client.with_options(timeout=5).chat.completions.create(
    model=MODEL,
    messages=MESSAGES,
    extra_body={"thinking": THINKING},
)
assert resp.choices[0].message.content
