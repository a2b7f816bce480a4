from openai import OpenAI

client = OpenAI(base_url="https://api.deepseek.com")


def ask(messages, mode="chat", think=False):
    model = f"deepseek-{mode}"
    chosen = "deepseek-reasoner" if think else "deepseek-chat"
    print(f"using {chosen!r} for {len(messages)} messages")
    return client.chat.completions.create(model=chosen, messages=messages)
