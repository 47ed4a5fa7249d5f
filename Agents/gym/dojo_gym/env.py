"""`DojoEnv`: one Dojo task as a Gymnasium environment (docs/gym.md).

The loop maps exactly onto Dojo's: an action is one of the five MLE-Dojo actions, the observation
is everything Dojo's JSON observation holds, and every episode is recorded as a trajectory that
`dojo watch` can follow.
"""

import json
import os

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from . import catalog
from .connection import Connection, DojoProtocolError, Server

# Every Unicode character of the Basic Multilingual Plane except the surrogates: the characters of
# the feedback text and of the code an action carries (a feedback character beyond the plane, which
# only a program's own output can produce, shows as U+FFFD there; the JSON keeps it exactly).
TEXT_CHARSET = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
# The JSON observation is ASCII (non-ASCII characters are \u-escaped), without newlines.
JSON_CHARSET = "".join(chr(c) for c in range(0x20, 0x7F))
INFO_TYPE_CHARSET = "".join(sorted(set("".join(catalog.INFO_TYPES))))

# The longest observation text, in characters. Dojo caps what a step prints at 256 KiB per stream;
# the history grows by about 150 characters per step. An observation over the bound raises.
MAX_OBSERVATION_CHARACTERS = 16 * 1024 * 1024
MAX_COUNT = 2**31 - 1
MAX_SECONDS = 1e9

STATUSES = ("ok", "error")


class DojoEnv(gym.Env):
    """One Dojo task. `task` is its id (`dojo tasks`).

    Connects to a running `dojo serve --socket PATH` when `socket` (or $DOJO_SOCKET) names one,
    with `token` (or $DOJO_TOKEN) when the server asks for one; otherwise starts its own
    `dojo serve` (the executable from `dojo`, $DOJO_BIN or PATH) with `serve_args` (for example
    `["--sandbox", "none", "--max-steps", "5"]`) and stops it on `close()`.
    """

    # One frame per step: the fps is declared because Gymnasium's checker asks every environment for one.
    metadata = {"render_modes": ["ansi"], "render_fps": 1}

    def __init__(self, task, render_mode=None, socket=None, token=None, dojo=None, serve_args=()):
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise ValueError(f"render_mode {render_mode!r} is not supported; the only one is 'ansi'")
        if not isinstance(task, str) or not task:
            raise ValueError("task must be a task id such as 'titanic' (see `dojo tasks`)")
        self.task = task
        self.render_mode = render_mode
        self._socket_path = socket or os.environ.get("DOJO_SOCKET")
        self._token = token or os.environ.get("DOJO_TOKEN")
        self._dojo = dojo
        self._serve_args = list(serve_args)
        self._server = None
        self._connection = None
        self._split_seed = None
        self._last = None  # the last observation Dojo sent (a dict)
        self._best_rank = 0.0
        self._fresh_episode = None  # an episode the reset action started, handed to the next reset()
        self.card = None
        self.trajectory = None

        self.action_space = spaces.Dict(
            {
                "action_type": spaces.Discrete(len(catalog.ACTION_TYPES)),
                "code": spaces.Text(catalog.MAX_CODE_CHARACTERS, min_length=0, charset=TEXT_CHARSET),
                "info_type": spaces.Text(
                    max(len(name) for name in catalog.INFO_TYPES), min_length=0, charset=INFO_TYPE_CHARSET
                ),
            }
        )
        self.observation_space = spaces.Dict(
            {
                "feedback": spaces.Text(MAX_OBSERVATION_CHARACTERS, min_length=0, charset=TEXT_CHARSET),
                "observation": spaces.Text(MAX_OBSERVATION_CHARACTERS, min_length=2, charset=JSON_CHARSET),
                "step": spaces.Discrete(MAX_COUNT),
                "action": spaces.Discrete(len(catalog.ACTION_TYPES)),
                "status": spaces.Discrete(len(STATUSES)),
                # steps used, steps left, seconds left
                "budget": spaces.Box(low=0.0, high=MAX_SECONDS, shape=(3,), dtype=np.float64),
                # the episode's best position score so far (0 before any scored submission)
                "best_position_score": spaces.Box(low=0.0, high=1.0, shape=(), dtype=np.float64),
            }
        )

    # -- Gymnasium ------------------------------------------------------------------------------

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        if seed is not None:
            self._split_seed = int(seed)
        connection = self._connect()
        if self._fresh_episode is not None and seed is None:
            result = self._fresh_episode
        else:
            params = {"task": self.task}
            if self._split_seed is not None:
                params["seed"] = self._split_seed
            result = connection.call("reset", params)
        self._fresh_episode = None
        self.card = result["task"]
        self.trajectory = result.get("trajectory")
        self._best_rank = 0.0
        self._last = result["observation"]
        return self._observation(self._last), {"task": self.card, "trajectory": self.trajectory}

    def step(self, action):
        if self._connection is None or self._last is None:
            raise RuntimeError("call reset() before step()")
        name = catalog.ACTION_TYPES[int(action["action_type"])]
        params = {"type": name}
        if name in catalog.CODE_ACTIONS:
            params["code"] = str(action.get("code", ""))
        if name in catalog.INFO_ACTIONS:
            params["info_type"] = str(action.get("info_type", ""))
        info = {"trajectory": self.trajectory}
        try:
            if name == "reset":
                # The agent ends this episode; Dojo starts the next one, which the next reset() takes.
                result = self._connection.call("step", params)
                self._fresh_episode = result
                observation = result["observation"]
                info["trajectory"] = result.get("trajectory")
                terminated, truncated = True, False
                info["ended_by"] = "reset action"
            else:
                observation = self._connection.call("step", params)
                terminated, truncated = self._ending(observation)
        except DojoProtocolError as error:
            # A refused action (bad info_type, code over the limit, episode over) is an observation
            # with Dojo's words; it uses no budget.
            observation = dict(self._last)
            observation.update(
                {"action": name, "status": "error", "feedback": error.message, "info": None, "execution": None,
                 "submission": None, "history": None, "reward": 0.0, "terminated": False, "truncated": False}
            )
            observation = {key: value for key, value in observation.items() if value is not None or key == "best"}
            info["error"] = {"code": error.code, "message": error.message}
            terminated = error.code == -32000
            truncated = False
        best = (observation.get("best") or {}).get("human_rank")
        reward = 0.0
        if best is not None and best > self._best_rank:
            reward = float(best - self._best_rank)
            self._best_rank = float(best)
        info["dojo_reward"] = float(observation.get("reward", 0.0))
        self._last = observation
        return self._observation(observation), reward, terminated, truncated, info

    def render(self):
        if self.render_mode == "ansi":
            return self._last["feedback"] if self._last is not None else ""
        return None

    def close(self):
        if self._connection is not None:
            try:
                self._connection.call("close")
            except (OSError, ConnectionError, DojoProtocolError):
                pass
            self._connection.close()
            self._connection = None
        if self._server is not None:
            self._server.stop()
            self._server = None
        super().close()

    # -- helpers --------------------------------------------------------------------------------

    def _connect(self):
        if self._connection is None:
            if self._socket_path:
                self._connection = Connection(self._socket_path, token=self._token)
            else:
                if self._server is None:
                    self._server = Server(dojo=self._dojo, arguments=self._serve_args)
                self._connection = self._server.connect()
            catalog.check_against(self._connection.call("actions"))
        return self._connection

    @staticmethod
    def _ending(observation):
        """`terminated` when the step budget is used up, `truncated` when the episode's time is."""
        if not observation.get("truncated"):
            return False, False
        budget = observation.get("budget") or {}
        if budget.get("steps_left", 1) <= 0:
            return True, False
        return False, True

    def _observation(self, observation):
        text = json.dumps(observation, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
        feedback = "".join(c if c in _TEXT_SET else "\ufffd" for c in observation.get("feedback", ""))
        for value in (text, feedback):
            if len(value) > MAX_OBSERVATION_CHARACTERS:
                raise RuntimeError(
                    f"an observation of {len(value)} characters exceeds the observation space's "
                    f"{MAX_OBSERVATION_CHARACTERS}; start the episode with fewer steps"
                )
        budget = observation.get("budget") or {}
        return {
            "feedback": feedback,
            "observation": text,
            "step": int(observation.get("step", 0)),
            "action": catalog.ACTION_TYPES.index(observation.get("action", "reset")),
            "status": STATUSES.index(observation.get("status", "error")),
            "budget": np.array(
                [budget.get("steps_used", 0), budget.get("steps_left", 0), min(budget.get("seconds_left", 0), MAX_SECONDS)],
                dtype=np.float64,
            ),
            "best_position_score": np.array(self._best_rank, dtype=np.float64),
        }


_TEXT_SET = frozenset(TEXT_CHARSET)
