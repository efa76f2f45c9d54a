/* xlsx.h — the board workbook (libxlsxwriter): the one entry point of the
 * workbook renderer. Its sheet builders and their shared helpers are private to
 * render/xlsx/. */
#ifndef OV_RENDER_XLSX_XLSX_H
#define OV_RENDER_XLSX_XLSX_H

#include "report/pack.h"

/* Writes DIR/NAME.xlsx atomically. Returns 0, or -1 after a message via ov_err. */
int ov_xlsx_write(const ov_pack *pack, const char *dir, const char *name);

#endif
