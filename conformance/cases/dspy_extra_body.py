import dspy

from _common import THINKING, URL

lm = dspy.LM(
    "deepseek/deepseek-v4-flash",
    api_base=URL,
    api_key="sk-x",
    cache=False,
    extra_body={"thinking": THINKING},
)
out = lm("hi")
assert out and out[0]
