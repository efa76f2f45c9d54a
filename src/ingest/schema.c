/* schema.c — the schema of every dataset: its fields in column order, which
 * are required, their types and code tables, and the columns a file must
 * never carry. Ingest reads files by it, mapping profiles name its fields,
 * and the outputs list completeness by it. */
#include "ingest/schema.h"

#include <string.h>

#define F(name, req, type)                                                                         \
    {                                                                                              \
        name, req, type, NULL                                                                      \
    }
#define C(name, req, table)                                                                        \
    {                                                                                              \
        name, req, OV_F_CODE, &table                                                               \
    }

static const ov_field_def agencies_schema[OV_COL_AG_COUNT] = {
    [OV_COL_AG_ID] = F("agency_id", 1, OV_F_ID),
    [OV_COL_AG_NAME] = F("name", 1, OV_F_LABEL),
    [OV_COL_AG_TYPE] = C("type", 0, ov_codes_agency_type),
    [OV_COL_AG_PROFILE] = F("profile", 0, OV_F_ID),
    [OV_COL_AG_EXTRACT] = F("extract_date", 0, OV_F_DATE),
    [OV_COL_AG_COVERS_FROM] = F("covers_from", 0, OV_F_DATE),
};

static const ov_field_def actions_schema[OV_COL_AC_COUNT] = {
    [OV_COL_AC_ID] = F("action_id", 1, OV_F_ID),
    [OV_COL_AC_AGENCY] = F("agency_id", 0, OV_F_ID),
    [OV_COL_AC_METRIC] = F("metric_id", 0, OV_F_ID),
    [OV_COL_AC_DESC] = F("description", 1, OV_F_TEXT),
    [OV_COL_AC_OWNER] = F("owner", 0, OV_F_TEXT),
    [OV_COL_AC_DUE] = F("due_date", 1, OV_F_DATE),
    [OV_COL_AC_STATUS] = C("status", 1, ov_codes_action_status),
    [OV_COL_AC_COMPLETED] = F("completed_date", 0, OV_F_DATE),
};

static const ov_field_def commentary_schema[OV_COL_CM_COUNT] = {
    [OV_COL_CM_AGENCY] = F("agency_id", 0, OV_F_ID),
    [OV_COL_CM_SECTION] = C("section", 1, ov_codes_comment_section),
    [OV_COL_CM_TEXT] = F("text", 1, OV_F_TEXT),
    [OV_COL_CM_PERIOD] = F("period", 0, OV_F_PERIOD),
};

static const ov_field_def staff_schema[OV_COL_ST_COUNT] = {
    [OV_COL_ST_ID] = F("staff_id", 1, OV_F_ID),
    [OV_COL_ST_TEAM] = F("team", 1, OV_F_LABEL),
    [OV_COL_ST_ROLE] = F("role", 0, OV_F_TEXT),
    [OV_COL_ST_SCHEDULE] = C("schedule", 0, ov_codes_schedule),
    [OV_COL_ST_SCHED_START] = F("schedule_start", 0, OV_F_DATE),
    [OV_COL_ST_SUPERVISOR] = F("supervisor_id", 0, OV_F_ID),
    [OV_COL_ST_START] = F("start_date", 1, OV_F_DATE),
    [OV_COL_ST_END] = F("end_date", 0, OV_F_DATE),
    [OV_COL_ST_FREQUENT] = F("frequent_contact", 0, OV_F_YESNO),
    [OV_COL_ST_AGREEMENT] = F("agreement_date", 0, OV_F_DATE),
    [OV_COL_ST_AGREEMENT_REVIEW] = F("agreement_review_date", 0, OV_F_DATE),
    [OV_COL_ST_OBSERVATION] = F("last_observation_date", 0, OV_F_DATE),
    [OV_COL_ST_SG_TRAINING] = F("safeguarding_training_date", 0, OV_F_DATE),
    [OV_COL_ST_SUP_TRAINING] = F("supervision_training_date", 0, OV_F_DATE),
};

static const ov_field_def sessions_schema[OV_COL_SE_COUNT] = {
    [OV_COL_SE_STAFF] = F("staff_id", 1, OV_F_ID),
    [OV_COL_SE_SUPERVISOR] = F("supervisor_id", 0, OV_F_ID),
    [OV_COL_SE_DATE] = F("date", 1, OV_F_DATE),
    [OV_COL_SE_TYPE] = C("type", 1, ov_codes_session_type),
    [OV_COL_SE_STATUS] = C("status", 1, ov_codes_session_status),
    [OV_COL_SE_DURATION] = F("duration_minutes", 0, OV_F_INT),
    [OV_COL_SE_NOTES] = F("notes_recorded_date", 0, OV_F_DATE),
    [OV_COL_SE_SHARED] = F("notes_shared", 0, OV_F_YESNO),
    [OV_COL_SE_FUNCTIONS] = F("functions", 0, OV_F_FUNCTIONS),
};

static const ov_field_def cases_schema[OV_COL_CA_COUNT] = {
    [OV_COL_CA_CHILD] = F("child_id", 1, OV_F_ID),
    [OV_COL_CA_CATEGORY] = C("category", 1, ov_codes_category),
    [OV_COL_CA_START] = F("start_date", 1, OV_F_DATE),
    [OV_COL_CA_END] = F("end_date", 0, OV_F_DATE),
    [OV_COL_CA_HOLDER] = F("case_holder", 0, OV_F_ID),
};

static const ov_field_def oversight_schema[OV_COL_OS_COUNT] = {
    [OV_COL_OS_CHILD] = F("child_id", 1, OV_F_ID),
    [OV_COL_OS_DATE] = F("date", 1, OV_F_DATE),
    [OV_COL_OS_STAFF] = F("staff_id", 0, OV_F_ID),
};

static const ov_field_def assessments_schema[OV_COL_AS_COUNT] = {
    [OV_COL_AS_CHILD] = F("child_id", 1, OV_F_ID),
    [OV_COL_AS_START] = F("start_date", 1, OV_F_DATE),
    [OV_COL_AS_COMPLETED] = F("completed_date", 0, OV_F_DATE),
    [OV_COL_AS_DAY8] = F("day8_review_date", 0, OV_F_DATE),
    [OV_COL_AS_DAY20] = F("day20_review_date", 0, OV_F_DATE),
};

static const ov_field_def groups_schema[OV_COL_GS_COUNT] = {
    [OV_COL_GS_TEAM] = F("team", 1, OV_F_LABEL),
    [OV_COL_GS_DATE] = F("date", 1, OV_F_DATE),
    [OV_COL_GS_FACILITATOR] = F("facilitator_id", 0, OV_F_ID),
    [OV_COL_GS_ATTENDEES] = F("attendees", 0, OV_F_INT),
};

static const ov_field_def absences_schema[OV_COL_AB_COUNT] = {
    [OV_COL_AB_STAFF] = F("staff_id", 1, OV_F_ID),
    [OV_COL_AB_START] = F("start_date", 1, OV_F_DATE),
    [OV_COL_AB_END] = F("end_date", 1, OV_F_DATE),
    [OV_COL_AB_REASON] = F("reason", 0, OV_F_TEXT),
};

static const ov_field_def audits_schema[OV_COL_AU_COUNT] = {
    [OV_COL_AU_STAFF] = F("staff_id", 1, OV_F_ID),
    [OV_COL_AU_DATE] = F("audit_date", 1, OV_F_DATE),
    [OV_COL_AU_GRADE] = C("grade", 1, ov_codes_grade),
    [OV_COL_AU_SESSION] = F("session_date", 0, OV_F_DATE),
    [OV_COL_AU_AUDITOR] = F("auditor_id", 0, OV_F_ID),
    [OV_COL_AU_CRITERIA + OV_CRIT_WELLBEING] = F("wellbeing", 0, OV_F_YESNO),
    [OV_COL_AU_CRITERIA + OV_CRIT_REFLECTION] = F("reflection", 0, OV_F_YESNO),
    [OV_COL_AU_CRITERIA + OV_CRIT_DEVELOPMENT] = F("development", 0, OV_F_YESNO),
    [OV_COL_AU_CRITERIA + OV_CRIT_CHILD_FOCUS] = F("child_focus", 0, OV_F_YESNO),
    [OV_COL_AU_CRITERIA + OV_CRIT_ACTIONS_REVIEWED] = F("actions_reviewed", 0, OV_F_YESNO),
    [OV_COL_AU_CRITERIA + OV_CRIT_ACTIONS_SMART] = F("actions_smart", 0, OV_F_YESNO),
};

/* The survey is anonymous: a staff_id column is known only to be refused. */
static const ov_field_def feedback_schema[OV_COL_FB_COUNT] = {
    [OV_COL_FB_DATE] = F("response_date", 1, OV_F_DATE),
    [OV_COL_FB_TEAM] = F("team", 0, OV_F_LABEL),
    [OV_COL_FB_ITEMS + OV_ITEM_REGULAR] = C("regular", 0, ov_codes_agreement),
    [OV_COL_FB_ITEMS + OV_ITEM_REFLECTIVE] = C("reflective", 0, ov_codes_agreement),
    [OV_COL_FB_ITEMS + OV_ITEM_EFFECTIVE] = C("effective", 0, ov_codes_agreement),
    [OV_COL_FB_ITEMS + OV_ITEM_CHALLENGING] = C("challenging", 0, ov_codes_agreement),
    [OV_COL_FB_ITEMS + OV_ITEM_SUPPORTIVE] = C("supportive", 0, ov_codes_agreement),
    [OV_COL_FB_STAFF] = F("staff_id", 0, OV_F_FORBIDDEN),
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
    const ov_field_def *f;
    size_t n;
} schemas[OV_DS_COUNT] = {
    {agencies_schema, N(agencies_schema)},     {actions_schema, N(actions_schema)},
    {commentary_schema, N(commentary_schema)}, {staff_schema, N(staff_schema)},
    {sessions_schema, N(sessions_schema)},     {cases_schema, N(cases_schema)},
    {oversight_schema, N(oversight_schema)},   {assessments_schema, N(assessments_schema)},
    {groups_schema, N(groups_schema)},         {absences_schema, N(absences_schema)},
    {audits_schema, N(audits_schema)},         {feedback_schema, N(feedback_schema)},
};

/* Every column of a dataset, the forbidden ones last. */
const ov_field_def *ov_schema_columns(enum ov_dataset ds, size_t *n)
{
    if (ds >= OV_DS_COUNT) {
        *n = 0;
        return NULL;
    }
    *n = schemas[ds].n;
    return schemas[ds].f;
}

/* The fields a file may carry: the columns before the forbidden ones. */
const ov_field_def *ov_schema_fields(enum ov_dataset ds, size_t *n)
{
    const ov_field_def *f = ov_schema_columns(ds, n);
    while (*n > 0 && f[*n - 1].type == OV_F_FORBIDDEN)
        (*n)--;
    return f;
}

/* Index of a canonical field name among ds's columns, or -1. */
int ov_schema_field_index(enum ov_dataset ds, const char *name)
{
    size_t n;
    const ov_field_def *f = ov_schema_columns(ds, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(f[i].name, name) == 0)
            return (int)i;
    return -1;
}
