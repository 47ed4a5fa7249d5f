// Byte scanning for trajectory replay: the fields of a step line a summary needs, and raw-byte
// search. C so that skipping 200 MB of JSON strings stays fast in debug builds too; string bodies
// are skipped with memchr and never copied or unescaped.
#include "dojo_scan.h"

#include <string.h>

enum { OBJ_NONE = -1, OBJ_TOP, OBJ_ACTION, OBJ_OBSERVATION, OBJ_EXECUTION, OBJ_SUBMISSION };

typedef struct {
    const char *key;
    int slot;
    int child;  // the object kind to descend into when the value is an object
} field;

static const field top_fields[] = {
    {"type", DOJO_SLOT_TYPE, OBJ_NONE},
    {"index", DOJO_SLOT_INDEX, OBJ_NONE},
    {"t", DOJO_SLOT_T, OBJ_NONE},
    {"actor", DOJO_SLOT_ACTOR, OBJ_NONE},
    {"action", DOJO_SLOT_ACTION, OBJ_ACTION},
    {"observation", DOJO_SLOT_OBSERVATION, OBJ_OBSERVATION},
    {NULL, 0, 0},
};

static const field action_fields[] = {
    {"type", DOJO_SLOT_ACTION_TYPE, OBJ_NONE},
    {"code", DOJO_SLOT_ACTION_CODE, OBJ_NONE},
    {"info_type", DOJO_SLOT_ACTION_INFO_TYPE, OBJ_NONE},
    {NULL, 0, 0},
};

static const field observation_fields[] = {
    {"step", DOJO_SLOT_OBS_STEP, OBJ_NONE},
    {"action", DOJO_SLOT_OBS_ACTION, OBJ_NONE},
    {"status", DOJO_SLOT_OBS_STATUS, OBJ_NONE},
    {"feedback", DOJO_SLOT_OBS_FEEDBACK, OBJ_NONE},
    {"info", DOJO_SLOT_OBS_INFO, OBJ_NONE},
    {"execution", DOJO_SLOT_OBS_EXECUTION, OBJ_EXECUTION},
    {"submission", DOJO_SLOT_OBS_SUBMISSION, OBJ_SUBMISSION},
    {"history", DOJO_SLOT_OBS_HISTORY, OBJ_NONE},
    {"reward", DOJO_SLOT_OBS_REWARD, OBJ_NONE},
    {"best", DOJO_SLOT_OBS_BEST, OBJ_NONE},
    {"budget", DOJO_SLOT_OBS_BUDGET, OBJ_NONE},
    {"terminated", DOJO_SLOT_OBS_TERMINATED, OBJ_NONE},
    {"truncated", DOJO_SLOT_OBS_TRUNCATED, OBJ_NONE},
    {NULL, 0, 0},
};

static const field execution_fields[] = {
    {"exit_code", DOJO_SLOT_EXEC_EXIT_CODE, OBJ_NONE},
    {"signal", DOJO_SLOT_EXEC_SIGNAL, OBJ_NONE},
    {"timed_out", DOJO_SLOT_EXEC_TIMED_OUT, OBJ_NONE},
    {"cancelled", DOJO_SLOT_EXEC_CANCELLED, OBJ_NONE},
    {"duration_ms", DOJO_SLOT_EXEC_DURATION_MS, OBJ_NONE},
    {"stdout", DOJO_SLOT_EXEC_STDOUT, OBJ_NONE},
    {"stderr", DOJO_SLOT_EXEC_STDERR, OBJ_NONE},
    {"truncated_bytes", DOJO_SLOT_EXEC_TRUNCATED_BYTES, OBJ_NONE},
    {"sandbox", DOJO_SLOT_EXEC_SANDBOX, OBJ_NONE},
    {"limit_exceeded", DOJO_SLOT_EXEC_LIMIT_EXCEEDED, OBJ_NONE},
    {"limits", DOJO_SLOT_EXEC_LIMITS, OBJ_NONE},
    {NULL, 0, 0},
};

static const field submission_fields[] = {
    {"found", DOJO_SLOT_SUB_FOUND, OBJ_NONE},
    {"valid", DOJO_SLOT_SUB_VALID, OBJ_NONE},
    {"errors", DOJO_SLOT_SUB_ERRORS, OBJ_NONE},
    {"warnings", DOJO_SLOT_SUB_WARNINGS, OBJ_NONE},
    {"rows", DOJO_SLOT_SUB_ROWS, OBJ_NONE},
    {"metric", DOJO_SLOT_SUB_METRIC, OBJ_NONE},
    {"higher_is_better", DOJO_SLOT_SUB_HIGHER_IS_BETTER, OBJ_NONE},
    {"raw_score", DOJO_SLOT_SUB_RAW_SCORE, OBJ_NONE},
    {"position", DOJO_SLOT_SUB_POSITION, OBJ_NONE},
    {"human_rank", DOJO_SLOT_SUB_HUMAN_RANK, OBJ_NONE},
    {"medal", DOJO_SLOT_SUB_MEDAL, OBJ_NONE},
    {"above_median", DOJO_SLOT_SUB_ABOVE_MEDIAN, OBJ_NONE},
    {"board_kind", DOJO_SLOT_SUB_BOARD_KIND, OBJ_NONE},
    {"medal_thresholds", DOJO_SLOT_SUB_MEDAL_THRESHOLDS, OBJ_NONE},
    {NULL, 0, 0},
};

static const field *const object_fields[] = {top_fields, action_fields, observation_fields, execution_fields,
                                             submission_fields};

typedef struct {
    const uint8_t *base;
    const uint8_t *p;
    const uint8_t *end;
    dojo_json_slot *slots;
} scanner;

enum { OK = 0, BAD = -1 };
enum { MAX_DEPTH = 256 };

static void skip_space(scanner *s) {
    while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\r' || *s->p == '\n')) s->p++;
}

// At an opening quote: moves past the closing one. The body is found with memchr; a quote counts as
// closing when an even number of backslashes precede it.
static int skip_string(scanner *s) {
    const uint8_t *body = s->p + 1;
    const uint8_t *from = body;
    for (;;) {
        const uint8_t *quote = memchr(from, '"', (size_t)(s->end - from));
        if (quote == NULL) return BAD;
        const uint8_t *before = quote;
        while (before > body && before[-1] == '\\') before--;
        if (((quote - before) & 1) == 0) {
            s->p = quote + 1;
            return OK;
        }
        from = quote + 1;
    }
}

static int is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

// JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
static int skip_number(scanner *s) {
    const uint8_t *p = s->p;
    if (p < s->end && *p == '-') p++;
    if (p >= s->end) return BAD;
    if (*p == '0') {
        p++;
    } else if (is_digit(*p)) {
        while (p < s->end && is_digit(*p)) p++;
    } else {
        return BAD;
    }
    if (p < s->end && *p == '.') {
        p++;
        if (p >= s->end || !is_digit(*p)) return BAD;
        while (p < s->end && is_digit(*p)) p++;
    }
    if (p < s->end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < s->end && (*p == '+' || *p == '-')) p++;
        if (p >= s->end || !is_digit(*p)) return BAD;
        while (p < s->end && is_digit(*p)) p++;
    }
    s->p = p;
    return OK;
}

static int skip_literal(scanner *s, const char *word, size_t length) {
    if ((size_t)(s->end - s->p) < length || memcmp(s->p, word, length) != 0) return BAD;
    s->p += length;
    return OK;
}

static int scan_value(scanner *s, int object, int depth, dojo_json_slot *slot);

// At '{'. `object` says which fields to record (OBJ_NONE: only check the syntax).
static int scan_object(scanner *s, int object, int depth) {
    if (depth > MAX_DEPTH) return BAD;
    s->p++;
    skip_space(s);
    if (s->p < s->end && *s->p == '}') {
        s->p++;
        return OK;
    }
    for (;;) {
        if (s->p >= s->end || *s->p != '"') return BAD;
        const uint8_t *key = s->p + 1;
        if (skip_string(s) != OK) return BAD;
        size_t key_length = (size_t)(s->p - 1 - key);
        skip_space(s);
        if (s->p >= s->end || *s->p != ':') return BAD;
        s->p++;
        skip_space(s);
        dojo_json_slot *slot = NULL;
        int child = OBJ_NONE;
        if (object != OBJ_NONE) {
            // An escaped key could spell a field differently; the decoder decides those lines.
            if (memchr(key, '\\', key_length) != NULL) return BAD;
            for (const field *f = object_fields[object]; f->key != NULL; f++) {
                if (strlen(f->key) == key_length && memcmp(f->key, key, key_length) == 0) {
                    slot = &s->slots[f->slot];
                    // A repeated field: which one the decoder keeps is its business.
                    if (slot->kind != DOJO_JSON_ABSENT) return BAD;
                    child = f->child;
                    break;
                }
            }
        }
        if (scan_value(s, child, depth + 1, slot) != OK) return BAD;
        skip_space(s);
        if (s->p >= s->end) return BAD;
        if (*s->p == ',') {
            s->p++;
            skip_space(s);
            continue;
        }
        if (*s->p == '}') {
            s->p++;
            return OK;
        }
        return BAD;
    }
}

static int scan_array(scanner *s, int depth) {
    if (depth > MAX_DEPTH) return BAD;
    s->p++;
    skip_space(s);
    if (s->p < s->end && *s->p == ']') {
        s->p++;
        return OK;
    }
    for (;;) {
        if (scan_value(s, OBJ_NONE, depth + 1, NULL) != OK) return BAD;
        skip_space(s);
        if (s->p >= s->end) return BAD;
        if (*s->p == ',') {
            s->p++;
            skip_space(s);
            continue;
        }
        if (*s->p == ']') {
            s->p++;
            return OK;
        }
        return BAD;
    }
}

static int scan_value(scanner *s, int object, int depth, dojo_json_slot *slot) {
    if (s->p >= s->end) return BAD;
    const uint8_t *start = s->p;
    uint8_t kind;
    int result;
    switch (*s->p) {
    case '"':
        kind = DOJO_JSON_STRING;
        result = skip_string(s);
        break;
    case '{':
        kind = DOJO_JSON_OBJECT;
        result = scan_object(s, object, depth);
        break;
    case '[':
        kind = DOJO_JSON_ARRAY;
        result = scan_array(s, depth);
        break;
    case 't':
        kind = DOJO_JSON_TRUE;
        result = skip_literal(s, "true", 4);
        break;
    case 'f':
        kind = DOJO_JSON_FALSE;
        result = skip_literal(s, "false", 5);
        break;
    case 'n':
        kind = DOJO_JSON_NULL;
        result = skip_literal(s, "null", 4);
        break;
    default:
        kind = DOJO_JSON_NUMBER;
        result = skip_number(s);
        break;
    }
    if (result != OK) return BAD;
    if (slot != NULL) {
        slot->kind = kind;
        // Strings are given without their quotes.
        size_t offset = (size_t)(start - s->base), length = (size_t)(s->p - start);
        slot->offset = kind == DOJO_JSON_STRING ? offset + 1 : offset;
        slot->length = kind == DOJO_JSON_STRING ? length - 2 : length;
    }
    return OK;
}

int dojo_scan_step_line(const uint8_t *line, size_t length, dojo_json_slot slots[DOJO_SLOT_COUNT]) {
    memset(slots, 0, sizeof(dojo_json_slot) * DOJO_SLOT_COUNT);
    scanner s = {line, line, line + length, slots};
    skip_space(&s);
    if (s.p == s.end) return 0;
    if (*s.p != '{') return -1;
    if (scan_object(&s, OBJ_TOP, 0) != OK) return -1;
    skip_space(&s);
    return s.p == s.end ? 1 : -1;
}

static uint8_t fold(uint8_t c) { return c >= 'A' && c <= 'Z' ? (uint8_t)(c | 0x20) : c; }

int dojo_contains_folded(const uint8_t *haystack, size_t length, const uint8_t *needle, size_t needle_length) {
    if (needle_length == 0) return 1;
    if (needle_length > length) return 0;
    uint8_t lower = needle[0];
    uint8_t upper = lower >= 'a' && lower <= 'z' ? (uint8_t)(lower - 0x20) : lower;
    const uint8_t *last = haystack + (length - needle_length);
    const uint8_t *from = haystack;
    // The next occurrence of each case of the first byte; refreshed only when used.
    const uint8_t *next_lower = NULL, *next_upper = NULL;
    int lower_done = 0, upper_done = lower == upper;
    while (from <= last) {
        if (!lower_done && (next_lower == NULL || next_lower < from)) {
            next_lower = memchr(from, lower, (size_t)(last - from) + 1);
            if (next_lower == NULL) lower_done = 1;
        }
        if (!upper_done && (next_upper == NULL || next_upper < from)) {
            next_upper = memchr(from, upper, (size_t)(last - from) + 1);
            if (next_upper == NULL) upper_done = 1;
        }
        const uint8_t *candidate;
        if (!lower_done && !upper_done) candidate = next_lower < next_upper ? next_lower : next_upper;
        else if (!lower_done) candidate = next_lower;
        else if (!upper_done) candidate = next_upper;
        else return 0;
        size_t i = 1;
        while (i < needle_length && fold(candidate[i]) == needle[i]) i++;
        if (i == needle_length) return 1;
        from = candidate + 1;
    }
    return 0;
}

static int is_hex(uint8_t c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

int dojo_has_rare_escape(const uint8_t *line, size_t length, int any_unicode) {
    const uint8_t *end = line + length;
    const uint8_t *p = line;
    while (p < end) {
        const uint8_t *slash = memchr(p, '\\', (size_t)(end - p));
        if (slash == NULL || slash + 1 >= end) return 0;
        uint8_t c = slash[1];
        if (c == '/') return 1;
        if (c == 'u') {
            // The writer escapes only control characters this way: \u0000–\u001f.
            if (any_unicode || slash + 5 >= end || slash[2] != '0' || slash[3] != '0' || (slash[4] != '0' && slash[4] != '1') ||
                !is_hex(slash[5]))
                return 1;
        }
        p = slash + 2;
    }
    return 0;
}

int dojo_contains_any(const uint8_t *haystack, size_t length, const uint8_t *sequences, size_t sequences_length) {
    const uint8_t *end = haystack + length;
    const uint8_t *sequences_end = sequences + sequences_length;
    // One memchr pass per distinct first byte (memmem is slow for needles this short).
    for (const uint8_t *lead = sequences; lead < sequences_end; lead += 1 + *lead) {
        if (*lead == 0 || (size_t)(sequences_end - lead - 1) < *lead) return 0;
        uint8_t first = lead[1];
        int seen = 0;
        for (const uint8_t *other = sequences; other < lead; other += 1 + *other) seen |= other[1] == first;
        if (seen) continue;
        for (const uint8_t *p = haystack; p < end;) {
            const uint8_t *hit = memchr(p, first, (size_t)(end - p));
            if (hit == NULL) break;
            for (const uint8_t *sequence = lead; sequence < sequences_end; sequence += 1 + *sequence) {
                size_t count = *sequence;
                if (sequence[1] == first && (size_t)(end - hit) >= count && memcmp(hit, sequence + 1, count) == 0) return 1;
            }
            p = hit + 1;
        }
    }
    return 0;
}

int dojo_has_non_ascii(const uint8_t *bytes, size_t length) {
    size_t i = 0;
    for (; i + 8 <= length; i += 8) {
        uint64_t word;
        memcpy(&word, bytes + i, 8);
        if (word & 0x8080808080808080ull) return 1;
    }
    for (; i < length; i++) {
        if (bytes[i] & 0x80) return 1;
    }
    return 0;
}
