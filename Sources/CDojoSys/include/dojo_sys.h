#ifndef DOJO_SYS_H
#define DOJO_SYS_H

#include <sys/types.h>

/// Spawns `path` with `argv`/`envp` in a new session (so the whole process group can be killed),
/// with `cwd` as working directory, stdin from /dev/null unless `stdin_fd` >= 0, stdout/stderr onto
/// the given fds and every other descriptor closed, except `fd3` (when >= 0) duplicated onto
/// descriptor 3 (a seccomp filter for `bwrap --seccomp 3`). Returns the pid, or -errno on failure.
pid_t dojo_spawn(const char *path, char *const argv[], char *const envp[], const char *cwd,
                 int stdin_fd, int stdout_fd, int stderr_fd, int fd3);

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
/// puts `keep_fd` (if >= 0) at descriptor 3, `seccomp_fd` (if >= 0) at 4, and closes every other descriptor above 2.
/// Returns the pid, or -errno when the program could not be started.
pid_t dojo_spawn_sandbox(const char *path, char *const argv[], char *const envp[], const char *cwd,
                         int stdout_fd, int stderr_fd, int keep_fd, int seccomp_fd,
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

/// The sandbox's seccomp filter (docs/sandbox.md): a classic BPF program, default allow, EPERM for the
/// denied calls, ENOSYS for clone3, kill for a foreign architecture. Copies it into `buffer` when
/// `capacity` is enough; returns its size in bytes.
long dojo_seccomp_program(void *buffer, unsigned long capacity);

/// The filter in a close-on-exec memfd positioned at 0, for `bwrap --seccomp FD`. Returns the fd or -errno.
int dojo_seccomp_fd(void);

/// What `dojo_snapshot_file` found.
#define DOJO_SNAPSHOT_OK 0
#define DOJO_SNAPSHOT_MISSING 1
#define DOJO_SNAPSHOT_NOT_REGULAR 2
#define DOJO_SNAPSHOT_TOO_LARGE 3

/// Copies `name` of the folder `dir_path` to `dest_path` (created 0600, must not exist) without following
/// a symbolic link anywhere: the folder is opened O_DIRECTORY|O_NOFOLLOW, the file with openat(O_NOFOLLOW),
/// and only a regular file of at most `max_bytes` is copied (a link, FIFO, folder… is removed with
/// unlinkat). `*kind` gets the S_IFMT bits found, `*size` the size. Returns a DOJO_SNAPSHOT_ value or -errno.
int dojo_snapshot_file(const char *dir_path, const char *name, const char *dest_path, long long max_bytes,
                       int *kind, long long *size);

/// unlinkat of `name` relative to `dir_path` opened O_DIRECTORY|O_NOFOLLOW. Returns 0 or -errno.
int dojo_unlink_in(const char *dir_path, const char *name);

/// mount(2) of a tmpfs (nosuid, nodev) with `options` ("size=…,nr_inodes=…"). Returns 0 or -errno.
int dojo_mount_tmpfs(const char *path, const char *options);

/// A bind mount of `source` on `target`. Returns 0 or -errno.
int dojo_bind_mount(const char *source, const char *target);

/// umount2(MNT_DETACH | UMOUNT_NOFOLLOW). Returns 0 or -errno.
int dojo_unmount_detach(const char *path);

/// Unlinks `relative` (a/b/c) below the folder `root`, opening every folder on the way with
/// openat(O_DIRECTORY|O_NOFOLLOW): no symbolic link is followed, `..` refused. Returns 0 or -errno.
int dojo_unlink_beneath(const char *root, const char *relative);

/// renameat2(RENAME_EXCHANGE) of two paths: what an attacker's swap loop does (the snapshot's race test).
/// Returns 0 or -errno.
int dojo_rename_exchange(const char *a, const char *b);

/// A close-on-exec Unix stream socket pair. Returns 0 or -errno.
int dojo_socketpair(int fds[2]);

/// Sends `len` bytes and up to 8 descriptors (SCM_RIGHTS) in one message. Returns bytes sent or -errno.
long dojo_send_fds(int sock, const void *buf, unsigned long len, const int *fds, int nfds);

#endif
