"""The Ray driver of `dojo eval --ray ADDRESS` (docs/eval.md, "Many machines: Ray").

Started by Dojo with the interpreter of the Ray environment (`dojo setup ray`). It connects to the
cluster, then reads requests from stdin and writes events to stdout, one JSON object a line each:

  request  {"op": "run", "id": "...", "dojo": "/path/to/dojo",
            "args": ["run", "TASK", ..., "--trajectory", "{trajectory}", "--agent-log", "{agent_log}"],
            "env": {...}, "cwd": "...", "resources": {"num_cpus": 1, "memory": BYTES, "num_gpus": 0},
            "trajectory": "LOCAL/trajectory.dojo.jsonl", "agent_log": "LOCAL/agent.log", "run_log": "LOCAL/run.log"}
  request  {"op": "cancel", "id": "..."}
  events   {"event": "connected", "nodes": N, "resources": {...}}
           {"event": "started", "id": ..., "host": ..., "node": ...}      the episode runs on that node
           {"event": "finished", "id": ..., "exit_code": N, "output": TAIL, "host": ...}   N < 0: killed by signal -N
           {"event": "failed", "id": ..., "kind": "lost|unschedulable|cancelled|error", "reason": ...}
           {"event": "fatal", "reason": ...}                               the driver cannot go on

Each episode is one Ray task that runs `dojo run` on a node in a fresh temporary folder and streams
back the trajectory (whole lines, as the episode writes them), the agent's log and what `dojo run`
printed (the run log); the driver appends
them to the local files as they come, so the run directory on the starting machine grows as a local
episode's would. A task is never retried by Ray itself: a worker or node lost mid-episode ends in a
`failed` event of kind `lost`, and Dojo re-runs the episode from scratch (the partial files kept aside).
Standard library and Ray only; stdout carries nothing but events.
"""

import argparse
import json
import os
import signal
import socket
import sys
import threading

POLL_SECONDS = 0.5
CHUNK_LIMIT = 4 << 20
TAIL_BYTES = 8192


def _deathsig():
    """In the child: the kernel sends SIGTERM to `dojo run` when the Ray worker that started it dies
    (a killed worker must not leave an episode running on the node)."""
    import ctypes
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def run_episode(request):
    """The body of the Ray task (a generator): yields dicts, first {"started"}, then {"trajectory",
    "agent_log"} chunks, last {"exit_code", ...}. Runs on a node."""
    import shutil
    import subprocess
    import tempfile
    import time

    import ray

    dojo = request["dojo"]
    resolved = dojo if os.path.isabs(dojo) else shutil.which(dojo)
    if not resolved or not os.access(resolved, os.X_OK):
        raise RuntimeError(f"no dojo executable at {dojo!r} on node {socket.gethostname()}: "
                           "install Dojo on every node at that path, or pass --ray-dojo PATH")
    folder = tempfile.mkdtemp(prefix="dojo-ray-")
    try:
        trajectory = os.path.join(folder, "trajectory.dojo.jsonl")
        agent_log = os.path.join(folder, "agent.log")
        run_log = os.path.join(folder, "run.log")
        places = {"{trajectory}": trajectory, "{agent_log}": agent_log}
        args = [resolved] + [places.get(a, a) for a in request["args"]]
        env = dict(os.environ)
        env.update(request.get("env") or {})
        cwd = request.get("cwd")
        if not cwd or not os.path.isdir(cwd):
            cwd = folder
        yield {"started": {"host": socket.gethostname(), "node": ray.get_runtime_context().get_node_id(),
                           "pid": os.getpid(), "cwd": cwd}}
        with open(run_log, "wb") as output:
            child = subprocess.Popen(args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=output, stderr=output,
                                     preexec_fn=_deathsig)
            offsets = {"trajectory": 0, "agent_log": 0, "run_log": 0}
            paths = {"trajectory": trajectory, "agent_log": agent_log, "run_log": run_log}

            def fresh(final):
                chunk = {}
                for key, path in paths.items():
                    try:
                        with open(path, "rb") as handle:
                            handle.seek(offsets[key])
                            data = handle.read(CHUNK_LIMIT)
                    except FileNotFoundError:
                        continue
                    if key == "trajectory" and not final:
                        data = data[: data.rfind(b"\n") + 1]  # whole lines only while it grows
                    if data:
                        offsets[key] += len(data)
                        chunk[key] = data
                return chunk

            try:
                while child.poll() is None:
                    time.sleep(POLL_SECONDS)
                    chunk = fresh(final=False)
                    if chunk:
                        yield chunk
            finally:
                if child.poll() is None:  # the task was cancelled: stop the episode, let it clean up
                    child.terminate()
                    try:
                        child.wait(timeout=30)
                    except subprocess.TimeoutExpired:
                        child.kill()
                        child.wait()
            while True:
                chunk = fresh(final=True)
                if not chunk:
                    break
                yield chunk

        def tail(path):
            with open(path, "rb") as handle:
                handle.seek(0, os.SEEK_END)
                handle.seek(max(0, handle.tell() - TAIL_BYTES))
                return handle.read().decode("utf-8", "replace")

        yield {"exit_code": child.returncode, "output": tail(run_log), "host": socket.gethostname()}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class Driver:
    def __init__(self, ray, events):
        self.ray = ray
        self.events = events
        self.lock = threading.Lock()
        self.running = {}  # id -> the task's generator
        self.cancelled = set()
        self.remote = ray.remote(run_episode)

    def emit(self, **event):
        line = json.dumps(event, separators=(",", ":")) + "\n"
        with self.lock:
            self.events.write(line)
            self.events.flush()

    def largest_node(self):
        """The most of each resource one alive node has (an episode runs on one node)."""
        best = {}
        for node in self.ray.nodes():
            if not node.get("Alive"):
                continue
            for key, value in node.get("Resources", {}).items():
                best[key] = max(best.get(key, 0), value)
        return best

    def unschedulable(self, resources):
        best = self.largest_node()
        wanted = {"CPU": resources.get("num_cpus", 1), "GPU": resources.get("num_gpus", 0),
                  "memory": resources.get("memory", 0)}
        short = [f"{key} {wanted[key]:g} (largest node: {best.get(key, 0):g})"
                 for key in ("CPU", "GPU", "memory") if wanted[key] > best.get(key, 0)]
        return "no node of the cluster has " + ", ".join(short) if short else None

    def run(self, request):
        ident = request["id"]
        resources = request.get("resources") or {}
        reason = self.unschedulable(resources)
        if reason:
            self.emit(event="failed", id=ident, kind="unschedulable", reason=reason)
            return
        options = {"num_cpus": resources.get("num_cpus", 1), "num_gpus": resources.get("num_gpus", 0),
                   "max_retries": 0, "retry_exceptions": False}
        if resources.get("memory"):
            options["memory"] = resources["memory"]
        generator = self.remote.options(**options).remote(request)
        with self.lock:
            self.running[ident] = generator
            cancel_now = ident in self.cancelled
        if cancel_now:
            self.ray.cancel(generator, force=True)
        try:
            with open(request["trajectory"], "ab") as trajectory, open(request["agent_log"], "ab") as agent_log, \
                    open(request["run_log"], "ab") as run_log:
                for ref in generator:
                    item = self.ray.get(ref)
                    if "started" in item:
                        self.emit(event="started", id=ident, **item["started"])
                    if "trajectory" in item:
                        trajectory.write(item["trajectory"])
                        trajectory.flush()
                    if "agent_log" in item:
                        agent_log.write(item["agent_log"])
                        agent_log.flush()
                    if "run_log" in item:
                        run_log.write(item["run_log"])
                        run_log.flush()
                    if "exit_code" in item:
                        trajectory.flush()
                        os.fsync(trajectory.fileno())
                        self.emit(event="finished", id=ident, exit_code=item["exit_code"], output=item["output"],
                                  host=item["host"])
                        return
            self.emit(event="failed", id=ident, kind="lost", reason="the task ended without a result")
        except BaseException as error:  # every way a task can end badly becomes an event
            self.emit(event="failed", id=ident, **self.classify(error, ident))
        finally:
            with self.lock:
                self.running.pop(ident, None)

    def classify(self, error, ident):
        exceptions = self.ray.exceptions
        with self.lock:
            was_cancelled = ident in self.cancelled
        if was_cancelled or isinstance(error, exceptions.TaskCancelledError):
            return {"kind": "cancelled", "reason": "cancelled"}
        if isinstance(error, exceptions.RayTaskError):  # the task's own code raised (e.g. no dojo on the node)
            cause = error.cause if getattr(error, "cause", None) is not None else error
            return {"kind": "error", "reason": str(cause).strip().splitlines()[-1] if str(cause).strip() else repr(cause)}
        name = type(error).__name__
        first = str(error).strip().splitlines()[0] if str(error).strip() else name
        # WorkerCrashedError, NodeDiedError, ObjectLostError, OwnerDiedError, RaySystemError...: the
        # machinery lost the episode, not the episode failing; it is re-run from scratch.
        return {"kind": "lost", "reason": f"{name}: {first}"}

    def cancel(self, ident):
        with self.lock:
            self.cancelled.add(ident)
            generator = self.running.get(ident)
        if generator is not None:
            try:
                self.ray.cancel(generator, force=True)
            except Exception as error:  # already finished
                print(f"dojo_ray: cancelling {ident}: {error}", file=sys.stderr)

    def cancel_all(self):
        with self.lock:
            idents = list(self.running)
        for ident in idents:
            self.cancel(ident)


def main():
    parser = argparse.ArgumentParser(description="Dojo's Ray driver (requests on stdin, events on stdout)")
    parser.add_argument("--address", required=True, help="the Ray cluster (host:port of the head, or 'auto')")
    options = parser.parse_args()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Dojo decides when to stop: it cancels, then closes stdin
    events = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # whatever Ray prints goes to stderr; stdout is for events only
    try:
        import ray
    except ImportError as error:
        events.write(json.dumps({"event": "fatal", "reason": f"Ray is not installed in {sys.executable}: {error}"}) + "\n")
        events.flush()
        return 2
    try:
        ray.init(address=options.address, logging_level="ERROR", log_to_driver=False)
    except Exception as error:
        events.write(json.dumps({"event": "fatal", "reason": f"cannot connect to the Ray cluster at {options.address}: "
                                 f"{type(error).__name__}: {str(error).strip().splitlines()[0] if str(error).strip() else ''}"}) + "\n")
        events.flush()
        return 3
    driver = Driver(ray, events)
    alive = [node for node in ray.nodes() if node.get("Alive")]
    driver.emit(event="connected", nodes=len(alive), resources=ray.cluster_resources())
    threads = []
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            request = json.loads(line)
            op = request["op"]
        except (ValueError, KeyError, TypeError) as error:
            driver.emit(event="fatal", reason=f"bad request line: {error}")
            continue
        if op == "run":
            thread = threading.Thread(target=driver.run, args=(request,), daemon=True)
            thread.start()
            threads.append(thread)
        elif op == "cancel":
            driver.cancel(request["id"])
    driver.cancel_all()
    for thread in threads:
        thread.join(timeout=60)
    ray.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
