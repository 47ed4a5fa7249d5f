#ifndef DOJO_SYS_H
#define DOJO_SYS_H


#include <sys/types.h>

/// Spawns `path` with `argv`/`envp` in a new session (so the whole process group can be killed),
/// with `cwd` as working directory, stdin from /dev/null unless `stdin_fd` >= 0, stdout/stderr onto
/// the given fds and every other descriptor closed. Returns the pid, or -errno on failure.
pid_t dojo_spawn(const char *path, char *const argv[], char *const envp[], const char *cwd,
                 int stdin_fd, int stdout_fd, int stderr_fd);

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



#include <stdint.h>
#include <stddef.h>

/// SHA-256 state; C so that checksumming prepared data is fast even in debug builds.
typedef struct {
    uint32_t state[8];
    uint64_t length;
    uint8_t pending[64];
    size_t pending_count;
} dojo_sha256_ctx;

void dojo_sha256_init(dojo_sha256_ctx *ctx);
void dojo_sha256_update(dojo_sha256_ctx *ctx, const uint8_t *bytes, size_t count);
void dojo_sha256_final(dojo_sha256_ctx *ctx, uint8_t digest[32]);

/// Like `dojo_spawn`, with fork/exec so the child can first join cgroups: it writes "0" to each of
/// the `ncgroups` cgroup.procs files in `cgroup_procs` (failures ignored), starts a new session,
/// puts `keep_fd` (if >= 0) at descriptor 3 and closes every other descriptor above 2.
/// Returns the pid, or -errno when the program could not be started.
pid_t dojo_spawn_sandbox(const char *path, char *const argv[], char *const envp[], const char *cwd,
                         int stdout_fd, int stderr_fd, int keep_fd,
                         const char *const cgroup_procs[], int ncgroups);

/// A close-on-exec Unix stream socket pair. Returns 0 or -errno.
int dojo_socketpair(int fds[2]);

/// Sends `len` bytes and up to 8 descriptors (SCM_RIGHTS) in one message. Returns bytes sent or -errno.
long dojo_send_fds(int sock, const void *buf, unsigned long len, const int *fds, int nfds);

/// What `dojo_parse_decimal` made of its bytes.
#define DOJO_DECIMAL_INVALID 0
#define DOJO_DECIMAL_OK 1
#define DOJO_DECIMAL_SLOW 2

/// Parses `n` bytes as a decimal (optional sign, digits, fraction, exponent), correctly rounded as strtod
/// (Clinger's fast path, else Eisel–Lemire). DOJO_DECIMAL_OK with *out set; DOJO_DECIMAL_INVALID when
/// the bytes are not such a number; DOJO_DECIMAL_SLOW when it cannot be sure (no digits — maybe `nan` or
/// `inf` — over 19 significant digits, subnormal, overflow) and strtod must decide.
int dojo_parse_decimal(const uint8_t *p, long n, double *out);

/// Scans one CSV record of plain (unquoted) fields from p[pos] up to p[end]: each field's bounds, trimmed
/// of spaces and tabs, go to starts/ends (escaped set false), their number to *count. Returns the offset
/// after the record's line end (LF, CRLF or CR), or -1 when the general scanner must take the record: a
/// quote, no line end before `end` (or a CR as the last byte), more than `capacity` fields.
long dojo_csv_plain_record(const uint8_t *p, long pos, long end, long *starts, long *ends, _Bool *escaped,
                           long capacity, long *count);

/// Relaxed atomic loads and stores (plain moves on x86-64 and arm64): the two threads of a parallel
/// grading pass write rows of shared buffers, and a submission that repeats an id across its halves makes
/// them write the same row, which must be a detected race, not undefined behaviour.
static inline int32_t dojo_load_relaxed_i32(const int32_t *p) { return __atomic_load_n(p, __ATOMIC_RELAXED); }
static inline void dojo_store_relaxed_i32(int32_t *p, int32_t v) { __atomic_store_n(p, v, __ATOMIC_RELAXED); }
static inline void dojo_store_relaxed_f64(double *p, double v) { __atomic_store(p, &v, __ATOMIC_RELAXED); }

#endif
