/* hash.h — SHA-256 (libcrypto) of files and buffers, as lowercase hex. */
#ifndef OV_CORE_HASH_H
#define OV_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

/* SHA-256 of a whole file via libcrypto: hex into out[65]; returns 0 or -1. */
int ov_sha256_file(const char *path, char out[65], uint64_t *size);
/* SHA-256 of a buffer as lowercase hex into out[65]. */
void ov_sha256_hex(const void *data, size_t len, char out[65]);

#endif
