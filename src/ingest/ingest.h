/* ingest.h — loads a data folder (or a single agency folder) into typed
 * tables, applying the spec's acceptance rules: every row is accepted, or
 * rejected or warned about with file, line, field and a rule code. */
#ifndef OV_INGEST_INGEST_H
#define OV_INGEST_INGEST_H

#include <stddef.h>

#include "ingest/model.h"
#include "ingest/schema.h"

enum ov_ingest_status {
    OV_INGEST_OK = 0,   /* at least one agency has usable staff and sessions */
    OV_INGEST_NO_INPUT, /* nothing usable was found */
    OV_INGEST_CONFIG    /* a template (mapping profile) is broken */
};

typedef struct {
    const char *templates_dir; /* holds profiles/ */
    const char *profile;       /* profile for a self-audit folder, may be NULL */
    /* Recognises the metric_id of an action (normalised text): its metric
     * index, or -1 for a name that is no metric. The catalogue of metrics
     * lives in a higher layer, so the caller hands its lookup down. NULL: no
     * metric_id is recognised (each is warned about and treated as blank). */
    int (*metric_find)(const char *id);
    int threads; /* agencies read on this many threads; 0 = the processors available */
    /* Optional: called for each agency once its files are read and its
     * window set, on the thread that read it (agencies are read in parallel;
     * each call gets a different agency, and may read only that one of d).
     * Returns 1 to have the agency's records dropped at once
     * (ov_agency_drop_records), 0 to keep them. Memory then stays that of the
     * agencies being read, whatever the size of the partnership. */
    int (*agency_read)(void *ctx, const ov_data *d, int32_t agency);
    void *agency_ctx;
} ov_ingest_config;

/* Loads root into out (which the caller frees with ov_data_free). Prints the
 * per-file counts through msg.h. */
enum ov_ingest_status ov_ingest_load(const char *root, const ov_ingest_config *cfg, ov_data *out);

/* Loads only root/agencies.csv into out (the caller frees it with
 * ov_data_free): the agencies a partnership lists, for the Section 11
 * template. Returns OV_INGEST_OK, OV_INGEST_NO_INPUT when there is no usable
 * agencies.csv, or OV_INGEST_CONFIG. */
enum ov_ingest_status ov_ingest_agencies(const char *root, const ov_ingest_config *cfg,
                                         ov_data *out);

/* Sorts out->issues into report order: partnership files, then agencies in
 * order, datasets in order, then line. */
void ov_ingest_sort_issues(ov_data *d);

#endif
