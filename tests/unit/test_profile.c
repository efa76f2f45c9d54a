/* test_profile.c — mapping profiles: a header mapped onto its schema, the
 * profiles of a templates folder loaded in name order, and the choice of the
 * one profile under which an agency's headers fit (one fits, two fit, none
 * fits and the closest is named). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <dirent.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "core/mem.h"
#include "ingest/parse.h"
#include "ingest/profile.h"
#include "ingest/schema.h"

#define HEAD "kind,dataset,field,pattern,value,note\n"

/* A templates folder with a profiles/ sub-folder. */
typedef struct {
    char dir[64];
    char profiles[96];
    ov_profile_set set;
    ov_profile *base;
} folder;

/* Writes profiles/NAME.csv. */
static void write_profile(folder *f, const char *name, const char *body)
{
    char *path = ov_xasprintf("%s/%s.csv", f->profiles, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(HEAD, fp);
    fputs(body, fp);
    fclose(fp);
    free(path);
}

/* Removes profiles/NAME.csv. */
static void remove_profile(folder *f, const char *name)
{
    char *path = ov_xasprintf("%s/%s.csv", f->profiles, name);
    unlink(path);
    free(path);
}

/* Four profiles besides default: alpha knows ESR-like wordings for staff and
 * sessions, beta and gamma know worker ids, delta maps a second team column.
 * A file with an unusable name and one that is not CSV are skipped. */
static int setup(void **state)
{
    folder *f = ov_xcalloc(1, sizeof(*f));
    strcpy(f->dir, "/tmp/ov-profile-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->profiles, sizeof(f->profiles), "%s/profiles", f->dir);
    assert_int_equal(mkdir(f->profiles, 0700), 0);
    write_profile(f, "default", "header,,team,team_name,,\n");
    write_profile(f, "gamma", "header,,staff_id,worker_id,,\n");
    write_profile(f, "alpha",
                  "header,,staff_id,assignment_number,,\n"
                  "header,sessions,date,supervision_date,,\n");
    write_profile(f, "beta", "header,,staff_id,worker_id|assignment_number,,\n");
    write_profile(f, "delta",
                  "header,staff,team,organisation,,\n"
                  "header,,staff_id,worker_id,,\n");
    write_profile(f, "not a name", "header,,staff_id,anything,,\n");
    char *other = ov_xasprintf("%s/readme.txt", f->profiles);
    FILE *fp = fopen(other, "w");
    assert_non_null(fp);
    fputs("not a profile\n", fp);
    fclose(fp);
    free(other);
    char err[256] = "";
    if (ov_profile_set_load(&f->set, f->dir, err, sizeof(err)) != 0)
        fail_msg("profiles not loaded: %s", err);
    f->base = ov_profile_load(f->dir, NULL, err, sizeof(err));
    assert_non_null(f->base);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    folder *f = *state;
    ov_profile_set_free(&f->set);
    ov_profile_free(f->base);
    DIR *d = opendir(f->profiles);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *path = ov_xasprintf("%s/%s", f->profiles, e->d_name);
        unlink(path);
        free(path);
    }
    closedir(d);
    rmdir(f->profiles);
    rmdir(f->dir);
    free(f);
    return 0;
}

/* A header under construction: normalised names of a comma-separated list. */
typedef struct {
    char text[256];
    char *names[16];
    size_t lens[16];
    ov_header h;
} header;

/* Builds the header of ds from "A,B,C" (names normalised as ingest does). */
static void make_header(header *x, enum ov_dataset ds, const char *cols)
{
    memset(x, 0, sizeof(*x));
    snprintf(x->text, sizeof(x->text), "%s", cols);
    size_t n = 0;
    char *save = NULL;
    for (char *t = strtok_r(x->text, ",", &save); t && n < 16; t = strtok_r(NULL, ",", &save)) {
        char norm[64];
        size_t nl = ov_normalise(t, strlen(t), norm, sizeof(norm));
        x->names[n] = ov_xstrndup(norm, nl);
        x->lens[n] = nl;
        n++;
    }
    x->h.ds = ds;
    x->h.names = (const char *const *)x->names;
    x->h.lens = x->lens;
    x->h.ncols = n;
}

/* Frees the names of a header. */
static void free_header(header *x)
{
    for (size_t i = 0; i < x->h.ncols; i++)
        free(x->names[i]);
}

/* Index of the profile called name in the set, or -1. */
static int index_of(const ov_profile_set *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(ov_profile_name(s->p[i]), name) == 0)
            return (int)i;
    return -1;
}

static void test_set_in_name_order(void **state)
{
    folder *f = *state;
    assert_int_equal(f->set.n, 4);
    assert_string_equal(ov_profile_name(f->set.p[0]), "alpha");
    assert_string_equal(ov_profile_name(f->set.p[1]), "beta");
    assert_string_equal(ov_profile_name(f->set.p[2]), "delta");
    assert_string_equal(ov_profile_name(f->set.p[3]), "gamma");
    assert_int_equal(index_of(&f->set, "default"), -1);
}

static void test_set_load_errors(void **state)
{
    folder *f = *state;
    ov_profile_set s;
    char err[256] = "";
    write_profile(f, "broken", "header,,staff_id,(unclosed,,\n");
    assert_int_equal(ov_profile_set_load(&s, f->dir, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "broken.csv line 2"));
    assert_int_equal(s.n, 0);
    assert_null(s.p);
    remove_profile(f, "broken");
    assert_int_equal(ov_profile_set_load(&s, "no-such-templates-dir", err, sizeof(err)), -1);
    assert_non_null(strstr(err, "no-such-templates-dir/profiles"));
    ov_profile_set_free(&s);
    ov_profile_set_free(NULL);
}

static void test_map_header(void **state)
{
    folder *f = *state;
    header x;
    ov_header_col cols[16];
    /* canonical names, a default wording, an unknown column */
    make_header(&x, OV_DS_STAFF, "Staff ID,Team Name,start_date,Band");
    ov_header_fit fit = ov_profile_map_header(f->base, &x.h, cols);
    assert_int_equal(fit.nmissing, 0);
    assert_int_equal(fit.missing, 0);
    assert_false(fit.conflict);
    assert_int_equal(cols[0].field, OV_COL_ST_ID);
    assert_int_equal(cols[1].field, OV_COL_ST_TEAM);
    assert_int_equal(cols[2].field, OV_COL_ST_START);
    assert_int_equal(cols[3].field, -1);
    free_header(&x);

    /* two columns for one field; required fields missing */
    make_header(&x, OV_DS_STAFF, "team,Team Name");
    fit = ov_profile_map_header(f->base, &x.h, cols);
    assert_true(fit.conflict);
    assert_int_equal(cols[0].field, OV_COL_ST_TEAM);
    assert_int_equal(cols[0].first, -1);
    assert_int_equal(cols[1].field, OV_COL_ST_TEAM);
    assert_int_equal(cols[1].first, 0);
    assert_int_equal(fit.nmissing, 2);
    assert_int_equal(fit.missing, (1u << OV_COL_ST_ID) | (1u << OV_COL_ST_START));
    free_header(&x);

    /* without a profile only the canonical names match */
    make_header(&x, OV_DS_STAFF, "staff_id,Team Name,start_date");
    fit = ov_profile_map_header(NULL, &x.h, NULL);
    assert_int_equal(fit.missing, 1u << OV_COL_ST_TEAM);
    free_header(&x);
}

/* feedback.csv knows staff_id only to refuse it: the column maps onto a
 * forbidden field (by name, or by a profile's wording for every file), which
 * templates and completeness never list. */
static void test_feedback_staff_id_is_forbidden(void **state)
{
    folder *f = *state;
    header x;
    ov_header_col cols[16];
    size_t nf = 0, nc = 0;
    const ov_field_def *fields = ov_schema_fields(OV_DS_FEEDBACK, &nf);
    const ov_field_def *columns = ov_schema_columns(OV_DS_FEEDBACK, &nc);
    assert_ptr_equal(fields, columns);
    assert_int_equal(nf, OV_COL_FB_STAFF);
    assert_int_equal(nc, OV_COL_FB_COUNT);
    for (size_t i = 0; i < nf; i++)
        assert_int_not_equal(fields[i].type, OV_F_FORBIDDEN);
    assert_int_equal(columns[OV_COL_FB_STAFF].type, OV_F_FORBIDDEN);
    assert_string_equal(columns[OV_COL_FB_STAFF].name, "staff_id");
    assert_int_equal(ov_schema_field_index(OV_DS_FEEDBACK, "staff_id"), OV_COL_FB_STAFF);
    /* other datasets have no forbidden column */
    ov_schema_fields(OV_DS_SUPERVISION_AUDITS, &nf);
    ov_schema_columns(OV_DS_SUPERVISION_AUDITS, &nc);
    assert_int_equal(nf, nc);
    assert_int_equal(nf, OV_COL_AU_COUNT);

    /* by its canonical name */
    make_header(&x, OV_DS_FEEDBACK, "response_date,Staff ID,regular");
    ov_header_fit fit = ov_profile_map_header(f->base, &x.h, cols);
    assert_int_equal(fit.nmissing, 0);
    assert_int_equal(cols[1].field, OV_COL_FB_STAFF);
    assert_int_equal(cols[2].field, OV_COL_FB_ITEMS + OV_ITEM_REGULAR);
    free_header(&x);
    /* through a profile line that names no dataset (gamma: worker_id) */
    make_header(&x, OV_DS_FEEDBACK, "Worker ID,response_date,team");
    int g = index_of(&f->set, "gamma");
    assert_true(g >= 0);
    fit = ov_profile_map_header(f->set.p[g], &x.h, cols);
    assert_int_equal(cols[0].field, OV_COL_FB_STAFF);
    assert_int_equal(cols[2].field, OV_COL_FB_TEAM);
    free_header(&x);
    /* and without the column, nothing is forbidden */
    make_header(&x, OV_DS_FEEDBACK, "response_date,team,supportive");
    fit = ov_profile_map_header(f->set.p[g], &x.h, cols);
    for (size_t i = 0; i < x.h.ncols; i++)
        assert_int_not_equal(cols[i].field, OV_COL_FB_STAFF);
    free_header(&x);
}

/* An ESR-like agency: only alpha reads both files. */
static void test_exactly_one_fits(void **state)
{
    folder *f = *state;
    header h[2];
    make_header(&h[0], OV_DS_STAFF, "Assignment Number,Team,Start Date");
    make_header(&h[1], OV_DS_SESSIONS, "Assignment Number,Supervision Date,Type,Status");
    ov_header hs[2] = {h[0].h, h[1].h};
    assert_true(ov_profile_map_header(f->base, &hs[0], NULL).nmissing > 0);
    int first, second;
    assert_int_equal(ov_profile_choose(&f->set, hs, 2, &first, &second), 1);
    assert_int_equal(first, index_of(&f->set, "alpha"));
    assert_int_equal(second, -1);
    /* beta reads staff.csv too, but not sessions.csv: the agency's files
     * are read through one profile, so beta is not a choice */
    assert_int_equal(ov_profile_choose(&f->set, hs, 1, &first, &second), 2);
    assert_int_equal(first, index_of(&f->set, "alpha"));
    assert_int_equal(second, index_of(&f->set, "beta"));
    free_header(&h[0]);
    free_header(&h[1]);
}

/* Worker ids: beta and gamma both fit (delta's second team column conflicts). */
static void test_two_fit(void **state)
{
    folder *f = *state;
    header h[2];
    make_header(&h[0], OV_DS_STAFF, "Worker ID,Team,Organisation,Start Date");
    make_header(&h[1], OV_DS_SESSIONS, "Worker ID,Date,Type,Status");
    ov_header hs[2] = {h[0].h, h[1].h};
    ov_header_fit fit = ov_profile_map_header(f->set.p[index_of(&f->set, "delta")], &hs[0], NULL);
    assert_true(fit.conflict);
    assert_int_equal(fit.nmissing, 0);
    int first, second;
    assert_int_equal(ov_profile_choose(&f->set, hs, 2, &first, &second), 2);
    assert_int_equal(first, index_of(&f->set, "beta"));
    assert_int_equal(second, index_of(&f->set, "gamma"));
    free_header(&h[0]);
    free_header(&h[1]);
}

/* Nothing fits: the closest profile is named with what it still misses. */
static void test_none_fits_closest_named(void **state)
{
    folder *f = *state;
    header h;
    make_header(&h, OV_DS_SESSIONS, "Assignment Number,Type,Status");
    int first, second;
    assert_int_equal(ov_profile_choose(&f->set, &h.h, 1, &first, &second), 0);
    assert_int_equal(first, -1);
    assert_int_equal(second, -1);
    ov_header_fit base = ov_profile_map_header(f->base, &h.h, NULL);
    assert_int_equal(base.nmissing, 2);
    /* alpha and beta both find staff_id and miss date: the first in name order */
    ov_header_fit fit;
    assert_int_equal(ov_profile_closest(&f->set, f->base, &h.h, &fit), index_of(&f->set, "alpha"));
    assert_int_equal(fit.nmissing, 1);
    assert_int_equal(fit.missing, 1u << OV_COL_SE_DATE);
    free_header(&h);

    /* a profile that finds no more than the default is not named */
    make_header(&h, OV_DS_SESSIONS, "Person,Type,Status");
    assert_int_equal(ov_profile_choose(&f->set, &h.h, 1, &first, &second), 0);
    assert_int_equal(ov_profile_closest(&f->set, f->base, &h.h, &fit), -1);
    free_header(&h);

    /* a profile that finds the fields through a conflict is not the closest */
    make_header(&h, OV_DS_STAFF, "Worker ID,Team,Organisation");
    assert_int_equal(ov_profile_closest(&f->set, f->base, &h.h, &fit), index_of(&f->set, "beta"));
    assert_int_equal(fit.missing, 1u << OV_COL_ST_START);
    free_header(&h);
}

/* Codes and headers match the same from a profile shared by many calls. */
static void test_matching_repeats(void **state)
{
    folder *f = *state;
    const ov_profile *alpha = f->set.p[index_of(&f->set, "alpha")];
    int fields[4];
    for (int i = 0; i < 100; i++) {
        assert_int_equal(
            ov_profile_match_header(alpha, OV_DS_SESSIONS, "supervision_date", 16, fields, 4), 1);
        assert_int_equal(fields[0], OV_COL_SE_DATE);
    }
    assert_int_equal(ov_profile_match_header(alpha, OV_DS_STAFF, "supervision_date", 16, fields, 4),
                     0);
    assert_int_equal(ov_profile_match_code(alpha, &ov_codes_session_status, "held", 4), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set_in_name_order),
        cmocka_unit_test(test_set_load_errors),
        cmocka_unit_test(test_map_header),
        cmocka_unit_test(test_exactly_one_fits),
        cmocka_unit_test(test_two_fit),
        cmocka_unit_test(test_none_fits_closest_named),
        cmocka_unit_test(test_matching_repeats),
        cmocka_unit_test(test_feedback_staff_id_is_forbidden),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
