#ifndef CLAIMTRACE_CCRYPTO_SHIM_H
#define CLAIMTRACE_CCRYPTO_SHIM_H
#include <openssl/evp.h>

// One-shot SHA-256 through the EVP interface (the SHA256_* calls are deprecated in OpenSSL 3).
static inline int ccrypto_sha256(const void *data, size_t length, unsigned char out[32]) {
    unsigned int written = 0;
    return EVP_Digest(data, length, out, &written, EVP_sha256(), NULL);
}
#endif
