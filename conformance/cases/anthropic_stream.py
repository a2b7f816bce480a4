import anthropic

from _common import MESSAGES, MODEL, THINKING, URL

client = anthropic.Anthropic(api_key="sk-x", base_url=URL + "/anthropic")
with client.messages.stream(
    model=MODEL,
    max_tokens=1024,
    messages=MESSAGES,
    thinking=THINKING,
) as stream:
    text = "".join(stream.text_stream)
    final = stream.get_final_message()
assert text and final.content[0].text
