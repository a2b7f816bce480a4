PRICES = {
    "deepseek-chat": (0.27, 1.10),
    "deepseek-reasoner": (0.55, 2.19),
    "gpt-4o": (2.5, 10.0),
}
ALLOWED = {"deepseek-chat", "deepseek-reasoner"}


def is_reasoner(model: str) -> bool:
    if model == "deepseek-reasoner" or model.startswith("deepseek-reasoner"):
        return True
    match model:
        case "deepseek-chat":
            return False
        case _:
            return model in ALLOWED


def price(model):
    return PRICES.get(model, PRICES["deepseek-chat"])
