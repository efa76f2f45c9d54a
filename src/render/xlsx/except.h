/* except.h — the Exceptions sheet of an agency's own workbook (--agency only). */
#ifndef OV_RENDER_XLSX_EXCEPT_H
#define OV_RENDER_XLSX_EXCEPT_H

#include "render/xlsx/common.h"

/* Staff and child ids behind the red figures; never in the partnership pack. */
void ov_xlsx_exceptions(ov_xw *w);

#endif
