from openai import OpenAI

from _common import MESSAGES, MODEL, THINKING, URL

client = OpenAI(api_key="sk-x", base_url=URL)
raw = client.chat.completions.with_raw_response.create(
    model=MODEL,
    messages=MESSAGES,
    extra_body={"thinking": THINKING},
)
assert raw.parse().choices[0].message.content
