#ifndef CLAIMTRACE_CLIBXML2_SHIM_H
#define CLAIMTRACE_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// System ICU clashes with Foundation's copy; libxml2's ICU hooks are not needed here.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>

// Swift 6 refuses the global function pointer `xmlFree` as not concurrency-safe.
static inline void cxml_free(void *p) { xmlFree(p); }
// Silence libxml2's default error printer, which writes to stderr.
static void cxml_ignore_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void cxml_silence_errors(void) { xmlSetGenericErrorFunc(NULL, cxml_ignore_error); }
#endif
