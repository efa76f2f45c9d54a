/* evidence.h — what "How do we know?" and the appendix say, for every layout
 * of the board report (PDF, web page): the rows read, accepted and rejected
 * per agency, the completeness of each optional field, the partnership's own
 * files and the agencies covering each period as sentences, the standards in
 * words, the run's provenance, a restated figure's measure, a measure's
 * definition line and a figure's counts as the appendix prints them. The
 * layouts only set these out; every string is the same in each. */
#ifndef OV_RENDER_EVIDENCE_H
#define OV_RENDER_EVIDENCE_H

#include <stddef.h>

#include "metrics/metric_defs.h"
#include "render/words.h"

/* One row of the rows table: files, rows read, accepted, rejected and
 * warnings, and whether the figures are complete. */
typedef struct {
    char *label;        /* owned */
    unsigned long c[5]; /* files, read, accepted, rejected, warnings */
    char *status;       /* owned: complete or incomplete, or "" */
    int flagged;        /* the agency's figures are incomplete */
    int total;          /* the total row */
} ov_ev_count_row;

/* One row of the completeness table: an optional field pooled over the
 * agencies shown, with the agency that filled it least. */
typedef struct {
    char *dataset;     /* owned: the dataset's label */
    const char *field; /* static */
    char pct[24];      /* "84.0%" */
    char *filled_rows; /* owned: "1,234 of 1,500" */
    char lowest[200];  /* "Agency (12.5%)", or "" */
} ov_ev_field_row;

/* The rows of the rows table (the partnership's files, each agency shown, the
 * total); returns how many. Free with ov_ev_count_rows_free. */
size_t ov_ev_count_rows(ov_words *w, ov_ev_count_row **out);
/* Frees rows made by ov_ev_count_rows; accepts NULL. */
void ov_ev_count_rows_free(ov_ev_count_row *rows, size_t n);
/* The rows of the completeness table (fields with no rows are left out);
 * returns how many. Free with ov_ev_field_rows_free. */
size_t ov_ev_field_rows(ov_words *w, ov_ev_field_row **out);
/* Frees rows made by ov_ev_field_rows; accepts NULL. */
void ov_ev_field_rows_free(ov_ev_field_row *rows, size_t n);

/* The partnership's own files as one sentence (caller frees). */
char *ov_ev_partnership_files(ov_words *w);
/* How many agencies cover each period, as one sentence (caller frees). */
char *ov_ev_covering(ov_words *w);
/* The standards applied: the paragraph into *para and the bullets (at most
 * OV_EV_STD_BULLETS, blank ones left out) into bullets; returns how many
 * bullets. The caller frees *para and each bullet. */
#define OV_EV_STD_BULLETS 9
size_t ov_ev_standards(ov_words *w, char **para, char *bullets[OV_EV_STD_BULLETS]);
/* The run's provenance: OV_EV_PROV_ITEMS labels and values (caller frees each). */
#define OV_EV_PROV_ITEMS 8
void ov_ev_run_provenance(ov_words *w, char *labels[OV_EV_PROV_ITEMS],
                          char *values[OV_EV_PROV_ITEMS]);
/* The measure of a restated figure, with its category or group (caller frees). */
char *ov_ev_restated_measure(ov_words *w, const ov_pack_restatement *x);
/* A measure's line of the definitions: its id, area and direction (caller frees). */
char *ov_ev_definition_meta(ov_words *w, const ov_metric_def *md);
/* A figure's counted and out-of cells ("–" for a suppressed one, "" for
 * information) into num and den, and its rating's words (caller frees). */
char *ov_ev_figure_counts(ov_words *w, const ov_figure *f, char num[32], char den[32]);
/* The status word of an agency's file in the coverage grid and whether it is
 * flagged: 0 received, 1 unusable (amber), 2 required and missing (red), 3
 * optional and not sent (caller frees the word). */
char *ov_ev_file_status(ov_words *w, int dataset, int status, int *kind);

#endif
