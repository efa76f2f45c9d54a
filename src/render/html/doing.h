/* doing.h — "How are we doing?" on the web page. */
#ifndef OV_RENDER_HTML_DOING_H
#define OV_RENDER_HTML_DOING_H

#include "render/html/common.h"

/* Per area a bar chart and a trend chart (inline SVG, each with its text
 * alternative and the table of its figures beside it) and the area's
 * ratings, then case oversight by category. */
void ov_html_section_doing(ov_html *h);

#endif
