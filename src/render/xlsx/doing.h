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
/* Teams: a filterable table of team figures. */
void ov_xlsx_teams(ov_xw *w);
/* Case oversight: figures per category. */
void ov_xlsx_cases(ov_xw *w);

#endif
