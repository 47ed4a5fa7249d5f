"""The one place that talks to `dojo serve`: starting it, connecting over its Unix socket, calls.

The protocol is JSON-RPC 2.0, one message per line (docs/protocol.md). Standard library only.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import weakref


class DojoProtocolError(Exception):
    """A JSON-RPC error answered by Dojo: `code` and `message` as sent."""

    def __init__(self, code, message):
        super().__init__(f"{message} (code {code})")
        self.code = code
        self.message = message


def find_dojo(dojo=None):
    """The `dojo` executable: the argument, else $DOJO_BIN, else `dojo` on PATH."""
    candidate = dojo or os.environ.get("DOJO_BIN") or shutil.which("dojo")
    if not candidate or not os.access(candidate, os.X_OK):
        raise FileNotFoundError(
            "cannot find the dojo executable: pass dojo=PATH, set DOJO_BIN, or put dojo on PATH "
            "(swift build makes .build/debug/dojo)"
        )
    return candidate


class Connection:
    """One protocol connection (one episode at a time) to a listening `dojo serve`."""

    def __init__(self, path, token=None, timeout=None):
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._socket.settimeout(timeout)
        self._socket.connect(path)
        self._reader = self._socket.makefile("rb")
        self._next_id = 1
        self.closed = False
        if token:
            self.call("auth", {"token": token})

    def call(self, method, params=None):
        if self.closed:
            raise ConnectionError("the connection to dojo is closed")
        request_id = self._next_id
        self._next_id += 1
        message = {"jsonrpc": "2.0", "id": request_id, "method": method}
        if params is not None:
            message["params"] = params
        data = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
        self._socket.sendall(data)
        line = self._reader.readline()
        if not line:
            self.closed = True
            raise ConnectionError("dojo closed the connection")
        reply = json.loads(line)
        if "error" in reply:
            error = reply["error"]
            raise DojoProtocolError(error.get("code"), error.get("message"))
        return reply.get("result")

    def close(self):
        if self.closed:
            return
        self.closed = True
        try:
            self._reader.close()
            self._socket.close()
        except OSError:
            pass


def _stop(process, reader):
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
    # The reader thread ends at the pipe's end of file; then the pipe can be closed.
    reader.join(timeout=10)
    if not reader.is_alive():
        process.stdout.close()


def _read_lines(stream, lines, listening):
    """Reads `dojo serve`'s stdout and notes when it listens."""
    for raw in stream:
        lines.append(raw.decode("utf-8", "replace"))
        if "listening" in lines[-1]:
            listening.set()


class Server:
    """A `dojo serve --socket PATH` this package started; stopped by `stop()` or at exit."""

    def __init__(self, dojo=None, arguments=(), start_timeout=600):
        self.directory = tempfile.mkdtemp(prefix="dojo-gym-")
        self.path = os.path.join(self.directory, "dojo.sock")
        arguments = list(arguments)
        self._token_file = arguments[arguments.index("--token-file") + 1] if "--token-file" in arguments[:-1] else None
        command = [find_dojo(dojo), "serve", "--socket", self.path, *arguments]
        self.process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, start_new_session=True
        )
        self._listening = threading.Event()
        self._lines = []
        reader = threading.Thread(target=_read_lines, args=(self.process.stdout, self._lines, self._listening), daemon=True)
        reader.start()
        self._finalizer = weakref.finalize(self, _stop, self.process, reader)
        deadline = time.monotonic() + start_timeout
        while not self._listening.wait(0.05):
            if self.process.poll() is not None:
                self.stop()
                raise RuntimeError(
                    f"dojo serve exited with code {self.process.returncode} before listening: "
                    + " ".join(command) + "\n" + "".join(self._lines)
                )
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError(f"dojo serve did not listen on {self.path} within {start_timeout} s")

    @property
    def token(self):
        """The token clients must send: on a Unix socket only with `--token-file FILE`, read from FILE."""
        if self._token_file is None:
            return None
        with open(self._token_file, encoding="utf-8") as handle:
            return handle.read().strip()

    def connect(self):
        return Connection(self.path, token=self.token)

    def stop(self):
        self._finalizer()
        shutil.rmtree(self.directory, ignore_errors=True)
