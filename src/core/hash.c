/* hash.c — SHA-256 through libcrypto's EVP interface. */
#include "core/hash.h"

#include <stdio.h>
#include <openssl/evp.h>

/* SHA-256 of a buffer as lowercase hex. */
void ov_sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char md[32];
    unsigned int mdlen = 0;
    EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL);
    for (unsigned i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
    out[64] = '\0';
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
    for (unsigned i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
    out[64] = '\0';
    if (size)
        *size = total;
    rc = 0;
done:
    if (fp)
        fclose(fp);
    EVP_MD_CTX_free(ctx);
    return rc;
}
