/// The warm interpreter that runs inside each episode's sandbox (see docs/sandbox.md): it imports the
/// heavy libraries once and forks a fresh process per step, so no state leaks from step to step.
enum ForkServerScript {
    static let fileName = "dojo_forkserver.py"

    static let source = #"""
# Dojo's warm interpreter: runs inside the episode's sandbox, imports the heavy libraries once, and
# forks a fresh process for every step. Protocol on fd 3 (a Unix stream socket to dojo), one line each:
#   dojo -> server: RUN <json>   (with the step's stdout and stderr pipes as SCM_RIGHTS)   |   KILL
#   server -> dojo: READY <pid> | STARTED <pid> | EXIT <code> <signal> | WARM (the imports are done)
# The heavy imports happen when the server is first idle or has run its first step, so the first
# step never waits for them and the later ones find them loaded.
import json, os, select, signal, socket, sys, time

PRELOAD = os.environ.get("DOJO_PRELOAD", "")
loaded = []
warm = False


def preload():
    # Imported while no step waits: a step that arrives first runs cold instead of waiting ~2 s.
    global warm
    for name in [m for m in PRELOAD.split(",") if m]:
        try:
            __import__(name)
            loaded.append(name)
        except BaseException:
            pass
    gc.freeze()
    warm = True
    # Dojo's warm-up (the workbench starts the sandbox when it opens) waits for this line.
    send("WARM")


import builtins, ctypes, gc, resource, traceback

libc = ctypes.CDLL(None, use_errno=True)
# Not dumpable: the step's processes, though the same user, cannot ptrace this server or take its socket.
libc.prctl(4, 0, 0, 0, 0)

control = socket.socket(fileno=3)
control.setblocking(True)
ME = os.getpid()


def send(line):
    control.sendall((line + "\n").encode())


def others():
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        pid = int(entry)
        if pid in (1, ME):
            continue
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                state = f.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if state != b"Z":
            found.append(pid)
            continue
        # A zombie thread-group leader (it ended with SYS_exit) whose other threads still run: those
        # threads are the process now; kill() of their ids ends the whole group.
        try:
            threads = [int(t) for t in os.listdir(f"/proc/{pid}/task") if int(t) != pid]
        except (OSError, ValueError):
            continue
        found.extend(threads)
    return found


def kill_others():
    """Every process of the sandbox except pid 1 (bwrap's reaper) and this server: the step's."""
    for _ in range(200):
        pids = others()
        if not pids:
            return
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.002)


def child(request, out_fd, err_fd):
    os.setsid()
    libc.prctl(4, 1, 0, 0, 0)
    control.close()
    null = os.open("/dev/null", os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(out_fd, 1)
    os.dup2(err_fd, 2)
    for fd in (null, out_fd, err_fd):
        if fd > 2:
            os.close(fd)
    for sig in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGINT, signal.SIGTERM, signal.SIGCHLD):
        signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for name, value in request.get("rlimits", {}).items():
        if name == "RLIMIT_AS_EXTRA":
            # Without a memory cgroup: the step may map this much beyond what the warm interpreter has mapped.
            with open("/proc/self/status") as status:
                mapped = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
            name, value = "RLIMIT_AS", mapped + value
        try:
            resource.setrlimit(getattr(resource, name), (value, value))
        except (ValueError, OSError, AttributeError):
            pass
    sys.stdin = open(0, "r", closefd=False)
    sys.stdout = open(1, "w", buffering=1, encoding="utf-8", errors="backslashreplace", closefd=False)
    sys.stderr = open(2, "w", buffering=1, encoding="utf-8", errors="backslashreplace", closefd=False)
    sys.__stdout__, sys.__stderr__, sys.__stdin__ = sys.stdout, sys.stderr, sys.stdin
    script = request["script"]
    os.chdir(request["cwd"])
    sys.argv = [script]
    sys.path[0] = os.path.dirname(script)
    code = 0
    try:
        with open(script, "rb") as f:
            source = f.read()
        compiled = compile(source, script, "exec")
        namespace = {"__name__": "__main__", "__file__": script, "__builtins__": builtins, "__doc__": None,
                     "__package__": None, "__spec__": None, "__loader__": None}
        gc.enable()
        exec(compiled, namespace)
    except SystemExit as exit:
        if exit.code is None:
            code = 0
        elif isinstance(exit.code, int):
            code = exit.code
        else:
            print(exit.code, file=sys.stderr)
            code = 1
    except BaseException as error:
        # Drop this server's own frame, so the traceback starts in the step's code as with `python script.py`.
        # The interpreter's own printer, not traceback's: Python 3.11 adds "Did you mean: ...?" only there.
        tb = error.__traceback__.tb_next if error.__traceback__ is not None else None
        try:
            error.__traceback__ = tb
            sys.__excepthook__(type(error), error, tb)
        except BaseException:
            traceback.print_exception(type(error), error, tb)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        pass
    os._exit(code & 0xFF)


def wait_child(pid, pidfd):
    while True:
        readable, _, _ = select.select([control, pidfd], [], [])
        if control in readable:
            data = control.recv(4096)
            if not data:
                os.kill(pid, signal.SIGKILL)
                kill_others()
                os._exit(0)
            if b"KILL" in data:
                os.kill(pid, signal.SIGKILL)
                kill_others()
        if pidfd in readable:
            _, status = os.waitpid(pid, 0)
            return status


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    # The host finds this server's own host pid by it (NSpid) and spares it when it kills by cgroup.
    send(f"READY {os.getpid()}")
    pending = b""
    while True:
        if not warm and b"\n" not in pending:
            idle, _, _ = select.select([control], [], [], 0.05)
            if not idle:
                preload()
        data, fds, _, _ = socket.recv_fds(control, 65536, 8)
        if not data:
            return
        pending += data
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            if line.startswith(b"RUN ") and len(fds) >= 2:
                request = json.loads(line[4:])
                out_fd, err_fd = fds[0], fds[1]
                for extra in fds[2:]:
                    os.close(extra)
                fds = []
                pid = os.fork()
                if pid == 0:
                    child(request, out_fd, err_fd)
                os.close(out_fd)
                os.close(err_fd)
                send(f"STARTED {pid}")
                pidfd = os.pidfd_open(pid)
                status = wait_child(pid, pidfd)
                os.close(pidfd)
                # Whatever the step started and left running (double forks, daemons) ends with it.
                kill_others()
                if os.WIFSIGNALED(status):
                    send(f"EXIT - {os.WTERMSIG(status)}")
                else:
                    send(f"EXIT {os.WEXITSTATUS(status)} -")
                if not warm:
                    preload()
            else:
                for fd in fds:
                    os.close(fd)
                fds = []


main()
"""#
}
