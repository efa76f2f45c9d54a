/* ingest.h — loads a data folder (or a single agency folder) into typed
 * tables, applying the spec's acceptance rules: every row is accepted, or
 * rejected or warned about with file, line, field and a rule code. */
#ifndef OV_INGEST_H
#define OV_INGEST_H

#include <stddef.h>

#include "model.h"

enum ov_field_type {
    OV_F_ID,    /* an identifier (trimmed, case-sensitive) */
    OV_F_LABEL, /* a name shown in reports (team, agency name) */
    OV_F_TEXT,  /* free text: read, never copied into reports */
    OV_F_DATE,
    OV_F_YESNO,
    OV_F_CODE,      /* one value of a code table */
    OV_F_FUNCTIONS, /* a list of supervision functions */
    OV_F_INT
};

/* One field of a dataset's schema. */
typedef struct {
    const char *name; /* canonical name, e.g. "notes_recorded_date" */
    int required;
    enum ov_field_type type;
    const ov_code_table *codes; /* for OV_F_CODE */
} ov_field_def;

/* The schema of a dataset (static storage); *n receives the field count. */
const ov_field_def *ov_ingest_schema(enum ov_dataset ds, size_t *n);
/* Index of a canonical field name in ds's schema, or -1. */
int ov_ingest_field_index(enum ov_dataset ds, const char *name);

enum ov_ingest_status {
    OV_INGEST_OK = 0,   /* at least one agency has usable staff and sessions */
    OV_INGEST_NO_INPUT, /* nothing usable was found */
    OV_INGEST_CONFIG    /* a template (mapping profile) is broken */
};

typedef struct {
    const char *templates_dir; /* holds profiles/ */
    const char *profile;       /* profile for a self-audit folder, may be NULL */
} ov_ingest_config;

/* Loads root into out (which the caller frees with ov_data_free). Prints the
 * per-file counts through msg.h. */
enum ov_ingest_status ov_ingest_load(const char *root, const ov_ingest_config *cfg, ov_data *out);

/* Sorts out->issues into report order: partnership files, then agencies in
 * order, datasets in order, then line. */
void ov_ingest_sort_issues(ov_data *d);

#endif
