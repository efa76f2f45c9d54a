/* schema.h — the fields of every dataset (agencies, actions, commentary and
 * the per-agency files): canonical names, required or not, type and code
 * table, and the column index of each field in its schema (the enums, in
 * column order). The tables are static; nothing here allocates. */
#ifndef OV_INGEST_SCHEMA_H
#define OV_INGEST_SCHEMA_H

#include <stddef.h>

#include "ingest/model.h"

enum ov_field_type {
    OV_F_ID,    /* an identifier (trimmed, case-sensitive) */
    OV_F_LABEL, /* a name shown in reports (team, agency name) */
    OV_F_TEXT,  /* free text: read, never copied into reports */
    OV_F_DATE,
    OV_F_YESNO,
    OV_F_CODE,      /* one value of a code table */
    OV_F_FUNCTIONS, /* a list of supervision functions */
    OV_F_INT,
    OV_F_PERIOD,   /* a reporting period in any form --period takes */
    OV_F_FORBIDDEN /* a column the file must never carry (feedback.csv's staff_id): a
                      header that matches it makes the file unusable */
};

/* One field of a dataset's schema. */
typedef struct {
    const char *name; /* canonical name, e.g. "notes_recorded_date" */
    int required;
    enum ov_field_type type;
    const ov_code_table *codes; /* for OV_F_CODE */
} ov_field_def;

/* Column indexes of each dataset's schema. */
enum {
    OV_COL_AG_ID,
    OV_COL_AG_NAME,
    OV_COL_AG_TYPE,
    OV_COL_AG_PROFILE,
    OV_COL_AG_EXTRACT,
    OV_COL_AG_COVERS_FROM,
    OV_COL_AG_COUNT
};
enum {
    OV_COL_AC_ID,
    OV_COL_AC_AGENCY,
    OV_COL_AC_METRIC,
    OV_COL_AC_DESC,
    OV_COL_AC_OWNER,
    OV_COL_AC_DUE,
    OV_COL_AC_STATUS,
    OV_COL_AC_COMPLETED,
    OV_COL_AC_COUNT
};
enum { OV_COL_CM_AGENCY, OV_COL_CM_SECTION, OV_COL_CM_TEXT, OV_COL_CM_PERIOD, OV_COL_CM_COUNT };
enum {
    OV_COL_ST_ID,
    OV_COL_ST_TEAM,
    OV_COL_ST_ROLE,
    OV_COL_ST_SCHEDULE,
    OV_COL_ST_SCHED_START,
    OV_COL_ST_SUPERVISOR,
    OV_COL_ST_START,
    OV_COL_ST_END,
    OV_COL_ST_FREQUENT,
    OV_COL_ST_AGREEMENT,
    OV_COL_ST_AGREEMENT_REVIEW,
    OV_COL_ST_OBSERVATION,
    OV_COL_ST_SG_TRAINING,
    OV_COL_ST_SUP_TRAINING,
    OV_COL_ST_COUNT
};
enum {
    OV_COL_SE_STAFF,
    OV_COL_SE_SUPERVISOR,
    OV_COL_SE_DATE,
    OV_COL_SE_TYPE,
    OV_COL_SE_STATUS,
    OV_COL_SE_DURATION,
    OV_COL_SE_NOTES,
    OV_COL_SE_SHARED,
    OV_COL_SE_FUNCTIONS,
    OV_COL_SE_COUNT
};
enum {
    OV_COL_CA_CHILD,
    OV_COL_CA_CATEGORY,
    OV_COL_CA_START,
    OV_COL_CA_END,
    OV_COL_CA_HOLDER,
    OV_COL_CA_COUNT
};
enum { OV_COL_OS_CHILD, OV_COL_OS_DATE, OV_COL_OS_STAFF, OV_COL_OS_COUNT };
enum {
    OV_COL_AS_CHILD,
    OV_COL_AS_START,
    OV_COL_AS_COMPLETED,
    OV_COL_AS_DAY8,
    OV_COL_AS_DAY20,
    OV_COL_AS_COUNT
};
enum {
    OV_COL_GS_TEAM,
    OV_COL_GS_DATE,
    OV_COL_GS_FACILITATOR,
    OV_COL_GS_ATTENDEES,
    OV_COL_GS_COUNT
};
enum { OV_COL_AB_STAFF, OV_COL_AB_START, OV_COL_AB_END, OV_COL_AB_REASON, OV_COL_AB_COUNT };
/* supervision_audits.csv: the six criteria follow in enum ov_audit_criterion
 * order (OV_COL_AU_CRITERIA + criterion). */
enum {
    OV_COL_AU_STAFF,
    OV_COL_AU_DATE,
    OV_COL_AU_GRADE,
    OV_COL_AU_SESSION,
    OV_COL_AU_AUDITOR,
    OV_COL_AU_CRITERIA,
    OV_COL_AU_COUNT = OV_COL_AU_CRITERIA + OV_CRIT_COUNT
};
/* feedback.csv: the five statements in enum ov_feedback_item order
 * (OV_COL_FB_ITEMS + item), then the forbidden staff_id. */
enum {
    OV_COL_FB_DATE,
    OV_COL_FB_TEAM,
    OV_COL_FB_ITEMS,
    OV_COL_FB_STAFF = OV_COL_FB_ITEMS + OV_ITEM_COUNT,
    OV_COL_FB_COUNT
};

/* The fields a file of the dataset may carry, in column-index order (static
 * storage); *n receives their count. Templates and completeness list these. */
const ov_field_def *ov_schema_fields(enum ov_dataset ds, size_t *n);
/* Every field header matching knows for the dataset: the fields of
 * ov_schema_fields, then the ones the file must never carry (type
 * OV_F_FORBIDDEN), so that indexes agree; *n receives the count. */
const ov_field_def *ov_schema_columns(enum ov_dataset ds, size_t *n);
/* Index of a canonical field name among ds's columns (ov_schema_columns), or -1. */
int ov_schema_field_index(enum ov_dataset ds, const char *name);

#endif
