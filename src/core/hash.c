/* hash.c — SHA-256 through libcrypto's EVP interface. */
#include "core/hash.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/mem.h"

/* Writes a 32-byte digest as lowercase hex into out[65]. */
static void to_hex(const unsigned char md[32], char out[65])
{
    for (unsigned i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
    out[64] = '\0';
}

/* SHA-256 of a buffer as lowercase hex. */
void ov_sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char md[32];
    unsigned int mdlen = 0;
    EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL);
    to_hex(md, out);
}

/* SHA-256 of a file, streamed. */
int ov_sha256_file(const char *path, char out[65], uint64_t *size)
{
    unsigned char md[32], chunk[65536];
    unsigned int mdlen = 0;
    uint64_t total = 0;
    int rc = -1;
    FILE *fp = fopen(path, "rb");
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!fp || !ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL))
        goto done;
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
        EVP_DigestUpdate(ctx, chunk, n);
        total += n;
    }
    if (ferror(fp) || !EVP_DigestFinal_ex(ctx, md, &mdlen))
        goto done;
    to_hex(md, out);
    if (size)
        *size = total;
    rc = 0;
done:
    if (fp)
        fclose(fp);
    EVP_MD_CTX_free(ctx);
    return rc;
}

/* SHA-256 of the rest of an open descriptor, streamed. */
int ov_sha256_fd(int fd, char out[65], uint64_t *size)
{
    unsigned char md[32], chunk[65536];
    unsigned int mdlen = 0;
    uint64_t total = 0;
    int rc = -1;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL))
        goto done;
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            goto done;
        if (n == 0)
            break;
        EVP_DigestUpdate(ctx, chunk, (size_t)n);
        total += (uint64_t)n;
    }
    if (!EVP_DigestFinal_ex(ctx, md, &mdlen))
        goto done;
    to_hex(md, out);
    if (size)
        *size = total;
    rc = 0;
done:
    EVP_MD_CTX_free(ctx);
    return rc;
}

struct ov_sha256 {
    EVP_MD_CTX *ctx;
};

/* Starts a streamed digest. */
ov_sha256 *ov_sha256_new(void)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx)
        return NULL;
    if (!EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
        EVP_MD_CTX_free(ctx);
        return NULL;
    }
    ov_sha256 *h = ov_xmalloc(sizeof *h);
    h->ctx = ctx;
    return h;
}

/* Adds bytes to a streamed digest. */
void ov_sha256_add(ov_sha256 *h, const void *data, size_t len)
{
    if (h && len)
        EVP_DigestUpdate(h->ctx, data, len);
}

/* Ends a streamed digest and frees it. */
void ov_sha256_finish(ov_sha256 *h, char out[65])
{
    unsigned char md[32];
    unsigned int mdlen = 0;
    if (out)
        out[0] = '\0';
    if (!h)
        return;
    if (EVP_DigestFinal_ex(h->ctx, md, &mdlen) && out)
        to_hex(md, out);
    EVP_MD_CTX_free(h->ctx);
    free(h);
}
