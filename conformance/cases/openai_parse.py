from openai import OpenAI
from pydantic import BaseModel

from _common import MESSAGES, MODEL, THINKING, URL


class Answer(BaseModel):
    text: str


client = OpenAI(api_key="sk-x", base_url=URL)
completion = client.chat.completions.parse(
    model=MODEL,
    messages=MESSAGES,
    response_format=Answer,
    extra_body={"thinking": THINKING},
)
assert completion.choices[0].message.parsed.text == "x"
