import anthropic

claude = anthropic.Anthropic(base_url="https://api.deepseek.com/anthropic")


class Summarizer:
    model = "deepseek-chat"

    def run(self, text):
        return claude.messages.create(
            model=self.model,
            max_tokens=1024,
            thinking={"type": "enabled", "budget_tokens": 2048},
            messages=[{"role": "user", "content": text}],
        )


def quick(text):
    return claude.messages.create(model="deepseek-v4-pro", max_tokens=64, messages=[])
