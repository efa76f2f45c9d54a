/* test_section11.c — the Section 11 standards in the report model: the
 * data-based rating is the worst RAG among a standard's rated figures for the
 * agency ("not rated" when none is: no cases sent, say), a score of 2 or 3
 * against red or of 0 or 1 against green is challenged and every other is
 * not, only the pack's agencies are rated, and the evidence table names the
 * metrics by id (one the catalogue does not hold is left out). Hand-made data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "metrics/metric_defs.h"
#include "metrics_fixture.h"
#include "report/section11.h"

/* Agency G: six practitioners with a 1:1 every month of Q3 2025-26, notes the
 * same day and shared, all four functions, agreements current. Agency R: six
 * practitioners with no session and no agreement. */
static fx_env *two_agencies(void)
{
    fx_env *e = fx_env_new();
    static const char *const ids[] = {"S1", "S2", "S3", "S4", "S5", "S6"};
    static const char *const months[] = {"2025-10-06", "2025-11-03", "2025-12-01"};
    ov_agency *g = fx_agency(&e->d, "G");
    for (int i = 0; i < 6; i++) {
        FX_STAFF(g, .id = ids[i], .agreement = "2025-06-02", .observation = "2025-05-01");
        for (int k = 0; k < 3; k++)
            FX_SESSION(g, .staff = ids[i], .date = months[k], .notes = months[k], .shared = 'Y',
                       .fn = FX_M | FX_D | FX_S | FX_ME);
    }
    ov_agency *r = fx_agency(&e->d, "R");
    for (int i = 0; i < 6; i++)
        FX_STAFF(r, .id = ids[i]);
    return e;
}

/* Adds a returned score. */
static void score(ov_data *d, int32_t agency, int standard, int self)
{
    ov_s11_score *x = OV_PUSH(d->s11, d->ns11, d->cap_s11);
    memset(x, 0, sizeof *x);
    x->agency = agency;
    x->standard = (uint8_t)standard;
    x->self_score = (int8_t)self;
    x->moderated = -1;
    x->line = (uint32_t)d->ns11 + 1;
}

/* The row of an agency and standard. */
static const ov_s11_row *row(const ov_s11 *s, int32_t agency, int standard)
{
    for (size_t i = 0; i < s->nrows; i++)
        if (s->rows[i].agency == agency && s->rows[i].standard == standard)
            return &s->rows[i];
    fail_msg("no row for agency %d, standard %d", agency, standard);
    return NULL;
}

static void test_ratings_and_challenges(void **state)
{
    (void)state;
    fx_env *e = two_agencies();
    score(&e->d, 0, OV_S11_REACH, 1);          /* green: scored low, challenged */
    score(&e->d, 0, OV_S11_RECORDED, 3);       /* green: agreed */
    score(&e->d, 0, OV_S11_CASE_OVERSIGHT, 0); /* not rated (no cases): never challenged */
    score(&e->d, 1, OV_S11_REACH, 3);          /* red: scored high, challenged */
    score(&e->d, 1, OV_S11_RECORDED, 2);       /* red: challenged */
    score(&e->d, 1, OV_S11_REFLECTIVE, 1);     /* red: agreed */
    e->d.files[OV_DS_SECTION11].status = OV_FILE_RECEIVED;
    fx_run(e, "2025-26-Q3", 1);
    ov_s11 s;
    ov_s11_build(&e->d, &e->res, OV_ALL, &s);
    assert_true(s.received);
    assert_int_equal(s.nrows, 2 * OV_S11_COUNT);
    assert_int_equal(s.nreturned, 6);
    assert_int_equal(s.nchallenged, 3);

    const ov_s11_row *x = row(&s, 0, OV_S11_REACH);
    assert_int_equal(x->rating, OV_RAG_GREEN);
    assert_int_equal(x->nevidence, 3);
    assert_int_equal(x->metrics[0], OV_M_SUPERVISION_FREQUENCY);
    assert_int_equal(x->challenge, OV_S11_LOWER);
    assert_int_equal(row(&s, 0, OV_S11_RECORDED)->challenge, OV_S11_AGREED);
    x = row(&s, 0, OV_S11_CASE_OVERSIGHT);
    assert_int_equal(x->rating, -1);
    assert_int_equal(x->challenge, OV_S11_AGREED);
    x = row(&s, 1, OV_S11_REACH);
    assert_int_equal(x->rating, OV_RAG_RED);
    assert_int_equal(x->challenge, OV_S11_HIGHER);
    /* notes figures have no data (no session); the agreements are red */
    x = row(&s, 1, OV_S11_RECORDED);
    assert_int_equal(x->rating, OV_RAG_RED);
    assert_int_equal(x->challenge, OV_S11_HIGHER);
    assert_int_equal(row(&s, 1, OV_S11_REFLECTIVE)->challenge, OV_S11_AGREED);
    /* no score returned: nothing to challenge */
    assert_null(row(&s, 1, OV_S11_SUPERVISORS)->score);
    ov_s11_free(&s);

    /* an agency's own pack rates that agency only */
    ov_s11_build(&e->d, &e->res, 1, &s);
    assert_int_equal(s.nrows, OV_S11_COUNT);
    assert_int_equal(s.nchallenged, 2);
    ov_s11_free(&s);
    fx_env_free(e);
}

static void test_worst_rating_counts_rated_figures_only(void **state)
{
    (void)state;
    fx_env *e = two_agencies();
    fx_run(e, "2025-26-Q3", 1);
    ov_s11 s;
    ov_s11_build(&e->d, &e->res, OV_ALL, &s);
    assert_false(s.received);
    for (size_t i = 0; i < s.nrows; i++) {
        const ov_s11_row *x = &s.rows[i];
        int worst = -1;
        for (size_t k = 0; k < x->nevidence; k++) {
            const ov_figure *f = x->evidence[k];
            if (f && f->den > 0 && f->rag <= OV_RAG_RED && (int)f->rag > worst)
                worst = f->rag;
        }
        assert_int_equal(x->rating, worst);
        assert_null(x->score);
    }
    ov_s11_free(&s);
    fx_env_free(e);
}

static void test_evidence_by_metric_id(void **state)
{
    (void)state;
    int m[OV_S11_MAX_EVIDENCE];
    assert_int_equal(ov_s11_metrics(OV_S11_RECORDED, m, OV_S11_MAX_EVIDENCE), 5);
    assert_int_equal(m[4], OV_M_AGREEMENT_CURRENT);
    assert_int_equal(ov_s11_metrics(OV_S11_SUPERVISORS, m, OV_S11_MAX_EVIDENCE), 1);
    /* s11_quality: every id it names that the catalogue holds, and no other */
    size_t n = ov_s11_metrics(OV_S11_QUALITY, m, OV_S11_MAX_EVIDENCE);
    size_t known = (ov_metric_find("audit_good") >= 0) + (ov_metric_find("audit_criteria") >= 0) +
                   (ov_metric_find("feedback_positive") >= 0);
    assert_int_equal(n, known);
    assert_string_equal(ov_s11_id(OV_S11_CASE_OVERSIGHT), "s11_case_oversight");
    assert_string_equal(ov_s11_score_words(2), "2 - Mostly met");
    assert_string_equal(ov_s11_score_words(-1), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ratings_and_challenges),
        cmocka_unit_test(test_worst_rating_counts_rated_figures_only),
        cmocka_unit_test(test_evidence_by_metric_id),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
