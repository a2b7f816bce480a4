from openai import OpenAI

client = OpenAI(base_url="https://api.deepseek.com")


def implicit(messages):
    return client.chat.completions.create(model="deepseek-v4-flash", messages=messages)


def qwen_style(messages):
    return client.chat.completions.create(
        model="deepseek-v4-flash",
        messages=messages,
        extra_body={"enable_thinking": False, "user_id": "u1"},
    )


def template(messages):
    return client.chat.completions.create(
        model="deepseek-v4-pro", messages=messages, extra_body={"chat_template_kwargs": {"thinking": True}}
    )


def effort(messages):
    return client.chat.completions.create(
        model="deepseek-v4-pro", messages=messages, reasoning_effort="xhigh",
        extra_body={"thinking": {"type": "enabled"}}, temperature=0.1, presence_penalty=0.5,
    )


def responses_style(messages):
    return client.chat.completions.create(model="deepseek-v4-pro", messages=messages, reasoning={"effort": "minimal"})
