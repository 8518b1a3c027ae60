// Implementation of cicu.h: the only file that includes ICU's own headers.
#include "cicu.h"
#include <unicode/ubrk.h>
#include <unicode/uversion.h>
#include <stdio.h>

static _Thread_local UBreakIterator *word_breaker = NULL;

int32_t zt_word_breaks(const uint16_t *text, int32_t length,
                       int32_t *boundaries, int32_t *statuses, int32_t capacity) {
    UErrorCode err = U_ZERO_ERROR;
    if (word_breaker == NULL) {
        word_breaker = ubrk_open(UBRK_WORD, "zh", NULL, 0, &err);
        if (U_FAILURE(err)) { word_breaker = NULL; return -(int32_t)err - 1; }
    }
    ubrk_setText(word_breaker, (const UChar *)text, length, &err);
    if (U_FAILURE(err)) return -(int32_t)err - 1;
    int32_t n = 0;
    int32_t b = ubrk_first(word_breaker);
    while (b != UBRK_DONE && n < capacity) {
        boundaries[n] = b;
        statuses[n] = n == 0 ? 0 : ubrk_getRuleStatus(word_breaker);
        n++;
        b = ubrk_next(word_breaker);
    }
    return n;
}

const char *zt_icu_version(void) {
    static char buf[U_MAX_VERSION_STRING_LENGTH];
    UVersionInfo v;
    u_getVersion(v);
    u_versionToString(v, buf);
    return buf;
}
