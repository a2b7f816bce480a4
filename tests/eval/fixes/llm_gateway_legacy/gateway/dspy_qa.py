"""DSPy program for FAQ answering; compiled offline with MIPROv2."""
import dspy

lm = dspy.LM("deepseek/deepseek-chat", max_tokens=2000, temperature=0.0, cache=True)  # fix: manual
dspy.configure(lm=lm)


class FAQAnswer(dspy.Signature):
    """Answer the customer question from the retrieved FAQ passages."""

    passages: list[str] = dspy.InputField()
    question: str = dspy.InputField()
    answer: str = dspy.OutputField()


class FAQProgram(dspy.Module):
    def __init__(self):
        super().__init__()
        self.answer = dspy.ChainOfThought(FAQAnswer)

    def forward(self, passages, question):
        return self.answer(passages=passages, question=question)


def teacher_lm() -> dspy.LM:
    return dspy.LM(model="deepseek/deepseek-reasoner", max_tokens=20000, temperature=1.0)  # fix: manual
