"""DSPy RAG program with an optimizer and a teacher model."""
from __future__ import annotations

import os

import dspy

TASK_MODEL = "deepseek/deepseek-chat"  # label: config

lm = dspy.LM("deepseek/deepseek-chat", max_tokens=2000, temperature=0.0)  # label: request
compat_lm = dspy.LM(
    "openai/deepseek-chat",  # label: request
    api_base="https://api.deepseek.com",  # label: other-provider
    api_key=os.environ["DEEPSEEK_API_KEY"],  # label: other-provider
)
teacher_lm = dspy.LM(model="deepseek/deepseek-reasoner", temperature=1.0, max_tokens=16000)  # label: request
mirror_lm = dspy.LM("openrouter/deepseek/deepseek-chat")  # label: other-provider

dspy.configure(lm=lm)


class GenerateAnswer(dspy.Signature):
    """Answer questions with short, factual answers."""

    context: list[str] = dspy.InputField(desc="relevant passages")
    question: str = dspy.InputField()
    answer: str = dspy.OutputField(desc="often between 1 and 5 words")


class RAG(dspy.Module):
    def __init__(self, num_passages: int = 3) -> None:
        super().__init__()
        self.retrieve = dspy.Retrieve(k=num_passages)
        self.generate = dspy.ChainOfThought(GenerateAnswer)

    def forward(self, question: str) -> dspy.Prediction:
        context = self.retrieve(question).passages
        return self.generate(context=context, question=question)


def exact_match(example, pred, trace=None) -> bool:
    return example.answer.strip().lower() == pred.answer.strip().lower()


def compile_program(trainset: list[dspy.Example]) -> RAG:
    # The optimizer proposes instructions with deepseek-reasoner as teacher.  # label: prose
    optimizer = dspy.MIPROv2(
        metric=exact_match,
        prompt_model=teacher_lm,
        task_model=dspy.LM(TASK_MODEL),
        auto="light",
    )
    return optimizer.compile(RAG(), trainset=trainset)


def answer_with_compat(question: str) -> str:
    with dspy.context(lm=compat_lm):
        return RAG()(question=question).answer


def judge(question: str, answer: str) -> bool:
    with dspy.context(lm=dspy.LM("deepseek/deepseek-reasoner")):  # label: request
        verdict = dspy.Predict("question, answer -> is_correct: bool")(question=question, answer=answer)
    return bool(verdict.is_correct)
