#!/usr/bin/env python3
"""An LLM agent for Dojo over any OpenAI-compatible chat-completions endpoint (hosted APIs, or
local servers such as vLLM, llama.cpp's server or Ollama). Standard library only.

    dojo run titanic --agent "python3 Agents/llm/agent.py --model gpt-4o-mini"

Endpoint, key and model come from flags or the usual environment variables:
--base-url / OPENAI_BASE_URL (default https://api.openai.com/v1), --api-key / OPENAI_API_KEY
(optional for local servers), --model / OPENAI_MODEL.

Each turn it sends the task card, the rules and the recent history, and asks for exactly one
action as a JSON object. Unparseable replies are retried with a correction; token counts are
recorded as notes in the trajectory.
"""

import argparse
import json
import os
import re
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from dojo_client import DojoClient, DojoError  # noqa: E402

SYSTEM = """You are an expert machine-learning engineer solving a Kaggle-style task inside Dojo.
Your code runs as a fresh Python process (pandas, numpy, scipy, scikit-learn, lightgbm available)
with its working directory at the workspace root: read input/ (read-only), keep files between
steps in working/, and write predictions to submission/submission.csv.

Reply with exactly one JSON object and nothing else, one of:
{"action": "request_info", "info_type": "overview" | "data_structure" | "sample_submission" | "metadata"}
{"action": "validate_code", "code": "<full python script>"}   (checks the submission format, no score)
{"action": "execute_code", "code": "<full python script>"}    (runs, validates and scores)
{"action": "done"}                                             (stop; the best score counts)
"""


def log(*parts):
    print("llm:", *parts, file=sys.stderr, flush=True)


class ChatClient:
    def __init__(self, base_url, api_key, model, timeout=300):
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.api_key = api_key
        self.model = model
        self.timeout = timeout

    def complete(self, messages):
        body = json.dumps({"model": self.model, "messages": messages, "temperature": 0.2}).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        for attempt in range(4):
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    reply = json.loads(response.read().decode("utf-8"))
                return reply["choices"][0]["message"]["content"] or "", reply.get("usage") or {}
            except urllib.error.HTTPError as error:
                if error.code in (429, 500, 502, 503) and attempt < 3:
                    time.sleep(2 ** attempt)
                    continue
                raise


def parse_action(text):
    """The first JSON object in the reply (fenced or bare); a bare ```python block means execute it."""
    candidates = re.findall(r"```(?:json)?\s*(\{.*?\})\s*```", text, flags=re.S)
    start = text.find("{")
    if start >= 0:
        candidates.append(text[start:text.rfind("}") + 1])
    for candidate in candidates:
        try:
            action = json.loads(candidate)
        except json.JSONDecodeError:
            continue
        if isinstance(action, dict) and action.get("action") in (
                "request_info", "validate_code", "execute_code", "done"):
            if action["action"] in ("validate_code", "execute_code") and not isinstance(action.get("code"), str):
                continue
            return action
    code = re.search(r"```python\s*(.*?)```", text, flags=re.S)
    if code:
        return {"action": "execute_code", "code": code.group(1)}
    return None


def summarise(observation, limit=3000):
    text = observation.get("feedback", "")
    info = observation.get("info")
    if info:
        text += "\n" + json.dumps(info)[:limit]
    execution = observation.get("execution") or {}
    if execution.get("stderr"):
        text += "\nstderr (tail):\n" + execution["stderr"][-1500:]
    if execution.get("stdout"):
        text += "\nstdout (tail):\n" + execution["stdout"][-800:]
    return text[:limit]


def main():
    parser = argparse.ArgumentParser(description="LLM agent for Dojo")
    parser.add_argument("--base-url", default=os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1"))
    parser.add_argument("--api-key", default=os.environ.get("OPENAI_API_KEY", ""))
    parser.add_argument("--model", default=os.environ.get("OPENAI_MODEL"))
    parser.add_argument("--max-steps", type=int, default=20, help="stop after this many actions")
    parser.add_argument("--retries", type=int, default=3, help="retries for an unparseable reply")
    parser.add_argument("--history", type=int, default=6, help="recent observations kept in the prompt")
    args = parser.parse_args()
    if not args.model:
        parser.error("no model: pass --model or set OPENAI_MODEL")

    chat = ChatClient(args.base_url, args.api_key, args.model)
    dojo = DojoClient.stdio()
    observation, card = dojo.reset()
    task = (f"Task {card['id']}: {card['title']}\n{card['summary']}\nMetric: {card['metric']} "
            f"({'higher' if card['higher_is_better'] else 'lower'} is better). Submission columns: "
            f"{card['id_column']}, {', '.join(card['target_columns'])}. Budget: {card['budgets']['max_steps']} steps, "
            f"{card['budgets']['step_timeout_s']} s per step.")
    history = [("reset", summarise(observation))]
    for _ in range(args.max_steps):
        messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": task}]
        for action_text, result in history[-args.history:]:
            messages.append({"role": "assistant", "content": action_text})
            messages.append({"role": "user", "content": "Observation:\n" + result})
        messages.append({"role": "user", "content": "Your next action, as one JSON object:"})
        action = None
        for attempt in range(args.retries + 1):
            text, usage = chat.complete(messages)
            dojo.note("model reply", model=args.model, prompt_tokens=usage.get("prompt_tokens"),
                      completion_tokens=usage.get("completion_tokens"), attempt=attempt)
            action = parse_action(text)
            if action:
                break
            log("unparseable reply, retrying:", text[:200].replace("\n", " "))
            messages.append({"role": "assistant", "content": text})
            messages.append({"role": "user", "content": "That was not a valid action. Reply with exactly one JSON "
                                                        "object of the forms given, nothing else."})
        if action is None:
            log("no valid action after retries; stopping")
            break
        if action["action"] == "done":
            log("the model is done")
            break
        step = {"type": action["action"]}
        if action["action"] == "request_info":
            step["info_type"] = action.get("info_type", "overview")
        else:
            step["code"] = action["code"]
        try:
            observation = dojo.step(step)
        except DojoError as error:
            log("step refused:", error)
            history.append((json.dumps(action)[:2000], f"Error: {error.message}"))
            if error.code == -32000:
                break
            continue
        log(step["type"], observation["status"], (observation.get("submission") or {}).get("raw_score"))
        history.append((json.dumps(action)[:4000], summarise(observation)))
        if observation.get("truncated"):
            break
    dojo.close()


if __name__ == "__main__":
    try:
        main()
    except (DojoError, ConnectionError, urllib.error.URLError) as error:
        log("stopped:", error)
        sys.exit(1)
