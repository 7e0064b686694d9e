#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H

// Wide-character curses (cchar_t, wget_wch, setcchar) is only declared with this defined.
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <stdio.h>
#include <unistd.h>

// Swift 6 rejects curses' global variables (shared mutable state) and cannot see
// function-like macros (A_BOLD, COLOR_PAIR): these accessors expose both.

static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline WINDOW *cn_curscr(void) { return curscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }

static inline int cn_key_f(int n) { return KEY_F(n); }

// newterm on the process's own stdout/stdin: unlike initscr it returns NULL instead of
// exiting when the terminal type is unknown, so the app can print a clear message.
static inline SCREEN *cn_newterm(void) { return newterm(NULL, stdout, stdin); }

static inline int cn_set_escdelay(int milliseconds) { return set_escdelay(milliseconds); }

// Whether the terminal type in TERM can move the cursor (terminfo "cup"): without it (TERM=dumb,
// an Emacs shell buffer, some CI consoles) a full-screen app draws garbage. Reads the terminfo
// entry only, draws nothing, and frees it again.
static inline int cn_can_address_cursor(void) {
    int error = 0;
    if (setupterm(NULL, STDOUT_FILENO, &error) != OK) return 0;
    const char *cup = tigetstr("cup");
    int can = cup != NULL && cup != (const char *)-1;
    del_curterm(cur_term);
    return can;
}

#endif
