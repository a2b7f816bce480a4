"""Hosted copies of open-weight models on cloud marketplaces."""
from __future__ import annotations

import json
import os

import boto3
from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import SystemMessage, UserMessage
from azure.core.credentials import AzureKeyCredential
from huggingface_hub import InferenceClient
from openai import AzureOpenAI
from transformers import pipeline

bedrock = boto3.client("bedrock-runtime", region_name=os.getenv("AWS_REGION", "us-west-2"))
BEDROCK_MODEL_ID = "us.deepseek.r1-v1:0"  # label: other-provider

foundry = ChatCompletionsClient(
    endpoint=os.environ["AZURE_INFERENCE_ENDPOINT"],
    credential=AzureKeyCredential(os.environ["AZURE_INFERENCE_KEY"]),
)
azure_openai = AzureOpenAI(azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"], api_version="2024-10-21")
hf = InferenceClient(token=os.environ.get("HF_TOKEN"))


def bedrock_converse(prompt: str) -> str:
    r = bedrock.converse(
        modelId=BEDROCK_MODEL_ID,
        messages=[{"role": "user", "content": [{"text": prompt}]}],
        inferenceConfig={"maxTokens": 1024, "temperature": 0.6},
    )
    return r["output"]["message"]["content"][0]["text"]


def bedrock_invoke(prompt: str) -> str:
    body = json.dumps({"prompt": f"<|User|>{prompt}<|Assistant|>", "max_tokens": 512})
    r = bedrock.invoke_model(modelId="us.deepseek.r1-v1:0", body=body)  # label: other-provider
    return json.loads(r["body"].read())["choices"][0]["text"]


def azure_foundry(prompt: str) -> str:
    r = foundry.complete(
        model="DeepSeek-R1",  # label: other-provider
        messages=[SystemMessage(content="Be brief."), UserMessage(content=prompt)],
        max_tokens=1024,
    )
    return r.choices[0].message.content


def azure_deployment(prompt: str) -> str:
    # on Azure OpenAI the model argument is the deployment name chosen by ops
    r = azure_openai.chat.completions.create(
        model="deepseek-chat",  # label: other-provider
        messages=[{"role": "user", "content": prompt}],
    )
    return r.choices[0].message.content


def hf_inference(prompt: str) -> str:
    r = hf.chat_completion(
        messages=[{"role": "user", "content": prompt}],
        model="deepseek-ai/DeepSeek-V3",  # label: other-provider
        max_tokens=512,
    )
    return r.choices[0].message.content


def local_distill(prompt: str) -> str:
    gen = pipeline("text-generation", model="deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B", device_map="auto")  # label: other-provider
    out = gen([{"role": "user", "content": prompt}], max_new_tokens=256)
    return out[0]["generated_text"][-1]["content"]
