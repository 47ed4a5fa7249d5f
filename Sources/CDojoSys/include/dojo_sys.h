#ifndef DOJO_SYS_H
#define DOJO_SYS_H

#include <sys/types.h>

/// Spawns `path` with `argv`/`envp` in a new session (so the whole process group can be killed),
/// with `cwd` as working directory, stdin from /dev/null unless `stdin_fd` >= 0, stdout/stderr onto
/// the given fds and every other descriptor closed. Returns the pid, or -errno on failure.
pid_t dojo_spawn(const char *path, char *const argv[], char *const envp[], const char *cwd,
                 int stdin_fd, int stdout_fd, int stderr_fd);

/// Spawns `path` in this process's own process group with the terminal's stdin/stdout/stderr, every
/// signal at its default action and none blocked: a full-screen child (a forked `dojo play`) that the
/// terminal's foreground group includes, so it can read the keyboard. Returns the pid, or -errno.
pid_t dojo_spawn_foreground(const char *path, char *const argv[], char *const envp[]);

/// Creates a close-on-exec, non-blocking-read pipe. Returns 0 or -errno.
int dojo_pipe(int fds[2]);

/// Creates a close-on-exec pipe whose write end is non-blocking (for writing to a child's stdin
/// without ever blocking on a child that does not read). Returns 0 or -errno.
int dojo_pipe_to_child(int fds[2]);

/// Ignores SIGPIPE, so a peer that goes away turns writes into EPIPE errors instead of killing us.
void dojo_ignore_sigpipe(void);

/// Unblocks every signal: a parent may have started us with SIGTERM or SIGINT blocked, which would
/// make `dojo` impossible to stop politely.
void dojo_unblock_all_signals(void);

/// WIFEXITED/WEXITSTATUS/WIFSIGNALED/WTERMSIG are macros Swift cannot call.
int dojo_wifexited(int status);
int dojo_wexitstatus(int status);
int dojo_wifsignaled(int status);
int dojo_wtermsig(int status);

/// Like `dojo_spawn`, with fork/exec so the child can first join cgroups: it writes "0" to each of
/// the `ncgroups` cgroup.procs files in `cgroup_procs` (failures ignored), starts a new session,
/// puts `keep_fd` (if >= 0) at descriptor 3 and closes every other descriptor above 2.
/// Returns the pid, or -errno when the program could not be started.
pid_t dojo_spawn_sandbox(const char *path, char *const argv[], char *const envp[], const char *cwd,
                         int stdout_fd, int stderr_fd, int keep_fd,
                         const char *const cgroup_procs[], int ncgroups);

/// Spawns `path` in a new session with the resource limits `resources[i]` set to `soft[i]`/`hard[i]`
/// before exec (fork/exec; the child calls only async-signal-safe functions), stdin/stdout/stderr on
/// the given fds (-1: /dev/null), every signal at its default action and none blocked, every other
/// descriptor closed, and SIGKILL when the thread that spawned it ends (PR_SET_PDEATHSIG).
/// Returns the pid, or -errno when the limits or the program could not be set up.
pid_t dojo_spawn_limited(const char *path, char *const argv[], char *const envp[],
                         int stdin_fd, int stdout_fd, int stderr_fd,
                         const int resources[], const unsigned long long soft[], const unsigned long long hard[],
                         int nlimits);

/// A close-on-exec Unix stream socket pair. Returns 0 or -errno.
int dojo_socketpair(int fds[2]);

/// Sends `len` bytes and up to 8 descriptors (SCM_RIGHTS) in one message. Returns bytes sent or -errno.
long dojo_send_fds(int sock, const void *buf, unsigned long len, const int *fds, int nfds);

#endif
