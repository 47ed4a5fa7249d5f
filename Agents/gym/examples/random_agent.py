#!/usr/bin/env python3
"""A random-action agent through Gymnasium: the loop every RL library runs.

    pip install -e Agents/gym
    DOJO_BIN=.build/debug/dojo python3 Agents/gym/examples/random_agent.py penguins
"""

import sys

import gymnasium

import dojo_gym  # noqa: F401  (registers dojo/<task>-v0)

task = sys.argv[1] if len(sys.argv) > 1 else "titanic"
env = gymnasium.make(f"dojo/{task}-v0", render_mode="ansi", serve_args=["--max-steps", "5"])
observation, info = env.reset(seed=42)
print("trajectory:", info["trajectory"])
terminated = truncated = False
total = 0.0
while not (terminated or truncated):
    action = env.action_space.sample()
    observation, reward, terminated, truncated, info = env.step(action)
    total += reward
    print(f"step {observation['step']}: {dojo_gym.catalog.ACTION_TYPES[action['action_type']]} -> "
          f"{env.render().splitlines()[0]}")
print(f"return {total:.4f}")
env.close()
