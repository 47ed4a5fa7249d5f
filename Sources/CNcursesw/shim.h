#ifndef DOJO_CNCURSESW_SHIM_H
#define DOJO_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <ncursesw/curses.h>

// Swift 6 rejects ncurses' mutable C globals and function-like macros; these accessors expose them safely.
static inline WINDOW *dojo_stdscr(void) { return stdscr; }
static inline int dojo_cols(void) { return COLS; }
static inline int dojo_lines(void) { return LINES; }
static inline int dojo_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int dojo_colors(void) { return COLORS; }
static inline int dojo_color_pairs(void) { return COLOR_PAIRS; }
static inline int dojo_key_resize(void) { return KEY_RESIZE; }
static inline int dojo_key_code_yes(void) { return KEY_CODE_YES; }
static inline int dojo_err(void) { return ERR; }

// Attributes (macros over NCURSES_BITS) and wide-cell output for the terminal layer.
static inline attr_t dojo_a_normal(void) { return A_NORMAL; }
static inline attr_t dojo_a_bold(void) { return A_BOLD; }
static inline attr_t dojo_a_dim(void) { return A_DIM; }
static inline attr_t dojo_a_italic(void) { return A_ITALIC; }
static inline attr_t dojo_a_underline(void) { return A_UNDERLINE; }
static inline attr_t dojo_a_reverse(void) { return A_REVERSE; }

/// Writes one cell: a NUL-terminated wide string (a grapheme), attributes and an extended colour pair.
static inline int dojo_put_cell(int y, int x, const wchar_t *text, attr_t attributes, int pair) {
    cchar_t cell;
    int extended = pair;
    if (setcchar(&cell, text, attributes, (short)(pair < 32767 ? pair : 0), &extended) == ERR) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

/// The key code ncurses gives an extended terminfo key (`kLFT5` = ctrl-left, …), or -1.
static inline int dojo_key_code(const char *capability) {
    char *sequence = tigetstr(capability);
    if (sequence == NULL || sequence == (char *)-1) return -1;
    int code = key_defined(sequence);
    return code > 0 ? code : -1;
}

#endif
