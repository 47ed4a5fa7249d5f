#ifndef DOJO_SCAN_H
#define DOJO_SCAN_H

// Scanners and parsers in C, free of Swift's debug-build overhead: SHA-256, the trajectory's JSON line
// scanner and text filters, the decimal parser and the CSV record scanner. No system calls here: those
// are CDojoSys's.

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

/// What a JSON value is; `DOJO_JSON_ABSENT` for a field the line does not have.
enum { DOJO_JSON_ABSENT, DOJO_JSON_NULL, DOJO_JSON_FALSE, DOJO_JSON_TRUE, DOJO_JSON_NUMBER, DOJO_JSON_STRING,
       DOJO_JSON_OBJECT, DOJO_JSON_ARRAY };

/// Where one field's value is in the line: strings without their quotes (still escaped), other
/// values as written.
typedef struct {
    size_t offset;
    size_t length;
    uint8_t kind;
} dojo_json_slot;

/// The fields of a step line that `dojo_scan_step_line` records, by path.
enum {
    DOJO_SLOT_TYPE, DOJO_SLOT_INDEX, DOJO_SLOT_T, DOJO_SLOT_ACTOR, DOJO_SLOT_ACTION, DOJO_SLOT_OBSERVATION,
    DOJO_SLOT_ACTION_TYPE, DOJO_SLOT_ACTION_CODE, DOJO_SLOT_ACTION_INFO_TYPE,
    DOJO_SLOT_OBS_STEP, DOJO_SLOT_OBS_ACTION, DOJO_SLOT_OBS_STATUS, DOJO_SLOT_OBS_FEEDBACK, DOJO_SLOT_OBS_INFO,
    DOJO_SLOT_OBS_EXECUTION, DOJO_SLOT_OBS_SUBMISSION, DOJO_SLOT_OBS_HISTORY, DOJO_SLOT_OBS_REWARD, DOJO_SLOT_OBS_BEST,
    DOJO_SLOT_OBS_BUDGET, DOJO_SLOT_OBS_TERMINATED, DOJO_SLOT_OBS_TRUNCATED,
    DOJO_SLOT_EXEC_EXIT_CODE, DOJO_SLOT_EXEC_SIGNAL, DOJO_SLOT_EXEC_TIMED_OUT, DOJO_SLOT_EXEC_CANCELLED,
    DOJO_SLOT_EXEC_DURATION_MS, DOJO_SLOT_EXEC_STDOUT, DOJO_SLOT_EXEC_STDERR, DOJO_SLOT_EXEC_TRUNCATED_BYTES,
    DOJO_SLOT_EXEC_SANDBOX, DOJO_SLOT_EXEC_LIMIT_EXCEEDED, DOJO_SLOT_EXEC_LIMITS,
    DOJO_SLOT_SUB_FOUND, DOJO_SLOT_SUB_VALID, DOJO_SLOT_SUB_ERRORS, DOJO_SLOT_SUB_WARNINGS, DOJO_SLOT_SUB_ROWS,
    DOJO_SLOT_SUB_METRIC, DOJO_SLOT_SUB_HIGHER_IS_BETTER, DOJO_SLOT_SUB_RAW_SCORE, DOJO_SLOT_SUB_POSITION,
    DOJO_SLOT_SUB_HUMAN_RANK, DOJO_SLOT_SUB_MEDAL, DOJO_SLOT_SUB_ABOVE_MEDIAN, DOJO_SLOT_SUB_BOARD_KIND,
    DOJO_SLOT_SUB_MEDAL_THRESHOLDS,
    DOJO_SLOT_COUNT
};

/// Checks that `line` is one JSON object (syntax only; string bodies are skipped, not validated)
/// and records where the step fields are. Returns 1 when it is, 0 for a blank line, -1 when the line
/// is malformed or has a shape left to a real decoder (a repeated field, an escaped key, deep nesting).
int dojo_scan_step_line(const uint8_t *line, size_t length, dojo_json_slot slots[DOJO_SLOT_COUNT]);

/// Whether `haystack` contains `needle` ignoring ASCII case; `needle` must be lowercased already.
int dojo_contains_folded(const uint8_t *haystack, size_t length, const uint8_t *needle, size_t needle_length);

/// Whether a JSON line has an escape the dojo writer never writes: `\/`, or `\u` for anything but
/// a control character (any `\u` when `any_unicode` is set).
int dojo_has_rare_escape(const uint8_t *line, size_t length, int any_unicode);

/// Whether `haystack` contains any of the byte sequences in `sequences` (each one prefixed by its length byte).
int dojo_contains_any(const uint8_t *haystack, size_t length, const uint8_t *sequences, size_t sequences_length);

/// Whether any byte is 0x80 or above.
int dojo_has_non_ascii(const uint8_t *bytes, size_t length);

/// What `dojo_parse_decimal` made of its bytes.
#define DOJO_DECIMAL_INVALID 0
#define DOJO_DECIMAL_OK 1
#define DOJO_DECIMAL_SLOW 2
#define DOJO_DECIMAL_WORD 3

/// Parses `n` bytes as a decimal (optional sign, digits, fraction, exponent), correctly rounded as strtod
/// (Clinger's fast path, else Eisel–Lemire). DOJO_DECIMAL_OK with *out set; DOJO_DECIMAL_INVALID when
/// the bytes are not such a number; DOJO_DECIMAL_WORD when they have no digits (maybe `nan` or `inf`);
/// DOJO_DECIMAL_SLOW when the grammar holds but it cannot be sure of the rounding (over 19 significant
/// digits, subnormal, overflow) and strtod must decide.
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
