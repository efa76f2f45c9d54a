/* section11.h — the Section 11 supervision standards (SPEC 8.2) in the report
 * model: the one table of the six standards with the figures that evidence
 * each, the data-based rating of every standard for every agency of a pack,
 * the scores the agencies returned in section11.csv, and the challenges the
 * moderation panel is asked to look at. Worked out once for the pack; the
 * renderers only lay it out. */
#ifndef OV_REPORT_SECTION11_H
#define OV_REPORT_SECTION11_H

#include <stddef.h>
#include <stdint.h>

#include "ingest/model.h"
#include "metrics/metrics.h"

/* The most figures a standard is evidenced by. */
#define OV_S11_MAX_EVIDENCE 8

/* Why a returned score is challenged, if it is. */
enum ov_s11_challenge {
    OV_S11_AGREED = 0, /* no challenge */
    OV_S11_HIGHER,     /* scored 2 or 3 (mostly or fully met) while the data are red */
    OV_S11_LOWER       /* scored 0 or 1 (not or partly met) while the data are green */
};

/* One standard for one agency. */
typedef struct {
    int32_t agency; /* agency index */
    int standard;   /* enum ov_s11_standard */
    int rating;     /* OV_RAG_GREEN, OV_RAG_AMBER or OV_RAG_RED; -1 when not rated */
    int metrics[OV_S11_MAX_EVIDENCE];               /* the evidence, in table order */
    const ov_figure *evidence[OV_S11_MAX_EVIDENCE]; /* its figures for the agency (NULL:
                                                       none), owned by the results */
    size_t nevidence;
    const ov_s11_score *score; /* the returned row (owned by the data), or NULL */
    int challenge;             /* enum ov_s11_challenge */
} ov_s11_row;

typedef struct {
    ov_s11_row *rows; /* per agency in scope (data order), per standard (table order) */
    size_t nrows;
    size_t nreturned;   /* rows with a returned score */
    size_t nchallenged; /* rows whose score is challenged */
    int received;       /* section11.csv was received */
} ov_s11;

/* Rates every standard for the agencies in scope (every agency when head is
 * OV_ALL, else that one) from the report period's figures as metrics.csv
 * holds them, and sets each returned score against its rating. out owns its
 * rows (ov_s11_free). */
void ov_s11_build(const ov_data *d, const ov_results *r, int32_t head, ov_s11 *out);
/* Frees the rows and empties out; accepts NULL. */
void ov_s11_free(ov_s11 *s);

/* The id of a standard ("s11_reach"; static). */
const char *ov_s11_id(int standard);
/* Its short title ("Supervision reaches every practitioner"; static). */
const char *ov_s11_title(int standard);
/* What the agency declares under it (static). */
const char *ov_s11_declares(int standard);
/* The metrics that evidence it, as metric indexes into out (at most cap);
 * returns the count. A metric id the catalogue does not hold is left out. */
size_t ov_s11_metrics(int standard, int *out, size_t cap);
/* The words of a score ("2 - Mostly met"; static), "" for a blank one. */
const char *ov_s11_score_words(int score);

#endif
