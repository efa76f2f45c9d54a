/* hash.h — SHA-256 (libcrypto) of files, descriptors, buffers and streams, as
 * lowercase hex. */
#ifndef OV_CORE_HASH_H
#define OV_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

/* SHA-256 of a whole file via libcrypto: hex into out[65]; returns 0 or -1. */
int ov_sha256_file(const char *path, char out[65], uint64_t *size);
/* SHA-256 of what remains to be read from fd (read to its end, not closed):
 * hex into out[65] and the bytes read into *size (may be NULL); returns 0 or -1. */
int ov_sha256_fd(int fd, char out[65], uint64_t *size);
/* SHA-256 of a buffer as lowercase hex into out[65]. */
void ov_sha256_hex(const void *data, size_t len, char out[65]);

/* A SHA-256 worked out piece by piece (bytes handed over as they are written). */
typedef struct ov_sha256 ov_sha256;
/* Starts a digest; returns it (the caller ends it with ov_sha256_finish), or NULL
 * when libcrypto cannot. */
ov_sha256 *ov_sha256_new(void);
/* Adds len bytes of data to the digest. */
void ov_sha256_add(ov_sha256 *h, const void *data, size_t len);
/* Ends the digest: hex into out[65] (NULL: discarded); frees h. Accepts NULL h. */
void ov_sha256_finish(ov_sha256 *h, char out[65]);

#endif
