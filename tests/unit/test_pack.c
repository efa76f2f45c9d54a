/* test_pack.c — the report model: key messages in their order of precedence
 * with a trend and overdue actions, actions that cover a red figure only while
 * live (a complete one on a red figure is listed), changes between printed
 * values, an agency's own figures shown unsuppressed in its own pack, "not
 * sent" for figures of an optional file the agency did not send, and the
 * rule-code summary. Hand-made data; the wording comes from templates/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "metrics_fixture.h"
#include "report/pack.h"

/* Adds an action (strings copied). */
static void add_action(ov_data *d, const char *id, int32_t agency, int metric, int status,
                       const char *due, const char *completed)
{
    ov_action *a = OV_PUSH(d->actions, d->nactions, d->cap_actions);
    memset(a, 0, sizeof *a);
    a->id = ov_xstrdup(id);
    a->agency = agency;
    a->metric = metric;
    a->description = ov_xstrdup("what will be done");
    a->status = (uint8_t)status;
    a->due = fx_d(due);
    a->completed = fx_opt(completed);
}

/* Six practitioners of agency A: in Q2 2025-26 a 1:1 every month with no notes
 * recorded; in Q3 a 1:1 in October only, notes the same day. Q3 against Q2:
 * supervision frequency falls from 100 % to 33.3 % and staff fully compliant
 * from 100 % to 0 %, notes on time rise from 0 % to 100 %; no functions or
 * agreements are recorded (both red). */
static fx_env *six_staff(void)
{
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    a->name = ov_xstrdup("Agency A");
    /* a survey was sent (with no answers in the period): quality evidence exists */
    fx_file(a, OV_DS_FEEDBACK, OV_FILE_RECEIVED);
    static const char *const ids[] = {"S1", "S2", "S3", "S4", "S5", "S6"};
    for (int i = 0; i < 6; i++)
        FX_STAFF(a, .id = ids[i]);
    static const char *const q2[] = {"2025-07-07", "2025-08-04", "2025-09-08"};
    for (int i = 0; i < 6; i++) {
        for (int k = 0; k < 3; k++)
            fx_held(a, ids[i], q2[k]);
        FX_SESSION(a, .staff = ids[i], .date = "2025-10-06", .notes = "2025-10-06");
    }
    return e;
}

/* The context the command line would hand to the pack. */
static ov_report_ctx ctx_of(fx_env *e, int32_t focus)
{
    ov_report_ctx c = {
        .data = &e->d,
        .results = &e->res,
        .standards = &e->std,
        .calendar = &e->cal,
        .title = "Test Partnership",
        .marking = "OFFICIAL",
        .version = "test",
        .templates_dir = "templates",
        .run_date = fx_d("2026-01-15"),
        .agency_focus = focus,
        .suppress_below = 5,
        .trend = 2,
    };
    return c;
}

/* 1 when s starts with prefix. */
static int starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void test_messages_in_order_of_precedence(void **state)
{
    (void)state;
    fx_env *e = six_staff();
    add_action(&e->d, "O2", OV_NONE, OV_NONE, OV_AS_OPEN, "2025-12-31", NULL);
    add_action(&e->d, "O1", 0, OV_M_SUPERVISION_FREQUENCY, OV_AS_IN_PROGRESS, "2025-11-30", NULL);
    fx_run(e, "2025-26-Q3", 2);
    ov_report_ctx c = ctx_of(e, OV_NONE);
    ov_pack p;
    assert_int_equal(ov_pack_build(&c, &p), 0);
    assert_int_equal(p.head, OV_ALL);
    assert_int_equal(p.overdue, 2);
    assert_int_equal(p.nmessages, OV_PACK_MAX_MESSAGES);
    /* overdue actions first, naming the oldest */
    assert_true(starts(p.messages[0], "2 improvement actions are overdue; the oldest, O1"));
    /* then the red and amber figures with no live action */
    assert_non_null(strstr(p.messages[1], "have no live improvement action"));
    /* then the ratings, then the changes: improvement before deterioration */
    assert_true(starts(p.messages[2], "Measures rated for"));
    assert_non_null(strstr(p.messages[3], "biggest improvement"));
    assert_non_null(strstr(p.messages[3], "Notes recorded on time: from 0.0% to 100.0%"));
    assert_non_null(strstr(p.messages[4], "biggest deterioration"));
    /* staff fully compliant falls furthest (supervision frequency: 100.0% to 33.3%) */
    assert_non_null(strstr(p.messages[4], "Staff fully compliant: from 100.0% to 0.0%, 100.0 "
                                          "percentage points worse"));
    /* supervision frequency is red but covered by O1 (in progress): not a gap */
    for (size_t i = 0; i < p.ngaps; i++)
        assert_false(p.gaps[i].agency == 0 && p.gaps[i].metric == OV_M_SUPERVISION_FREQUENCY);
    ov_pack_free(&p);
    fx_env_free(e);
}

static void test_agency_without_quality_evidence_named(void **state)
{
    (void)state;
    fx_env *e = six_staff();
    fx_file(&e->d.agencies[0], OV_DS_FEEDBACK, OV_FILE_MISSING);
    fx_run(e, "2025-26-Q3", 2);
    ov_report_ctx c = ctx_of(e, OV_NONE);
    ov_pack p;
    assert_int_equal(ov_pack_build(&c, &p), 0);
    assert_int_equal(p.nno_quality, 1);
    int named = 0;
    for (size_t i = 0; i < p.nmessages; i++)
        named |= strstr(p.messages[i], "No quality evidence from Agency A") != NULL;
    assert_true(named);
    assert_non_null(strstr(p.sources[0].sentence, "No audits and no survey"));
    ov_pack_free(&p);
    fx_env_free(e);
}

static void test_overdue_actions_not_crowded_out(void **state)
{
    (void)state;
    /* With a trend and nothing overdue the changes have room; once an action is
     * overdue it always comes first, whatever else there is to say. */
    fx_env *e = six_staff();
    fx_run(e, "2025-26-Q3", 2);
    ov_report_ctx c = ctx_of(e, OV_NONE);
    ov_pack p;
    assert_int_equal(ov_pack_build(&c, &p), 0);
    for (size_t i = 0; i < p.nmessages; i++)
        assert_null(strstr(p.messages[i], "overdue;"));
    ov_pack_free(&p);
    add_action(&e->d, "LATE", 0, OV_M_NOTES_SHARED, OV_AS_OPEN, "2025-06-30", NULL);
    assert_int_equal(ov_pack_build(&c, &p), 0);
    assert_true(starts(p.messages[0], "1 improvement action is overdue: LATE"));
    ov_pack_free(&p);
    fx_env_free(e);
}

static void test_complete_action_on_red_figure_is_not_live(void **state)
{
    (void)state;
    fx_env *e = six_staff();
    add_action(&e->d, "C1", 0, OV_M_FUNCTIONS_BALANCE, OV_AS_COMPLETE, "2025-09-30", "2025-10-15");
    add_action(&e->d, "P1", OV_NONE, OV_M_AGREEMENT_CURRENT, OV_AS_OPEN, "2026-06-30", NULL);
    fx_run(e, "2025-26-Q3", 1);
    ov_report_ctx c = ctx_of(e, OV_NONE);
    ov_pack p;
    assert_int_equal(ov_pack_build(&c, &p), 0);
    const ov_pack_action *c1 = NULL;
    for (size_t i = 0; i < p.nactions; i++)
        if (strcmp(p.actions[i].action->id, "C1") == 0)
            c1 = &p.actions[i];
    assert_non_null(c1);
    assert_false(c1->live);
    assert_true(c1->still_short);    /* complete, figure still red */
    assert_true(c1->completed_late); /* completed after its due date */
    assert_non_null(c1->figure);
    assert_int_equal(c1->figure->rag, OV_RAG_RED);
    int a_listed = 0, all_listed = 0, agreement_listed = 0;
    for (size_t i = 0; i < p.ngaps; i++) {
        const ov_pack_gap *g = &p.gaps[i];
        if (g->metric == OV_M_FUNCTIONS_BALANCE && g->agency == 0) {
            a_listed = 1;
            assert_ptr_equal(g->complete, c1);
        }
        if (g->metric == OV_M_FUNCTIONS_BALANCE && g->agency == OV_ALL) {
            all_listed = 1; /* C1 is the agency's own action, not the partnership's */
            assert_null(g->complete);
        }
        agreement_listed |= g->metric == OV_M_AGREEMENT_CURRENT;
    }
    assert_true(a_listed);
    assert_true(all_listed);
    assert_false(agreement_listed); /* P1 is open: it covers A and ALL */
    ov_pack_free(&p);
    fx_env_free(e);
}

static void test_change_is_between_printed_values(void **state)
{
    (void)state;
    ov_figure f = {.num = 2, .den = 3, .rag = OV_RAG_RED};
    assert_int_equal(ov_pack_tenths(&f), 667);
    f.num = 1, f.den = 8; /* 12.5 exactly */
    assert_int_equal(ov_pack_tenths(&f), 125);
    f.num = 2249, f.den = 2500; /* 89.96 prints 90.0 */
    assert_int_equal(ov_pack_tenths(&f), 900);
    f.num = 3, f.den = 3;
    assert_int_equal(ov_pack_tenths(&f), 1000);
    char buf[24];
    assert_string_equal(ov_pack_tenths_text(-73, buf), "7.3");
    assert_string_equal(ov_pack_tenths_text(5, buf), "0.5");
}

static void test_agency_pack_shows_its_own_figures(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "SMALL");
    FX_STAFF(a, .id = "S1");
    FX_STAFF(a, .id = "S2");
    fx_held(a, "S1", "2025-10-06");
    fx_held(a, "S2", "2025-10-06");
    fx_run(e, "2025-26-Q3", 1);
    const ov_figure *raw = fx_fig(e, 0, OV_M_STAFF_SUPERVISED, "SMALL", NULL, OV_NONE);
    assert_int_equal(raw->rag, OV_RAG_SUPPRESSED);

    ov_report_ctx c = ctx_of(e, OV_NONE);
    ov_pack p;
    assert_int_equal(ov_pack_build(&c, &p), 0);
    const ov_pack_unit *u = &p.units[0];
    assert_int_equal(ov_pack_fig(&p, 0, OV_M_STAFF_SUPERVISED, u, OV_NONE)->rag, OV_RAG_SUPPRESSED);
    /* SMALL sent no cases.csv: its case figures read "not sent" */
    const ov_figure *cf = ov_pack_fig(&p, 0, OV_M_CASE_OVERSIGHT_CURRENT, u, OV_NONE);
    assert_int_equal(cf->rag, OV_RAG_NO_DATA);
    assert_int_equal(ov_pack_mark(&p, cf), OV_MARK_NOT_SENT);
    assert_string_equal(ov_pack_mark_name(OV_MARK_NOT_SENT), "not_sent");
    ov_pack_free(&p);

    c.agency_focus = 0;
    assert_int_equal(ov_pack_build(&c, &p), 0);
    assert_int_equal(p.head, 0);
    const ov_pack_unit *h = ov_pack_head(&p);
    assert_int_equal(ov_pack_fig(&p, 0, OV_M_STAFF_SUPERVISED, h, OV_NONE)->rag, OV_RAG_GREEN);
    /* the figures handed in are left as they were */
    assert_int_equal(raw->rag, OV_RAG_SUPPRESSED);
    ov_pack_free(&p);
    fx_env_free(e);
}

static void test_rule_codes_counted_once(void **state)
{
    (void)state;
    fx_env *e = six_staff();
    fx_agency(&e->d, "B");
    ov_data_issue(&e->d, 0, OV_DS_SESSIONS, 4, OV_SEV_REJECTED, "E-DATE", "date", "r");
    ov_data_issue(&e->d, 0, OV_DS_SESSIONS, 9, OV_SEV_REJECTED, "E-DATE", "date", "r");
    ov_data_issue(&e->d, 1, OV_DS_STAFF, 2, OV_SEV_WARNING, "W-DATE", "end_date", "r");
    ov_data_issue(&e->d, 0, OV_DS_STAFF, 3, OV_SEV_REJECTED, "E-ID", "staff_id", "r");
    fx_run(e, "2025-26-Q3", 1);
    ov_report_ctx c = ctx_of(e, OV_NONE);
    ov_pack p;
    assert_int_equal(ov_pack_build(&c, &p), 0);
    assert_int_equal(p.nissues, 3);
    assert_string_equal(p.issues[0].code, "E-DATE"); /* rejections first, by code */
    assert_int_equal(p.issues[0].count, 2);
    assert_string_equal(p.issues[1].code, "E-ID");
    assert_string_equal(p.issues[2].code, "W-DATE");
    ov_pack_free(&p);
    c.agency_focus = 1; /* an agency's pack counts its own lines only */
    assert_int_equal(ov_pack_build(&c, &p), 0);
    assert_int_equal(p.nissues, 1);
    assert_string_equal(p.issues[0].code, "W-DATE");
    ov_pack_free(&p);
    fx_env_free(e);
}

/* Adds a commentary row for an agency (OV_NONE: the partnership) and an
 * optional period given as ISO first and last days. */
static void add_comment(ov_data *d, int32_t agency, const char *from, const char *to)
{
    ov_comment *c = OV_PUSH(d->comments, d->ncomments, d->cap_comments);
    memset(c, 0, sizeof *c);
    c->agency = agency;
    c->section = OV_CS_SUMMARY;
    c->text = ov_xstrdup("a comment");
    c->period_start = fx_opt(from);
    c->period_end = fx_opt(to);
}

static void test_commentary_of_the_pack_and_its_period(void **state)
{
    (void)state;
    fx_env *e = six_staff();
    fx_agency(&e->d, "B");
    add_comment(&e->d, OV_NONE, NULL, NULL);                 /* every pack */
    add_comment(&e->d, OV_NONE, "2025-10-01", "2025-12-31"); /* Q3 only */
    add_comment(&e->d, 0, "2025-07-01", "2025-09-30");       /* A, Q2 only */
    add_comment(&e->d, 1, NULL, NULL);                       /* B */
    fx_run(e, "2025-26-Q3", 1);
    ov_report_ctx c = ctx_of(e, OV_NONE);
    ov_pack p;
    assert_int_equal(ov_pack_build(&c, &p), 0);
    int shown[4];
    for (int i = 0; i < 4; i++)
        shown[i] = ov_pack_comment_shown(&p, &e->d.comments[i]);
    assert_int_equal(shown[0], 1);
    assert_int_equal(shown[1], 1);
    assert_int_equal(shown[2], 0); /* Q2's comment stays out of the Q3 pack */
    assert_int_equal(shown[3], 1);
    ov_pack_free(&p);
    c.agency_focus = 1; /* B's own pack: B's comment only */
    assert_int_equal(ov_pack_build(&c, &p), 0);
    for (int i = 0; i < 4; i++)
        assert_int_equal(ov_pack_comment_shown(&p, &e->d.comments[i]), i == 3);
    ov_pack_free(&p);
    fx_run(e, "2025-26-Q2", 1);
    c.agency_focus = 0; /* A's own Q2 pack */
    assert_int_equal(ov_pack_build(&c, &p), 0);
    assert_int_equal(ov_pack_comment_shown(&p, &e->d.comments[2]), 1);
    ov_pack_free(&p);
    fx_env_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_messages_in_order_of_precedence),
        cmocka_unit_test(test_overdue_actions_not_crowded_out),
        cmocka_unit_test(test_agency_without_quality_evidence_named),
        cmocka_unit_test(test_complete_action_on_red_figure_is_not_live),
        cmocka_unit_test(test_change_is_between_printed_values),
        cmocka_unit_test(test_agency_pack_shows_its_own_figures),
        cmocka_unit_test(test_rule_codes_counted_once),
        cmocka_unit_test(test_commentary_of_the_pack_and_its_period),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
