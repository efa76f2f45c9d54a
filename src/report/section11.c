/* section11.c — the Section 11 standards in the report model (section11.h).
 * The table below is the one place that says which figures evidence which
 * standard; the metrics are named by their ids and found in the catalogue at
 * run time, so a metric the catalogue does not hold yet is simply left out. */
#include "report/section11.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "metrics/metric_defs.h"

/* The supervision standards and the figures that evidence each (SPEC 8.2). */
static const struct {
    const char *title;
    const char *declares;
    const char *metrics[OV_S11_MAX_EVIDENCE]; /* NULL ends the list */
} standards[OV_S11_COUNT] = {
    [OV_S11_REACH] = {"Supervision reaches every practitioner",
                      "all staff who work with children receive regular supervision in line with "
                      "policy",
                      {"supervision_frequency", "staff_fully_compliant", "staff_supervised"}},
    [OV_S11_RECORDED] = {"Planned, recorded promptly and shared",
                         "supervision is planned, recorded promptly and shared with the "
                         "practitioner",
                         {"notes_timely", "notes_shared", "cancellation_rate",
                          "cancelled_rearranged", "agreement_current"}},
    [OV_S11_CASE_OVERSIGHT] = {"Management oversight of cases",
                               "management oversight of children's cases is regular and recorded",
                               {"case_oversight_current", "case_oversight_period",
                                "assessment_day8", "assessment_day20"}},
    [OV_S11_REFLECTIVE] = {"Reflective supervision",
                           "supervision is reflective, covers all its functions, and includes "
                           "group supervision and observation",
                           {"functions_balance", "group_supervision_monthly",
                            "observation_current"}},
    [OV_S11_SUPERVISORS] = {"Trained supervisors",
                            "supervisors are trained in safeguarding and in supervision",
                            {"supervisor_trained"}},
    [OV_S11_QUALITY] = {"Quality audited, practitioners heard",
                        "the agency audits the quality of supervision and listens to "
                        "practitioners",
                        {"audit_good", "audit_criteria", "feedback_positive"}},
};

/* The id of a standard. */
const char *ov_s11_id(int standard)
{
    return standard >= 0 && standard < OV_S11_COUNT ? ov_codes_s11_standard.names[standard] : "";
}

/* Its short title. */
const char *ov_s11_title(int standard)
{
    return standard >= 0 && standard < OV_S11_COUNT ? standards[standard].title : "";
}

/* What the agency declares. */
const char *ov_s11_declares(int standard)
{
    return standard >= 0 && standard < OV_S11_COUNT ? standards[standard].declares : "";
}

/* The metrics that evidence a standard, found by id. */
size_t ov_s11_metrics(int standard, int *out, size_t cap)
{
    size_t n = 0;
    if (standard < 0 || standard >= OV_S11_COUNT)
        return 0;
    for (size_t i = 0; i < OV_S11_MAX_EVIDENCE && standards[standard].metrics[i] && n < cap; i++) {
        int m = ov_metric_find(standards[standard].metrics[i]);
        if (m >= 0)
            out[n++] = m;
    }
    return n;
}

/* The words of a score. */
const char *ov_s11_score_words(int score)
{
    static const char *const words[OV_S11_SCORES] = {"0 - Not met", "1 - Partly met",
                                                     "2 - Mostly met", "3 - Fully met"};
    return score >= 0 && score < OV_S11_SCORES ? words[score] : "";
}

/* 1 for a figure rated green, amber or red (suppressed, no data and not
 * covered figures do not count). */
static int rated(const ov_figure *f)
{
    return f && f->den > 0 &&
           (f->rag == OV_RAG_GREEN || f->rag == OV_RAG_AMBER || f->rag == OV_RAG_RED);
}

/* The returned score of an agency for a standard, or NULL. */
static const ov_s11_score *returned(const ov_data *d, int32_t agency, int standard)
{
    for (size_t i = 0; i < d->ns11; i++)
        if (d->s11[i].agency == agency && d->s11[i].standard == standard)
            return &d->s11[i];
    return NULL;
}

/* Rates every standard for the agencies in scope and sets the returned scores
 * against the ratings. */
void ov_s11_build(const ov_data *d, const ov_results *r, int32_t head, ov_s11 *out)
{
    memset(out, 0, sizeof *out);
    out->received = d->files[OV_DS_SECTION11].status == OV_FILE_RECEIVED;
    out->rows = ov_xcalloc((d->nagencies ? d->nagencies : 1) * OV_S11_COUNT, sizeof *out->rows);
    for (size_t a = 0; a < d->nagencies; a++) {
        if (head != OV_ALL && (int32_t)a != head)
            continue;
        for (int s = 0; s < OV_S11_COUNT; s++) {
            ov_s11_row *x = &out->rows[out->nrows++];
            x->agency = (int32_t)a;
            x->standard = s;
            x->rating = -1;
            x->nevidence = ov_s11_metrics(s, x->metrics, OV_S11_MAX_EVIDENCE);
            for (size_t k = 0; k < x->nevidence; k++) {
                const ov_figure *f =
                    ov_results_find(r, 0, x->metrics[k], (int32_t)a, OV_NONE, OV_NONE);
                x->evidence[k] = f;
                /* the worst: red over amber over green (enum order) */
                if (rated(f) && (int)f->rag > x->rating)
                    x->rating = f->rag;
            }
            x->score = returned(d, (int32_t)a, s);
            if (!x->score)
                continue;
            out->nreturned++;
            int self = x->score->self_score;
            if (x->rating == OV_RAG_RED && self >= 2)
                x->challenge = OV_S11_HIGHER;
            else if (x->rating == OV_RAG_GREEN && self <= 1)
                x->challenge = OV_S11_LOWER;
            out->nchallenged += x->challenge != OV_S11_AGREED;
        }
    }
}

/* Frees the rows. */
void ov_s11_free(ov_s11 *s)
{
    if (!s)
        return;
    free(s->rows);
    memset(s, 0, sizeof *s);
}
