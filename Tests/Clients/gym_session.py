"""Drives dojo_gym with Gymnasium itself, for GymEnvironmentTests. Prints one JSON report.

    python gym_session.py check [TASK…]      check_env on the given task ids (default: every registered one), warnings recorded
    python gym_session.py random TASK        a random-action agent until the episode ends
    python gym_session.py seeds TASK         the same seed gives the same split, another seed another
    python gym_session.py lifecycle TASK     render, close, and the server this package started
    python gym_session.py external SOCKET TASK   a running `dojo serve`; the reset action and the next reset()
"""

import json
import sys
import warnings

import gymnasium
from gymnasium.utils.env_checker import check_env

import dojo_gym


def check(*tasks):
    registered = sorted(env_id for env_id in gymnasium.registry if env_id.startswith("dojo/") and env_id != dojo_gym.GENERIC_ID)
    report = {"registration_error": dojo_gym.registration_error, "registered": registered, "ids": [], "warnings": []}
    ids = [f"dojo/{task}-v0" for task in tasks] if tasks else registered
    for env_id in ids:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            env = gymnasium.make(env_id)
            check_env(env.unwrapped)
            env.close()
        report["ids"].append(env_id)
        report["warnings"] += [f"{env_id}: {w.category.__name__}: {w.message}" for w in caught]
    return report


def random_agent(task):
    env = gymnasium.make("dojo/Task-v0", task=task, serve_args=["--max-steps", "4"])
    env.action_space.seed(7)
    observation, info = env.reset(seed=3)
    steps, total, actions, errors = 0, 0.0, [], 0
    terminated = truncated = False
    while not (terminated or truncated) and steps < 200:
        action = env.action_space.sample()
        observation, reward, terminated, truncated, step_info = env.step(action)
        assert observation in env.observation_space
        steps += 1
        total += reward
        actions.append(dojo_gym.catalog.ACTION_TYPES[int(action["action_type"])])
        errors += "error" in step_info
    report = {"steps": steps, "terminated": terminated, "truncated": truncated, "reward": total,
              "actions": actions, "refused": errors, "trajectory": info["trajectory"],
              "last": json.loads(observation["observation"])}
    env.close()
    return report


def seeds(task):
    env = gymnasium.make(f"dojo/{task}-v0")

    def data(seed):
        env.reset(seed=seed)
        observation, *_ = env.step({"action_type": 0, "code": "", "info_type": "data_structure"})
        return json.loads(observation["observation"])["info"]["data_structure"]

    first, again, other = data(11), data(11), data(12)
    env.close()
    return {"same": first == again, "different": first != other}


def lifecycle(task):
    env = gymnasium.make(f"dojo/{task}-v0", render_mode="ansi")
    observation, info = env.reset(seed=5)
    rendered = env.render()
    server = env.unwrapped._server
    pid = server.process.pid
    env.close()
    env.close()
    return {"rendered": rendered, "feedback": observation["feedback"], "trajectory": info["trajectory"],
            "server_exit": server.process.returncode, "server_pid": pid}


def external(socket, task):
    env = gymnasium.make(f"dojo/{task}-v0", socket=socket)
    _, info = env.reset(seed=9)
    first = info["trajectory"]
    observation, reward, terminated, truncated, step_info = env.step({"action_type": 4, "code": "", "info_type": ""})
    fresh = step_info["trajectory"]
    _, info = env.reset()  # takes over the episode the reset action started
    after = info["trajectory"]
    observation, *_ = env.step({"action_type": 0, "code": "", "info_type": "name"})
    started_own = env.unwrapped._server is not None
    env.close()
    return {"first": first, "reset_terminated": terminated, "fresh": fresh, "after_reset": after,
            "name": json.loads(observation["observation"])["info"]["name"], "started_own_server": started_own}


if __name__ == "__main__":
    mode = sys.argv[1]
    modes = {"check": check, "random": random_agent, "seeds": seeds, "lifecycle": lifecycle, "external": external}
    result = modes[mode](*sys.argv[2:])
    print(json.dumps(result))
