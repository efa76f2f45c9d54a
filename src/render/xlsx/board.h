/* board.h — the Board sheet of the workbook: the board on one page, first. */
#ifndef OV_RENDER_XLSX_BOARD_H
#define OV_RENDER_XLSX_BOARD_H

#include "render/xlsx/common.h"

/* Board: the count of ratings, the unit x measure grid for every unit (the
 * report's page shows at most 30 agencies), the overdue actions, the measures
 * with no live action and the decisions asked of the board. */
void ov_xlsx_board(ov_xw *w);

#endif
