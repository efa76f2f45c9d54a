/* model.h — the typed in-memory tables that ingest fills and metrics and the
 * renderers read. Records are compact (ids interned, dates as day numbers) so
 * that ten million session rows fit comfortably in memory. */
#ifndef OV_INGEST_MODEL_H
#define OV_INGEST_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/strtab.h"

/* ---- datasets ---------------------------------------------------------- */

enum ov_dataset {
    OV_DS_AGENCIES,
    OV_DS_ACTIONS,
    OV_DS_COMMENTARY,
    OV_DS_SECTION11, /* Section 11 self-assessment scores (SPEC 8.2) */
    OV_DS_STAFF,
    OV_DS_SESSIONS,
    OV_DS_CASES,
    OV_DS_CASE_OVERSIGHT,
    OV_DS_ASSESSMENTS,
    OV_DS_GROUP_SESSIONS,
    OV_DS_ABSENCES,
    OV_DS_SUPERVISION_AUDITS, /* quality audits of supervision records (SPEC 7.1) */
    OV_DS_FEEDBACK,           /* practitioners' anonymous survey answers (SPEC 7.1) */
    OV_DS_COUNT
};
#define OV_DS_FIRST_AGENCY OV_DS_STAFF

/* "staff", "sessions", ... (the dataset column of data_quality.csv). */
const char *ov_dataset_name(enum ov_dataset ds);
/* "staff.csv", ... */
const char *ov_dataset_file(enum ov_dataset ds);

enum ov_file_status { OV_FILE_MISSING, OV_FILE_RECEIVED, OV_FILE_UNUSABLE };
const char *ov_file_status_name(enum ov_file_status st);

/* What was read from one input file (one row of data_quality.csv). */
typedef struct {
    enum ov_file_status status;
    char *relpath; /* path relative to the data folder, owned */
    uint64_t size;
    unsigned long rows_read, rows_accepted, rows_rejected, warnings;
    char sha256[65]; /* hex, "" when the file was not read */
    int transcoded;  /* enum ov_csv_transcoding: 0 as sent, else converted to UTF-8 */
    char delim;      /* detected delimiter */
    char **columns;  /* header as found (owned), for completeness/messages */
    size_t ncolumns;
    unsigned long *filled; /* per schema field: rows accepted with a value */
} ov_file_info;

/* ---- code values ------------------------------------------------------- */

enum ov_agency_type {
    OV_AT_LA_CSC,
    OV_AT_HEALTH,
    OV_AT_POLICE,
    OV_AT_EDUCATION,
    OV_AT_PROBATION,
    OV_AT_VOLUNTARY,
    OV_AT_OTHER,
    OV_AT_COUNT
};
enum ov_schedule { OV_SCHED_STANDARD, OV_SCHED_ASYE, OV_SCHED_STUDENT, OV_SCHED_COUNT };
enum ov_session_type { OV_ST_ONE_TO_ONE, OV_ST_AD_HOC, OV_ST_GROUP, OV_ST_PEER, OV_ST_COUNT };
enum ov_session_status { OV_SS_HELD, OV_SS_CANCELLED, OV_SS_COUNT };
enum ov_function {
    OV_FN_MANAGEMENT,
    OV_FN_DEVELOPMENT,
    OV_FN_SUPPORT,
    OV_FN_MEDIATION,
    OV_FN_COUNT
};
#define OV_FN_ALL 0x0f
enum ov_category {
    OV_CAT_EARLY_HELP,
    OV_CAT_CIN,
    OV_CAT_CP,
    OV_CAT_CARE_PROCEEDINGS,
    OV_CAT_CIC,
    OV_CAT_CIC_LTM,
    OV_CAT_SHORT_BREAKS,
    OV_CAT_CARE_LEAVER,
    OV_CAT_ADOPTION_SUPPORT,
    OV_CAT_COUNT
};
enum ov_action_status { OV_AS_OPEN, OV_AS_IN_PROGRESS, OV_AS_COMPLETE, OV_AS_COUNT };
/* The four Ofsted grades an audit gives a supervision record, best first. */
enum ov_audit_grade {
    OV_GRADE_OUTSTANDING,
    OV_GRADE_GOOD,
    OV_GRADE_REQUIRES_IMPROVEMENT,
    OV_GRADE_INADEQUATE,
    OV_GRADE_COUNT
};
/* The five-point agreement scale of the survey: the answer is the index + 1
 * (1 strongly disagree ... 5 strongly agree). */
enum ov_agreement {
    OV_AGREE_STRONGLY_DISAGREE,
    OV_AGREE_DISAGREE,
    OV_AGREE_NEITHER,
    OV_AGREE_AGREE,
    OV_AGREE_STRONGLY_AGREE,
    OV_AGREE_COUNT
};
enum ov_comment_section {
    OV_CS_SUMMARY,
    OV_CS_HOW_DOING,
    OV_CS_HOW_KNOW,
    OV_CS_IMPROVE,
    OV_CS_COUNT
};
/* The supervision standards of the Section 11 return (SPEC 8.2); the figures
 * that evidence each are the report model's (report/section11.c). */
enum ov_s11_standard {
    OV_S11_REACH,
    OV_S11_RECORDED,
    OV_S11_CASE_OVERSIGHT,
    OV_S11_REFLECTIVE,
    OV_S11_SUPERVISORS,
    OV_S11_QUALITY,
    OV_S11_COUNT
};
/* A Section 11 score: 0 not met, 1 partly met, 2 mostly met, 3 fully met. */
#define OV_S11_SCORES 4
/* The criteria a quality audit of a supervision record assesses, each answered
 * yes or no (or not assessed); the group ids of audit_criteria. */
enum ov_audit_criterion {
    OV_CRIT_WELLBEING,
    OV_CRIT_REFLECTION,
    OV_CRIT_DEVELOPMENT,
    OV_CRIT_CHILD_FOCUS,
    OV_CRIT_ACTIONS_REVIEWED,
    OV_CRIT_ACTIONS_SMART,
    OV_CRIT_COUNT
};
/* The statements of the practitioners' survey, each answered on the
 * five-point agreement scale; the group ids of feedback_positive. */
enum ov_feedback_item {
    OV_ITEM_REGULAR,
    OV_ITEM_REFLECTIVE,
    OV_ITEM_EFFECTIVE,
    OV_ITEM_CHALLENGING,
    OV_ITEM_SUPPORTIVE,
    OV_ITEM_COUNT
};
/* "wellbeing", "reflection", ... (index = enum ov_audit_criterion); static. */
extern const char *const ov_audit_criterion_names[OV_CRIT_COUNT];
/* "regular", "reflective", ... (index = enum ov_feedback_item); static. */
extern const char *const ov_feedback_item_names[OV_ITEM_COUNT];

/* A code vocabulary: canonical names and their built-in aliases. Matching is on
 * normalised text (case-insensitive, space, '_' and '-' alike). */
typedef struct {
    const char *kind;         /* "session type", ... for messages */
    const char *const *names; /* canonical code names, index = enum */
    size_t count;
    const char *const *aliases; /* pairs: alias, canonical name; NULL-terminated */
} ov_code_table;

extern const ov_code_table ov_codes_agency_type;
extern const ov_code_table ov_codes_schedule;
extern const ov_code_table ov_codes_session_type;
extern const ov_code_table ov_codes_session_status;
extern const ov_code_table ov_codes_function;
extern const ov_code_table ov_codes_category;
extern const ov_code_table ov_codes_action_status;
extern const ov_code_table ov_codes_comment_section;
extern const ov_code_table ov_codes_s11_standard; /* names: s11_reach, ... */
extern const ov_code_table ov_codes_s11_score;    /* names: "0" .. "3", aliases the words */
extern const ov_code_table ov_codes_grade;        /* 1-4, the words, RI */
extern const ov_code_table ov_codes_agreement;    /* 1-5, strongly disagree ... strongly agree */

/* ---- records ----------------------------------------------------------- */

#define OV_NONE (-1)

typedef struct {
    uint32_t id;            /* index in agency->staff_ids */
    uint32_t team;          /* index in agency->teams */
    int32_t supervisor;     /* staff row index, OV_NONE when blank/unknown */
    ov_date start, end;     /* end OV_DATE_NONE = still in post */
    ov_date schedule_start; /* defaults to start */
    ov_date agreement, agreement_review, observation;
    ov_date safeguarding_training, supervision_training;
    uint8_t schedule; /* enum ov_schedule */
    uint8_t frequent_contact;
    uint32_t line;
} ov_staff;

typedef struct {
    int32_t staff;      /* staff row index */
    int32_t supervisor; /* staff row index or OV_NONE */
    ov_date date;
    ov_date notes_date;  /* OV_DATE_NONE when blank */
    int16_t duration;    /* minutes, -1 when blank */
    uint8_t type;        /* enum ov_session_type */
    uint8_t status;      /* enum ov_session_status */
    uint8_t functions;   /* bit (1 << enum ov_function) */
    int8_t notes_shared; /* 1 yes, 0 no, -1 blank */
} ov_session;

typedef struct {
    uint32_t child;   /* index in agency->child_ids */
    uint8_t category; /* enum ov_category */
    ov_date start, end;
    int32_t case_holder; /* staff row index or OV_NONE */
} ov_case;

typedef struct {
    uint32_t child;
    ov_date date;
    int32_t staff; /* OV_NONE when blank/unknown */
} ov_oversight;

typedef struct {
    uint32_t child;
    ov_date start, completed, day8, day20;
} ov_assessment;

typedef struct {
    uint32_t team; /* index in agency->teams (interned even if no staff has it) */
    ov_date date;
    int32_t facilitator; /* staff row index or OV_NONE */
    int32_t attendees;   /* -1 when blank */
} ov_group_session;

typedef struct {
    int32_t staff;
    ov_date start, end;
} ov_absence;

/* One quality audit of a supervision record (supervision_audits.csv). */
typedef struct {
    int32_t staff;    /* the person whose record was audited: staff row index */
    int32_t auditor;  /* staff row index, OV_NONE when blank or naming nobody */
    ov_date date;     /* audit_date */
    ov_date session;  /* session_date; OV_DATE_NONE when blank, unreadable or after date */
    uint8_t grade;    /* enum ov_audit_grade */
    uint8_t assessed; /* bit (1 << enum ov_audit_criterion): answered yes or no */
    uint8_t met;      /* bit (1 << enum ov_audit_criterion): answered yes */
} ov_audit;

/* One anonymous survey response (feedback.csv): no staff id, ever. */
typedef struct {
    ov_date date; /* response_date */
    int32_t team; /* index in agency->teams of a team of the agency's staff, or OV_NONE
                     (blank, or naming no team of its staff) */
    uint8_t answer[OV_ITEM_COUNT]; /* 1-5 per enum ov_feedback_item, 0 = not answered */
} ov_feedback;

typedef struct {
    char *id;          /* action_id, owned */
    int32_t agency;    /* agency index, OV_NONE = partnership */
    int32_t metric;    /* enum ov_metric_id or OV_NONE */
    char *description; /* owned; partnership-authored text */
    char *owner;       /* owned, may be NULL */
    ov_date due, completed;
    uint8_t status; /* enum ov_action_status */
    uint32_t line;
} ov_action;

typedef struct {
    int32_t agency;  /* OV_NONE = partnership */
    uint8_t section; /* enum ov_comment_section */
    char *text;      /* owned */
    /* The pack the comment is for (its period column, first and last day), or
     * OV_DATE_NONE for both when blank or unreadable: every pack. */
    ov_date period_start, period_end;
} ov_comment;

/* One row of section11.csv: an agency's self-assessed score against a
 * standard, and the board's moderation of it. */
typedef struct {
    int32_t agency;    /* agency index */
    uint8_t standard;  /* enum ov_s11_standard */
    int8_t self_score; /* 0..3 */
    int8_t moderated;  /* 0..3, or -1 when blank */
    char *evidence;    /* owned, may be NULL: the agency's own text */
    char *note;        /* owned, may be NULL: the moderation note */
    uint32_t line;
} ov_s11_score;

typedef struct {
    char *id;      /* agency_id, owned; safe as a folder name */
    char *name;    /* owned */
    uint8_t type;  /* enum ov_agency_type */
    char *profile; /* mapping profile name, owned, may be NULL */
    ov_date extract_date;
    ov_date covers_from; /* first day of complete records (agencies.csv); OV_DATE_NONE when
                            blank, unreadable or after extract_date */
    /* The window the extract covers (SPEC 9.1), set by ov_agency_set_window
     * (ingest calls it for every agency once its files are read):
     * window_from = covers_from, else the first day of the month of the
     * earliest accepted session; window_to = extract_date, else the last day
     * of the month of the latest accepted session. OV_DATE_NONE = open end. */
    ov_date window_from, window_to;
    int incomplete;                  /* a required file was missing or unusable */
    ov_file_info files[OV_DS_COUNT]; /* only the agency datasets are used */

    ov_strtab staff_ids; /* value = staff row index */
    ov_strtab teams;
    ov_strtab child_ids;
    ov_staff *staff;
    size_t nstaff, cap_staff;
    ov_session *sessions;
    size_t nsessions, cap_sessions;
    ov_case *cases;
    size_t ncases, cap_cases;
    ov_oversight *oversight;
    size_t noversight, cap_oversight;
    ov_assessment *assessments;
    size_t nassessments, cap_assessments;
    ov_group_session *groups;
    size_t ngroups, cap_groups;
    ov_absence *absences;
    size_t nabsences, cap_absences;
    ov_audit *audits;
    size_t naudits, cap_audits;
    ov_feedback *feedback;
    size_t nfeedback, cap_feedback;
    /* The record tables above (staff and the staff and child ids among them)
     * were dropped once the agency was measured (ov_agency_drop_records): its
     * files' counts, teams and window stay, and the ids as hashes. */
    int dropped;
    uint64_t *id_hashes; /* once dropped: its staff and child ids' hashes, sorted */
    size_t nid_hashes;
} ov_agency;

/* ---- issues (rejections.csv) -------------------------------------------- */

enum ov_severity { OV_SEV_REJECTED, OV_SEV_WARNING, OV_SEV_INFO };
const char *ov_severity_name(enum ov_severity s);

typedef struct {
    int32_t agency;   /* OV_NONE = partnership file */
    uint8_t dataset;  /* enum ov_dataset */
    uint8_t severity; /* enum ov_severity */
    uint32_t line;    /* physical line where the record starts; 0 = whole file */
    const char *code; /* static rule code, e.g. "E-DATE" */
    char *field;      /* owned; canonical field name (or header text) */
    char *reason;     /* owned; never quotes free text from the extract */
} ov_issue;

/* ---- the whole data folder --------------------------------------------- */

typedef struct {
    char *root;                      /* data folder as given, owned */
    int self_audit;                  /* a single agency folder without agencies.csv */
    char *partnership_name;          /* owned; from --title or derived */
    ov_file_info files[OV_DS_COUNT]; /* only the partnership datasets are used */
    ov_agency *agencies;
    size_t nagencies, cap_agencies;
    ov_action *actions;
    size_t nactions, cap_actions;
    ov_comment *comments;
    size_t ncomments, cap_comments;
    ov_s11_score *s11; /* section11.csv, in file order */
    size_t ns11, cap_s11;
    ov_issue *issues;
    size_t nissues, cap_issues;
} ov_data;

/* An improvement action is overdue when it is not complete and its due date is
 * before the run date (an action due on the run date is not yet overdue). */
int ov_action_overdue(const ov_action *a, ov_date run_date);
/* An action covers metric m for an agency index (or -1 for the partnership row)
 * when its metric matches and its agency is that agency or blank: a
 * partnership action covers every agency and the partnership. */
int ov_action_covers(const ov_action *a, int m, int32_t agency);

/* Whether a comment is printed in the pack for [ps, pe]: a comment without a
 * period is printed in every pack; one with a period only in the pack whose
 * period is exactly its own (same first and same last day, whatever form each
 * was written in: 2025-26-Q3 and 2025-10-01:2025-12-31 are the same period).
 * A period that only overlaps the pack's (a quarter of the year, the year of
 * a quarter) is not that pack's. Returns 1 to print, 0 to leave out. */
int ov_comment_in_period(const ov_comment *c, ov_date ps, ov_date pe);

/* Frees the agency's record tables, its staff and its staff and child id
 * tables (keeping the ids' hashes for ov_agency_has_id; the team table, the
 * file counts and the window stay) and marks it dropped: what a report keeps
 * of an agency once its figures are worked out. */
void ov_agency_drop_records(ov_agency *a);
/* 1 when s[0..len) is one of the agency's staff or child ids. Once the
 * agency is dropped the answer comes from the ids' hashes, so that, rarely,
 * another word may also give 1: fit for hiding ids, not for finding them. */
int ov_agency_has_id(const ov_agency *a, const char *s, size_t len);

/* Sets a->window_from and a->window_to from covers_from and extract_date,
 * else from the dates of the agency's accepted sessions (any type or status);
 * an end with neither stays open (OV_DATE_NONE). */
void ov_agency_set_window(ov_agency *a);
/* 1 when the agency's window covers the period [ps, pe]: window_from <= ps
 * and pe <= window_to, an open end covering any day on its side. */
int ov_agency_covers(const ov_agency *a, ov_date ps, ov_date pe);

/* Records an issue; field and reason are copied. Returns the new issue. */
ov_issue *ov_data_issue(ov_data *d, int32_t agency, enum ov_dataset ds, uint32_t line,
                        enum ov_severity sev, const char *code, const char *field,
                        const char *reason);
/* Frees everything the data folder owns; accepts NULL. */
void ov_data_free(ov_data *d);
/* Adds an empty agency (id copied) and returns it. */
ov_agency *ov_data_add_agency(ov_data *d, const char *id);
/* Index of agency id or OV_NONE. */
int32_t ov_data_find_agency(const ov_data *d, const char *id);
/* Frees an ov_file_info's owned members. */
void ov_file_info_free(ov_file_info *f);

#endif
