#include "dojo_scan.h"

#include <string.h>

// The CSV record scanner, the grader's hot loop: a record's field boundaries, eight bytes at a time.

/// A mask with the high bit set in each of the eight bytes of `word` that may end a plain field: below
/// 0x23 (tab, CR, LF, space, quote) or a comma. The lowest set bit is exact (a borrow only runs upwards
/// from a flagged byte), so its byte is the first candidate; bits above it may be false alarms.
static inline uint64_t stop_mask(uint64_t word) {
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t below = (word - ones * 0x23) & ~word & highs;
    uint64_t commas = word ^ (ones * ',');
    return below | ((commas - ones) & ~commas & highs);
}

long dojo_csv_plain_record(const uint8_t *p, long pos, long end, long *starts, long *ends, _Bool *escaped,
                           long capacity, long *count) {
    long fields = 0;
    for (;;) {
        long field_start = pos;
        // To the field's end: eight bytes at a time to the first byte that may end it.
        for (;;) {
            if (pos + 8 <= end) {
                uint64_t word;
                memcpy(&word, p + pos, 8);
                uint64_t mask = stop_mask(word);
                if (mask == 0) {
                    pos += 8;
                    continue;
                }
                pos += __builtin_ctzll(mask) >> 3;
            } else {
                while (pos < end && p[pos] > 0x22 && p[pos] != ',') pos++;
                if (pos >= end) return -1;
            }
            uint8_t byte = p[pos];
            if (byte == ',' || byte == '\n' || byte == '\r') break;
            if (byte == '"') return -1;
            pos++; // a space, tab or other control byte inside the field
        }
        if (pos >= end || fields == capacity) return -1;
        long field_end = pos;
        while (field_start < field_end && (p[field_start] == ' ' || p[field_start] == '\t')) field_start++;
        while (field_end > field_start && (p[field_end - 1] == ' ' || p[field_end - 1] == '\t')) field_end--;
        starts[fields] = field_start;
        ends[fields] = field_end;
        escaped[fields] = 0;
        fields++;
        uint8_t byte = p[pos];
        if (byte == ',') {
            pos++;
            // A quote opening the next field is the general scanner's.
            if (pos < end && p[pos] == '"') return -1;
            continue;
        }
        if (byte == '\r') {
            if (pos + 1 >= end) return -1;
            pos += p[pos + 1] == '\n' ? 2 : 1;
        } else {
            pos++;
        }
        *count = fields;
        return pos;
    }
}
