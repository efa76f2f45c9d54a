/* except.h — the follow-up sheets of an agency's own workbook (--agency only). */
#ifndef OV_RENDER_XLSX_EXCEPT_H
#define OV_RENDER_XLSX_EXCEPT_H

#include "render/xlsx/common.h"

/* "What must be done" and one sheet per follow-up list the report shows:
 * staff and child ids; never in the partnership pack. */
void ov_xlsx_exceptions(ov_xw *w);

#endif
