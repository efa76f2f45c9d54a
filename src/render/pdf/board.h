/* board.h — the board on one page: page 2 of the report, after the cover. */
#ifndef OV_RENDER_PDF_BOARD_H
#define OV_RENDER_PDF_BOARD_H

#include "render/pdf/common.h"

/* The period and what the pack is for, the count of each rating, the agency x
 * measure grid (the pack's board rows), the overdue actions, the measures with
 * no live action and the decisions asked of the board, on one A4 page. */
void ov_pdf_section_board(ov_pdf *r);

#endif
