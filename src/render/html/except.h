/* except.h — "What must be done" of an agency's own page (--agency only). */
#ifndef OV_RENDER_HTML_EXCEPT_H
#define OV_RENDER_HTML_EXCEPT_H

#include "render/html/common.h"

/* The follow-up lists of the agency in focus, the end of "What are we doing
 * to improve?": how many rows each has, the
 * oldest and who holds most, then each list by pseudonymous id. Returns 0
 * (nothing in the partnership page, ever), or -1 after a message via ov_err. */
int ov_html_section_followups(ov_html *h);

#endif
