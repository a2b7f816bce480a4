from openai import OpenAI

client = OpenAI(api_key="sk-x", base_url="https://api.deepseek.com")


def ask(question: str, history: list) -> str:
    response = client.chat.completions.create(
        model="deepseek-chat",  # cheap default
        messages=[*history, {"role": "user", "content": question}],
        temperature=0.3,
        max_tokens=512,
    )
    return response.choices[0].message.content
