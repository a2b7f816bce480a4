from openai import OpenAI

client = OpenAI(base_url="https://api.deepseek.com")


def ask(msgs):
	if msgs:
		return client.chat.completions.create(
			model="deepseek-chat",
			messages=msgs,
		)
