// Implementation of cicu.h: the only file that includes ICU's own headers.
#include "cicu.h"
#include <unicode/ubrk.h>
#include <unicode/uversion.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <stdio.h>
#include <string.h>

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

int32_t zt_transliterate(const char *id, uint16_t *text, int32_t length, int32_t capacity) {
    UErrorCode err = U_ZERO_ERROR;
    UChar uid[128];
    if (strlen(id) >= 128) return -1;
    u_uastrcpy(uid, id);
    UParseError perr;
    UTransliterator *t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, &perr, &err);
    if (U_FAILURE(err)) return -(int32_t)err - 1;
    int32_t len = length, limit = length;
    utrans_transUChars(t, (UChar *)text, &len, capacity, 0, &limit, &err);
    utrans_close(t);
    if (U_FAILURE(err)) return -(int32_t)err - 1;
    return len;
}

int32_t zt_encodable(const char *charset, const uint16_t *chars, int32_t n, uint8_t *out) {
    UErrorCode err = U_ZERO_ERROR;
    UConverter *c = ucnv_open(charset, &err);
    if (U_FAILURE(err)) return -(int32_t)err - 1;
    ucnv_setFromUCallBack(c, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
    if (U_FAILURE(err)) { ucnv_close(c); return -(int32_t)err - 1; }
    char buf[16];
    for (int32_t i = 0; i < n; i++) {
        UErrorCode e = U_ZERO_ERROR;
        UChar u = (UChar)chars[i];
        ucnv_reset(c);
        ucnv_fromUChars(c, buf, sizeof buf, &u, 1, &e);
        out[i] = U_SUCCESS(e) ? 1 : 0;
    }
    ucnv_close(c);
    return 0;
}

const char *zt_icu_version(void) {
    static char buf[U_MAX_VERSION_STRING_LENGTH];
    UVersionInfo v;
    u_getVersion(v);
    u_versionToString(v, buf);
    return buf;
}
