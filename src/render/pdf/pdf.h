/* pdf.h — the board report as PDF (libharu): the one entry point of the PDF
 * renderer. Its sections and their shared helpers are private to render/pdf/. */
#ifndef OV_RENDER_PDF_PDF_H
#define OV_RENDER_PDF_PDF_H

#include "core/outset.h"
#include "report/pack.h"

/* Writes NAME.pdf as an output of the set out. Returns 0, or -1 after a message
 * via ov_err. */
int ov_pdf_write(const ov_pack *pack, ov_outset *out, const char *name);

#endif
