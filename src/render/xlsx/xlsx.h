/* xlsx.h — the board workbook (libxlsxwriter): the one entry point of the
 * workbook renderer. Its sheet builders and their shared helpers are private to
 * render/xlsx/. */
#ifndef OV_RENDER_XLSX_XLSX_H
#define OV_RENDER_XLSX_XLSX_H

#include "core/outset.h"
#include "report/pack.h"

/* Writes NAME.xlsx as an output of the set out. Returns 0, or -1 after a message
 * via ov_err. */
int ov_xlsx_write(const ov_pack *pack, ov_outset *out, const char *name);

#endif
