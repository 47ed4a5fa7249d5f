#define _GNU_SOURCE
#include "dojo_sys.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <signal.h>
#include <unistd.h>

pid_t dojo_spawn(const char *path, char *const argv[], char *const envp[], const char *cwd,
                 int stdin_fd, int stdout_fd, int stderr_fd, int fd3) {
    // dup2 onto itself would keep close-on-exec set: move it out of the way first.
    int moved = -1;
    if (fd3 == 3) {
        moved = fcntl(fd3, F_DUPFD_CLOEXEC, 10);
        if (moved < 0) return -errno;
        fd3 = moved;
    }
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    int rc = posix_spawn_file_actions_init(&actions);
    if (rc != 0) { if (moved >= 0) close(moved); return -rc; }
    rc = posix_spawnattr_init(&attr);
    if (rc != 0) { posix_spawn_file_actions_destroy(&actions); if (moved >= 0) close(moved); return -rc; }

    if (stdin_fd >= 0) {
        posix_spawn_file_actions_adddup2(&actions, stdin_fd, 0);
    } else {
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    }
    posix_spawn_file_actions_adddup2(&actions, stdout_fd, 1);
    posix_spawn_file_actions_adddup2(&actions, stderr_fd, 2);
    if (fd3 >= 0) {
        posix_spawn_file_actions_adddup2(&actions, fd3, 3);
        posix_spawn_file_actions_addclosefrom_np(&actions, 4);
    } else {
        posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    }
    if (cwd != NULL) posix_spawn_file_actions_addchdir_np(&actions, cwd);

    // A new session makes the child a process-group leader without a controlling terminal,
    // so a timeout can kill every descendant that stayed in the group.
    short flags = POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
    sigset_t empty, all;
    sigemptyset(&empty);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &empty);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, flags);

    pid_t pid = -1;
    rc = posix_spawn(&pid, path, &actions, &attr, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (moved >= 0) close(moved);
    if (rc != 0) return -rc;
    return pid;
}

pid_t dojo_spawn_foreground(const char *path, char *const argv[], char *const envp[]) {
    posix_spawnattr_t attr;
    int rc = posix_spawnattr_init(&attr);
    if (rc != 0) return -rc;
    sigset_t empty, all;
    sigemptyset(&empty);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &empty);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t pid = -1;
    rc = posix_spawn(&pid, path, NULL, &attr, argv, envp);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) return -rc;
    return pid;
}

int dojo_pipe(int fds[2]) {
    if (pipe2(fds, O_CLOEXEC) != 0) return -errno;
    int flags = fcntl(fds[0], F_GETFL);
    fcntl(fds[0], F_SETFL, flags | O_NONBLOCK);
    return 0;
}

int dojo_pipe_to_child(int fds[2]) {
    if (pipe2(fds, O_CLOEXEC) != 0) return -errno;
    int flags = fcntl(fds[1], F_GETFL);
    fcntl(fds[1], F_SETFL, flags | O_NONBLOCK);
    return 0;
}

void dojo_ignore_sigpipe(void) { signal(SIGPIPE, SIG_IGN); }

void dojo_unblock_all_signals(void) {
    sigset_t empty;
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
}

int dojo_wifexited(int status) { return WIFEXITED(status); }
int dojo_wexitstatus(int status) { return WEXITSTATUS(status); }
int dojo_wifsignaled(int status) { return WIFSIGNALED(status); }
int dojo_wtermsig(int status) { return WTERMSIG(status); }

#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>

pid_t dojo_spawn_sandbox(const char *path, char *const argv[], char *const envp[], const char *cwd,
                         int stdout_fd, int stderr_fd, int keep_fd, int seccomp_fd,
                         const char *const cgroup_procs[], int ncgroups) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return -errno;
    // Move every descriptor the child needs above the low numbers, so the dup2 calls cannot clash.
    int out = fcntl(stdout_fd, F_DUPFD_CLOEXEC, 10);
    int err = fcntl(stderr_fd, F_DUPFD_CLOEXEC, 10);
    int keep = keep_fd >= 0 ? fcntl(keep_fd, F_DUPFD_CLOEXEC, 10) : -1;
    int filter = seccomp_fd >= 0 ? fcntl(seccomp_fd, F_DUPFD_CLOEXEC, 10) : -1;
    pid_t pid = fork();
    if (pid == 0) {
        // Only async-signal-safe calls from here on.
        for (int i = 0; i < ncgroups; i++) {
            int fd = open(cgroup_procs[i], O_WRONLY | O_CLOEXEC);
            if (fd >= 0) { (void)!write(fd, "0", 1); close(fd); }
        }
        setsid();
        sigset_t empty;
        sigemptyset(&empty);
        sigprocmask(SIG_SETMASK, &empty, NULL);
        for (int sig = 1; sig < 65; sig++) signal(sig, SIG_DFL);
        int null = open("/dev/null", O_RDONLY);
        if (null >= 0) { dup2(null, 0); if (null != 0) close(null); }
        dup2(out, 1);
        dup2(err, 2);
        if (keep >= 0) dup2(keep, 3);
        if (filter >= 0) dup2(filter, 4);
        syscall(SYS_close_range, filter >= 0 ? 5 : (keep >= 0 ? 4 : 3), ~0U, 0);
        if (cwd != NULL && chdir(cwd) != 0) { int e = errno; (void)!write(report[1], &e, sizeof e); _exit(127); }
        execve(path, argv, envp);
        int e = errno;
        (void)!write(report[1], &e, sizeof e);
        _exit(127);
    }
    int saved = errno;
    close(report[1]);
    close(out);
    close(err);
    if (keep >= 0) close(keep);
    if (filter >= 0) close(filter);
    if (pid < 0) { close(report[0]); return -saved; }
    int childErrno = 0;
    ssize_t n;
    do { n = read(report[0], &childErrno, sizeof childErrno); } while (n < 0 && errno == EINTR);
    close(report[0]);
    if (n == (ssize_t)sizeof childErrno) {
        int status;
        waitpid(pid, &status, 0);
        return -childErrno;
    }
    return pid;
}

int dojo_socketpair(int fds[2]) {
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) return -errno;
    return 0;
}

long dojo_send_fds(int sock, const void *buf, unsigned long len, const int *fds, int nfds) {
    if (nfds < 0 || nfds > 8) return -EINVAL;
    struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
    union { char bytes[CMSG_SPACE(8 * sizeof(int))]; struct cmsghdr align; } control;
    memset(&control, 0, sizeof control);
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
    if (nfds > 0) {
        msg.msg_control = control.bytes;
        msg.msg_controllen = CMSG_SPACE(nfds * sizeof(int));
        struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
        cmsg->cmsg_level = SOL_SOCKET;
        cmsg->cmsg_type = SCM_RIGHTS;
        cmsg->cmsg_len = CMSG_LEN(nfds * sizeof(int));
        memcpy(CMSG_DATA(cmsg), fds, nfds * sizeof(int));
    }
    ssize_t n;
    do { n = sendmsg(sock, &msg, MSG_NOSIGNAL); } while (n < 0 && errno == EINTR);
    return n < 0 ? -errno : n;
}
