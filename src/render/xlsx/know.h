/* know.h — the "How do we know?" sheets of the board workbook. */
#ifndef OV_RENDER_XLSX_KNOW_H
#define OV_RENDER_XLSX_KNOW_H

#include "render/xlsx/common.h"

/* How do we know: data sources, provenance, completeness and the rule codes. */
void ov_xlsx_how_know(ov_xw *w);
/* Rejections: the issues table (the first OV_XLSX_MAX_ISSUE_ROWS). */
void ov_xlsx_rejections(ov_xw *w);
/* Definitions: metric definitions and the standards applied. */
void ov_xlsx_definitions(ov_xw *w);

#endif
