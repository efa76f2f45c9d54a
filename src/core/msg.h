/* msg.h — the single emitter for user messages: every line goes to stderr with
 * the "oversight: " prefix, filtered by the verbosity set from -q / -v. */
#ifndef OV_CORE_MSG_H
#define OV_CORE_MSG_H

enum ov_verbosity { OV_QUIET = 0, OV_NORMAL = 1, OV_VERBOSE = 2 };

void ov_msg_set_level(int level);
int ov_msg_level(void);
/* An error the user must see (printed even with -q). */
void ov_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A warning (hidden by -q). */
void ov_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Progress and counts (hidden by -q). */
void ov_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Detail shown only with -v. */
void ov_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
