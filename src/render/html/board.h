/* board.h — the board on one page, as the web page lays it out. */
#ifndef OV_RENDER_HTML_BOARD_H
#define OV_RENDER_HTML_BOARD_H

#include "render/html/common.h"

/* The board on one page: counts of ratings, the unit x measure grid as a
 * table with row and column headers and every mark in words, the overdue
 * actions, the measures with no live action and the decisions asked of the
 * board. */
void ov_html_section_board(ov_html *h);

#endif
