from openai import OpenAI

from _common import MESSAGES, MODEL, THINKING, URL

client = OpenAI(api_key="sk-x", base_url=URL)
with client.chat.completions.stream(
    model=MODEL,
    messages=MESSAGES,
    extra_body={"thinking": THINKING},
) as stream:
    for _event in stream:
        pass
    final = stream.get_final_completion()
assert final.choices[0].message.content
