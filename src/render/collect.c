/* collect.c — writes the collection workbook (supervision-return.xlsx) with
 * libxlsxwriter from the dataset schemas of ingest: the sheets agencies fill
 * in, in the order input.md lists the datasets, each with the schema's
 * canonical headers, so a filled-in workbook reads back with no rejection.
 * Sheet names, notes and validation lists are fixed strings here; the only
 * text from outside is the agency id, written into one cell. */
#define _GNU_SOURCE /* memfd_create */
#include "render/collect.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "core/files.h"
#include "core/mem.h"
#include "core/msg.h"
#include "ingest/model.h"
#include "ingest/schema.h"

/* The data sheets: the dataset and its sheet's name (matched like headers). */
static const struct {
    enum ov_dataset ds;
    const char *sheet;
    const char *what;
} sheets[] = {
    {OV_DS_STAFF, "Staff", "one row per member of staff who works with children (required)"},
    {OV_DS_SESSIONS, "Sessions", "one row per supervision session, held or cancelled (required)"},
    {OV_DS_ABSENCES, "Absences", "long absences that pause supervision"},
    {OV_DS_GROUP_SESSIONS, "Group sessions", "team group supervision sessions"},
    {OV_DS_CASES, "Cases", "one row per episode of a child's case (case-holding agencies)"},
    {OV_DS_CASE_OVERSIGHT, "Case oversight", "management oversight on a child's record"},
    {OV_DS_ASSESSMENTS, "Assessments", "single assessments (children's social care)"},
    {OV_DS_SUPERVISION_AUDITS, "Supervision audits", "quality audits of supervision records"},
    {OV_DS_FEEDBACK, "Feedback",
     "practitioners' answers to the supervision survey (anonymous: never who answered)"},
};

/* A note on a column: for a field of one dataset, or of any (ds < 0). */
static const struct {
    int ds;
    const char *field;
    const char *note;
} notes[] = {
    {OV_DS_STAFF, "staff_id",
     "Required. The person's id in your system (an employee or "
     "assignment number), never a name. Unique on this sheet."},
    {OV_DS_STAFF, "team",
     "Required. Team or service name, as the board knows it: it is "
     "printed in the report."},
    {OV_DS_STAFF, "role", "Job title (not printed)."},
    {OV_DS_STAFF, "schedule",
     "standard (monthly, the default), asye (newly qualified social "
     "worker) or student (weekly while on placement)."},
    {OV_DS_STAFF, "schedule_start",
     "Date the ASYE year or placement started; blank means "
     "start_date."},
    {OV_DS_STAFF, "supervisor_id", "The staff_id of the person's supervisor, as on this sheet."},
    {OV_DS_STAFF, "start_date", "Required. Start in this post or service (a date)."},
    {OV_DS_STAFF, "end_date", "Leaving date; blank while in post."},
    {OV_DS_STAFF, "frequent_contact",
     "Works directly with children or families? Y or N "
     "(blank means Y)."},
    {OV_DS_STAFF, "agreement_date", "When the current supervision agreement was signed."},
    {OV_DS_STAFF, "agreement_review_date", "When the supervision agreement was last reviewed."},
    {OV_DS_STAFF, "last_observation_date", "Last observation of practice."},
    {OV_DS_STAFF, "safeguarding_training_date", "Last safeguarding training."},
    {OV_DS_STAFF, "supervision_training_date", "Supervision skills training (supervisors)."},
    {OV_DS_SESSIONS, "staff_id",
     "Required. The person supervised: a staff_id of the Staff "
     "sheet."},
    {OV_DS_SESSIONS, "supervisor_id", "Who supervised: a staff_id of the Staff sheet."},
    {OV_DS_SESSIONS, "date",
     "Required. Date of the session (or the date it was due, if "
     "cancelled)."},
    {OV_DS_SESSIONS, "type", "Required. one_to_one, ad_hoc, group or peer."},
    {OV_DS_SESSIONS, "status", "Required. held or cancelled (a did-not-attend is cancelled)."},
    {OV_DS_SESSIONS, "duration_minutes", "Length in minutes: a whole number from 1 to 1440."},
    {OV_DS_SESSIONS, "notes_recorded_date",
     "When the record of the session was written up "
     "or authorised; not before the session."},
    {OV_DS_SESSIONS, "notes_shared",
     "Was the record shared with the person supervised? Y or "
     "N."},
    {OV_DS_SESSIONS, "functions",
     "Functions the session covered: management, development, "
     "support, mediation; several may be given, separated by ;"},
    {OV_DS_ABSENCES, "staff_id", "Required. A staff_id of the Staff sheet."},
    {OV_DS_ABSENCES, "start_date", "Required. First day of absence."},
    {OV_DS_ABSENCES, "end_date", "Required. Last day (expected return, if still absent)."},
    {OV_DS_ABSENCES, "reason", "Maternity leave, long-term sickness, ... (not printed)."},
    {OV_DS_GROUP_SESSIONS, "team", "Required. The team, exactly as on the Staff sheet."},
    {OV_DS_GROUP_SESSIONS, "date", "Required. Date of the group session."},
    {OV_DS_GROUP_SESSIONS, "facilitator_id", "Who ran it: a staff_id of the Staff sheet."},
    {OV_DS_GROUP_SESSIONS, "attendees", "How many attended: a whole number, 0 or more."},
    {OV_DS_CASES, "child_id", "Required. The child's system id, never a name."},
    {OV_DS_CASES, "category", "Required. The kind of episode (see the list)."},
    {OV_DS_CASES, "start_date", "Required. Start of the episode."},
    {OV_DS_CASES, "end_date", "End of the episode; blank while open."},
    {OV_DS_CASES, "case_holder", "The allocated worker: a staff_id of the Staff sheet."},
    {OV_DS_CASE_OVERSIGHT, "child_id", "Required. A child_id of the Cases sheet."},
    {OV_DS_CASE_OVERSIGHT, "date", "Required. Date of the management oversight."},
    {OV_DS_CASE_OVERSIGHT, "staff_id", "The manager who recorded it."},
    {OV_DS_ASSESSMENTS, "child_id", "Required. The child's system id."},
    {OV_DS_ASSESSMENTS, "start_date", "Required. Date the assessment started."},
    {OV_DS_ASSESSMENTS, "completed_date", "Date it was completed; not before start_date."},
    {OV_DS_ASSESSMENTS, "day8_review_date", "Date of the day 8 management review."},
    {OV_DS_ASSESSMENTS, "day20_review_date", "Date of the day 20 management review."},
    {OV_DS_SUPERVISION_AUDITS, "staff_id",
     "Required. Whose supervision record was audited: a staff_id of the Staff sheet."},
    {OV_DS_SUPERVISION_AUDITS, "audit_date", "Required. When the audit was done."},
    {OV_DS_SUPERVISION_AUDITS, "grade",
     "Required. The overall grade the audit gave the record: outstanding, good, "
     "requires_improvement or inadequate (or 1-4)."},
    {OV_DS_SUPERVISION_AUDITS, "session_date",
     "Date of the supervision session whose record was audited; not after audit_date."},
    {OV_DS_SUPERVISION_AUDITS, "auditor_id", "Who audited it: a staff_id of the Staff sheet."},
    {OV_DS_SUPERVISION_AUDITS, "wellbeing",
     "Y or N: wellbeing, workload and support were discussed. Blank: not assessed."},
    {OV_DS_SUPERVISION_AUDITS, "reflection",
     "Y or N: the record shows reflection and analysis, not only case updates. Blank: not "
     "assessed."},
    {OV_DS_SUPERVISION_AUDITS, "development",
     "Y or N: learning and development were discussed. Blank: not assessed."},
    {OV_DS_SUPERVISION_AUDITS, "child_focus",
     "Y or N: children's lived experience, risk and decisions for them. Blank: not assessed."},
    {OV_DS_SUPERVISION_AUDITS, "actions_reviewed",
     "Y or N: the actions of the previous session were reviewed. Blank: not assessed."},
    {OV_DS_SUPERVISION_AUDITS, "actions_smart",
     "Y or N: new actions have an owner and a timeframe. Blank: not assessed."},
    {OV_DS_FEEDBACK, "response_date", "Required. When the response was submitted."},
    {OV_DS_FEEDBACK, "team",
     "The respondent's team, exactly as on the Staff sheet; blank if the survey did not ask. "
     "Never who answered."},
    {OV_DS_FEEDBACK, "regular",
     "My supervision happens as planned and is rarely cancelled. 1 (strongly disagree) to 5 "
     "(strongly agree); blank: not answered."},
    {OV_DS_FEEDBACK, "reflective",
     "Supervision helps me reflect on and analyse my practice. 1 (strongly disagree) to 5 "
     "(strongly agree); blank: not answered."},
    {OV_DS_FEEDBACK, "effective",
     "Supervision helps me make better decisions for children. 1 (strongly disagree) to 5 "
     "(strongly agree); blank: not answered."},
    {OV_DS_FEEDBACK, "challenging",
     "I am constructively challenged in supervision. 1 (strongly disagree) to 5 (strongly "
     "agree); blank: not answered."},
    {OV_DS_FEEDBACK, "supportive",
     "I feel supported in supervision. 1 (strongly disagree) to 5 (strongly agree); blank: not "
     "answered."},
};

/* The lines of the Read me sheet (after the title and the agency line). */
static const char *const readme[] = {
    "This workbook is your agency's supervision return to the safeguarding partnership.",
    "Fill in one sheet per kind of record; leave a sheet empty (its header only) when you "
    "have nothing for it.",
    "Staff and Sessions are required; the others help the report say more.",
    "Keep the sheet names and the headers in row 1 as they are; the order of columns does not "
    "matter.",
    "Dates: type them as dates (31/01/2026); they must lie between 1990 and 2100.",
    "Codes and yes/no: choose from the drop-down list in the cell.",
    "Ids only: staff and children are identified by ids, never by names.",
    "Each column's header has a note that says what to put in it.",
    "Check the workbook yourself before sending it: oversight validate FOLDER --out check",
    "",
    "The sheets:",
};

/* The note for a field of ds. */
static const char *field_note(enum ov_dataset ds, const char *field)
{
    for (size_t i = 0; i < sizeof(notes) / sizeof(notes[0]); i++)
        if ((notes[i].ds < 0 || notes[i].ds == (int)ds) && strcmp(notes[i].field, field) == 0)
            return notes[i].note;
    return "See docs/input.md.";
}

/* Code lists for drop-downs, as NULL-terminated arrays of the canonical names. */
static char *yes_no[] = {"Y", "N", NULL};
static char *schedule_list[] = {"standard", "asye", "student", NULL};
static char *type_list[] = {"one_to_one", "ad_hoc", "group", "peer", NULL};
static char *status_list[] = {"held", "cancelled", NULL};
static char *function_list[] = {"management", "development", "support", "mediation", NULL};
static char *category_list[] = {
    "early_help", "cin",          "cp",          "care_proceedings", "cic",
    "cic_ltm",    "short_breaks", "care_leaver", "adoption_support", NULL};

static char *grade_list[] = {"outstanding", "good", "requires_improvement", "inadequate", NULL};
static char *agreement_list[] = {"strongly_disagree", "disagree", "neither", "agree",
                                 "strongly_agree",    NULL};

/* The drop-down list of a code field, or NULL. */
static char **code_list(const ov_field_def *f)
{
    if (f->type == OV_F_YESNO)
        return yes_no;
    if (f->type == OV_F_FUNCTIONS)
        return function_list;
    if (f->type != OV_F_CODE)
        return NULL;
    if (f->codes == &ov_codes_schedule)
        return schedule_list;
    if (f->codes == &ov_codes_session_type)
        return type_list;
    if (f->codes == &ov_codes_session_status)
        return status_list;
    if (f->codes == &ov_codes_category)
        return category_list;
    if (f->codes == &ov_codes_grade)
        return grade_list;
    if (f->codes == &ov_codes_agreement)
        return agreement_list;
    return NULL;
}

/* The workbook's formats. */
typedef struct {
    lxw_format *title, *bold, *head, *head_req, *date, *text, *wrap;
} formats;

/* Adds the validation of field f to column col (rows 2 to the last). */
static lxw_error validate_column(lxw_worksheet *ws, lxw_col_t col, const ov_field_def *f)
{
    lxw_data_validation dv;
    memset(&dv, 0, sizeof(dv));
    char **list = code_list(f);
    if (list) {
        dv.validate = LXW_VALIDATION_TYPE_LIST;
        dv.value_list = list;
        dv.input_title = "Choose from the list";
        if (f->type == OV_F_FUNCTIONS) {
            /* several functions may be given: the list helps, it does not bind */
            dv.error_type = LXW_VALIDATION_ERROR_TYPE_INFORMATION;
            dv.error_title = "Functions";
            dv.error_message = "Several functions may be given, separated by ; (for example: "
                               "management; support).";
        } else if (list == agreement_list) {
            /* survey tools export the scale as numbers: the list helps, it does not bind */
            dv.error_type = LXW_VALIDATION_ERROR_TYPE_INFORMATION;
            dv.error_title = "Agreement scale";
            dv.error_message = "Choose from the list, or type 1 (strongly disagree) to 5 "
                               "(strongly agree).";
        } else {
            dv.error_title = "Not on the list";
            dv.error_message = "Choose a value from the drop-down list.";
        }
    } else if (f->type == OV_F_DATE) {
        dv.validate = LXW_VALIDATION_TYPE_DATE;
        dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        dv.minimum_datetime = (lxw_datetime){1990, 1, 1, 0, 0, 0};
        dv.maximum_datetime = (lxw_datetime){2100, 12, 31, 0, 0, 0};
        dv.error_title = "Not a date";
        dv.error_message = "Type a date between 1990 and 2100, day first: 31/01/2026.";
    } else if (f->type == OV_F_INT) {
        dv.validate = LXW_VALIDATION_TYPE_INTEGER;
        int minutes = strcmp(f->name, "duration_minutes") == 0;
        if (minutes) {
            dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
            dv.minimum_number = 1;
            dv.maximum_number = 1440;
        } else {
            dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
            dv.value_number = 0;
        }
        dv.error_title = "Not a whole number";
        dv.error_message = minutes ? "Type a whole number of minutes from 1 to 1440."
                                   : "Type a whole number, 0 or more.";
    } else {
        return LXW_NO_ERROR;
    }
    return worksheet_data_validation_range(ws, 1, col, LXW_ROW_MAX - 1, col, &dv);
}

/* Writes one dataset's sheet. */
static lxw_error data_sheet(lxw_workbook *wb, const formats *fm, enum ov_dataset ds,
                            const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    if (!ws)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    size_t n;
    const ov_field_def *f = ov_schema_fields(ds, &n);
    lxw_error err = LXW_NO_ERROR;
    for (size_t i = 0; i < n && !err; i++) {
        lxw_col_t col = (lxw_col_t)i;
        lxw_format *colfmt = f[i].type == OV_F_DATE ? fm->date
                             : f[i].type == OV_F_ID ? fm->text
                                                    : NULL;
        double width = strlen(f[i].name) + 4.0;
        if (width < 14)
            width = 14;
        err = worksheet_set_column(ws, col, col, width, colfmt);
        if (!err)
            err = worksheet_write_string(ws, 0, col, f[i].name,
                                         f[i].required ? fm->head_req : fm->head);
        if (!err) {
            lxw_comment_options co;
            memset(&co, 0, sizeof(co));
            co.author = "oversight";
            co.width = 300;
            co.height = 90;
            err = worksheet_write_comment_opt(ws, 0, col, field_note(ds, f[i].name), &co);
        }
        if (!err)
            err = validate_column(ws, col, &f[i]);
    }
    worksheet_freeze_panes(ws, 1, 0);
    return err;
}

/* Writes the Read me sheet. */
static lxw_error readme_sheet(lxw_workbook *wb, const formats *fm, const char *agency_id)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Read me");
    if (!ws)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    lxw_error err = worksheet_set_column(ws, 0, 0, 22, NULL);
    if (!err)
        err = worksheet_set_column(ws, 1, 1, 100, fm->wrap);
    if (!err)
        err = worksheet_write_string(ws, 0, 0, "Supervision return", fm->title);
    if (!err)
        err = worksheet_write_string(ws, 2, 0, "Agency id", fm->bold);
    if (!err)
        err = worksheet_write_string(ws, 2, 1, agency_id ? agency_id : "", fm->text);
    if (!err && !agency_id)
        err = worksheet_write_comment(ws, 2, 1,
                                      "Type your agency id here, as the board office gave it "
                                      "(for example NCC).");
    lxw_row_t r = 4;
    for (size_t i = 0; i < sizeof(readme) / sizeof(readme[0]) && !err; i++, r++)
        err = worksheet_write_string(ws, r, 1, readme[i], NULL);
    for (size_t i = 0; i < sizeof(sheets) / sizeof(sheets[0]) && !err; i++, r++) {
        err = worksheet_write_string(ws, r, 0, sheets[i].sheet, fm->bold);
        if (!err)
            err = worksheet_write_string(ws, r, 1, sheets[i].what, NULL);
    }
    return err;
}

/* A private file libxlsxwriter writes the workbook to by name: memory behind
 * /proc/self/fd/N, or else an exclusive temporary file in dir. Returns its
 * descriptor (path set, owned), or -1. */
static int scratch_open(const char *dir, char **path, char tmpname[32])
{
    tmpname[0] = '\0';
    int fd = memfd_create("oversight-collect", MFD_CLOEXEC);
    if (fd >= 0) {
        char p[64];
        snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
        if (access(p, W_OK) == 0) {
            *path = ov_xstrdup(p);
            return fd;
        }
        close(fd);
    }
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0)
        return -1;
    fd = ov_tmp_create(dirfd, tmpname);
    int err = errno;
    close(dirfd);
    if (fd < 0) {
        tmpname[0] = '\0';
        errno = err;
        return -1;
    }
    *path = ov_path_join(dir, tmpname);
    return fd;
}

/* Reads the whole of the file fd (from its start) into a malloc'd buffer. */
static char *slurp(int fd, size_t *len)
{
    ov_buf b = {0};
    if (lseek(fd, 0, SEEK_SET) != 0)
        return NULL;
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            ov_buf_free(&b);
            return NULL;
        }
        if (n == 0)
            break;
        ov_buf_add(&b, chunk, (size_t)n);
    }
    *len = b.len;
    return b.s ? ov_buf_detach(&b) : ov_xstrdup("");
}

/* Writes the collection workbook; see collect.h. */
enum ov_collect_result ov_collect_write(const char *dir, const char *agency_id, time_t created,
                                        int force)
{
    char wbuf[128];
    struct stat st;
    char *shown = ov_path_join(dir, OV_COLLECT_FILE);
    if (!force && lstat(shown, &st) == 0) {
        ov_err("%s already exists; nothing was written (template never overwrites a file: move "
               "it away, or use --force to replace it)",
               shown);
        free(shown);
        return OV_COLLECT_EXISTS;
    }
    enum ov_collect_result rc = OV_COLLECT_FAILED;
    char *tmp = NULL, tmpname[32];
    char *data = NULL;
    size_t len = 0;
    int sfd = scratch_open(dir, &tmp, tmpname);
    if (sfd < 0) {
        ov_err("%s while creating a temporary file in %s; nothing was written",
               ov_errno_words(errno, wbuf, sizeof wbuf), dir);
        goto done;
    }
    lxw_workbook_options wo = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(tmp, &wo);
    if (!wb) {
        ov_err("cannot write %s (check that the folder exists and is writable)", shown);
        goto done;
    }
    formats fm;
    fm.title = workbook_add_format(wb);
    format_set_bold(fm.title);
    format_set_font_size(fm.title, 16);
    fm.bold = workbook_add_format(wb);
    format_set_bold(fm.bold);
    fm.head = workbook_add_format(wb);
    format_set_bg_color(fm.head, 0xD9E1F2);
    format_set_border(fm.head, LXW_BORDER_THIN);
    fm.head_req = workbook_add_format(wb);
    format_set_bold(fm.head_req);
    format_set_bg_color(fm.head_req, 0xD9E1F2);
    format_set_border(fm.head_req, LXW_BORDER_THIN);
    fm.date = workbook_add_format(wb);
    format_set_num_format(fm.date, "dd/mm/yyyy");
    fm.text = workbook_add_format(wb);
    format_set_num_format(fm.text, "@");
    fm.wrap = workbook_add_format(wb);
    format_set_text_wrap(fm.wrap);
    lxw_doc_properties p;
    memset(&p, 0, sizeof(p));
    p.title = "Supervision return";
    p.author = "oversight";
    p.created = created > 0 ? created : (time_t)86400;
    lxw_error err = workbook_set_properties(wb, &p);
    if (!err)
        err = readme_sheet(wb, &fm, agency_id);
    for (size_t i = 0; i < sizeof(sheets) / sizeof(sheets[0]) && !err; i++)
        err = data_sheet(wb, &fm, sheets[i].ds, sheets[i].sheet);
    lxw_error cerr = workbook_close(wb);
    if (err || cerr || !(data = slurp(sfd, &len))) {
        ov_err("cannot write %s (check that the folder exists, is writable and has space)", shown);
        goto done;
    }
    /* through an exclusive temporary file linked into place: never over an
     * existing file unless force, never through a symlink or folder */
    if (ov_file_put(dir, OV_COLLECT_FILE, data, len, force) != 0) {
        int err2 = errno;
        if (err2 == EEXIST && !force) {
            ov_err("%s appeared while the workbook was written; it was left as it is (--force "
                   "replaces it)",
                   shown);
            rc = OV_COLLECT_EXISTS;
        } else if (err2 == ELOOP || err2 == EISDIR || err2 == EEXIST) {
            ov_err("%s is %s: oversight never writes through it; remove or rename it", shown,
                   err2 == ELOOP    ? "a symbolic link"
                   : err2 == EISDIR ? "a folder"
                                    : "not a plain file");
        } else {
            ov_err("%s while writing %s", ov_errno_words(err2, wbuf, sizeof wbuf), shown);
        }
        goto done;
    }
    rc = OV_COLLECT_OK;
done:
    if (sfd >= 0)
        close(sfd);
    if (tmpname[0]) {
        int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dirfd >= 0) {
            unlinkat(dirfd, tmpname, 0);
            close(dirfd);
        }
    }
    free(data);
    free(tmp);
    free(shown);
    return rc;
}
