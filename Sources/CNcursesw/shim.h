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

#endif
