/* know.h — the board report's "How do we know?" section and its appendix. */
#ifndef OV_RENDER_PDF_KNOW_H
#define OV_RENDER_PDF_KNOW_H

#include "render/pdf/common.h"

/* "How do we know?": data received, rows read, accepted and rejected, rejections
 * by rule, field completeness, suppression, standards and provenance. */
void ov_pdf_section_know(ov_pdf *r);
/* The appendix: definitions, standards and every figure with its numerator and
 * denominator. */
void ov_pdf_section_appendix(ov_pdf *r);

#endif
