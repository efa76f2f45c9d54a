/* doing.h — the "How are we doing?" sheets of the board workbook. */
#ifndef OV_RENDER_XLSX_DOING_H
#define OV_RENDER_XLSX_DOING_H

#include "render/xlsx/common.h"

/* Summary: headline figures, trend arrows and the key-metric charts. */
void ov_xlsx_summary(ov_xw *w);
/* Agencies: the agency x metric matrix. */
void ov_xlsx_agencies(ov_xw *w);
/* Trend: figures over the periods with line charts. */
void ov_xlsx_trend(ov_xw *w);
/* Trend by agency: every rated figure of every period, agency and the
 * partnership, as a filterable table. */
void ov_xlsx_trend_agencies(ov_xw *w);
/* Quarters: every rated measure of every agency and the partnership in the
 * periods beside P (the quarters of the year so far, the year to date and the
 * same quarter last year; or the four quarters and the year), as a filterable
 * table; no sheet when the pack has no such periods. */
void ov_xlsx_quarters(ov_xw *w);
/* Teams: a filterable table of team figures. */
void ov_xlsx_teams(ov_xw *w);
/* Case oversight: figures per category. */
void ov_xlsx_cases(ov_xw *w);

#endif
