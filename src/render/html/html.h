/* html.h — the board report as an accessible web page (SPEC 10.1): the one
 * entry point of the HTML renderer. Its sections and their shared helpers are
 * private to render/html/. */
#ifndef OV_RENDER_HTML_HTML_H
#define OV_RENDER_HTML_HTML_H

#include "core/outset.h"
#include "report/pack.h"

/* Writes NAME.html as an output of the set out: one self-contained file
 * (inline CSS, inline SVG charts, no script, no external resource). Returns 0,
 * or -1 after a message via ov_err. */
int ov_html_write(const ov_pack *pack, ov_outset *out, const char *name);

#endif
