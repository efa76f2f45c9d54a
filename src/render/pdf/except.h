/* except.h — "What must be done" of an agency's own report (--agency only):
 * its follow-up lists. */
#ifndef OV_RENDER_PDF_EXCEPT_H
#define OV_RENDER_PDF_EXCEPT_H

#include "render/pdf/common.h"

/* The last part of "What are we doing to improve?": how many rows each list
 * the report shows has, the oldest and who holds most, then the lists, by
 * pseudonymous id. Returns 0, or -1 after a message via ov_err. */
int ov_pdf_section_exceptions(ov_pdf *r);

#endif
