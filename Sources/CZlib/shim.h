#ifndef CLAIMTRACE_CZLIB_SHIM_H
#define CLAIMTRACE_CZLIB_SHIM_H
#include <zlib.h>
// inflateInit2 is a macro; Swift cannot call macros.
static inline int czlib_inflate_init_gzip(z_streamp strm) {
    return inflateInit2(strm, 15 + 16);
}
// Window bits 15 + 32 detect a gzip or a zlib header by themselves (HTTP "deflate" is zlib).
static inline int czlib_inflate_init_auto(z_streamp strm) {
    return inflateInit2(strm, 15 + 32);
}
// deflateInit2 is a macro as well; window bits 15 + 16 write a gzip member.
static inline int czlib_deflate_init_gzip(z_streamp strm, int level) {
    return deflateInit2(strm, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
#endif
