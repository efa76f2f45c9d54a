/* know.h — "How do we know?" and the appendix on the web page. */
#ifndef OV_RENDER_HTML_KNOW_H
#define OV_RENDER_HTML_KNOW_H

#include "render/html/common.h"

/* Data received, what the extracts cover, the three sources, restatements,
 * rows, rules, completeness, suppression, standards and provenance. */
void ov_html_section_know(ov_html *h);
/* Definitions, standards, every figure with its counts, and every measure
 * over the periods. */
void ov_html_section_appendix(ov_html *h);

#endif
