#define _GNU_SOURCE
#include "dojo_sys.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

pid_t dojo_spawn_limited(const char *path, char *const argv[], char *const envp[],
                         int stdin_fd, int stdout_fd, int stderr_fd,
                         const int resources[], const unsigned long long soft[], const unsigned long long hard[],
                         int nlimits) {
    // A close-on-exec pipe tells the parent whether exec failed (and why) before it trusts the pid.
    int status_pipe[2];
    if (pipe2(status_pipe, O_CLOEXEC) != 0) return -errno;
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        int saved = errno;
        close(status_pipe[0]);
        close(status_pipe[1]);
        return -saved;
    }
    if (pid == 0) {
        // Only async-signal-safe calls from here to exec: the parent has other threads.
        setsid();
        // The child dies with its parent (a dojo killed with SIGKILL leaves no grader running).
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(127);
        sigset_t empty;
        sigemptyset(&empty);
        sigprocmask(SIG_SETMASK, &empty, NULL);
        struct sigaction action;
        action.sa_handler = SIG_DFL;
        action.sa_flags = 0;
        sigemptyset(&action.sa_mask);
        for (int sig = 1; sig < NSIG; sig++) sigaction(sig, &action, NULL);
        int err = 0;
        for (int i = 0; i < nlimits && err == 0; i++) {
            struct rlimit limit = { (rlim_t)soft[i], (rlim_t)hard[i] };
            if (setrlimit(resources[i], &limit) != 0) err = errno;
        }
        if (err == 0) {
            int fds[3] = { stdin_fd, stdout_fd, stderr_fd };
            // Move the sources above 2 first, so dup2 onto 0..2 never clobbers one still needed.
            for (int i = 0; i < 3 && err == 0; i++) {
                if (fds[i] >= 0 && fds[i] <= 2) {
                    int moved = fcntl(fds[i], F_DUPFD_CLOEXEC, 3);
                    if (moved < 0) err = errno; else fds[i] = moved;
                }
            }
            for (int i = 0; i < 3 && err == 0; i++) {
                if (fds[i] < 0) {
                    int null_fd = open("/dev/null", O_RDWR);
                    if (null_fd < 0) { err = errno; break; }
                    if (null_fd != i) { dup2(null_fd, i); close(null_fd); }
                } else if (dup2(fds[i], i) < 0) {
                    err = errno;
                }
            }
        }
        if (err == 0) {
            // Every other descriptor goes, except the status pipe (close-on-exec itself).
            int keep = status_pipe[1];
            if (keep > 3 && syscall(SYS_close_range, 3u, (unsigned)(keep - 1), 0u) != 0) {
                for (int fd = 3; fd < keep; fd++) close(fd);
            }
            if (syscall(SYS_close_range, (unsigned)(keep + 1), ~0u, 0u) != 0) {
                for (int fd = keep + 1; fd < 65536; fd++) close(fd);
            }
            execve(path, argv, envp);
            err = errno;
        }
        (void)!write(status_pipe[1], &err, sizeof err);
        _exit(127);
    }
    close(status_pipe[1]);
    int child_error = 0;
    ssize_t got;
    do { got = read(status_pipe[0], &child_error, sizeof child_error); } while (got < 0 && errno == EINTR);
    close(status_pipe[0]);
    if (got == (ssize_t)sizeof child_error) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        return -(child_error ? child_error : ENOEXEC);
    }
    return pid;
}
