#define _GNU_SOURCE
#include "dojo_sys.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define DOJO_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define DOJO_AUDIT_ARCH AUDIT_ARCH_AARCH64
#else
#error "the sandbox's seccomp filter knows x86_64 and aarch64 only"
#endif

// Any namespace flag: a new user namespace (with it, all the others) is what the sandbox must never make.
#define DOJO_CLONE_NEW_MASK 0x7E020000u

/// The system calls the sandbox's code gets EPERM for (docs/sandbox.md says why each one).
static const int denied[] = {
    // Kernel keyrings: not namespaced by user namespaces; the host's uid keyring would be reachable.
    __NR_keyctl, __NR_add_key, __NR_request_key,
    // Tracing and reading other processes' memory (the warm interpreter, pid 1).
    __NR_ptrace, __NR_process_vm_readv, __NR_process_vm_writev, __NR_kcmp,
    // Kernel attack surface that no training script needs.
    __NR_perf_event_open, __NR_bpf, __NR_userfaultfd,
#ifdef __NR_io_uring_setup
    __NR_io_uring_setup, __NR_io_uring_enter, __NR_io_uring_register,
#endif
    // Mounts and namespaces.
    __NR_mount, __NR_umount2, __NR_pivot_root, __NR_unshare, __NR_setns,
#ifdef __NR_open_tree
    __NR_open_tree, __NR_move_mount, __NR_fsopen, __NR_fsconfig, __NR_fsmount, __NR_fspick,
#endif
#ifdef __NR_mount_setattr
    __NR_mount_setattr,
#endif
    // Kernel modules, kexec, reboot, swap, accounting, quotas, clocks, kernel log.
    __NR_kexec_load, __NR_kexec_file_load, __NR_init_module, __NR_finit_module, __NR_delete_module,
    __NR_reboot, __NR_swapon, __NR_swapoff, __NR_acct, __NR_quotactl,
#ifdef __NR_quotactl_fd
    __NR_quotactl_fd,
#endif
    __NR_settimeofday, __NR_clock_settime, __NR_clock_adjtime, __NR_syslog,
    // File handles bypass path permission checks.
    __NR_open_by_handle_at, __NR_name_to_handle_at,
    __NR_lookup_dcookie, __NR_nfsservctl,
#if defined(__x86_64__)
    __NR_iopl, __NR_ioperm, __NR_uselib, __NR_ustat, __NR_sysfs, __NR__sysctl, __NR_create_module,
    __NR_get_kernel_syms, __NR_query_module, __NR_vhangup,
#endif
};

static size_t put(struct sock_filter *out, size_t at, struct sock_filter instruction) {
    out[at] = instruction;
    return at + 1;
}

long dojo_seccomp_program(void *buffer, unsigned long capacity) {
    struct sock_filter program[256];
    size_t n = 0;
    const unsigned int eperm = SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA);
    const unsigned int enosys = SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA);
    // Another architecture's system call numbers (i386 through int 0x80 on x86_64) mean other calls: kill.
    n = put(program, n, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)));
    n = put(program, n, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, DOJO_AUDIT_ARCH, 1, 0));
    n = put(program, n, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS));
    n = put(program, n, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)));
#if defined(__x86_64__)
    // The x32 ABI (bit 30 set) reaches the same kernel code under other numbers: refused as a whole.
    n = put(program, n, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000u, 0, 1));
    n = put(program, n, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, eperm));
#endif
    for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) {
        n = put(program, n, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned int)denied[i], 0, 1));
        n = put(program, n, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, eperm));
    }
    // clone3 passes its flags in memory, which a filter cannot read: ENOSYS makes libc fall back to clone.
#ifdef __NR_clone3
    n = put(program, n, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 0, 1));
    n = put(program, n, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, enosys));
#endif
    // clone: threads and forks pass, new namespaces do not (flags are the first argument on both arches).
    n = put(program, n, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 3));
    n = put(program, n, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])));
    n = put(program, n, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, DOJO_CLONE_NEW_MASK, 0, 1));
    n = put(program, n, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, eperm));
    n = put(program, n, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
    size_t bytes = n * sizeof program[0];
    if (buffer == NULL || capacity < bytes) return (long)bytes;
    memcpy(buffer, program, bytes);
    return (long)bytes;
}

int dojo_seccomp_fd(void) {
    unsigned char program[256 * sizeof(struct sock_filter)];
    long bytes = dojo_seccomp_program(program, sizeof program);
    int fd = memfd_create("dojo-seccomp", MFD_CLOEXEC);
    if (fd < 0) return -errno;
    long done = 0;
    while (done < bytes) {
        ssize_t w = write(fd, program + done, (size_t)(bytes - done));
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) { int e = errno; close(fd); return -e; }
        done += w;
    }
    if (lseek(fd, 0, SEEK_SET) != 0) { int e = errno; close(fd); return -e; }
    return fd;
}

int dojo_snapshot_file(const char *dir_path, const char *name, const char *dest_path, long long max_bytes,
                       int *kind, long long *size) {
    *kind = 0;
    *size = 0;
    int dir = open(dir_path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dir < 0) return errno == ENOENT ? DOJO_SNAPSHOT_MISSING : -errno;
    struct stat info;
    if (fstatat(dir, name, &info, AT_SYMLINK_NOFOLLOW) != 0) {
        int e = errno;
        close(dir);
        return e == ENOENT ? DOJO_SNAPSHOT_MISSING : -e;
    }
    *kind = (int)(info.st_mode & S_IFMT);
    if (!S_ISREG(info.st_mode)) {
        // Not a regular file: removed where it lies, relative to the folder's descriptor.
        if (unlinkat(dir, name, S_ISDIR(info.st_mode) ? AT_REMOVEDIR : 0) != 0 && !S_ISDIR(info.st_mode)) {
            int e = errno;
            close(dir);
            return -e;
        }
        close(dir);
        return DOJO_SNAPSHOT_NOT_REGULAR;
    }
    // O_NOFOLLOW: a link swapped in since the fstatat fails here; O_NONBLOCK: a FIFO swapped in does not block.
    int fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    close(dir);
    if (fd < 0) return errno == ELOOP ? DOJO_SNAPSHOT_NOT_REGULAR : (errno == ENOENT ? DOJO_SNAPSHOT_MISSING : -errno);
    if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        *kind = (int)(info.st_mode & S_IFMT);
        close(fd);
        return DOJO_SNAPSHOT_NOT_REGULAR;
    }
    *size = (long long)info.st_size;
    if (info.st_size > max_bytes) { close(fd); return DOJO_SNAPSHOT_TOO_LARGE; }
    int out = open(dest_path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (out < 0) { int e = errno; close(fd); return -e; }
    static __thread unsigned char buffer[1 << 16];
    long long copied = 0;
    int result = DOJO_SNAPSHOT_OK;
    for (;;) {
        ssize_t r = read(fd, buffer, sizeof buffer);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) { result = -errno; break; }
        if (r == 0) break;
        copied += r;
        if (copied > max_bytes) { result = DOJO_SNAPSHOT_TOO_LARGE; break; }
        ssize_t done = 0;
        while (done < r) {
            ssize_t w = write(out, buffer + done, (size_t)(r - done));
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) { result = -errno; break; }
            done += w;
        }
        if (result != DOJO_SNAPSHOT_OK) break;
    }
    close(fd);
    close(out);
    *size = copied;
    if (result != DOJO_SNAPSHOT_OK) unlink(dest_path);
    return result;
}

int dojo_unlink_in(const char *dir_path, const char *name) {
    int dir = open(dir_path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dir < 0) return -errno;
    int rc = unlinkat(dir, name, 0) == 0 ? 0 : -errno;
    close(dir);
    return rc;
}

#include <sys/mount.h>

int dojo_mount_tmpfs(const char *path, const char *options) {
    return mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, options) == 0 ? 0 : -errno;
}

int dojo_bind_mount(const char *source, const char *target) {
    return mount(source, target, NULL, MS_BIND, NULL) == 0 ? 0 : -errno;
}

int dojo_unmount_detach(const char *path) {
    return umount2(path, MNT_DETACH | UMOUNT_NOFOLLOW) == 0 ? 0 : -errno;
}

int dojo_unlink_beneath(const char *root, const char *relative) {
    int dir = open(root, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dir < 0) return -errno;
    char part[4096];
    const char *p = relative;
    for (;;) {
        const char *slash = strchr(p, '/');
        if (slash == NULL) break;
        size_t length = (size_t)(slash - p);
        if (length == 0 || length >= sizeof part) { close(dir); return -EINVAL; }
        memcpy(part, p, length);
        part[length] = 0;
        if (strcmp(part, "..") == 0 || strcmp(part, ".") == 0) { close(dir); return -EINVAL; }
        int next = openat(dir, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        int e = errno;
        close(dir);
        if (next < 0) return -e;
        dir = next;
        p = slash + 1;
    }
    if (*p == 0 || strcmp(p, "..") == 0 || strcmp(p, ".") == 0) { close(dir); return -EINVAL; }
    int rc = unlinkat(dir, p, 0) == 0 ? 0 : -errno;
    close(dir);
    return rc;
}

int dojo_rename_exchange(const char *a, const char *b) {
    return syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) == 0 ? 0 : -errno;
}
