#!/usr/bin/env python3
"""Dojo's baseline agent (Agents/baseline) written against Gymnasium instead of the protocol client:
the same generic pipeline, validated, then executed with three models while budget lasts.

    DOJO_BIN=.build/debug/dojo python3 Agents/gym/examples/baseline_agent.py titanic
"""

import json
import os
import sys

import gymnasium

import dojo_gym  # noqa: F401  (registers dojo/<task>-v0)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "baseline"))
from agent import code_for  # noqa: E402  (the baseline's code template)

REQUEST_INFO, VALIDATE, EXECUTE = 0, 1, 2


def act(env, action_type, code="", info_type=""):
    observation, reward, terminated, truncated, info = env.step(
        {"action_type": action_type, "code": code, "info_type": info_type}
    )
    return json.loads(observation["observation"]), reward, terminated or truncated


def main():
    task = sys.argv[1] if len(sys.argv) > 1 else "titanic"
    env = gymnasium.make(f"dojo/{task}-v0")
    _, info = env.reset(seed=42)
    card = info["task"]
    print("task", card["id"], "metric", card["metric"], "trajectory", info["trajectory"], file=sys.stderr)
    act(env, REQUEST_INFO, info_type="data_structure")
    checked, _, done = act(env, VALIDATE, code=code_for(card, "linear"))
    print("validation:", checked["feedback"].splitlines()[0], file=sys.stderr)
    total, scores = 0.0, {}
    for model in ["linear", "forest", "lightgbm"]:
        if done:
            break
        observation, reward, done = act(env, EXECUTE, code=code_for(card, model))
        total += reward
        scores[model] = (observation.get("submission") or {}).get("raw_score")
        print(model, "->", observation["status"], scores[model], "reward", round(reward, 4), file=sys.stderr)
    print(json.dumps({"scores": scores, "return": total, "best": observation.get("best"), "trajectory": info["trajectory"]}))
    env.close()


if __name__ == "__main__":
    main()
