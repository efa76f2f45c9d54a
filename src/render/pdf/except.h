/* except.h — the Exceptions of an agency's own report (--agency only). */
#ifndef OV_RENDER_PDF_EXCEPT_H
#define OV_RENDER_PDF_EXCEPT_H

#include "render/pdf/common.h"

/* The last part of "What are we doing to improve?": the staff and child ids
 * behind the agency's figures. Returns 0, or -1 after a message via ov_err. */
int ov_pdf_section_exceptions(ov_pdf *r);

#endif
