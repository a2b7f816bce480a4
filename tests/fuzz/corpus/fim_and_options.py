from openai import OpenAI

client = OpenAI(base_url="https://api.deepseek.com/beta")


def complete(prefix, suffix):
    return client.completions.create(model="deepseek-chat", prompt=prefix, suffix=suffix, max_tokens=128)


def with_opts(messages):
    return client.with_options(timeout=10).chat.completions.create(messages=messages, model="deepseek-chat", stream=True)


def raw(messages):
    return client.chat.completions.with_raw_response.create(model="deepseek-reasoner", messages=messages)  # noqa: DSM001
