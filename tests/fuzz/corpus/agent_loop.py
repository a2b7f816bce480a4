from openai import OpenAI

client = OpenAI(base_url="https://api.deepseek.com")
TOOLS = [{"type": "function", "function": {"name": "lookup", "parameters": {}}}]


def loop(messages):
    while True:
        resp = client.chat.completions.create(model="deepseek-reasoner", messages=messages, tools=TOOLS)
        msg = resp.choices[0].message
        entry = msg.model_dump(exclude={"reasoning_content"})
        messages.append(entry)
        for m in messages:
            m.pop("reasoning_content", None)
        if not msg.tool_calls:
            return msg.content
        messages = [{k: v for k, v in m.items() if k != "reasoning_content"} for m in messages]
