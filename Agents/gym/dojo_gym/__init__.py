"""Dojo's tasks as Gymnasium environments.

    import gymnasium
    import dojo_gym  # registers dojo/<task>-v0 for every task of `dojo tasks --json`, and dojo/Task-v0

    env = gymnasium.make("dojo/titanic-v0", render_mode="ansi")
    observation, info = env.reset(seed=42)

`gymnasium.make("dojo/Task-v0", task="penguins")` takes the task as an argument. The environments
are registered `nondeterministic=True`: the split is fixed by the seed, but observations carry wall-clock
durations and the time left. See docs/gym.md.
"""

import json
import subprocess

import gymnasium

from . import catalog
from .connection import Connection, DojoProtocolError, Server, find_dojo
from .env import DojoEnv

__all__ = ["DojoEnv", "Connection", "DojoProtocolError", "Server", "catalog", "register_tasks", "task_ids"]

ENTRY_POINT = "dojo_gym.env:DojoEnv"
GENERIC_ID = "dojo/Task-v0"

# Why the per-task ids could not be registered at import (None when they were).
registration_error = None


def task_ids(dojo=None):
    """The ids of `dojo tasks --json` (tasks that do not load are left out)."""
    output = subprocess.run(
        [find_dojo(dojo), "tasks", "--json"], check=True, capture_output=True, text=True, timeout=120
    ).stdout
    return [row["id"] for row in json.loads(output) if not row.get("error")]


def _register(env_id, **kwargs):
    if env_id not in gymnasium.registry:
        gymnasium.register(id=env_id, entry_point=ENTRY_POINT, nondeterministic=True, kwargs=kwargs)


def register_tasks(dojo=None):
    """Registers `dojo/<task>-v0` for every task; returns the ids registered."""
    ids = []
    for task in task_ids(dojo):
        env_id = f"dojo/{task}-v0"
        _register(env_id, task=task, dojo=dojo)
        ids.append(env_id)
    return ids


_register(GENERIC_ID)
try:
    register_tasks()
except (OSError, subprocess.SubprocessError, ValueError) as _error:
    registration_error = str(_error)
