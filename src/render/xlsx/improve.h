/* improve.h — the "What are we doing to improve?" sheets of the board workbook. */
#ifndef OV_RENDER_XLSX_IMPROVE_H
#define OV_RENDER_XLSX_IMPROVE_H

#include "render/xlsx/common.h"

/* Improve: the actions with the overdue flag, then red or amber figures with
 * no action against them. */
void ov_xlsx_improve(ov_xw *w);
/* Section 11: a data-based rating per supervision standard and agency, with
 * the returned self-assessment (pre-filled, editable), the challenges and the
 * moderation columns. */
void ov_xlsx_section11(ov_xw *w);

#endif
