"""A small client for Dojo's agent protocol (JSON-RPC 2.0, one message per line; docs/protocol.md).

Standard library only. An agent started by `dojo run` talks over its stdin/stdout:

    from dojo_client import DojoClient
    dojo = DojoClient.stdio()
    observation, card = dojo.reset()
    obs = dojo.execute_code(open("solution.py").read())

`DojoClient.unix(path)` and `DojoClient.tcp(host, port)` connect to `dojo serve` instead. A server on
a port needs its token (printed when it starts, or in its --token-file): pass `token=...` or set
$DOJO_TOKEN; the client sends it with the `auth` method right after connecting.
Write logs to stderr: stdout belongs to the protocol.
"""

import json
import os
import socket
import sys


class DojoError(Exception):
    """A JSON-RPC error answered by Dojo."""

    def __init__(self, code, message, data=None):
        super().__init__(f"{message} (code {code})")
        self.code = code
        self.message = message
        self.data = data


class DojoClient:
    def __init__(self, reader, writer):
        self._reader = reader
        self._writer = writer
        self._next_id = 1
        self.card = None

    @classmethod
    def stdio(cls):
        return cls(sys.stdin.buffer, sys.stdout.buffer)

    @classmethod
    def unix(cls, path, token=None):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(path)
        return cls(sock.makefile("rb"), sock.makefile("wb"))._authenticated(token)

    @classmethod
    def tcp(cls, host, port, token=None):
        sock = socket.create_connection((host, port))
        return cls(sock.makefile("rb"), sock.makefile("wb"))._authenticated(token)

    def _authenticated(self, token):
        """Sends the server's token (the argument, else $DOJO_TOKEN) when there is one."""
        token = token if token is not None else os.environ.get("DOJO_TOKEN")
        if token:
            self.auth(token)
        return self

    def auth(self, token):
        return self.call("auth", {"token": token})

    # -- the protocol ---------------------------------------------------------------------------

    def call(self, method, params=None):
        request_id = self._next_id
        self._next_id += 1
        message = {"jsonrpc": "2.0", "id": request_id, "method": method}
        if params is not None:
            message["params"] = params
        self._send(message)
        line = self._reader.readline()
        if not line:
            raise ConnectionError("dojo closed the connection")
        reply = json.loads(line)
        if "error" in reply:
            error = reply["error"]
            raise DojoError(error.get("code"), error.get("message"), error.get("data"))
        return reply.get("result")

    def notify(self, method, params=None):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self._send(message)

    def _send(self, message):
        self._writer.write((json.dumps(message, separators=(",", ":")) + "\n").encode("utf-8"))
        self._writer.flush()

    # -- conveniences ---------------------------------------------------------------------------

    def reset(self, task=None, seed=None):
        params = {}
        if task is not None:
            params["task"] = task
        if seed is not None:
            params["seed"] = seed
        result = self.call("reset", params)
        self.card = result["task"]
        return result["observation"], result["task"]

    def step(self, action):
        return self.call("step", action)

    def request_info(self, info_type):
        return self.step({"type": "request_info", "info_type": info_type})

    def validate_code(self, code):
        return self.step({"type": "validate_code", "code": code})

    def execute_code(self, code):
        return self.step({"type": "execute_code", "code": code})

    def get_history(self):
        return self.step({"type": "get_history"})

    def note(self, text, **data):
        """Attaches a note (reasoning, token counts, cost) to the trajectory; no answer is awaited."""
        params = {"text": text}
        if data:
            params["data"] = data
        self.notify("note", params)

    def close(self):
        return self.call("close")
