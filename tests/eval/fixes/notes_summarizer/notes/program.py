"""DSPy extraction program; the optimizer uses a stronger teacher."""
import dspy

student = dspy.LM("deepseek/deepseek-chat", temperature=0.2, max_tokens=1500)  # fix: safe
teacher = dspy.LM("deepseek/deepseek-reasoner", temperature=1.0, max_tokens=16000)  # fix: safe
dspy.configure(lm=student)


class ActionItems(dspy.Signature):
    """Extract action items (owner, task, due date) from a transcript."""

    transcript: str = dspy.InputField()
    items: list[dict] = dspy.OutputField()


extractor = dspy.Predict(ActionItems)


def optimize(trainset):
    tp = dspy.MIPROv2(metric=lambda ex, pred, trace=None: len(pred.items) > 0, teacher_settings={"lm": teacher})
    return tp.compile(extractor, trainset=trainset)
