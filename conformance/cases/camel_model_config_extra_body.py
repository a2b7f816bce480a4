from camel.models import ModelFactory
from camel.types import ModelPlatformType

from _common import MESSAGES, MODEL, THINKING, URL

model = ModelFactory.create(
    model_platform=ModelPlatformType.DEEPSEEK,
    model_type=MODEL,
    model_config_dict={"extra_body": {"thinking": THINKING}},
    url=URL,
    api_key="sk-x",
)
resp = model.run(MESSAGES)
assert resp.choices[0].message.content
