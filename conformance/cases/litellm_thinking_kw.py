import litellm

from _common import MESSAGES, THINKING, URL

resp = litellm.completion(
    model="deepseek/deepseek-v4-flash",
    api_base=URL,
    api_key="sk-x",
    messages=MESSAGES,
    thinking=THINKING,
)
assert resp.choices[0].message.content
