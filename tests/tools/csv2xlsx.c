/* csv2xlsx.c — writes CSV files as one Excel workbook the way Excel saves one
 * (libxlsxwriter: text in the shared strings table), for timing the workbook
 * reader on the same rows as the CSV reader:
 *
 *     csv2xlsx OUT.xlsx SHEET=FILE.csv [SHEET=FILE.csv ...]
 *
 * A field written YYYY-MM-DD becomes a date cell (an Excel serial day number
 * with a date format), a whole number a number, anything else text; each
 * record goes on the row of the line it starts on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "ingest/csvread.h"

typedef struct {
    lxw_worksheet *ws;
    lxw_format *date;
    int failed;
} sheet_ctx;

/* Returns 1 when s[0..n) is YYYY-MM-DD, setting *dt. */
static int iso_date(const char *s, size_t n, lxw_datetime *dt)
{
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    memset(dt, 0, sizeof(*dt));
    dt->year = atoi(s);
    dt->month = atoi(s + 5);
    dt->day = atoi(s + 8);
    return dt->year >= 1900 && dt->month >= 1 && dt->month <= 12 && dt->day >= 1;
}

/* Returns 1 when s[0..n) is a whole number without a leading zero, setting *v. */
static int whole(const char *s, size_t n, double *v)
{
    if (n == 0 || n > 9 || (n > 1 && s[0] == '0'))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    *v = atof(s);
    return 1;
}

/* CSV record callback: writes the record's cells on its line's row. */
static int on_record(const ov_csv_record *rec, void *vctx)
{
    sheet_ctx *c = vctx;
    lxw_row_t row = (lxw_row_t)(rec->line - 1);
    for (size_t i = 0; i < rec->nfields && !c->failed; i++) {
        const char *s = rec->field[i];
        size_t n = rec->len[i];
        lxw_datetime dt;
        double v;
        lxw_error e = LXW_NO_ERROR;
        if (n == 0)
            continue;
        if (rec->index > 0 && iso_date(s, n, &dt))
            e = worksheet_write_datetime(c->ws, row, (lxw_col_t)i, &dt, c->date);
        else if (rec->index > 0 && whole(s, n, &v))
            e = worksheet_write_number(c->ws, row, (lxw_col_t)i, v, NULL);
        else
            e = worksheet_write_string(c->ws, row, (lxw_col_t)i, s, NULL);
        c->failed = e != LXW_NO_ERROR;
    }
    return c->failed;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: csv2xlsx OUT.xlsx SHEET=FILE.csv ...\n");
        return 2;
    }
    lxw_workbook *wb = workbook_new(argv[1]);
    if (!wb) {
        fprintf(stderr, "csv2xlsx: cannot write %s\n", argv[1]);
        return 1;
    }
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    int rc = 0;
    for (int a = 2; a < argc && rc == 0; a++) {
        char *eq = strchr(argv[a], '=');
        if (!eq) {
            fprintf(stderr, "csv2xlsx: %s is not SHEET=FILE.csv\n", argv[a]);
            rc = 2;
            break;
        }
        *eq = '\0';
        sheet_ctx c = {workbook_add_worksheet(wb, argv[a]), date, 0};
        if (!c.ws || ov_csv_read_file(eq + 1, on_record, &c, NULL) != OV_CSV_OK || c.failed) {
            fprintf(stderr, "csv2xlsx: cannot convert %s\n", eq + 1);
            rc = 1;
        }
    }
    if (workbook_close(wb) != LXW_NO_ERROR && rc == 0) {
        fprintf(stderr, "csv2xlsx: cannot write %s\n", argv[1]);
        rc = 1;
    }
    return rc;
}
