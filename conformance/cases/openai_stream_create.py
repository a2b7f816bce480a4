from openai import OpenAI

from _common import MESSAGES, MODEL, THINKING, URL

client = OpenAI(api_key="sk-x", base_url=URL)
stream = client.chat.completions.create(
    model=MODEL,
    messages=MESSAGES,
    stream=True,
    extra_body={"thinking": THINKING},
)
text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
assert text
